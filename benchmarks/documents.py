"""Benchmark: import and export of generated documents through the services.

Run: .venv/bin/python benchmarks/documents.py [--units N] [--repeat R]
     .venv/bin/python benchmarks/documents.py --case json [--keys N] [--repeat R]
     .venv/bin/python benchmarks/documents.py --case docx [--pages N] [--repeat R]

End to end through the services, as `workbench import` runs it (parse, inline codes, one
transaction into SQLite), and the export that patches the original with every target changed.
xliff: a 100,000-unit XLIFF 1.2; target (issue 4): import <= 15 s.
json: a 10,000-key app string file (nested i18next keys, plurals, ICU messages, placeholders)
imported with its Korean translation (`--target`), and exported with every value changed;
target (issue 15): <= 2 s each. Baseline in the same run: json.load plus a walk of every
string (import), and json.load, the walk and json.dumps of the translated tree (export).
docx: a Word document LibreOffice lays out on 300 pages (headings, formatted runs, links,
footnotes, tables), imported and exported with every target changed; target (issue 15):
<= 3 s each. Baseline in the same run: python-docx opening it and reading every paragraph.
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
    measured = {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if mode == "export":
        # the part of the export that checks the file (well-formed, XLIFF schema) before
        # it replaces anything: run once more on its own to see its share
        from workbench.formats.xml_check import problem_in

        started = time.perf_counter()
        assert problem_in(folder / "out.xlf", ".xlf") is None
        measured["check_seconds"] = time.perf_counter() - started
    return measured


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=("xliff", "json", "docx"), default="xliff")
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    if args.case == "json":
        json_case(args.keys, args.repeat, args.out)
        return
    if args.case == "docx":
        docx_case(args.pages, args.repeat, args.out)
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


# --- Word: a 300-page DOCX ----------------------------------------------------------------

_WORDS = (
    "translators receive documents with tables footnotes and headings whose formatting must "
    "survive every round trip 번역가는 서식이 살아 있는 문서를 받는다 and the workbench keeps it"
).split()
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sentence(number: int, length: int = 14) -> str:
    words = [_WORDS[(number * 7 + i * 3) % len(_WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def _run(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r w:rsidR="00AB12CD">{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _paragraph(number: int, footnote: int | None) -> str:
    """About 80 words in five sentences: bold, italic, a link, spell-check noise, a note."""
    runs = [_run(_sentence(number) + " ")]
    runs.append(_run(_sentence(number + 1, 6) + " ", "<w:b/>"))
    runs.append('<w:proofErr w:type="spellStart"/>')
    runs.append(_run(_sentence(number + 2, 12) + " ", '<w:lang w:val="ko-KR"/>'))
    runs.append('<w:proofErr w:type="spellEnd"/>')
    runs.append(
        f'<w:hyperlink r:id="rIdLink" w:history="1">{_run("the reference", "<w:i/>")}</w:hyperlink>'
    )
    runs.append(_run(" " + _sentence(number + 3, 16)))
    if footnote is not None:
        runs.append(
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{footnote}"/></w:r>'
        )
    runs.append(_run(" " + _sentence(number + 4, 18) + " " + _sentence(number + 5, 10)))
    return f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{"".join(runs)}</w:p>'


def generate_docx(path: Path, pages: int) -> None:
    """A Word document of about `pages` pages (as LibreOffice lays it out): a heading, six
    paragraphs and a note each,
    and a 3x4 table every third page."""
    import zipfile

    body: list[str] = []
    notes: list[str] = []
    for page in range(pages):
        body.append(
            '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
            f"{_run(f'Chapter {page + 1}: ' + _sentence(page, 5))}</w:p>"
        )
        for number in range(7 if page % 3 else 6):
            footnote = len(notes) + 1 if number == 2 else None
            body.append(_paragraph(page * 7 + number, footnote))
            if footnote is not None:
                notes.append(
                    f'<w:footnote w:id="{footnote}"><w:p><w:r><w:footnoteRef/></w:r>'
                    f"{_run(' ' + _sentence(footnote, 12))}</w:p></w:footnote>"
                )
        if page % 3 == 2:
            rows = "".join(
                "<w:tr>"
                + "".join(
                    f"<w:tc><w:p>{_run(_sentence(page + r + c, 4))}</w:p></w:tc>" for c in range(4)
                )
                + "</w:tr>"
                for r in range(3)
            )
            body.append(f"<w:tbl>{rows}</w:tbl>")
    namespaces = f'xmlns:w="{_W}" xmlns:r="{_R}"'
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    document = (
        f"{declaration}<w:document {namespaces}><w:body>{''.join(body)}</w:body></w:document>"
    )
    footnotes = f"{declaration}<w:footnotes {namespaces}>{''.join(notes)}</w:footnotes>"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
        f'<Override PartName="/word/footnotes.xml" ContentType="{main}.footnotes+xml"/></Types>'
    )
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    package_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rels}">'
        f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rels}">'
        f'<Relationship Id="rId1" Type="{_R}/footnotes" Target="footnotes.xml"/>'
        f'<Relationship Id="rIdLink" Type="{_R}/hyperlink" Target="https://example.org/"'
        ' TargetMode="External"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        archive.writestr("word/footnotes.xml", footnotes)


def docx_child(mode: str, path: Path, url: str, folder: Path) -> dict[str, float]:
    """One DOCX measurement in this process; the export has every target changed."""
    from workbench import services
    from workbench.storage.engine import open_database

    db = open_database(url)
    if mode == "export":
        services.pseudo_translate(db, path.name)  # every target changed, before the clock
    started = time.perf_counter()
    if mode == "baseline":
        from docx import Document

        document = Document(str(path))
        texts = [p.text for p in document.paragraphs]
        for table in document.tables:
            texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    elif mode == "import":
        services.import_document(db, path, name=path.name, source_lang="en", target_lang="ko")
    else:
        services.export_document(db, path.name, folder / "out.docx")
    seconds = time.perf_counter() - started
    db.dispose()
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def docx_case(pages: int, repeat: int, out: Path) -> None:
    """Import and export of a pages-page DOCX, against python-docx reading it."""
    modes = ("baseline", "import", "export")
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory(prefix="wb-docx-") as tmp:
        folder = Path(tmp)
        path = folder / "bench.docx"
        generate_docx(path, pages)
        for number in range(repeat):
            url = f"sqlite:///{folder / f'db{number}.sqlite'}"
            for mode in modes:
                done = subprocess.run(
                    [sys.executable, __file__, "--docx-child", mode, str(path), url, str(folder)],
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
            summary[mode]["ratio"] = summary[mode]["seconds"] / summary["baseline"]["seconds"]
        summary["file"] = {"pages": pages, "kb": path.stat().st_size / 1e3}
    out.mkdir(exist_ok=True)
    (out / "documents-docx.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--docx-child":
        _, _, mode_arg, path_arg, url_arg, folder_arg = sys.argv
        print(json.dumps(docx_child(mode_arg, Path(path_arg), url_arg, Path(folder_arg))))
    elif len(sys.argv) > 1 and sys.argv[1] == "--json-child":
        _, _, mode_arg, source_arg, target_arg, url_arg, folder_arg = sys.argv
        child_args = (Path(source_arg), Path(target_arg), url_arg, Path(folder_arg))
        print(json.dumps(json_child(mode_arg, *child_args)))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, mode_arg, xliff_arg, url_arg, folder_arg = sys.argv
        print(json.dumps(child(mode_arg, Path(xliff_arg), url_arg, Path(folder_arg))))
    else:
        main()
