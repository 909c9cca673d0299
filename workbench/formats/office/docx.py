"""Word documents (.docx, .docm, .dotx): body, tables, text boxes, notes, headers, footers.

Parts read, in this order: the main document, footnotes, endnotes, headers, footers (as the
main document's relationships name them). Units: every paragraph (in tables, content
controls and text boxes too; the VML fallback of a text box that also has a DrawingML
version is a copy Word rewrites, so it takes the translated version), and the alt text
and title of every picture (`wp:docPr`). Comments are not translated: their author and
text become the note of the segment they are anchored in. A segment's context is where it
is (table, text box, header, footnote n) and its paragraph style's name.

Tracked changes are refused with their count, or accepted: insertions and moves kept,
deletions dropped, formatting changes and move ranges removed, deleted table rows removed.
A deleted paragraph mark is dropped without joining the paragraphs.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import ClassVar

from lxml import etree

from workbench.formats.office.document import Layout, OfficeFormat
from workbench.formats.office.opc import part_of_type, relationships
from workbench.formats.office.package import Package
from workbench.formats.office.units import AttributeDialect, Unit
from workbench.formats.office.wordml import MC, PPR, P, WordDialect, w

_MAIN_TYPES = frozenset(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.wordprocessingml.document",
        "openxmlformats-officedocument.wordprocessingml.template",
        "ms-word.document.macroEnabled",
        "ms-word.template.macroEnabledTemplate",
    )
)
_PART_ORDER = ("footnotes", "endnotes", "header", "footer")
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_FALLBACK = f"{{{MC}}}Fallback"
_CHOICE = f"{{{MC}}}Choice"
_ALTERNATE = f"{{{MC}}}AlternateContent"
_TXBX = w("txbxContent")
_PLACES = {
    w("tbl"): "table",
    _TXBX: "text box",
    w("hdr"): "header",
    w("ftr"): "footer",
}
_NOTES = {w("footnote"): "footnote", w("endnote"): "endnote"}
# Changes of formatting and of table cells: accepted by dropping the record.
_RECORDS = tuple(
    w(name)
    for name in (
        "rPrChange pPrChange sectPrChange tblPrChange tblPrExChange trPrChange tcPrChange "
        "tblGridChange numberingChange cellIns cellDel cellMerge"
    ).split()
)
_CHANGES = (w("ins"), w("del"), w("moveFrom"), w("moveTo"), *_RECORDS)
_MARKERS = (
    *_RECORDS,
    *(w(name) for name in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart")),
    w("moveToRangeEnd"),
)


def _text_of(element: etree._Element) -> str:
    """The plain text of a comment's paragraphs, one line each."""
    lines = []
    for paragraph in element.iter(P):
        lines.append("".join(t.text or "" for t in paragraph.iter(w("t"))))
    return "\n".join(line for line in lines if line.strip())


