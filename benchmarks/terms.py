"""Benchmark: term recognition over a 100,000-term base against raw Aho-Corasick, by text shape.

Run: .venv/bin/python benchmarks/terms.py [--terms N] [--mb M] [--repeat R] [--long]
     .venv/bin/python benchmarks/terms.py --nested 10000,20000,40000

The floor is plain Aho-Corasick (ahocorasick-rs, leftmost-longest) over the same folded keys
on the same text, whole, with none of the language handling. Ours folds the text, maps offsets
back and applies the Korean, English and CJK rules, each paragraph as a text of its own
language: all paragraphs of a language in one call (TermIndex.find_many, as QA and whole
documents read them), the same reading every hit's concept and status (as QA's term checks
do), and one call per paragraph (find, as the editor reads a segment).
Shapes (about --mb of UTF-8 each):
- mixed: Korean, Chinese and English paragraphs that mention terms among filler words (Korean
  ones followed by particles), as before;
- ko, zh, en: one language only;
- ko-near-misses: Korean in which most candidates are not hits: terms glued into longer words
  on either side, followed by endings that are not particles, and spelled with spaces between
  single syllables, beside some true hits.
--long measures a term base with one long term (5,000, 40,000 and 1,000,000 characters;
issue 12): building the index and reading a text, each in a fresh process with a time limit.
--nested times only the compile of keys nested under a shared prefix (Name 1 ... Name N),
ours against ahocorasick-rs, whose compile of them is quadratic in their number.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick_rs

from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term
from workbench.domain.normalize import fold
from workbench.domain.term_keys import Automaton

HANGUL = [chr(c) for c in range(0xAC00, 0xAC00 + 4000, 7)]
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000, 3)]
LATIN = "alpha beta gamma delta sigma omega neural vector graph cloud model data bank".split()
# Filler is drawn from other characters than terms, as running text mostly is not terms.
FILLER_HANGUL = [chr(c) for c in range(0xC000, 0xC000 + 3000, 5)]
FILLER_HAN = [chr(c) for c in range(0x6000, 0x6000 + 3000, 3)]
FILLER_WORDS = "the report was made by team today for market growth and new plans".split()
PARTICLES = ["은", "는", "이", "가", "의", "에서", "와", "을", "에서는", ""]
ENDINGS = ["스럽다", "하게", "적인", "답게", "롭다"]
"""Endings that are not particles: the analyser decides these."""


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


def _sentence(lang: str, concept: Concept, rng: random.Random) -> str:
    term = {"ko": concept.terms[0], "zh": concept.terms[1], "en": concept.terms[2]}[lang]
    if lang == "ko":
        filler = "".join(rng.choices(FILLER_HANGUL, k=6))
        return f"{filler} {term.text}{rng.choice(PARTICLES)} 발표했다."
    if lang == "zh":
        return "".join(rng.choices(FILLER_HAN, k=8)) + term.text + "。"
    filler = " ".join(rng.choices(FILLER_WORDS, k=5))
    return f"The {term.text} {filler}."


def _near_miss(concept: Concept, rng: random.Random) -> str:
    """A Korean sentence whose term mostly does not count: glued, wrongly spaced or inflected."""
    term = concept.terms[0].text.replace(" ", "")
    filler = "".join(rng.choices(FILLER_HANGUL, k=4))
    kind = rng.randrange(6)
    if kind == 0:  # glued after another word
        word = rng.choice(FILLER_HANGUL) + term + rng.choice(PARTICLES)
    elif kind == 1:  # inside a longer word
        word = term + "".join(rng.choices(FILLER_HANGUL, k=5))
    elif kind == 2:  # single syllables spaced apart
        word = " ".join(term)
    elif kind == 3:  # an ending that is not a particle (the analyser's)
        word = term + rng.choice(ENDINGS)
    else:  # a true hit
        word = term + rng.choice(PARTICLES)
    return f"{filler} {word} 발표했다."


def make_text(
    concepts: list[Concept], megabytes: float, rng: random.Random, shape: str
) -> list[tuple[str, str]]:
    """Paragraphs of (lang, text) of a shape, about megabytes in UTF-8."""
    paragraphs: list[tuple[str, str]] = []
    size = 0
    while size < megabytes * 1_000_000:
        lang = rng.choice(["ko", "zh", "en"]) if shape == "mixed" else shape[:2]
        if shape == "ko-near-misses":
            parts = [_near_miss(rng.choice(concepts), rng) for _ in range(12)]
        else:
            parts = [_sentence(lang, rng.choice(concepts), rng) for _ in range(12)]
        paragraph = " ".join(parts)
        paragraphs.append((lang, paragraph))
        size += len(paragraph.encode("utf-8")) + 1
    return paragraphs


def median_time(action: Callable[[], object], repeat: int) -> float:
    return median_times(action, repeat)[0]


def median_times(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of action; the load on a shared
    machine disturbs the CPU time less."""
    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(timings), statistics.median(cpu)


