"""TBX term bases: reads TBX v3 (Basic, Min, Core; DCA and DCT) and TBX 2008, writes TBX-Basic."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, ClassVar, cast

from lxml import etree

from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.formats.base import (
    FormatError,
    ReadOptions,
    WriteOptions,
    write_atomically,
)
from workbench.formats.glossary.export_ids import ExportIds
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
)

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_ENTRY_TAGS = ("{*}conceptEntry", "{*}termEntry")
_HEADER_TAGS = ("{*}tbxHeader", "{*}martifHeader")
EXPORT_MARK = "Exported by workbench"
"""Our exports' sourceDesc: their entries name their own origins (<admin type="source">)."""
_ROOT_NAMES = frozenset({"tbx", "martif"})
_MAX_CACHED_TAGS = 512  # a hostile file could otherwise grow the tag cache without bound

# In DCA style the data category is the type attribute of one of these core elements; in DCT
# style it is the local name of an element in a dialect namespace (min:, basic: ...).
_DCA_CARRIERS = frozenset(
    {"admin", "adminNote", "descrip", "descripNote", "ref", "termNote", "transac", "transacNote"}
    | {"xref"}
)
_DCA_NAMESPACES = frozenset({"", "{" + TBX_NAMESPACE})
_GROUPS = frozenset({"adminGrp", "descripGrp", "termNoteGrp"})
_TERM_SECTIONS = frozenset({"termSec", "tig", "ntig"})
_LANG_SECTIONS = frozenset({"langSec", "langSet"})
_STATUS_CATEGORIES = frozenset({"administrativeStatus", "usageStatus", "normativeAuthorization"})

_STATUSES = {
    "preferred": TermStatus.PREFERRED,
    "preferredterm": TermStatus.PREFERRED,
    "standardizedterm": TermStatus.PREFERRED,
    "legalterm": TermStatus.PREFERRED,
    "regulatedterm": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "admittedterm": TermStatus.ADMITTED,
    "deprecated": TermStatus.DEPRECATED,
    "deprecatedterm": TermStatus.DEPRECATED,
    "superseded": TermStatus.DEPRECATED,
    "supersededterm": TermStatus.DEPRECATED,
    "notrecommended": TermStatus.DEPRECATED,
    "obsolete": TermStatus.DEPRECATED,
}
_STATUS_VALUES = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
}
# The usual spellings, looked up as they are before any clean-up (a speed-up only).
_STATUS_SPELLINGS = {value: status for status, value in _STATUS_VALUES.items()}
# TBX 2008 values such as entryTerm or synonym say nothing about the form, so they map to None.
_TERM_TYPES = {term_type.value.lower(): term_type for term_type in TermType} | {
    "abbreviatedform": TermType.ABBREVIATION,
    "initialism": TermType.ACRONYM,
    "clippedterm": TermType.SHORT_FORM,
    "orthographicvariant": TermType.VARIANT,
    "phraseologicalunit": TermType.PHRASE,
    "setphrase": TermType.PHRASE,
}
# TBX-Basic's partOfSpeech picklist, plus common spellings of its values; others become "other".
_PARTS_OF_SPEECH = {pos: pos for pos in ("adjective", "noun", "other", "verb", "adverb")} | {
    "n": "noun",
    "propernoun": "noun",
    "v": "verb",
    "adj": "adjective",
    "adv": "adverb",
}
_CREATION = frozenset({"origination", "input", "creation"})
_CASE_SENSITIVE_NOTE = "case-sensitive"
_XML_ID = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")

_Part = tuple[str, etree._Element]


class TbxFormat:
    """TBX term bases (ISO 30042): TBX v3 and TBX 2008 in, TBX-Basic v3 (DCA style) out."""

    name: ClassVar[str] = "tbx"

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield concepts one by one, raising FormatError for bad or unsafe input."""
        try:
            with path.open("rb") as file:
                check_prolog(path, file, _ROOT_NAMES, "<tbx> or <martif>")
            yield from _read_entries(path, options)
        except etree.XMLSyntaxError as error:
            raise syntax_error(path, error) from error
        except OSError as error:
            raise FormatError(path, f"cannot read the file: {error.strerror or error}") from error
        except (UnicodeError, LookupError, ValueError) as error:
            raise FormatError(path, str(error)) from error

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write concepts as TBX-Basic to path and return how many were written."""
        langs = _wanted_langs(path, options.langs)

        def write(temporary: Path) -> int:
            with temporary.open("wb") as file:
                return _write_document(file, concepts, langs)

        return write_atomically(path, write)


