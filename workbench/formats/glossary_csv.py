"""CSV, TSV and OmegaT glossaries, and the column convention that XLSX shares with CSV and TSV."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, ClassVar, Protocol

from workbench.domain.langtags import UnknownLanguageError, is_language_tag, normalize_lang
from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.formats.base import (
    FormatError,
    ProgressCallback,
    ReadOptions,
    WriteOptions,
    open_counted,
)

Row = tuple[int, Sequence[str]]
"""One record of a table: the line (or sheet row) where it starts, and its cells."""

_CHUNK = 1 << 16

# Concept-level columns of our convention. `pos` and `description` come from Google's glossary
# format; they are reserved too, so they are checked before language tags (`id` is Indonesian,
# `pos` is Sayula Popoluca).
_CONCEPT_FIELDS = ("id", "subject", "definition", "note", "pos", "description")
_WRITTEN_FIELDS = ("id", "subject", "definition", "note")
_TERM_ATTRIBUTES = ("status", "pos", "type", "note", "source", "case")
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
_USAGE_COMMENT = re.compile(r"\s*\[([^\]]*)\]\s*")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class ColumnError(ValueError):
    """A header or a row that does not fit the columns; the reader adds the path and line."""


class ColumnLayout(Protocol):
    """How the cells of one data row become a concept."""

    width: int
    """Number of columns in the header."""
    uid_column: int | None
    """Column holding the concept id, whose repeated rows make one concept."""

    def concept(self, cells: Sequence[str]) -> Concept:
        """The concept one row describes (possibly without terms)."""
        ...


class TableSource(Protocol):
    """A table (delimited text or a worksheet) whose rows can be read more than once."""

    def open(
        self, on_progress: ProgressCallback | None
    ) -> AbstractContextManager[Callable[[], Iterator[Row]]]:
        """Open the table and give a function that reads its rows from the top, lazily."""
        ...


# --- cell values ---------------------------------------------------------------------------


def _key(text: str) -> str:
    """Lower-case text without spaces, hyphens and underscores, for lenient picklist lookup."""
    return re.sub(r"[\s_-]", "", text.lower())


def _status(text: str) -> TermStatus:
    """Parse a status cell: ours, TBX administrative statuses, and forbidden-like words."""
    key = _key(text).removesuffix("admnsts")
    if key not in _STATUS_NAMES:
        raise ValueError(f"unknown status {text!r} (use preferred, admitted or deprecated)")
    return _STATUS_NAMES[key]


def _term_type(text: str) -> TermType:
    """Parse a term type cell (TBX termType picklist)."""
    term_type = _TYPE_NAMES.get(_key(text))
    if term_type is None:
        known = ", ".join(t.value for t in TermType)
        raise ValueError(f"unknown term type {text!r} (use {known})")
    return term_type


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
        case "subject":
            concept.subject_field = value
        case "definition":
            concept.definitions[""] = value
        case "note" | "description":
            concept.note = _joined(concept.note, value)
        case "pos":
            # Google's `pos` column gives the part of speech of every term in the row.
            for term in concept.terms:
                term.part_of_speech = term.part_of_speech or value


def _field_text(concept: Concept, name: str) -> str:
    """The cell text of one concept-level field, the inverse of _set_field."""
    match name:
        case "id":
            return concept.uid or ""
        case "subject":
            return concept.subject_field or ""
        case "definition":
            return concept.definitions.get("", "")
        case "note":
            return concept.note or ""
    return ""


def _joined(first: str | None, second: str | None) -> str | None:
    """Two notes as one, each kept once."""
    if not second or second == first:
        return first
    if not first:
        return second
    return first if second in first.split("\n") else f"{first}\n{second}"


def _add_term(concept: Concept, term: Term) -> None:
    """Add term unless the concept already has one with its language and text."""
    if all(existing.key() != term.key() for existing in concept.terms):
        concept.terms.append(term)


def merge_concepts(concept: Concept, other: Concept) -> None:
    """Fold other into concept: new terms, and the fields concept lacks (one id, one concept)."""
    for term in other.terms:
        _add_term(concept, term)
    concept.subject_field = concept.subject_field or other.subject_field
    concept.note = _joined(concept.note, other.note)
    for lang, definition in other.definitions.items():
        concept.definitions.setdefault(lang, definition)


def _language(text: str, what: str) -> str:
    """Normalise a language tag, or raise ColumnError saying where it came from."""
    try:
        return normalize_lang(text)
    except UnknownLanguageError:
        raise ColumnError(f"{what} names an unknown language {text!r}") from None


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
    def for_writing(cls, langs: Sequence[str], terms_per_lang: dict[str, int]) -> GlossaryColumns:
        """The full set of columns for langs, so that export then import loses nothing."""
        names = list(_WRITTEN_FIELDS)
        for lang in dict.fromkeys(normalize_lang(lang) for lang in langs):
            spelled = header_tag(lang)
            for _ in range(max(terms_per_lang.get(lang, 1), 1)):
                names.append(spelled)
                names.extend(f"{spelled}:{attribute}" for attribute in _TERM_ATTRIBUTES)
            names.append(f"{spelled}:definition")
        return cls(names)

    def concept(self, cells: Sequence[str]) -> Concept:
        """The concept one row describes."""
        concept = Concept()
        for column in self._terms:
            term = self._term(column, cells)
            if term is not None:
                _add_term(concept, term)
        for name, index in self._fields.items():
            value = cells[index].strip()
            if value:
                _set_field(concept, name, value)
        for lang, index in self._definitions.items():
            value = cells[index].strip()
            if value:
                concept.definitions[lang] = value
        return concept

    def row(self, concept: Concept) -> list[str] | None:
        """The cells for concept, or None when it has no term in these languages."""
        if not any(concept.terms_in(lang) for lang in self._slots):
            return None
        cells = [""] * self.width
        for name, index in self._fields.items():
            cells[index] = _field_text(concept, name)
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
                    cells[index] = _attribute_text(term, attribute)
        for lang, index in self._definitions.items():
            cells[index] = concept.definitions.get(lang, "")
        return cells

    def write_rows(self, concepts: Iterable[Concept], append: Callable[[list[str]], object]) -> int:
        """Append a row per concept that has terms in these languages; return how many."""
        count = 0
        for concept in concepts:
            cells = self.row(concept)
            if cells is not None:
                append(cells)
                count += 1
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
            if value:
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
        lang = _language(tag.strip(), f"column {index + 1} header {name!r}")
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


# --- third-party layouts -------------------------------------------------------------------


def _column_indexes(names: Sequence[str], known: Sequence[str], layout: str) -> dict[str, int]:
    """Map lower-case column names to their index; unknown or repeated names are errors."""
    indexes: dict[str, int] = {}
    for index, name in enumerate(names):
        key = name.strip().lower()
        if not key:
            continue
        if key not in known:
            raise ColumnError(
                f"column {index + 1} header {name.strip()!r} is not a {layout} column "
                f"(known: {', '.join(known)})"
            )
        if key in indexes:
            raise ColumnError(f"column {index + 1} repeats the {name.strip()!r} column")
        indexes[key] = index
    return indexes


def _usage_note(cell: str) -> tuple[str, str | None]:
    """Split `term [usage comment]` into the term and its comment, the way TICO-19 writes them."""
    comments = [comment.strip() for comment in _USAGE_COMMENT.findall(cell)]
    text = " ".join(_USAGE_COMMENT.sub(" ", cell).split())
    if not text:
        # A cell that is all brackets is a term such as `[none]`, not a comment.
        return cell.strip(), None
    return text, "; ".join(filter(None, comments)) or None


def _alternatives(cell: str) -> Iterator[tuple[str, str | None]]:
    """Split a TICO-19 cell into (term, usage comment) pairs; ` : ` separates alternatives."""
    for part in cell.split(" : "):
        if part.strip():
            yield _usage_note(part)


class TicoColumns:
    """TICO-19 terminology: languages and terms per row, alternatives separated by ` : `."""

    COLUMNS = (
        "id",
        "stringid",
        "sourcelang",
        "targetlang",
        "pos",
        "description",
        "sourcestring",
        "targetstring",
    )
    REQUIRED = frozenset({"sourcelang", "targetlang", "sourcestring", "targetstring"})

    def __init__(self, names: Sequence[str]) -> None:
        self.names = [name.strip() for name in names]
        self.width = len(names)
        self._index = _column_indexes(names, self.COLUMNS, "TICO-19")
        self.uid_column = self._index.get("stringid", self._index.get("id"))

    def concept(self, cells: Sequence[str]) -> Concept:
        """The concept of one source/target row."""
        concept = Concept(uid=self._value(cells, "stringid") or self._value(cells, "id") or None)
        concept.note = self._value(cells, "description") or None
        sources = self._terms(cells, "sourcelang", "sourcestring")
        pos = self._value(cells, "pos") or None
        for term in sources:
            term.part_of_speech = pos
        for term in [*sources, *self._terms(cells, "targetlang", "targetstring")]:
            _add_term(concept, term)
        return concept

    def _terms(self, cells: Sequence[str], lang_column: str, text_column: str) -> list[Term]:
        """The terms of one side: the first alternative preferred, the others admitted."""
        text = self._value(cells, text_column)
        if not text:
            return []
        index = self._index[lang_column]
        lang = _language(cells[index].strip(), f"column {index + 1} ({self.names[index]!r})")
        return [
            Term(lang, term, TermStatus.PREFERRED if n == 0 else TermStatus.ADMITTED, note=note)
            for n, (term, note) in enumerate(_alternatives(text))
        ]

    def _value(self, cells: Sequence[str], name: str) -> str:
        index = self._index.get(name)
        return "" if index is None else cells[index].strip()


class WeblateColumns:
    """Weblate (translate-toolkit) CSV: `source`, `target` and optional columns; no languages."""

    COLUMNS = (
        "location",
        "source",
        "target",
        "id",
        "fuzzy",
        "context",
        "translator_comments",
        "developer_comments",
    )
    REQUIRED = frozenset({"source", "target"})

    def __init__(self, names: Sequence[str], source_lang: str | None, target_lang: str | None):
        self.width = len(names)
        self._index = _column_indexes(names, self.COLUMNS, "Weblate CSV")
        if source_lang is None or target_lang is None:
            raise ColumnError("header has no language codes; give --source-lang and --target-lang")
        self.source_lang = _language(source_lang, "--source-lang")
        self.target_lang = _language(target_lang, "--target-lang")
        self.uid_column = self._index.get("id", self._index.get("context"))

    def concept(self, cells: Sequence[str]) -> Concept:
        """The concept of one source/target row; `location` is ignored."""
        concept = Concept(uid=self._value(cells, "id") or self._value(cells, "context") or None)
        source = self._value(cells, "source")
        target = self._value(cells, "target")
        if source:
            concept.terms.append(Term(self.source_lang, source))
        if target:
            # A fuzzy translation has not been reviewed, so it is not yet the preferred term.
            fuzzy = self._value(cells, "fuzzy").lower() in {"1", "x", "true", "yes", "fuzzy"}
            status = TermStatus.ADMITTED if fuzzy else TermStatus.PREFERRED
            text, note = _usage_note(target)
            _add_term(concept, Term(self.target_lang, text, status, note=note))
        for name in ("developer_comments", "translator_comments"):
            concept.note = _joined(concept.note, self._value(cells, name) or None)
        return concept

    def _value(self, cells: Sequence[str], name: str) -> str:
        index = self._index.get(name)
        return "" if index is None else cells[index].strip()


def interpret_header(names: Sequence[str], options: ReadOptions) -> ColumnLayout:
    """Choose the layout a header row describes: TICO-19, Weblate, or our convention."""
    keys = {name.strip().lower() for name in names} - {""}
    if keys >= TicoColumns.REQUIRED:
        return TicoColumns(names)
    if keys >= WeblateColumns.REQUIRED:
        return WeblateColumns(names, options.source_lang, options.target_lang)
    return GlossaryColumns(names)


# --- reading tables ------------------------------------------------------------------------


class _ProgressRelay:
    """Forwards progress only once switched on, so that a first pass can stay silent."""

    def __init__(self) -> None:
        self.target: ProgressCallback | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.target is not None:
            self.target(done, total)


def is_blank(cells: Sequence[str]) -> bool:
    """True for a record whose cells are all empty or white space."""
    return all(not cell.strip() for cell in cells)


@dataclass(frozen=True, slots=True)
class _Header:
    """The interpreted header row, and its unnamed columns, which must stay empty."""

    layout: ColumnLayout
    unnamed: tuple[int, ...]


def _header(rows: Iterator[Row], path: Path, options: ReadOptions) -> _Header:
    """Read the first non-blank row and interpret it."""
    for line, cells in rows:
        if not is_blank(cells):
            try:
                layout = interpret_header(cells, options)
            except ColumnError as error:
                raise FormatError(path, str(error), line) from None
            return _Header(layout, tuple(i for i, name in enumerate(cells) if not name.strip()))
    raise FormatError(path, "file is empty")


def _fitted(cells: Sequence[str], header: _Header, pad: bool) -> Sequence[str]:
    """Check a row against the header (padding it for spreadsheets, whose rows end early)."""
    return fit_row(cells, header.layout.width, header.unnamed, pad)


def fit_row(
    cells: Sequence[str], width: int, unnamed: Sequence[int] = (), pad: bool = False
) -> Sequence[str]:
    """Check a row against a header of width columns whose unnamed columns must stay empty;
    ColumnError for a ragged row (a short one is padded when pad is set)."""
    for index in unnamed:
        if index < len(cells) and cells[index].strip():
            raise ColumnError(f"column {index + 1} has no header but holds {cells[index]!r}")
    if len(cells) < width:
        if not pad:
            raise ColumnError(f"row has {len(cells)} cells but the header has {width} columns")
        return [*cells, *[""] * (width - len(cells))]
    for index in range(width, len(cells)):
        if cells[index].strip():
            raise ColumnError(
                f"row has {len(cells)} cells but the header has {width} columns "
                f"(column {index + 1} holds {cells[index]!r})"
            )
    return cells


def _repeated_uids(rows: Iterator[Row], uid_column: int) -> dict[str, int]:
    """Ids found on more than one row, with the line of their last row."""
    last: dict[str, int] = {}
    repeated: set[str] = set()
    for line, cells in rows:
        uid = cells[uid_column].strip() if len(cells) > uid_column else ""
        if uid:
            if uid in last:
                repeated.add(uid)
            last[uid] = line
    return {uid: last[uid] for uid in repeated}


def _concepts(
    rows: Iterator[Row],
    header: _Header,
    path: Path,
    repeated: dict[str, int],
    pad: bool,
) -> Iterator[Concept]:
    """Convert data rows, holding a repeated id's concept back until its last row."""
    pending: dict[str, Concept] = {}
    for line, cells in rows:
        if is_blank(cells):
            continue
        try:
            concept = header.layout.concept(_fitted(cells, header, pad))
        except ColumnError as error:
            raise FormatError(path, str(error), line) from None
        uid = concept.uid
        if uid is None or uid not in repeated:
            if concept.terms:
                yield concept
            continue
        if uid in pending:
            merge_concepts(pending[uid], concept)
        else:
            pending[uid] = concept
        if line == repeated[uid]:
            merged = pending.pop(uid)
            if merged.terms:
                yield merged


