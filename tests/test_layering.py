"""Dependencies point one way: tui, cli -> services -> storage, formats -> domain.

Every layer has a row (ARCHITECTURE.md's table), the modules at the package's top level are
held to the outer layers' row, the domain does no file I/O, and no module reaches itself
again through the modules it imports.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"

OUTER = (
    "sqlalchemy",
    "alembic",
    "lxml",
    "openpyxl",
    "workbench.storage",
    "workbench.formats",
)
"""What cli and tui never import: they hold services' handles and domain types only."""

FORBIDDEN = {
    "domain": (
        "textual",
        "sqlalchemy",
        "alembic",
        "lxml",
        "workbench.storage",
        "workbench.formats",
        "workbench.services",
        "workbench.tui",
        "workbench.cli",
        "workbench.demo",
        "rich",
        "typer",
        # file I/O: the caller reads the file and passes its content in
        "importlib.resources",
        "importlib_resources",
        "shutil",
        "glob",
        "tempfile",
    ),
    "formats": (
        "textual",
        "sqlalchemy",
        "workbench.storage",
        "workbench.services",
        "workbench.tui",
        "workbench.cli",
        "workbench.demo",
    ),
    "storage": (
        "textual",
        "workbench.formats",
        "workbench.services",
        "workbench.tui",
        "workbench.cli",
        "workbench.demo",
    ),
    "services": (
        "textual",
        "typer",
        "workbench.tui",
        "workbench.cli",
        "workbench.demo",
    ),
    "cli": OUTER,
    "tui": (*OUTER, "workbench.cli", "typer"),
}

TOP_LEVEL = {
    "demo.py": (*OUTER, "workbench.cli", "workbench.tui"),
    "settings.py": (*OUTER, "workbench.services", "workbench.cli", "workbench.tui", "textual"),
    "__main__.py": (*OUTER, "workbench.services", "textual"),
    "__init__.py": ("workbench.",),
}
"""The modules outside the layers: the demo is an outer layer (services and domain only)."""

FILE_CALLS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "iterdir", "glob"}
"""Method names that read or write files (Path's, zipfile's, os's)."""


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
    )


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:` (imports a type checker alone sees)."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(c for c in ast.iter_child_nodes(node) if not _is_type_checking(c))
    return found


def imported_modules(path: Path, *, runtime_only: bool = False) -> set[str]:
    """The absolute names a module imports: `from a.b import c` gives a.b and a.b.c."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = _runtime_nodes(tree) if runtime_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _offends(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(
        name == bad or name.startswith(bad if bad.endswith(".") else bad + ".") for bad in forbidden
    )


def _shown(path: Path) -> str:
    return str(path.relative_to(PACKAGE)) if path.is_relative_to(PACKAGE) else path.name


def _offences(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    """`file imports name` for each forbidden import."""
    return sorted(
        f"{_shown(path)} imports {name}"
        for path in files
        for name in imported_modules(path)
        if _offends(name, forbidden)
    )


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules in {layer}"
    assert _offences(files, FORBIDDEN[layer]) == []


@pytest.mark.parametrize("module", sorted(TOP_LEVEL))
def test_top_level_modules_import_only_what_they_may(module: str) -> None:
    assert _offences([PACKAGE / module], TOP_LEVEL[module]) == []


def test_every_layer_and_top_level_module_has_a_row() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert packages == set(FORBIDDEN)
    assert modules == set(TOP_LEVEL)


def file_io_in(path: Path) -> list[str]:
    """Calls in a module that read or write files: open(), Path.read_text(), zip.open()…"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id == "open":
            found.append(f"{_shown(path)}:{node.lineno} open()")
        elif isinstance(function, ast.Attribute) and function.attr in FILE_CALLS:
            found.append(f"{_shown(path)}:{node.lineno} .{function.attr}()")
    return found


def test_domain_does_no_file_io() -> None:
    offences = [
        found for path in sorted((PACKAGE / "domain").rglob("*.py")) for found in file_io_in(path)
    ]
    assert offences == []


def test_the_domain_ships_no_data_files() -> None:
    """Data the domain works with is read by formats or services and passed in."""
    assert (
        sorted(
            str(p.relative_to(PACKAGE))
            for p in (PACKAGE / "domain").rglob("*")
            if p.is_file() and p.suffix not in {".py", ".pyc"}
        )
        == []
    )


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports when run (TYPE_CHECKING imports aside).

    `from a import b` is an edge to a.b when that is a module (as `import a.b` is): every
    module runs its packages' __init__ first, which is no design cycle.
    """
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        edges = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    edges.add(submodule if submodule in paths else node.module)
        graph[name] = {edge for edge in edges if edge in paths and edge != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_no_import_cycles_inside_the_package() -> None:
    assert cycles(module_graph()) == []


def test_the_cycle_check_would_catch_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


STORAGE_HANDLES = {"Database", "DatabaseError", "open_database"}
"""The database handle the outer layers hold, defined by storage and passed through services."""


def _storage_names(annotation: str, module: object) -> set[str]:
    """The names in an annotation that resolve, in module, to a class storage defines."""
    found = set()
    for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", annotation):
        value = getattr(module, word, None)
        if inspect.isclass(value) and value.__module__.startswith("workbench.storage"):
            found.add(value.__qualname__)
    return found


def test_services_hand_out_their_own_types() -> None:
    """What services export, return and raise is theirs or the domain's, not storage's."""
    from workbench import services

    offences = []
    for name in dir(services):
        if name.startswith("_"):
            continue
        value = getattr(services, name)
        home = getattr(value, "__module__", "") or ""
        if home.startswith("workbench.storage") and name not in STORAGE_HANDLES:
            offences.append(f"services.{name} is {home}.{name}")
        if inspect.isfunction(value):
            module = importlib.import_module(value.__module__)
            annotations = " ".join(str(a) for a in value.__annotations__.values())
            offences += [
                f"services.{name} takes or returns {found}"
                for found in sorted(_storage_names(annotations, module) - STORAGE_HANDLES)
            ]
    assert offences == []


def test_the_layering_check_would_catch_an_offence(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from sqlalchemy import select\nimport textual.app\nPath('x').read_text()\n")
    assert {"sqlalchemy", "textual.app"} <= imported_modules(module)
    assert _offences([module], ("sqlalchemy", "textual")) == [
        "bad.py imports sqlalchemy",
        "bad.py imports sqlalchemy.select",
        "bad.py imports textual.app",
    ]
    assert file_io_in(module) == ["bad.py:3 .read_text()"]


def test_no_use_case_is_named_as_a_services_module() -> None:
    """Importing services/x.py sets `services.x` to the module, hiding a use case named x."""
    from workbench import services

    modules = {path.stem for path in (PACKAGE / "services").glob("*.py")}
    assert sorted(modules & set(services._homes())) == []
