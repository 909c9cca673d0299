"""What every software-string format shares: reading into segments, pairing, languages, export.

A format class parses the decoded file into units (units.py) and says how values are
written (a Syntax). Reading settles the languages (given, else what the file says, else
detected), pairs an existing translation file given as `DocumentReadOptions.target_file`
(its values become targets, status translated; keys only it has are kept, see below) and
streams the segments. Export patches the changed values into the original.

Keys only the target file has are imported as segments that are not offered for
translation (`only_in_target`, `translate` no, the value as source and target) and are
written back into the export where the format can place them (`Parsed.insert`).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment, SegmentStatus, plain_text
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.languages import lang_option, source_language
from workbench.formats.strings.codec import Decoded, decode
from workbench.formats.strings.units import (
    Patch,
    Syntax,
    Unit,
    apply_patches,
    unique_keys,
    unit_patches,
    unit_segments,
)

Inserter = Callable[[str, str], Patch | None]
"""Where and how a key only the target file has goes back: (key, escaped value) -> patch."""


@dataclass(slots=True)
class Parsed:
    """A parsed string file: its units and what it says about itself."""

    units: list[Unit]
    source_lang: str | None = None
    """The language the file says it is in (Rails root key, ARB @@locale, catalog)."""
    target_lang: str | None = None
    properties: dict[str, str] = field(default_factory=dict)
    language_patches: Callable[[str], list[Patch]] | None = None
    """Patches that make the file say it is in the given language (a translated export)."""
    insert: Inserter | None = None


def appending(text: str, line: Callable[[str, str], str]) -> Inserter:
    """An inserter for flat files: each kept key as a line at the end, in the file's newline.

    line makes the line (without its newline) from the key and the escaped value.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    end = len(text)

    def insert(key: str, value: str) -> Patch:
        lead = "" if not text or text.endswith("\n") else newline
        return Patch(end, end, f"{lead}{line(key, value)}{newline}")

    return insert


class StringsFormat(ABC):
    """A software string format: read, paired with a translation, patched back on export."""

    name: ClassVar[str]

    def decode(self, data: bytes, path: Path, encoding: str | None = None) -> Decoded:
        """The file's text (formats/encoding.py's rules; encoding: the user's --encoding)."""
        return decode(data, path, encoding=encoding)

    @abstractmethod
    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        """The units of the file; FormatError with the line for bad input."""

    @abstractmethod
    def syntax(self, decoded: Decoded) -> Syntax:
        """How values are written into this file."""

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document and its segments (the file is parsed whole before returning)."""
        data = read_bytes(path, options.on_progress)
        decoded = self.decode(data, path, options.encoding)
        target_option = lang_option(path, options.target_lang)
        parsed = self.parse(decoded, path, target_option)
        unique_keys(parsed.units)
        source = lang_option(path, options.source_lang) or lang_option(path, parsed.source_lang)
        if source is None:
            source = path_language(path) or _detected(path, parsed.units)
        target = target_option or lang_option(path, parsed.target_lang)
        extra: list[Unit] = []
        if options.target_file is not None:
            target_parsed = self._read_target(options.target_file, target, options.encoding)
            target = target or lang_option(options.target_file, target_parsed.source_lang)
            target = target or path_language(options.target_file)
            extra = pair(parsed.units, target_parsed.units)
        properties = {"encoding": decoded.encoding, "bom": "yes" if decoded.bom else "no"}
        if options.encoding:
            properties["given_encoding"] = options.encoding
        if parsed.language_patches is not None:
            properties["language_patches"] = "yes"
        properties.update(parsed.properties)
        if extra:
            properties["only_in_target"] = str(len(extra))
        document = Document(path.name, self.name, source, target, original=data)
        document.properties = properties
        return document, _segments(parsed.units, extra, target)

    def _read_target(self, path: Path, target: str | None, encoding: str | None) -> Parsed:
        """The paired translation file, parsed the same way."""
        parsed = self.parse(self.decode(read_bytes(path), path, encoding), path, target)
        unique_keys(parsed.units)
        return parsed

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Patch the targets into the original (the original bytes when nothing changed)."""
        path.write_bytes(self.export(document, segments, path))

    def export(self, document: Document, segments: Iterable[Segment], path: Path) -> bytes:
        """The translated file's bytes."""
        if document.format != self.name or not document.original:
            message = f"a {document.format} document cannot be written as {self.name}"
            raise FormatError(path, f"{message}; export it to its own format")
        decoded = self.decode(document.original, path, document.properties.get("given_encoding"))
        listed = list(segments)
        patches, changed = unit_patches(listed, decoded.text, self.syntax(decoded), path)
        kept = [s for s in listed if s.structure.get("only_in_target") == "yes"]
        stated = document.properties.get("language_patches") == "yes"
        if (changed and stated) or kept:
            parsed = self.parse(decoded, path, document.target_lang)
            if changed and parsed.language_patches and document.target_lang:
                patches += parsed.language_patches(document.target_lang)
            patches += _insertions(kept, parsed, self.syntax(decoded), path)
        if not patches:
            return document.original
        text = apply_patches(decoded.text, patches, path)
        try:
            return decoded.encode(text)
        except UnicodeEncodeError as error:
            char = text[error.start]
            message = (
                f"the file's encoding {decoded.encoding} cannot hold {char!r} (U+{ord(char):04X})"
            )
            raise FormatError(path, message) from None


