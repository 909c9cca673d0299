"""OpenDocument text, spreadsheets and presentations (.odt, .ods, .odp, .ott).

Parts read: `content.xml`, then the headers and footers of `styles.xml`. Units: every
paragraph and heading (in tables, lists, frames, text boxes, notes and slides), and the
titles and descriptions of frames (alt text). Annotations (comments) are not translated:
they become the note of the segment they sit in (in a spreadsheet, of the cell's text).
Spreadsheet cells with a formula keep their cached result, and cells holding a number,
date, time or boolean their formatted value (LibreOffice shows the value, not the text). A segment's
context is the paragraph style (text), "Sheet!B3" (spreadsheets) or "slide N".

Tracked changes (`text:changed-region`) are refused with their count, or accepted:
insertions kept, deletions dropped, the change log removed. Password-protected (encrypted)
packages are refused.

Kept as they are: sheet and slide names, the document's metadata, master pages other
than headers and footers, embedded objects.
"""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from workbench.formats.base import FormatError
from workbench.formats.office.document import Layout, OfficeFormat
from workbench.formats.office.odftext import DRAW, OFFICE, STYLE, OdfDialect, SpanStyles, t
from workbench.formats.office.package import Package
from workbench.formats.office.units import AttributeDialect, ElementTextDialect, Unit, number

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_HREF = "{http://www.w3.org/1999/xlink}href"
_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "text",
    "application/vnd.oasis.opendocument.text-template": "text",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template": "spreadsheet",
    "application/vnd.oasis.opendocument.presentation": "presentation",
    "application/vnd.oasis.opendocument.presentation-template": "presentation",
}
_PARAGRAPHS = frozenset({t("p"), t("h")})
_ALT = {f"{{{_SVG}}}title": "title", f"{{{_SVG}}}desc": "alt text"}
_ANNOTATION = f"{{{OFFICE}}}annotation"
_SKIPPED = frozenset({_ANNOTATION, t("tracked-changes"), f"{{{OFFICE}}}forms"})
_HEADERS = {
    f"{{{STYLE}}}{name}": name.split("-")[0]
    for name in (
        "header",
        "footer",
        "header-left",
        "footer-left",
        "header-first",
        "footer-first",
    )
}
_CELL = f"{{{_TABLE}}}table-cell"
_ROW = f"{{{_TABLE}}}table-row"
_ROW_GROUPS = frozenset(
    f"{{{_TABLE}}}{name}" for name in ("table-header-rows", "table-rows", "table-row-group")
)


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _note_text(annotation: etree._Element) -> str:
    author = annotation.findtext("{http://purl.org/dc/elements/1.1/}creator") or "someone"
    lines = ["".join(str(text) for text in p.itertext()) for p in annotation.iter(t("p"))]
    return f"comment by {author}: " + "\n".join(line for line in lines if line.strip())


class OdfLayout(Layout):
    """Where an OpenDocument package keeps its text."""

    def __init__(self, package: Package) -> None:
        super().__init__(package)
        mimetype = (
            package.read("mimetype").decode("ascii", "replace").strip()
            if package.has("mimetype")
            else ""
        )
        self.kind = _MIMETYPES.get(mimetype)
        if self.kind is None:
            found = mimetype or "no mimetype"
            message = f"is not an OpenDocument text, spreadsheet or presentation ({found})"
            raise FormatError(package.path, message)
        if package.has("META-INF/manifest.xml"):
            manifest = package.xml("META-INF/manifest.xml")
            if next(manifest.iter(f"{{{_MANIFEST}}}encryption-data"), None) is not None:
                message = "is password-protected (encrypted): save it without a password first"
                raise FormatError(package.path, message)
        self._parts = [part for part in ("content.xml", "styles.xml") if package.has(part)]
        if "content.xml" not in self._parts:
            raise FormatError(package.path, "part content.xml is missing")
        self._styles: SpanStyles | None = None
        self._display: dict[str, str] | None = None

    @property
    def parts(self) -> list[str]:
        return self._parts

    def display_names(self) -> dict[str, str]:
        """Named style -> its display name."""
        if self._display is None:
            self._display = {}
            if self.package.has("styles.xml"):
                for style in self.package.xml("styles.xml").iter(f"{{{STYLE}}}style"):
                    name = style.get(f"{{{STYLE}}}name") or ""
                    shown = style.get(f"{{{STYLE}}}display-name") or name.replace("_20_", " ")
                    self._display[name] = shown
        return self._display

    def units(self, part: str, root: etree._Element) -> list[Unit]:
        styles = SpanStyles.of([root], self.display_names())
        walker = _Walker(self, root, styles)
        if part == "styles.xml":
            for element in root.iter(*_HEADERS):
                walker.walk(element, _HEADERS[str(element.tag)], None)
        else:
            for body in root.iter(f"{{{OFFICE}}}body"):
                walker.walk(body, None, None)
        return walker.units

    def tracked_changes(self, root: etree._Element) -> int:
        return sum(1 for _region in root.iter(t("changed-region")))

    def accept_changes(self, root: etree._Element) -> None:
        for log in list(root.iter(t("tracked-changes"))):
            _remove(log)
        for marker in list(root.iter(t("change"), t("change-start"), t("change-end"))):
            _remove(marker)


