"""Writes that race, on SQLite and PostgreSQL, each side in its own process and connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.race_support import race
from workbench import services
from workbench.domain.model import Term
from workbench.storage import termbase
from workbench.storage.engine import Database, current_revision, declared_head, open_database

ROUNDS = 10
"""The fault run saw each of these races in 10 of 10 rounds."""


def _emptied(url: str) -> str:
    """url, its database made new again: a new SQLite file, or PostgreSQL's schema emptied."""
    if make_url(url).get_backend_name() == "sqlite":
        Path(str(make_url(url).database)).unlink(missing_ok=True)
        return url
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar()
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
    return url


def _edit_concept(url: str, concept_id: int, term: str, author: str) -> Callable[[], object]:
    """Open the concept in an editor; after the barrier, save it with one more term."""
    db = open_database(url)
    concept = services.get_concept(db, concept_id)
    assert concept is not None

    def go() -> object:
        edited = replace(concept, terms=[*concept.terms, Term("en", term)])
        try:
            return [t.text for t in services.update_concept(db, edited, author).terms]
        finally:
            db.dispose()

    return go


def test_two_editors_saving_one_concept_one_is_refused_and_nothing_is_lost(db_url: str) -> None:
    db = open_database(db_url)
    try:
        for round_ in range(ROUNDS):
            stored = services.add_concept(db, [Term("ko", f"센스타임 {round_}")], author="mina")
            assert stored.id is not None
            outcomes = race(
                _edit_concept,
                (db_url, stored.id, f"SenseTime {round_}", "jun"),
                (db_url, stored.id, f"Shangtang {round_}", "ari"),
            )
            kinds = sorted(kind for kind, _ in outcomes)
            assert kinds == ["ConceptConflictError", "ok"], outcomes
            (saved,) = [value for kind, value in outcomes if kind == "ok"]
            (refusal,) = [str(value) for kind, value in outcomes if kind != "ok"]
            winner = "jun" if outcomes[0][0] == "ok" else "ari"
            assert refusal.startswith(f"concept {stored.id} was changed by {winner} at ")
            final = services.get_concept(db, stored.id)
            assert final is not None
            # what the winner saw saved is what is stored; the refused side changed nothing
            assert [t.text for t in final.terms] == saved
            assert final.version == stored.version + 1
    finally:
        db.dispose()


def _first_run(url: str) -> Callable[[], object]:
    """A workbench started for the first time on a database nobody has opened yet."""

    def go() -> object:
        db = open_database(url)
        try:
            return current_revision(db.engine)
        finally:
            db.dispose()

    return go


def test_two_first_runs_on_a_new_database_migrate_it_once(db_url: str) -> None:
    for _ in range(ROUNDS):
        url = _emptied(db_url)
        outcomes = race(_first_run, (url,), (url,))
        assert outcomes == [("ok", declared_head()), ("ok", declared_head())], outcomes
        db = open_database(url)
        try:
            with db.engine.connect() as connection:
                stamped = connection.execute(text("SELECT count(*) FROM alembic_version"))
                assert stamped.scalar() == 1
        finally:
            db.dispose()


CONCEPTS = 337


def _warm_up(tmp_path: Path, use_case: Callable[[Database, Path], object], path: Path) -> None:
    """Run use_case once in this process, on a database of its own, so that the processes
    forked for a race start with its modules loaded and meet in the race itself."""
    db = open_database(f"sqlite:///{tmp_path / 'warm-up.sqlite'}")
    try:
        use_case(db, path)
    finally:
        db.dispose()


RACED_CONCEPTS = 100
"""Concepts per round here: two processes released together race from the first concept."""