def scan_shape(
    index: TermIndex,
    floor: ahocorasick_rs.AhoCorasick,
    paragraphs: list[tuple[str, str]],
    repeat: int,
) -> dict[str, object]:
    """Floor, batch scan and one-call-per-paragraph scan of one shape's text; hits compared."""
    whole = "\n".join(text for _, text in paragraphs)
    by_lang: dict[str, list[str]] = {}
    for lang, text in paragraphs:
        by_lang.setdefault(lang, []).append(text)

    def batch() -> int:
        return sum(len(h) for lang, texts in by_lang.items() for h in index.find_many(texts, lang))

    def one_by_one() -> int:
        return sum(len(index.find(text, lang)) for lang, text in paragraphs)

    def batch_read() -> int:
        """batch, reading every hit's concept and status as QA's term checks do."""
        return sum(
            1
            for lang, texts in by_lang.items()
            for hits in index.find_many(texts, lang)
            for hit in hits
            if hit.concept and hit.status
        )

    first = time.perf_counter()
    hits = batch()  # the first pass also fills the analyser's cache, as any first read does
    first_pass = time.perf_counter() - first
    assert one_by_one() == hits, "find_many and find disagree"
    floor_scan, floor_cpu = median_times(lambda: floor.find_matches_as_indexes(whole), repeat)
    batch_scan, batch_cpu = median_times(batch, repeat)
    read_scan, read_cpu = median_times(batch_read, repeat)
    single_scan, single_cpu = median_times(one_by_one, max(1, repeat // 2))
    return {
        "text_mb": round(len(whole.encode("utf-8")) / 1e6, 2),
        "paragraphs": len(paragraphs),
        "floor_s": round(floor_scan, 4),
        "batch_s": round(batch_scan, 4),
        "batch_first_pass_s": round(first_pass, 4),
        "batch_read_s": round(read_scan, 4),
        "one_by_one_s": round(single_scan, 4),
        "batch_over_floor": round(batch_scan / floor_scan, 2),
        "batch_read_over_floor": round(read_scan / floor_scan, 2),
        "one_by_one_over_floor": round(single_scan / floor_scan, 2),
        "floor_cpu_s": round(floor_cpu, 4),
        "batch_cpu_s": round(batch_cpu, 4),
        "batch_read_cpu_s": round(read_cpu, 4),
        "one_by_one_cpu_s": round(single_cpu, 4),
        "batch_over_floor_cpu": round(batch_cpu / floor_cpu, 2) if floor_cpu else None,
        "batch_read_over_floor_cpu": round(read_cpu / floor_cpu, 2) if floor_cpu else None,
        "one_by_one_over_floor_cpu": round(single_cpu / floor_cpu, 2) if floor_cpu else None,
        "hits": hits,
        "floor_hits": len(floor.find_matches_as_indexes(whole)),
    }


LONG_CODE = """
import sys, time
from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term
size = int(sys.argv[1])
long = ("가나다라마바사" * (size // 7 + 1))[:size]
concepts = [Concept(id=1, terms=[Term("ko", long)]), Concept(id=2, terms=[Term("ko", "센스타임")])]
started = time.perf_counter()
index = TermIndex(concepts)
index.find("센스타임은", "ko")
built = time.perf_counter() - started
text = "센스타임은 " * 2000 + long[: size // 2] + "x" + long + "는"
started = time.perf_counter()
hits = index.find(text, "ko")
print(built, time.perf_counter() - started, len(hits))
"""


def long_terms(limit: float) -> dict[str, object]:
    """Index build and a read of a text holding the long term, per length, in fresh processes."""
    found: dict[str, object] = {}
    for size in (5_000, 40_000, 1_000_000):
        try:
            done = subprocess.run(
                [sys.executable, "-c", LONG_CODE, str(size)],
                capture_output=True,
                text=True,
                timeout=limit,
                check=True,
            )
            built, read, hits = done.stdout.split()
            found[str(size)] = {"build_s": float(built), "read_s": float(read), "hits": int(hits)}
        except subprocess.TimeoutExpired:
            found[str(size)] = f"not finished in {limit:.0f} s"
    return found


def nested_keys(sizes: list[int]) -> dict[str, dict[str, float]]:
    """Seconds to compile keys nested under a shared prefix (a catalogue's numbered names),
    ours (the term automaton) against ahocorasick-rs, which took time quadratic in their
    number; the zero-padded keys, which nest no deeper than ten, for comparison."""
    found: dict[str, dict[str, float]] = {}
    for size in sizes:
        for name, keys in (
            (f"Name 1..Name {size}", [f"Name {n}" for n in range(1, size + 1)]),
            (f"n1..n{size}", [f"n{n}" for n in range(1, size + 1)]),
            (f"n00001..n{size:05d} (padded)", [f"n{n:05d}" for n in range(1, size + 1)]),
        ):
            keys = sorted(keys)
            entries = {key: [n] for n, key in enumerate(keys)}
            ours = median_time(lambda keys=keys, entries=entries: Automaton(keys, entries), 3)
            floor = median_time(
                lambda keys=keys: ahocorasick_rs.AhoCorasick(
                    keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
                ),
                1,
            )
            found[name] = {"ours_s": round(ours, 3), "ahocorasick_rs_s": round(floor, 3)}
            print(name, found[name], flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shapes", default="mixed,ko,zh,en,ko-near-misses")
    parser.add_argument("--long", action="store_true", help="also time one very long term")
    parser.add_argument(
        "--nested", default="", help="only time compiling nested keys, e.g. 10000,20000,40000"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    if args.nested:
        sizes = [int(size) for size in args.nested.split(",")]
        print(json.dumps(nested_keys(sizes), indent=2))
        return
    rng = random.Random(7)
    concepts = make_terms(args.terms, rng)
    keys = sorted({fold(t.text).text for c in concepts for t in c.terms})

    build = median_time(lambda: TermIndex(concepts), 3)
    index = TermIndex(concepts)
    for lang in ("ko", "zh", "en"):  # the automata are built at a language's first read
        index.find("x", lang)
    floor_build = median_time(
        lambda: ahocorasick_rs.AhoCorasick(
            keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
        ),
        3,
    )
    floor = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST)
    shapes = {}
    for shape in args.shapes.split(","):
        paragraphs = make_text(concepts, args.mb, random.Random(f"{shape}-7"), shape)
        shapes[shape] = scan_shape(index, floor, paragraphs, args.repeat)

    paragraphs = make_text(concepts, 1, random.Random(3), "mixed")
    segments = []
    for lang, text in paragraphs[:200]:
        start = rng.randrange(max(len(text) - 200, 1))
        segments.append((lang, text[start : start + 200]))
    for lang, segment in segments:
        index.find(segment, lang)  # the analyser's cache, as in the editor after a while
    per_segment = []
    for lang, segment in segments * 5:
        started = time.perf_counter()
        index.find(segment, lang)
        per_segment.append(time.perf_counter() - started)

    summary: dict[str, object] = {
        "terms": sum(len(c.terms) for c in concepts),
        "build_s": round(build, 3),
        "floor_build_s": round(floor_build, 3),
        "shapes": shapes,
        "segment_200_median_ms": round(statistics.median(per_segment) * 1000, 3),
        "segment_200_p95_ms": round(sorted(per_segment)[int(len(per_segment) * 0.95)] * 1000, 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if args.long:
        summary["long_term"] = long_terms(120.0)
    args.out.mkdir(exist_ok=True)
    (args.out / "terms.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
