"""Third-party glossary table layouts: TICO-19 and Weblate CSV, and the choice among layouts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from workbench.domain.model import Concept, Term, TermStatus
from workbench.formats.base import ReadOptions
from workbench.formats.delimited import ColumnError, header_language
from workbench.formats.glossary.columns import ColumnLayout, GlossaryColumns, add_term, joined

_USAGE_COMMENT = re.compile(r"\s*\[([^\]]*)\]\s*")
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
            add_term(concept, term)
        return concept

    def _terms(self, cells: Sequence[str], lang_column: str, text_column: str) -> list[Term]:
        """The terms of one side: the first alternative preferred, the others admitted."""
        text = self._value(cells, text_column)
        if not text:
            return []
        index = self._index[lang_column]
        lang = header_language(cells[index].strip(), f"column {index + 1} ({self.names[index]!r})")
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
        self.source_lang = header_language(source_lang, "--source-lang")
        self.target_lang = header_language(target_lang, "--target-lang")
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
            add_term(concept, Term(self.target_lang, text, status, note=note))
        for name in ("developer_comments", "translator_comments"):
            concept.note = joined(concept.note, self._value(cells, name) or None)
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
