"""Language identification: script rules, the QA verdict, determinism and the real corpora."""

from __future__ import annotations

import itertools
import json
import random
import re
import subprocess
import sys

import pytest
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import langid
from workbench.domain.langid import (
    BackendUnavailableError,
    Verdict,
    available_backends,
    detect_document_language,
    detect_language,
    looks_like,
    looks_like_many,
)

PARALLEL = SHARED / "corpus" / "parallel"

DETECTIONS = [
    ("Hangul is Korean", "센스타임은 상하이에서 새 모델을 공개했다.", "ko", "script"),
    (
        "a Korean sentence with an English name is Korean",
        "센스타임(SenseTime)은 세계인공지능대회(WAIC)에서 새 모델을 공개했다.",
        "ko",
        "script",
    ),
    (
        "a Korean sentence full of Hanja is Korean while Hangul dominates",
        "정부는 北韓 核問題에 대해 强硬한 立場을 밝혔다.",
        "ko",
        "script",
    ),
    (
        "kanji with kana is Japanese, not Chinese",
        "東京都知事選挙の結果が発表された",
        "ja",
        "script",
    ),
    ("a katakana headline is Japanese", "ソニーが新型AIチップを発表", "ja", "script"),
    ("Traditional Han", "中科聞歌在上海發表了新模型", "zh-Hant", "script"),
    ("Simplified Han", "中科闻歌在上海发表了新模型", "zh-Hans", "script"),
    ("Han that reads the same in both scripts is plain zh", "人工智能", "zh", "script"),
    (
        "English",
        "The conference opened in Shanghai on Saturday with record attendance.",
        "en",
        "langdetect",
    ),
    (
        "an English sentence with a Chinese name is English",
        "Beijing Wenge Technology (中科聞歌) showed its new model at the conference.",
        "en",
        "langdetect",
    ),
    (
        "French",
        "La conférence s'est ouverte samedi à Shanghai avec une participation record.",
        "fr",
        "langdetect",
    ),
    (
        "German",
        "Die Konferenz wurde am Samstag in Shanghai mit einer Rekordbeteiligung eröffnet.",
        "de",
        "langdetect",
    ),
    (
        "Russian goes to the model of the other alphabets",
        "Конференция открылась в субботу в Шанхае с рекордным числом участников.",
        "ru",
        "langdetect",
    ),
    ("no letters", "2025-07-26 12:00", "und", "script"),
    ("a URL is not language", "https://www.waic.cn/2025/agenda", "und", "script"),
]


@pytest.mark.parametrize(
    ("text", "lang", "method"), [d[1:] for d in DETECTIONS], ids=[d[0] for d in DETECTIONS]
)
def test_detect_language(text: str, lang: str, method: str) -> None:
    detection = detect_language(text)
    assert (detection.lang, detection.method) == (lang, method)
    assert 0.0 <= detection.probability <= 1.0


RELIABILITY = [
    ("a long English sentence", "The conference opened in Shanghai with record attendance.", True),
    ("a short English sentence has too few letters", "This is fine.", False),
    ("a Korean sentence", "센스타임은 상하이에서 새 모델을 공개했다.", True),
    ("English names inside a Korean sentence take nothing away", "Judy와 Betty는 자매이다.", True),
    ("two Hangul syllables are too few", "안녕!", False),
    (
        "a glossary line, half English words, is not surely Korean",
        "despondent 실망한, 낙담한",
        False,
    ),
    ("nothing to go by", "12:00", False),
]


@pytest.mark.parametrize(
    ("text", "reliable"), [r[1:] for r in RELIABILITY], ids=[r[0] for r in RELIABILITY]
)
def test_reliable(text: str, reliable: bool) -> None:
    assert detect_language(text).reliable is reliable


