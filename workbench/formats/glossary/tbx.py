"""TBX term bases: reads TBX v3 (Basic, Min, Core; DCA and DCT) and TBX 2008, writes TBX-Basic
in TBX v3 or TBX 2008, keeping every data category the model has no field for (DataCategory)."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, ClassVar, cast

from lxml import etree

from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.model import (
    Concept,
    DataCategory,
    Term,
    TermStatus,
    TermType,
    basic_part_of_speech,
)
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
_CREATION = frozenset({"origination", "input", "creation"})
_CASE_SENSITIVE_NOTE = "case-sensitive"
_XML_ID = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")

_Part = tuple[str, etree._Element, etree._Element | None]
"""A child's data category, the element holding it, and the group around it (if any)."""

# What DCT elements (TBX v3, one element per category in a dialect namespace) are in DCA
# form: the carrier element whose type names the category. Categories of TBX-Min and -Basic.
_DCT_CARRIERS = {
    **dict.fromkeys(("context", "definition", "subjectField"), "descrip"),
    **dict.fromkeys(("customerSubset", "projectSubset", "source"), "admin"),
    **dict.fromkeys(
        (
            "administrativeStatus",
            "geographicalUsage",
            "grammaticalGender",
            "partOfSpeech",
            "termLocation",
            "termType",
            "usageStatus",
        ),
        "termNote",
    ),
    **dict.fromkeys(("externalCrossReference", "xGraphic"), "xref"),
    "crossReference": "ref",
    "transactionType": "transac",
    "responsibility": "transacNote",
}
_STRUCTURE = frozenset({"date", "note", "transacGrp", "adminGrp", "descripGrp", "termNoteGrp"})
"""Elements that are not a carrier with a type: their name is already the DCA form."""


class TbxFormat:
    """TBX term bases (ISO 30042): TBX v3 and TBX 2008 in, TBX-Basic v3 (DCA style) out."""

    name: ClassVar[str] = "tbx"
    _edition: ClassVar[_Edition]

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
                return _write_document(file, concepts, langs, self._edition)

        return write_atomically(path, write)


