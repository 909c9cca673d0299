"""Upgrading a database whose TM holds the duplicates earlier versions stored."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from workbench.domain.memory import TmUnitData
from workbench.storage import memory
from workbench.storage.engine import current_revision, head_revision, make_engine, open_database
from workbench.storage.engine import upgrade as upgrade_to

_UNIT = (
    "INSERT INTO tm_unit (id, source_lang, target_lang, source, target, codes, origin, context,"
    " author, properties, created_at, changed_at) VALUES (:id, :sl, :tl, :source, :target,"
    " '[]', :origin, :context, :author, '[]', :created, :changed)"
)


def _old_units() -> list[dict[str, object]]:
    """Three copies of one confirmation, two of an import, and two units that only look alike."""
    unit = {"sl": "ko", "tl": "en", "origin": "news.txt", "context": "k1", "changed": None}
    return [
        {**unit, "id": 1, "source": "센스타임.", "target": "SenseTime.", "author": "mina",
         "created": "2026-01-01 09:00:00"},
        {**unit, "id": 2, "source": "센스타임.", "target": "SenseTime.", "author": "jun",
         "created": "2026-03-01 09:00:00"},
        {**unit, "id": 3, "source": "센스타임.", "target": "SenseTime.", "author": "ara",
         "created": "2026-02-01 09:00:00"},
        {**unit, "id": 4, "source": "원거.", "target": "Wenge.", "author": None, "origin": "m.tmx",
         "context": None, "created": "2025-01-01 00:00:00"},
        {**unit, "id": 5, "source": "원거.", "target": "Wenge.", "author": None, "origin": "m.tmx",
         "context": None, "created": "2025-01-01 00:00:00"},
        {**unit, "id": 6, "source": "원거.", "target": "Wenge.", "author": None, "origin": "m.tmx",
         "context": "k2", "created": "2025-01-01 00:00:00"},  # another context
        {**unit, "id": 7, "source": "원거.", "target": "Wenge!", "author": None, "origin": "m.tmx",
         "context": None, "created": "2025-01-01 00:00:00"},  # another target
    ]  # fmt: skip


def test_duplicates_are_merged_keeping_the_newest_and_counting_uses(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade_to(engine, "0007")  # before the concordance index (0008)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO document (id, name, format, source_lang, target_lang, original,"
                " properties, last_position, created_at) VALUES (1, 'news.txt', 'txt', 'ko', 'en',"
                " :original, '{}', 1, CURRENT_TIMESTAMP)"
            ),
            {"original": b""},
        )
        connection.execute(
            text(
                "INSERT INTO segment (id, document_id, position, source, target, codes, status,"
                " structure, updated_at, version) VALUES (10, 1, 1, '센스타임.', 'SenseTime.',"
                " '[]', 'translated', '{}', CURRENT_TIMESTAMP, 3)"
            )
        )
        connection.execute(text(_UNIT), _old_units())
    engine.dispose()

    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.sessions() as session:
            stored = {unit.id: unit for unit in memory.iter_units(session)}
        assert sorted(stored) == [2, 5, 6, 7]  # the newest copy of each key (or the last)
        assert stored[2].author == "jun" and stored[2].use_count == 3
        assert stored[5].use_count == 2 and stored[6].use_count == stored[7].use_count == 1
        assert stored[2].provenance == ("news.txt", 10)  # linked to its segment
        assert stored[5].segment_id is None
        with db.engine.connect() as connection:  # the concordance holds the units kept, once
            indexed = connection.execute(text("SELECT count(*) FROM tm_concordance")).scalar()
        assert indexed == 4
        with db.sessions() as session:
            # the key is now enforced, and storing a copy again adds nothing
            again = TmUnitData(source_lang="ko", target_lang="en", source="원거.", target="Wenge.")
            counts = memory.store_units(session, [again])
            assert (counts.added, counts.present) == (0, 1)
            session.commit()
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO tm_unit (source_lang, target_lang, source, target, codes,"
                    " properties, unit_key, created_at) SELECT source_lang, target_lang, source,"
                    " target, codes, properties, unit_key, created_at FROM tm_unit WHERE id = 5"
                )
            )
    finally:
        db.dispose()
