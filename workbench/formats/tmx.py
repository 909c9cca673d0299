"""TMX translation memories: reads TMX 1.1 to 1.4b, writes TMX 1.4b.

Reading streams the file (one <tu> in memory at a time) and yields one unit per pair of
languages in a <tu>: from the source language (the tu's srclang, else the header's) to each
other language; with srclang `*all*` every language is a source in turn. Inline elements
become inline codes whose markup is the element as TMX (bpt, ept, ph, it, ut with their native
code and any <sub>; <hi> and unknown elements as a start and an end code around their text).

What the reader does with files that are well-formed but break TMX's rules:
- a <tu> with no <tuv> in its source language is skipped and counted in the TmxReport (a
  tuv in a regional variant of a bare srclang, en-GB for en, stands in for it when it is the
  only one); so is a <tuv> without <seg>;
- an <ept> with no <bpt> of the same i before it, a <bpt> whose i repeats or that no <ept>
  closes, are imported as isolated codes (standalone, markup kept as it was) and counted;
  the writer turns such codes into <it>, which is what TMX has for them.
Unsafe XML (a DTD that declares entities, entity references) and malformed XML are refused
with a FormatError naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Literal, cast

from lxml import etree

from workbench import __version__
from workbench.domain.controls import ControlPolicy
from workbench.domain.document import (
    CODE_BASE,
    MAX_CODES,
    CodeKind,
    InlineCode,
    code_char,
    code_index,
)
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.limits import Limits
from workbench.domain.memory import TmUnit, TmUnitData, context_key
from workbench.formats.base import FormatError, ProgressCallback, ReadReport, write_atomically
from workbench.formats.guard import checked_units
from workbench.formats.xml_safety import (
    check_prolog,
    element_line,
    entity_error,
    escape_attribute,
    escape_text,
    local_name,
    parsed_elements,
    pull_parser,
    release,
    syntax_error,
    tree_parser,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALL_LANGUAGES = "*all*"
ORIGIN_PROP = "x-origin"
"""The <prop> type the writer keeps a unit's origin in."""
CONTEXT_PROP = "x-context"
"""The <prop> type the writer keeps a unit's context key in."""
# Props that other tools use for the segments around a unit (OmegaT: prev/next).
_PREVIOUS_PROPS = frozenset({"prev", "x-prev", "x-context-pre"})
_NEXT_PROPS = frozenset({"next", "x-next", "x-context-post"})

_MAX_WARNINGS = 100  # the report keeps the first warnings; the counts cover them all
_TMX_DATE = "%Y%m%dT%H%M%SZ"
# Elements that stand for one native code each (their content is that code, as text).
_NATIVE = frozenset({"bpt", "ept", "ph", "it", "ut"})
# What TMX 1.4b allows inline: attributes and children (a writer check, from tmx14.dtd).
_INLINE_RULES: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    # name: (attributes, required attributes, child elements)
    "bpt": (frozenset({"i", "x", "type"}), frozenset({"i"}), frozenset({"sub"})),
    "ept": (frozenset({"i"}), frozenset({"i"}), frozenset({"sub"})),
    "it": (frozenset({"pos", "x", "type"}), frozenset({"pos"}), frozenset({"sub"})),
    "ph": (frozenset({"x", "assoc", "type"}), frozenset(), frozenset({"sub"})),
    "ut": (frozenset({"x"}), frozenset(), frozenset({"sub"})),
    "sub": (
        frozenset({"datatype", "type"}),
        frozenset(),
        frozenset({"bpt", "ept", "it", "ph", "hi", "ut"}),
    ),
    "hi": (
        frozenset({"x", "type"}),
        frozenset(),
        frozenset({"bpt", "ept", "it", "ph", "hi", "ut"}),
    ),
}
_HI_START = re.compile(r'<hi(?: (?:x|type)="[^"<]*")*>')
_HI_END = "</hi>"
_PRIVATE = "private-use"
"""The element of a code standing for a private-use character of the text, as in text.py."""
_PRIVATE_USE = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]")
_MarkupKind = Literal["native", "hi-start", "hi-end", "other"]


