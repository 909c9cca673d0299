"""One registry mapping format names and file extensions to glossary formats."""

from __future__ import annotations

import importlib
from pathlib import Path

from workbench.formats.base import FormatError, GlossaryFormat

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
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    instance: GlossaryFormat = cls()
    return instance
