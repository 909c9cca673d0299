"""The larger fuzz run of issue 12: mutated corpus files of every registered format, imported
through the services; prints the table tried / clean refusals / tracebacks / hangs / DB
changed per format, and each bad case.

Run: .venv/bin/python benchmarks/fuzz.py [--seeds 8] [--mutations 25] [--timeout 30]
     [--only LABEL-PREFIX] [--seed-offset N]

The engine is tests/fuzz_support.py (the CI test runs the same engine, smaller).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_support import OUTCOMES, Result, fuzz  # noqa: E402

from workbench.storage.engine import open_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=8, help="Corpus files per format.")
    parser.add_argument("--mutations", type=int, default=25, help="Mutations per file.")
    parser.add_argument("--timeout", type=float, default=30.0, help="Seconds before a hang.")
    parser.add_argument("--only", default="", help="Only targets whose label starts so.")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wb-fuzz-") as tmp:
        folder = Path(tmp)
        counter = iter(range(1_000_000))

        def new_db():  # type: ignore[no-untyped-def]
            return open_database(f"sqlite:///{folder / f'fuzz-{next(counter)}.sqlite'}")

        def show(result: Result) -> None:
            if result.outcome not in ("ok", "refused"):
                print(
                    f"  {result.outcome}: {result.target} {result.seed} {result.mutation}: "
                    f"{result.detail}",
                    flush=True,
                )

        tally = fuzz(
            new_db,
            args.corpus,
            folder,
            args.seeds,
            args.mutations,
            args.timeout,
            only=lambda target: target.label.startswith(args.only),
            on_result=show,
        )
    elapsed = time.perf_counter() - started
    header = ["format", "tried", "imported", "clean refusals", "tracebacks", "hangs", "DB changed"]
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    totals = dict.fromkeys(OUTCOMES, 0)
    for label, row in sorted(tally.counts.items()):
        for key in OUTCOMES:
            totals[key] += row[key]
        print(
            f"| {label} | {sum(row.values())} | {row['ok']} | {row['refused']} | "
            f"{row['traceback']} | {row['hang']} | {row['changed']} |"
        )
    print(
        f"| **all** | {sum(totals.values())} | {totals['ok']} | {totals['refused']} | "
        f"{totals['traceback']} | {totals['hang']} | {totals['changed']} |"
    )
    print(f"\n{elapsed:.0f} s")
    args.out.mkdir(exist_ok=True)
    (args.out / "fuzz.json").write_text(
        json.dumps({"counts": tally.counts, "bad": [asdict(r) for r in tally.bad]}, indent=2)
    )


if __name__ == "__main__":
    main()
