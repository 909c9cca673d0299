"""Our glossary column convention (language-tag columns, `<lang>:<attribute>` and concept
columns), shared by CSV, TSV and XLSX, and the cell values it reads and writes."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from workbench.domain.langtags import is_language_tag, normalize_lang
from workbench.domain.model import Concept, DataCategory, Term, TermStatus, TermType
from workbench.formats.delimited import ColumnError, header_language, lenient_key
from workbench.formats.glossary.export_ids import ExportIds
from workbench.formats.xml_safety import escape_text

# Concept-level columns of our convention. `pos` and `description` come from Google's glossary
# format; they are reserved too, so they are checked before language tags (`id` is Indonesian,
# `pos` is Sayula Popoluca).
_CONCEPT_FIELDS = ("id", "origin", "subject", "definition", "note", "pos", "description")
_TERM_ATTRIBUTES = ("status", "pos", "context", "note", "type", "source", "case")
"""Term attribute columns, in the order export writes them after each term."""
COLUMN_KINDS = (
    *("id", "term", "status", "pos", "definition", "context", "note", "type", "source", "case"),
    *("subject", "concept-definition", "concept-note", "origin"),
)
"""What `glossary export --columns` chooses from: per language, term and its attributes and
the language's definition; per concept, subject, a definition and a note tied to no language,
and the origin of the id (export writes them in this order, whatever order they are given)."""
_CONTEXT = "context"
"""A term's context sentence: a DataCategory of the concept (TBX descrip type="context")."""
_HEADER_SPELLING = {"id": "ind"}
"""Languages whose tag is a reserved column name, and how the writer spells them instead."""

_STATUS_NAMES: dict[str, TermStatus] = {
    **dict.fromkeys(("preferred", "preferredterm", "standardizedterm"), TermStatus.PREFERRED),
    **dict.fromkeys(("admitted", "admittedterm"), TermStatus.ADMITTED),
    **dict.fromkeys(
        (
            "deprecated",
            "deprecatedterm",
            "supersededterm",
            "forbidden",
            "forbiddenterm",
            "notrecommended",
            "obsolete",
        ),
        TermStatus.DEPRECATED,
    ),
}
_TYPE_NAMES = {term_type.value.lower(): term_type for term_type in TermType}
_FLAG_NAMES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
_STATUS_MARKER = re.compile(r"\[(preferred|admitted|deprecated)\]\s*", re.IGNORECASE)


class ColumnLayout(Protocol):
    """How the cells of one data row become a concept."""

    width: int
    """Number of columns in the header."""
    uid_column: int | None
    """Column holding the concept id, whose repeated rows make one concept."""

    def concept(self, cells: Sequence[str]) -> Concept:
        """The concept one row describes (possibly without terms)."""
        ...


# --- cell values ---------------------------------------------------------------------------


@lru_cache(maxsize=256)  # a column repeats a few values on every row
def _status(text: str) -> TermStatus:
    """Parse a status cell: ours, TBX administrative statuses, and forbidden-like words."""
    key = lenient_key(text).removesuffix("admnsts")
    if key not in _STATUS_NAMES:
        raise ValueError(f"unknown status {text!r} (use preferred, admitted or deprecated)")
    return _STATUS_NAMES[key]


@lru_cache(maxsize=256)  # a column repeats a few values on every row
def _term_type(text: str) -> TermType:
    """Parse a term type cell (TBX termType picklist)."""
    term_type = _TYPE_NAMES.get(lenient_key(text))
    if term_type is None:
        known = ", ".join(t.value for t in TermType)
        raise ValueError(f"unknown term type {text!r} (use {known})")
    return term_type


@lru_cache(maxsize=256)  # a column repeats a few values on every row
def _flag(text: str) -> bool:
    """Parse a yes/no cell."""
    flag = _FLAG_NAMES.get(text.lower())
    if flag is None:
        raise ValueError(f"expected yes or no, not {text!r}")
    return flag


def _set_attribute(term: Term, attribute: str, value: str) -> None:
    """Store one `<lang>:<attribute>` cell on its term."""
    match attribute:
        case "status":
            term.status = _status(value)
        case "pos":
            term.part_of_speech = value
        case "type":
            term.term_type = _term_type(value)
        case "note":
            term.note = value
        case "source":
            term.source = value
        case "case":
            term.case_sensitive = _flag(value)


def context_category(lang: str, term: str, text: str) -> DataCategory:
    """A term's context sentence as TBX keeps it."""
    markup = f'<descrip type="context">{escape_text(text)}</descrip>'
    return DataCategory(_CONTEXT, markup, text, lang, term)


def _context_text(concept: Concept, term: Term) -> str:
    """The first context sentence kept for a term, or ""."""
    for category in concept.categories:
        if category.name == _CONTEXT and (category.lang, category.term) == term.key():
            return category.text
    return ""


def _attribute_text(term: Term, attribute: str) -> str:
    """The cell text of one term attribute, the inverse of _set_attribute."""
    match attribute:
        case "status":
            return term.status.value
        case "pos":
            return term.part_of_speech or ""
        case "type":
            return term.term_type.value if term.term_type else ""
        case "note":
            return term.note or ""
        case "source":
            return term.source or ""
        case "case":
            return "yes" if term.case_sensitive else ""
    raise ValueError(f"unknown term attribute {attribute!r}")


