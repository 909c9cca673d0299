"""XLIFF export: targets patched into the original file, or a new file built from segments."""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Protocol, cast

from lxml import etree

from workbench.domain.document import Document, InlineCode, Segment, SegmentStatus
from workbench.formats.base import FormatError
from workbench.formats.statuses import (
    NEW,
    PROGRESS,
    STATE_NAMES_2,
    STATE_NAMES_12,
    approved_12,
    substate_2,
)
from workbench.formats.xliff.codes import (
    Flavor,
    Native,
    character_data,
    parse_fragment,
    render,
    split_tag,
)
from workbench.formats.xliff.dialects import Xliff20, dialect_of
from workbench.formats.xliff.splice import Splice, SpliceError
from workbench.formats.xliff.units import (
    NAMESPACE_2,
    NAMESPACE_12,
    NOTE_DIGEST,
    XML_LANG,
    UnitPlace,
    UnitReader,
    fingerprint,
    note_digest,
)
from workbench.formats.xml_safety import (
    NOT_XML,
    escape_attribute,
    has_doctype,
    refuse_entity_declarations,
    tree_parser,
)

XLIFF_12_FORMATS = ("xliff", "sdlxliff", "mqxliff")
PACKAGE_MEMBER = "package_member"
"""`Document.properties` key of a package document: the name of its XLIFF member."""
PACKAGE_DIALECT = "package_dialect"
"""`Document.properties` key of a package document: the format of its XLIFF member."""
"""Document formats that are XLIFF 1.2 underneath: export patches their original."""
_NMTOKEN = re.compile(r"[\w.:-]+")
_WIDE_ENCODINGS = ("utf-16", "utf-32", "ucs")
_BOMS = (b"\xff\xfe", b"\xfe\xff")


def write_xliff(document: Document, segments: Iterable[Segment], path: Path, version: int) -> None:
    """Write the document as XLIFF 1.2 (version 1) or 2.x (version 2)."""
    path.write_bytes(xliff_bytes(document, segments, path, version))


def xliff_bytes(document: Document, segments: Iterable[Segment], path: Path, version: int) -> bytes:
    """The document as XLIFF 1.2 (version 1) or 2.x (version 2): its original patched when it
    is one, else a new file; path names the file in errors."""
    if PACKAGE_MEMBER in document.properties:
        document = unpacked(document, path)
    own = document.format in (XLIFF_12_FORMATS if version == 1 else ("xliff2",))
    if own and document.original:
        changed = _changed_units(segments, path)
        return _Patcher(document, path, version).patch(changed) if changed else document.original
    return _fresh(document, segments, path, version, "foreign" if own else "all")


def unpacked(document: Document, path: Path) -> Document:
    """The XLIFF document inside a package document (.mqxlz, .sdlppx): its member's bytes as
    the original, its dialect as the format."""
    member = document.properties[PACKAGE_MEMBER]
    try:
        with zipfile.ZipFile(io.BytesIO(document.original)) as package:
            data = package.read(member)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError) as error:
        message = f"the stored package of {document.name!r} has no readable {member}: {error}"
        raise FormatError(path, message) from None
    properties = dict(document.properties)
    dialect = properties.pop(PACKAGE_DIALECT, "xliff")
    properties.pop(PACKAGE_MEMBER)
    return replace(document, format=dialect, original=data, properties=properties)


# Patching the original


def _changed_units(segments: Iterable[Segment], path: Path) -> dict[int, list[Segment]]:
    """The segments of each unit that has a segment no longer as it was read, by unit index."""
    units: dict[int, list[Segment]] = {}
    changed: set[int] = set()
    for number, segment in enumerate(segments, 1):
        unit = segment.structure.get("unit", "")
        if not unit.isdigit():
            message = f"segment {segment.position or number} has no place in the original XLIFF"
            raise FormatError(path, message)
        units.setdefault(int(unit), []).append(segment)
        if segment.structure.get("fingerprint") != fingerprint(segment.target, segment.status):
            changed.add(int(unit))
        read_note = segment.structure.get(NOTE_DIGEST)
        if read_note is not None and read_note != note_digest(segment.note):
            changed.add(int(unit))
    return {unit: units[unit] for unit in sorted(changed)}


