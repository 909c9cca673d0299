"""XLIFF units: a <trans-unit> (1.2) or <unit> (2.x) read into segments, states both ways."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from workbench.domain.document import Segment, SegmentStatus
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.formats.base import FormatError
from workbench.formats.statuses import status_2, status_12
from workbench.formats.xliff.codes import XML_NAMESPACE, CodeTable, ContentReader, Side, qualify
from workbench.formats.xliff.dialects import Dialect
from workbench.formats.xml_safety import element_line, entity_error

NAMESPACE_12 = "urn:oasis:names:tc:xliff:document:1.2"
NAMESPACE_2 = "urn:oasis:names:tc:xliff:document:2.0"
GLOSSARY_NAMESPACE = "urn:oasis:names:tc:xliff:glossary:2.0"
MATCHES_NAMESPACE = "urn:oasis:names:tc:xliff:matches:2.0"
XML_LANG = f"{{{XML_NAMESPACE}}}lang"
NOTE_DIGEST = "note_digest"
"""`Segment.structure` key of Trados and memoQ segments: note_digest of the note as read."""


@dataclass(frozen=True, slots=True)
class UnitPlace:
    """Where a unit sits in the document, as reading found it."""

    file: int
    """0-based index of its <file>."""
    unit: int
    """0-based index of the unit among all units of the document; export finds it by this."""
    unit_id: str | None
    translate: bool


class UnitReader:
    """Reads units of one document into segments."""

    def __init__(
        self,
        path: Path,
        version: int,
        namespace: str,
        target_lang: str | None,
        scan_entities: bool = True,
        dialect: Dialect | None = None,
    ) -> None:
        self.path = path
        self.dialect = dialect or Dialect()
        self.version = version
        self.namespace = namespace
        self.content = ContentReader(path, version, namespace)
        self._target_lang = target_lang
        # Without a DOCTYPE an entity reference is a parse error, so only a document with
        # one (its external DTD never loaded) can leave references in the tree.
        self._scan_entities = scan_entities
        q = self.tag
        self._source, self._target, self._note = q("source"), q("target"), q("note")
        self._mrk, self._seg_source = q("mrk"), q("seg-source")
        self._context_group, self._alt_trans = q("context-group"), q("alt-trans")

    def tag(self, name: str) -> str:
        """The qualified tag of an XLIFF element of this document."""
        return qualify(self.namespace, name)

    def read(self, unit: etree._Element, place: UnitPlace) -> list[Segment]:
        """The unit's segments, in order."""
        entity = next(unit.iter(etree.Entity), None) if self._scan_entities else None
        if entity is not None:
            raise entity_error(self.path, entity)
        if self.version == 1:
            return self._read_12(unit, place)
        return self._read_2(unit, place)

    # XLIFF 1.2

    def _read_12(self, unit: etree._Element, place: UnitPlace) -> list[Segment]:
        parts = self._parts_12(unit)
        marks = [] if parts.seg_source is None else self.segment_marks(parts.seg_source)
        if marks:
            return self._marked_12(unit, parts, marks, place)
        return [self._plain_12(unit, parts, place)]

    def _plain_12(self, unit: etree._Element, parts: _Parts12, place: UnitPlace) -> Segment:
        """A unit that is one segment: its <source> and <target>."""
        table = CodeTable(self.path)
        source = self._text(parts.source, table, "source")
        target = self._text(parts.target, table, "target")
        facts = self.dialect.facts(unit, None, [parts.source, parts.target])
        status = status_12(target, parts.state, parts.approved, facts.status)
        structure = _base_structure(place) | facts.structure
        if parts.alternatives:
            structure |= self._best_alternative_12(parts.alternatives, table)
        segment = _segment(source, target, table, status, place, parts, structure)
        return _with_comments(segment, facts.comments, self.dialect)

    def _marked_12(
        self, unit: etree._Element, parts: _Parts12, marks: list[etree._Element], place: UnitPlace
    ) -> list[Segment]:
        """A unit segmented by <seg-source>: one segment per mark, its target's mark by mid."""
        segments = []
        for index, (mark, target_mark) in enumerate(
            zip(marks, self.target_marks(parts.target, marks), strict=True)
        ):
            table = CodeTable(self.path)
            mid = mark.get("mid")
            source = self.content.read(mark, table, "source")
            target = self._text(target_mark, table, "target")
            facts = self.dialect.facts(unit, mid, [mark, target_mark])
            status = status_12(target, parts.state, parts.approved, facts.status)
            mine = [a for a in parts.alternatives if mid and a.get("mid") == mid]
            if not mine and len(marks) == 1:
                mine = [a for a in parts.alternatives if not a.get("mid")]
            structure = _base_structure(place) | {"segment": str(index)} | facts.structure
            structure |= ({"mid": mid} if mid else {}) | self._best_alternative_12(mine, table)
            segment = _segment(source, target, table, status, place, parts, structure)
            segments.append(_with_comments(segment, facts.comments, self.dialect))
        return segments

    def _parts_12(self, unit: etree._Element) -> _Parts12:
        """The children of a <trans-unit> that reading needs, found in one pass."""
        parts = _Parts12()
        for child in unit:
            tag = child.tag
            if tag == self._source:
                parts.source = child if parts.source is None else parts.source
            elif tag == self._target:
                parts.target = child if parts.target is None else parts.target
            elif tag == self._seg_source:
                parts.seg_source = child if parts.seg_source is None else parts.seg_source
            elif tag == self._note:
                parts.notes.append(child)
            elif tag == self._context_group:
                parts.contexts.append(child)
            elif tag == self._alt_trans:
                parts.alternatives.append(child)
        parts.state = None if parts.target is None else parts.target.get("state")
        parts.approved = unit.get("approved") == "yes"
        parts.note = self._notes_12(parts.notes)
        parts.context = self._context_12(parts.contexts)
        return parts

    def segment_marks(self, seg_source: etree._Element) -> list[etree._Element]:
        """The <mrk mtype="seg"> of a <seg-source> (or <target>), outermost only, in order."""
        marks: list[etree._Element] = []
        for mark in seg_source.iter(self._mrk):
            if mark.get("mtype") == "seg" and not any(
                m.get("mtype") == "seg" for m in mark.iterancestors(self._mrk)
            ):
                marks.append(mark)
        return marks

    def target_marks(
        self, target: etree._Element | None, marks: list[etree._Element]
    ) -> list[etree._Element | None]:
        """For each source segment mark, the target's mark with the same mid (else by order)."""
        if target is None:
            return [None] * len(marks)
        found = self.segment_marks(target)
        by_mid = {m.get("mid"): m for m in found if m.get("mid")}
        return [
            by_mid.get(mid) if (mid := mark.get("mid")) else (found[i] if i < len(found) else None)
            for i, mark in enumerate(marks)
        ]

    def _text(self, element: etree._Element | None, table: CodeTable, side: Side) -> str:
        """The content of an element that may be missing."""
        return "" if element is None else self.content.read(element, table, side)

    def _notes_12(self, notes: list[etree._Element]) -> str | None:
        """The unit's notes, one per line, each after whom it is from."""
        lines = []
        for note in notes:
            text = _all_text(note)
            author = note.get("from")
            lines.append(f"{author}: {text}" if author else text)
        return "\n".join(lines) or None

    def _context_12(self, groups: list[etree._Element]) -> str | None:
        """The unit's context-group contexts, one per line: `context-type: value`."""
        lines = []
        for group in groups:
            for context in group.iterchildren(self.tag("context")):
                kind = context.get("context-type")
                text = _all_text(context)
                lines.append(f"{kind}: {text}" if kind else text)
        return "\n".join(lines) or None

    def _best_alternative_12(
        self, alternatives: list[etree._Element], table: CodeTable
    ) -> dict[str, str]:
        """The best <alt-trans> in the target language: its texts, quality and origin."""
        best: tuple[float, etree._Element, etree._Element] | None = None
        for alternative in alternatives:
            target = _child(alternative, self._target)
            if target is None or not self._in_target_lang(target.get(XML_LANG)):
                continue
            quality = _quality(alternative.get("match-quality"))
            if best is None or quality > best[0]:
                best = (quality, alternative, target)
        if best is None:
            return {}
        quality, alternative, target = best
        source = _child(alternative, self._source)
        return _alternative(
            self.content.read(target, table, "lookup"),
            self.content.read(source, table, "lookup") if source is not None else None,
            quality,
            alternative.get("origin"),
        )

    def _in_target_lang(self, tag: str | None) -> bool:
        """An alternative without a language, or in the target's language (any region)."""
        if not tag or self._target_lang is None:
            return True
        try:
            lang = normalize_lang(tag)
        except UnknownLanguageError:
            return False
        return lang.split("-")[0].lower() == self._target_lang.split("-")[0].lower()

    # XLIFF 2.x

    def _read_2(self, unit: etree._Element, place: UnitPlace) -> list[Segment]:
        data = self._original_data(unit)
        note = self._notes_2(unit)
        base = _base_structure(place)
        segments: list[Segment] = []
        marks: list[tuple[set[str], set[str]]] = []
        for index, element in enumerate(unit.iterchildren(self.tag("segment"))):
            segment, source_marks, target_marks = self._segment_2(element, index, data, place)
            segment.note, segment.structure = note, base | segment.structure
            if self.dialect.writes_comments:  # export writes the note lines added since
                segment.structure[NOTE_DIGEST] = note_digest(note)
            segments.append(segment)
            marks.append((source_marks, target_marks))
        self._glossary(unit, segments, marks)
        self._matches(unit, segments, marks, data)
        return segments

    def _segment_2(
        self, element: etree._Element, index: int, data: dict[str, str], place: UnitPlace
    ) -> tuple[Segment, set[str], set[str]]:
        sources = list(element.iterchildren(self._source))
        if len(sources) > 1:
            message = "a <segment> holds more than one <source>: which one to translate?"
            raise FormatError(self.path, message, element_line(sources[1]))
        target = _child(element, self._target)
        table = CodeTable(self.path)
        source_text = self.content.read(sources[0], table, "source", data) if sources else ""
        target_text = ""
        if target is not None:
            target_text = self.content.read(target, table, "target", data)
        state, substate = element.get("state"), element.get("subState")
        status = status_2(target_text, state, substate)
        structure = {"segment": str(index)}
        for key, value in (("segment_id", element.get("id")), ("substate", substate)):
            if value:
                structure[key] = value
        segment = _segment(source_text, target_text, table, status, place, None, structure)
        return segment, self._mark_ids(sources[0] if sources else None), self._mark_ids(target)

    def _mark_ids(self, element: etree._Element | None) -> set[str]:
        """Ids of the annotations in a source or target, which glossary and matches refer to."""
        if element is None:
            return set()
        found = element.iter(self._mrk, self.tag("sm"))
        return {str(m.get("id")) for m in found if m.get("id")}

    def _original_data(self, unit: etree._Element) -> dict[str, str]:
        """The unit's <originalData>: the native code of each data id."""
        data = {}
        for original in unit.iterchildren(self.tag("originalData")):
            for item in original.iterchildren(self.tag("data")):
                if item.get("id"):
                    data[str(item.get("id"))] = _all_text(item)
        return data

    def _notes_2(self, unit: etree._Element) -> str | None:
        """The unit's notes, one per line."""
        lines = [
            _all_text(note)
            for notes in unit.iterchildren(self.tag("notes"))
            for note in notes.iterchildren(self._note)
        ]
        return "\n".join(lines) or None

    def _glossary(
        self, unit: etree._Element, segments: list[Segment], marks: list[tuple[set[str], set[str]]]
    ) -> None:
        """Glossary entries, as JSON, on the segment they refer to (else on every segment)."""
        found: list[list[dict[str, object]]] = [[] for _ in segments]
        glossaries = unit.iterchildren(qualify(GLOSSARY_NAMESPACE, "glossary"))
        tag = qualify(GLOSSARY_NAMESPACE, "glossEntry")
        for entry in (e for glossary in glossaries for e in glossary.iterchildren(tag)):
            where = _referred(entry.get("ref"), marks)
            for index in range(len(segments)) if where is None else (where,):
                found[index].append(_gloss_entry(entry))
        for segment, entries in zip(segments, found, strict=True):
            if entries:
                segment.structure["glossary"] = json.dumps(entries, ensure_ascii=False)

    def _matches(
        self,
        unit: etree._Element,
        segments: list[Segment],
        marks: list[tuple[set[str], set[str]]],
        data: dict[str, str],
    ) -> None:
        """The best translation candidate of each segment, kept like a 1.2 <alt-trans>."""
        best: dict[int, tuple[float, etree._Element]] = {}
        tag = qualify(MATCHES_NAMESPACE, "match")
        for matches in unit.iterchildren(qualify(MATCHES_NAMESPACE, "matches")):
            for match in matches.iterchildren(tag):
                where = _referred(match.get("ref"), marks)
                if where is None and len(segments) == 1:
                    where = 0
                if where is None or _child(match, self._target) is None:
                    continue
                quality = _quality(match.get("matchQuality"))
                if where not in best or quality > best[where][0]:
                    best[where] = (quality, match)
        for index, (quality, match) in best.items():
            table = _lookup_table(segments[index], self.path)
            own = data | self._original_data(match)
            target = cast(etree._Element, _child(match, self._target))
            source = _child(match, self._source)
            alternative = _alternative(
                self.content.read(target, table, "lookup", own),
                None if source is None else self.content.read(source, table, "lookup", own),
                quality,
                match.get("origin"),
            )
            segments[index].structure |= alternative


