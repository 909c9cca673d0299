"""The term base on SQLite and PostgreSQL: storing, merging, searching, counting."""

from __future__ import annotations

import time

import pytest

from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.storage import termbase
from workbench.storage.engine import Database

P, A, D = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED


def wenge(uid: str | None = None) -> Concept:
    return Concept(
        uid=uid,
        subject_field="organisation",
        definitions={"en": "Beijing AI company"},
        terms=[
            Term("ko", "원거테크놀러지"),
            Term("zh-Hant", "中科聞歌"),
            Term("zh-Hans", "中科闻歌"),
            Term("en", "Beijing Wenge Technology", term_type=TermType.FULL_FORM),
            Term("en", "Wenge Tech", status=D),
        ],
    )


def zhu() -> Concept:
    return Concept(
        terms=[Term("ko", "주광샹"), Term("ko", "주광상", status=D), Term("en", "Zhu Guangxiang")]
    )


def count(db: Database) -> tuple[int, int]:
    with db.sessions() as session:
        found = termbase.stats(session)
    return found.concepts, found.terms


def test_a_concept_comes_back_with_every_field(db: Database) -> None:
    with db.sessions.begin() as session:
        concept_id = termbase.add_concept(session, wenge("org-wenge"), author="mina")
    with db.sessions() as session:
        stored = termbase.get_concept(session, concept_id)
    assert stored is not None
    assert stored.uid == "org-wenge"
    assert stored.subject_field == "organisation"
    assert stored.definitions == {"en": "Beijing AI company"}
    assert stored.created_by == "mina"
    assert stored.created_at is not None and stored.created_at.tzinfo is not None
    en = stored.terms_in("en")
    assert [(t.text, t.status, t.term_type) for t in en] == [
        ("Beijing Wenge Technology", P, TermType.FULL_FORM),
        ("Wenge Tech", D, None),
    ]


def test_import_counts_and_reimport_does_not_duplicate(db: Database) -> None:
    with db.sessions.begin() as session:
        first = termbase.import_concepts(session, [wenge(), zhu()])
    assert (first.concepts_created, first.terms_added) == (2, 8)
    with db.sessions.begin() as session:
        again = termbase.import_concepts(session, [wenge(), zhu()])
    assert (again.concepts_created, again.concepts_merged, again.terms_added) == (0, 2, 0)
    assert count(db) == (2, 8)


def test_same_id_merges_and_adds_the_new_terms_and_statuses(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [wenge("org-wenge")])
    update = Concept(
        uid="org-wenge",
        terms=[Term("en", "Wenge Tech", status=A), Term("ja", "中科聞歌")],
        note="checked",
    )
    with db.sessions.begin() as session:
        result = termbase.import_concepts(session, [update])
    assert (result.concepts_merged, result.terms_added, result.terms_updated) == (1, 1, 1)
    with db.sessions() as session:
        (stored,) = termbase.find_concepts_by_term(session, "wenge tech", "en")
    assert stored.note == "checked"
    assert stored.subject_field == "organisation"  # not said by the update, so kept
    assert {t.text: t.status for t in stored.terms_in("en")}["Wenge Tech"] is A
    assert [t.text for t in stored.terms_in("ja")] == ["中科聞歌"]


def test_without_id_a_shared_term_merges_into_that_concept(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [wenge()])
    synonym = Concept(terms=[Term("ko", "원거테크놀러지"), Term("ko", "원거 테크놀러지", status=A)])
    with db.sessions.begin() as session:
        result = termbase.import_concepts(session, [synonym])
    assert result.concepts_merged == 1 and result.concepts_created == 0
    assert count(db) == (1, 6)


def test_a_homonym_shared_with_two_concepts_stays_apart(db: Database) -> None:
    money = Concept(terms=[Term("en", "bank"), Term("ko", "은행")])
    river = Concept(terms=[Term("en", "bank"), Term("ko", "둑")])
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [money, river])
    with db.sessions.begin() as session:
        result = termbase.import_concepts(
            session, [Concept(terms=[Term("en", "bank"), Term("fr", "banque")])]
        )
    assert result.concepts_created == 1
    assert count(db) == (3, 6)


def test_rows_of_one_file_are_not_merged_by_shared_terms(db: Database) -> None:
    rows = [
        Concept(terms=[Term("fr", "chèvre"), Term("en", "goat cheese")]),
        Concept(terms=[Term("fr", "Chèvre"), Term("en", "goat cheese")]),
    ]
    with db.sessions.begin() as session:
        result = termbase.import_concepts(session, rows)
    assert result.concepts_created == 2


def test_terms_are_trimmed_and_repeats_inside_a_concept_dropped(db: Database) -> None:
    messy = Concept(terms=[Term("en", "  Shi   Jun "), Term("en", "Shi Jun"), Term("ko", "")])
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [messy])
    with db.sessions() as session:
        (stored,) = termbase.iter_concepts(session)
    assert [t.text for t in stored.terms] == ["Shi Jun"]


def test_a_failed_import_leaves_the_term_base_as_it_was(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [zhu()])

    def broken() -> object:
        yield wenge()
        raise ValueError("line 3: broken")

    with pytest.raises(ValueError), db.sessions.begin() as session:
        termbase.import_concepts(session, broken())  # type: ignore[arg-type]
    assert count(db) == (1, 3)


