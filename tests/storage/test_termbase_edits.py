"""Storage functions behind term base editing: pages, added terms, deleted terms."""

from __future__ import annotations

from sqlalchemy import insert

from workbench.domain.model import Concept, Term
from workbench.storage import termbase
from workbench.storage.engine import Database
from workbench.storage.schema import ConceptRow


def test_a_page_skips_concepts_without_terms(db: Database) -> None:
    with db.sessions.begin() as session:
        first = termbase.add_concept(session, Concept(terms=[Term("en", "WAIC")]))
        session.execute(insert(ConceptRow), [{"note": "left empty by an older version"}])
        last = termbase.add_concept(session, Concept(terms=[Term("ko", "센스타임")]))
    with db.sessions() as session:
        assert [c.id for c in termbase.concept_page(session)] == [first, last]
        assert [c.id for c in termbase.concept_page(session, after_id=first)] == [last]
        assert termbase.concept_page(session, after_id=last) == []


def test_add_terms_adds_only_what_the_concept_lacks(db: Database) -> None:
    with db.sessions.begin() as session:
        concept_id = termbase.add_concept(session, Concept(terms=[Term("en", "SenseTime")]))
    with db.sessions.begin() as session:
        fresh = [Term("en", "SenseTime"), Term("ko", " 센스타임"), Term("ko", "센스타임 ")]
        assert termbase.add_terms(session, concept_id, fresh, author="mina") == 1
        assert termbase.add_terms(session, concept_id + 1, fresh) == 0
    with db.sessions() as session:
        stored = termbase.get_concept(session, concept_id)
    assert stored is not None and stored.updated_by == "mina"
    assert [(t.lang, t.text) for t in stored.terms] == [("en", "SenseTime"), ("ko", "센스타임")]


def test_delete_term_reports_a_missing_term(db: Database) -> None:
    with db.sessions.begin() as session:
        concept_id = termbase.add_concept(session, Concept(terms=[Term("en", "SenseTime")]))
    with db.sessions.begin() as session:
        assert termbase.delete_term(session, concept_id, "en", "Sensetime") is False
        assert termbase.delete_term(session, concept_id + 1, "en", "SenseTime") is False
        assert termbase.delete_term(session, concept_id, "en", "SenseTime") is True
    with db.sessions() as session:
        assert termbase.get_concept(session, concept_id) is None