class _Patcher:
    """Puts changed targets and states into a re-parsed original, leaving all else as it was."""

    def __init__(self, document: Document, path: Path, version: int) -> None:
        self._document = document
        self._path = path
        self._version = version
        try:
            self._root = etree.fromstring(document.original, tree_parser())
        except etree.XMLSyntaxError as error:
            message = f"the stored original of {document.name!r} is not well-formed XML: {error}"
            raise FormatError(path, message) from error
        refuse_entity_declarations(path, self._root)
        namespace = split_tag(str(self._root.tag))[0]
        doctype = has_doctype(self._root)
        self._dialect = dialect_of(self._root) if version == 1 else Xliff20()
        self._reader = UnitReader(
            path, version, namespace, document.target_lang, doctype, self._dialect
        )
        self._fragments = tree_parser()
        self._flavor = Flavor(version, namespace)
        unit_tag = self._reader.tag("trans-unit" if version == 1 else "unit")
        # Reading numbers units as they end, which is the order of their end tags.
        walk = etree.iterwalk(self._root, events=("end",), tag=unit_tag)
        self._units = [element for _event, element in walk]
        self._changed = False
        self._splice = Splice.of(self._root, document.original)

    def patch(self, units: dict[int, list[Segment]]) -> bytes:
        """The patched file; the original bytes themselves when no target or state changed."""
        for unit, segments in units.items():
            if unit >= len(self._units):
                message = f"segment {segments[0].position} has no place in the original XLIFF"
                raise FormatError(self._path, message)
            self._patch_unit(self._units[unit], segments)
        if not self._changed:
            return self._document.original
        try:
            return self._splice.written()
        except SpliceError:
            return _serialise(self._root, self._document.original)

    def _patch_unit(self, unit: etree._Element, segments: list[Segment]) -> None:
        """Patch one unit when any of its segments has a new target or status."""
        expected, found = segments[0].unit_id, unit.get("id")
        if expected and found and expected != found and not expected.startswith(f"{found}@"):
            message = (
                f"segment {segments[0].position}: unit {expected!r} is not where the original "
                f"has it (found {found!r}); was the document imported from another file?"
            )
            raise FormatError(self._path, message)
        place = UnitPlace(0, 0, None, True)
        originals = self._reader.read(unit, place)
        pairs = []
        for segment in segments:
            index = int(segment.structure.get("segment", "0"))
            if index >= len(originals):
                message = f"segment {segment.position} has no place in the original XLIFF"
                raise FormatError(self._path, message)
            pairs.append((index, segment, originals[index]))
        changed = [
            (i, s, o) for i, s, o in pairs if s.target != o.target or s.status is not o.status
        ]
        noted = [(s, o) for _i, s, o in pairs if self._dialect.writes_comments and s.note != o.note]
        if changed or noted:
            self._changed = True
        if changed and self._version == 2:
            for index, segment, original in changed:
                self._patch_segment_2(unit, index, segment, original)
        elif changed and "segment" in originals[0].structure:
            self._patch_marks_12(unit, pairs, originals)
        elif changed:
            self._patch_plain_12(unit, segments[0], originals[0])
        for segment, original in noted:  # after the targets, whose content they mark
            before = set((original.note or "").splitlines())
            added = [line for line in (segment.note or "").splitlines() if line.strip()]
            self._dialect.write_comments(
                unit,
                original.structure.get("mid"),
                [line for line in added if line not in before],
                self._splice,
            )

    # XLIFF 1.2

    def _patch_plain_12(self, unit: etree._Element, segment: Segment, original: Segment) -> None:
        target = self._child(unit, "target")
        if segment.target != original.target:
            if target is None:
                anchor = self._child(unit, "seg-source")
                target = self._new_target(
                    unit, self._child(unit, "source") if anchor is None else anchor
                )
            self._fill(target, segment.target, segment.codes)
            # It said how the replaced target was made (exact-match, mt-suggestion ...).
            self._splice.attributes_changing(target)
            target.attrib.pop("state-qualifier", "")
            self._dialect.target_changed(unit, None, self._splice.attributes_changing)
        if segment.status is not original.status and target is not None:
            self._state_12(unit, target, segment.status)
            self._dialect.write_status(unit, None, segment.status, self._splice.attributes_changing)

    def _patch_marks_12(
        self,
        unit: etree._Element,
        pairs: list[tuple[int, Segment, Segment]],
        originals: list[Segment],
    ) -> None:
        """A unit segmented with <seg-source>: each segment is the target's <mrk> of its mid."""
        seg_source = self._child(unit, "seg-source")
        assert seg_source is not None  # the unit was read as segmented
        marks = self._reader.segment_marks(seg_source)
        target = self._child(unit, "target")
        targets = self._reader.target_marks(target, marks)
        writes = {i: (s.target, s.codes) for i, s, o in pairs if s.target != o.target}
        if writes and (target is None or any(targets[i] is None for i in writes)):
            # The target lacks the segment's mark: rebuild it from <seg-source>, whose
            # whitespace and codes between the marks it then keeps.
            if target is None:
                target = self._new_target(unit, seg_source)
            self._copy_content(seg_source, target)
            self._splice.content_changed(target)
            targets = list(self._reader.segment_marks(target))
            writes = {i: (o.target, o.codes) for i, o in enumerate(originals)} | writes
        for index, (text, codes) in writes.items():
            mark = targets[index]
            if mark is not None:
                self._fill(mark, text, codes)
        for _i, segment, original in pairs:
            if segment.target != original.target:
                mid = original.structure.get("mid")
                self._dialect.target_changed(unit, mid, self._splice.attributes_changing)
        if target is not None and writes:
            self._splice.attributes_changing(target)
            target.attrib.pop("state-qualifier", "")  # it spoke of the replaced text
        if target is not None and any(s.status is not o.status for _i, s, o in pairs):
            statuses = {i: o.status for i, o in enumerate(originals)}
            statuses |= {i: s.status for i, s, _o in pairs}
            self._state_12(unit, target, min(statuses.values(), key=PROGRESS.index))
            for _i, segment, original in pairs:
                if segment.status is not original.status:
                    self._dialect.write_status(
                        unit,
                        original.structure.get("mid"),
                        segment.status,
                        self._splice.attributes_changing,
                    )

    def _state_12(
        self, unit: etree._Element, target: etree._Element, status: SegmentStatus
    ) -> None:
        """The target's state and the unit's approved flag for the status."""
        self._splice.attributes_changing(target)
        self._splice.attributes_changing(unit)
        target.set("state", STATE_NAMES_12[status])
        if approved_12(status):
            unit.set("approved", "yes")
        elif unit.get("approved") is not None:
            unit.set("approved", "no")

    def _copy_content(self, source: etree._Element, target: etree._Element) -> None:
        """Give target a copy of source's content (segment marks, codes and whitespace between)."""
        duplicate = copy.deepcopy(source)
        for child in list(target):
            target.remove(child)
        target.text = duplicate.text
        target.extend(list(duplicate))

    # XLIFF 2.x

    def _patch_segment_2(
        self, unit: etree._Element, index: int, segment: Segment, original: Segment
    ) -> None:
        element = list(unit.iterchildren(self._reader.tag("segment")))[index]
        if segment.target != original.target:
            target = self._child(element, "target")
            if target is None:
                target = self._new_target(element, self._child(element, "source"))
                self._target_language_2()
            self._fill(target, segment.target, segment.codes)
        if segment.status is not original.status:
            self._splice.attributes_changing(element)
            element.set("state", STATE_NAMES_2[segment.status])
            substate = substate_2(segment.status)
            if substate is not None:
                element.set("subState", substate)
            elif "subState" in element.attrib:
                del element.attrib["subState"]  # it qualified the state that was replaced

    def _target_language_2(self) -> None:
        """A file with targets must name their language."""
        if self._root.get("trgLang") is None:
            self._splice.attributes_changing(self._root)
            self._root.set("trgLang", self._target_lang())

    # Shared

    def _child(self, element: etree._Element, name: str) -> etree._Element | None:
        return next(element.iterchildren(self._reader.tag(name)), None)

    def _target_lang(self) -> str:
        if not self._document.target_lang:
            raise FormatError(self._path, "the document has no target language to write")
        return self._document.target_lang

    def _new_target(self, parent: etree._Element, anchor: etree._Element | None) -> etree._Element:
        """An empty <target> after anchor, indented like anchor."""
        target = etree.SubElement(parent, self._reader.tag("target"))
        language = self._document.target_lang
        if self._version == 1 and language:
            target.set(XML_LANG, language)
            file = next(parent.iterancestors(self._reader.tag("file")), None)
            if file is not None and file.get("target-language") is None:
                self._splice.attributes_changing(file)
                file.set("target-language", language)
        if anchor is not None:
            # The target takes the anchor's place in the layout: the whitespace before the
            # anchor goes between the two, the anchor's tail after the target.
            previous = anchor.getprevious()
            gap = parent.text if previous is None else previous.tail
            anchor.addnext(target)
            target.tail = anchor.tail
            if gap is None or not gap.strip():
                anchor.tail = gap
            self._splice.inserted(target, anchor)
        else:
            self._splice.unplaceable()
        return target

    def _fill(self, element: etree._Element, text: str, codes: list[InlineCode]) -> None:
        """Replace the element's content with text, its codes written from their markup."""
        self._splice.content_changed(element)
        for child in list(element):
            element.remove(child)
        if not codes and (self._version == 1 or not NOT_XML.search(text)):
            element.text = NOT_XML.sub("", text) if NOT_XML.search(text) else text
            return
        fragment = render(text, codes, self._flavor, {})
        try:
            wrapper = parse_fragment(fragment, self._flavor.namespace, self._fragments)
        except etree.XMLSyntaxError as error:
            raise FormatError(self._path, f"cannot write a target back: {error}") from error
        element.text = wrapper.text
        element.extend(list(wrapper))