OK = [
    ("Korean target", "센스타임은 상하이에서 새 모델을 공개했다.", "ko"),
    (
        "a Korean target with an English name inside",
        "센스타임(SenseTime)은 세계인공지능대회(WAIC)에서 새 모델을 공개했다.",
        "ko",
    ),
    ("a Korean target full of Hanja", "정부는 北韓 核問題에 대해 强硬한 立場을 밝혔다.", "ko"),
    ("Latin names in a short Korean target", "Judy와 Betty는 자매이다.", "ko"),
    (
        "an English target with a Chinese name inside",
        "Beijing Wenge Technology (中科聞歌) showed its new model at the conference.",
        "en",
    ),
    ("a regional tag", "The conference opened in Shanghai with record attendance.", "en-US"),
    ("a Japanese target with kanji and kana", "東京都知事選挙の結果が発表された", "ja"),
    (
        "Traditional Chinese where Simplified is expected is still Chinese",
        "中科聞歌在上海發表了新模型",
        "zh-Hans",
    ),
    (
        "French target",
        "La conférence s'est ouverte samedi à Shanghai avec une participation record.",
        "fr",
    ),
    (
        "nb against langdetect's no",
        "Konferansen åpnet i Shanghai på lørdag med rekordmange deltakere.",
        "nb",
    ),
]

UNDECIDED = [
    ("a Latin name in a Korean target", "SenseTime", "ko", "too short"),
    ("an acronym and a year", "WAIC 2025", "ko", "too short"),
    ("a role acronym", "CEO", "ko", "too short"),
    ("a URL", "https://www.waic.cn/2025/agenda", "ko", "no letters"),
    ("an e-mail address", "press@sensetime.com", "ko", "no letters"),
    ("a number", "3,200", "en", "no letters"),
    ("a title kept in English", "World Artificial Intelligence Conference", "ko", "names only"),
    ("a company name kept in English", "Beijing Wenge Technology Co., Ltd.", "ko", "names only"),
    ("a short English reply in a Korean target", "Thank you very much.", "ko", "too short"),
    ("a short Korean reply in an English target", "안녕!", "en", "too short"),
    ("a two-character Chinese name", "史軍", "ko", "too short"),
    ("a glossed name in an English target", "SenseTime(센스타임)", "en", "too short"),
    (
        "an English target that is half Korean",
        "SenseTime Group (센스타임그룹) 발표",
        "en",
        "mixed scripts",
    ),
    (
        "a Korean target that is a bilingual headline",
        "Bush nudges Israel toward peace talks 부시, 중동 평화 회담 종용",
        "ko",
        "mixed scripts",
    ),
    ("an all-kanji Japanese name", "東京都知事選挙", "ja", "kanji only"),
    (
        "a language langdetect has no profile for",
        "Persidangan itu dibuka di Shanghai pada hari Sabtu.",
        "ms",
        "langdetect does not know ms",
    ),
]

