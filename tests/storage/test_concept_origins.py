"""Migration 0007 on a term base written before origins were kept, and the merge rule's use of
origins and stable ids, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from workbench.domain.model import LOCAL_ORIGIN, Concept, Term
from workbench.storage import termbase
from workbench.storage.engine import Database, make_engine, open_database, upgrade

_CONCEPT = (
    "INSERT INTO concept (uid, subject_field, definitions, created_at, updated_at) "
    "VALUES (:uid, :subject, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)
_TERM = (
    "INSERT INTO term (concept_id, lang, text, lookup, status, case_sensitive) "
    "VALUES ((SELECT max(id) FROM concept), 'en', :text, :text, 'preferred', false)"
)


def old_database(db_url: str) -> None:
    """A term base at 0009: c1 from some file, and one concept without an id."""
    engine = make_engine(db_url)
    upgrade(engine, "0009")
    with engine.begin() as connection:
        connection.execute(text(_CONCEPT), {"uid": "c1", "subject": "General"})
        connection.execute(text(_TERM), {"text": "open cluster"})
        connection.execute(text(_CONCEPT), {"uid": None, "subject": None})
        connection.execute(text(_TERM), {"text": "my own term"})
    engine.dispose()


def test_old_concepts_get_an_origin_and_a_stable_id(db_url: str) -> None:
    old_database(db_url)
    db = open_database(db_url)
    try:
        with db.sessions() as session:
            first, second = termbase.iter_concepts(session)
        assert (first.uid, first.origin) == ("c1", None)  # unknown until a file claims it
        assert (second.uid, second.origin) == (None, LOCAL_ORIGIN)
        stable = {first.stable_id, second.stable_id}
        assert len(stable) == 2 and all(s and s.startswith("wb-") and len(s) == 19 for s in stable)
    finally:
        db.dispose()


def test_an_old_concept_is_claimed_only_by_its_id_with_a_shared_term(db_url: str) -> None:
    old_database(db_url)
    db = open_database(db_url)
    try:
        other = Concept(uid="c1", origin="IBM Data", terms=[Term("en", "navigation trail")])
        same = Concept(
            uid="c1",
            origin="basic_good.tbx",
            terms=[Term("en", "open cluster"), Term("fr", "amas")],
        )
        with db.sessions.begin() as session:
            first = termbase.import_concepts(session, [other])
            second = termbase.import_concepts(session, [same])
        assert (first.concepts_created, first.concepts_merged) == (1, 0)
        assert (second.concepts_created, second.concepts_merged, second.terms_added) == (0, 1, 1)
        with db.sessions() as session:
            (claimed,) = termbase.find_concepts_by_term(session, "open cluster", "en")
            assert claimed.origin == "basic_good.tbx" and claimed.subject_field == "General"
            # from now on it is that file's c1: the same id from IBM Data is another concept
            again = termbase.import_concepts(session, [other])
        assert again.concepts_merged == 1 and again.concepts_created == 0
    finally:
        db.dispose()


def test_a_stable_id_is_found_in_any_origin(db: Database) -> None:
    with db.sessions.begin() as session:
        concept_id = termbase.add_concept(session, Concept(terms=[Term("en", "stable")]))
        stored = termbase.get_concept(session, concept_id)
        assert stored is not None and stored.stable_id
        back = Concept(uid=stored.stable_id, origin="another.csv", terms=[Term("de", "stabil")])
        result = termbase.import_concepts(session, [back])
    assert (result.concepts_created, result.concepts_merged, result.terms_added) == (0, 1, 1)


def test_the_same_id_in_one_file_from_two_origins_is_two_concepts(db: Database) -> None:
    """A workbench export can carry c1 of two origins (the second written by its stable id)."""
    concepts = [
        Concept(uid="c1", origin="a.tbx", terms=[Term("en", "alpha")]),
        Concept(uid="c1", origin="b.tbx", terms=[Term("en", "beta")]),
    ]
    with db.sessions.begin() as session:
        result = termbase.import_concepts(session, concepts)
    assert result.concepts_created == 2
