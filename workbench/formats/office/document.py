"""What every office format shares: reading units into segments, patching them on export.

A format gives a `Layout` for a package: its translatable parts in reading order, the
units of a parsed part in a fixed order, its tracked changes. Reading parses every
translatable part before returning (a malformed part is refused before anything is
imported), detects the language unless given, and streams the segments. Each segment's
`structure` holds `part` and `unit` (the unit's index in the part's list), `paragraph`
(the unit's number in the document), `sentence`, and the whitespace `before`/`after`.

Export opens the stored original, re-parses only the parts with a changed segment (a
target neither empty nor equal to its source), rewrites only the changed units, and copies
every other entry as it was: a document exported untouched is the original file, byte for
byte. With `accept_changes` (stored in the document's properties) tracked changes are
accepted in every translatable part, on import and again on export.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from lxml import etree

from workbench.domain.document import Document, Segment, plain_text
from workbench.domain.limits import Limits
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.languages import lang_option, source_language
from workbench.formats.office.inline import Coded, flatten, unflatten
from workbench.formats.office.opc import link_units, relationships_part
from workbench.formats.office.package import Package, rewrite, serialise_part
from workbench.formats.office.segments import has_text, paragraph_segments, translated_text
from workbench.formats.office.units import Unit, protect_private_use

UnitKey = tuple[str, int]


class Layout(ABC):
    """Where a package keeps its text: parts, units, tracked changes."""

    links = False
    """Offer the addresses of external hyperlinks for translation too (set by the format)."""

    def __init__(self, package: Package) -> None:
        self.package = package

    @property
    @abstractmethod
    def parts(self) -> list[str]:
        """The translatable parts, in reading order."""

    @abstractmethod
    def units(self, part: str, root: etree._Element) -> list[Unit]:
        """The part's units in a fixed order (export finds unit n again by it)."""

    def order(self, units: dict[str, list[Unit]]) -> Iterator[UnitKey]:
        """The units in the order a translator reads them: part by part by default."""
        for part in self.parts:
            for index in range(len(units.get(part, []))):
                yield part, index

    def link_parts(self) -> list[str]:
        """The parts holding link addresses to translate: OOXML keeps them in relationships."""
        if not self.links:
            return []
        found = (relationships_part(part) for part in self.parts)
        return [part for part in found if self.package.has(part)]

    def tracked_changes(self, root: etree._Element) -> int:
        """How many tracked changes the part holds."""
        return 0

    def accept_changes(self, root: etree._Element) -> None:
        """Accept the part's tracked changes in place."""
        return None

    def finish(self, roots: dict[str, etree._Element], dirty: set[str]) -> None:
        """After units were patched: follow-up changes in other parts (a renamed sheet)."""
        return None


def _units(layout: Layout, part: str, root: etree._Element) -> list[Unit]:
    """A part's units: a relationships part's are its external hyperlinks' addresses."""
    if part.endswith(".rels"):
        return link_units(root)
    return layout.units(part, root)


def coded_unit(unit: Unit) -> Coded:
    """A unit's inline content as coded text."""
    nodes = protect_private_use(unit.dialect.parse(unit.element))
    return flatten(nodes, unit.dialect.describe)


