"""Benchmark: the wrong_language check and language detection on aligned Korean-English text.

Run: .venv/bin/python benchmarks/langid.py [--shared DIR] [--out DIR]

Segments are the lines of the aligned dev sets in ../shared/corpus/parallel (korean-english-jhe
and korean-english-news-v1), and Chinese strings from the Chinese columns of
glossaries/waic-2025.csv and the tico19 en_zh-CN glossary. For each method:
- false alarms: lines flagged `wrong` although they are in the expected language (ko lines
  checked as ko, en as en, zh strings as zh);
- detection: lines flagged `wrong` when checked against the other language (English checked as
  ko, Korean as en, Chinese as ko and as en, and English as fr, which is the same script);
- accuracy of plain detection;
- throughput: segments per second checked against their own language (all, and ko, en, zh
  apart), best of --repeat rounds, with the first call (import, profiles or models loading)
  timed apart in a fresh interpreter.
The baselines are the detectors alone: their best language differs from the expected one =
wrong, with no script rules, thresholds or names test. langdetect is seeded in all runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from workbench.domain import langid

REPO = Path(__file__).resolve().parents[1]
PARALLEL = {
    "korean-english-jhe": "jhe-koen-dev",
    "korean-english-news-v1": "korean-english-park.dev",
}
Status = str  # ok, wrong or undecided


@dataclass
class Method:
    """A way to check a segment's language and to detect it."""

    name: str
    check: Callable[[str, str], Status]
    detect: Callable[[str], str]
    first_call: str
    """Python that imports the method and makes its first call, timed in a fresh interpreter."""


