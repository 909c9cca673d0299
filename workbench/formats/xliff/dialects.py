"""The XLIFF 1.2 dialects of Trados Studio (.sdlxliff) and memoQ (.mqxliff): their own
statuses, locks, match facts and comments, read into segments and written back.

A file is of a dialect when its root declares the dialect's namespace. Both keep the
standard XLIFF (target state, approved) as well, which translate-toolkit, Okapi and OmegaT
read; the dialect's own attributes are what Trados and memoQ read.

Statuses, both ways: the map is `formats/statuses.py`.

`Segment.structure` keys set here: `locked` ("yes": Trados `sdl:seg locked="true"`, memoQ
`mq:locked="locked"`), `match_percent` (Trados `percent`, 101 for a context match
`text-match="SourceAndTarget"`; memoQ `mq:percent`), `match_origin` (Trados `origin`: tm,
mt, interactive, auto-propagated ...; memoQ: tm, mt or fragments from its status) and
`match_system` (Trados `origin-system`, the TM or engine). Comments (Trados cmt-defs
referred to by `x-sdl-comment` marks, memoQ `mq:comment`) join the segment's note as
`author: text` lines. When export changes a Trados target, its origin becomes
`interactive` and the match facts of the replaced text (percent, text-match,
origin-system) go, as Trados itself does when a translator edits a match.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

from lxml import etree

from workbench.domain.document import LOCKED, SegmentStatus
from workbench.formats.statuses import (
    MEMOQ_STATUS_NAMES,
    MEMOQ_STATUSES,
    NEW,
    SDL_LEVEL_NAMES,
    SDL_LEVELS,
)
from workbench.formats.xliff.codes import split_tag
from workbench.formats.xliff.splice import Splice
from workbench.formats.xml_safety import escape_attribute, escape_text

SDL_NAMESPACE = "http://sdl.com/FileTypes/SdlXliff/1.0"
MEMOQ_NAMESPACE = "MQXliff"

_MEMOQ_ORIGINS = {"machinetranslated": "mt", "assembledfromfragments": "fragments"}
_SDL_MATCH_FACTS = ("percent", "text-match", "origin-system")
COMMENT_AUTHOR = "workbench"
"""Who a comment is from when its note line names nobody."""

Touch = Callable[[etree._Element], None]
"""Called with an element before export changes its attributes (see splice.Splice)."""


def _sdl(name: str) -> str:
    return f"{{{SDL_NAMESPACE}}}{name}"


def _mq(name: str) -> str:
    return f"{{{MEMOQ_NAMESPACE}}}{name}"


def _local(element: etree._Element) -> str:
    return str(element.tag).rpartition("}")[2] if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(cast(Iterator[str], element.itertext())).split())


@dataclass(slots=True)
class SegmentFacts:
    """What a dialect says about one segment of a unit."""

    status: SegmentStatus | None = None
    """The dialect's status, None when it gives none (the standard XLIFF one counts)."""
    structure: dict[str, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)


class Dialect:
    """Plain XLIFF 1.2: nothing beyond the standard."""

    name = "xliff"
    writes_comments = False
    """Whether a note added in the workbench goes back into the file as a comment."""

    def facts(
        self, unit: etree._Element, mid: str | None, marks: list[etree._Element | None]
    ) -> SegmentFacts:
        """The dialect's facts of the segment mid (None: the unit is one segment); marks are
        the segment's source and target content, where comment marks sit."""
        return SegmentFacts()

    def write_status(
        self, unit: etree._Element, mid: str | None, status: SegmentStatus, touch: Touch
    ) -> None:
        """Put the status into the dialect's own attributes."""

    def target_changed(self, unit: etree._Element, mid: str | None, touch: Touch) -> None:
        """The segment got a new target: forget how the replaced one was made."""

    def write_comments(
        self, unit: etree._Element, mid: str | None, lines: list[str], splice: Splice
    ) -> None:
        """Add each line (`author: text`, or text) to the segment as a comment of the tool."""


class PlainXliff12(Dialect):
    """Plain XLIFF 1.2: a note added in the workbench becomes a `<note from="author">` of the
    unit, after its last note (or its target), as translate-toolkit, Okapi and OmegaT read it."""

    writes_comments = True
    _BEFORE_NOTES = ("note", "prop-group", "count-group", "context-group", "target", "seg-source")

    def write_comments(
        self, unit: etree._Element, mid: str | None, lines: list[str], splice: Splice
    ) -> None:
        """A note per line, after the unit's notes (or where notes go)."""
        if not lines:
            return
        children = [child for child in unit if isinstance(child.tag, str)]
        anchor = None
        for name in self._BEFORE_NOTES:
            found = [child for child in children if _local(child) == name]
            if found:
                anchor = found[-1]
                break
        if anchor is None:
            anchor = next((child for child in children if _local(child) == "source"), None)
        if anchor is None:
            splice.unplaceable()
            return
        namespace = split_tag(str(unit.tag))[0]
        previous = anchor.getprevious()
        gap = unit.text if previous is None else previous.tail
        after = anchor
        for author, text in map(_author_and_text, lines):
            note = etree.Element(f"{{{namespace}}}note" if namespace else "note")
            note.set("from", author)
            note.text = text
            # in the tree one after the other; in the bytes each after the anchor, in turn
            after.addnext(note)
            note.tail = after.tail
            if gap is None or not gap.strip():
                after.tail = gap
            splice.inserted(note, anchor)
            after = note


