"""Dependencies point one way: tui, cli -> services -> storage, formats -> domain."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"

FORBIDDEN = {
    "domain": (
        "textual",
        "sqlalchemy",
        "alembic",
        "workbench.storage",
        "workbench.formats",
        "workbench.services",
        "workbench.tui",
        "workbench.cli",
        "rich",
        "typer",
    ),
    "formats": (
        "textual",
        "sqlalchemy",
        "workbench.storage",
        "workbench.services",
        "workbench.tui",
        "workbench.cli",
    ),
    "cli": (
        "sqlalchemy",
        "alembic",
        "lxml",
        "openpyxl",
        "workbench.storage",
        "workbench.formats",
    ),
    "storage": (
        "textual",
        "workbench.formats",
        "workbench.services",
        "workbench.tui",
        "workbench.cli",
    ),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules in {layer}"
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offences == []


def test_the_layering_check_would_catch_an_offence(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from sqlalchemy import select\nimport textual.app\n")
    assert {"sqlalchemy", "textual.app"} <= imported_modules(module)