def _set_field(concept: Concept, name: str, value: str) -> None:
    """Store one concept-level cell."""
    match name:
        case "id":
            concept.uid = value
        case "origin":
            concept.origin = value
        case "subject":
            concept.subject_field = value
        case "definition":
            concept.definitions[""] = value
        case "note" | "description":
            concept.note = joined(concept.note, value)
        case "pos":
            # Google's `pos` column gives the part of speech of every term in the row.
            for term in concept.terms:
                term.part_of_speech = term.part_of_speech or value


def _field_text(concept: Concept, name: str) -> str:
    """The cell text of one concept-level field, the inverse of _set_field."""
    match name:
        case "id":
            return concept.uid or ""
        case "origin":
            return concept.origin or ""
        case "subject":
            return concept.subject_field or ""
        case "definition":
            return concept.definitions.get("", "")
        case "note":
            return concept.note or ""
    return ""


def joined(first: str | None, second: str | None) -> str | None:
    """Two notes as one, each kept once."""
    if not second or second == first:
        return first
    if not first:
        return second
    return first if second in first.split("\n") else f"{first}\n{second}"


def add_term(concept: Concept, term: Term) -> None:
    """Add term unless the concept already has one with its language and text."""
    if all(existing.key() != term.key() for existing in concept.terms):
        concept.terms.append(term)


def merge_concepts(concept: Concept, other: Concept) -> None:
    """Fold other into concept: new terms, and the fields concept lacks (one id, one concept)."""
    for term in other.terms:
        add_term(concept, term)
    concept.subject_field = concept.subject_field or other.subject_field
    concept.note = joined(concept.note, other.note)
    for lang, definition in other.definitions.items():
        concept.definitions.setdefault(lang, definition)


def _separator_hint(name: str) -> str:
    """A hint when a header cell looks like a whole row in another separator."""
    if "\t" in name:
        return " (is the file TAB-separated? use --format tsv)"
    if ";" in name:
        return " (is the file semicolon-separated? save it with commas)"
    return ""


# --- our convention ------------------------------------------------------------------------


@dataclass(slots=True)
class _TermColumn:
    """A language column and the attribute columns that describe its term."""

    index: int
    lang: str
    attributes: dict[str, int] = field(default_factory=dict)