@dataclass(slots=True)
class TmxReport(ReadReport):
    """What reading a TMX file noticed without refusing it."""

    tus: int = 0
    units: int = 0
    skipped_tus: int = 0
    """<tu> elements left out: no <tuv> in the source language, or none in another one."""
    skipped_tuvs: int = 0
    """<tuv> elements left out for having no <seg>."""
    isolated_codes: int = 0
    """<bpt>/<ept> without their partner, imported as isolated codes."""
    warnings: list[str] = field(default_factory=list)
    """The first warnings, each starting with the line it is about."""

    def warn(self, line: int | None, message: str) -> None:
        """Record a warning (the first ones are kept in full)."""
        if len(self.warnings) < _MAX_WARNINGS:
            self.warnings.append(f"line {line}: {message}" if line else message)


def read_tmx(
    path: Path,
    on_progress: ProgressCallback | None = None,
    *,
    report: TmxReport | None = None,
    limits: Limits | None = None,
    controls: ControlPolicy = ControlPolicy.STRIP,
) -> Iterator[TmUnitData]:
    """Yield the units of a TMX file one by one; FormatError for bad or unsafe input.

    Units are held to the limits and control characters stripped (counted in report) or
    refused, as formats.guard does for every reader.
    """
    report = report if report is not None else TmxReport()
    try:
        with path.open("rb") as file:
            check_prolog(path, file, frozenset({"tmx"}), "<tmx>")
        units = _read_units(path, on_progress, report)
        yield from checked_units(path, units, limits or Limits(), controls, report)
    except etree.XMLSyntaxError as error:
        raise syntax_error(path, error) from error
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from error
    except (UnicodeError, LookupError, ValueError) as error:
        raise FormatError(path, str(error)) from error


def write_tmx(units: Iterable[TmUnitData], path: Path, source_lang: str) -> int:
    """Write units as TMX 1.4b (source_lang in the header) and return how many were written."""

    def write(temporary: Path) -> int:
        with temporary.open("wb") as file:
            return _write_document(file, units, source_lang)

    return write_atomically(path, write)


# Reading


def _read_units(
    path: Path, on_progress: ProgressCallback | None, report: TmxReport
) -> Iterator[TmUnitData]:
    """Parse the file in chunks, turning each <tu> into units as soon as it ends."""
    reader = _TuReader(path, report)
    parser = pull_parser(("end",), ("{*}header", "{*}tu"))
    for element in parsed_elements(path, on_progress, parser):
        if local_name(element) == "header":
            reader.header(element)
        else:
            yield from reader.units(element)
        release(element)


@dataclass(slots=True)
class _Tuv:
    """One language version of a tu: its text, codes and details."""

    lang: str
    text: str
    codes: list[InlineCode]
    attributes: dict[str, str]
    notes: list[str]
    props: list[tuple[str, str]]