class Xliff20(Dialect):
    """XLIFF 2.x: a note added in the workbench becomes a `<note category="comment">` in the
    unit's `<notes>` (made first in the unit when it has none), as `author: text`."""

    name = "xliff2"
    writes_comments = True

    def write_comments(
        self, unit: etree._Element, mid: str | None, lines: list[str], splice: Splice
    ) -> None:
        """A note per line in the unit's notes."""
        if not lines:
            return
        prefix = f"{unit.prefix}:" if unit.prefix else ""
        notes = "".join(
            f'<{prefix}note category="comment">{escape_text(line.strip())}</{prefix}note>'
            for line in lines
        )
        existing = next((child for child in unit if _local(child) == "notes"), None)
        if existing is None:
            splice.insert_text(unit, "start", f"<{prefix}notes>{notes}</{prefix}notes>")
        elif len(existing) or (existing.text or "").strip():
            splice.insert_text(existing, "end", notes)
        else:
            splice.unplaceable()  # <notes/>: no end tag to write before


class Trados(Dialect):
    """SDLXLIFF: a sdl:seg per segment (by mid) in the unit's sdl:seg-defs; comments in the
    document's cmt-defs."""

    name = "sdlxliff"
    writes_comments = True

    def __init__(self, root: etree._Element) -> None:
        self._comments: dict[str, list[str]] = {}
        for definition in root.iter(_sdl("cmt-def")):
            lines = []
            for comment in definition.iter():
                if _local(comment) == "Comment" and _text(comment):
                    author = comment.get("user")
                    lines.append(f"{author}: {_text(comment)}" if author else _text(comment))
            if definition.get("id"):
                self._comments[str(definition.get("id"))] = lines

    def _seg(self, unit: etree._Element, mid: str | None) -> etree._Element | None:
        for seg in unit.iter(_sdl("seg")):
            if mid is None or seg.get("id") == mid:
                return seg
        return None

    def facts(
        self, unit: etree._Element, mid: str | None, marks: list[etree._Element | None]
    ) -> SegmentFacts:
        facts = SegmentFacts()
        seg = self._seg(unit, mid) if mid is not None else None
        if seg is not None:
            level = (seg.get("conf") or "").lower()
            facts.status = SDL_LEVELS.get(level, NEW if not level else None)
            if (seg.get("locked") or "").lower() == "true":
                facts.structure[LOCKED] = "yes"
            percent = seg.get("percent")
            if percent:
                context = seg.get("text-match") == "SourceAndTarget" and percent == "100"
                facts.structure["match_percent"] = "101" if context else percent
            for attribute, key in (("origin", "match_origin"), ("origin-system", "match_system")):
                if seg.get(attribute):
                    facts.structure[key] = str(seg.get(attribute))
        cids = {
            found.get(_sdl("cid")) or found.get("cid") or ""
            for mark in marks
            if mark is not None
            for found in mark.iter()
            if _local(found) == "mrk" and found.get("mtype") == "x-sdl-comment"
        }
        # In the order the file defines them: comments added later come last.
        for cid, lines in self._comments.items():
            if cid in cids:
                facts.comments += [line for line in lines if line not in facts.comments]
        return facts

    def write_status(
        self, unit: etree._Element, mid: str | None, status: SegmentStatus, touch: Touch
    ) -> None:
        seg = self._seg(unit, mid) if mid is not None else None
        if seg is None:
            return
        touch(seg)
        if status is NEW:
            seg.attrib.pop("conf", "")
        else:
            seg.set("conf", SDL_LEVEL_NAMES[status])

    def target_changed(self, unit: etree._Element, mid: str | None, touch: Touch) -> None:
        seg = self._seg(unit, mid) if mid is not None else None
        if seg is None:
            return
        touch(seg)
        seg.set("origin", "interactive")
        for attribute in _SDL_MATCH_FACTS:
            seg.attrib.pop(attribute, "")

    def write_comments(
        self, unit: etree._Element, mid: str | None, lines: list[str], splice: Splice
    ) -> None:
        """A cmt-def in the document's doc-info, referred to by an x-sdl-comment mark around
        the segment's target (its source when the unit has no target at all)."""
        mark = self._segment_mark(unit, mid)
        if mark is None or not lines:
            return
        cid = str(uuid.uuid4())
        comments = "".join(
            f'<Comment severity="Low" user="{escape_attribute(author)}" date="{_now()}" '
            f'version="1.0">{escape_text(text)}</Comment>'
            for author, text in map(_author_and_text, lines)
        )
        definition = (
            f'<cmt-def xmlns="{SDL_NAMESPACE}" id="{cid}"><Comments xmlns="">{comments}'
            "</Comments></cmt-def>"
        )
        self._define(unit.getroottree().getroot(), definition, splice)
        wrapper = etree.Element(f"{{{split_tag(str(mark.tag))[0]}}}mrk", mtype="x-sdl-comment")
        wrapper.set(_sdl("cid"), cid)
        wrapper.text, mark.text = mark.text, None
        wrapper.extend(list(mark))
        mark.append(wrapper)
        splice.content_changed(mark)

    def _segment_mark(self, unit: etree._Element, mid: str | None) -> etree._Element | None:
        """The segment's mark in the target, else (no target yet) in seg-source."""
        found: dict[str, etree._Element] = {}
        for part in unit:
            if _local(part) in ("target", "seg-source"):
                for mark in part.iter():
                    if _local(mark) == "mrk" and (mark.get("mtype"), mark.get("mid")) == (
                        "seg",
                        mid,
                    ):
                        found.setdefault(_local(part), mark)
        target = found.get("target")
        return target if target is not None else found.get("seg-source")

    def _define(self, root: etree._Element, definition: str, splice: Splice) -> None:
        """Put a cmt-def into the cmt-defs of doc-info, making them when the file has none."""
        doc_info = next(root.iterchildren(_sdl("doc-info")), None)
        if doc_info is None:
            splice.insert_text(
                root,
                "start",
                f'<doc-info xmlns="{SDL_NAMESPACE}"><cmt-defs>{definition}</cmt-defs></doc-info>',
            )
            return
        definitions = next(doc_info.iterchildren(_sdl("cmt-defs")), None)
        if definitions is None:
            splice.insert_text(
                doc_info, "end", f'<cmt-defs xmlns="{SDL_NAMESPACE}">{definition}</cmt-defs>'
            )
        else:
            splice.insert_text(definitions, "end", definition)