WRONG = [
    (
        "English left in a Korean target",
        "The conference opened in Shanghai on Saturday with record attendance.",
        "ko",
        "en",
    ),
    ("Korean in an English target", "센스타임은 상하이에서 새 모델을 공개했다.", "en", "ko"),
    ("Chinese in a Korean target", "中科闻歌在上海发表了新模型", "ko", "zh-Hans"),
    ("Japanese in a Chinese target", "東京都知事選挙の結果が発表された", "zh", "ja"),
    ("Korean in a Japanese target", "센스타임은 상하이에서 새 모델을 공개했다.", "ja", "ko"),
    (
        "a long Chinese sentence in a Japanese target",
        "上海世界人工智能大会今天在世博中心隆重开幕来自全球的专家学者齐聚一堂",
        "ja",
        "zh-Hans",
    ),
    (
        "English in a French target",
        "The conference opened in Shanghai on Saturday with record attendance.",
        "fr",
        "en",
    ),
    (
        "French in an English target",
        "La conférence s'est ouverte samedi à Shanghai avec une participation record.",
        "en",
        "fr",
    ),
    (
        "Spanish in a Portuguese target",
        "Ella presentó el nuevo modelo en la conferencia de Shanghái.",
        "pt",
        "es",
    ),
    (
        "Russian in an English target",
        "Конференция открылась в субботу в Шанхае с рекордным числом участников.",
        "en",
        "ru",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [o[1:] for o in OK], ids=[o[0] for o in OK])
def test_looks_like_ok(text: str, expected: str) -> None:
    verdict = looks_like(text, expected)
    assert verdict.status is Verdict.OK, verdict
    assert not verdict.wrong


@pytest.mark.parametrize(
    ("text", "expected", "reason"), [u[1:] for u in UNDECIDED], ids=[u[0] for u in UNDECIDED]
)
def test_looks_like_no_alarm(text: str, expected: str, reason: str) -> None:
    verdict = looks_like(text, expected)
    assert (verdict.status, verdict.reason) == (Verdict.UNDECIDED, reason)
    assert not verdict.wrong


@pytest.mark.parametrize(
    ("text", "expected", "detected"), [w[1:] for w in WRONG], ids=[w[0] for w in WRONG]
)
def test_looks_like_wrong(text: str, expected: str, detected: str) -> None:
    verdict = looks_like(text, expected)
    assert verdict.status is Verdict.WRONG, verdict
    assert verdict.wrong
    assert verdict.lang == detected
    assert verdict.probability >= langid.WRONG_PROBABILITY["langdetect"]


def test_short_texts_carry_no_detection() -> None:
    verdict = looks_like("SenseTime", "ko")
    assert (verdict.lang, verdict.probability) == (None, 0.0)


def test_unknown_expected_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        looks_like("센스타임은 상하이에서 새 모델을 공개했다.", "not a tag")


DOCUMENTS = [
    (
        "Korean news with names and glosses",
        [
            "세계인공지능대회(WAIC)가 상하이에서 열렸다.",
            "센스타임(SenseTime)과 원거테크놀러지(Beijing Wenge Technology, 中科聞歌)가 참가했다.",
            "스쥔(史軍) 대표는 새 모델을 소개했다.",
        ],
        "ko",
        True,
    ),
    (
        "English with a Korean gloss",
        [
            "The World Artificial Intelligence Conference opened in Shanghai on Saturday.",
            "SenseTime (센스타임) and Baidu showed their newest models to the visitors.",
        ],
        "en",
        True,
    ),
    (
        "Traditional Chinese",
        ["中科聞歌在上海發表了新模型。", "世界人工智能大會今天開幕。"],
        "zh-Hant",
        True,
    ),
    ("Japanese", ["東京都知事選挙の結果が発表された。", "投票率は前回を上回った。"], "ja", True),
    (
        "half Korean, half English",
        ["센스타임은 새 모델을 공개했다.", "SenseTime showed a model."],
        "ko",
        False,
    ),
    ("empty", [], "und", False),
]


@pytest.mark.parametrize(
    ("paragraphs", "lang", "reliable"), [d[1:] for d in DOCUMENTS], ids=[d[0] for d in DOCUMENTS]
)
def test_detect_document_language(paragraphs: list[str], lang: str, reliable: bool) -> None:
    detection = detect_document_language(paragraphs)
    assert (detection.lang, detection.reliable) == (lang, reliable)


def test_document_is_sampled_from_its_start() -> None:
    endless = itertools.repeat("센스타임은 상하이에서 새 모델을 공개했다.")
    assert detect_document_language(endless).lang == "ko"


def test_document_in_the_shared_corpus() -> None:
    path = SHARED / "corpus" / "waic-2025-ko.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared corpus sits beside a full checkout)")
    detection = detect_document_language(path.read_text(encoding="utf-8").splitlines())
    assert (detection.lang, detection.method, detection.reliable) == ("ko", "script", True)


# Short and ambiguous: unseeded, langdetect answers differently from run to run on these.
UNSTEADY = [
    "Why?",
    "I even have my feet pickled!",
    "Humans are no exception.",
    "Let me give you another example.",
    "Opening statement's today in Los Angeles:",
    "Mike: All right.",
]


def _answers(texts: list[str]) -> list[list[object]]:
    return [[d.lang, round(d.probability, 9)] for d in map(detect_language, texts)]


