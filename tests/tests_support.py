"""Helpers the tests share: the CLI run in-process, a database with a document."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import services
from workbench.cli import main
from workbench.storage.engine import Database, open_database


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process and return (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def document_db(tmp_path: Path, text: str, name: str, *, glossary: bool = True) -> Database:
    """A SQLite file with the shipped glossary and text imported as a ko→en document."""
    db = open_database(f"sqlite:///{tmp_path / 'editor.sqlite'}")
    if glossary:
        services.import_glossary(db, services.SHIPPED_GLOSSARY)
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    return db
