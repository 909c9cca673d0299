"""Benchmark: what keeping every TBX data category costs the reader (issue 13).

Run: .venv/bin/python benchmarks/tbx_categories.py [--copies N] [--repeat R]

A rich file: the TBX-Basic Astronomy example (DCA; contexts with sources, images, language
transactions: about 25 kept elements per concept), its concept entries repeated N times with
fresh ids. A lean file: the same number of concepts with terms only (what the 100,000-concept
import benchmark reads). Each is read with our reader (`TbxFormat.read`, categories kept) and,
as the floor measured in the same run, with a bare lxml iterparse of the same file that
releases each entry. Times are medians of R runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workbench.formats.base import ReadOptions  # noqa: E402
from workbench.formats.glossary.tbx import TbxFormat  # noqa: E402

ASTRONOMY = REPO.parent / "shared/corpus/tbx/ltac_tbx-basic_dialect/Example_Astronomy_DCA_VALID.tbx"
NS = "urn:iso:std:iso:30042:ed-2"


def rich(path: Path, copies: int) -> int:
    """The Astronomy entries, copies times over, with unique ids; how many concepts."""
    tree = etree.parse(str(ASTRONOMY))
    body = tree.find(f"{{{NS}}}text/{{{NS}}}body")
    assert body is not None
    entries = list(body)
    for entry in entries:
        body.remove(entry)
    for copy in range(copies):
        for entry in entries:
            fresh = etree.fromstring(etree.tostring(entry))
            fresh.set("id", f"{entry.get('id')}-{copy}")
            body.append(fresh)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return copies * len(entries)


def lean(path: Path, concepts: int) -> None:
    """Concepts with a term in en and es each, and nothing else."""
    entries = "".join(
        f'<conceptEntry id="c{i}"><langSec xml:lang="en"><termSec><term>star {i}</term>'
        f'</termSec></langSec><langSec xml:lang="es"><termSec><term>estrella {i}</term>'
        "</termSec></langSec></conceptEntry>\n"
        for i in range(concepts)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
        f'xml:lang="en" xmlns="{NS}"><tbxHeader><fileDesc><sourceDesc><p>b</p></sourceDesc>'
        f"</fileDesc></tbxHeader><text><body>\n{entries}</body></text></tbx>\n",
        encoding="utf-8",
    )


def floor(path: Path) -> None:
    """lxml iterparse of every entry, each released: no reader can do less."""
    for _event, element in etree.iterparse(str(path), tag=f"{{{NS}}}conceptEntry"):
        element.clear()


def ours(path: Path) -> None:
    for _concept in TbxFormat().read(path, ReadOptions()):
        pass


def median(run: Callable[[Path], None], path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{platform.node()} {platform.processor() or platform.machine()}, load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as folder:
        rich_path, lean_path = Path(folder) / "rich.tbx", Path(folder) / "lean.tbx"
        concepts = rich(rich_path, args.copies)
        lean(lean_path, concepts)
        ours(lean_path)  # imports (langcodes ...) paid before timing
        for name, path in (
            ("rich (Astronomy entries)", rich_path),
            ("lean (terms only)", lean_path),
        ):
            base, read = median(floor, path, args.repeat), median(ours, path, args.repeat)
            size = path.stat().st_size / 1e6
            print(
                f"{name}: {concepts} concepts, {size:.1f} MB: floor {base:.2f} s, ours {read:.2f} s"
                f" ({read / base:.1f}x floor, {1000 * read / concepts:.2f} ms a concept)"
            )


if __name__ == "__main__":
    main()