def read_table(
    source: TableSource, path: Path, options: ReadOptions, pad_short_rows: bool = False
) -> Iterator[Concept]:
    """Read a table whose first row is a header (CSV, TSV or a worksheet) as concepts."""
    relay = _ProgressRelay()
    with source.open(relay) as read_rows:
        rows = read_rows()
        header = _header(rows, path, options)
        uid_column = header.layout.uid_column
        repeated: dict[str, int] = {}
        if uid_column is not None:
            # Rows with one id make one concept wherever they are, so a silent first pass finds
            # the repeated ids; concepts then stream, rather than wait in memory for the end.
            repeated = _repeated_uids(rows, uid_column)
            rows = read_rows()
            _header(rows, path, options)
        relay.target = options.on_progress
        yield from _concepts(rows, header, path, repeated, pad_short_rows)


def _text_lines(stream: BinaryIO, path: Path) -> Iterator[str]:
    """Decode UTF-8 (BOM optional) or UTF-16 (with BOM) into lines, naming the line that fails."""
    head = stream.read(3)
    encoding, skip = "utf-8", 0
    for bom, name in _BOMS:
        if head.startswith(bom):
            encoding, skip = name, len(bom)
            break
    data = head[skip:] + stream.read(_CHUNK)
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    pending = ""
    while True:
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            done = pending + error.object[: error.start].decode(encoding, "replace")
            label = "UTF-8" if encoding == "utf-8" else "UTF-16"
            raise FormatError(
                path,
                f"not valid {label} ({error.reason}); save the file as UTF-8",
                line + done.count("\n"),
            ) from None
        *complete, pending = (pending + text).split("\n")
        for piece in complete:
            yield piece + "\n"
        line += len(complete)
        if not data:
            break
        data = stream.read(_CHUNK)
    if pending:
        yield pending