def write_glossary(path: Path, batch: int = 0, concepts: int = CONCEPTS) -> Path:
    """A CSV glossary of concepts in three languages (337: as many as the fault run's); each
    batch number gives other terms."""
    rows = ["ko,en,zh"] + [
        f"시험 용어 {batch}-{n},test term {batch}-{n},测试术语{batch}-{n}" for n in range(concepts)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _import_glossary(url: str, path: Path) -> Callable[[], object]:
    db = open_database(url)

    def go() -> object:
        try:
            result = services.import_glossary(db, path, author="tester")
            return (result.concepts_created, result.concepts_merged)
        finally:
            db.dispose()

    return go


def test_one_glossary_imported_twice_at_once_is_stored_once(db_url: str, tmp_path: Path) -> None:
    open_database(db_url).dispose()  # migrated first: the race is the imports'
    _warm_up(tmp_path, services.import_glossary, write_glossary(tmp_path / "warm.csv", -1))
    for round_ in range(ROUNDS):
        glossary = write_glossary(tmp_path / f"team-{round_}.csv", round_, RACED_CONCEPTS)
        outcomes = race(_import_glossary, (db_url, glossary), (db_url, glossary))
        # one import makes the concepts, the other waits for it and merges into them
        expected = [("ok", (0, RACED_CONCEPTS)), ("ok", (RACED_CONCEPTS, 0))]
        assert sorted(outcomes) == expected, outcomes
        db = open_database(db_url)
        try:
            counts = services.glossary_stats(db)
        finally:
            db.dispose()
        stored = RACED_CONCEPTS * (round_ + 1)
        assert (counts.concepts, counts.terms) == (stored, 3 * stored)


def _import_document(url: str, path: Path) -> Callable[[], object]:
    db = open_database(url)

    def go() -> object:
        try:
            return services.import_document(db, path, source_lang="ko", target_lang="en").name
        finally:
            db.dispose()

    return go


def test_one_document_name_imported_twice_at_once_is_refused_once(
    db_url: str, tmp_path: Path
) -> None:
    open_database(db_url).dispose()
    for round_ in range(ROUNDS):
        text_file = tmp_path / f"notes-{round_}.txt"
        text_file.write_text("첫 문장입니다.\n\n둘째 문장입니다.\n", encoding="utf-8")
        if not round_:
            _warm_up(tmp_path, services.import_document, text_file)
        outcomes = race(_import_document, (db_url, text_file), (db_url, text_file))
        assert sorted(kind for kind, _ in outcomes) == ["UsageError", "ok"], outcomes
        (refusal,) = [str(value) for kind, value in outcomes if kind != "ok"]
        assert refusal.startswith(f"a document named '{text_file.name}' exists already: give")
        db = open_database(db_url)
        try:
            stored = services.list_documents(db)
        finally:
            db.dispose()
        assert len(stored) == round_ + 1
        assert (stored[0].name, stored[0].segments) == (text_file.name, 2)


def test_an_import_that_cannot_get_its_turn_says_so_in_one_line(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(termbase, "IMPORT_WAIT_MS", 300)
    db = open_database(sqlite_url)
    glossary = write_glossary(tmp_path / "team.csv", concepts=3)
    try:
        with db.engine.connect() as writer:
            writer.exec_driver_sql("BEGIN IMMEDIATE")  # another writer that does not finish
            with pytest.raises(services.DatabaseError) as refused:
                services.import_glossary(db, glossary)
            writer.rollback()
        assert str(refused.value).endswith("termbase.sqlite: waited 0 minutes for another writer")
        assert services.glossary_stats(db).concepts == 0
        services.import_glossary(db, glossary)  # its turn come, it goes through
        assert services.glossary_stats(db).concepts == 3
    finally:
        db.dispose()


def _quick_add(url: str, source: str, target: str) -> Callable[[], object]:
    db = open_database(url)

    def go() -> object:
        try:
            return services.quick_add_term(db, "ko", source, "en", target, author="tester").id
        finally:
            db.dispose()

    return go


def test_one_new_term_quick_added_by_two_translators_at_once_makes_one_concept(
    db_url: str, tmp_path: Path
) -> None:
    open_database(db_url).dispose()
    _warm_up(tmp_path, lambda db, _: services.quick_add_term(db, "ko", "가", "en", "a"), tmp_path)
    for round_ in range(ROUNDS):
        source = f"센스타임 {round_}"
        outcomes = race(
            _quick_add, (db_url, source, f"SenseTime {round_}"), (db_url, source, f"商汤 {round_}")
        )
        assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
        assert outcomes[0][1] == outcomes[1][1]  # the second joined the first's concept
        db = open_database(db_url)
        try:
            (concept,) = services.search_glossary(db, source)
        finally:
            db.dispose()
        assert sorted(t.text for t in concept.terms) == sorted(
            [source, f"SenseTime {round_}", f"商汤 {round_}"]
        )


def test_imports_into_other_schemas_of_one_database_do_not_wait(
    pg_url: str, tmp_path: Path
) -> None:
    schema = pg_url.rsplit("%3D", 1)[1]
    other_url = f"{pg_url}_b"
    admin = create_engine(pg_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}_b"'))
    first, second = open_database(pg_url), open_database(other_url)
    glossary = write_glossary(tmp_path / "team.csv", concepts=3)
    try:
        with first.sessions.begin() as session:
            termbase.take_turn(session)  # an import running in the first schema
            done = threading.Thread(target=services.import_glossary, args=(second, glossary))
            done.start()
            done.join(20)
            assert not done.is_alive(), "an import waited for another schema's"
        assert services.glossary_stats(second).concepts == 3
    finally:
        first.dispose()
        second.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}_b" CASCADE'))
        admin.dispose()


def _add_concept(url: str, source: str, target: str) -> Callable[[], object]:
    db = open_database(url)

    def go() -> object:
        try:
            terms = [Term("ko", source), Term("en", target)]
            return services.add_concept(db, terms, author="tester").id
        finally:
            db.dispose()

    return go


def test_one_new_term_added_by_two_terminologists_at_once_is_asked_about_once(
    db_url: str, tmp_path: Path
) -> None:
    """glossary add refuses a term stored already (SameTermError), also one stored meanwhile."""
    open_database(db_url).dispose()
    _warm_up(tmp_path, lambda db, _: services.add_concept(db, [Term("ko", "가")]), tmp_path)
    for round_ in range(ROUNDS):
        source = f"딥시크 {round_}"
        outcomes = race(
            _add_concept,
            (db_url, source, f"DeepSeek {round_}"),
            (db_url, source, f"深度求索 {round_}"),
        )
        assert sorted(kind for kind, _ in outcomes) == ["SameTermError", "ok"], outcomes
        (refusal,) = [str(value) for kind, value in outcomes if kind != "ok"]
        assert refusal.startswith(f"ko {source!r} is already a term of concept ")
        db = open_database(db_url)
        try:
            assert len(services.search_glossary(db, source)) == 1
        finally:
            db.dispose()