class GlossaryColumns:
    """Our column convention: language-tag columns, `<lang>:<attribute>` and concept columns."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = [name.strip() for name in names]
        self.width = len(self.names)
        self._fields: dict[str, int] = {}
        self._terms: list[_TermColumn] = []
        self._definitions: dict[str, int] = {}
        for index, name in enumerate(self.names):
            if name:
                self._add_column(index, name)
        if not self._terms:
            raise ColumnError("header has no language columns (e.g. en, ko, zh-Hant)")
        self.uid_column = self._fields.get("id")
        self._slots: dict[str, list[_TermColumn]] = {}
        for column in self._terms:
            self._slots.setdefault(column.lang, []).append(column)

    @classmethod
    def for_writing(
        cls,
        langs: Sequence[str],
        terms_per_lang: dict[str, int],
        kinds: Sequence[str] | None = None,
    ) -> GlossaryColumns:
        """Every column for langs (of kinds, when given; see COLUMN_KINDS), so that export
        then import loses nothing: id, then per language each term slot (the term, its
        status, part of speech, context, note, type, source, case; the language's definition
        after the first slot's part of speech), then the concept's subject, definition and
        note, and last the origin of the ids (export_ids.py)."""
        wanted = set(COLUMN_KINDS if kinds is None else (*kinds, "term"))
        names = ["id"] if "id" in wanted else []
        for lang in dict.fromkeys(normalize_lang(lang) for lang in langs):
            spelled = header_tag(lang)
            for slot in range(max(terms_per_lang.get(lang, 1), 1)):
                names.append(spelled)
                for attribute in _TERM_ATTRIBUTES:
                    if attribute == "context" and slot == 0 and "definition" in wanted:
                        names.append(f"{spelled}:definition")
                    if attribute in wanted:
                        names.append(f"{spelled}:{attribute}")
        for kind, name in (
            ("subject", "subject"),
            ("concept-definition", "definition"),
            ("concept-note", "note"),
            ("origin", "origin"),
        ):
            if kind in wanted:
                names.append(name)
        return cls(names)

    def concept(self, cells: Sequence[str]) -> Concept:
        """The concept one row describes."""
        concept = Concept()
        for column in self._terms:
            term = self._term(column, cells)
            if term is not None:
                add_term(concept, term)
                index = column.attributes.get(_CONTEXT)
                context = cells[index].strip() if index is not None else ""
                if context:
                    concept.categories.append(context_category(term.lang, term.text, context))
        for name, index in self._fields.items():
            value = cells[index].strip()
            if value:
                _set_field(concept, name, value)
        for lang, index in self._definitions.items():
            value = cells[index].strip()
            if value:
                concept.definitions[lang] = value
        return concept

    def row(self, concept: Concept, uid: str | None = None) -> list[str] | None:
        """The cells for concept (with uid as its id, when given), or None when it has no
        term in these languages."""
        if not any(concept.terms_in(lang) for lang in self._slots):
            return None
        cells = [""] * self.width
        for name, index in self._fields.items():
            cells[index] = _field_text(concept, name)
        if uid is not None and "id" in self._fields:
            cells[self._fields["id"]] = uid
        for lang, columns in self._slots.items():
            terms = concept.terms_in(lang)
            if len(terms) > len(columns):
                name = concept.uid or concept.terms[0].text
                raise ValueError(
                    f"concept {name!r} has {len(terms)} {lang!r} terms "
                    f"but terms_per_lang allows {len(columns)}"
                )
            for column, term in zip(columns, terms, strict=False):
                cells[column.index] = term.text
                for attribute, index in column.attributes.items():
                    if attribute == _CONTEXT:
                        cells[index] = _context_text(concept, term)
                    else:
                        cells[index] = _attribute_text(term, attribute)
        for lang, index in self._definitions.items():
            cells[index] = concept.definitions.get(lang, "")
        return cells

    def write_rows(
        self,
        concepts: Iterable[Concept],
        append: Callable[[list[str]], object],
        header: Callable[[list[str]], object] | None = None,
        every_column: bool = False,
    ) -> int:
        """Append the header (through header, when given), then a row per concept with terms
        in these languages; return how many rows. Columns no row fills are left out (a person
        reads the sheet) unless every_column (they were chosen): rows wait in a spool file
        until it is known which columns carry data."""
        ids = ExportIds()
        used = [False] * self.width
        for index in (column.index for columns in self._slots.values() for column in columns[:1]):
            used[index] = True  # a language's first term column, even if it were empty
        count = 0
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            for concept in concepts:
                if not any(concept.terms_in(lang) for lang in self._slots):
                    continue
                cells = self.row(concept, ids.make(concept))
                if cells is None:
                    continue
                filled = {index: text for index, text in enumerate(cells) if text}
                for index in filled:
                    used[index] = True
                spool.write(json.dumps(filled, ensure_ascii=False) + "\n")
                count += 1
            kept = [i for i in range(self.width) if used[i] or every_column]
            (header or append)([self.names[i] for i in kept])
            spool.seek(0)
            for line in spool:
                filled = {int(key): text for key, text in json.loads(line).items()}
                append([filled.get(i, "") for i in kept])
        return count

    def _term(self, column: _TermColumn, cells: Sequence[str]) -> Term | None:
        """The term in one language column with its attributes, or None for an empty cell."""
        text = cells[column.index].strip()
        if not text:
            # Attributes of an empty slot are ignored: spreadsheets often prefill a status column.
            return None
        term = Term(lang=column.lang, text=text)
        for attribute, index in column.attributes.items():
            value = cells[index].strip()
            if value and attribute != _CONTEXT:
                try:
                    _set_attribute(term, attribute, value)
                except ValueError as error:
                    raise ColumnError(
                        f"column {index + 1} ({self.names[index]!r}): {error}"
                    ) from None
        return term

    def _add_column(self, index: int, name: str) -> None:
        """Interpret one header cell."""
        key = name.lower()
        if key in _CONCEPT_FIELDS:
            if key in self._fields:
                raise ColumnError(f"column {index + 1} repeats the {name!r} column")
            self._fields[key] = index
        elif ":" in name:
            self._add_attribute(index, name)
        elif is_language_tag(name):
            self._terms.append(_TermColumn(index, normalize_lang(name)))
        else:
            raise ColumnError(
                f"column {index + 1} header {name!r} is neither a language tag nor a known column"
                + _separator_hint(name)
            )

    def _add_attribute(self, index: int, name: str) -> None:
        """Interpret a `<lang>:<attribute>` header cell."""
        tag, _, attribute = name.partition(":")
        attribute = attribute.strip().lower()
        lang = header_language(tag.strip(), f"column {index + 1} header {name!r}")
        if attribute == "definition":
            if lang in self._definitions:
                raise ColumnError(f"column {index + 1} repeats the {name!r} column")
            self._definitions[lang] = index
            return
        if attribute not in _TERM_ATTRIBUTES:
            known = ", ".join((*_TERM_ATTRIBUTES, "definition"))
            raise ColumnError(
                f"column {index + 1} header {name!r} has an unknown attribute (known: {known})"
            )
        term = next((column for column in reversed(self._terms) if column.lang == lang), None)
        if term is None:
            raise ColumnError(f"column {index + 1} header {name!r} follows no {tag!r} column")
        if attribute in term.attributes:
            raise ColumnError(
                f"column {index + 1} repeats {name!r} for the term in column {term.index + 1}"
            )
        term.attributes[attribute] = index


def header_tag(lang: str) -> str:
    """How a language is written in a header, avoiding reserved column names."""
    spelled = _HEADER_SPELLING.get(lang.lower(), lang)
    if spelled.lower() in _CONCEPT_FIELDS:
        raise ValueError(f"language {lang!r} cannot be a column: {spelled!r} is a reserved name")
    return spelled