def _serialise(root: etree._Element, original: bytes) -> bytes:
    """The tree as bytes, with the original's prolog, epilogue, encoding and line ends."""
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    if encoding.lower().startswith(_WIDE_ENCODINGS) or original.startswith(_BOMS):
        return _whole(root, encoding)  # the byte searches below need an ASCII-like encoding
    body = cast(bytes, etree.tostring(root, encoding=encoding, xml_declaration=False))
    if b"\r\n" in original and original.count(b"\n") == original.count(b"\r\n"):
        body = body.replace(b"\n", b"\r\n")
    start = _prolog_end(original)
    qname = (f"{root.prefix}:" if root.prefix else "") + split_tag(str(root.tag))[1]
    end_tag = original.rfind(b"</" + qname.encode("ascii", "replace"))
    if end_tag < start or original[start : start + 1] != b"<":
        return _whole(root, encoding)  # a prolog we could not walk: lxml's is equivalent
    return original[:start] + body + original[original.find(b">", end_tag) + 1 :]


def _whole(root: etree._Element, encoding: str) -> bytes:
    """The document as lxml writes it, prolog included."""
    tree = root.getroottree()
    return cast(bytes, etree.tostring(tree, encoding=encoding, xml_declaration=True))


def _prolog_end(data: bytes) -> int:
    """Where the root element starts: after BOM, declaration, comments, PIs and DOCTYPE."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while position < len(data) and data[position : position + 1].isspace():
            position += 1
        if data.startswith(b"<?", position):
            position = data.index(b"?>", position) + 2
        elif data.startswith(b"<!--", position):
            position = data.index(b"-->", position) + 3
        elif data.startswith(b"<!DOCTYPE", position):
            closing = re.compile(rb"\]\s*>" if b"[" in _doctype_head(data, position) else rb">")
            match = closing.search(data, position)
            position = match.end() if match else len(data)
        else:
            return position


def _doctype_head(data: bytes, position: int) -> bytes:
    """The DOCTYPE up to its first '>' (an internal subset starts with '[' before that)."""
    return data[position : data.find(b">", position) + 1]


# A new file from segments


def _fresh(
    document: Document, segments: Iterable[Segment], path: Path, version: int, native: Native
) -> bytes:
    """A new XLIFF file holding one unit per segment."""
    if version == 1:
        writer: _FreshWriter = _Fresh12(document, native)
    else:
        writer = _Fresh2(document, path, native)
    parts = [writer.head()]
    ids = _UnitIds()
    for position, segment in enumerate(segments, 1):
        parts.append(writer.unit(segment, ids.make(segment.unit_id, position)))
    parts.append(writer.tail())
    return "".join(parts).encode("utf-8")


class _UnitIds:
    """Unit ids that are NMTOKENs and unique: the segment's own where it can be."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, wanted: str | None, position: int) -> str:
        candidate = wanted if wanted and _NMTOKEN.fullmatch(wanted) else f"u{position}"
        number = 1
        unique = candidate
        while unique in self._used:
            number += 1
            unique = f"{candidate}-{number}"
        self._used.add(unique)
        return unique