def load_segments(shared: Path) -> dict[str, list[str]]:
    """Korean and English lines of the parallel corpora, and Chinese glossary strings."""
    segments: dict[str, list[str]] = {"ko": [], "en": [], "zh": []}
    for folder, stem in PARALLEL.items():
        for lang in ("ko", "en"):
            path = shared / "corpus" / "parallel" / folder / f"{stem}.{lang}"
            segments[lang] += [x for x in path.read_text(encoding="utf-8").splitlines() if x]
    with (REPO / "glossaries" / "waic-2025.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    columns = [i for i, name in enumerate(rows[0]) if name in ("zh-Hant", "zh-Hans")]
    segments["zh"] += [row[i] for row in rows[1:] for i in columns if i < len(row) and row[i]]
    tico = shared / "corpus" / "glossary_csv" / "tico19_google" / "en_zh-CN.csv"
    with tico.open(encoding="utf-8", newline="") as file:
        segments["zh"] += [row["targetString"] for row in csv.DictReader(file)]
    return segments


def _base(tag: str) -> str:
    return tag.lower().split("-")[0]


def _status(detected: str, expected: str) -> Status:
    """A bare detector's verdict: no answer is undecided, any other language is wrong."""
    if detected == "und":
        return "undecided"
    return "ok" if _base(detected) == _base(expected) else "wrong"


def ours(backend: langid.Backend) -> Method:
    """looks_like and detect_language with the given backend."""
    return Method(
        f"ours+{backend}",
        lambda text, expected: langid.looks_like(text, expected, backend).status.value,
        lambda text: langid.detect_language(text, backend).lang,
        "from workbench.domain.langid import looks_like\n"
        f"looks_like('The conference opened in Shanghai on Saturday.', 'en', {backend!r})",
    )


def langdetect_alone() -> Method:
    """langdetect's seeded top language over all its 55 profiles."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = langid.SEED

    def detected(text: str) -> str:
        try:
            return str(detect(text)).replace("zh-cn", "zh-Hans").replace("zh-tw", "zh-Hant")
        except LangDetectException:
            return "und"  # no letters it knows

    return Method(
        "langdetect alone",
        lambda text, expected: _status(detected(text), expected),
        detected,
        "from langdetect import DetectorFactory, detect\nDetectorFactory.seed = 0\n"
        "detect('The conference opened in Shanghai on Saturday.')",
    )


@cache
def _lingua_all() -> Any:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().build()


def lingua_alone() -> Method:
    """lingua's top language over all its 75 languages (None when it declines to answer)."""

    def detected(text: str) -> str:
        language = _lingua_all().detect_language_of(text)
        return "und" if language is None else str(language.iso_code_639_1.name.lower())

    return Method(
        "lingua alone",
        lambda text, expected: _status(detected(text), expected),
        detected,
        "from lingua import LanguageDetectorBuilder\n"
        "detector = LanguageDetectorBuilder.from_all_languages().build()\n"
        "detector.detect_language_of('The conference opened in Shanghai on Saturday.')",
    )


FALSE_ALARMS = [("ko", "ko", "ko"), ("en", "en", "en"), ("zh", "zh", "zh")]
DETECTIONS = [
    ("en_as_ko", "en", "ko"),
    ("ko_as_en", "ko", "en"),
    ("zh_as_ko", "zh", "ko"),
    ("zh_as_en", "zh", "en"),
    ("en_as_fr", "en", "fr"),
]


def first_call_seconds(code: str) -> float:
    """Import and first call in a fresh interpreter: what loading profiles or models costs."""
    timed = (
        f"import time\nstarted = time.perf_counter()\n{code}\nprint(time.perf_counter() - started)"
    )
    result = subprocess.run(
        [sys.executable, "-c", timed], capture_output=True, text=True, check=True
    )
    return float(result.stdout.split()[-1])


def measure(method: Method, segments: dict[str, list[str]]) -> dict[str, object]:
    """Rates and accuracy of one method on every check, and what its first call costs."""
    rates: dict[str, dict[str, float]] = {}
    for name, lang, expected in FALSE_ALARMS + DETECTIONS:
        statuses = [method.check(line, expected) for line in segments[lang]]
        rates[name] = {s: statuses.count(s) / len(statuses) for s in ("wrong", "undecided")}
    accuracy = {
        lang: sum(_base(method.detect(x)) == lang for x in segments[lang]) / len(segments[lang])
        for lang in ("ko", "en", "zh")
    }
    alarms = [name for name, _, _ in FALSE_ALARMS]
    detections = [name for name, _, _ in DETECTIONS]
    return {
        "false_alarm_rate": {k: round(rates[k]["wrong"], 4) for k in alarms},
        "false_alarm_undecided": {k: round(rates[k]["undecided"], 4) for k in alarms},
        "detection_rate": {k: round(rates[k]["wrong"], 4) for k in detections},
        "detection_undecided": {k: round(rates[k]["undecided"], 4) for k in detections},
        "detect_accuracy": {k: round(v, 4) for k, v in accuracy.items()},
        "first_call_s": round(first_call_seconds(method.first_call), 3),
    }


def throughput(
    methods: list[Method], segments: dict[str, list[str]], repeat: int
) -> dict[str, dict[str, int]]:
    """Segments per second checked against their own language, best of repeat rounds.

    The methods take turns within each round, so that other work on the machine weighs on all
    of them alike; the best round is the one least disturbed.
    """
    workloads = {
        "all": [(line, lang) for lang in ("ko", "en", "zh") for line in segments[lang]],
        **{lang: [(line, lang) for line in segments[lang]] for lang in ("ko", "en", "zh")},
    }
    best: dict[tuple[str, str], float] = {}
    for method in methods:
        method.check(segments["en"][0], "en")  # loading is timed apart, in first_call_seconds
    for _ in range(repeat):
        for method in methods:
            for name, work in workloads.items():
                started = time.perf_counter()
                for line, lang in work:
                    method.check(line, lang)
                seconds = time.perf_counter() - started
                best[method.name, name] = min(seconds, best.get((method.name, name), seconds))
    return {
        method.name: {
            name: round(len(work) / best[method.name, name]) for name, work in workloads.items()
        }
        for method in methods
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    segments = load_segments(args.shared)
    backends = langid.available_backends()
    methods = [ours("langdetect"), langdetect_alone()]
    if "lingua" in backends:
        methods += [ours("lingua"), lingua_alone()]
    summary = {
        "segments": {lang: len(lines) for lang, lines in segments.items()},
        "thresholds": {
            "min_latin_letters": langid.MIN_LATIN_LETTERS,
            "min_cjk_chars": langid.MIN_CJK_CHARS,
            "wrong_probability": dict(langid.WRONG_PROBABILITY),
            "mixed_script_share": langid.MIXED_SCRIPT_SHARE,
        },
        "backends": list(backends),
        "python": platform.python_version(),
        "methods": {method.name: measure(method, segments) for method in methods},
        "segments_per_s": throughput(methods, segments, args.repeat),
    }
    args.out.mkdir(exist_ok=True)
    (args.out / "langid.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
