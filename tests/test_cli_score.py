"""workbench score: the JSON contract, the human report and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from tests_support import run

from workbench.domain import scoring

HYP = [
    "세계 인공지능 대회가 상하이에서 열렸다.",
    "",
    "원거테크놀러지는 새 모델을 발표했다.",
    "스쥔 CEO는 말했다.",
    "거래 규모는 3천200억 원이었다.",
]
REF = [
    "세계인공지능대회(WAIC)가 상하이에서 열렸다.",
    "",
    "원거테크놀러지(中科聞歌)가 새로운 모델을 발표했다.",
    '스쥔(史軍) CEO는 "AI는 도구일 뿐이다"라고 말했다.',
    "거래 규모는 3천200억 원이었다.",
]


def write_lines(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.write_text("".join(line + newline for line in lines), encoding="utf-8", newline="")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_lines(tmp_path / "hyp.txt", HYP), write_lines(tmp_path / "ref.txt", REF)


def test_json_has_sacrebleus_scores_signatures_and_worst_segments(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    hyp, ref = files
    code, out, err = run(capsys, "score", str(hyp), str(ref), "--json", "--worst", "2")
    assert code == 0, err
    shown = json.loads(out)
    assert list(shown) == ["bleu", "chrf", "ter", "worst"]
    for key, metric in (("bleu", BLEU(tokenize="char")), ("chrf", CHRF()), ("ter", TER())):
        assert shown[key] == {
            "score": metric.corpus_score(HYP, [REF]).score,
            "signature": str(metric.get_signature()),
        }
    assert [set(item) for item in shown["worst"]] == [
        {"line", "score", "hypothesis", "reference"}
    ] * 2
    first = shown["worst"][0]
    assert first["line"] == 4
    assert (first["hypothesis"], first["reference"]) == (HYP[3], REF[3])
    assert first["score"] == sacrebleu.sentence_chrf(HYP[3], [REF[3]]).score
    assert first["score"] <= shown["worst"][1]["score"]


def test_json_has_keys_only_for_the_chosen_metrics(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    hyp, ref = files
    code, out, _ = run(
        capsys, "score", str(hyp), str(ref), "--json", "--metrics", "chrf", "--chrf-word-order", "2"
    )
    assert code == 0
    shown = json.loads(out)
    assert list(shown) == ["chrf", "worst"]
    chrf_pp = CHRF(word_order=2)
    assert shown["chrf"]["score"] == chrf_pp.corpus_score(HYP, [REF]).score
    assert shown["chrf"]["signature"] == str(chrf_pp.get_signature())
    assert "nw:2" in shown["chrf"]["signature"]
    assert len(shown["worst"]) == 4  # the line blank in both files is not a candidate


def test_lang_and_tokenize_choose_the_bleu_tokenizer(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    hyp, ref = files
    code, out, _ = run(capsys, "score", str(hyp), str(ref), "--json", "--lang", "en")
    assert code == 0 and "tok:13a|" in json.loads(out)["bleu"]["signature"]
    code, out, _ = run(capsys, "score", str(hyp), str(ref), "--json", "--tokenize", "intl")
    bleu = json.loads(out)["bleu"]
    assert code == 0 and "tok:intl|" in bleu["signature"]
    assert bleu["score"] == BLEU(tokenize="intl").corpus_score(HYP, [REF]).score


def test_chinese_target_gets_the_zh_tokenizer_and_character_ter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hyp = write_lines(tmp_path / "hyp.zh", ["中科闻歌发布了新模型。", "史军说人工智能只是工具。"])
    ref = write_lines(tmp_path / "ref.zh", ["中科闻歌发布了新的模型。", "史军表示人工智能是工具。"])
    code, out, _ = run(capsys, "score", str(hyp), str(ref), "--json")
    shown = json.loads(out)
    assert code == 0
    assert "tok:zh|" in shown["bleu"]["signature"]
    assert "asian:yes" in shown["ter"]["signature"]


def test_japanese_without_mecab_falls_back_to_char_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scoring, "_ja_mecab_available", lambda: False)
    hyp = write_lines(tmp_path / "hyp.ja", ["中科聞歌は新しいモデルを発表した。"])
    ref = write_lines(tmp_path / "ref.ja", ["中科聞歌が新たなモデルを発表した。"])
    code, out, err = run(capsys, "score", str(hyp), str(ref), "--json")
    assert code == 0
    assert "tok:char|" in json.loads(out)["bleu"]["signature"]
    assert "ja-mecab is not installed" in err and err.count("\n") == 1


def test_human_output_lists_scores_with_signatures_then_worst_segments(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    hyp, ref = files
    code, out, err = run(capsys, "score", str(hyp), str(ref), "--worst", "1")
    assert code == 0 and err == ""
    lines = out.splitlines()
    bleu = BLEU(tokenize="char")
    value = bleu.corpus_score(HYP, [REF]).score
    assert lines[0].split() == ["BLEU", f"{value:.2f}", str(bleu.get_signature())]
    assert lines[1].startswith("chrF2 ") and "nc:6|nw:0" in lines[1]
    assert lines[2].startswith("TER ") and "tok:tercom" in lines[2]
    assert "lowest chrF" in out and "1 of 5 segments" in out
    assert lines[-2].split()[0] == "4" and lines[-2].endswith(HYP[3])
    assert lines[-1].endswith(REF[3])


def test_worst_zero_leaves_the_segment_list_out(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    hyp, ref = files
    code, out, _ = run(capsys, "score", str(hyp), str(ref), "--worst", "0")
    assert code == 0 and "lowest" not in out and len(out.splitlines()) == 3
    code, out, _ = run(capsys, "score", str(hyp), str(ref), "--worst", "0", "--json")
    assert code == 0 and json.loads(out)["worst"] == []


def test_windows_line_ends_and_a_missing_final_newline_are_the_same_lines(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    hyp, ref = files
    crlf = write_lines(tmp_path / "crlf.txt", HYP, "\r\n")
    bare = tmp_path / "bare.txt"
    bare.write_text("\n".join(HYP), encoding="utf-8")
    expected = run(capsys, "score", str(hyp), str(ref), "--json")[1]
    assert run(capsys, "score", str(crlf), str(ref), "--json")[1] == expected
    assert run(capsys, "score", str(bare), str(ref), "--json")[1] == expected


def test_mismatched_line_counts_exit_2_naming_both_files(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    hyp, _ = files
    short = write_lines(tmp_path / "short.txt", REF[:3])
    code, out, err = run(capsys, "score", str(hyp), str(short))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert f"{hyp} has 5 lines but {short} has 3" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--metrics", "bleu,meteor"], "unknown metric meteor"),
        (["--tokenize", "moses"], "unknown tokenizer 'moses'"),
        (["--lang", "xx-yy-zz"], "unknown language"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], args: list[str], expected: str
) -> None:
    hyp, ref = files
    code, out, err = run(capsys, "score", str(hyp), str(ref), *args)
    assert code == 2 and out == ""
    assert expected in err and err.count("\n") == 1


def test_missing_file_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    _, ref = files
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "score", str(missing), str(ref))
    assert code == 2 and out == ""
    assert f"{missing}: no such file" in err and err.count("\n") == 1


def test_files_that_are_not_utf8_or_empty_exit_2(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    _, ref = files
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9\n".encode("latin-1"))
    code, _, err = run(capsys, "score", str(latin1), str(ref))
    # one decoding and one message for every reader (issue 17): line and column, then why
    assert code == 2 and f"{latin1}:1:4: not valid UTF-8" in err
    empty_hyp, empty_ref = tmp_path / "a.txt", tmp_path / "b.txt"
    empty_hyp.write_text("", encoding="utf-8")
    empty_ref.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "score", str(empty_hyp), str(empty_ref))
    assert code == 2 and "nothing to score" in err and err.count("\n") == 1
