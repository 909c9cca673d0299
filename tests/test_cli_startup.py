"""What a command loads: --help and the light commands stay clear of the heavy libraries.

Not timed (benchmarks/startup.py measures); these fail when an import at the top of a module
pulls a heavy library back into every command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from workbench.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
roots = {name.split(".")[0] for name in sys.modules}
print(json.dumps(sorted(roots | {n for n in sys.modules if n.startswith("workbench.")})))
"""


def _loaded(*args: str) -> set[str]:
    """Top-level packages and workbench modules in sys.modules after running the command."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return set(loaded)


def test_help_loads_no_database_parser_or_terminal_ui() -> None:
    loaded = _loaded("--help")
    assert not {"sqlalchemy", "alembic", "lxml", "textual", "openpyxl", "numpy"} & loaded
    assert not {name for name in loaded if name.startswith("workbench.services.")}


def test_listing_documents_loads_only_the_database(tmp_path: Path) -> None:
    db = tmp_path / "docs.sqlite"
    text = tmp_path / "news.txt"
    text.write_text("센스타임은 상하이에 있다.\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), "import", str(text)],
        capture_output=True,
        check=True,
    )
    loaded = _loaded("--db", str(db), "docs")
    assert "sqlalchemy" in loaded and "workbench.services.library" in loaded
    heavy = {"alembic", "lxml", "textual", "openpyxl", "numpy", "langcodes", "rich", "kiwipiepy"}
    assert not heavy & loaded
    assert "workbench.services.glossary" not in loaded  # term recognition: not for a list