def test_repeated_calls_agree() -> None:
    first = _answers(UNSTEADY)
    for _ in range(5):
        assert _answers(UNSTEADY) == first


def test_a_fresh_interpreter_agrees_and_needs_no_network() -> None:
    script = (
        "import json, socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "from workbench.domain.langid import detect_language\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps([[d.lang, round(d.probability, 9)] "
        "for d in map(detect_language, texts)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(UNSTEADY),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == _answers(UNSTEADY)


def test_langdetect_global_seed_is_left_alone() -> None:
    from langdetect import DetectorFactory

    before = DetectorFactory.seed
    detect_language("Let me give you another example.")
    assert DetectorFactory.seed == before


# Any character, with the scripts and the odd signs (¼ is alphanumeric, ・ sits among kana)
# drawn more often than chance would.
TEXT = st.text(
    st.one_of(st.characters(), st.sampled_from("센스타임中科聞歌闻の는 SenseTime ¼・ー々")),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from(["ko", "en", "ja", "zh-Hant", "fr", "ru", "sr-Latn", "nb"]))
def test_any_text_gets_an_answer(text: str, expected: str) -> None:
    detection = detect_language(text)
    assert 0.0 <= detection.probability <= 1.0
    assert 0.0 <= detect_document_language([text, text]).probability <= 1.0
    verdict = looks_like(text, expected)
    assert 0.0 <= verdict.probability <= 1.0
    assert verdict.wrong == (verdict.status is Verdict.WRONG)


def test_lone_surrogates_are_not_text() -> None:
    assert detect_language("\ud800中科聞歌在上海發表了新模型").lang == "zh-Hant"


def test_lingua_backend() -> None:
    if "lingua" not in available_backends():
        pytest.skip("lingua-language-detector is not installed (it is an optional backend)")
    text = "La conférence s'est ouverte samedi à Shanghai avec une participation record."
    detection = detect_language(text, backend="lingua")
    assert (detection.lang, detection.method, detection.reliable) == ("fr", "lingua", True)
    assert detect_language("센스타임은 새 모델을 공개했다.", backend="lingua").method == "script"
    assert looks_like(text, "en", backend="lingua").wrong


def test_lingua_backend_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lingua", None)  # import lingua now raises ImportError
    langid._lingua_languages.cache_clear()
    langid._lingua_detector.cache_clear()
    try:
        assert available_backends() == ("langdetect",)
        # Even where the script decides, so that a missing backend shows on the first call.
        for text in ("The conference opened in Shanghai on Saturday.", "센스타임은 공개했다."):
            with pytest.raises(BackendUnavailableError, match="lingua-language-detector"):
                detect_language(text, backend="lingua")
            with pytest.raises(BackendUnavailableError):
                looks_like(text, "ko", backend="lingua")
        with pytest.raises(BackendUnavailableError):
            detect_document_language([text], backend="lingua")
    finally:
        langid._lingua_languages.cache_clear()
        langid._lingua_detector.cache_clear()


PARALLEL_FILES = {
    "korean-english-jhe": "jhe-koen-dev",
    "korean-english-news-v1": "korean-english-park.dev",
}
# Measured on the aligned dev sets (detected, false alarms, swapped flagged):
# jhe ko 1.000 / 0.000 / 0.994, jhe en 0.986 / 0.002 / 0.995,
# news ko 0.992 / 0.001 / 0.981, news en 0.995 / 0.001 / 0.997.
# The floors leave a margin of one to two points.
CORPORA = [
    # corpus, language, min detected, max false alarms, min swapped flagged
    ("korean-english-jhe", "ko", 0.99, 0.005, 0.98),
    ("korean-english-jhe", "en", 0.97, 0.005, 0.98),
    ("korean-english-news-v1", "ko", 0.98, 0.005, 0.96),
    ("korean-english-news-v1", "en", 0.98, 0.005, 0.98),
]


def _non_trivial(line: str, lang: str) -> bool:
    """Sentences, not fragments: 10 Hangul syllables, or 20 Latin letters."""
    if lang == "ko":
        return len(re.findall("[가-힣]", line)) >= 10
    return len(re.findall("[A-Za-z]", line)) >= 20


@pytest.mark.parametrize(
    ("corpus", "lang", "min_detected", "max_false", "min_swapped"),
    CORPORA,
    ids=[f"{c[0]}-{c[1]}" for c in CORPORA],
)
def test_parallel_corpus(
    corpus: str, lang: str, min_detected: float, max_false: float, min_swapped: float
) -> None:
    """Korean lines read as Korean and English as English; each flagged in the other's place."""
    folder = PARALLEL / corpus
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared corpus sits beside a full checkout)")
    path = folder / f"{PARALLEL_FILES[corpus]}.{lang}"
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if _non_trivial(x, lang)]
    other = "en" if lang == "ko" else "ko"
    assert len(lines) > 500
    detected = sum(detect_language(line).lang == lang for line in lines) / len(lines)
    false_alarms = sum(looks_like(line, lang).wrong for line in lines) / len(lines)
    swapped = sum(looks_like(line, other).wrong for line in lines) / len(lines)
    assert detected >= min_detected
    assert false_alarms <= max_false
    assert swapped >= min_swapped


# English catalogue lines made of invented names and product words: no function words, and
# n-grams that fit several languages (langdetect's sampling called one in seven Catalan).
SYLLABLES = (
    "zor vex quan tix lu mo ra van trel bri dax kel sym nova plex tor vin ga rix pol".split()
)
PRODUCTS = "cartridge hub adapter dock bundle refill sensor module kit edition drive cable".split()


def catalogue_line(rng: random.Random) -> str:
    def name() -> str:
        return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()

    made = "".join(rng.choices(SYLLABLES, k=2))
    return (
        f"{name()} {made} {rng.choice(PRODUCTS)}, {name()} compatible, {rng.randint(2, 900)} pack"
    )


CATALOGUE = [catalogue_line(random.Random(seed)) for seed in range(400)]


def test_catalogue_lines_of_invented_names_are_rarely_another_language() -> None:
    flagged = [line for line in CATALOGUE if looks_like(line, "en").wrong]
    assert len(flagged) <= 16, flagged  # 12 today; langdetect's sampling flagged 107 of them


def test_a_french_sentence_among_invented_names_is_caught() -> None:
    line = "Talbri Raquanova panel, la société a dit que le nouveau modèle est disponible"
    verdict = looks_like(line, "en")
    assert verdict.wrong and verdict.lang == "fr"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.one_of(TEXT, st.sampled_from(CATALOGUE)), max_size=8),
    st.sampled_from(["en", "ko", "fr"]),
)
def test_a_batch_gets_the_verdicts_of_one_text_at_a_time(texts: list[str], expected: str) -> None:
    langid._verdict_cache.clear()
    together = looks_like_many(texts, expected)
    langid._verdict_cache.clear()
    assert together == [looks_like(text, expected) for text in texts]


def test_english_lines_checked_as_french_are_flagged_as_often_as_by_sampling() -> None:
    """Same script: langdetect's sampling flagged 94.2 % of these lines (issue 14)."""
    lines = []
    for corpus, stem in PARALLEL_FILES.items():
        path = PARALLEL / corpus / f"{stem}.en"
        if not path.is_file():
            pytest.skip(f"{path} is absent (the shared corpus sits beside a full checkout)")
        lines += [x for x in path.read_text(encoding="utf-8").splitlines() if x]
    flagged = sum(v.wrong for v in looks_like_many(lines, "fr")) / len(lines)
    false_alarms = sum(v.wrong for v in looks_like_many(lines, "en")) / len(lines)
    assert flagged >= 0.942
    assert false_alarms <= 0.0012


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_letters_counted_in_c_agree_with_one_character_at_a_time(text: str) -> None:
    fast, slow = langid._letters(text), langid._letters_by_char(langid._NOT_LANGUAGE.sub(" ", text))
    counts = ("hangul", "han", "kana", "latin", "other")
    assert [getattr(fast, c) for c in counts] == [getattr(slow, c) for c in counts]
