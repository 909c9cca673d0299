"""Benchmark: import and export of a generated 100,000-unit XLIFF 1.2 document.

Run: .venv/bin/python benchmarks/documents.py [--units N] [--repeat R]

End to end through the services, as `workbench import` runs it (parse, inline codes, one
transaction into SQLite), and the export that patches the original with every target changed.
Target (issue 4): import <= 15 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(path: Path, units: int) -> None:
    """Units with inline codes and notes; half of them translated."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            ' <file original="news.txt" source-language="ko" target-language="en"'
            ' datatype="plaintext">\n  <body>\n'
        )
        for i in range(units):
            out.write(
                f'   <trans-unit id="u{i}">\n    <source>원거테크놀러지(中科聞歌)는 {i}번째 '
                f'<g id="1">문장</g>을 <x id="2"/> 처리했다.</source>\n'
            )
            if i % 2 == 0:
                out.write(
                    f'    <target state="translated">Wenge processed sentence <g id="1">{i}</g>'
                    ' <x id="2"/>.</target>\n'
                )
            out.write(f'    <note from="dev">Note {i}</note>\n   </trans-unit>\n')
        out.write("  </body>\n </file>\n</xliff>\n")


def child(mode: str, xliff: Path, url: str, folder: Path) -> dict[str, float]:
    """One measurement in this process."""
    from workbench import services
    from workbench.storage.engine import open_database

    db = open_database(url)
    started = time.perf_counter()
    if mode == "import":
        services.import_document(db, xliff, name="bench.xlf")
    else:
        services.export_document(db, "bench.xlf", folder / "out.xlf")
    seconds = time.perf_counter() - started
    db.dispose()
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"import": [], "export": []}
    with tempfile.TemporaryDirectory(prefix="wb-docs-") as tmp:
        folder = Path(tmp)
        xliff = folder / "bench.xlf"
        generate(xliff, args.units)
        for number in range(args.repeat):
            url = f"sqlite:///{folder / f'db{number}.sqlite'}"
            for mode in ("import", "export"):
                done = subprocess.run(
                    [sys.executable, __file__, "--child", mode, str(xliff), url, str(folder)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(mode, runs[mode][-1], flush=True)
        summary = {
            mode: {key: statistics.median(r[key] for r in results) for key in results[0]}
            for mode, results in runs.items()
        }
        summary["file"] = {"units": args.units, "mb": xliff.stat().st_size / 1e6}
    args.out.mkdir(exist_ok=True)
    (args.out / "documents.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, mode_arg, xliff_arg, url_arg, folder_arg = sys.argv
        print(json.dumps(child(mode_arg, Path(xliff_arg), url_arg, Path(folder_arg))))
    else:
        main()