class DocxLayout(Layout):
    """Where a Word package keeps its text."""

    def __init__(self, package: Package) -> None:
        super().__init__(package)
        self.main = part_of_type(package, _MAIN_TYPES, "Word")
        related = relationships(package, self.main)
        by_type = {
            kind: [r.target for r in related if r.type == kind and not r.external]
            for kind in (*_PART_ORDER, "styles", "comments")
        }
        self._parts = [self.main]
        for kind in _PART_ORDER:
            self._parts += sorted(by_type[kind], key=_natural)
        self._parts = [self.main] + [part for part in self._parts[1:] if package.has(part)]
        self._styles_part = next(iter(by_type["styles"]), None)
        self._comments_part = next(iter(by_type["comments"]), None)
        self._styles: tuple[dict[str, str], str] | None = None
        self._comments: dict[str, str] | None = None

    @property
    def parts(self) -> list[str]:
        return self._parts

    def styles(self) -> tuple[dict[str, str], str]:
        """Style id -> name, and the default paragraph style's name."""
        if self._styles is None:
            names: dict[str, str] = {}
            default = "Normal"
            part = self._styles_part
            if part is not None and self.package.has(part):
                for style in self.package.xml(part).iter(w("style")):
                    name_element = style.find(w("name"))
                    name = name_element.get(w("val")) if name_element is not None else None
                    style_id = style.get(w("styleId"))
                    if style_id and name:
                        names[style_id] = name[:1].upper() + name[1:]
                        if (
                            style.get(w("default")) in ("1", "true")
                            and style.get(w("type")) == "paragraph"
                        ):
                            default = names[style_id]
            self._styles = (names, default)
        return self._styles

    def comments(self) -> dict[str, str]:
        """Comment id -> "comment by AUTHOR: text"."""
        if self._comments is None:
            self._comments = {}
            part = self._comments_part
            if part is not None and self.package.has(part):
                for comment in self.package.xml(part).iter(w("comment")):
                    author = comment.get(w("author")) or "someone"
                    text = _text_of(comment)
                    self._comments[comment.get(w("id")) or ""] = f"comment by {author}: {text}"
        return self._comments

    def units(self, part: str, root: etree._Element) -> list[Unit]:
        names, default = self.styles()
        dialect = WordDialect(names, self.comments())
        units: list[Unit] = []
        for element, place in _walk(root, _PLACES.get(root.tag)):
            if element.tag == P:
                style = _paragraph_style(element)
                label = names.get(style, style) if style else default
                context = f"{place}, {label}" if place else label
                units.append(Unit(element, dialect, context))
            else:
                for attribute, what in (("descr", "alt text"), ("title", "image title")):
                    if element.get(attribute):
                        units.append(Unit(element, AttributeDialect(attribute), what, kind=what))
        return units

    def tracked_changes(self, root: etree._Element) -> int:
        return sum(1 for _element in root.iter(*_CHANGES))

    def accept_changes(self, root: etree._Element) -> None:
        accept_word_changes(root)

    def finish(self, roots: dict[str, etree._Element], dirty: set[str]) -> None:
        """Text boxes with a VML fallback: the fallback becomes a copy of the translation."""
        for part in dirty:
            for alternate in roots[part].iter(_ALTERNATE):
                choice = alternate.find(_CHOICE)
                fallback = alternate.find(_FALLBACK)
                if choice is None or fallback is None:
                    continue
                new = list(choice.iter(_TXBX))
                old = list(fallback.iter(_TXBX))
                if len(new) != len(old):
                    continue
                for source, target in zip(new, old, strict=True):
                    for child in list(target):
                        target.remove(child)
                    for child in source:
                        target.append(copy.deepcopy(child))


def _walk(
    element: etree._Element, place: str | None
) -> Iterator[tuple[etree._Element, str | None]]:
    """Paragraphs and pictures in document order, with where they are; fallbacks skipped."""
    for child in element:
        tag = child.tag
        if tag == _FALLBACK or not isinstance(tag, str):
            continue
        here = place
        if tag in _NOTES:
            here = f"{_NOTES[tag]} {child.get(w('id'))}"
        elif tag in _PLACES:
            here = _PLACES[tag]
        if tag in (P, _DOCPR):
            yield child, here
        if len(child):
            yield from _walk(child, here)


def _paragraph_style(paragraph: etree._Element) -> str | None:
    properties = paragraph.find(PPR)
    if properties is None:
        return None
    style = properties.find(w("pStyle"))
    return None if style is None else style.get(w("val"))


def _natural(name: str) -> tuple[int, str]:
    digits = "".join(char for char in name if char.isdigit())
    return (int(digits) if digits else 0, name)


def accept_word_changes(root: etree._Element) -> None:
    """Accept every tracked change in a WordprocessingML part, in place."""
    for element in list(root.iter(w("del"), w("moveFrom"))):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag == w("trPr"):
            row = parent.getparent()
            table = None if row is None else row.getparent()
            if row is not None and table is not None:
                table.remove(row)
        else:
            parent.remove(element)
    for element in list(root.iter(w("ins"), w("moveTo"))):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag in (w("rPr"), w("trPr")):
            parent.remove(element)
            continue
        position = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(position + offset, child)
        parent.remove(element)
    for element in list(root.iter(*_MARKERS)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


class DocxFormat(OfficeFormat):
    """Word documents; macros in .docm files are kept as they are and never run."""

    name: ClassVar[str] = "docx"
    kind: ClassVar[str] = "Word"
    application: ClassVar[str] = "Word"

    def layout(self, package: Package) -> Layout:
        return DocxLayout(package)
