"""Benchmark: import/export of a 100,000-concept, 3-language TBX against the raw floor, and
the import of the same concepts as an XLSX workbook against the openpyxl reader it replaced.

Run: .venv/bin/python benchmarks/glossary_import.py [--concepts N] [--repeat R] [--pg URL]
     [--only xlsx]

The XLSX baseline is the reader as it was until 2026-12 (openpyxl's read-only mode, both passes
of the table reader), kept here so that it is measured in the same run on the same machine.

Each measurement runs in a fresh child process so that its peak memory (ru_maxrss) is its own.
Reading and importing also give their CPU time ("cpu", user + system), which a loaded
machine disturbs less than the wall time ("total").
The floor is what no importer can beat: lxml iterparse of the same file plus a raw sqlite3
executemany of the same rows into the same tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

LANGS = ("ko", "zh-Hans", "en")
SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"
HANZI = "中科闻歌人工智能世界大会上海日报网技术公司研究院数据模型"
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "sigma",
    "omega",
    "neural",
    "vector",
    "graph",
    "cloud",
    "model",
    "data",
]
NS = "urn:iso:std:iso:30042:ed-2"


def _term(lang: str, i: int) -> str:
    digits = [int(d) for d in f"{i:06d}"]
    if lang == "ko":
        return "".join(SYLLABLES[d * 3 % len(SYLLABLES)] for d in digits) + f"{i}"
    if lang == "zh-Hans":
        return "".join(HANZI[(d * 7 + k) % len(HANZI)] for k, d in enumerate(digits)) + f"{i}"
    return f"{WORDS[i % len(WORDS)]} {WORDS[(i // 7) % len(WORDS)]} {i}"


def generate(path: Path, concepts: int) -> None:
    """Write a TBX-Basic file with one preferred term per language per concept."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
            f'xml:lang="en" xmlns="{NS}"><tbxHeader><fileDesc><sourceDesc><p>benchmark</p>'
            "</sourceDesc></fileDesc></tbxHeader><text><body>\n"
        )
        for i in range(concepts):
            out.write(f'<conceptEntry id="c{i}"><descrip type="subjectField">bench</descrip>')
            for lang in LANGS:
                out.write(
                    f'<langSec xml:lang="{lang}"><termSec><term>{_term(lang, i)}</term>'
                    '<termNote type="administrativeStatus">preferredTerm-admn-sts'
                    "</termNote></termSec></langSec>"
                )
            out.write("</conceptEntry>\n")
        out.write("</body></text></tbx>\n")


# --- child measurements ------------------------------------------------------------------


def generate_xlsx(path: Path, concepts: int) -> None:
    """The same concepts as an XLSX glossary in our column convention, written by us."""
    from workbench.domain.model import Concept, Term
    from workbench.formats.base import WriteOptions
    from workbench.formats.glossary.xlsx import XlsxFormat

    made = (
        Concept(
            uid=f"c{i}",
            subject_field="bench",
            terms=[Term(lang, _term(lang, i)) for lang in LANGS],
        )
        for i in range(concepts)
    )
    options = WriteOptions(langs=list(LANGS), terms_per_lang=dict.fromkeys(LANGS, 1))
    XlsxFormat().write(made, path, options)


def openpyxl_import(xlsx: Path, url: str, store: bool = True) -> None:
    """The XLSX import as it was: openpyxl's read-only rows through the same table reader
    (store=False: read only, the concepts counted, nothing stored)."""
    from contextlib import contextmanager
    from datetime import date, datetime, time

    from openpyxl import load_workbook

    from workbench.formats.base import ReadOptions
    from workbench.formats.glossary.table import read_table
    from workbench.storage import termbase
    from workbench.storage.engine import open_database

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date | time):
            return value.isoformat()
        return str(value)

    class Source:
        @contextmanager
        def open(self, on_progress: object) -> object:
            workbook = load_workbook(xlsx, read_only=True, data_only=True)
            sheet = workbook.worksheets[0]

            def rows(_column: int | None) -> object:
                for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                    yield (
                        number,
                        ["" if v is None else v if type(v) is str else text(v) for v in values],
                    )

            try:
                yield rows
            finally:
                workbook.close()

    concepts = read_table(Source(), xlsx, ReadOptions(), pad_short_rows=True)  # type: ignore[arg-type]
    if not store:
        sum(1 for _ in concepts)
        return
    db = open_database(url)
    with db.sessions.begin() as session:
        termbase.import_concepts(session, concepts, None)
    db.dispose()


