"""The PO document format: the header's languages and plural forms, entries as segments."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.po.charset import PoText, load_po
from workbench.formats.po.parser import Entry, parse_entries
from workbench.formats.po.writer import fresh_po, over_original
from workbench.formats.statuses import po_status

_DEFAULT_SOURCE_LANG = "en"
_OBSOLETE = "true"
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_LOCALE_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl"}


# --- the header ----------------------------------------------------------------------------


def _header_fields(header: str) -> dict[str, str]:
    """The `Name: value` lines of a header, keyed by lower-case name."""
    fields: dict[str, str] = {}
    for line in header.split("\n"):
        name, colon, value = line.partition(":")
        if colon:
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _nplurals(fields: dict[str, str]) -> int | None:
    """The number of plural forms the header declares, if it declares a usable one."""
    found = _NPLURALS.search(fields.get("plural-forms", ""))
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None


def _po_language(value: str) -> str:
    """A gettext language (`pt_BR`, `sr@latin`, `ko_KR.UTF-8`) as a BCP-47 tag."""
    base, _, modifier = value.partition("@")
    base = base.split(".", 1)[0]
    if modifier:
        base = f"{base}-{_LOCALE_MODIFIERS.get(modifier.lower(), modifier)}"
    return normalize_lang(base)


def _language(
    given: str | None, header_value: str | None, what: str, path: Path, line: int | None
) -> str | None:
    """The language the user gave, else the header's; an unusable value is an error."""
    try:
        if given:
            return normalize_lang(given)
        if header_value:
            return _po_language(header_value)
    except UnknownLanguageError as error:
        source = f"--{what}" if given else "the header"
        raise FormatError(path, f"{error} (from {source})", None if given else line) from None
    return None


def _form_count(entry: Entry, nplurals: int | None) -> int:
    """How many segments an entry gives: one, or one per plural form."""
    if entry.msgid_plural is None:
        return 1
    return nplurals or len(entry.msgstr)


def _structure(entry: Entry, index: int) -> dict[str, str]:
    """What export and the checks need to know about an entry."""
    structure = {"entry": str(index), "line": str(entry.line)}
    if entry.msgctxt is not None:
        structure["msgctxt"] = entry.msgctxt
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if flags:
        structure["flags"] = ", ".join(flags)
    for name, value in entry.previous.items():
        structure[f"previous_{name}"] = value
    if entry.obsolete:
        structure["obsolete"] = _OBSOLETE
    return structure


def _note(entry: Entry) -> str | None:
    """Extracted (developer) comments, then translator comments."""
    return "\n".join([*entry.extracted_comments, *entry.translator_comments]) or None


def _entry_segments(entry: Entry, index: int, nplurals: int | None) -> list[Segment]:
    """The segments of one entry: one, or one per plural form."""
    assert entry.msgid is not None
    count = _form_count(entry, nplurals)
    plural = entry.msgid_plural is not None
    segments = []
    for form in range(count):
        target = entry.msgstr[form] if form < len(entry.msgstr) else ""
        structure = _structure(entry, index)
        unit_id: str | None = entry.key
        if plural:
            # With one form (Korean, Chinese, Japanese) the plural msgid is otherwise unseen.
            structure["msgid_plural"] = entry.msgid_plural or ""
            structure["form"] = str(form)
            structure["forms"] = str(count)
            unit_id = f"{entry.key}[{form}]"
        source = entry.msgid if form == 0 or not plural else entry.msgid_plural
        segments.append(
            Segment(
                source=source or "",
                target=target,
                status=po_status(target, entry.fuzzy),
                unit_id=None if entry.obsolete else unit_id,
                note=_note(entry),
                context=" ".join(entry.references) or None,
                structure=structure,
            )
        )
    return segments


def _segments(
    entries: Iterator[Entry], nplurals: int | None, path: Path, offset: int, seen: dict[str, int]
) -> Iterator[Segment]:
    """Number the segments of all entries; a repeated msgctxt+msgid is an error, as in msgfmt."""
    position = 0
    for index, entry in enumerate(entries, start=offset):
        if not entry.obsolete:
            first = seen.setdefault(entry.key, entry.line)
            if first != entry.line:
                what = "header entry" if entry.is_header else "message definition"
                raise FormatError(path, f"duplicate {what} (first at line {first})", entry.line)
            if entry.is_header:
                raise FormatError(path, 'the header entry (msgid "") must come first', entry.line)
        for segment in _entry_segments(entry, index, nplurals):
            position += 1
            segment.position = position
            yield segment


class PoFormat:
    """gettext PO (and POT): one segment per message, or per plural form."""

    name: ClassVar[str] = "po"

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document (languages, header, original bytes) and its segments, lazily."""
        data = read_bytes(path)
        text = load_po(data, path, options.encoding, options.limits)
        entries = parse_entries(text, path, options.on_progress)
        first = next(entries, None)
        header = first if first is not None and first.is_header else None
        fields = _header_fields(header.msgstr[0]) if header is not None else {}
        line = header.line if header is not None else None
        target = _language(options.target_lang, fields.get("language"), "target-lang", path, line)
        if target is None:
            raise FormatError(path, "no target language: give --target-lang")
        source = _language(
            options.source_lang, fields.get("x-source-language"), "source-lang", path, line
        )
        document = Document(
            name=path.name,
            format=self.name,
            source_lang=source or _DEFAULT_SOURCE_LANG,
            target_lang=target,
            original=data,
            properties=_properties(text, header, fields),
        )
        if header is None and first is not None:
            entries = _chain(first, entries)
        # Entries are numbered in file order, the header (if any) being entry 0.
        offset, seen = (1, {"": header.line}) if header is not None else (0, {})
        return document, _segments(entries, _nplurals(fields), path, offset, seen)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Write the original with new targets, or a new file for another format's document."""
        if document.format == self.name and document.original:
            data = over_original(document, segments)
        else:
            data = fresh_po(document, segments)
        path.write_bytes(data)


def _chain(first: Entry, rest: Iterator[Entry]) -> Iterator[Entry]:
    yield first
    yield from rest


def _properties(text: PoText, header: Entry | None, fields: dict[str, str]) -> dict[str, str]:
    """Format-level facts: the whole header, its charset and plural forms."""
    properties = {"encoding": text.charset}
    if header is not None:
        properties["header"] = header.msgstr[0]
    if "plural-forms" in fields:
        properties["plural_forms"] = fields["plural-forms"]
    if text.bom:
        properties["bom"] = "true"
    return properties