def _attributes(attributes: dict[str, str | None]) -> str:
    return "".join(
        f' {name}="{escape_attribute(value)}"' for name, value in attributes.items() if value
    )


class _FreshWriter(Protocol):
    """Writes the parts of a new file."""

    def head(self) -> str:
        """Everything before the first unit."""
        ...

    def unit(self, segment: Segment, unit_id: str) -> str:
        """One unit holding the segment."""
        ...

    def tail(self) -> str:
        """Everything after the last unit."""
        ...


class _Fresh12:
    """XLIFF 1.2: one <file>, one <trans-unit> per segment, codes as bpt/ept/ph when foreign."""

    def __init__(self, document: Document, native: Native) -> None:
        self._document = document
        self._flavor = Flavor(1, NAMESPACE_12, native)

    def head(self) -> str:
        file = _attributes(
            {
                "original": self._document.name,
                "source-language": self._document.source_lang,
                "target-language": self._document.target_lang,
                "datatype": "plaintext",
            }
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xliff version="1.2" xmlns="{NAMESPACE_12}">\n'
            f"  <file{file}>\n    <body>\n"
        )

    def unit(self, segment: Segment, unit_id: str) -> str:
        approved = "yes" if approved_12(segment.status) else None
        translate = "no" if segment.structure.get("translate") == "no" else None
        unit = _attributes(
            {"id": unit_id, "translate": translate, "approved": approved, "xml:space": "preserve"}
        )
        source = render(segment.source, segment.codes, self._flavor, {})
        parts = [f"      <trans-unit{unit}>\n        <source>{source}</source>\n"]
        if segment.target or segment.status is not NEW:
            target = _attributes(
                {"xml:lang": self._document.target_lang, "state": STATE_NAMES_12[segment.status]}
            )
            text = render(segment.target, segment.codes, self._flavor, {})
            parts.append(f"        <target{target}>{text}</target>\n")
        for line in (segment.note or "").splitlines():
            parts.append(f"        <note>{character_data(line, 1)}</note>\n")
        parts.append("      </trans-unit>\n")
        return "".join(parts)

    def tail(self) -> str:
        return "    </body>\n  </file>\n</xliff>\n"


