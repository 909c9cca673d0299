"""Benchmark: the number reader on the texts of QA's data shapes, against the frozen reference.

Run: .venv/bin/python benchmarks/number_reader.py [--pairs N] [--rounds R] [--shapes a,b]

Reads both sides of N pairs of each shape of qa_shapes.py with extract_numbers, and with the
reader of tests/domain/reference_numbers (the reader before issue 14's work on it), uncached
and with the collector paused as in QA, taking turns R times (each first in every other round)
so that a busy spell on a shared machine hits both. Prints the median CPU microseconds per pair
(both texts) of each, and their ratio: a baseline in the same run, as the machine is shared.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "domain"))

import reference_numbers
from qa_shapes import SHAPES, make_concepts, make_pairs

from workbench.domain.collector import paused
from workbench.domain.numbers import extract_numbers

Reader = Callable[[str, str], list[object]]


def cpu_per_pair(read: Reader, texts: list[tuple[str, str]], pairs: int) -> float:
    """CPU microseconds per pair for reading every text once (the collector paused, as QA
    pauses it)."""
    gc.collect()
    with paused():
        started = time.process_time()
        for text, lang in texts:
            read(text, lang)
        return (time.process_time() - started) / pairs * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    concepts = make_concepts(2000, random.Random(11))
    readers: dict[str, Reader] = {
        "reference": reference_numbers.extract_numbers,
        "current": extract_numbers,  # type: ignore[dict-item]
    }
    results = {}
    for shape in args.shapes.split(","):
        pairs = make_pairs(shape, args.pairs, concepts)
        texts = [(p.source, p.source_lang) for p in pairs] + [
            (p.target, p.target_lang) for p in pairs
        ]
        for read in readers.values():
            cpu_per_pair(read, texts[:200], 100)  # warm up: grammars compiled
        spent: dict[str, list[float]] = {name: [] for name in readers}
        for round_ in range(args.rounds):
            order = list(readers) if round_ % 2 == 0 else list(reversed(readers))
            for name in order:
                spent[name].append(cpu_per_pair(readers[name], texts, len(pairs)))
        medians = {name: round(statistics.median(values), 1) for name, values in spent.items()}
        medians["ratio"] = round(medians["current"] / medians["reference"], 3)
        results[shape] = medians
        print(shape, json.dumps(medians), flush=True)


if __name__ == "__main__":
    main()
