"""Excel workbooks as documents (.xlsx, .xlsm, .xltx): sheet names and cell text.

Units, in the order a translator reads them: for each sheet, its name, then its cells row
by row: a shared string the first time a cell uses it (one segment however many cells
share it; strings no cell uses are left alone) and every inline string. Formulas and their
cached results, numbers, dates and booleans are not text and stay as they are. A cell's
comment becomes the note of its string; the context is "Sheet!B3".

A translated sheet name renames the sheet everywhere Excel refers to it by name: in
formulas, defined names and chart references (never inside string literals). A name Excel
would refuse (over 31 characters, one of `[]:*?/\\`, a duplicate) fails the export with a
message naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from lxml import etree

from workbench.formats.base import FormatError
from workbench.formats.office.document import Layout, OfficeFormat, UnitKey
from workbench.formats.office.opc import OFFICE_RELS, content_types, part_of_type, relationships
from workbench.formats.office.package import Package
from workbench.formats.office.sheetml import SheetStringDialect, s
from workbench.formats.office.units import AttributeDialect, Unit, number

_MAIN_TYPES = frozenset(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.spreadsheetml.sheet",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "ms-excel.template.macroEnabled",
    )
)
_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_CHART_F = "{http://schemas.openxmlformats.org/drawingml/2006/chart}f"
_SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_STRING_LITERAL = re.compile(r'("(?:[^"]|"")*")')
_QUOTED_REF = re.compile(r"'((?:[^']|'')+)'!")
_PLAIN_REF = re.compile(r"(?<![\w.'\]])([^\W\d][\w.]*)!")
_SIMPLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_LIKE_A_CELL = re.compile(r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*|TRUE|FALSE", re.IGNORECASE)


class XlsxLayout(Layout):
    """Where an Excel package keeps its text."""

    def __init__(self, package: Package) -> None:
        super().__init__(package)
        self.workbook = part_of_type(package, _MAIN_TYPES, "Excel")
        related = relationships(package, self.workbook)
        by_id = {r.id: r for r in related}
        self.strings = next(
            (r.target for r in related if r.type == "sharedStrings" and package.has(r.target)),
            None,
        )
        # (position among the sheets, name, part) of each worksheet, in workbook order
        self.sheets: list[tuple[int, str, str]] = []
        for position, sheet in enumerate(package.xml(self.workbook).iter(s("sheet"))):
            relation = by_id.get(sheet.get(f"{{{OFFICE_RELS}}}id") or "")
            if (
                relation is not None
                and relation.type == "worksheet"
                and package.has(relation.target)
            ):
                self.sheets.append((position, sheet.get("name") or "", relation.target))
        self._parts = [self.workbook, *filter(None, [self.strings])]
        self._parts += [part for _position, _name, part in self.sheets]
        self._roots: dict[str, etree._Element] = {}

    @property
    def parts(self) -> list[str]:
        return self._parts

    def units(self, part: str, root: etree._Element) -> list[Unit]:
        self._roots[part] = root
        if part == self.workbook:
            return [
                Unit(sheet, AttributeDialect("name"), "sheet name", kind="sheet name")
                for sheet in root.iter(s("sheet"))
            ]
        dialect = SheetStringDialect()
        if part == self.strings:
            return [Unit(element, dialect) for element in root.iter(s("si"))]
        return [Unit(element, dialect) for element in root.iter(s("is"))]

    def order(self, units: dict[str, list[Unit]]) -> Iterator[UnitKey]:
        """Sheet by sheet: its name, then its strings in cell order; contexts set on the way."""
        seen: set[int] = set()
        names = units.get(self.workbook, [])
        for position, name, part in self.sheets:
            if position < len(names):
                yield self.workbook, position
            comments = self._comments(part)
            inline = 0
            for cell in self._roots[part].iter(s("c")):
                kind = cell.get("t")
                reference = cell.get("r") or ""
                place = f"{name}!{reference}"
                note = comments.get(reference)
                if kind == "s" and self.strings is not None:
                    index = _shared_index(cell)
                    shared = units.get(self.strings, [])
                    if index is None or index >= len(shared):
                        continue
                    unit = shared[index]
                    if index not in seen:
                        seen.add(index)
                        unit.context, unit.note = place, note
                        yield self.strings, index
                    elif note:
                        unit.note = "\n".join(filter(None, [unit.note, f"{place}: {note}"]))
                elif kind == "inlineStr" and cell.find(s("is")) is not None:
                    if inline >= len(units[part]):
                        continue
                    unit = units[part][inline]
                    unit.context, unit.note = place, note
                    yield part, inline
                    inline += 1

    def _comments(self, sheet: str) -> dict[str, str]:
        """Cell reference -> "comment by AUTHOR: text" of the sheet's comments."""
        result: dict[str, str] = {}
        for relation in relationships(self.package, sheet):
            if relation.type != "comments" or not self.package.has(relation.target):
                continue
            root = self.package.xml(relation.target)
            authors = [author.text or "" for author in root.iter(s("author"))]
            for comment in root.iter(s("comment")):
                author_index = number(comment.get("authorId"), 0)
                author = authors[author_index] if author_index < len(authors) else "someone"
                text = "".join(t.text or "" for t in comment.iter(s("t"))).strip()
                result[comment.get("ref") or ""] = f"comment by {author}: {text}"
        return result

    def finish(self, roots: dict[str, etree._Element], dirty: set[str]) -> None:
        """Renamed sheets: checked, then renamed in formulas, defined names and charts."""
        if self.workbook not in dirty:
            return
        old = [
            sheet.get("name") or "" for sheet in self.package.xml(self.workbook).iter(s("sheet"))
        ]
        new = [sheet.get("name") or "" for sheet in roots[self.workbook].iter(s("sheet"))]
        renames = {a: b for a, b in zip(old, new, strict=True) if a != b}
        if not renames:
            return
        _check_sheet_names(self.package, new, renames)
        for name in roots[self.workbook].iter(s("definedName")):
            name.text = rename_in_formula(name.text or "", renames)
        for _position, _name, part in self.sheets:
            root = roots.get(part)
            if root is None:
                root = roots[part] = self.package.xml(part)
            if _rename_all(root.iter(s("f")), renames):
                dirty.add(part)
        for part, content_type in content_types(self.package).items():
            if content_type == _CHART_TYPE and self.package.has(part):
                root = roots.get(part)
                if root is None:
                    root = roots[part] = self.package.xml(part)
                if _rename_all(root.iter(_CHART_F), renames):
                    dirty.add(part)


