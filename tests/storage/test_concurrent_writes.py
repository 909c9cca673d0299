"""Writes that race, on SQLite and PostgreSQL, each side in its own process and connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from tests.race_support import race
from workbench import services
from workbench.domain.model import Term
from workbench.storage.engine import current_revision, declared_head, open_database

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