# Reading


def _read_entries(path: Path, options: ReadOptions) -> Iterator[Concept]:
    """Parse the file in chunks, yielding each entry as soon as it ends, then freeing it."""
    reader = _EntryReader(path)
    parser = pull_parser(("end",), _ENTRY_TAGS + _HEADER_TAGS)
    for entry in parsed_elements(path, options.on_progress, parser):
        if local_name(entry) in ("tbxHeader", "martifHeader"):
            reader.header(entry)
            continue
        concept = reader.concept(entry)
        release(entry)
        yield concept


class _EntryReader:
    """Turns conceptEntry (TBX v3) and termEntry (TBX 2008) elements into concepts."""

    def __init__(self, path: Path) -> None:
        self._path = path
        # tag -> local name, or "" for a DCA carrier whose type attribute names the category
        self._names: dict[object, str] = {}
        self._origin: str | None = None
        self._our_export = False

    def header(self, header: etree._Element) -> None:
        """Learn the file's identity: its title (a sourceDesc names the tool that wrote the
        file, "TBX file, created via MultiTerm Export", so it cannot tell two files apart)."""
        for element in header.iter():
            if not isinstance(element.tag, str):
                raise entity_error(self._path, element)
            name = local_name(element)
            if name == "title" and self._origin is None:
                self._origin = self._prose(element) or None
            elif name == "p" and self._prose(element) == EXPORT_MARK:
                self._our_export = True

    def concept(self, entry: etree._Element) -> Concept:
        """Build the concept of one entry."""
        concept = Concept(uid=entry.get("id"), origin=self._origin)
        notes: list[str] = []
        for category, element in self._parts(entry):
            if category in _LANG_SECTIONS:
                self._language(element, concept, notes)
            elif category == "transacGrp":
                self._transaction(element, concept)
            elif category == "subjectField":
                concept.subject_field = concept.subject_field or self._prose(element) or None
            elif category == "definition":
                lang = element.get(XML_LANG)
                key = self._lang(element, lang) if lang else ""
                _add_definition(concept, key, self._prose(element))
            elif category == "note":
                _add_note(notes, self._prose(element))
            elif category == "source" and self._our_export:
                concept.origin = self._prose(element) or concept.origin
        concept.note = "\n".join(notes) or None
        return concept

    def _language(self, section: etree._Element, concept: Concept, notes: list[str]) -> None:
        """Read a langSec/langSet: its terms, definition and notes."""
        lang = self._lang(section, section.get(XML_LANG))
        for category, element in self._parts(section):
            if category in _TERM_SECTIONS:
                concept.terms.extend(self._terms(element, lang, concept))
            elif category == "definition":
                _add_definition(concept, lang, self._prose(element))
            elif category == "note":
                # A concept has no per-language note; these are about the concept anyway (the
                # Astronomy sample has the same note in a langSec in DCA, at concept level in DCT).
                _add_note(notes, self._prose(element))

    def _terms(self, section: etree._Element, lang: str, concept: Concept) -> list[Term]:
        """Read a termSec (v3) or tig/ntig (2008).

        A section holds one term; a second <term> (invalid, but found in real files) starts
        another term, which takes the data categories that follow it.
        """
        terms: list[Term] = []
        term = Term(lang=lang, text="")
        status: TermStatus | None = None
        notes: list[str] = []
        for category, element in self._parts(section):
            if category == "term":
                if term.text:
                    terms.append(_finish(term, status, notes))
                    term, status, notes = Term(lang=lang, text=""), None, []
                term.text = self._text(element).strip()
            elif category in _STATUS_CATEGORIES:
                status = status or _status(self._text(element))
            elif category == "note":
                note = self._prose(element)
                if note.lower() == _CASE_SENSITIVE_NOTE:
                    term.case_sensitive = True
                else:
                    _add_note(notes, note)
            else:
                self._term_detail(category, element, term, concept)
        if term.text:
            terms.append(_finish(term, status, notes))
        return terms

    def _term_detail(
        self, category: str, element: etree._Element, term: Term, concept: Concept
    ) -> None:
        """Apply a term-level data category other than the term, its status and notes."""
        if category == "partOfSpeech":
            term.part_of_speech = term.part_of_speech or self._text(element).strip() or None
        elif category == "termType":
            term.term_type = term.term_type or _TERM_TYPES.get(self._text(element).strip().lower())
        elif category == "abbreviatedFormFor":
            term.term_type = term.term_type or TermType.ABBREVIATION
        elif category == "source":
            term.source = term.source or self._prose(element) or None
        elif category == "definition":
            # Not allowed at term level by TBX-Basic, but some files put it there.
            _add_definition(concept, term.lang, self._prose(element))

    def _transaction(self, group: etree._Element, concept: Concept) -> None:
        """Take the creation or modification date and author from a concept's transacGrp."""
        kind = author = None
        when: datetime | None = None
        for category, element in self._parts(group):
            if category == "transactionType":
                kind = self._text(element).strip()
            elif category == "date":
                when = _parse_date(self._text(element).strip())
            elif category == "responsibility":
                author = self._prose(element) or None
        if kind in _CREATION:
            if concept.created_at is None and concept.created_by is None:
                concept.created_at, concept.created_by = when, author
        elif kind == "modification" and _is_later(when, concept.updated_at, concept.updated_by):
            concept.updated_at, concept.updated_by = when, author

    def _parts(self, element: etree._Element) -> list[_Part]:
        """The children with their data categories; a group stands for its first child."""
        # The hottest loop of the reader: _category is inlined here.
        names = self._names
        parts: list[_Part] = []
        for child in element:
            name = names.get(child.tag)
            if name is None:
                name = self._learn(child)
            category = name or child.get("type") or ""
            if category in _GROUPS:
                # descripGrp, termNoteGrp ... add sources and notes to their first child.
                parts.extend(self._parts(child)[:1])
            elif category == "termGrp":
                # A TBX 2008 ntig nests the term and its termNotes in a termGrp.
                parts.extend(self._parts(child))
            else:
                parts.append((category, child))
        return parts

    def _category(self, element: etree._Element) -> str:
        """An element's data category: DCA's type attribute, or else the local name."""
        name = self._names.get(element.tag)
        if name is None:
            name = self._learn(element)
        return name or element.get("type") or ""

    def _learn(self, element: etree._Element) -> str:
        """Work out (and remember) what a tag stands for; refuse an entity reference."""
        tag = element.tag
        if not isinstance(tag, str):
            raise entity_error(self._path, element)
        namespace, _, local = tag.rpartition("}")
        name = "" if local in _DCA_CARRIERS and namespace in _DCA_NAMESPACES else local
        if len(self._names) < _MAX_CACHED_TAGS:
            self._names[tag] = name
        return name

    def _lang(self, element: etree._Element, tag: str | None) -> str:
        """The normalised language of a section, or a FormatError naming its line."""
        if not tag:
            message = f"<{local_name(element)}> has no xml:lang"
            raise FormatError(self._path, message, element_line(element))
        try:
            return normalize_lang(tag)
        except UnknownLanguageError as error:
            raise FormatError(self._path, str(error), element_line(element)) from error

    def _text(self, element: etree._Element) -> str:
        """All text inside an element, inline markup such as <hi> included."""
        if len(element) == 0:
            return element.text or ""
        for inner in element.iter():
            self._category(inner)  # refuses entity references
        return "".join(cast(Iterator[str], element.itertext()))

    def _prose(self, element: etree._Element) -> str:
        """Text with the pretty-printer's line breaks and indentation collapsed to spaces."""
        return " ".join(self._text(element).split())


