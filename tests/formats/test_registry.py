"""The registry: each format declared once, loaded only when asked for, sniffed by content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.formats import registry
from workbench.formats.registry import (
    DOCUMENT_FORMATS,
    GLOSSARY_FORMATS,
    Entry,
    document_format,
    document_format_for_export,
    glossary_format,
)

ENTRIES = [*GLOSSARY_FORMATS, *DOCUMENT_FORMATS]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.name}:{e.target}")
def test_each_class_carries_its_registry_name_and_no_extensions_of_its_own(entry: Entry) -> None:
    cls = registry._load(entry.target)
    assert cls.name == entry.name
    assert not hasattr(cls, "extensions"), "extensions are declared in the registry only"
    assert entry.extensions and all(e == e.lower() and e.startswith(".") for e in entry.extensions)


@pytest.mark.parametrize("entries", [GLOSSARY_FORMATS, DOCUMENT_FORMATS], ids=["glossary", "doc"])
def test_a_shared_extension_is_told_apart_by_content_with_one_fallback(
    entries: tuple[Entry, ...],
) -> None:
    names = [entry.name for entry in entries]
    assert len(names) == len(set(names))
    for extension in registry.extensions(entries):
        sharing = [entry for entry in entries if extension in entry.extensions]
        fallbacks = [entry for entry in sharing if entry.sniff is None]
        assert len(fallbacks) == 1, f"{extension}: {[e.name for e in sharing]}"


def test_xlf_is_read_as_xliff_2_or_1_2_by_its_content(tmp_path: Path) -> None:
    two = tmp_path / "two.xlf"
    two.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>')
    one = tmp_path / "one.xlf"
    one.write_text('<xliff version="1.2" its:version="2.0"/>')
    assert document_format(two).name == "xliff2"
    assert document_format(one).name == "xliff"
    assert document_format(tmp_path / "missing.xlf").name == "xliff"


def test_export_keeps_the_documents_own_format_when_the_extension_is_its() -> None:
    assert document_format_for_export(Path("out.xlf"), "xliff2") == "xliff2"
    assert document_format_for_export(Path("out.xlf"), "po") == "xliff"
    assert document_format_for_export(Path("out.po"), "xliff") == "po"
    assert document_format_for_export(Path("out.bin"), "po") is None  # .docx is a format now


def test_unknown_names_and_extensions_are_one_line_errors_listing_the_known() -> None:
    with pytest.raises(
        Exception, match=r"unknown glossary format 'nope' \(known: tbx, tbx2008, csv"
    ):
        glossary_format(Path("g.csv"), "nope")
    with pytest.raises(Exception, match=r"unknown document extension \(known: .xlf"):
        document_format(Path("g.bin"))


def test_loading_the_registry_imports_no_parser() -> None:
    code = (
        "import sys, workbench.formats.registry as r\n"
        "r.glossary_format_names(); r.document_extensions()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('lxml', 'openpyxl', 'markdown_it') or m.startswith('workbench.formats.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['workbench.formats.base', 'workbench.formats.registry']"