class _Fresh2:
    """XLIFF 2.1: one <file>, one <unit> per segment, foreign codes with <originalData>."""

    def __init__(self, document: Document, path: Path, native: Native) -> None:
        self._document = document
        self._path = path
        self._flavor = Flavor(2, NAMESPACE_2, native)

    def head(self) -> str:
        root = _attributes(
            {
                "version": "2.1",
                "srcLang": self._document.source_lang,
                "trgLang": self._document.target_lang,
            }
        )
        file = _attributes({"id": "f1", "original": self._document.name})
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xliff xmlns="{NAMESPACE_2}"{root}>\n  <file{file}>\n'
        )

    def unit(self, segment: Segment, unit_id: str) -> str:
        data: dict[str, str] = {}
        source = render(segment.source, segment.codes, self._flavor, data)
        with_target = bool(segment.target) or segment.status is not NEW
        target = render(segment.target, segment.codes, self._flavor, data) if with_target else ""
        if with_target and not self._document.target_lang:
            raise FormatError(self._path, "XLIFF 2 needs a target language for targets")
        translate = "no" if segment.structure.get("translate") == "no" else None
        parts = [f"    <unit{_attributes({'id': unit_id, 'translate': translate})}>\n"]
        if segment.note:
            notes = "".join(
                f"        <note>{character_data(line, 2)}</note>\n"
                for line in segment.note.splitlines()
            )
            parts.append(f"      <notes>\n{notes}      </notes>\n")
        if data:
            items = "".join(
                f'        <data id="{key}">{character_data(value, 2)}</data>\n'
                for key, value in data.items()
            )
            parts.append(f"      <originalData>\n{items}      </originalData>\n")
        if with_target:
            state = STATE_NAMES_2[segment.status]
            substate = substate_2(segment.status)
            parts.append(f"      <segment{_attributes({'state': state, 'subState': substate})}>\n")
        else:
            parts.append("      <segment>\n")
        parts.append(f'        <source xml:space="preserve">{source}</source>\n')
        if with_target:
            parts.append(f'        <target xml:space="preserve">{target}</target>\n')
        parts.append("      </segment>\n    </unit>\n")
        return "".join(parts)

    def tail(self) -> str:
        return "  </file>\n</xliff>\n"