def _finish(term: Term, status: TermStatus | None, notes: list[str]) -> Term:
    """Complete a term: no status means preferred; several notes become lines of one."""
    term.status = status or TermStatus.PREFERRED
    term.note = "\n".join(notes) or None
    return term


def _is_later(when: datetime | None, known: datetime | None, known_by: str | None) -> bool:
    """True when a modification should replace the one already seen: the latest date wins."""
    if known is None and known_by is None:
        return True
    return when is not None and (known is None or when > known)


def _parse_date(text: str) -> datetime | None:
    """An ISO 8601 date or date-time, in UTC when it names no zone; None when unparsable."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _status(text: str) -> TermStatus | None:
    """Map a TBX status value (`preferredTerm-admn-sts`, `notRecommended` ...) to a TermStatus."""
    status = _STATUS_SPELLINGS.get(text)
    if status is None:
        status = _STATUSES.get(text.strip().lower().removesuffix("-admn-sts"))
    return status


def _add_definition(concept: Concept, lang: str, text: str) -> None:
    """Keep the first definition given for a language."""
    if text:
        concept.definitions.setdefault(lang, text)


def _add_note(notes: list[str], text: str) -> None:
    """Collect a non-empty note."""
    if text:
        notes.append(text)


# Writing

_INDENT = ["\n" + "\t" * depth for depth in range(8)]
_LANG_ATTRIBUTE = "xml:lang"
_STATUS_ATTRIB = ' type="administrativeStatus"'
_POS_ATTRIB = ' type="partOfSpeech"'
_TERM_TYPE_ATTRIB = ' type="termType"'
_SOURCE_ATTRIB = ' type="source"'
_DEFINITION_ATTRIB = ' type="definition"'
_SUBJECT_ATTRIB = ' type="subjectField"'
_ORIGIN_ATTRIB = ' type="source"'
_TRANSACTION_ATTRIB = ' type="transactionType"'
_RESPONSIBILITY_ATTRIB = ' type="responsibility"'


def _wanted_langs(path: Path, langs: list[str]) -> list[str]:
    """The normalised languages to export; empty means all."""
    try:
        return [normalize_lang(lang) for lang in langs]
    except UnknownLanguageError as error:
        raise FormatError(path, str(error)) from error


def _write_document(file: IO[bytes], concepts: Iterable[Concept], langs: list[str]) -> int:
    """Write the TBX document concept by concept; return how many concepts were written."""
    count = 0
    ids = ExportIds(lambda uid: _XML_ID.fullmatch(uid) is not None, required=True)
    write = file.write
    write(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="' + TBX_NAMESPACE.encode() + b'">'
        b"\n\t<tbxHeader>\n\t\t<fileDesc>\n\t\t\t<sourceDesc>\n\t\t\t\t<p>Exported by workbench</p>"
        b"\n\t\t\t</sourceDesc>\n\t\t</fileDesc>\n\t</tbxHeader>\n\t<text>"
    )
    for concept in concepts:
        sections = _sections(concept, langs)
        if not sections:
            continue  # a conceptEntry must hold at least one langSec
        if count == 0:
            write(b"\n\t\t<body>")  # <body> must hold a conceptEntry, so it opens with the first
        count += 1
        entry = _EntryWriter()
        entry.concept(concept, ids.make(concept), sections, langs)
        write("".join(entry.parts).encode("utf-8"))
    if count:
        write(b"\n\t\t</body>")
    write(b"\n\t</text>\n</tbx>\n")
    return count


def _sections(concept: Concept, langs: list[str]) -> list[tuple[str, list[Term]]]:
    """The concept's terms grouped by language, in the order asked for (or first seen)."""
    grouped: dict[str, list[Term]] = {lang: [] for lang in langs or concept.languages()}
    for term in concept.terms:
        if term.lang in grouped and term.text.strip():
            grouped[term.lang].append(term)
    return [(lang, terms) for lang, terms in grouped.items() if terms]


