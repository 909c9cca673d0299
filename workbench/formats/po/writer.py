"""Writing PO files: the original with changed entries rewritten, or a new file."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.document import Document, Segment, with_markup
from workbench.formats.po.charset import PoText, load_po
from workbench.formats.po.parser import Entry, parse_entries
from workbench.formats.po.wrap import string_lines
from workbench.formats.statuses import po_fuzzy, po_status

_CHARSET_TEXT = re.compile(r"(charset=[ \t]*)[-\w.:+]*", re.IGNORECASE)


def _eol(line: str) -> str:
    """The line end of a line ("" for a last line without one)."""
    return line[len(line.rstrip("\r\n")) :]


def _flag_line(flags: Sequence[str], eol: str) -> str:
    return f"#, {', '.join(flags)}{eol}"


@dataclass(slots=True)
class _EntryEdit:
    """The new targets and fuzzy flag of one entry, from its segments."""

    targets: dict[int, str]
    fuzzy: bool


def _edit(entry: Entry, forms: dict[int, Segment]) -> _EntryEdit | None:
    """What must change in an entry for its segments, or None when it stays as read."""
    targets = {form: with_markup(seg.target, seg.codes) for form, seg in forms.items()}
    unchanged = all(
        targets[form] == (entry.msgstr[form] if form < len(entry.msgstr) else "")
        and seg.status == po_status(targets[form], entry.fuzzy)
        for form, seg in forms.items()
    )
    if unchanged:
        return None
    flags = [po_fuzzy(seg.status) for seg in forms.values()]
    fuzzy = entry.fuzzy
    if any(flags):
        fuzzy = True
    elif all(flag is False for flag in flags):
        fuzzy = False
    return _EntryEdit(targets, fuzzy)


def _rewritten(entry: Entry, edit: _EntryEdit, lines: Sequence[str]) -> list[str]:
    """The lines of an entry with new msgstr strings and fuzzy flag; the rest as read."""
    eol = _eol(lines[entry.line - 1]) or "\n"
    out: list[str] = []
    for index in range(entry.start, entry.msgstr_spans[0][0]):
        if index == entry.body_start and edit.fuzzy and not entry.flag_lines:
            out.append(_flag_line(["fuzzy"], eol))
        if index in entry.flag_lines and edit.fuzzy != entry.fuzzy:
            first = index == entry.flag_lines[0]
            line = _edited_flags(lines[index], add=edit.fuzzy and first, eol=eol)
            if line:
                out.append(line)
            continue
        out.append(lines[index])
    out.extend(_msgstr_region(entry, edit, lines, eol))
    return out


def _edited_flags(line: str, add: bool, eol: str) -> str:
    """A `#,` line without fuzzy, or with fuzzy first; "" when no flag is left."""
    flags = [flag.strip() for flag in line.strip()[2:].split(",")]
    flags = [flag for flag in flags if flag and flag != "fuzzy"]
    if add:
        flags.insert(0, "fuzzy")
    return _flag_line(flags, eol) if flags else ""


def _msgstr_region(entry: Entry, edit: _EntryEdit, lines: Sequence[str], eol: str) -> list[str]:
    """The msgstr lines: unchanged forms copied, changed and new ones written afresh."""
    plural = entry.msgid_plural is not None
    pieces: list[str] = []
    for form in range(max(len(entry.msgstr), *(form + 1 for form in edit.targets))):
        old = entry.msgstr[form] if form < len(entry.msgstr) else None
        new = edit.targets.get(form, old)
        if old is not None and new == old:
            start, end = entry.msgstr_spans[form]
            pieces.extend(line.rstrip("\r\n") for line in lines[start:end])
        else:
            pieces.extend(string_lines(f"msgstr[{form}]" if plural else "msgstr", new or ""))
    # The region keeps the line end it had, so a file without a final newline stays so.
    last_eol = _eol(lines[entry.msgstr_spans[-1][1] - 1])
    return [piece + eol for piece in pieces[:-1]] + [pieces[-1] + last_eol]


def _check_source(entry: Entry, form: int, segment: Segment, where: str) -> None:
    """Refuse a segment that does not belong to the entry it points at."""
    expected = entry.msgid if form == 0 else entry.msgid_plural
    if expected is None or with_markup(segment.source, segment.codes) != expected:
        raise ValueError(
            f"segment {segment.position} ({segment.unit_id!r}) does not match the entry at "
            f"line {entry.line} of the original {where}"
        )


def _segments_by_entry(segments: Iterable[Segment]) -> dict[int, dict[int, Segment]]:
    """The segments grouped by the entry (and plural form) they came from."""
    grouped: dict[int, dict[int, Segment]] = {}
    for segment in segments:
        entry = segment.structure.get("entry")
        if entry is None:
            raise ValueError(f"segment {segment.position} was not read from a PO file")
        grouped.setdefault(int(entry), {})[int(segment.structure.get("form", "0"))] = segment
    return grouped


def _after_translator_comments(entry: Entry, lines: Sequence[str]) -> int:
    """The index of the line after the entry's last translator comment (`# …`), else its start."""
    at = entry.start
    for index in range(entry.start, entry.msgstr_spans[0][0]):
        line = lines[index]
        if line.startswith("#") and line[1:2] in ("", " ", "\t", "\r", "\n"):
            at = index + 1
    return at