def delimited_rows(
    stream: BinaryIO, path: Path, delimiter: str, quoted: bool = True
) -> Iterator[Row]:
    """Decode (UTF-8, or UTF-16 with a BOM) and parse delimited text lazily, numbering each
    record by its first line; FormatError (naming path and line) for bad bytes or quoting."""
    return _csv_rows(_text_lines(stream, path), path, delimiter, quoted)


def _csv_rows(lines: Iterator[str], path: Path, delimiter: str, quoted: bool) -> Iterator[Row]:
    """Parse lines as CSV, numbering each record by the physical line where it starts."""
    reader = csv.reader(
        lines, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    )
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise FormatError(path, f"bad CSV: {error}", reader.line_num) from None


@dataclass(frozen=True, slots=True)
class DelimitedSource:
    """The records of a delimited text file, decoded and parsed as they are read."""

    path: Path
    delimiter: str
    quoted: bool = True

    @contextmanager
    def open(self, on_progress: ProgressCallback | None) -> Iterator[Callable[[], Iterator[Row]]]:
        """Give a function that reads the file from the top (it is opened on each read)."""
        yield lambda: self.rows(on_progress)

    def rows(self, on_progress: ProgressCallback | None) -> Iterator[Row]:
        """Read, decode and parse the file lazily."""
        with open_counted(self.path, on_progress) as stream:
            yield from delimited_rows(stream, self.path, self.delimiter, self.quoted)


