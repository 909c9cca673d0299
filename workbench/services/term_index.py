"""Term recognition as a use case: the term base's index, and the terms it finds in a text.

The index is kept in a file (storage.index_file) with the term base's revision: a command
whose kept index is current reads the file and one row of the database through SQLAlchemy
Core, and imports neither the ORM nor the term base's storage module (nor the formats, which
the other term-base use cases need).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import closing
from functools import partial
from typing import TYPE_CHECKING

from workbench.domain.langtags import normalize_lang
from workbench.domain.matching import Hit, TermIndex
from workbench.domain.term_table import IndexData, TermTable
from workbench.storage import current_sqlite, index_file, index_revision, term_rows
from workbench.storage.automaton_file import AutomatonFiles, automaton_folder

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from workbench.storage.engine import Database

REREAD_LIMIT = 5000
"""Concepts changed since the kept index was written that are read again on their own; past
this many the whole term base is read."""


def load_term_index_at(url: str) -> TermIndex:
    """load_term_index of the database at url: a current SQLite file through the sqlite3
    driver alone (no SQLAlchemy), any other database opened as open_database does."""
    quick = current_sqlite.connect_current(url)
    if quick is None:
        from workbench.storage.engine import open_database

        database = open_database(url)
        try:
            return load_term_index(database)
        finally:
            database.dispose()
    database_file = current_sqlite.sqlite_file(url)
    assert database_file is not None
    path = index_file.sqlite_index_path(database_file)
    with closing(quick):
        # the revision before the terms: a change in between is read again next time
        state = index_revision.termbase_state(quick)
        kept = index_file.read_index_file(path, state.identity)
        data = _current(quick, state, kept, partial(term_rows.read_terms, quick))
    if kept is None or data is not kept.data:
        index_file.write_index_file(path, state.identity, state.revision, data, state.token)
    return _indexed(data, path)


def load_term_index(db: Database) -> TermIndex:
    """The term recognition index of the whole term base.

    Kept in a file (beside a SQLite database, in the cache folder for a server) with the term
    base's revision: a current file is read as it is, an older one gets the concepts changed
    since read again (another client's changes too), and the file is written anew.
    """
    with db.engine.connect() as connection:
        state = index_revision.termbase_state(connection)
        census = index_revision.term_census(connection)
    path = index_file.index_file_path(db.engine.url, state.identity)
    kept = index_file.read_index_file(path, state.identity) if path else None
    if kept is not None and _is_current(kept, state, census):
        return _indexed(kept.data, path)
    from workbench.storage import termbase  # the ORM: only when terms must be read

    with db.sessions() as session:
        # the revision before the terms: a change in between is read again next time
        state = index_revision.termbase_state(session)
        data = _current(session, state, kept, partial(termbase.term_table, session))
    if path is not None:
        index_file.write_index_file(path, state.identity, state.revision, data, state.token)
    return _indexed(data, path)


def _indexed(data: IndexData, path: Path | None) -> TermIndex:
    """The index of data, its compiled automata kept beside the kept index file at path."""
    if path is None:
        return TermIndex.from_data(data)
    return TermIndex.from_data(data, AutomatonFiles(automaton_folder(path)))


def _current(
    reader: Connection | Session | sqlite3.Connection,
    state: index_revision.TermbaseState,
    kept: index_file.KeptIndex | None,
    terms: Callable[[set[int] | None], TermTable],
) -> IndexData:
    """The index data of the term base in state: the kept data if it is current, else the
    kept data with the concepts changed since read again (when the kept revision is one this
    term base's history had: not a backup's put back), else every term."""
    if kept is None or not kept.token:
        return IndexData.of(terms(None))
    census = index_revision.term_census(reader)  # before the terms, as the state
    if _is_current(kept, state, census):
        return kept.data
    # only a revision this term base's own history had can be caught up from
    ours = kept.revision < state.revision
    if ours and index_revision.token_at(reader, kept.revision) == kept.token:
        changed = index_revision.changed_since(reader, kept.revision)
        if len(changed) <= REREAD_LIMIT:
            data = kept.data.changed(changed, IndexData.of(terms(changed)))
            if _counted(data) == census:
                return data
    return IndexData.of(terms(None))


def _is_current(
    kept: index_file.KeptIndex, state: index_revision.TermbaseState, census: tuple[int, int]
) -> bool:
    """Whether kept data is the term base's now: its revision and token, and its census
    (terms, last concept), which a writer that does not raise the revision still changes."""
    same_revision = (kept.revision, kept.token) == (state.revision, state.token)
    return same_revision and _counted(kept.data) == census


def _counted(data: IndexData) -> tuple[int, int]:
    """The census of index data: its terms, and its last concept id (concepts in id order)."""
    concepts = data.table.concept
    return len(concepts), int(concepts[-1]) if len(concepts) else 0


def find_terms(
    index: TermIndex,
    text: str,
    lang: str,
    overlapping: bool = False,
    partial: bool = False,
    target_langs: Sequence[str] | None = None,
) -> list[Hit]:
    """Term hits in text, for a text written in lang."""
    targets = [normalize_lang(t) for t in target_langs] if target_langs else None
    return index.find(
        text, normalize_lang(lang), overlapping=overlapping, partial=partial, target_langs=targets
    )
