"""Scores are sacrebleu's own numbers and signatures; the tokenizer follows the target language."""

from __future__ import annotations

import importlib.util

import pytest
import sacrebleu
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from workbench.domain import scoring
from workbench.domain.scoring import (
    ScoringError,
    parse_metrics,
    post_edit_distance,
    score_corpus,
    target_language,
    tokenizer_for,
    worst_segments,
)

MECAB = importlib.util.find_spec("MeCab") is not None

# (lang, hypotheses, references): each with a blank line pair and text beyond ASCII.
SAMPLES = {
    "en": (
        [
            "Beijing Wenge Technology unveiled a new model on August 15.",
            "",
            "SenseTime’s CEO said “AI is only a tool”.",
            "The fair drew 320 billion won in deals — a record.",
            "Café owners in Zürich welcomed it.",
        ],
        [
            "Beijing Wenge Technology released a new model on August 15.",
            "",
            "The CEO of SenseTime said: “AI is just a tool.”",
            "Deals at the fair reached 320 billion won, a record.",
            "Café owners in Zürich welcomed the news.",
        ],
    ),
    "ko": (
        [
            "세계 인공지능 대회가 상하이에서 열렸다.",
            "",
            "원거테크놀러지는 새 모델을 발표했다.",
            '스쥔 CEO는 "AI는 도구다"라고 말했다.',
            "거래 규모는 3천200억 원이었다.",
        ],
        [
            "세계인공지능대회(WAIC)가 상하이에서 열렸다.",
            "",
            "원거테크놀러지(中科聞歌)가 새로운 모델을 발표했다.",
            '스쥔(史軍) CEO는 "AI는 도구일 뿐이다"라고 말했다.',
            "거래 규모는 3천200억 원에 달했다.",
        ],
    ),
    "zh": (
        [
            "世界人工智能大会在上海举行。",
            "",
            "中科闻歌发布了新模型。",
            "史军说：“人工智能只是工具。”",
            "交易额达到三千二百亿韩元。",
        ],
        [
            "世界人工智能大会在上海开幕。",
            "",
            "中科闻歌发布了一款新的模型。",
            "史军表示：“人工智能只是一种工具。”",
            "交易额达三千二百亿韩元。",
        ],
    ),
    "ja": (
        [
            "世界人工知能大会が上海で開かれた。",
            "",
            "中科聞歌は新しいモデルを発表した。",
            "史軍CEOは「AIは道具だ」と述べた。",
            "取引額は3200億ウォンだった。",
        ],
        [
            "世界人工知能大会が上海で開催された。",
            "",
            "中科聞歌が新たなモデルを発表した。",
            "史軍CEOは「AIは道具にすぎない」と語った。",
            "取引額は3200億ウォンに達した。",
        ],
    ),
}
# What sacrebleu is given for each language when called directly.
BLEU_TOKENIZER = {"en": "13a", "ko": "char", "zh": "zh", "ja": "ja-mecab" if MECAB else "char"}
TER_SPLITS_CHARACTERS = {"en": False, "ko": False, "zh": True, "ja": True}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("given_lang", [True, False], ids=["lang-given", "lang-detected"])
def test_corpus_scores_are_sacrebleus_own(lang: str, given_lang: bool) -> None:
    hyps, refs = SAMPLES[lang]
    scores = score_corpus(hyps, refs, lang=lang if given_lang else None)
    bleu = BLEU(tokenize=BLEU_TOKENIZER[lang])
    chrf = CHRF()
    split = TER_SPLITS_CHARACTERS[lang]
    ter = TER(normalized=split, asian_support=split)
    for key, metric in (("bleu", bleu), ("chrf", chrf), ("ter", ter)):
        expected = metric.corpus_score(hyps, [refs])
        assert scores[key].value == expected.score, key
        assert scores[key].name == expected.name
        assert scores[key].signature == str(metric.get_signature())
    assert list(scores) == ["bleu", "chrf", "ter"]
    assert f"tok:{BLEU_TOKENIZER[lang]}|" in scores["bleu"].signature
    assert ("asian:yes" in scores["ter"].signature) is split


def test_chrf_plus_plus_with_word_order_two() -> None:
    hyps, refs = SAMPLES["ko"]
    (score,) = score_corpus(hyps, refs, ["chrf"], chrf_word_order=2).values()
    direct = CHRF(word_order=2)
    assert score.value == direct.corpus_score(hyps, [refs]).score
    assert score.name == "chrF2++"
    assert score.signature == str(direct.get_signature())
    assert "nw:2" in score.signature