def _added_comments(entry: Entry, forms: dict[int, Segment]) -> list[str]:
    """Lines of the note added since the entry was read: new translator comments."""
    read = {*entry.extracted_comments, *entry.translator_comments}
    note = next(iter(forms.values())).note or ""
    return [line for line in note.split("\n") if line.strip() and line not in read]


def over_original(document: Document, segments: Iterable[Segment]) -> bytes:
    """The original file with the segments' targets and statuses written into it."""
    where = Path(document.name)
    # Decoded as at import: the encoding it was read in is recorded.
    text = load_po(document.original, where, document.properties.get("encoding"))
    grouped = _segments_by_entry(segments)
    out: list[str] = []
    copied = 0
    header: Entry | None = None
    for index, entry in enumerate(parse_entries(text, where)):
        if index == 0 and entry.is_header:
            header = entry
        forms = grouped.pop(index, None)
        if not forms or entry.obsolete:
            continue
        for form, segment in forms.items():
            _check_source(entry, form, segment, document.name)
        edit = _edit(entry, forms)
        comments = _added_comments(entry, forms)
        if edit is not None or comments:
            # new translator comments go after the entry's own, where a reply follows its thread
            at = _after_translator_comments(entry, text.lines)
            out.extend(text.lines[copied:at])
            eol = _eol(text.lines[entry.line - 1]) or "\n"
            out.extend(f"# {line}{eol}" for line in comments)
            if edit is not None:
                out.extend(_rewritten(entry, edit, text.lines)[at - entry.start :])
            else:
                out.extend(text.lines[at : entry.end])
            copied = entry.end
    if grouped:
        raise ValueError(f"segments refer to entries that {document.name} does not have")
    if not out:
        return document.original
    out.extend(text.lines[copied:])
    return _encoded(out, text, header)


def _encoded(lines: list[str], text: PoText, header: Entry | None) -> bytes:
    """The lines in the file's charset, or in UTF-8 (header updated) if it cannot hold them."""
    bom = codecs.BOM_UTF8 if text.bom else b""
    try:
        return bom + "".join(lines).encode(text.codec)
    except UnicodeEncodeError:
        if header is None:
            raise
    for index in range(header.start, header.end):
        if _CHARSET_TEXT.search(lines[index]):
            lines[index] = _CHARSET_TEXT.sub(r"\g<1>UTF-8", lines[index], count=1)
            break
    return bom + "".join(lines).encode("utf-8")


def _fresh_header(document: Document) -> str:
    """The header of a PO file made from a document of another format."""
    fields = [
        ("Project-Id-Version", document.name),
        ("Language", document.target_lang or ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", "workbench"),
        ("X-Source-Language", document.source_lang),
    ]
    return "".join(f"{name}: {value}\n" for name, value in fields)


def _fresh_entry(segment: Segment, msgctxt: str | None) -> list[str]:
    """One entry for a segment of a document read from another format."""
    lines = [""]
    lines.extend(f"#. {line}".rstrip() for line in (segment.note or "").split("\n") if line)
    lines.extend(f"#: {line}" for line in (segment.context or "").split("\n") if line.strip())
    if po_fuzzy(segment.status):
        lines.append("#, fuzzy")
    if msgctxt is not None:
        lines.extend(string_lines("msgctxt", msgctxt))
    lines.extend(string_lines("msgid", with_markup(segment.source, segment.codes)))
    lines.extend(string_lines("msgstr", with_markup(segment.target, segment.codes)))
    return lines


def fresh_po(document: Document, segments: Iterable[Segment]) -> bytes:
    """A new UTF-8 PO file: a header, then one entry per segment (msgctxt = its unit id)."""
    lines = ['msgid ""', *string_lines("msgstr", _fresh_header(document))]
    taken = {""}  # a msgid "" without msgctxt would be read as a second header
    for number, segment in enumerate(segments, start=1):
        msgctxt = segment.unit_id
        if msgctxt is None and segment.source in taken:
            msgctxt = str(segment.position or number)
        elif msgctxt is None:
            taken.add(segment.source)
        lines.extend(_fresh_entry(segment, msgctxt))
    return ("\n".join(lines) + "\n").encode("utf-8")