def test_lookup_ignores_case_width_and_spacing(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [wenge(), zhu()])
    with db.sessions() as session:
        assert len(termbase.find_concepts_by_term(session, "ＢＥＩＪＩＮＧ  wenge technology")) == 1
        assert termbase.find_concepts_by_term(session, "中科聞歌", "en") == []
        found = termbase.find_concepts_by_term(session, "주광상")
    assert [t.text for t in found[0].terms_in("ko")] == ["주광샹", "주광상"]


def test_search_finds_substrings_best_first(db: Database) -> None:
    shorter = Concept(terms=[Term("en", "Wenge")])
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [wenge(), shorter, zhu()])
    with db.sessions() as session:
        found = termbase.search_concepts(session, "WENGE")
        by_lang = termbase.search_concepts(session, "광", lang="ko")
    assert [c.terms[0].text for c in found] == ["Wenge", "원거테크놀러지"]
    assert len(by_lang) == 1


def test_search_treats_like_wildcards_as_text(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [Concept(terms=[Term("en", "100% pure")]), zhu()])
    with db.sessions() as session:
        assert len(termbase.search_concepts(session, "%")) == 1
        assert termbase.search_concepts(session, "_") == []


def test_stats_count_by_language_and_status(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [wenge(), zhu()])
    with db.sessions() as session:
        found = termbase.stats(session)
        per_lang = termbase.terms_per_lang(session)
    assert found.concepts == 2 and found.terms == 8
    assert found.terms_by_lang["ko"] == 3 and found.terms_by_lang["en"] == 3
    assert found.terms_by_status == {"preferred": 6, "deprecated": 2}
    assert per_lang["ko"] == 2 and per_lang["zh-Hant"] == 1


def test_export_stream_keeps_only_the_asked_languages(db: Database) -> None:
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [wenge(), zhu()])
    with db.sessions() as session:
        streamed = list(termbase.iter_concepts(session, langs=["zh-Hans"]))
    assert [[t.text for t in c.terms] for c in streamed] == [["中科闻歌"]]


def test_deleting_a_concept_deletes_its_terms(db: Database) -> None:
    with db.sessions.begin() as session:
        concept_id = termbase.add_concept(session, wenge())
    with db.sessions.begin() as session:
        assert termbase.delete_concept(session, concept_id)
    assert count(db) == (0, 0)


def test_lookup_by_text_uses_the_index_and_is_fast(db: Database) -> None:
    concepts = [
        Concept(terms=[Term("en", f"term number {i}"), Term("ko", f"용어 {i}")])
        for i in range(3000)
    ]
    with db.sessions.begin() as session:
        termbase.import_concepts(session, concepts)
    with db.sessions() as session:
        termbase.find_concepts_by_term(session, "term number 1")
        started = time.perf_counter()
        found = termbase.find_concepts_by_term(session, "TERM number 2999", "en")
        elapsed = time.perf_counter() - started
    assert [t.text for t in found[0].terms] == ["term number 2999", "용어 2999"]
    assert elapsed < 0.5  # a full scan is not the point here; benchmarks/ measures < 1 ms


def test_imported_times_and_authors_are_kept(db: Database) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    created = datetime(2010, 4, 17, 9, 30, tzinfo=timezone(timedelta(hours=9)))
    dated = Concept(
        terms=[Term("en", "galaxy cluster")],
        created_at=created,
        created_by="Tommy",
        definitions={"en": "A group of galaxies", "": "neutral"},
    )
    with db.sessions.begin() as session:
        termbase.import_concepts(session, [dated, zhu()], author="importer")
    with db.sessions() as session:
        first, second = termbase.iter_concepts(session)
    assert first.created_at == created.astimezone(UTC) and first.created_by == "Tommy"
    assert first.updated_at == created.astimezone(UTC)
    assert first.definitions == {"en": "A group of galaxies", "": "neutral"}
    assert second.created_by == "importer" and second.created_at is not None
    assert abs(second.created_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_an_import_keeps_each_terms_details_whichever_columns_its_batch_fills(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch leaves out the columns none of its terms fill: the details of the terms of
    other batches (and of the one term that fills a column) are kept."""
    monkeypatch.setattr(termbase, "BATCH_SIZE", 2)
    detailed = Term("en", "saved", part_of_speech="verb", note="a note", source="a source")
    concepts = [
        Concept(uid="c1", terms=[Term("en", "save"), Term("ko", "저장")]),
        Concept(uid="c2", terms=[Term("en", "open")]),
        Concept(uid="c3", terms=[detailed, Term("en", "sv", term_type=TermType.ABBREVIATION)]),
        Concept(uid="c4", terms=[Term("en", "close", case_sensitive=True)]),
    ]
    expected = [
        [
            (t.text, t.part_of_speech, t.term_type, t.note, t.source, t.case_sensitive)
            for t in c.terms
        ]
        for c in concepts
    ]
    with db.sessions.begin() as session:
        termbase.import_concepts(session, concepts)
    with db.sessions() as session:
        stored = sorted(termbase.iter_concepts(session), key=lambda c: c.uid or "")
    assert [
        [
            (t.text, t.part_of_speech, t.term_type, t.note, t.source, t.case_sensitive)
            for t in c.terms
        ]
        for c in stored
    ] == expected