# --- formats -------------------------------------------------------------------------------


@contextmanager
def row_writer(
    path: Path, bom: bool, delimiter: str, quoted: bool = True
) -> Iterator[Callable[[Sequence[str]], object]]:
    """Open path for writing rows (LF line ends, optional BOM) and give the row writer."""
    encoding = "utf-8-sig" if bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        if quoted:
            yield csv.writer(handle, delimiter=delimiter, lineterminator="\n").writerow
        else:
            yield lambda cells: handle.write(delimiter.join(cells) + "\n")


class DelimitedFormat:
    """A glossary as delimited text with a header row, in our column convention."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    delimiter: ClassVar[str]

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield concepts row by row, raising FormatError for bad input."""
        return read_table(DelimitedSource(path, self.delimiter), path, options)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write one row per concept and return how many were written."""
        if not options.langs:
            raise ValueError("no languages to write")
        columns = GlossaryColumns.for_writing(options.langs, options.terms_per_lang)
        with row_writer(path, options.bom, self.delimiter) as append:
            append(columns.names)
            return columns.write_rows(concepts, append)


class CsvFormat(DelimitedFormat):
    """Comma-separated glossary (RFC 4180)."""

    name: ClassVar[str] = "csv"
    extensions: ClassVar[tuple[str, ...]] = (".csv",)
    delimiter: ClassVar[str] = ","


class TsvFormat(DelimitedFormat):
    """TAB-separated glossary, quoted like CSV where a cell needs it."""

    name: ClassVar[str] = "tsv"
    extensions: ClassVar[tuple[str, ...]] = (".tsv",)
    delimiter: ClassVar[str] = "\t"


class OmegatFormat:
    """OmegaT glossary: `source<TAB>target[<TAB>comment]` lines without a header."""

    name: ClassVar[str] = "omegat"
    extensions: ClassVar[tuple[str, ...]] = (".tab", ".utf8", ".txt")

    def __init__(self, delimiter: str = "\t") -> None:
        self.delimiter = delimiter
        # OmegaT's TAB files have no quoting; its comma files quote like RFC 4180.
        self.quoted = delimiter != "\t"

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield one concept per run of lines with the same source term."""
        if options.source_lang is None or options.target_lang is None:
            raise FormatError(
                path, "OmegaT glossaries name no languages; give --source-lang and --target-lang", 1
            )
        source_lang = self._language(path, options.source_lang, "--source-lang")
        target_lang = self._language(path, options.target_lang, "--target-lang")
        rows = DelimitedSource(path, self.delimiter, self.quoted).rows(options.on_progress)
        yield from self._concepts(rows, path, source_lang, target_lang)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write one line per target term of the first two languages; return concepts written."""
        if len(options.langs) < 2:
            raise ValueError("an OmegaT glossary needs a source and a target language")
        source_lang, target_lang = (normalize_lang(lang) for lang in options.langs[:2])

        count = 0
        with row_writer(path, options.bom, self.delimiter, self.quoted) as append:
            for concept in concepts:
                lines = _omegat_lines(concept, source_lang, target_lang)
                for cells in lines:
                    append(self._cleaned(cells))
                count += bool(lines)
        return count

    def _cleaned(self, cells: list[str]) -> list[str]:
        """Cells safe for an unquoted TAB file, which cannot hold TABs or line breaks."""
        if self.quoted:
            return cells
        return [" ".join(cell.split()) for cell in cells]

    @staticmethod
    def _language(path: Path, tag: str, what: str) -> str:
        try:
            return _language(tag, what)
        except ColumnError as error:
            raise FormatError(path, str(error), 1) from None

    @staticmethod
    def _concepts(
        rows: Iterator[Row], path: Path, source_lang: str, target_lang: str
    ) -> Iterator[Concept]:
        """Group consecutive lines with one source term into concepts."""
        current: Concept | None = None
        seen_any = False
        for line, cells in rows:
            if is_blank(cells):
                continue
            seen_any = True
            if cells[0].startswith("#"):
                continue
            source, target, comment = _omegat_fields(cells, path, line)
            marker = _STATUS_MARKER.match(comment)
            status = TermStatus(marker.group(1).lower()) if marker else TermStatus.PREFERRED
            note = comment[marker.end() :].strip() if marker else comment
            if current is None or current.terms[0].text != source:
                if current is not None:
                    yield current
                current = Concept(terms=[Term(source_lang, source)])
            _add_term(current, Term(target_lang, target, status))
            current.note = _joined(current.note, note or None)
        if current is not None:
            yield current
        if not seen_any:
            raise FormatError(path, "file is empty")


def _omegat_fields(cells: Sequence[str], path: Path, line: int) -> tuple[str, str, str]:
    """Source, target and comment of one OmegaT line; fields after the third are ignored."""
    if len(cells) < 2:
        raise FormatError(path, "line has one field; expected a source and a target term", line)
    source, target = cells[0].strip(), cells[1].strip()
    if not source or not target:
        raise FormatError(path, f"line has no {'source' if not source else 'target'} term", line)
    return source, target, cells[2].strip() if len(cells) > 2 else ""


def _omegat_lines(concept: Concept, source_lang: str, target_lang: str) -> list[list[str]]:
    """One line per target term, preferred first; none when a language is missing."""
    sources = concept.terms_in(source_lang)
    targets = concept.terms_in(target_lang)
    if not sources or not targets:
        return []
    lines = []
    for term in targets:
        marker = "" if term.status is TermStatus.PREFERRED else f"[{term.status.value}]"
        comment = " ".join(filter(None, (marker, concept.note or "")))
        lines.append([sources[0].text, term.text, *([comment] if comment else [])])
    return lines