def test_only_the_chosen_metrics_are_computed() -> None:
    hyps, refs = SAMPLES["en"]
    assert list(score_corpus(hyps, refs, ["ter", "chrf"])) == ["chrf", "ter"]
    assert list(score_corpus(hyps, refs, ["bleu"], lang="en")) == ["bleu"]


def test_tokenize_overrides_the_language_choice() -> None:
    hyps, refs = SAMPLES["zh"]
    score = score_corpus(hyps, refs, ["bleu"], tokenize="char", lang="zh")["bleu"]
    assert score.value == BLEU(tokenize="char").corpus_score(hyps, [refs]).score
    assert "tok:char|" in score.signature


def test_perfect_translation_scores_full_marks() -> None:
    _, refs = SAMPLES["ko"]
    scores = score_corpus(refs, refs)
    assert scores["bleu"].value == pytest.approx(100)
    assert scores["chrf"].value == pytest.approx(100)
    assert scores["ter"].value == 0


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "zh"),
        ("zh-Hant", "zh"),
        ("zh-Hans", "zh"),
        ("ko", "char"),
        ("ko-KR", "char"),
        ("en", "13a"),
        ("en-GB", "13a"),
        ("de", "13a"),
        ("ru", "13a"),
        ("und", "13a"),
        (None, "13a"),
    ],
)
def test_tokenizer_choice(lang: str | None, expected: str) -> None:
    choice = tokenizer_for(lang)
    assert (choice.name, choice.note) == (expected, None)


@pytest.mark.parametrize(
    ("available", "expected", "noted"), [(True, "ja-mecab", False), (False, "char", True)]
)
def test_japanese_uses_mecab_only_when_it_is_installed(
    monkeypatch: pytest.MonkeyPatch, available: bool, expected: str, noted: bool
) -> None:
    monkeypatch.setattr(scoring, "_ja_mecab_available", lambda: available)
    choice = tokenizer_for("ja")
    assert choice.name == expected
    assert (choice.note is not None) is noted
    if noted:
        assert "ja-mecab" in str(choice.note) and "char" in str(choice.note)


def test_mecab_availability_is_what_is_installed() -> None:
    assert scoring._ja_mecab_available() is MECAB


@pytest.mark.parametrize(
    ("references", "expected"),
    [
        (SAMPLES["ko"][1], "ko"),
        (SAMPLES["ja"][1], "ja"),
        (SAMPLES["en"][1], "en"),
        (["", ""], "und"),
    ],
)
def test_target_language_is_detected_by_script(references: list[str], expected: str) -> None:
    assert target_language(references) == expected


def test_chinese_references_are_detected_as_chinese() -> None:
    assert target_language(SAMPLES["zh"][1]).startswith("zh")


def test_given_target_language_is_normalised_not_detected() -> None:
    assert target_language(SAMPLES["ko"][1], "zh_hant") == "zh-Hant"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bleu,chrf,ter", ("bleu", "chrf", "ter")),
        ("ter,bleu", ("bleu", "ter")),
        (" CHRF , chrf ", ("chrf",)),
    ],
)
def test_metric_lists_are_parsed_in_report_order(text: str, expected: tuple[str, ...]) -> None:
    assert parse_metrics(text) == expected


