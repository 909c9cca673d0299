"""Open Packaging Conventions: an OOXML package's content types and relationships."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from workbench.formats.base import FormatError
from workbench.formats.office.package import Package
from workbench.formats.office.units import AttributeDialect, Unit

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship of a part: its id, type (last path segment) and target part or URL."""

    id: str
    type: str
    target: str
    external: bool


def content_types(package: Package) -> dict[str, str]:
    """Part name (without the leading /) -> content type, from the overrides."""
    root = package.xml("[Content_Types].xml")
    return {
        (override.get("PartName") or "").lstrip("/"): override.get("ContentType") or ""
        for override in root.iter(f"{_CT}Override")
    }


def part_of_type(package: Package, types: frozenset[str], kind: str) -> str:
    """The first part whose content type is one of types; FormatError when there is none."""
    for name, content_type in content_types(package).items():
        if content_type in types:
            return name
    raise FormatError(package.path, f"is not a {kind} file: its main part is missing")


def relationships_part(part: str) -> str:
    """The name of the part that holds a part's relationships."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def link_units(root: etree._Element) -> list[Unit]:
    """The addresses of a relationships part's external hyperlinks, as units."""
    return [
        Unit(element, AttributeDialect("Target"), "link address", kind="link address")
        for element in root.iter(f"{_RELS}Relationship")
        if element.get("TargetMode") == "External"
        and (element.get("Type") or "").endswith("/hyperlink")
    ]


def relationships(package: Package, part: str) -> list[Relationship]:
    """The part's relationships in file order, targets resolved to part names."""
    folder = posixpath.dirname(part)
    rels = relationships_part(part)
    if not package.has(rels):
        return []
    result = []
    for element in package.xml(rels).iter(f"{_RELS}Relationship"):
        target = element.get("Target") or ""
        external = element.get("TargetMode") == "External"
        if not external:
            target = resolve(folder, target)
        kind = (element.get("Type") or "").rpartition("/")[2]
        result.append(Relationship(element.get("Id") or "", kind, target, external))
    return result


def resolve(folder: str, target: str) -> str:
    """A relationship target as a part name: absolute (`/word/x.xml`) or relative to folder."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
