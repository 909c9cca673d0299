"""XLIFF documents: 1.2 (with 1.0/1.1 and Trados .sdlxliff) and 2.x, read and written back.

Reading streams: units are parsed as they end and freed, so memory stays flat on big files;
the whole file is kept as `Document.original`. The file's version decides how it is read
(and `Document.format`: "xliff" or "xliff2"), whichever of the two formats is asked.

Segments: one per <trans-unit>, or per <mrk mtype="seg"> of its <seg-source> (1.2); one per
<segment> (2.x; <ignorable>s stay in the file). `Segment.structure` keys: `file` and `unit`
(0-based indexes of the <file> and of the unit in the document: export finds the unit by
them, as ids may be missing or repeated), `segment` (index within a segmented unit), `mid`
(1.2 segment mark), `segment_id` and `substate` (2.x), `translate` ("no": kept, not offered
for translation), `alt_target`, `alt_source`, `alt_quality`, `alt_origin` (the best
<alt-trans> or <mtc:match> in the target language), `glossary` (2.x <gls:glossEntry>s, a
JSON list of {term, translations, definition}), `fingerprint` (of the target and status as
read: export leaves units whose segments still match it untouched).

Statuses both ways follow `formats/statuses.py` (XLIFF 1.2 state + approved, 2.x state +
subState, Trados conf, memoQ mq:status); one 1.2 <target> holds one state, so the segments
of a segmented unit are written with the least advanced of theirs (Trados keeps each in
sdl:seg conf).

Export patches the original: changed targets and states only, every other byte of the tree
kept (encoding, BOM, line ends, prolog); no change gives the original bytes. A document
from another format becomes a new file with one unit per segment, each code written as
native data (1.2 bpt/ept/ph holding its markup, equiv-text its label; 2.x sc/ec/ph with the
markup in <originalData>, disp its label).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import ClassVar, cast

from lxml import etree

from workbench.domain.document import Document, Segment
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.formats.base import DocumentReadOptions, FormatError, open_counted
from workbench.formats.xliff.codes import qualify, split_tag
from workbench.formats.xliff.dialects import Dialect, Xliff20, dialect_of
from workbench.formats.xliff.export import write_xliff
from workbench.formats.xliff.units import UnitPlace, UnitReader
from workbench.formats.xml_safety import (
    check_prolog,
    element_line,
    has_doctype,
    pull_parser,
    release,
    syntax_error,
)

_READ_CHUNK = 1 << 16
_XLIFF_PREFIX = "urn:oasis:names:tc:xliff:document:"
_FORMAT_NAMES = {1: "xliff", 2: "xliff2"}


class Xliff12Format:
    """XLIFF 1.2 (and 1.0, 1.1, Trados .sdlxliff): read, patched back on export, or built new."""

    name: ClassVar[str] = "xliff"

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document's header and its segments, streamed; FormatError for bad input."""
        return read_xliff(path, options)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Patch the targets into the original; a document from elsewhere becomes new XLIFF 1.2."""
        write_xliff(document, segments, path, 1)


class SdlXliffFormat(Xliff12Format):
    """Trados Studio's XLIFF 1.2 dialect (.sdlxliff); see dialects.py."""

    name: ClassVar[str] = "sdlxliff"


class MqXliffFormat(Xliff12Format):
    """memoQ's XLIFF 1.2 dialect (.mqxliff); see dialects.py."""

    name: ClassVar[str] = "mqxliff"


class Xliff2Format:
    """XLIFF 2.0 and 2.1: read, patched back on export, or built new as XLIFF 2.1."""

    name: ClassVar[str] = "xliff2"

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document's header and its segments, streamed; FormatError for bad input."""
        return read_xliff(path, options)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Patch the targets into the original; a document from elsewhere becomes new XLIFF 2.1."""
        write_xliff(document, segments, path, 2)


def read_xliff(path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
    """Read the header now and return it with a stream of the segments.

    The file's version decides how it is read and the document's format ("xliff" for 1.x,
    "xliff2" for 2.x), whichever of the two XLIFF formats was asked to read it.
    """
    with _format_errors(path):
        data = _read_bytes(path, options)
    return read_xliff_data(path, data, options)


def read_xliff_data(
    path: Path, data: bytes, options: DocumentReadOptions
) -> tuple[Document, Iterator[Segment]]:
    """read_xliff of a file's bytes already read (a member of a package, named by path)."""
    with _format_errors(path):
        stream = _XliffStream(path, data)
        document = stream.header(options)
    return document, _guarded(path, stream.segments(document.target_lang))


@contextmanager
def _format_errors(path: Path) -> Iterator[None]:
    """Turn parser, I/O and decoding errors into FormatError naming the file."""
    try:
        yield
    except etree.XMLSyntaxError as error:
        raise syntax_error(path, error) from error
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from error
    except (UnicodeError, LookupError, ValueError, etree.LxmlError) as error:
        raise FormatError(path, str(error)) from error


def _guarded(path: Path, segments: Iterator[Segment]) -> Iterator[Segment]:
    """The segment stream, its errors turned into FormatError too."""
    with _format_errors(path):
        yield from segments


def _read_bytes(path: Path, options: DocumentReadOptions) -> bytes:
    """The whole file (it becomes Document.original), reporting progress as it is read."""
    with open_counted(path, options.on_progress) as file:
        return file.read()