@pytest.mark.parametrize(("text", "message"), [("bleu,meteor", "meteor"), (" , ", "no metric")])
def test_bad_metric_lists_are_refused(text: str, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        parse_metrics(text)


def test_unknown_tokenizer_is_refused() -> None:
    with pytest.raises(ScoringError, match="unknown tokenizer 'moses'"):
        score_corpus(["a"], ["a"], ["bleu"], tokenize="moses")


@pytest.mark.skipif(MECAB, reason="MeCab is installed here")
def test_tokenizer_without_its_packages_is_refused_in_one_line() -> None:
    with pytest.raises(ScoringError, match="'ja-mecab' cannot be used") as caught:
        score_corpus(["a"], ["a"], ["bleu"], tokenize="ja-mecab")
    assert "\n" not in str(caught.value)


def test_unaligned_inputs_are_refused() -> None:
    with pytest.raises(ScoringError, match="2 hypotheses but 1 references"):
        score_corpus(["a", "b"], ["a"])
    with pytest.raises(ScoringError):
        worst_segments(["a"], [], 3)


def test_unknown_metric_is_refused_by_score_corpus() -> None:
    with pytest.raises(ScoringError, match="meteor"):
        score_corpus(["a"], ["a"], ["meteor"])


def test_worst_segments_are_the_lowest_sentence_chrf_first() -> None:
    hyps, refs = SAMPLES["ko"]
    worst = worst_segments(hyps, refs, 10)
    direct = {
        line: sacrebleu.sentence_chrf(hyp, [ref]).score
        for line, (hyp, ref) in enumerate(zip(hyps, refs, strict=True), start=1)
    }
    assert [s.line for s in worst] == sorted(
        (line for line in direct if line != 2), key=lambda line: direct[line]
    )
    assert [s.score for s in worst] == sorted(s.score for s in worst)
    for segment in worst:
        assert segment.score == direct[segment.line]
        assert (segment.hypothesis, segment.reference) == (
            hyps[segment.line - 1],
            refs[segment.line - 1],
        )


def test_worst_segments_stop_at_count_and_break_ties_by_line() -> None:
    hyps = ["same", "x", "same", "", "other", "same"]
    refs = ["same", "y", "same", "", "thing", "same"]
    worst = worst_segments(hyps, refs, 4)
    assert [s.line for s in worst] == [2, 5, 1, 3]
    assert worst_segments(hyps, refs, 0) == []


def test_worst_segments_use_chrf_plus_plus_when_asked() -> None:
    hyps, refs = SAMPLES["en"]
    worst = worst_segments(hyps, refs, 1, chrf_word_order=2)
    (segment,) = worst
    expected = sacrebleu.sentence_chrf(hyps[segment.line - 1], [refs[segment.line - 1]], 6, 2)
    assert segment.score == expected.score


def test_a_line_blank_in_only_one_file_is_kept() -> None:
    worst = worst_segments(["", "a b"], ["missing translation", "a b"], 5)
    assert [(s.line, s.score) for s in worst] == [(1, 0.0), (2, 100.0)]


@pytest.mark.parametrize(
    ("lang", "suggestion"),
    [
        ("en", "Beijing Wenge Technology unveiled a new model."),
        ("ko", "원거테크놀러지는 새 모델을 발표했다."),
        ("zh", "中科闻歌发布了新模型。"),
        ("ja", "中科聞歌は新しいモデルを発表した。"),
    ],
)
def test_post_edit_distance_is_zero_when_unchanged(lang: str, suggestion: str) -> None:
    score = post_edit_distance(suggestion, suggestion, lang)
    assert score.value == 0
    assert score.name == "TER"
    assert score.signature.startswith("nrefs:1|case:mixed|tok:tercom|")
    assert "version:" in score.signature


@pytest.mark.parametrize(
    ("lang", "suggestion", "edited", "more_edited"),
    [
        (
            "en",
            "Beijing Wenge Technology unveiled a new model.",
            "Beijing Wenge Technology released a new model.",
            "Beijing Wenge Technology released its newest language model today.",
        ),
        (
            "ko",
            "원거테크놀러지는 새 모델을 발표했다.",
            "원거테크놀러지가 새 모델을 발표했다.",
            "원거테크놀러지가 새로운 언어 모델을 공개했다.",
        ),
        (
            "zh",
            "中科闻歌发布了新模型。",
            "中科闻歌发布了新的模型。",
            "中科闻歌今天推出了一款新的大模型。",
        ),
        (
            "ja",
            "中科聞歌は新しいモデルを発表した。",
            "中科聞歌が新しいモデルを発表した。",
            "中科聞歌が本日、新たな言語モデルを公開した。",
        ),
    ],
)
def test_post_edit_distance_grows_with_the_edits(
    lang: str, suggestion: str, edited: str, more_edited: str
) -> None:
    small = post_edit_distance(suggestion, edited, lang)
    large = post_edit_distance(suggestion, more_edited, lang)
    assert 0 < small.value < large.value
    split = TER_SPLITS_CHARACTERS[lang]
    direct = TER(normalized=split, asian_support=split, case_sensitive=True)
    assert small.value == direct.sentence_score(suggestion, [edited]).score
    assert small.signature == str(direct.get_signature())


def test_post_edit_distance_counts_a_change_of_case() -> None:
    assert post_edit_distance("Sensetime said", "SenseTime said", "en").value == 50
