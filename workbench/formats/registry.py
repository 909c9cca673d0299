"""One registry mapping format names and file extensions to glossary formats."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from workbench.formats.base import DocumentFormat, FormatError, GlossaryFormat

# name -> "module:Class"; imported lazily so that a command loads only what it uses.
_GLOSSARY_FORMATS: dict[str, str] = {
    "tbx": "workbench.formats.tbx:TbxFormat",
    "csv": "workbench.formats.glossary_csv:CsvFormat",
    "tsv": "workbench.formats.glossary_csv:TsvFormat",
    "omegat": "workbench.formats.glossary_csv:OmegatFormat",
    "xlsx": "workbench.formats.xlsx:XlsxFormat",
}

_EXTENSIONS: dict[str, str] = {
    ".tbx": "tbx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "omegat",
    ".utf8": "omegat",
    ".txt": "omegat",
    ".xlsx": "xlsx",
}


# Documents: name -> "module:Class", and extensions (a .csv or .tsv document is bilingual).
_DOCUMENT_FORMATS: dict[str, str] = {
    "xliff": "workbench.formats.xliff.document:Xliff12Format",
    "xliff2": "workbench.formats.xliff.document:Xliff2Format",
    "po": "workbench.formats.po:PoFormat",
    "txt": "workbench.formats.text:PlainTextFormat",
    "md": "workbench.formats.text:MarkdownFormat",
    "csv": "workbench.formats.bilingual_csv:BilingualCsvFormat",
    "tsv": "workbench.formats.bilingual_csv:BilingualTsvFormat",
}

_DOCUMENT_EXTENSIONS: dict[str, str] = {
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".po": "po",
    ".pot": "po",
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".tsv": "tsv",
}


def _load(target: str) -> Any:
    """The class named "module:Class", imported on first use."""
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def glossary_format_names() -> list[str]:
    """Names accepted by --format for glossaries."""
    return list(_GLOSSARY_FORMATS)


def glossary_format(path: Path, name: str | None = None) -> GlossaryFormat:
    """The format named, or else the one the file extension implies."""
    if name is None:
        name = _EXTENSIONS.get(path.suffix.lower())
        if name is None:
            known = ", ".join(sorted(_EXTENSIONS))
            raise FormatError(path, f"unknown glossary extension (known: {known}); use --format")
    target = _GLOSSARY_FORMATS.get(name.lower())
    if target is None:
        raise FormatError(path, f"unknown glossary format {name!r}")
    instance: GlossaryFormat = _load(target)()
    return instance


def document_format_for_export(path: Path, document_format_name: str) -> str | None:
    """The document's own format when OUT's extension belongs to it (.xlf for XLIFF 2 too)."""
    implied = _DOCUMENT_EXTENSIONS.get(path.suffix.lower())
    if implied is None:
        return None
    family = {"xliff2": "xliff"}.get(document_format_name, document_format_name)
    return document_format_name if implied == family else implied


def document_format_names() -> list[str]:
    """Names accepted by --format for documents."""
    return list(_DOCUMENT_FORMATS)


def document_extensions() -> tuple[str, ...]:
    """File extensions read as documents (for file pickers)."""
    return tuple(_DOCUMENT_EXTENSIONS)


def document_format(path: Path, name: str | None = None) -> DocumentFormat:
    """The document format named, or else the one the extension implies.

    An XLIFF file's version decides between 1.2 and 2.x when no name is given.
    """
    if name is None:
        name = _DOCUMENT_EXTENSIONS.get(path.suffix.lower())
        if name is None:
            known = ", ".join(sorted(_DOCUMENT_EXTENSIONS))
            raise FormatError(path, f"unknown document extension (known: {known}); use --format")
        if name == "xliff" and _is_xliff2(path):
            name = "xliff2"
    target = _DOCUMENT_FORMATS.get(name.lower())
    if target is None:
        raise FormatError(path, f"unknown document format {name!r}")
    instance: DocumentFormat = _load(target)()
    return instance


def _is_xliff2(path: Path) -> bool:
    """XLIFF 2.x declares its version (and namespace) on the root, near the start."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    # Not version="2.0" alone: XLIFF 1.2 files may carry its:version="2.0" for ITS.
    return b"urn:oasis:names:tc:xliff:document:2." in head
