"""Benchmark: every QA check over 100,000 segment pairs with a 10,000-term base, against pofilter.

Run: .venv/bin/python benchmarks/qa.py [--pairs N] [--terms N] [--repeat R] [--per-check N]

Both sides get the same generated pairs (Korean sources, English targets with numbers,
placeholders, tags, names and some planted errors). pofilter (translate-toolkit) reads them as
a PO file and runs its default checks; ours runs every registered check, the term checks
included, through workbench.domain.checks.run_checks. Target (issue 5): ours <= 0.25 x pofilter.
The two sides take turns, so that a busy spell on a shared machine hits both. --per-check
times each check alone (with the scans it would otherwise share) on N pairs, the best of three
different slices.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench.domain.checks import CHECKS, DOCUMENT_CHECKS, CheckContext, Pair, Profile, run_checks
from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term

HANGUL = [chr(c) for c in range(0xAC00, 0xAC00 + 3000, 7)]
WORDS = "the company said its new model was released today for many users in the city".split()


def make_concepts(count: int, rng: random.Random) -> list[Concept]:
    """Term pairs: a Korean name and its English rendering."""
    concepts = []
    for number in range(count):
        ko = "".join(rng.choices(HANGUL, k=rng.randint(2, 4)))
        concepts.append(Concept(id=number + 1, terms=[Term("ko", ko), Term("en", f"Name{number}")]))
    return concepts


def make_pairs(count: int, concepts: list[Concept], rng: random.Random) -> list[Pair]:
    """Segment pairs, about one in ten with a planted error."""
    pairs = []
    for position in range(1, count + 1):
        concept = rng.choice(concepts)
        ko, en = concept.terms[0].text, concept.terms[1].text
        number = rng.randint(1, 5000)
        source = f"{ko}는 {number}명에게 %s 모델을 <b>공개</b>했다."
        target = f"{en} released the %s model to {number} people."
        target = target.replace("model", "<b>model</b>")
        if position % 10 == 0:
            target = target.replace(str(number), str(number + 1))
        if position % 13 == 0:
            target = target.replace(en, "Somebody")
        if position % 17 == 0:
            target = target.replace("%s ", "")
        pairs.append(Pair(source, target, "ko", "en", position, f"u{position}"))
    return pairs


def write_po(pairs: list[Pair], path: Path) -> None:
    """The same pairs as a PO file for pofilter."""
    with path.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for pair in pairs:
            source = pair.source.replace('"', '\\"')
            target = pair.target.replace('"', '\\"')
            out.write(f'msgctxt "{pair.unit_id}"\nmsgid "{source}"\nmsgstr "{target}"\n\n')


def time_ours(pairs: list[Pair], context: CheckContext) -> tuple[float, int]:
    """Seconds for every check over the pairs, and the issues found."""
    started = time.perf_counter()
    found = sum(1 for _ in run_checks(pairs, context))
    return time.perf_counter() - started, found


def time_pofilter(po: Path, out: Path) -> float:
    """Seconds for pofilter's default checks over the PO file, its start-up included."""
    pofilter = str(Path(sys.executable).with_name("pofilter"))
    started = time.perf_counter()
    subprocess.run(
        [pofilter, "--progress=none", str(po), str(out)], check=False, capture_output=True
    )
    return time.perf_counter() - started


def per_check(pairs: list[Pair], index: TermIndex, size: int, repeat: int) -> dict[str, float]:
    """Microseconds per pair of each check run alone (best of repeat), in registry order.

    Each repeat takes other pairs, so that no cache of a previous repeat answers for them.
    """
    slices = [pairs[start : start + size] for start in range(0, size * repeat, size)]
    spent: dict[str, float] = {}
    for check_id in [*CHECKS, *DOCUMENT_CHECKS]:
        context = CheckContext(Profile(enabled={check_id}), resources={"terms": index})
        best = min(time_ours(part, context)[0] / len(part) for part in slices if part)
        spent[check_id] = round(best * 1e6, 1)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-check", type=int, default=3_000, help="pairs; 0 skips")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    rng = random.Random(11)
    concepts = make_concepts(args.terms, rng)
    pairs = make_pairs(args.pairs, concepts, rng)
    index = TermIndex(concepts)
    context = CheckContext(resources={"terms": index})
    list(run_checks(pairs[:100], context))  # warm up: lazy tables, analysers
    load_before = os.getloadavg()[0]
    ours: list[float] = []
    theirs: list[float] = []
    found = 0
    with tempfile.TemporaryDirectory(prefix="wb-qa-") as tmp:
        po = Path(tmp) / "pairs.po"
        write_po(pairs, po)
        for number in range(args.repeat):
            seconds, found = time_ours(pairs, context)
            ours.append(seconds)
            theirs.append(time_pofilter(po, Path(tmp) / f"out{number}.po"))
    summary = {
        "pairs": args.pairs,
        "terms": args.terms,
        "ours_s": statistics.median(ours),
        "pofilter_s": statistics.median(theirs),
        "ratio": statistics.median(ours) / statistics.median(theirs),
        "issues_found": found,
        "ours_runs_s": [round(s, 2) for s in ours],
        "pofilter_runs_s": [round(s, 2) for s in theirs],
        "ratio_per_run": [round(a / b, 3) for a, b in zip(ours, theirs, strict=True)],
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if args.per_check:
        summary["per_check_us"] = per_check(pairs, index, args.per_check, 3)
    args.out.mkdir(exist_ok=True)
    (args.out / "qa.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
