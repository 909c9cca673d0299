"""The demo: a partly translated sample article, its glossary and a TM, in a database of its own.

The sample ships inside the package (workbench/samples/), so the demo works from an installed
wheel as well as from a checkout; `glossaries/` stays the user-facing copy of the glossary, and a
test keeps the two equal.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.domain.model import Concept
from workbench.services import Database, open_database

SAMPLES = Path(__file__).resolve().parent / "samples"
SAMPLE_DOCUMENT = SAMPLES / "waic-sample.txt"
"""The Korean article, one paragraph per block, to translate into English."""
SAMPLE_TRANSLATIONS = SAMPLES / "waic-sample.en.tsv"
"""status, Korean source sentence and English target of the segments already worked on."""
SAMPLE_TM = SAMPLES / "waic-sample-tm.tmx"
"""An earlier job's units, near matches of some untranslated segments."""
SAMPLE_GLOSSARY = SAMPLES / "waic-2025.csv"
"""The package's copy of glossaries/waic-2025.csv."""
DEMO_DATABASE = "demo.sqlite"
DEMO_AUTHOR = "demo"
DEMO_LANGS = ("ko", "zh-Hant", "zh-Hans", "en")


@dataclass(frozen=True, slots=True)
class SampleTranslation:
    """One row of the translations file: the target of every segment with this source."""

    source: str
    target: str
    status: SegmentStatus


def sample_translations(path: Path = SAMPLE_TRANSLATIONS) -> list[SampleTranslation]:
    """The rows of a translations file (tab-separated, a header, no quoting)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            SampleTranslation(row["source"], row["target"], SegmentStatus(row["status"]))
            for row in rows
        ]


def _apply_translations(db: Database, name: str, translations: list[SampleTranslation]) -> None:
    """Store the targets as a translator would have, so that confirmed ones join the TM."""
    _, segments = services.document_segments(db, name)
    by_source = {segment.source: segment for segment in segments}
    missing = [t.source for t in translations if t.source not in by_source]
    if missing:
        # the article and the translations file are edited by hand: say which row drifted
        raise ValueError(f"{SAMPLE_TRANSLATIONS.name}: no segment reads {missing[0]!r}")
    for translation in translations:
        segment = by_source[translation.source]
        assert segment.id is not None
        services.save_segment(
            db, segment.id, translation.target, translation.status, segment.version, DEMO_AUTHOR
        )


def _first_new_position(db: Database, name: str) -> int:
    """Where the translator would go on: the first segment nobody has touched."""
    _, segments = services.document_segments(db, name)
    return next((s.position for s in segments if s.status is SegmentStatus.NEW), 1)


def prepare_demo(folder: Path) -> tuple[Database, str]:
    """A new SQLite database in folder with the glossary, the TM and the partly done sample."""
    return build_demo(folder / DEMO_DATABASE)


def build_demo(path: Path) -> tuple[Database, str]:
    """The demo database as a new SQLite file at path, and the name of its document."""
    if path.exists():
        # the demo never writes into a database it did not make, the user's least of all
        raise services.UsageError(f"{path} exists already: the demo makes a new database")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{path.resolve()}")
    try:
        services.import_glossary(db, SAMPLE_GLOSSARY, author=DEMO_AUTHOR)
        services.tm_import(db, SAMPLE_TM)
        summary = services.import_document(
            db, SAMPLE_DOCUMENT, source_lang="ko", target_lang="en", author=DEMO_AUTHOR
        )
        _apply_translations(db, summary.name, sample_translations())
        services.set_last_position(db, summary.name, _first_new_position(db, summary.name))
    except BaseException:
        db.dispose()
        _remove_database_file(path)  # a half-built demo would block the next try
        raise
    return db, summary.name


def _remove_database_file(path: Path) -> None:
    """Delete a SQLite file with the journal files that WAL mode keeps beside it."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@contextmanager
def demo_database(keep: Path | None = None) -> Iterator[tuple[Database, str]]:
    """The demo's database and document: a new file at keep, else a temporary one."""
    if keep is not None:
        db, name = build_demo(keep)
        try:
            yield db, name
        finally:
            db.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="workbench-demo-") as folder:
        db, name = prepare_demo(Path(folder))
        try:
            yield db, name
        finally:
            # SQLite holds the file open until the engine is disposed, and Windows will not
            # remove an open file: dispose before the folder goes
            db.dispose()


# --- the glossary as a table ---------------------------------------------------------------

_STYLES = {"preferred": "", "admitted": "dim", "deprecated": "strike red"}


def _cell(concept: Concept, lang: str) -> Text:
    """A table cell: the concept's terms in lang, styled by status."""
    cell = Text()
    for number, term in enumerate(concept.terms_in(lang)):
        if number:
            cell.append("\n")
        cell.append(term.text, style=_STYLES[term.status.value])
    return cell


def _all_concepts(db: Database) -> Iterator[Concept]:
    """Every concept of the term base, in id order, a page at a time."""
    after = 0
    while page := services.browse_glossary(db, after):
        yield from page
        last = page[-1].id
        assert last is not None  # stored concepts have ids
        after = last


def print_glossary(console: Console) -> None:
    """Import the shipped glossary into a temporary database and print it as a table."""
    with tempfile.TemporaryDirectory(prefix="workbench-demo-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / DEMO_DATABASE}")
        try:
            result = services.import_glossary(db, SAMPLE_GLOSSARY)
            table = Table(title=f"Shipped glossary: {result.concepts_created} concepts")
            table.add_column("subject", style="cyan")
            for lang in DEMO_LANGS:
                table.add_column(lang)
            for concept in _all_concepts(db):
                cells = [_cell(concept, lang) for lang in DEMO_LANGS]
                table.add_row(concept.subject_field or "", *cells)
            console.print(table)
            console.print(Text("admitted terms dim, deprecated ones struck through", style="dim"))
        finally:
            db.dispose()
