"""Benchmark: how often spelling flags words of finished English translations (false flags).

Run: .venv/bin/python benchmarks/spelling.py [--shared DIR] [--json]

The English sides of ../shared/corpus/parallel (korean-english-jhe dev, 720 lines, and
korean-english-news-v1 dev, 1,000 lines: published translations) are checked as the spelling
check reads a target (services.misspelled: codes, URLs, numbers, acronyms and words copied from
the Korean source passed; no term base), once with the Hunspell en_US dictionary (when it is
installed) and once with pyspellchecker's English word list (what a plain `pip install` has).
Nearly every flag of a published text is a false flag (names, rare words, British spellings
for en_US); the real typos are few. When hunspell-ko is installed, the Korean sides are
measured the same way (eojeol as words; the English line is their source). Reported per set
and dictionary: words checked, words
flagged per 1,000 words, segments with a flag per 1,000 segments, time per 1,000 words (the
word list is the baseline of the ratio), and the most frequent flagged words.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from pathlib import Path

from workbench.domain.spelling import misspellings, spelling_words
from workbench.services import spelling as spelling_service

REPO = Path(__file__).resolve().parents[1]
SETS = {
    "jhe": ("korean-english-jhe", "jhe-koen-dev"),
    "news": ("korean-english-news-v1", "korean-english-park.dev"),
}
RUNS = 5


def _dictionaries() -> dict[str, spelling_service.Dictionary]:
    found: dict[str, spelling_service.Dictionary] = {
        "pyspellchecker": spelling_service.WordListDictionary("en")
    }
    lib = spelling_service._libhunspell()
    files = spelling_service.hunspell_files("en-US")
    if lib is not None and files is not None:
        found["hunspell en_US"] = spelling_service.HunspellDictionary(lib, files)
    return found


def _korean() -> spelling_service.Dictionary | None:
    lib = spelling_service._libhunspell()
    files = spelling_service.hunspell_files("ko")
    return None if lib is None or files is None else spelling_service.HunspellDictionary(lib, files)


def measure(
    pairs: list[tuple[str, str]], dictionary: spelling_service.Dictionary, lang: str = "en"
) -> dict[str, object]:
    words = sum(1 for source, target in pairs for _ in spelling_words(target, lang, source))
    times = []
    flagged: Counter[str] = Counter()
    segments = 0
    for run in range(RUNS):
        started = time.perf_counter()
        found = [misspellings(target, lang, dictionary, source=source) for source, target in pairs]
        times.append(time.perf_counter() - started)
        if run == 0:
            segments = sum(1 for f in found if f)
            flagged.update(m.word for f in found for m in f)
    total = sum(flagged.values())
    return {
        "segments": len(pairs),
        "words_checked": words,
        "flagged_per_1000_words": round(1000 * total / max(words, 1), 1),
        "segments_flagged_per_1000": round(1000 * segments / max(len(pairs), 1), 1),
        "ms_per_1000_words": round(1000 * statistics.median(times) * 1000 / max(words, 1), 2),
        "top": flagged.most_common(15),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    dictionaries = _dictionaries()
    results: dict[str, dict[str, object]] = {}
    for name, (folder, stem) in SETS.items():
        base = args.shared / "corpus" / "parallel" / folder / stem
        sources = Path(f"{base}.ko").read_text(encoding="utf-8").splitlines()
        targets = Path(f"{base}.en").read_text(encoding="utf-8").splitlines()
        pairs = [(s, t) for s, t in zip(sources, targets, strict=True) if t.strip()]
        for label, dictionary in dictionaries.items():
            results[f"{name} · {label}"] = measure(pairs, dictionary)
        korean = _korean()
        if korean is not None:  # the other way round: the Korean side, the English its source
            flipped = [(t, s) for s, t in pairs if s.strip()]
            results[f"{name} · Korean side, hunspell ko"] = measure(flipped, korean, "ko")
    baseline = {
        name.split(" · ")[0]: row["ms_per_1000_words"]
        for name, row in results.items()
        if name.endswith("pyspellchecker")
    }
    # the Korean rows are timed against the same set's English word list too
    for name, row in results.items():
        base = baseline[name.split(" · ")[0]]
        row["time_ratio_to_word_list"] = round(float(row["ms_per_1000_words"]) / float(base), 2)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for name, row in results.items():
        top = ", ".join(f"{word} {n}" for word, n in row["top"])  # type: ignore[attr-defined]
        print(
            f"{name}: {row['segments']} segments, {row['words_checked']} words; "
            f"{row['flagged_per_1000_words']} flags per 1,000 words, "
            f"{row['segments_flagged_per_1000']} segments flagged per 1,000; "
            f"{row['ms_per_1000_words']} ms per 1,000 words (x{row['time_ratio_to_word_list']})"
        )
        print(f"    most flagged: {top}")


if __name__ == "__main__":
    main()