class _XliffStream:
    """One pass over an XLIFF file: the header first, then units as they end."""

    def __init__(self, path: Path, data: bytes) -> None:
        self._path = path
        self._data = data
        root = check_prolog(path, io.BytesIO(data), frozenset({"xliff"}), "<xliff>")
        self._root_version = root.get("version")
        self._has_doctype = has_doctype(root)
        self._root_languages = (root.get("srcLang"), root.get("trgLang"), element_line(root))
        self._namespace = split_tag(str(root.tag))[0]
        # The file's own version wins over the format asked for (a sniffer can be fooled).
        self._version = version = _version_of(path, root, self._namespace)
        self._file_tag = qualify(self._namespace, "file")
        self._unit_tag = qualify(self._namespace, "trans-unit" if version == 1 else "unit")
        containers = ("file", "group", "bin-unit") if version == 1 else ("file", "group")
        self._containers = frozenset(qualify(self._namespace, name) for name in containers)
        self._events = self._parse()
        self._pending: list[tuple[str, etree._Element]] = []
        self._dialect = Dialect()

    def _parse(self) -> Iterator[tuple[str, etree._Element]]:
        """Start and end events of files, groups and units, parsed chunk by chunk."""
        tags = (*self._containers, self._unit_tag)
        parser = pull_parser(("start", "end"), tags)
        view = memoryview(self._data)
        for offset in range(0, len(view), _READ_CHUNK):
            parser.feed(bytes(view[offset : offset + _READ_CHUNK]))
            yield from cast(Iterator[tuple[str, etree._Element]], parser.read_events())
        parser.close()
        yield from cast(Iterator[tuple[str, etree._Element]], parser.read_events())

    def header(self, options: DocumentReadOptions) -> Document:
        """Parse up to the first <file>, which (1.2) names the languages."""
        for event, element in self._events:
            self._pending.append((event, element))
            if event == "start" and element.tag == self._file_tag:
                break
        else:
            raise FormatError(self._path, "the document has no <file>: nothing to translate")
        if self._version == 1:
            source = element.get("source-language")
            target = element.get("target-language")
            line = element_line(element)
            root = element.getparent()
            if root is not None:
                self._dialect = dialect_of(root)
        else:
            self._dialect = Xliff20()
            source, target, line = self._root_languages
        version = self._root_version or ("1.2" if self._version == 1 else "2.0")
        return Document(
            name=self._path.name,
            format=self._dialect.name if self._version == 1 else _FORMAT_NAMES[2],
            source_lang=self._language(options.source_lang or source, line, "source"),
            target_lang=(
                self._language(options.target_lang or target, line, "target")
                if (options.target_lang or target)
                else None
            ),
            original=self._data,
            properties={"xliff_version": version},
        )

    def _language(self, tag: str | None, line: int | None, which: str) -> str:
        """A normalised language tag, or a FormatError naming the line that gave it."""
        if not tag:
            message = f"the file names no {which} language; give --{which}-lang"
            raise FormatError(self._path, message, line)
        try:
            return normalize_lang(tag)
        except UnknownLanguageError as error:
            raise FormatError(self._path, str(error), line) from error

    def segments(self, target_lang: str | None) -> Iterator[Segment]:
        """Every unit's segments in document order; each unit is freed once read."""
        reader = UnitReader(
            self._path,
            self._version,
            self._namespace,
            target_lang,
            self._has_doctype,
            self._dialect,
        )
        translate = ["yes"]
        file_index, ordinal = -1, 0
        ids = _UnitIds()
        for event, element in chain(self._pending, self._events):
            if element.tag == self._unit_tag:
                if event == "end":
                    own = element.get("translate") or translate[-1]
                    unit_id = ids.make(element.get("id"), file_index)
                    place = UnitPlace(file_index, ordinal, unit_id, own != "no")
                    ordinal += 1
                    yield from reader.read(element, place)
                    release(element)
            elif event == "start":
                if element.tag == self._file_tag:
                    file_index += 1
                translate.append(element.get("translate") or translate[-1])
            else:
                translate.pop()
                release(element)


class _UnitIds:
    """Unit ids unique in the document: a repeated id gets its file's number after an @."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._next: dict[str, int] = {}  # where counting resumes for a repeated base

    def make(self, raw: str | None, file_index: int) -> str | None:
        if not raw:
            return None
        candidate = raw
        if candidate in self._seen:
            base = f"{raw}@{file_index + 1}"
            candidate = base
            number = self._next.get(base, 1)
            while candidate in self._seen:
                number += 1
                candidate = f"{base}.{number}"
            self._next[base] = number
        self._seen.add(candidate)
        return candidate


def _version_of(path: Path, root: etree._Element, namespace: str) -> int:
    """1 for XLIFF 1.x (with or without its namespace), 2 for 2.x."""
    if namespace.startswith(_XLIFF_PREFIX):
        return 2 if namespace[len(_XLIFF_PREFIX) :].startswith("2") else 1
    if namespace:
        message = f"<xliff> is in namespace {namespace!r}, which is not XLIFF's"
        raise FormatError(path, message, element_line(root))
    return 2 if (root.get("version") or "").startswith("2") else 1
