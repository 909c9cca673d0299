"""Benchmark: every QA check over 100,000 segment pairs with a 10,000-term base, against pofilter.

Run: .venv/bin/python benchmarks/qa.py [--pairs N] [--terms N] [--repeat R] [--shapes a,b]
     [--per-check N]

Both sides get the same generated pairs of each data shape of qa_shapes.py (news sentences,
catalogue lines of invented names, UI strings, long sentences, Chinese and Korean targets;
numbers, placeholders, tags, terms and planted errors). pofilter (translate-toolkit) reads them
as a PO file and runs its default checks; ours runs every registered check, the term checks
included, through workbench.domain.checks.run_checks. Target (issue 14): ours <= 0.25 x
pofilter on every shape. The two sides take turns, so that a busy spell on a shared machine
hits both; each side's CPU time is reported beside the wall time (pofilter's from the child's
resource usage), as the machine is shared. --per-check times each check alone (with the
scans it would otherwise share) on N pairs, the best of three different slices.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from qa_shapes import SHAPES, make_concepts, make_pairs

from workbench.domain.checks import CHECKS, DOCUMENT_CHECKS, CheckContext, Pair, Profile, run_checks
from workbench.domain.matching import TermIndex


def write_po(pairs: list[Pair], path: Path) -> None:
    """The same pairs as a PO file for pofilter."""
    with path.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for pair in pairs:
            source = pair.source.replace('"', '\\"')
            target = pair.target.replace('"', '\\"')
            out.write(f'msgctxt "{pair.unit_id}"\nmsgid "{source}"\nmsgstr "{target}"\n\n')


def time_ours(pairs: list[Pair], context: CheckContext) -> tuple[float, float, int]:
    """Seconds (wall and CPU) for every check over the pairs, and the issues found."""
    started, cpu = time.perf_counter(), time.process_time()
    found = sum(1 for _ in run_checks(pairs, context))
    return time.perf_counter() - started, time.process_time() - cpu, found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_pofilter(po: Path, out: Path) -> tuple[float, float]:
    """Seconds (wall and CPU) of pofilter's default checks over the PO file, start-up included."""
    pofilter = str(Path(sys.executable).with_name("pofilter"))
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [pofilter, "--progress=none", str(po), str(out)], check=False, capture_output=True
    )
    return time.perf_counter() - started, _children_cpu() - cpu


def per_check(pairs: list[Pair], index: TermIndex, size: int, repeat: int) -> dict[str, float]:
    """Microseconds per pair of each check run alone (best of repeat), in registry order.

    Each repeat takes other pairs, so that no cache of a previous repeat answers for them.
    """
    slices = [pairs[start : start + size] for start in range(0, size * repeat, size)]
    spent: dict[str, float] = {}
    for check_id in [*CHECKS, *DOCUMENT_CHECKS]:
        context = CheckContext(Profile(enabled={check_id}), resources={"terms": index})
        best = min(time_ours(part, context)[1] / len(part) for part in slices if part)
        spent[check_id] = round(best * 1e6, 1)
    return spent


def run_shape(
    shape: str,
    args: argparse.Namespace,
    index: TermIndex,
    concepts: list,  # type: ignore[type-arg]
    tmp: Path,
) -> dict[str, object]:
    """ours and pofilter, taking turns, on one shape's pairs."""
    pairs = make_pairs(shape, args.pairs, concepts)
    context = CheckContext(resources={"terms": index})
    list(run_checks(make_pairs(shape, 300, concepts, seed=99), context))  # warm up
    po = tmp / f"{shape}.po"
    write_po(pairs, po)
    ours, ours_cpu, theirs, theirs_cpu = [], [], [], []
    found = 0
    for number in range(args.repeat):
        wall, cpu, found = time_ours(pairs, context)
        ours.append(wall)
        ours_cpu.append(cpu)
        wall, cpu = time_pofilter(po, tmp / f"out{number}.po")
        theirs.append(wall)
        theirs_cpu.append(cpu)
    result: dict[str, object] = {
        "ours_s": round(statistics.median(ours), 2),
        "pofilter_s": round(statistics.median(theirs), 2),
        "ratio": round(statistics.median(ours) / statistics.median(theirs), 3),
        "ours_cpu_s": round(statistics.median(ours_cpu), 2),
        "pofilter_cpu_s": round(statistics.median(theirs_cpu), 2),
        "cpu_ratio": round(statistics.median(ours_cpu) / statistics.median(theirs_cpu), 3),
        "issues_found": found,
        "ratio_per_run": [round(a / b, 3) for a, b in zip(ours, theirs, strict=True)],
    }
    if args.per_check:
        result["per_check_us"] = per_check(pairs, index, args.per_check, 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--per-check", type=int, default=0, help="pairs; 0 skips")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    concepts = make_concepts(args.terms, random.Random(11))
    index = TermIndex(concepts)
    load_before = os.getloadavg()[0]
    shapes = {}
    with tempfile.TemporaryDirectory(prefix="wb-qa-") as tmp:
        for shape in args.shapes.split(","):
            shapes[shape] = run_shape(shape, args, index, concepts, Path(tmp))
            print(shape, json.dumps(shapes[shape]), flush=True)
    summary = {
        "pairs": args.pairs,
        "terms": args.terms,
        "shapes": shapes,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    args.out.mkdir(exist_ok=True)
    (args.out / "qa.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
