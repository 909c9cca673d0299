"""PowerPoint presentations (.pptx, .pptm, .potx): slides, tables, shapes, notes, alt text.

Parts read, in slide order (the presentation's slide list): each slide, then its notes
page. Units: every DrawingML paragraph of the part (titles, text boxes, shapes, table
cells, grouped shapes) and the alt text and title of every shape and picture
(`p:cNvPr`). Slide comments (2007 and modern) are not translated: they become the note
of the slide's first segment. A segment's context is "slide N" with the placeholder or
shape it is in ("slide 3, title"; "slide 3 notes").

Kept as they are: slide masters and layouts (their prompt texts are not the
presentation's), charts, SmartArt and embedded objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from lxml import etree

from workbench.formats.office.document import Layout, OfficeFormat
from workbench.formats.office.drawingml import AP, DrawingDialect, a
from workbench.formats.office.opc import OFFICE_RELS, part_of_type, relationships
from workbench.formats.office.package import Package
from workbench.formats.office.units import AttributeDialect, Unit
from workbench.formats.office.wordml import MC

PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
_P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
_MAIN_TYPES = frozenset(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.presentationml.presentation",
        "openxmlformats-officedocument.presentationml.template",
        "openxmlformats-officedocument.presentationml.slideshow",
        "ms-powerpoint.presentation.macroEnabled",
        "ms-powerpoint.template.macroEnabled",
        "ms-powerpoint.slideshow.macroEnabled",
    )
)
_FALLBACK = f"{{{MC}}}Fallback"
_CNVPR = f"{{{PML}}}cNvPr"
_SHAPE = f"{{{PML}}}sp"
_TABLE = a("tbl")
_PLACEHOLDER_NAMES = {
    "title": "title",
    "ctrTitle": "title",
    "subTitle": "subtitle",
    "body": "body",
    "dt": "date",
    "ftr": "footer",
    "hdr": "header",
    "sldNum": "slide number",
}


def p(name: str) -> str:
    """The Clark name of a PresentationML element."""
    return f"{{{PML}}}{name}"


class PptxLayout(Layout):
    """Where a PowerPoint package keeps its text."""

    def __init__(self, package: Package) -> None:
        super().__init__(package)
        main = part_of_type(package, _MAIN_TYPES, "PowerPoint")
        related = {r.id: r for r in relationships(package, main)}
        authors_part = next(
            (r.target for r in related.values() if r.type == "commentAuthors"), None
        )
        self._authors_part = authors_part
        self._parts: list[str] = []
        self._places: dict[str, str] = {}
        self._comments: dict[str, list[str]] = {}
        for number, slide_id in enumerate(package.xml(main).iter(p("sldId")), 1):
            relation = related.get(slide_id.get(f"{{{OFFICE_RELS}}}id") or "")
            if relation is None or not package.has(relation.target):
                continue
            self._parts.append(relation.target)
            self._places[relation.target] = f"slide {number}"
            for other in relationships(package, relation.target):
                if other.type == "notesSlide" and package.has(other.target):
                    self._parts.append(other.target)
                    self._places[other.target] = f"slide {number} notes"
                elif other.type == "comments" and package.has(other.target):
                    self._comments.setdefault(relation.target, []).append(other.target)
        self._authors: dict[str, str] | None = None

    @property
    def parts(self) -> list[str]:
        return self._parts

    def units(self, part: str, root: etree._Element) -> list[Unit]:
        dialect = DrawingDialect()
        place = self._places.get(part, part)
        units: list[Unit] = []
        for element, where in _walk(root, None):
            context = f"{place}, {where}" if where else place
            if element.tag == AP:
                units.append(Unit(element, dialect, context))
            else:
                for attribute, what in (("descr", "alt text"), ("title", "title")):
                    if element.get(attribute):
                        units.append(
                            Unit(
                                element,
                                AttributeDialect(attribute),
                                f"{context}, {what}",
                                kind=what,
                            )
                        )
        notes = self.comment_notes(part)
        if notes and units:
            units[0].note = notes
        return units

    def comment_notes(self, part: str) -> str | None:
        """The slide's comments as one note: "comment by AUTHOR: text" per line."""
        lines = []
        for comments_part in self._comments.get(part, []):
            for comment in self.package.xml(comments_part):
                author = self.authors().get(comment.get("authorId") or "", "someone")
                text = " ".join(
                    "".join(t.text or "" for t in element.iter(a("t"), p("text")))
                    for element in comment
                    if element.tag in (p("text"), f"{{{_P188}}}txBody")
                )
                if text.strip():
                    lines.append(f"comment by {author}: {text.strip()}")
        return "\n".join(lines) or None

    def authors(self) -> dict[str, str]:
        """Comment author id -> name (2007 comments; modern ones name theirs by GUID)."""
        if self._authors is None:
            self._authors = {}
            for candidate in filter(None, [self._authors_part]):
                if self.package.has(candidate):
                    for author in self.package.xml(candidate):
                        self._authors[author.get("id") or ""] = author.get("name") or "someone"
        return self._authors


def _walk(
    element: etree._Element, where: str | None
) -> Iterator[tuple[etree._Element, str | None]]:
    """Paragraphs and shape names in document order, with the shape they are in."""
    for child in element:
        tag = child.tag
        if tag == _FALLBACK or not isinstance(tag, str):
            continue
        here = where
        if tag == _SHAPE:
            here = _shape_label(child)
        elif tag == _TABLE:
            here = "table"
        if tag in (AP, _CNVPR):
            yield child, here
        if len(child) and tag != AP:
            yield from _walk(child, here)


def _shape_label(shape: etree._Element) -> str | None:
    """The placeholder kind of a shape (title, body ...), "text box", or None."""
    placeholder = shape.find(f"{p('nvSpPr')}/{p('nvPr')}/{p('ph')}")
    if placeholder is not None:
        return _PLACEHOLDER_NAMES.get(placeholder.get("type") or "body", "placeholder")
    box = shape.find(f"{p('nvSpPr')}/{p('cNvSpPr')}")
    if box is not None and box.get("txBox") in ("1", "true"):
        return "text box"
    return None


class PptxFormat(OfficeFormat):
    """PowerPoint presentations; macros in .pptm files are kept as they are and never run."""

    name: ClassVar[str] = "pptx"
    kind: ClassVar[str] = "PowerPoint"
    application: ClassVar[str] = "PowerPoint"

    def layout(self, package: Package) -> Layout:
        return PptxLayout(package)