@dataclass(slots=True)
class _Parts12:
    """What a <trans-unit> holds, and what all its segments share."""

    source: etree._Element | None = None
    target: etree._Element | None = None
    seg_source: etree._Element | None = None
    notes: list[etree._Element] = field(default_factory=list)
    contexts: list[etree._Element] = field(default_factory=list)
    alternatives: list[etree._Element] = field(default_factory=list)
    state: str | None = None
    approved: bool = False
    note: str | None = None
    context: str | None = None


def fingerprint(target: str, status: SegmentStatus) -> str:
    """A short digest of a target and its status, as read (export skips units still so)."""
    data = f"{status.value}\x00{target}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _segment(
    source: str,
    target: str,
    table: CodeTable,
    status: SegmentStatus,
    place: UnitPlace,
    parts: _Parts12 | None,
    structure: dict[str, str],
) -> Segment:
    """A segment as read, with the fingerprint of its target and status."""
    structure = structure | {"fingerprint": fingerprint(target, status)}
    note, context = (None, None) if parts is None else (parts.note, parts.context)
    return Segment(source, target, table.codes, status, place.unit_id, note, context, structure)


def note_digest(note: str | None) -> str:
    """A short digest of a segment's note, as read (export adds the lines added since)."""
    return hashlib.blake2b((note or "").encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _with_comments(segment: Segment, comments: list[str], dialect: Dialect) -> Segment:
    """The segment with a dialect's comments after the unit's notes."""
    if comments:
        segment.note = "\n".join([*([segment.note] if segment.note else []), *comments])
    if dialect.writes_comments:
        segment.structure[NOTE_DIGEST] = note_digest(segment.note)
    return segment


def _lookup_table(segment: Segment, path: Path) -> CodeTable:
    """A table that finds a segment's codes by their markup (for candidates' content)."""
    table = CodeTable(path)
    for code in segment.codes:
        table.code(code, "source", None)
    return table


def _referred(ref: str | None, marks: list[tuple[set[str], set[str]]]) -> int | None:
    """The segment whose source (or, for `t=`, target) holds the annotation a ref points at."""
    if not ref:
        return None
    last = ref.rpartition("#")[2].rpartition("/")[2]
    in_target = last.startswith("t=")
    wanted = last[2:] if in_target else last
    if "=" in wanted:
        return None
    for index, (source_marks, target_marks) in enumerate(marks):
        if wanted in (target_marks if in_target else source_marks):
            return index
    return None


def _gloss_entry(entry: etree._Element) -> dict[str, object]:
    """A glossary entry as plain data: term, translations, definition."""
    result: dict[str, object] = {"term": "", "translations": []}
    translations: list[str] = []
    for part in entry:
        if not isinstance(part.tag, str):
            continue
        name = part.tag.rpartition("}")[2]
        text = " ".join(_all_text(part).split())
        if name == "term":
            result["term"] = text
        elif name == "translation":
            translations.append(text)
        elif name == "definition":
            result["definition"] = text
    result["translations"] = translations
    return result


def _alternative(
    target: str, source: str | None, quality: float, origin: str | None
) -> dict[str, str]:
    """Structure keys for the best alternative translation."""
    found = {"alt_target": target}
    if source is not None:
        found["alt_source"] = source
    if quality >= 0:
        found["alt_quality"] = f"{quality:g}"
    if origin:
        found["alt_origin"] = origin
    return found


def _quality(value: str | None) -> float:
    """A match quality such as `99%`, `99` or `87.5`; -1 when absent or not a number."""
    try:
        return float((value or "").strip().rstrip("%"))
    except ValueError:
        return -1.0


def _base_structure(place: UnitPlace) -> dict[str, str]:
    """The structure keys every segment of a unit has."""
    base = {"file": str(place.file), "unit": str(place.unit)}
    if not place.translate:
        base["translate"] = "no"
    return base


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with that tag."""
    return next(element.iterchildren(tag), None)


def _all_text(element: etree._Element) -> str:
    """All text inside an element."""
    if not len(element):
        return element.text or ""
    return "".join(cast(Iterator[str], element.itertext()))