class _TuReader:
    """Turns <tu> elements into units, knowing the header's source language."""

    def __init__(self, path: Path, report: TmxReport) -> None:
        self._path = path
        self._report = report
        self._srclang = ALL_LANGUAGES
        self._origin = path.name

    def header(self, header: etree._Element) -> None:
        """Take the file's source language from the header."""
        srclang = header.get("srclang")
        if srclang and srclang.strip().lower() != ALL_LANGUAGES:
            self._srclang = self._lang(header, srclang)

    def units(self, tu: etree._Element) -> Iterator[TmUnitData]:
        """The units of one tu: source tuv to each tuv of another language."""
        report = self._report
        report.tus += 1
        notes, props, tuvs = self._parts(tu)
        srclang = tu.get("srclang")
        srclang = self._srclang if not srclang else self._tu_srclang(tu, srclang)
        sources = tuvs if srclang == ALL_LANGUAGES else _source_tuvs(tuvs, srclang)
        if not sources:
            self._skip(tu, f"has no <tuv> in the source language {srclang}")
            return
        if len({tuv.lang for tuv in tuvs}) < 2:
            self._skip(tu, "has no <tuv> in a language other than the source")
            return
        for source in sources:
            for target in tuvs:
                if target.lang != source.lang:
                    report.units += 1
                    yield self._unit(tu, source, target, notes, props)

    def _tu_srclang(self, tu: etree._Element, srclang: str) -> str:
        """A tu's own srclang, normalised (or *all*)."""
        return (
            ALL_LANGUAGES if srclang.strip().lower() == ALL_LANGUAGES else self._lang(tu, srclang)
        )

    def _skip(self, tu: etree._Element, why: str) -> None:
        """Count and report a tu left out."""
        self._report.skipped_tus += 1
        self._report.warn(element_line(tu), f"<tu> {why}; skipped")

    def _parts(self, tu: etree._Element) -> tuple[list[str], list[tuple[str, str]], list[_Tuv]]:
        """The tu's notes, props and tuvs."""
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        tuvs: list[_Tuv] = []
        for child in tu:
            name = self._name(child)
            if name == "note":
                _add_note(notes, child)
            elif name == "prop":
                props.append((child.get("type") or "", child.text or ""))
            elif name == "tuv":
                tuv = self._tuv(child)
                if tuv is not None:
                    tuvs.append(tuv)
        return notes, props, tuvs

    def _tuv(self, element: etree._Element) -> _Tuv | None:
        """One tuv, or None (counted) when it has no seg."""
        lang = self._lang(element, element.get(XML_LANG) or element.get("lang"))
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        seg = None
        for child in element:
            name = self._name(child)
            if name == "note":
                _add_note(notes, child)
            elif name == "prop":
                props.append((child.get("type") or "", child.text or ""))
            elif name == "seg":
                seg = child
        if seg is None:
            self._report.skipped_tuvs += 1
            self._report.warn(element_line(element), "<tuv> has no <seg>; skipped")
            return None
        segment = _SegReader(self._path)
        text = segment.read(seg)
        self._report.isolated_codes += segment.isolate_unpaired()
        attributes = {str(k): str(v) for k, v in element.attrib.items()}
        return _Tuv(lang, text, segment.codes, attributes, notes, props)

    def _unit(
        self,
        tu: etree._Element,
        source: _Tuv,
        target: _Tuv,
        notes: list[str],
        props: list[tuple[str, str]],
    ) -> TmUnitData:
        """The unit from source to target."""
        codes, target_text = _shared_codes(self._path, tu, source, target)
        all_props = props + source.props + target.props
        ours = (ORIGIN_PROP, CONTEXT_PROP)
        kept = [(kind, value) for kind, value in all_props if kind.lower() not in ours]
        values = {kind.lower(): value for kind, value in all_props}
        return TmUnitData(
            source_lang=source.lang,
            target_lang=target.lang,
            source=source.text,
            target=target_text,
            codes=tuple(codes),
            origin=values.get(ORIGIN_PROP) or self._origin,
            context=values.get(CONTEXT_PROP) or _context(values),
            author=_attribute(target, tu, "creationid") or _attribute(target, tu, "changeid"),
            created_at=_parse_date(_attribute(target, tu, "creationdate")),
            changed_at=_parse_date(_attribute(target, tu, "changedate")),
            note="\n".join(notes + source.notes + target.notes) or None,
            properties=tuple(kept),
        )

    def _name(self, element: etree._Element) -> str:
        """The local name of a child element; refuses an entity reference."""
        if not isinstance(element.tag, str):
            raise entity_error(self._path, element)
        return local_name(element)

    def _lang(self, element: etree._Element, tag: str | None) -> str:
        """A normalised language tag, or a FormatError naming the element's line."""
        if not tag:
            raise FormatError(
                self._path, f"<{local_name(element)}> has no xml:lang", element_line(element)
            )
        try:
            return normalize_lang(tag)
        except UnknownLanguageError as error:
            raise FormatError(self._path, str(error), element_line(element)) from error


def _source_tuvs(tuvs: list[_Tuv], srclang: str) -> list[_Tuv]:
    """The tuv in the source language: the first exact one, else the only regional variant."""
    for tuv in tuvs:
        if tuv.lang.lower() == srclang.lower():
            return [tuv]
    variants = [tuv for tuv in tuvs if tuv.lang.lower().startswith(srclang.lower() + "-")]
    return variants if len(variants) == 1 else []


def _attribute(tuv: _Tuv, tu: etree._Element, name: str) -> str | None:
    """An attribute of the target tuv, else of the tu."""
    return tuv.attributes.get(name) or tu.get(name) or None


def _context(values: dict[str, str]) -> str | None:
    """The context key from props naming the previous and next segments, if any."""
    previous = next((values[k] for k in _PREVIOUS_PROPS if k in values), None)
    following = next((values[k] for k in _NEXT_PROPS if k in values), None)
    if previous is None and following is None:
        return None
    return context_key(previous, following)