def floor_parse(tbx: Path) -> list[tuple[int, str, str]]:
    """lxml iterparse collecting (concept, lang, term) rows: the parse floor."""
    from lxml import etree

    rows: list[tuple[int, str, str]] = []
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    for concept, (_, element) in enumerate(
        etree.iterparse(
            str(tbx),
            events=("end",),
            tag=f"{{{NS}}}conceptEntry",
            resolve_entities=False,
            no_network=True,
        ),
        1,
    ):
        for lang_sec in element.iterchildren(f"{{{NS}}}langSec"):
            lang = lang_sec.get(lang_attr)
            for term in lang_sec.iter(f"{{{NS}}}term"):
                rows.append((concept, lang, term.text))
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
    return rows


def floor_insert(rows: list[tuple[int, str, str]], folder: Path, same_schema: bool) -> None:
    """Raw sqlite3 executemany of the same rows: into two bare tables, or into our schema.

    The bare floor is the one the issue names; the same-schema floor keeps our constraints
    and indexes (foreign key, unique term per concept, lookup index), so that the ratio to it
    measures only what our code adds.
    """
    path = folder / f"floor-{uuid.uuid4().hex}.sqlite"
    if same_schema:
        from workbench.storage.engine import open_database

        open_database(f"sqlite:///{path}").dispose()
    connection = sqlite3.connect(path)
    connection.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    concepts = sorted({row[0] for row in rows})
    if same_schema:
        connection.execute("PRAGMA foreign_keys=ON")
        concept_sql = (
            "INSERT INTO concept (id, uid, subject_field, definitions, created_at, updated_at)"
            " VALUES (?, ?, 'bench', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
        term_sql = (
            "INSERT INTO term (concept_id, lang, text, lookup, status, case_sensitive)"
            " VALUES (?, ?, ?, ?, ?, 0)"
        )
    else:
        connection.executescript(
            "CREATE TABLE concept (id INTEGER PRIMARY KEY, uid TEXT, subject_field TEXT);"
            "CREATE TABLE term (id INTEGER PRIMARY KEY, concept_id INTEGER, lang TEXT,"
            " text TEXT, lookup TEXT, status TEXT);"
            "CREATE INDEX ix_term_concept ON term (concept_id);"
            "CREATE INDEX ix_term_lookup ON term (lookup, lang);"
        )
        concept_sql = "INSERT INTO concept VALUES (?, ?, 'bench')"
        term_sql = (
            "INSERT INTO term (concept_id, lang, text, lookup, status) VALUES (?, ?, ?, ?, ?)"
        )
    with connection:
        connection.executemany(concept_sql, ((c, f"c{c}") for c in concepts))
        connection.executemany(
            term_sql, ((c, lang, text, text.casefold(), "preferred") for c, lang, text in rows)
        )
    connection.close()


def child(mode: str, tbx: Path, url: str, folder: Path) -> dict[str, float]:
    """One measurement; returns seconds per phase."""
    from workbench import services
    from workbench.storage import termbase
    from workbench.storage.engine import open_database

    result: dict[str, float] = {}
    if mode == "floor":
        started = time.perf_counter()
        rows = floor_parse(tbx)
        result["parse"] = time.perf_counter() - started
        started = time.perf_counter()
        floor_insert(rows, folder, same_schema=False)
        result["insert"] = time.perf_counter() - started
        result["total"] = result["parse"] + result["insert"]
        started = time.perf_counter()
        floor_insert(rows, folder, same_schema=True)
        result["insert_same_schema"] = time.perf_counter() - started
        result["total_same_schema"] = result["parse"] + result["insert_same_schema"]
        return result
    if mode in ("xlsx_openpyxl", "xlsx_openpyxl_read"):
        started, cpu = time.perf_counter(), time.process_time()
        openpyxl_import(tbx, url, store=mode == "xlsx_openpyxl")
        result["total"] = time.perf_counter() - started
        result["cpu"] = time.process_time() - cpu
        return result
    if mode == "xlsx_read":
        from workbench.formats.base import ReadOptions
        from workbench.formats.registry import glossary_format

        started, cpu = time.perf_counter(), time.process_time()
        sum(1 for _ in glossary_format(tbx).read(tbx, ReadOptions()))
        result["total"] = time.perf_counter() - started
        result["cpu"] = time.process_time() - cpu
        return result
    db = open_database(url)
    if mode == "import":
        started, cpu = time.perf_counter(), time.process_time()
        services.import_glossary(db, tbx)
        result["total"] = time.perf_counter() - started
        result["cpu"] = time.process_time() - cpu
    elif mode == "export":
        started = time.perf_counter()
        services.export_glossary(db, folder / f"export-{uuid.uuid4().hex}.tbx")
        result["total"] = time.perf_counter() - started
    elif mode == "lookup":
        from sqlalchemy import select

        from workbench.domain.normalize import lookup_key
        from workbench.storage.schema import TermRow

        probes = [_term(LANGS[i % 3], (i * 7919) % 100_000) for i in range(1000)]
        with db.sessions() as session:
            timings = []
            for probe in probes:
                started = time.perf_counter()
                session.execute(
                    select(TermRow.concept_id).where(TermRow.lookup == lookup_key(probe))
                ).all()
                timings.append(time.perf_counter() - started)
            result["index_lookup_ms"] = statistics.median(timings) * 1000
            timings = []
            for probe in probes[:300]:
                started = time.perf_counter()
                termbase.find_concepts_by_term(session, probe)
                timings.append(time.perf_counter() - started)
            result["concept_lookup_ms"] = statistics.median(timings) * 1000
    db.dispose()
    return result


def run_child(mode: str, tbx: Path, url: str, folder: Path) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and add its peak memory in MB."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(tbx), url, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def fresh_pg(base: str) -> tuple[str, str]:
    """A new schema on the server and a URL whose search_path points at it."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base.replace("postgresql+psycopg", "postgresql"), autocommit=True) as c:
        c.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def drop_pg(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base.replace("postgresql+psycopg", "postgresql"), autocommit=True) as c:
        c.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "WORKBENCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    parser.add_argument("--only", choices=["xlsx"], help="Only the XLSX import and its baseline.")
    args = parser.parse_args()
    if args.only == "xlsx":
        xlsx_main(args)
        return

    with tempfile.TemporaryDirectory(prefix="wb-bench-") as tmp:
        folder = Path(tmp)
        tbx = folder / "bench.tbx"
        generate(tbx, args.concepts)
        runs: dict[str, list[dict[str, float]]] = {}

        def record(name: str, value: dict[str, float]) -> None:
            runs.setdefault(name, []).append(value)
            print(name, json.dumps(value), flush=True)

        for _ in range(args.repeat):
            record("floor", run_child("floor", tbx, "", folder))
            sqlite_url = f"sqlite:///{folder / f'tb-{uuid.uuid4().hex}.sqlite'}"
            record("sqlite_import", run_child("import", tbx, sqlite_url, folder))
            record("sqlite_export", run_child("export", tbx, sqlite_url, folder))
            record("sqlite_lookup", run_child("lookup", tbx, sqlite_url, folder))
            pg_url, schema = fresh_pg(args.pg)
            try:
                record("pg_import", run_child("import", tbx, pg_url, folder))
                record("pg_export", run_child("export", tbx, pg_url, folder))
                record("pg_lookup", run_child("lookup", tbx, pg_url, folder))
            finally:
                drop_pg(args.pg, schema)
        summary = {
            name: {key: statistics.median(v[key] for v in values) for key in values[0]}
            for name, values in runs.items()
        }
        floor = summary["floor"]["total"]
        summary["ratios"] = {
            "sqlite_import_over_floor": summary["sqlite_import"]["total"] / floor,
            "sqlite_import_over_same_schema_floor": summary["sqlite_import"]["total"]
            / summary["floor"]["total_same_schema"],
            "pg_import_over_sqlite": summary["pg_import"]["total"]
            / summary["sqlite_import"]["total"],
            "pg_export_over_sqlite": summary["pg_export"]["total"]
            / summary["sqlite_export"]["total"],
        }
        summary["machine"] = {
            "cpus": os.cpu_count() or 0,
            "python": platform.python_version(),
            "concepts": args.concepts,
            "terms": args.concepts * len(LANGS),
            "file_mb": tbx.stat().st_size / 1e6,
            "repeat": args.repeat,
        }
        args.out.mkdir(exist_ok=True)
        (args.out / "glossary_import.json").write_text(json.dumps(summary, indent=2))
        print(json.dumps(summary, indent=2))


def xlsx_main(args: argparse.Namespace) -> None:
    """The XLSX import against the openpyxl reader it replaced, in the same run."""
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as tmp:
        folder = Path(tmp)
        xlsx = folder / "bench.xlsx"
        generate_xlsx(xlsx, args.concepts)
        tbx = folder / "bench.tbx"
        generate(tbx, args.concepts)
        runs: dict[str, list[dict[str, float]]] = {}
        cases = (
            ("xlsx_read", "xlsx_read", xlsx),
            ("xlsx_openpyxl_read", "xlsx_openpyxl_read", xlsx),
            ("xlsx_import", "import", xlsx),
            ("xlsx_openpyxl", "xlsx_openpyxl", xlsx),
            ("tbx_import", "import", tbx),  # the same concepts from TBX: what storing costs
        )
        for _ in range(args.repeat):
            for name, mode, path in cases:
                url = f"sqlite:///{folder / f'tb-{uuid.uuid4().hex}.sqlite'}"
                value = run_child(mode, path, url, folder)
                runs.setdefault(name, []).append(value)
                print(name, json.dumps(value), flush=True)
        summary: dict[str, dict[str, float]] = {
            name: {key: statistics.median(v[key] for v in values) for key in values[0]}
            for name, values in runs.items()
        }
        summary["ratios"] = {
            "xlsx_import_over_openpyxl": summary["xlsx_import"]["total"]
            / summary["xlsx_openpyxl"]["total"],
            "xlsx_read_over_openpyxl_read": summary["xlsx_read"]["total"]
            / summary["xlsx_openpyxl_read"]["total"],
            "xlsx_import_over_tbx_import": summary["xlsx_import"]["total"]
            / summary["tbx_import"]["total"],
        }
        summary["machine"] = {
            "cpus": os.cpu_count() or 0,
            "python": platform.python_version(),
            "concepts": args.concepts,
            "file_mb": xlsx.stat().st_size / 1e6,
            "repeat": args.repeat,
            "load_average": os.getloadavg()[0],
        }
        args.out.mkdir(exist_ok=True)
        (args.out / "glossary_import_xlsx.json").write_text(json.dumps(summary, indent=2))
        print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, mode, tbx_arg, url_arg, folder_arg = sys.argv
        measured = child(mode, Path(tbx_arg), url_arg, Path(folder_arg))
        measured["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(measured))
    else:
        main()
