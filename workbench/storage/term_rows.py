"""The term base's terms as a TermTable, from plain rows: SQLAlchemy's or the sqlite3 driver's.

The term index is made of every term's fields; the rows come through the engine
(storage.termbase.term_table) or, on a current SQLite file, through the driver alone
(storage.current_sqlite), and become the same table here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from workbench.domain.model import TermStatus, TermType
from workbench.domain.term_table import TermTable

TERM_FIELDS = (
    *("concept_id", "lang", "text", "status", "part_of_speech", "term_type"),
    *("case_sensitive", "note", "source"),
)
ALL_TERMS = f"SELECT {', '.join(TERM_FIELDS)} FROM term ORDER BY concept_id, id"
"""Every term, concept by concept in id order and each concept's in the order stored."""
_STATUS_BY_VALUE = {status.value: status for status in TermStatus}
_TYPE_BY_VALUE = {term_type.value: term_type for term_type in TermType}
_CHUNK = 500
"""Concept ids per statement (SQLite takes a limited number of parameters)."""


def table_of_rows(rows: Sequence[Sequence[Any]]) -> TermTable:
    """Term rows (TERM_FIELDS, in order) as a table."""
    table = TermTable.empty()
    if not rows:
        return table
    concept, lang, text, status, pos, term_type, case_sensitive, note, source = zip(
        *rows, strict=True
    )
    statuses, types = _STATUS_BY_VALUE, _TYPE_BY_VALUE
    table.concept.extend(concept)
    table.lang.extend(lang)
    table.text.extend(text)
    table.status.extend(map(statuses.__getitem__, status))
    table.part_of_speech.extend(pos)
    table.term_type.extend(types.get(t) if t else None for t in term_type)
    table.case_sensitive.extend(map(bool, case_sensitive))
    table.note.extend(note)
    table.source.extend(source)
    return table


def read_terms(connection: sqlite3.Connection, concept_ids: Iterable[int] | None) -> TermTable:
    """Every term, or the terms of some concepts, of a SQLite file (as termbase.term_table)."""
    if concept_ids is None:
        return table_of_rows(connection.execute(ALL_TERMS).fetchall())
    ids = sorted(set(concept_ids))
    rows: list[Any] = []
    for start in range(0, len(ids), _CHUNK):  # chunks in id order: rows stay in that order
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = (
            f"SELECT {', '.join(TERM_FIELDS)} FROM term WHERE concept_id IN ({marks}) "
            "ORDER BY concept_id, id"
        )
        rows += connection.execute(sql, chunk).fetchall()
    return table_of_rows(rows)