def _add_note(notes: list[str], element: etree._Element) -> None:
    """Keep a note's text with its line breaks and indentation collapsed."""
    text = " ".join("".join(cast(Iterator[str], element.itertext())).split())
    if text:
        notes.append(text)


def _parse_date(text: str | None) -> datetime | None:
    """A TMX date (YYYYMMDDThhmmssZ, or ISO 8601), in UTC; None when absent or unreadable."""
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), _TMX_DATE).replace(tzinfo=UTC)
    except ValueError:
        pass
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class _SegReader:
    """Reads a <seg> into text with code characters and the codes of that one tuv."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.codes: list[InlineCode] = []
        self._generated = 0

    def read(self, seg: etree._Element) -> str:
        """The seg's text, each code standing as a code character."""
        parts: list[str] = []
        self._content(seg, parts)
        return "".join(parts)

    def _content(self, element: etree._Element, parts: list[str]) -> None:
        """Text and inline elements of element, appended to parts."""
        if element.text:
            self._plain(element, element.text, parts)
        for child in element:
            if not isinstance(child.tag, str):
                raise entity_error(self._path, child)
            name = local_name(child)
            if name in _NATIVE:
                parts.append(self._code(child, _native_kind(name), name, _markup(child)))
            else:
                # <hi> and anything unknown: their text stays translatable, between two codes.
                start, end = _start_tag(child), f"</{name}>"
                code_id = child.get("x") or self._new_id(name)
                parts.append(self._code(child, "open", name, start, code_id))
                self._content(child, parts)
                parts.append(self._code(child, "close", name, end, code_id))
            if child.tail:
                self._plain(element, child.tail, parts)

    def _plain(self, element: etree._Element, text: str, parts: list[str]) -> None:
        """Text, in which a private-use character (one of ours) becomes a standalone code."""
        last = 0
        for match in _PRIVATE_USE.finditer(text):
            parts.append(text[last : match.start()])
            char = match.group()
            display = f"U+{ord(char):04X}"
            parts.append(self._code(element, "standalone", _PRIVATE, char, display, display))
            last = match.end()
        parts.append(text[last:])

    def _code(
        self,
        element: etree._Element,
        kind: CodeKind,
        name: str,
        markup: str,
        code_id: str | None = None,
        display: str | None = None,
    ) -> str:
        """Add a code and return the character standing for it (its index in this tuv)."""
        if len(self.codes) >= MAX_CODES:
            message = f"more than {MAX_CODES} inline codes in a segment"
            raise FormatError(self._path, message, element_line(element))
        if code_id is None:
            pairing = element.get("i") if name in ("bpt", "ept") else element.get("x")
            code_id = pairing or self._new_id(name)
        if display is None:
            native = name in _NATIVE
            display = "".join(cast(Iterator[str], element.itertext())) if native else ""
        self.codes.append(InlineCode(kind, name, code_id, markup, display or name))
        return code_char(len(self.codes) - 1)

    def _new_id(self, name: str) -> str:
        """An id for a code the file gives none."""
        self._generated += 1
        return f"{name}-{self._generated}"

    def isolate_unpaired(self) -> int:
        """Make bpt/ept that have no partner isolated (standalone) codes; return how many."""
        open_by_id: dict[str, int] = {}
        used_ids: set[str] = set()
        paired: set[int] = set()
        for index, code in enumerate(self.codes):
            if code.element == "bpt":
                if code.id not in used_ids:
                    open_by_id[code.id] = index
                used_ids.add(code.id)
            elif code.element == "ept" and code.id in open_by_id:
                paired.update((open_by_id.pop(code.id), index))
        isolated = 0
        for index, code in enumerate(self.codes):
            if code.element in ("bpt", "ept") and index not in paired:
                self.codes[index] = replace(code, kind="standalone")
                isolated += 1
        return isolated


def _native_kind(name: str) -> CodeKind:
    """The kind of a native-code element: bpt opens, ept closes, others stand alone."""
    return "open" if name == "bpt" else "close" if name == "ept" else "standalone"


