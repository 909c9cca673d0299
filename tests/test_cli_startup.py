"""What a command loads: --help and the light commands stay clear of the heavy libraries.

Not timed (benchmarks/startup.py measures); these fail when an import at the top of a module
pulls a heavy library back into every command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from workbench.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
roots = {name.split(".")[0] for name in sys.modules}
kept = {n for n in sys.modules if n.startswith(("workbench.", "sqlalchemy.orm"))}
print(json.dumps(sorted(roots | kept)))
"""


def _loaded(*args: str) -> set[str]:
    """Top-level packages, workbench modules and sqlalchemy.orm in sys.modules after running
    the command."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return set(loaded)


def test_help_loads_no_database_parser_or_terminal_ui() -> None:
    loaded = _loaded("--help")
    assert not {"sqlalchemy", "alembic", "lxml", "textual", "openpyxl", "numpy"} & loaded
    assert not {name for name in loaded if name.startswith("workbench.services.")}


@pytest.fixture
def docs_file(tmp_path: Path) -> Path:
    """A SQLite file holding one imported document, made by the CLI."""
    path = tmp_path / "docs.sqlite"
    text = tmp_path / "news.txt"
    text.write_text("센스타임은 상하이에 있다.\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(path), "import", str(text)],
        capture_output=True,
        check=True,
    )
    return path


def test_listing_documents_loads_only_the_database(docs_file: Path) -> None:
    loaded = _loaded("--db", str(docs_file), "docs")
    # a current SQLite file is read with the sqlite3 driver: SQLAlchemy's import alone takes
    # longer than the whole listing (storage.current_sqlite)
    assert "sqlite3" in loaded and "workbench.services.library" in loaded
    assert "workbench.storage.document_list" in loaded and "sqlalchemy" not in loaded
    heavy = {"alembic", "lxml", "textual", "openpyxl", "numpy", "langcodes", "rich", "kiwipiepy"}
    assert not heavy & loaded
    assert "workbench.services.glossary" not in loaded  # term recognition: not for a list


def test_listing_documents_loads_neither_the_orm_nor_pydantic(docs_file: Path) -> None:
    loaded = _loaded("--db", str(docs_file), "docs")
    assert "pydantic" not in loaded  # typer's conversion of --db, a plain string
    assert "workbench.storage.schema" not in loaded
    # a URL with options is SQLAlchemy's to read: through Core, still without the ORM
    loaded = _loaded("--db", f"sqlite:///{docs_file}?timeout=10", "docs")
    assert "sqlalchemy" in loaded and "sqlalchemy.orm" not in loaded


def test_terms_find_with_a_current_kept_index_loads_no_orm_or_formats(tmp_path: Path) -> None:
    db = tmp_path / "terms.sqlite"
    workbench = [sys.executable, "-m", "workbench", "--db", str(db)]
    subprocess.run(
        [*workbench, "glossary", "add", "--term", "ko=센스타임", "--term", "en=SenseTime"],
        capture_output=True,
        check=True,
    )
    find = ("--db", str(db), "terms", "find", "센스타임은 좋다", "--lang", "ko")
    subprocess.run([*workbench, *find[2:]], capture_output=True, check=True)  # keeps the index
    loaded = _loaded(*find)
    assert not {"sqlalchemy", "pydantic", "langcodes"} & loaded
    assert not {"lxml", "openpyxl", "textual", "rich"} & loaded
    assert not {"workbench.storage.termbase", "workbench.services.glossary"} & loaded
    assert not {name for name in loaded if name.startswith("workbench.formats.")}
    # another client added a concept: it is read again, still without SQLAlchemy
    subprocess.run(
        [*workbench, "glossary", "add", "--term", "ko=딥시크", "--term", "en=DeepSeek"],
        capture_output=True,
        check=True,
    )
    loaded = _loaded(*find)
    assert "workbench.storage.term_rows" in loaded and "sqlalchemy" not in loaded
