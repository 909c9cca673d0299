"""Benchmark: term recognition over a 100,000-term base and a 10 MB mixed ko/zh/en text.

Run: .venv/bin/python benchmarks/terms.py [--terms N] [--mb M] [--repeat R]

The floor is plain Aho-Corasick (ahocorasick-rs, leftmost-longest) over the same folded keys
on the same text, with none of the language handling; our scan folds the text, maps offsets
back and applies the Korean, English and CJK rules. Each paragraph is scanned as a text of its
own language, as a translator's segments are.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import time
from pathlib import Path

import ahocorasick_rs

from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term
from workbench.domain.normalize import fold

HANGUL = [chr(c) for c in range(0xAC00, 0xAC00 + 4000, 7)]
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000, 3)]
LATIN = "alpha beta gamma delta sigma omega neural vector graph cloud model data bank".split()
# Filler is drawn from other characters than terms, as running text mostly is not terms.
FILLER_HANGUL = [chr(c) for c in range(0xC000, 0xC000 + 3000, 5)]
FILLER_HAN = [chr(c) for c in range(0x6000, 0x6000 + 3000, 3)]
FILLER_WORDS = "the report was made by team today for market growth and new plans".split()
PARTICLES = ["은", "는", "이", "가", "의", "에서", "와", "을", "에서는", ""]


def make_terms(count: int, rng: random.Random) -> list[Concept]:
    """Concepts with one ko, zh and en term each, single and multi-word."""
    concepts = []
    for number in range(count // 3):
        words = rng.randint(1, 3)
        ko = " ".join("".join(rng.choices(HANGUL, k=rng.randint(2, 4))) for _ in range(words))
        zh = "".join(rng.choices(HAN, k=rng.randint(2, 6)))
        en = " ".join(rng.choices(LATIN, k=words)) + f" {number}"
        concepts.append(
            Concept(id=number + 1, terms=[Term("ko", ko), Term("zh-Hans", zh), Term("en", en)])
        )
    return concepts


def make_text(
    concepts: list[Concept], megabytes: float, rng: random.Random
) -> list[tuple[str, str]]:
    """Paragraphs of (lang, text) that mention terms among filler, about megabytes in UTF-8."""
    paragraphs: list[tuple[str, str]] = []
    size = 0
    while size < megabytes * 1_000_000:
        lang = rng.choice(["ko", "zh", "en"])
        parts = []
        for _ in range(12):
            concept = rng.choice(concepts)
            term = {"ko": concept.terms[0], "zh": concept.terms[1], "en": concept.terms[2]}[lang]
            if lang == "ko":
                filler = "".join(rng.choices(FILLER_HANGUL, k=6))
                parts.append(f"{filler} {term.text}{rng.choice(PARTICLES)} 발표했다.")
            elif lang == "zh":
                parts.append("".join(rng.choices(FILLER_HAN, k=8)) + term.text + "。")
            else:
                filler = " ".join(rng.choices(FILLER_WORDS, k=5))
                parts.append(f"The {term.text} {filler}.")
        paragraph = " ".join(parts)
        paragraphs.append((lang, paragraph))
        size += len(paragraph.encode("utf-8")) + 1
    return paragraphs


def median_time(action: object, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    rng = random.Random(7)
    concepts = make_terms(args.terms, rng)
    paragraphs = make_text(concepts, args.mb, rng)
    whole = "\n".join(text for _, text in paragraphs)
    keys = sorted({fold(t.text).text for c in concepts for t in c.terms})

    build = median_time(lambda: TermIndex(concepts), 3)
    index = TermIndex(concepts)
    floor_build = median_time(
        lambda: ahocorasick_rs.AhoCorasick(
            keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
        ),
        3,
    )
    floor = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST)
    floor_scan = median_time(lambda: floor.find_matches_as_indexes(whole), args.repeat)
    fold_only = median_time(lambda: fold(whole), args.repeat)

    def scan() -> int:
        return sum(len(index.find(text, lang)) for lang, text in paragraphs)

    hits = scan()
    our_scan = median_time(scan, args.repeat)
    floor_hits = len(floor.find_matches_as_indexes(whole))

    segments = []
    for lang, text in paragraphs[:200]:
        start = rng.randrange(max(len(text) - 200, 1))
        segments.append((lang, text[start : start + 200]))
    per_segment = []
    for lang, segment in segments * 5:
        started = time.perf_counter()
        index.find(segment, lang)
        per_segment.append(time.perf_counter() - started)

    summary = {
        "terms": sum(len(c.terms) for c in concepts),
        "text_mb": len(whole.encode("utf-8")) / 1e6,
        "paragraphs": len(paragraphs),
        "build_s": build,
        "floor_build_s": floor_build,
        "scan_s": our_scan,
        "floor_scan_s": floor_scan,
        "fold_only_s": fold_only,
        "scan_over_floor": our_scan / floor_scan,
        "throughput_mb_s": len(whole.encode("utf-8")) / 1e6 / our_scan,
        "hits": hits,
        "floor_hits": floor_hits,
        "segment_200_median_ms": statistics.median(per_segment) * 1000,
        "segment_200_p95_ms": sorted(per_segment)[int(len(per_segment) * 0.95)] * 1000,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    args.out.mkdir(exist_ok=True)
    (args.out / "terms.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