class Memoq(Dialect):
    """MQXLIFF: one segment per trans-unit, its status, lock and match rate on the unit."""

    name = "mqxliff"
    writes_comments = True

    def facts(
        self, unit: etree._Element, mid: str | None, marks: list[etree._Element | None]
    ) -> SegmentFacts:
        facts = SegmentFacts()
        status = (unit.get(_mq("status")) or "").lower()
        facts.status = MEMOQ_STATUSES.get(status)
        if (unit.get(_mq("locked")) or "").lower() == "locked":
            facts.structure[LOCKED] = "yes"
        percent = unit.get(_mq("percent"))
        if percent and percent.lstrip("-").isdigit() and int(percent) >= 0:
            facts.structure["match_percent"] = percent
            facts.structure["match_origin"] = "tm"
        if status in _MEMOQ_ORIGINS:
            facts.structure["match_origin"] = _MEMOQ_ORIGINS[status]
        for comments in unit.iterchildren(_mq("comments")):
            for comment in comments.iterchildren(_mq("comment")):
                if comment.get("deleted") == "true" or not _text(comment):
                    continue
                author = comment.get("creatoruser")
                facts.comments.append(f"{author}: {_text(comment)}" if author else _text(comment))
        return facts

    def write_status(
        self, unit: etree._Element, mid: str | None, status: SegmentStatus, touch: Touch
    ) -> None:
        touch(unit)
        unit.set(_mq("status"), MEMOQ_STATUS_NAMES[status])

    def write_comments(
        self, unit: etree._Element, mid: str | None, lines: list[str], splice: Splice
    ) -> None:
        """An mq:comment per line in the unit's mq:comments (made when it has none)."""
        if not lines:
            return
        prefix = next((p for p, uri in unit.nsmap.items() if uri == MEMOQ_NAMESPACE and p), None)
        if prefix is None:
            splice.unplaceable()
            return
        comments = "".join(
            f'<{prefix}:comment id="{uuid.uuid4()}" creatoruser="{escape_attribute(author)}" '
            f'time="{_now()}" deleted="false" category="0" appliesto="TargetRange">'
            f"{escape_text(text)}</{prefix}:comment>\n"
            for author, text in map(_author_and_text, lines)
        )
        existing = next(unit.iterchildren(_mq("comments")), None)
        if existing is None:
            splice.insert_text(
                unit, "end", f"<{prefix}:comments>\n{comments}</{prefix}:comments>\n"
            )
        else:
            splice.insert_text(existing, "end", comments)


def _author_and_text(line: str) -> tuple[str, str]:
    """`author: text` as its parts (a note line as reading writes it), else workbench's."""
    author, colon, text = line.partition(": ")
    if colon and author and " " not in author and text.strip():
        return author, text.strip()
    return COMMENT_AUTHOR, line.strip()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dialect_of(root: etree._Element) -> Dialect:
    """The dialect the root's namespace declarations name (plain XLIFF when none)."""
    namespaces = set(root.nsmap.values())
    if SDL_NAMESPACE in namespaces:
        return Trados(root)
    if MEMOQ_NAMESPACE in namespaces:
        return Memoq()
    return PlainXliff12()