class OfficeFormat(ABC):
    """An office document format: read through a Layout, written back by patching."""

    name: ClassVar[str]
    kind: ClassVar[str]
    """What the file is called in messages: Word, PowerPoint, Excel, OpenDocument."""
    application: ClassVar[str]
    """The application that accepts or rejects tracked changes."""

    @abstractmethod
    def layout(self, package: Package) -> Layout:
        """The layout of this package (FormatError when it is not one of ours)."""

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """Parse every translatable part now; segments follow as they are asked for."""
        data = read_bytes(path, options.on_progress)
        accept = options.accept_changes
        with Package.of_file(path, options.limits, self.kind) as package:
            layout = self.layout(package)
            layout.links = options.translate_urls
            roots = self._roots(package, layout, accept)
            units = {part: _units(layout, part, root) for part, root in roots.items()}
            keys = list(layout.order(units))
            keys += [(p, i) for p in layout.link_parts() for i in range(len(units[p]))]
        coded = {key: coded_unit(units[key[0]][key[1]]) for key in keys}
        if not any(has_text(c) for c in coded.values()):
            raise FormatError(path, "no text to translate")
        texts = (plain_text(c.text) for c in coded.values() if has_text(c))
        source = source_language(path, options.source_lang, texts)
        target = lang_option(path, options.target_lang)
        properties = {
            "accept_changes": "yes" if accept else "no",
            "translate_urls": "yes" if options.translate_urls else "no",
        }
        document = Document(
            path.name, self.name, source, target, original=data, properties=properties
        )
        return document, self._segments(keys, units, coded, source)

    def _roots(self, package: Package, layout: Layout, accept: bool) -> dict[str, etree._Element]:
        """The translatable parts parsed, tracked changes counted and accepted or refused."""
        roots = {}
        count = 0
        for part in layout.parts + layout.link_parts():
            root = package.xml(part)
            changes = layout.tracked_changes(root)
            if changes and accept:
                layout.accept_changes(root)
            count += changes
            roots[part] = root
        if count and not accept:
            plural = "s" if count != 1 else ""
            raise FormatError(
                package.path,
                f"has {count} tracked change{plural} (insertions, deletions, format changes): "
                f"accept or reject them in {self.application} first, or import with "
                "--accept-changes",
            )
        return roots

    @staticmethod
    def _segments(
        keys: list[UnitKey], units: dict[str, list[Unit]], coded: dict[UnitKey, Coded], lang: str
    ) -> Iterator[Segment]:
        number = 0
        waiting: str | None = None  # the note of a unit without text goes to the next one
        for part, index in keys:
            paragraph = coded[(part, index)]
            unit = units[part][index]
            note = "\n".join(filter(None, [waiting, unit.note])) or None
            if not has_text(paragraph):
                waiting = note
                continue
            waiting = None
            structure = {
                "part": part,
                "unit": str(index),
                "paragraph": str(number),
                "kind": unit.kind,
            }
            number += 1
            unit_id = f"{part}:{index + 1}"
            yield from paragraph_segments(paragraph, lang, unit_id, structure, unit.context, note)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """The original package with the changed units rewritten; untouched, the original."""
        if document.format != self.name or not document.original:
            raise FormatError(
                path,
                f"a {self.kind} file can only be written for a document imported from one "
                f"({document.name} is {document.format}): choose another extension",
            )
        path.write_bytes(self.patched(document, segments, path))

    def patched(self, document: Document, segments: Iterable[Segment], path: Path) -> bytes:
        """The bytes of the translated package."""
        changed = _changed_units(segments, path)
        accept = document.properties.get("accept_changes") == "yes"
        with Package.of_bytes(Path(document.name), document.original, Limits()) as package:
            layout = self.layout(package)
            layout.links = document.properties.get("translate_urls") == "yes"
            parts = layout.parts + layout.link_parts()
            roots: dict[str, etree._Element] = {}
            dirty: set[str] = set()
            for part in parts:
                indexes = changed.get(part, {})
                if not indexes and not accept:
                    continue
                root = package.xml(part)
                roots[part] = root
                if accept and layout.tracked_changes(root):
                    layout.accept_changes(root)
                    dirty.add(part)
                if indexes:
                    self._patch(path, part, _units(layout, part, root), indexes)
                    dirty.add(part)
            unknown = set(changed) - set(parts)
            if unknown:
                message = f"segments name part {sorted(unknown)[0]}, which is not here"
                raise FormatError(path, message)
            layout.finish(roots, dirty)
            if not dirty:
                return document.original
            replaced = {part: serialise_part(roots[part], package.read(part)) for part in dirty}
        return rewrite(document.original, replaced)

    @staticmethod
    def _patch(path: Path, part: str, units: list[Unit], indexes: dict[int, list[Segment]]) -> None:
        for index, segments in sorted(indexes.items()):
            if index >= len(units):
                raise FormatError(path, f"{part}: unit {index + 1} is not in the original")
            unit = units[index]
            coded = coded_unit(unit)
            where = f"{part} unit {index + 1}"
            text = translated_text(coded, segments, path, where)
            unit.dialect.write(unit.element, unflatten(text, coded))


def _changed_units(segments: Iterable[Segment], path: Path) -> dict[str, dict[int, list[Segment]]]:
    """The segments of every unit with a target that is neither empty nor its source."""
    units: dict[UnitKey, list[Segment]] = {}
    changed: set[UnitKey] = set()
    for segment in segments:
        part = segment.structure.get("part")
        unit = segment.structure.get("unit", "")
        if not part or not unit.isdigit():
            message = f"segment {segment.unit_id or segment.position} has no place in the original"
            raise FormatError(path, message)
        key = (part, int(unit))
        units.setdefault(key, []).append(segment)
        if segment.target and segment.target != segment.source:
            changed.add(key)
    result: dict[str, dict[int, list[Segment]]] = {}
    for part, index in changed:
        result.setdefault(part, {})[index] = units[(part, index)]
    return result