class Tbx2008Format(TbxFormat):
    """TBX-Basic 2008 (ISO 30042:2008, a `martif` root) out, for tools that read no TBX v3
    (translate-toolkit, Weblate, OmegaT, older Trados MultiTerm); reads as TbxFormat."""

    name: ClassVar[str] = "tbx2008"


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
        """Build the concept of one entry; what no field holds is kept in its categories."""
        concept = Concept(uid=entry.get("id"), origin=self._origin)
        origin_read = False
        notes: list[str] = []
        transactions: list[tuple[etree._Element, _Transaction]] = []
        for category, element, group in self._parts(entry):
            if category in _LANG_SECTIONS:
                self._language(element, concept, notes)
            elif category == "transacGrp":
                transactions.append((element, self._transaction(element)))
            elif category == "subjectField" and not concept.subject_field:
                concept.subject_field = self._prose(element) or None
                self._keep_group(concept, category, group)
            elif category == "definition" and self._definition(concept, element, ""):
                self._keep_group(concept, category, group)
            elif category == "note" and _alone(group):
                _add_note(notes, self._prose(element))
            elif category == "source" and self._our_export and not origin_read:
                # our export writes the origin first; a source the file had comes after it
                concept.origin, origin_read = self._prose(element) or concept.origin, True
            else:
                self._keep(concept, category, group if group is not None else element)
        self._transactions(concept, transactions)
        concept.note = "\n".join(notes) or None
        # Groups first: export writes them with their values, the others after.
        concept.categories.sort(key=lambda category: category.group is None)
        return concept

    def _definition(self, concept: Concept, element: etree._Element, lang: str) -> bool:
        """Take a definition (the element's own xml:lang wins); False when one was taken."""
        own = element.get(XML_LANG)
        key = self._lang(element, own) if own else lang
        text = self._prose(element)
        if not text or key in concept.definitions:
            return False
        concept.definitions[key] = text
        return True

    def _language(self, section: etree._Element, concept: Concept, notes: list[str]) -> None:
        """Read a langSec/langSet: its terms, definition, notes and other categories."""
        lang = self._lang(section, section.get(XML_LANG))
        for category, element, group in self._parts(section):
            if category in _TERM_SECTIONS:
                concept.terms.extend(self._terms(element, lang, concept))
            elif category == "definition" and self._definition(concept, element, lang):
                self._keep_group(concept, category, group, lang)
            elif category == "note" and _alone(group):
                # A concept has no per-language note, so it shows in the concept's note; the
                # category records that it belongs to this language, where export puts it back.
                _add_note(notes, self._prose(element))
                self._keep(concept, category, element, lang)
            else:
                self._keep(concept, category, group if group is not None else element, lang)

    def _keep(
        self,
        concept: Concept,
        category: str,
        element: etree._Element,
        lang: str | None = None,
        term: str | None = None,
    ) -> None:
        """Keep an element no field holds, as it came, for export to write back."""
        markup = self._markup(element)
        # a group's value is its first child's (a context without the source beside it)
        grouped = local_name(element) in _GROUPS and len(element)
        text = self._prose(element[0] if grouped else element)
        name = category or local_name(element)  # an <admin> with no type is still kept
        concept.categories.append(DataCategory(name, markup, text, lang, term))

    def _keep_group(
        self,
        concept: Concept,
        category: str,
        group: etree._Element | None,
        lang: str | None = None,
        term: str | None = None,
    ) -> None:
        """Keep what a group holds besides the value a field took (a definition's source)."""
        if group is None or len(group) < 2:
            return
        rest = "".join(self._markup(child) for child in list(group)[1:])
        text = " ".join(self._prose(child) for child in list(group)[1:])
        name = self._names.get(group.tag) or local_name(group)
        concept.categories.append(DataCategory(category, rest, text, lang, term, group=name))

    def _markup(self, element: etree._Element) -> str:
        """An element as namespace-free DCA XML: DCT dialect elements become their carrier."""
        copied = copy.deepcopy(element)
        copied.tail = None
        for inner in copied.iter():
            if not isinstance(inner.tag, str):
                if inner.tag is etree.Entity:
                    raise entity_error(self._path, element)
                continue  # comments and processing instructions stay as they are
            namespace, _, local = inner.tag.rpartition("}")
            if namespace in _DCA_NAMESPACES or local in _DCA_CARRIERS or local in _STRUCTURE:
                inner.tag = local
            elif local in _DCT_CARRIERS:
                inner.tag = _DCT_CARRIERS[local]
                others = [(str(key), str(value)) for key, value in inner.attrib.items()]
                inner.attrib.clear()
                inner.set("type", local)  # first, as DCA files write it
                for key, value in others:
                    inner.set(key, value)
        etree.cleanup_namespaces(copied)
        return etree.tostring(copied, encoding="unicode", with_tail=False)

    def _terms(self, section: etree._Element, lang: str, concept: Concept) -> list[Term]:
        """Read a termSec (v3) or tig/ntig (2008).

        A section holds one term; a second <term> (invalid, but found in real files) starts
        another term, which takes the data categories that follow it.
        """
        terms: list[Term] = []
        term = Term(lang=lang, text="")
        status: TermStatus | None = None
        notes: list[str] = []
        kept: list[tuple[str, etree._Element, bool]] = []  # (category, element, a group's rest)
        for category, element, group in self._parts(section):
            if category == "term":
                if term.text:
                    terms.append(_finish(term, status, notes))
                    self._keep_all(concept, kept, term)
                    term, status, notes, kept = Term(lang=lang, text=""), None, [], []
                term.text = self._text(element).strip()
                continue
            taken = True
            if category in _STATUS_CATEGORIES:
                read = None if status else _status(self._text(element))
                status = status or read
                # administrativeStatus is what export writes; another category is kept too
                taken = read is not None and category == "administrativeStatus"
            elif category == "note" and _alone(group):
                note = self._prose(element)
                if note.lower() == _CASE_SENSITIVE_NOTE:
                    term.case_sensitive = True
                else:
                    _add_note(notes, note)
            elif category == "note":
                taken = False  # a note with its own source ...: kept whole
            else:
                taken = self._term_detail(category, element, term, concept)
            if not taken:
                kept.append((category, group if group is not None else element, False))
            elif group is not None and len(group) > 1:
                kept.append((category, group, True))
        if term.text:
            terms.append(_finish(term, status, notes))
            self._keep_all(concept, kept, term)
        return terms

    def _keep_all(
        self, concept: Concept, kept: list[tuple[str, etree._Element, bool]], term: Term
    ) -> None:
        """Keep a term's elements that no field holds, once its text is known."""
        for category, element, rest in kept:
            if rest:
                self._keep_group(concept, category, element, term.lang, term.text)
            else:
                self._keep(concept, category, element, term.lang, term.text)

    def _term_detail(
        self, category: str, element: etree._Element, term: Term, concept: Concept
    ) -> bool:
        """Apply a term-level data category other than the term, its status and notes; False
        when no field takes it (a second part of speech, a value outside the picklist ...)."""
        text = self._text(element).strip()
        if category == "partOfSpeech" and not term.part_of_speech and text:
            term.part_of_speech = text
        elif category == "termType" and not term.term_type and text.lower() in _TERM_TYPES:
            term.term_type = _TERM_TYPES[text.lower()]
            return _TERM_TYPES[text.lower()].value == text  # a 2008 spelling is kept as well
        elif category == "abbreviatedFormFor" and not term.term_type:
            term.term_type = TermType.ABBREVIATION
            return False  # what it is the abbreviation of is kept
        elif category == "source" and not term.source and text:
            term.source = self._prose(element)
        elif category == "definition":
            # Not allowed at term level by TBX-Basic, but some files put it there.
            return self._definition(concept, element, term.lang)
        else:
            return False
        return True

    def _transaction(self, group: etree._Element) -> _Transaction:
        """The kind, date and author of a transacGrp."""
        kind = author = None
        when: datetime | None = None
        for category, element, _group in self._parts(group):
            if category == "transactionType":
                kind = self._text(element).strip()
            elif category == "date":
                when = _parse_date(self._text(element).strip())
            elif category == "responsibility":
                author = self._prose(element) or None
        return kind, when, author

    def _transactions(
        self, concept: Concept, transactions: list[tuple[etree._Element, _Transaction]]
    ) -> None:
        """The first creation and the latest modification are the concept's dates; every
        other transaction (and one that says more than kind, date and author) is kept."""
        created = updated = None
        for index, (_element, (kind, when, author)) in enumerate(transactions):
            if kind in _CREATION and created is None:
                created = index
                concept.created_at, concept.created_by = when, author
            elif kind == "modification" and _is_later(when, concept.updated_at, concept.updated_by):
                updated = index
                concept.updated_at, concept.updated_by = when, author
        for index, (element, _transaction) in enumerate(transactions):
            if index not in (created, updated) or not _plain_transaction(element):
                self._keep(concept, "transacGrp", element)

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
                parts.extend((c, e, child) for c, e, _g in self._parts(child)[:1])
            elif category == "termGrp":
                # A TBX 2008 ntig nests the term and its termNotes in a termGrp.
                parts.extend(self._parts(child))
            else:
                parts.append((category, child, None))
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