def _attributes(attrib: dict[str, str]) -> str:
    """Attributes as written in a start tag."""
    return "".join(f' {name}="{escape_attribute(value)}"' for name, value in attrib.items())


class _EntryWriter:
    """Builds one TBX-Basic conceptEntry as indented, escaped XML text."""

    # Text rather than lxml's xmlfile elements: per element, xmlfile costs more than the
    # whole of the rest of an export. The RNG and Schematron tests check what this writes.

    def __init__(self) -> None:
        self.parts: list[str] = []

    def leaf(self, depth: int, name: str, text: str, attributes: str = "") -> None:
        """An element holding only text; attributes come formatted (see _attributes)."""
        self.parts.append(f"{_INDENT[depth]}<{name}{attributes}>{escape_text(text)}</{name}>")

    def open(self, depth: int, name: str, attributes: str = "") -> None:
        """The start tag of an element with children."""
        self.parts.append(f"{_INDENT[depth]}<{name}{attributes}>")

    def close(self, depth: int, name: str) -> None:
        """The end tag of an element with children."""
        self.parts.append(f"{_INDENT[depth]}</{name}>")

    def concept(
        self, concept: Concept, uid: str, sections: list[tuple[str, list[Term]]], langs: list[str]
    ) -> None:
        """One conceptEntry with its languages and terms."""
        self.open(3, "conceptEntry", _attributes({"id": uid}))
        self.transaction("origination", concept.created_at, concept.created_by)
        self.transaction("modification", concept.updated_at, concept.updated_by)
        if concept.origin:
            self.leaf(4, "admin", concept.origin, _ORIGIN_ATTRIB)
        if concept.subject_field:
            self.leaf(4, "descrip", concept.subject_field, _SUBJECT_ATTRIB)
        self.definitions(concept.definitions, {lang for lang, _ in sections}, langs)
        self.notes(4, concept.note)
        for lang, terms in sections:
            self.language(lang, terms, concept.definitions.get(lang))
        self.close(3, "conceptEntry")

    def definitions(self, definitions: dict[str, str], written: set[str], langs: list[str]) -> None:
        """Concept-level definitions: the neutral one, and those of languages without terms."""
        for lang, definition in definitions.items():
            if not lang:
                self.leaf(4, "descrip", definition, _DEFINITION_ATTRIB)
            elif lang not in written and (not langs or lang in langs):
                # A language without terms can have no langSec; its definition stays here.
                attrib = _attributes({"type": "definition", _LANG_ATTRIBUTE: lang})
                self.leaf(4, "descrip", definition, attrib)

    def transaction(self, kind: str, when: datetime | None, author: str | None) -> None:
        """A transacGrp for origination or modification, when there is something to say."""
        if when is None and not author:
            return
        self.open(4, "transacGrp")
        self.leaf(5, "transac", kind, _TRANSACTION_ATTRIB)
        if when is not None:
            self.leaf(5, "date", _date_text(when))
        if author:
            self.leaf(5, "transacNote", author, _RESPONSIBILITY_ATTRIB)
        self.close(4, "transacGrp")

    def language(self, lang: str, terms: list[Term], definition: str | None) -> None:
        """One langSec with its definition and terms."""
        self.open(4, "langSec", _attributes({_LANG_ATTRIBUTE: lang}))
        if definition:
            self.leaf(5, "descrip", definition, _DEFINITION_ATTRIB)
        for term in terms:
            self.term(term)
        self.close(4, "langSec")

    def term(self, term: Term) -> None:
        """One termSec: the term, then its termNotes, then its notes (the schema's order)."""
        self.open(5, "termSec")
        self.leaf(6, "term", term.text)
        self.leaf(6, "termNote", _STATUS_VALUES[term.status], _STATUS_ATTRIB)
        if term.part_of_speech:
            pos = _PARTS_OF_SPEECH.get(_pos_key(term.part_of_speech), "other")
            self.leaf(6, "termNote", pos, _POS_ATTRIB)
        if term.term_type is not None:
            self.leaf(6, "termNote", term.term_type.value, _TERM_TYPE_ATTRIB)
        if term.source:
            self.leaf(6, "admin", term.source, _SOURCE_ATTRIB)
        self.notes(6, term.note)
        if term.case_sensitive:
            # TBX-Basic has no data category for it; a fixed note survives other tools.
            self.leaf(6, "note", _CASE_SENSITIVE_NOTE)
        self.close(5, "termSec")

    def notes(self, depth: int, note: str | None) -> None:
        """One <note> per line: the reader joins several notes back into lines."""
        if note:
            for line in note.splitlines():
                if line.strip():
                    self.leaf(depth, "note", line.strip())


def _pos_key(part_of_speech: str) -> str:
    """Fold case and separators so that `Proper noun` finds `propernoun`."""
    return part_of_speech.lower().replace(" ", "").replace("_", "").replace("-", "")


def _date_text(when: datetime) -> str:
    """An xsd:dateTime in UTC, to the second (a naive value is taken to be UTC already)."""
    utc = when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return utc.isoformat(timespec="seconds").replace("+00:00", "Z")
