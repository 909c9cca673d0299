"""The demo: the bundled glossary in a throwaway database, shown in the terminal."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workbench import services
from workbench.domain.model import Concept
from workbench.storage import termbase
from workbench.storage.engine import open_database

DEMO_LANGS = ("ko", "zh-Hant", "zh-Hans", "en")


def _cell(concept: Concept, lang: str) -> str:
    shown = []
    for term in concept.terms_in(lang):
        if term.status.value == "deprecated":
            shown.append(f"[strike red]{term.text}[/]")
        elif term.status.value == "admitted":
            shown.append(f"[dim]{term.text}[/]")
        else:
            shown.append(term.text)
    return "\n".join(shown)


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
            console.print("[dim]admitted terms dim, deprecated ones struck through[/]")
        finally:
            db.dispose()