def _alone(group: etree._Element | None) -> bool:
    """True for an element outside a group, or alone in one."""
    return group is None or len(group) < 2


_Transaction = tuple[str | None, datetime | None, str | None]
"""A transacGrp's kind, date and author."""


_PLAIN_TRANSACTION = frozenset({"transactionType", "date", "responsibility"})


def _plain_transaction(group: etree._Element) -> bool:
    """True for a transacGrp holding no more than the kind, a date and a responsibility."""
    return len(group) <= 3 and all(
        (child.get("type") if local_name(child) in _DCA_CARRIERS else local_name(child))
        in _PLAIN_TRANSACTION
        for child in group
    )


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


@dataclass(frozen=True, slots=True)
class _Edition:
    """What differs between TBX v3 and TBX 2008 output: the header and three element names."""

    head: bytes
    tail: bytes
    entry: str
    language: str
    term: str


_SOURCE_DESC = (
    b"\n\t\t<fileDesc>\n\t\t\t<sourceDesc>\n\t\t\t\t<p>Exported by workbench</p>"
    b"\n\t\t\t</sourceDesc>\n\t\t</fileDesc>"
)
_V3 = _Edition(
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="' + TBX_NAMESPACE.encode() + b'">'
    b"\n\t<tbxHeader>" + _SOURCE_DESC + b"\n\t</tbxHeader>\n\t<text>",
    b"\n\t</text>\n</tbx>\n",
    "conceptEntry",
    "langSec",
    "termSec",
)
_V2008 = _Edition(
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<martif type="TBX-Basic" xml:lang="en">\n\t<martifHeader>' + _SOURCE_DESC + b"\n\t\t"
    b'<encodingDesc>\n\t\t\t<p type="XCSURI">TBXBasicXCSV02.xcs</p>\n\t\t</encodingDesc>'
    b"\n\t</martifHeader>\n\t<text>",
    b"\n\t</text>\n</martif>\n",
    "termEntry",
    "langSet",
    "tig",
)
TbxFormat._edition = _V3
Tbx2008Format._edition = _V2008


