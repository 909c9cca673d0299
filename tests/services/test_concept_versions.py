"""Concept versions: a save or deletion over someone else's newer save is refused, nothing lost."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import services
from workbench.domain.model import Concept, Term
from workbench.storage.engine import Database, open_database


def sensetime(db: Database) -> Concept:
    stored = services.add_concept(
        db, [Term("ko", "센스타임"), Term("en", "SenseTime")], author="mina"
    )
    assert stored.id is not None and stored.version == 0
    return stored


def test_a_save_over_a_newer_save_is_refused_naming_who_saved_first(db: Database) -> None:
    opened_by_jun = opened_by_ari = sensetime(db)
    assert opened_by_jun.id is not None
    saved = services.update_concept(
        db, replace(opened_by_jun, terms=[*opened_by_jun.terms, Term("zh", "商汤")]), "jun"
    )
    assert saved.version == 1
    stale = replace(opened_by_ari, note="Hong Kong", terms=opened_by_ari.terms[:1])
    with pytest.raises(services.ConceptConflictError) as refused:
        services.update_concept(db, stale, "ari")
    message = str(refused.value)
    assert message.startswith(f"concept {opened_by_jun.id} was changed by jun at ")
    assert "UTC after you opened it" in message and "\n" not in message
    after = services.get_concept(db, opened_by_jun.id)
    assert after is not None
    assert (after.note, after.version, after.updated_by) == (None, 1, "jun")
    assert [t.text for t in after.terms] == ["센스타임", "SenseTime", "商汤"]
    # reloaded, the same change goes through
    retried = services.update_concept(db, replace(after, note="Hong Kong"), "ari")
    assert (retried.note, retried.version) == ("Hong Kong", 2)


def test_a_save_that_changes_nothing_keeps_the_version(db: Database) -> None:
    stored = sensetime(db)
    assert services.update_concept(db, stored, "jun").version == 0
    assert services.update_concept(db, stored, "ari").version == 0


def test_quick_add_import_and_term_deletion_move_the_version_on(
    db: Database, tmp_path: Path
) -> None:
    stored = sensetime(db)
    assert stored.id is not None
    added = services.quick_add_term(db, "ko", "센스타임", "zh", "商汤", author="jun")
    assert added.version == 1
    glossary = tmp_path / "more.csv"
    glossary.write_text("ko,en,note\n센스타임,SenseTime,AI company\n", encoding="utf-8")
    services.import_glossary(db, glossary, author="ari")
    imported = services.get_concept(db, stored.id)
    assert imported is not None and imported.version == 2
    left = services.delete_term(db, stored.id, "zh", "商汤", "jun")
    assert left is not None and left.version == 3
    with pytest.raises(services.ConceptConflictError, match="changed by jun"):
        services.update_concept(db, replace(added, note="x"), "mina")


def test_a_deletion_decided_on_an_older_version_is_refused(db: Database) -> None:
    stored = sensetime(db)
    assert stored.id is not None
    services.update_concept(db, replace(stored, note="keep me"), "jun")
    with pytest.raises(services.ConceptConflictError, match="changed by jun"):
        services.delete_concept(db, stored.id, expected_version=stored.version)
    assert services.get_concept(db, stored.id) is not None
    assert services.delete_concept(db, stored.id, expected_version=1) is True
    assert services.delete_concept(db, stored.id, expected_version=1) is False


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["read", "save"]), st.integers(0, 2), st.text("abc", max_size=3)),
        max_size=14,
    )
)
def test_saves_by_editors_reading_and_saving_in_any_order(
    tmp_path: Path, steps: list[tuple[str, int, str]]
) -> None:
    """Any interleaving of three editors: a save is accepted exactly when nobody saved since
    its editor read, and the stored concept is always the last accepted save."""
    db = open_database(f"sqlite:///{tmp_path / f'{len(list(tmp_path.iterdir()))}.sqlite'}")
    try:
        stored = sensetime(db)
        assert stored.id is not None
        copies = [stored, stored, stored]
        expected = stored
        for action, editor, note in steps:
            if action == "read":
                fresh = services.get_concept(db, stored.id)
                assert fresh is not None
                copies[editor] = fresh
                continue
            edited = replace(copies[editor], note=note or None, terms=copies[editor].terms)
            current = expected.version
            try:
                result = services.update_concept(db, edited, f"editor {editor}")
            except services.ConceptConflictError:
                assert copies[editor].version != current
            else:
                assert copies[editor].version == current
                copies[editor] = expected = result
            now = services.get_concept(db, stored.id)
            assert now is not None
            assert (now.note, now.version) == (expected.note, expected.version)
    finally:
        db.dispose()
