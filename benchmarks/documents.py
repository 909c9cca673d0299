"""Benchmark: import and export of generated documents through the services.

Run: .venv/bin/python benchmarks/documents.py [--units N] [--repeat R]
     .venv/bin/python benchmarks/documents.py --case json [--keys N] [--repeat R]

End to end through the services, as `workbench import` runs it (parse, inline codes, one
transaction into SQLite), and the export that patches the original with every target changed.
xliff: a 100,000-unit XLIFF 1.2; target (issue 4): import <= 15 s.
json: a 10,000-key app string file (nested i18next keys, plurals, ICU messages, placeholders)
imported with its Korean translation (`--target`), and exported with every value changed;
target (issue 15): <= 2 s each. Baseline in the same run: json.load plus a walk of every
string (import), and json.load, the walk and json.dumps of the translated tree (export).
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
    parser.add_argument("--case", choices=("xliff", "json"), default="xliff")
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    if args.case == "json":
        json_case(args.keys, args.repeat, args.out)
        return
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


# --- app strings: a 10,000-key JSON ------------------------------------------------------

_EN = ["Open the file", "Save {{name}} now?", "Delete {{count}} items", "Settings", "Sign in"]
_KO = ["파일 열기", "{{name}}을(를) 지금 저장할까요?", "항목 {{count}}개 삭제", "설정", "로그인"]


def generate_json(folder: Path, keys: int) -> tuple[Path, Path]:
    """en.json and ko.json with keys nested one to four deep, every tenth an i18next plural
    (two keys), every 25th an ICU plural; the Korean file has one form per plural."""
    english: dict[str, object] = {}
    korean: dict[str, object] = {}
    made = 0
    number = 0
    while made < keys:
        depth = 1 + number % 4
        path = [f"section{number % 37}", f"group{number % 11}", f"part{number % 5}"][: depth - 1]
        en_node, ko_node = english, korean
        for part in path:
            en_node = en_node.setdefault(part, {})  # type: ignore[assignment]
            ko_node = ko_node.setdefault(part, {})  # type: ignore[assignment]
        key = f"key{number}"
        text, translation = _EN[number % 5], _KO[number % 5]
        if number % 10 == 0:
            en_node[f"{key}_one"] = f"{{{{count}}}} file {number}"
            en_node[f"{key}_other"] = f"{{{{count}}}} files {number}"
            ko_node[f"{key}_other"] = f"파일 {{{{count}}}}개 {number}"
            made += 2
        elif number % 25 == 3:
            en_node[key] = f"{{n, plural, =0{{No songs}} one{{# song}} other{{# songs {number}}}}}"
            ko_node[key] = f"{{n, plural, =0{{노래 없음}} other{{노래 #곡 {number}}}}}"
            made += 1
        else:
            en_node[key] = f"{text} ({number})"
            ko_node[key] = f"{translation} ({number})"
            made += 1
        number += 1
    source, target = folder / "en.json", folder / "ko.json"
    source.write_text(json.dumps(english, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    target.write_text(json.dumps(korean, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return source, target


def _walk(value: object, found: list[str]) -> list[str]:
    if isinstance(value, dict):
        for item in value.values():
            _walk(item, found)
    elif isinstance(value, str):
        found.append(value)
    return found


def _translated(value: object) -> object:
    if isinstance(value, dict):
        return {key: _translated(item) for key, item in value.items()}
    return f"[{value}]" if isinstance(value, str) else value


def json_child(mode: str, source: Path, target: Path, url: str, folder: Path) -> dict[str, float]:
    """One JSON measurement in this process."""
    started = time.perf_counter()
    if mode == "baseline-import":
        _walk(json.loads(source.read_text(encoding="utf-8")), [])
    elif mode == "baseline-export":
        tree = json.loads(source.read_text(encoding="utf-8"))
        _walk(tree, [])
        (folder / "baseline.json").write_text(json.dumps(_translated(tree), indent=2))
    else:
        from workbench import services
        from workbench.storage.engine import open_database

        db = open_database(url)
        started = time.perf_counter()
        if mode == "import":
            services.import_document(db, source, name="en.json", target_file=target)
        else:
            services.export_document(db, "en.json", folder / "out.json")
        db.dispose()
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def json_case(keys: int, repeat: int, out: Path) -> None:
    """Import (with the translation) and export of a keys-key JSON, against the baseline."""
    modes = ("baseline-import", "import", "baseline-export", "export")
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory(prefix="wb-json-") as tmp:
        folder = Path(tmp)
        source, target = generate_json(folder, keys)
        for number in range(repeat):
            url = f"sqlite:///{folder / f'db{number}.sqlite'}"
            for mode in modes:
                arguments = [mode, str(source), str(target), url, str(folder)]
                done = subprocess.run(
                    [sys.executable, __file__, "--json-child", *arguments],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(mode, runs[mode][-1], flush=True)
        summary: dict[str, dict[str, float]] = {
            mode: {key: statistics.median(r[key] for r in results) for key in results[0]}
            for mode, results in runs.items()
        }
        for mode in ("import", "export"):
            summary[mode]["ratio"] = (
                summary[mode]["seconds"] / summary[f"baseline-{mode}"]["seconds"]
            )
        summary["file"] = {"keys": keys, "kb": source.stat().st_size / 1e3}
    out.mkdir(exist_ok=True)
    (out / "documents-json.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--json-child":
        _, _, mode_arg, source_arg, target_arg, url_arg, folder_arg = sys.argv
        child_args = (Path(source_arg), Path(target_arg), url_arg, Path(folder_arg))
        print(json.dumps(json_child(mode_arg, *child_args)))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, mode_arg, xliff_arg, url_arg, folder_arg = sys.argv
        print(json.dumps(child(mode_arg, Path(xliff_arg), url_arg, Path(folder_arg))))
    else:
        main()