def _write_document(
    file: IO[bytes], concepts: Iterable[Concept], langs: list[str], edition: _Edition
) -> int:
    """Write the TBX document concept by concept; return how many concepts were written."""
    count = 0
    ids = ExportIds(lambda uid: _XML_ID.fullmatch(uid) is not None, required=True)
    write = file.write
    write(edition.head)
    for concept in concepts:
        sections = _sections(concept, langs)
        if not sections:
            continue  # a conceptEntry must hold at least one langSec
        if count == 0:
            write(b"\n\t\t<body>")  # <body> must hold a conceptEntry, so it opens with the first
        count += 1
        entry = _EntryWriter(edition, concept.categories)
        entry.concept(concept, ids.make(concept), sections, langs)
        write("".join(entry.parts).encode("utf-8"))
    if count:
        write(b"\n\t\t</body>")
    write(edition.tail)
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

    def __init__(self, edition: _Edition, categories: list[DataCategory]) -> None:
        self.parts: list[str] = []
        self._edition = edition
        # Kept categories by where they belong: (lang, term); (None, None) is the concept.
        self._kept: dict[tuple[str | None, str | None], list[DataCategory]] = {}
        for category in categories:
            self._kept.setdefault((category.lang, category.term), []).append(category)

    def raw(self, depth: int, markup: str) -> None:
        """A kept element, written as it came."""
        self.parts.append(f"{_INDENT[depth]}{markup}")

    def kept(self, depth: int, where: tuple[str | None, str | None], term_notes: bool) -> None:
        """The kept elements of a place that no group took: the termNotes, or all others."""
        for category in self._kept.get(where, ()):
            if category.group is not None or not category.name:
                continue  # groups go with their value; a note edited away goes
            if category.markup.startswith("<termNote") == term_notes:
                self.raw(depth, category.markup)

    def valued(
        self,
        depth: int,
        where: tuple[str | None, str | None],
        element: str,
        name: str,
        value: str,
        attributes: str = "",
    ) -> None:
        """A value a field holds, inside the group it came in (with its source ...) if any."""
        group = next(
            (c for c in self._kept.get(where, ()) if c.group is not None and c.name == name), None
        )
        if group is None or group.group is None:
            self.leaf(depth, element, value, attributes)
            return
        self._kept[where].remove(group)  # one value per group
        self.open(depth, group.group)
        self.leaf(depth + 1, element, value, attributes)
        self.raw(depth + 1, group.markup)
        self.close(depth, group.group)

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
        entry = self._edition.entry
        self.open(3, entry, _attributes({"id": uid}))
        self.transaction("origination", concept.created_at, concept.created_by)
        self.transaction("modification", concept.updated_at, concept.updated_by)
        if concept.origin:
            self.leaf(4, "admin", concept.origin, _ORIGIN_ATTRIB)
        here = (None, None)
        if concept.subject_field:
            self.valued(4, here, "descrip", "subjectField", concept.subject_field, _SUBJECT_ATTRIB)
        self.definitions(concept.definitions, {lang for lang, _ in sections}, langs)
        lines = [line.strip() for line in (concept.note or "").splitlines() if line.strip()]
        self.notes(4, "\n".join(self._place_language_notes(lines, {s[0] for s in sections})))
        self.kept(4, here, term_notes=False)
        for lang, terms in sections:
            self.language(lang, terms, concept.definitions.get(lang))
        self.close(3, entry)

    def _place_language_notes(self, lines: list[str], written: set[str]) -> list[str]:
        """The concept's note lines that stay on the concept: a line a language's section had
        goes back there; a language note no longer in the concept's note was edited away."""
        left = list(lines)
        for (lang, term), kept in self._kept.items():
            if lang is None or term is not None:
                continue
            for index, category in enumerate(kept):
                if category.name != "note" or category.group is not None:
                    continue
                if lang in written and category.text in left:
                    left.remove(category.text)
                else:
                    kept[index] = replace(category, name="")  # dropped: written nowhere
        return left

    def definitions(self, definitions: dict[str, str], written: set[str], langs: list[str]) -> None:
        """Concept-level definitions: the neutral one, and those of languages without terms."""
        for lang, definition in definitions.items():
            if not lang:
                self.valued(
                    4, (None, None), "descrip", "definition", definition, _DEFINITION_ATTRIB
                )
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
        """One langSec with its definition, kept categories (notes among them) and terms."""
        section = self._edition.language
        self.open(4, section, _attributes({_LANG_ATTRIBUTE: lang}))
        here = (lang, None)
        if definition:
            self.valued(5, here, "descrip", "definition", definition, _DEFINITION_ATTRIB)
        self.kept(5, here, term_notes=False)
        for term in terms:
            self.term(term)
        self.close(4, section)

    def term(self, term: Term) -> None:
        """One termSec: the term, then its termNotes, then its notes (the schema's order)."""
        section = self._edition.term
        here = (term.lang, term.text)
        self.open(5, section)
        self.leaf(6, "term", term.text)
        status = _STATUS_VALUES[term.status]
        self.valued(6, here, "termNote", "administrativeStatus", status, _STATUS_ATTRIB)
        if term.part_of_speech:
            pos = basic_part_of_speech(term.part_of_speech)
            self.valued(6, here, "termNote", "partOfSpeech", pos, _POS_ATTRIB)
        if term.term_type is not None:
            kind = term.term_type.value
            self.valued(6, here, "termNote", "termType", kind, _TERM_TYPE_ATTRIB)
        self.kept(6, here, term_notes=True)
        if term.source:
            self.valued(6, here, "admin", "source", term.source, _SOURCE_ATTRIB)
        self.notes(6, term.note)
        if term.case_sensitive:
            # TBX-Basic has no data category for it; a fixed note survives other tools.
            self.leaf(6, "note", _CASE_SENSITIVE_NOTE)
        self.kept(6, here, term_notes=False)
        self.close(5, section)

    def notes(self, depth: int, note: str | None) -> None:
        """One <note> per line: the reader joins several notes back into lines."""
        if note:
            for line in note.splitlines():
                if line.strip():
                    self.leaf(depth, "note", line.strip())


def _date_text(when: datetime) -> str:
    """An xsd:dateTime in UTC, to the second (a naive value is taken to be UTC already)."""
    utc = when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return utc.isoformat(timespec="seconds").replace("+00:00", "Z")