_TAG_LIKE = re.compile(r"[a-z]{2}(?:[_-][A-Za-z0-9]{2,8})*")
"""Two-letter languages only: three letters would take app.json or res/ for languages."""


def path_language(path: Path) -> str | None:
    """The language a string file's name or folder states: ko.json, intl_ko.arb, Bundle_ko,
    values-zh-rCN/strings.xml, ko.lproj/Localizable.strings, _locales/ja/messages.json."""
    stem = path.name.split(".")[0]
    parent = path.parent.name
    candidates = [stem, stem.partition("_")[2], stem.rpartition("_")[2]]
    if parent.endswith(".lproj"):
        candidates.append(parent.removesuffix(".lproj"))
    if parent.startswith("values-"):
        candidates.append(re.sub(r"-r([A-Z]{2})\b", r"-\1", parent.removeprefix("values-")))
    if path.parent.parent.name in ("_locales", "locales", "locale", "i18n", "lang"):
        candidates.append(parent)
    for candidate in candidates:
        if _TAG_LIKE.fullmatch(candidate):
            try:
                return normalize_lang(candidate)
            except UnknownLanguageError:
                continue
    return None


def _detected(path: Path, units: list[Unit]) -> str:
    """The source language detected from the values; FormatError when unsure."""
    texts = (plain_text(f.text) for u in units if u.translatable for f in u.forms)
    return source_language(path, None, texts)


def pair(units: list[Unit], translated: list[Unit]) -> list[Unit]:
    """Put the translation file's values on the source units; return the units only it has."""
    by_key = {unit.key: unit for unit in translated}
    for unit in units:
        other = by_key.pop(unit.key, None)
        if other is None or not unit.translatable:
            continue
        for form in other.forms:
            if form.text:
                unit.targets[form.name] = form
    return list(by_key.values())


def _segments(units: list[Unit], extra: list[Unit], target: str | None) -> Iterator[Segment]:
    """Every unit's segments in file order, then the target file's own keys."""
    for index, unit in enumerate(units):
        yield from unit_segments(unit, index, target)
    for offset, unit in enumerate(extra, len(units)):
        for segment in unit_segments(unit, offset, None):
            segment.target = segment.source
            segment.status = SegmentStatus.TRANSLATED
            segment.structure["translate"] = "no"
            segment.structure["only_in_target"] = "yes"
            segment.structure.pop("span", None)
            segment.structure.pop("group", None)
            segment.note = "Only in the target file (the source has no such key); kept on export."
            yield segment


def _insertions(kept: list[Segment], parsed: Parsed, syntax: Syntax, path: Path) -> list[Patch]:
    """Patches writing back the keys only the target file had, where the format can."""
    from workbench.formats.strings.units import render

    patches = []
    for segment in kept:
        if parsed.insert is None or "form" in segment.structure:
            continue
        patch = parsed.insert(
            segment.structure["key"], render(segment, segment.target, syntax, path)
        )
        if patch is not None:
            patches.append(patch)
    return patches
