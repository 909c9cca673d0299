"""The one list of file formats: each one's name, where its class lives, and its extensions.

How to add a format:

1. Write the class in its family's package (`formats/office/docx.py` ...). It has `name` (the
   registry name below, which documents record as their format) and `read`/`write` as in
   `base.GlossaryFormat` or `base.DocumentFormat`. Decode text with `formats.encoding`, check
   sizes with `domain.limits`, open zip packages with `formats.zip_safety.open_zip_package`,
   parse XML with `formats.xml_safety`; put `structure["line"]` on each segment you can.
2. Add one `Entry` line to GLOSSARY_FORMATS or DOCUMENT_FORMATS below: the name, the class as
   "module:Class", and the extensions it reads (lower case, with the dot). That is all: the
   import and export commands, `--format`, the file pickers and the fuzz test
   (tests/formats/test_fuzz.py) take their formats from here.
3. When one extension is shared by formats that only the content tells apart (XLIFF 1.2 and
   2.x both use .xlf), list it on each and give every entry but the fallback a `sniff`: a
   function of the file's first 4 KiB, defined in this module so that it costs no import.

Classes are imported only when a format is asked for, so that a command loads only what it
uses (`workbench --help` loads no parser). Every reader is handed out wrapped by
`formats.guard`, which holds what it yields to the limits and the control-character policy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.formats.base import DocumentFormat, FormatError, GlossaryFormat

_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Entry:
    """A registered format."""

    name: str
    target: str
    """The class, as "module:Class"."""
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool] | None = None
    """Whether a file (its first 4 KiB) is this format, when others share its extension."""
    pairs: bool = False
    """A monolingual file that `import --target` can pair with its translation (app strings)."""
    title: str = ""
    """How dialogs name the format."""
    writes_any: bool = False
    """Its writer builds a file from the segments alone, so any document can be exported to it
    (the others patch the file the document was imported from)."""


def _is_xliff2(head: bytes) -> bool:
    """XLIFF 2.x declares its version (and namespace) on the root, near the start."""
    # Not version="2.0" alone: XLIFF 1.2 files may carry its:version="2.0" for ITS.
    return b"urn:oasis:names:tc:xliff:document:2." in head


GLOSSARY_FORMATS: tuple[Entry, ...] = (
    Entry("tbx", "workbench.formats.glossary.tbx:TbxFormat", (".tbx",)),
    Entry(
        "tbx2008",
        "workbench.formats.glossary.tbx:Tbx2008Format",
        (".tbx",),
        sniff=lambda head: b"<martif" in head,
    ),
    Entry("csv", "workbench.formats.glossary.csv_tsv:CsvFormat", (".csv",)),
    Entry("tsv", "workbench.formats.glossary.csv_tsv:TsvFormat", (".tsv",)),
    Entry("omegat", "workbench.formats.glossary.omegat:OmegatFormat", (".utf8", ".tab", ".txt")),
    Entry("xlsx", "workbench.formats.glossary.xlsx:XlsxFormat", (".xlsx",)),
)

DOCUMENT_FORMATS: tuple[Entry, ...] = (
    Entry(
        "xliff2",
        "workbench.formats.xliff.document:Xliff2Format",
        (".xlf", ".xliff"),
        sniff=_is_xliff2,
        title="XLIFF 2",
        writes_any=True,
    ),
    Entry(
        "xliff",
        "workbench.formats.xliff.document:Xliff12Format",
        (".xlf", ".xliff"),
        title="XLIFF 1.2",
        writes_any=True,
    ),
    Entry(
        "sdlxliff",
        "workbench.formats.xliff.document:SdlXliffFormat",
        (".sdlxliff",),
        title="Trados SDLXLIFF",
    ),
    Entry(
        "mqxliff",
        "workbench.formats.xliff.document:MqXliffFormat",
        (".mqxliff",),
        title="memoQ MQXLIFF",
    ),
    Entry(
        "mqxlz", "workbench.formats.xliff.package:MqxlzFormat", (".mqxlz",), title="memoQ package"
    ),
    Entry(
        "sdlppx",
        "workbench.formats.xliff.package:SdlppxFormat",
        (".sdlppx",),
        title="Trados package",
    ),
    Entry(
        "po",
        "workbench.formats.po.document:PoFormat",
        (".po", ".pot"),
        title="gettext PO",
        writes_any=True,
    ),
    Entry(
        "txt",
        "workbench.formats.text.document:PlainTextFormat",
        (".txt",),
        title="plain text",
        writes_any=True,
    ),
    Entry(
        "md",
        "workbench.formats.text.document:MarkdownFormat",
        (".md", ".markdown"),
        title="Markdown",
        writes_any=True,
    ),
    # A .csv or .tsv document is bilingual: a source and a target column.
    Entry(
        "csv",
        "workbench.formats.bilingual_csv:BilingualCsvFormat",
        (".csv",),
        title="bilingual CSV",
        writes_any=True,
    ),
    Entry(
        "tsv",
        "workbench.formats.bilingual_csv:BilingualTsvFormat",
        (".tsv",),
        title="bilingual TSV",
        writes_any=True,
    ),
    # Software strings and web pages (formats/strings, formats/html).
    Entry(
        "json",
        "workbench.formats.strings.json_strings:JsonFormat",
        (".json", ".arb"),
        pairs=True,
        title="JSON strings",
    ),
    Entry(
        "yaml",
        "workbench.formats.strings.yaml_strings:YamlFormat",
        (".yml", ".yaml"),
        pairs=True,
        title="YAML strings",
    ),
    Entry(
        "android",
        "workbench.formats.strings.android:AndroidFormat",
        (".xml",),
        pairs=True,
        title="Android strings",
    ),
    Entry(
        "strings",
        "workbench.formats.strings.apple:AppleStringsFormat",
        (".strings",),
        pairs=True,
        title="iOS .strings",
    ),
    Entry(
        "stringsdict",
        "workbench.formats.strings.apple:StringsdictFormat",
        (".stringsdict",),
        pairs=True,
        title="iOS .stringsdict",
    ),
    Entry(
        "properties",
        "workbench.formats.strings.properties:PropertiesFormat",
        (".properties",),
        pairs=True,
        title="Java properties",
    ),
    Entry(
        "resx",
        "workbench.formats.strings.resx:ResxFormat",
        (".resx",),
        pairs=True,
        title=".NET resx",
    ),
    Entry(
        "xcstrings",
        "workbench.formats.strings.xcstrings:XcstringsFormat",
        (".xcstrings",),
        title="String Catalog",
    ),
    Entry(
        "html",
        "workbench.formats.html.document:HtmlFormat",
        (".html", ".htm", ".xhtml"),
        title="HTML",
    ),
    # Subtitles (formats/subtitles).
    Entry(
        "srt", "workbench.formats.subtitles.document:SrtFormat", (".srt",), title="SubRip subtitles"
    ),
    Entry(
        "vtt", "workbench.formats.subtitles.document:VttFormat", (".vtt",), title="WebVTT subtitles"
    ),
    Entry(
        "docx",
        "workbench.formats.office.docx:DocxFormat",
        (".docx", ".docm", ".dotx", ".dotm"),
        title="Word",
    ),
    Entry(
        "pptx",
        "workbench.formats.office.pptx:PptxFormat",
        (".pptx", ".pptm", ".potx"),
        title="PowerPoint",
    ),
    Entry(
        "xlsx",
        "workbench.formats.office.xlsx:XlsxDocumentFormat",
        (".xlsx", ".xlsm", ".xltx"),
        title="Excel",
    ),
    Entry(
        "odf",
        "workbench.formats.office.odf:OdfFormat",
        (".odt", ".ods", ".odp", ".ott"),
        title="OpenDocument",
    ),
)


def _load(target: str) -> Any:
    """The class named "module:Class", imported on first use."""
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def _by_name(entries: tuple[Entry, ...], name: str, path: Path, kind: str) -> Entry:
    wanted = name.lower()
    for entry in entries:
        if entry.name == wanted:
            return entry
    known = ", ".join(entry.name for entry in entries)
    raise FormatError(path, f"unknown {kind} format {name!r} (known: {known})")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(_SNIFF_BYTES)
    except OSError:
        return b""


def _by_extension(entries: tuple[Entry, ...], path: Path, kind: str) -> Entry:
    """The entry path's extension implies; among several, the first whose sniff accepts it."""
    suffix = path.suffix.lower()
    candidates = [entry for entry in entries if suffix in entry.extensions]
    if not candidates:
        known = ", ".join(extensions(entries))
        raise FormatError(path, f"unknown {kind} extension (known: {known}); use --format")
    if len(candidates) > 1:
        head = _head(path)
        for entry in candidates:
            if entry.sniff is not None and entry.sniff(head):
                return entry
    return next((e for e in candidates if e.sniff is None), candidates[-1])


