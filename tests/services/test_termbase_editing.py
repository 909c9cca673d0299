"""Editing the term base through the use cases, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from workbench import services
from workbench.domain.langtags import UnknownLanguageError
from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.storage import termbase
from workbench.storage.engine import Database
from workbench.storage.schema import TermRow

P, A, D = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED


def wenge(db: Database) -> Concept:
    return services.add_concept(
        db,
        [
            Term("ko", "원거테크놀러지"),
            Term("zh-Hant", "中科聞歌"),
            Term("en", "Beijing Wenge Technology", term_type=TermType.FULL_FORM),
            Term("en", "Wenge Tech", status=D),
        ],
        subject_field="organisation",
        note="AI company",
        author="mina",
    )


def all_concepts(db: Database) -> list[Concept]:
    with db.sessions() as session:
        return list(termbase.iter_concepts(session))


def test_get_concept_returns_it_or_none(db: Database) -> None:
    stored = wenge(db)
    assert stored.id is not None
    found = services.get_concept(db, stored.id)
    assert found is not None and found.subject_field == "organisation"
    assert services.get_concept(db, stored.id + 1000) is None


def test_update_changes_fields_and_terms(db: Database) -> None:
    stored = wenge(db)
    assert stored.id is not None
    en_full = stored.terms_in("en")[0]
    edited = replace(
        stored,
        subject_field="company",
        note=None,
        terms=[
            Term("ko", "원거테크놀러지", status=A),  # status changed
            Term("zh_hans", " 中科闻歌 "),  # added, language and text cleaned
            en_full,  # unchanged
        ],  # 中科聞歌 and Wenge Tech removed
    )
    updated = services.update_concept(db, edited, author="jun")
    assert updated.subject_field == "company" and updated.note is None
    assert sorted((t.lang, t.text, t.status) for t in updated.terms) == [
        ("en", "Beijing Wenge Technology", P),
        ("ko", "원거테크놀러지", A),
        ("zh-Hans", "中科闻歌", P),
    ]
    assert updated.terms_in("en")[0].term_type is TermType.FULL_FORM
    assert updated.updated_by == "jun" and updated.created_by == "mina"
    assert updated.updated_at is not None and stored.updated_at is not None
    assert updated.updated_at >= stored.updated_at
    assert len(all_concepts(db)) == 1


def term_times(db: Database) -> dict[str, datetime]:
    with db.sessions() as session:
        rows = session.execute(select(TermRow.text, TermRow.updated_at))
        return {text: moment for text, moment in rows}


def test_update_stamps_only_what_changed(db: Database) -> None:
    stored = wenge(db)
    assert stored.id is not None and stored.updated_at is not None
    before = term_times(db)
    noted = services.update_concept(db, replace(stored, note="an AI company"), author="jun")
    assert term_times(db) == before  # the note changed, not the terms
    assert noted.updated_at is not None and noted.updated_at > stored.updated_at
    again = services.update_concept(db, replace(noted, updated_by=None), author="other")
    assert again.updated_by == "jun" and again.updated_at == noted.updated_at  # no change
    terms = [replace(t, status=A) if t.text == "Wenge Tech" else t for t in noted.terms]
    services.update_concept(db, replace(noted, terms=terms), author="jun")
    after = term_times(db)
    assert after["Wenge Tech"] > before["Wenge Tech"]
    assert {k: v for k, v in after.items() if k != "Wenge Tech"} == {
        k: v for k, v in before.items() if k != "Wenge Tech"
    }


def test_update_refuses_empty_terms_unknown_languages_and_missing_concepts(db: Database) -> None:
    stored = wenge(db)
    assert stored.id is not None
    with pytest.raises(services.UsageError, match="at least one term"):
        services.update_concept(db, replace(stored, terms=[]))
    with pytest.raises(services.UsageError, match="no text"):
        services.update_concept(db, replace(stored, terms=[Term("en", "  ")]))
    with pytest.raises(UnknownLanguageError):
        services.update_concept(db, replace(stored, terms=[Term("xx-nope-123456789", "x")]))
    with pytest.raises(services.UsageError, match="no longer exists"):
        services.update_concept(db, replace(stored, id=stored.id + 1000))
    with pytest.raises(services.UsageError, match="never stored"):
        services.update_concept(db, replace(stored, id=None))
    unchanged = services.get_concept(db, stored.id)
    assert unchanged is not None and len(unchanged.terms) == 4


def test_delete_concept_removes_its_terms(db: Database) -> None:
    stored = wenge(db)
    assert stored.id is not None
    assert services.delete_concept(db, stored.id) is True
    assert services.delete_concept(db, stored.id) is False
    assert services.glossary_stats(db).terms == 0


def test_deleting_the_last_term_deletes_the_concept(db: Database) -> None:
    stored = services.add_concept(db, [Term("ko", "스쥔"), Term("zh-Hant", "史軍")])
    assert stored.id is not None
    left = services.delete_term(db, stored.id, "zh-Hant", "史軍")
    assert left is not None and [t.text for t in left.terms] == ["스쥔"]
    with pytest.raises(services.UsageError, match="no zh-Hant term"):
        services.delete_term(db, stored.id, "zh-Hant", "史軍")
    assert services.delete_term(db, stored.id, "ko", "스쥔") is None
    assert services.get_concept(db, stored.id) is None
    assert services.glossary_stats(db).concepts == 0


def test_quick_add_creates_a_concept_with_both_terms(db: Database) -> None:
    concept = services.quick_add_term(db, "ko", " 센스타임 ", "en", "SenseTime", author="mina")
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("ko", "센스타임", P),
        ("en", "SenseTime", P),
    ]
    assert concept.created_by == "mina"


def test_quick_add_joins_the_one_concept_with_the_source_term(db: Database) -> None:
    stored = wenge(db)
    concept = services.quick_add_term(db, "ko", "원거테크놀러지", "zh-Hans", "中科闻歌", status=A)
    assert concept.id == stored.id
    assert ("zh-Hans", "中科闻歌", A) in [(t.lang, t.text, t.status) for t in concept.terms]
    again = services.quick_add_term(db, "ko", "원거테크놀러지", "en", "Wenge Tech")
    assert len(again.terms) == 5  # already there: no duplicate, its status kept
    assert again.terms_in("en")[-1].status is D
    assert len(all_concepts(db)) == 1


def test_quick_add_matches_the_source_ignoring_case_and_width(db: Database) -> None:
    stored = services.add_concept(db, [Term("en", "WAIC"), Term("ko", "세계인공지능대회")])
    concept = services.quick_add_term(db, "en", "ｗａｉｃ", "zh-Hans", "世界人工智能大会")
    assert concept.id == stored.id


def test_quick_add_makes_a_new_concept_for_a_homonym(db: Database) -> None:
    services.add_concept(db, [Term("en", "Apple"), Term("ko", "사과")])
    services.add_concept(db, [Term("en", "Apple"), Term("ko", "애플")], new=True)  # a homonym
    concept = services.quick_add_term(db, "en", "Apple", "zh-Hans", "苹果")
    assert len(concept.terms) == 2
    assert len(all_concepts(db)) == 3


def test_quick_add_refuses_empty_text_and_unknown_languages(db: Database) -> None:
    with pytest.raises(services.UsageError, match="no text"):
        services.quick_add_term(db, "ko", "센스타임", "en", "  ")
    with pytest.raises(UnknownLanguageError):
        services.quick_add_term(db, "ko", "센스타임", "", "SenseTime")
    assert services.glossary_stats(db).concepts == 0


def test_browse_pages_through_concepts_in_id_order(db: Database) -> None:
    ids = [services.add_concept(db, [Term("en", f"term {n}")]).id for n in range(5)]
    first = services.browse_glossary(db, limit=2)
    assert [c.id for c in first] == ids[:2]
    last_id = first[-1].id
    assert last_id is not None
    assert [c.id for c in services.browse_glossary(db, after_id=last_id, limit=10)] == ids[2:]
    assert services.glossary_languages(db) == ["en"]
