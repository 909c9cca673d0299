"""Term recognition as a use case: the term base's index, and the terms it finds in a text.

The index is kept in a file (storage.index_file) with the term base's revision: a command
whose kept index is current reads the file and one row of the database through SQLAlchemy
Core, and imports neither the ORM nor the term base's storage module (nor the formats, which
the other term-base use cases need).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from typing import TYPE_CHECKING

from workbench.domain.langtags import normalize_lang
from workbench.domain.matching import Hit, TermIndex
from workbench.domain.term_table import IndexData
from workbench.storage import current_sqlite, index_file, index_revision

if TYPE_CHECKING:
    from workbench.storage.engine import Database

REREAD_LIMIT = 5000
"""Concepts changed since the kept index was written that are read again on their own; past
this many the whole term base is read."""


def load_term_index_at(url: str) -> TermIndex:
    """load_term_index of the database at url; a current SQLite file whose kept index is
    current too is read without SQLAlchemy, any other database opened as open_database does."""
    quick = current_sqlite.connect_current(url)
    if quick is not None:
        with closing(quick):
            state = index_revision.termbase_state(quick)
        path = current_sqlite.sqlite_file(url)
        assert path is not None
        kept = index_file.read_index_file(index_file.sqlite_index_path(path), state.identity)
        if kept is not None and kept[0] == state.revision:
            return TermIndex.from_data(kept[1])
    from workbench.storage.engine import open_database

    database = open_database(url)
    try:
        return load_term_index(database)
    finally:
        database.dispose()


def load_term_index(db: Database) -> TermIndex:
    """The term recognition index of the whole term base.

    Kept in a file (beside a SQLite database, in the cache folder for a server) with the term
    base's revision: a current file is read as it is, an older one gets the concepts changed
    since read again (another client's changes too), and the file is written anew.
    """
    with db.engine.connect() as connection:
        state = index_revision.termbase_state(connection)
    path = index_file.index_file_path(db.engine.url, state.identity)
    kept = index_file.read_index_file(path, state.identity) if path else None
    if kept is not None and kept[0] == state.revision:
        return TermIndex.from_data(kept[1])
    from workbench.storage import termbase  # the ORM: only when terms must be read

    with db.sessions() as session:
        # the revision before the terms: a change in between is read again next time
        state = index_revision.termbase_state(session)
        data: IndexData | None = None
        if kept is not None and kept[0] < state.revision:
            changed = index_revision.changed_since(session, kept[0])
            if len(changed) <= REREAD_LIMIT:
                fresh = IndexData.of(termbase.term_table(session, changed))
                data = kept[1].changed(changed, fresh)
        if data is None:
            data = IndexData.of(termbase.term_table(session))
    if path is not None:
        index_file.write_index_file(path, state.identity, state.revision, data)
    return TermIndex.from_data(data)


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