def _shared_codes(
    path: Path, tu: etree._Element, source: _Tuv, target: _Tuv
) -> tuple[list[InlineCode], str]:
    """One code table for source and target: the target reuses a source code of equal markup."""
    if not target.codes:
        return source.codes, target.text
    codes = list(source.codes)
    waiting: dict[str, list[int]] = {}
    for index, code in enumerate(codes):
        waiting.setdefault(code.markup, []).append(index)
    renumbered: dict[int, str] = {}
    for index, code in enumerate(target.codes):
        twins = waiting.get(code.markup)
        if twins:
            renumbered[ord(code_char(index))] = code_char(twins.pop(0))
            continue
        if len(codes) >= MAX_CODES:
            message = f"more than {MAX_CODES} inline codes in a translation unit"
            raise FormatError(path, message, element_line(tu))
        renumbered[ord(code_char(index))] = code_char(len(codes))
        codes.append(code)
    return codes, target.text.translate(renumbered)


def _start_tag(element: etree._Element) -> str:
    """An element's start tag, without namespaces (TMX has none)."""
    attributes = "".join(
        f' {_attribute_name(str(key))}="{_attribute_value(str(value))}"'
        for key, value in element.attrib.items()
    )
    return f"<{local_name(element)}{attributes}>"


def _markup(element: etree._Element) -> str:
    """The element with its content as TMX text, without namespaces, comments or PIs."""
    content = _inner_markup(element)
    start = _start_tag(element)
    return f"{start}{content}</{local_name(element)}>" if content else f"{start[:-1]}/>"


def _inner_markup(element: etree._Element) -> str:
    """The content of an element as TMX text."""
    parts = [_text(element.text or "")]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_markup(child))
        parts.append(_text(child.tail or ""))
    return "".join(parts)


def _attribute_name(key: str) -> str:
    """An attribute's name as written: xml:lang for the XML namespace, else the local name."""
    if key.startswith("{http://www.w3.org/XML/1998/namespace}"):
        return "xml:" + key.rpartition("}")[2]
    return key.rpartition("}")[2]


def _attribute_value(value: str) -> str:
    """An attribute value whose tabs and line breaks survive parsing."""
    escaped = escape_attribute(value)
    return escaped.replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")


def _text(text: str) -> str:
    """Character data whose carriage returns survive parsing."""
    escaped = escape_text(text)
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


# Writing


def _write_document(file: IO[bytes], units: Iterable[TmUnitData], source_lang: str) -> int:
    """Write the TMX document unit by unit; return how many units were written."""
    write = file.write
    header = {
        "creationtool": "workbench",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "sentence",
        "o-tmf": "workbench",
        "adminlang": "en",
        "srclang": source_lang,
    }
    write(
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            '<tmx version="1.4">\n'
            f"  <header{_attributes(header)}/>\n"
            "  <body>\n"
        ).encode()
    )
    count = 0
    for unit in units:
        write(_tu(unit, source_lang).encode("utf-8"))
        count += 1
    write(b"  </body>\n</tmx>\n")
    return count


def _tu(unit: TmUnitData, source_lang: str) -> str:
    """One <tu> with its notes, props and the source and target tuvs."""
    attributes: dict[str, str] = {}
    if isinstance(unit, TmUnit):
        attributes["tuid"] = str(unit.id)
    if unit.source_lang != source_lang:
        attributes["srclang"] = unit.source_lang
    if unit.created_at is not None:
        attributes["creationdate"] = _date_text(unit.created_at)
    if unit.author:
        attributes["creationid"] = unit.author
    if unit.changed_at is not None:
        attributes["changedate"] = _date_text(unit.changed_at)
    parts = [f"    <tu{_attributes(attributes)}>\n"]
    # One <note> per line: the reader joins notes as lines and folds spacing within one.
    for line in (unit.note or "").splitlines():
        if line.strip():
            parts.append(f"      <note>{_text(line.strip())}</note>\n")
    props = [(ORIGIN_PROP, unit.origin)] if unit.origin else []
    if unit.context:
        props.append((CONTEXT_PROP, unit.context))
    for kind, value in [*props, *unit.properties]:
        parts.append(f"      <prop{_attributes({'type': kind})}>{_text(value)}</prop>\n")
    for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
        seg = _seg(text, unit.codes)
        parts.append(f'      <tuv xml:lang="{escape_attribute(lang)}"><seg>{seg}</seg></tuv>\n')
    parts.append("    </tu>\n")
    return "".join(parts)