def _shared_index(cell: etree._Element) -> int | None:
    value = cell.find(s("v"))
    text = "" if value is None else (value.text or "").strip()
    return int(text) if text.isdigit() else None


def _rename_all(elements: Iterator[etree._Element], renames: dict[str, str]) -> bool:
    changed = False
    for element in elements:
        if element.text:
            renamed = rename_in_formula(element.text, renames)
            if renamed != element.text:
                element.text = renamed
                changed = True
    return changed


def _check_sheet_names(package: Package, names: list[str], renames: dict[str, str]) -> None:
    """FormatError for a translated sheet name Excel would refuse."""
    seen: set[str] = set()
    for name in names:
        reason = None
        if not name.strip():
            reason = "is empty"
        elif len(name) > _SHEET_NAME_LIMIT:
            reason = f"is longer than {_SHEET_NAME_LIMIT} characters"
        elif _FORBIDDEN.search(name):
            reason = "has one of [ ] : * ? / \\"
        elif name.startswith("'") or name.endswith("'"):
            reason = "begins or ends with an apostrophe"
        elif name.casefold() in seen:
            reason = "is the name of another sheet"
        seen.add(name.casefold())
        if reason and name in renames.values():
            raise FormatError(
                package.path, f"the translated sheet name {name!r} {reason}: change its translation"
            )


def rename_in_formula(formula: str, renames: dict[str, str]) -> str:
    """The formula with references to renamed sheets renamed; string literals untouched."""
    pieces = _STRING_LITERAL.split(formula)
    for position in range(0, len(pieces), 2):  # even pieces are outside string literals
        piece = _QUOTED_REF.sub(
            lambda m: _reference(m.group(1).replace("''", "'"), m.group(0), renames),
            pieces[position],
        )
        pieces[position] = _PLAIN_REF.sub(
            lambda m: _reference(m.group(1), m.group(0), renames), piece
        )
    return "".join(pieces)


def _reference(name: str, original: str, renames: dict[str, str]) -> str:
    new = renames.get(name)
    if new is None:
        return original
    if _SIMPLE_NAME.fullmatch(new) and not _LIKE_A_CELL.fullmatch(new):
        return f"{new}!"
    return "'" + new.replace("'", "''") + "'!"


class XlsxDocumentFormat(OfficeFormat):
    """Excel workbooks as documents; macros in .xlsm files are kept as they are, never run."""

    name: ClassVar[str] = "xlsx"
    kind: ClassVar[str] = "Excel"
    application: ClassVar[str] = "Excel"

    def layout(self, package: Package) -> Layout:
        return XlsxLayout(package)