def _remove(element: etree._Element) -> None:
    """Remove element, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


class _Walker:
    """Collects a part's units in document order, with where each one is."""

    def __init__(self, layout: OdfLayout, root: etree._Element, styles: SpanStyles) -> None:
        self.layout = layout
        self.styles = styles
        self.units: list[Unit] = []
        # Keyed by the elements themselves: holding them keeps lxml's proxies (and so
        # their identity) alive until the units are read.
        self.notes: dict[etree._Element, str] = {
            annotation: _note_text(annotation) for annotation in root.iter(_ANNOTATION)
        }
        self.dialect = OdfDialect(styles, self.notes)
        self.automatic = {
            style.get(f"{{{STYLE}}}name") or "": style.get(f"{{{STYLE}}}parent-style-name") or ""
            for style in root.iter(f"{{{STYLE}}}style")
        }
        self.slide = 0
        self.row = 0

    def walk(self, element: etree._Element, place: str | None, cell_note: str | None) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            here, note = place, cell_note
            if tag == f"{{{_TABLE}}}table":
                self.walk_table(child, place)
                continue
            if tag == f"{{{DRAW}}}page":
                self.slide += 1
                here = f"slide {self.slide}"
            elif tag == f"{{{_PRESENTATION}}}notes":
                here = f"slide {self.slide} notes"
            elif tag == t("note"):
                here = child.get(t("note-class")) or "footnote"
            elif tag == f"{{{DRAW}}}text-box":
                here = "text box" if self.layout.kind == "text" else place
            if tag in _PARAGRAPHS:
                self.units.append(Unit(child, self.dialect, self.context(child, here), note))
                note = None
            elif tag == t("a") and self.layout.links and _external(child.get(_HREF)):
                self.units.append(
                    Unit(child, AttributeDialect(_HREF), "link address", kind="link address")
                )
            elif tag in _ALT and (child.text or "").strip() and not len(child):
                self.units.append(
                    Unit(child, ElementTextDialect(), f"{here or 'image'}, {_ALT[tag]}")
                )
                continue
            if len(child):
                self.walk(child, here, note)

    def context(self, paragraph: etree._Element, place: str | None) -> str | None:
        if self.layout.kind != "text":
            return place
        name = paragraph.get(t("style-name")) or ""
        name = self.automatic.get(name) or name
        style = self.layout.display_names().get(name, name.replace("_20_", " ")) or None
        return ", ".join(filter(None, [place, style])) or None

    def walk_table(self, table: etree._Element, place: str | None) -> None:
        """Cells with their address (spreadsheets); formula cells keep their results."""
        name = table.get(f"{{{_TABLE}}}name") or "table"
        self.row = 0
        self.walk_rows(table, name, place)

    def walk_rows(self, container: etree._Element, name: str, place: str | None) -> None:
        for row in container:
            if row.tag in _ROW_GROUPS:
                self.walk_rows(row, name, place)
            elif row.tag == _ROW:
                self.row += 1
                column = 0
                for cell in row:
                    if cell.tag == _CELL and _holds_text(cell):
                        self.walk_cell(cell, name, place, column)
                    column += number(cell.get(f"{{{_TABLE}}}number-columns-repeated"), 1)
                self.row += number(row.get(f"{{{_TABLE}}}number-rows-repeated"), 1) - 1

    def walk_cell(self, cell: etree._Element, name: str, place: str | None, column: int) -> None:
        if self.layout.kind == "spreadsheet":
            here = f"{name}!{_column_name(column)}{self.row}"
        else:
            here = ", ".join(filter(None, [place, "table"]))
        annotation = cell.find(_ANNOTATION)
        note = None if annotation is None else self.notes.get(annotation)
        row = self.row
        self.walk(cell, here, note)
        self.row = row


def _external(address: str | None) -> bool:
    """An address outside the document (not a bookmark or an object inside it)."""
    return bool(address) and not str(address).startswith(("#", "./", "../"))


def _holds_text(cell: etree._Element) -> bool:
    """A cell whose paragraphs are text: not a formula's result, not a formatted number."""
    kind = cell.get(f"{{{OFFICE}}}value-type") or "string"
    return kind == "string" and cell.get(f"{{{_TABLE}}}formula") is None


class OdfFormat(OfficeFormat):
    """OpenDocument text, spreadsheet and presentation files."""

    name: ClassVar[str] = "odf"
    kind: ClassVar[str] = "OpenDocument"
    application: ClassVar[str] = "LibreOffice"

    def layout(self, package: Package) -> Layout:
        return OdfLayout(package)