def _seg(text: str, codes: tuple[InlineCode, ...]) -> str:
    """Seg content: text escaped, each code as its TMX markup or as a <ph>."""
    pieces = _PRIVATE_USE.split(text)
    if len(pieces) == 1:
        return _text(text)
    found = [code_index(char) for char in _PRIVATE_USE.findall(text)]
    # A character past the code table stands for nothing and is left out.
    present = [index for index in found if index is not None and index < len(codes)]
    paired = _paired_in_order(present, codes)
    parts = [_text(pieces[0])]
    for index, piece in zip(found, pieces[1:], strict=True):
        if index is not None and index < len(codes):
            parts.append(_code_markup(codes[index], index, index in paired))
        parts.append(_text(piece))
    return "".join(parts)


def _paired_in_order(present: list[int], codes: tuple[InlineCode, ...]) -> set[int]:
    """Indexes of open and close codes whose partner (same element and id) is in the text,
    the open one first."""
    waiting: dict[tuple[str, str], list[int]] = {}
    paired: set[int] = set()
    for index in present:
        code = codes[index]
        key = (_partner_family(code.element), code.id)
        if code.kind == "open":
            waiting.setdefault(key, []).append(index)
        elif code.kind == "close" and waiting.get(key):
            paired.update((waiting[key].pop(), index))
    return paired


def _partner_family(element: str) -> str:
    """bpt and ept pair with each other; other elements with their own kind."""
    return "bpt" if element in ("bpt", "ept") else element


def _code_markup(code: InlineCode, index: int, paired: bool) -> str:
    """A code as TMX: its own markup when that is TMX and can stand here, else an equivalent."""
    if code.element == _PRIVATE and _PRIVATE_USE.fullmatch(code.markup):
        return code.markup  # a character of the text, which XML carries as it is
    kind = _tmx_kind(code.markup)
    if kind == "native":
        if code.element not in ("bpt", "ept") or paired:
            return code.markup
        return _isolated(code)
    if kind in ("hi-start", "hi-end") and paired:
        return code.markup
    return f'<ph x="{index + 1}">{_text(code.markup)}</ph>'


def _isolated(code: InlineCode) -> str:
    """A bpt or ept without its partner here, as the <it> TMX has for that."""
    element = etree.fromstring(code.markup, tree_parser())
    attributes = {"pos": "begin" if local_name(element) == "bpt" else "end"}
    for name in ("x", "type"):
        value = element.get(name)
        if value:
            attributes[name] = str(value)
    return f"<it{_attributes(attributes)}>{_inner_markup(element)}</it>"


@lru_cache(maxsize=4096)
def _tmx_kind(markup: str) -> _MarkupKind:
    """What a code's markup is in TMX terms: native (bpt ... ut), hi-start, hi-end or other."""
    if markup == _HI_END:
        return "hi-end"
    if _HI_START.fullmatch(markup):
        return "hi-start"
    if not markup.startswith("<"):
        return "other"
    try:
        element = etree.fromstring(markup, tree_parser())  # safe: no entities, DTD or network
    except etree.XMLSyntaxError:
        return "other"
    if local_name(element) in _NATIVE and _follows_dtd(element):
        return "native"
    return "other"


def _follows_dtd(element: etree._Element) -> bool:
    """Whether an inline element, with everything inside it, is what tmx14.dtd allows."""
    if not isinstance(element.tag, str) or "}" in element.tag:
        return False
    rules = _INLINE_RULES.get(element.tag)
    if rules is None:
        return False
    allowed, required, children = rules
    names = {str(key) for key in element.attrib}
    if not names <= allowed or not required <= names:
        return False
    if element.tag == "it" and element.get("pos") not in ("begin", "end"):
        return False
    return all(
        isinstance(child.tag, str) and child.tag in children and _follows_dtd(child)
        for child in element
    )


def _attributes(attributes: dict[str, str]) -> str:
    """Attributes as written in a start tag."""
    return "".join(f' {name}="{_attribute_value(value)}"' for name, value in attributes.items())


def _date_text(when: datetime) -> str:
    """A TMX date, YYYYMMDDThhmmssZ, in UTC (a naive value is taken to be UTC already)."""
    utc = when.astimezone(UTC) if when.tzinfo is not None else when
    return utc.strftime(_TMX_DATE)