def extensions(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    """Every extension of entries, each once, in order."""
    return tuple(dict.fromkeys(ext for entry in entries for ext in entry.extensions))


def glossary_format_names() -> list[str]:
    """Names accepted by --format for glossaries."""
    return [entry.name for entry in GLOSSARY_FORMATS]


def glossary_extensions(name: str | None = None) -> tuple[str, ...]:
    """The extensions of one glossary format (the first is the usual one), or of all."""
    if name is None:
        return extensions(GLOSSARY_FORMATS)
    return _by_name(GLOSSARY_FORMATS, name, Path(name), "glossary").extensions


def glossary_format(path: Path, name: str | None = None) -> GlossaryFormat:
    """The format named, or else the one the file extension implies."""
    if name is None:
        entry = _by_extension(GLOSSARY_FORMATS, path, "glossary")
    else:
        entry = _by_name(GLOSSARY_FORMATS, name, path, "glossary")
    from workbench.formats.guard import GuardedGlossary

    return GuardedGlossary(_load(entry.target)())


def document_format_names() -> list[str]:
    """Names accepted by --format for documents."""
    return [entry.name for entry in DOCUMENT_FORMATS]


def document_format_titles() -> dict[str, str]:
    """How dialogs name each document format."""
    return {entry.name: entry.title for entry in DOCUMENT_FORMATS}


def formats_writing_any_document() -> list[str]:
    """Document formats any document can be exported to (the others need their original)."""
    return [entry.name for entry in DOCUMENT_FORMATS if entry.writes_any]


def document_export_extension(name: str) -> str:
    """The extension a new file of the named document format gets (its first)."""
    return _by_name(DOCUMENT_FORMATS, name, Path(name), "document").extensions[0]


def document_extensions(name: str | None = None) -> tuple[str, ...]:
    """File extensions read as documents (for file pickers), or those of one format."""
    if name is None:
        return extensions(DOCUMENT_FORMATS)
    return _by_name(DOCUMENT_FORMATS, name, Path(name), "document").extensions


def document_format_for_export(path: Path, document_format_name: str) -> str | None:
    """The document's own format when OUT's extension belongs to it (.xlf for XLIFF 2 too),
    else the format the extension implies (None for an extension no document format has)."""
    suffix = path.suffix.lower()
    candidates = [entry for entry in DOCUMENT_FORMATS if suffix in entry.extensions]
    if not candidates:
        return None
    if any(entry.name == document_format_name for entry in candidates):
        return document_format_name
    return next((e for e in candidates if e.sniff is None), candidates[-1]).name


def document_pairs(path: Path, name: str | None = None) -> bool:
    """Whether the document format of path can be paired with a translation file."""
    if name is None:
        return _by_extension(DOCUMENT_FORMATS, path, "document").pairs
    return _by_name(DOCUMENT_FORMATS, name, path, "document").pairs


def document_format(path: Path, name: str | None = None) -> DocumentFormat:
    """The document format named, or else the one the extension (and content) implies."""
    if name is None:
        entry = _by_extension(DOCUMENT_FORMATS, path, "document")
    else:
        entry = _by_name(DOCUMENT_FORMATS, name, path, "document")
    from workbench.formats.guard import GuardedDocument

    return GuardedDocument(_load(entry.target)())
