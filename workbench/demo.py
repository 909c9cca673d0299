"""The demo: the bundled glossary in a throwaway database, shown in the terminal."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from workbench import services
from workbench.domain.model import Concept
from workbench.storage import termbase
from workbench.storage.engine import open_database

DEMO_LANGS = ("ko", "zh-Hant", "zh-Hans", "en")


_STYLES = {"preferred": "", "admitted": "dim", "deprecated": "strike red"}


def _cell(concept: Concept, lang: str) -> Text:
    """A table cell: the concept's terms in lang, styled by status."""
    cell = Text()
    for number, term in enumerate(concept.terms_in(lang)):
        if number:
            cell.append("\n")
        cell.append(term.text, style=_STYLES[term.status.value])
    return cell


def run_demo(console: Console) -> None:
    """Import the shipped glossary into a temporary database and print it as a table."""
    with tempfile.TemporaryDirectory(prefix="workbench-demo-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        try:
            result = services.import_glossary(db, services.SHIPPED_GLOSSARY)
            table = Table(title=f"Shipped glossary: {result.concepts_created} concepts")
            table.add_column("subject", style="cyan")
            for lang in DEMO_LANGS:
                table.add_column(lang)
            with db.sessions() as session:
                for concept in termbase.iter_concepts(session):
                    cells = [_cell(concept, lang) for lang in DEMO_LANGS]
                    table.add_row(concept.subject_field or "", *cells)
            console.print(table)
            console.print(Text("admitted terms dim, deprecated ones struck through", style="dim"))
        finally:
            db.dispose()
