"""Benchmark: importing a term base's own export again (issue 11): every concept found by its id
within its origin, nothing changed, against the first import of the same file in the same run.

Run: .venv/bin/python benchmarks/glossary_reimport.py [--concepts N] [--repeat R]

The baseline is the first import of the generated TBX into an empty SQLite term base (every
concept new). The re-import reads the same number of concepts, finds each stored one and
compares its fields and terms; before issue 11 it also rewrote every term it found.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from glossary_import import generate

from workbench import services
from workbench.services import open_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    firsts: list[float] = []
    agains: list[float] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "generated.tbx"
        generate(source, args.concepts)
        for round_ in range(args.repeat):
            db = open_database(f"sqlite:///{folder / f'tb{round_}.sqlite'}")
            started = time.perf_counter()
            services.import_glossary(db, source)
            firsts.append(time.perf_counter() - started)
            export = folder / f"export{round_}.tbx"
            services.export_glossary(db, export)
            started = time.perf_counter()
            again = services.import_glossary(db, export)
            agains.append(time.perf_counter() - started)
            assert (again.concepts_created, again.concepts_changed) == (0, 0), again
            assert again.concepts_merged == args.concepts
            db.dispose()
    first, second = statistics.median(firsts), statistics.median(agains)
    print(f"first import (baseline): {first:.2f} s  (median of {args.repeat})")
    print(f"re-import of the export: {second:.2f} s  ratio {second / first:.2f}x")


if __name__ == "__main__":
    main()
