"""Concordance over the stored TM and term base, on SQLite and PostgreSQL; TM upkeep."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from workbench import services
from workbench.domain.memory import TmUnitData
from workbench.domain.model import Term
from workbench.services import Database
from workbench.storage import memory
from workbench.storage.engine import make_engine, open_database, upgrade


def unit(source: str, target: str, source_lang: str = "ko", target_lang: str = "en") -> TmUnitData:
    return TmUnitData(
        source_lang=source_lang, target_lang=target_lang, source=source, target=target
    )


UNITS = [
    unit("원거테크놀러지가 새 모델을 발표했다.", "Wenge Technology announced new models."),
    unit("원거테크놀러지의 언어 모델", "The language model of Wenge Technology"),
    unit("데이터를 정리한다.", "The data is cleaned."),
    unit("資料庫已更新", "The database was updated.", "zh-Hant", "en-US"),
]


@pytest.fixture
def filled(db: Database) -> Database:
    with db.sessions.begin() as session:
        memory.add_units(session, UNITS)
    services.add_concept(db, [Term("ko", "원거테크놀러지"), Term("en", "Wenge Technology")])
    services.add_concept(db, [Term("en", "language model"), Term("ko", "언어 모델")])
    return db


def texts(found: services.Concordance) -> list[str]:
    return [hit.text for hit in found.units]


def test_a_korean_query_with_a_particle_finds_units_and_the_term(filled: Database) -> None:
    found = services.concordance(filled, "원거테크놀러지의", "ko")
    assert texts(found) == ["원거테크놀러지의 언어 모델", "원거테크놀러지가 새 모델을 발표했다."]
    assert found.unit_count == 2 and not found.more
    first = found.units[0]
    assert first.other == "The language model of Wenge Technology"
    assert [first.text[s:e] for s, e in first.spans] == ["원거테크놀러지의"]
    (term,) = found.terms
    assert term.term.text == "원거테크놀러지"
    assert [t.text for t in term.translations] == ["Wenge Technology"]


def test_the_target_side_is_searched_in_its_language_and_variants(filled: Database) -> None:
    found = services.concordance(filled, "Models", "en")
    assert texts(found) == [
        "Wenge Technology announced new models.",
        "The language model of Wenge Technology",
    ]
    assert [hit.side for hit in found.units] == ["target", "target"]
    assert [hit.term.text for hit in found.terms] == ["language model"]
    assert texts(services.concordance(filled, "database", "en")) == ["The database was updated."]


def test_simplified_finds_traditional(filled: Database) -> None:
    found = services.concordance(filled, "资料", "zh")
    assert texts(found) == ["資料庫已更新"]


def test_a_unit_edited_or_deleted_is_found_as_it_now_is(filled: Database) -> None:
    (hit,) = services.concordance(filled, "데이터", "ko").units
    changed = services.edit_tm_unit(filled, hit.unit.id, "자료를 정리한다.", "The data is sorted.")
    assert changed.changed_at is not None and changed.target == "The data is sorted."
    assert services.concordance(filled, "데이터", "ko").units == []
    assert texts(services.concordance(filled, "자료", "ko")) == ["자료를 정리한다."]
    services.delete_tm_unit(filled, hit.unit.id)
    assert services.concordance(filled, "자료", "ko").units == []
    assert services.tm_counts(filled)[("ko", "en")] == 2
    with pytest.raises(services.UsageError, match="no TM unit"):
        services.delete_tm_unit(filled, hit.unit.id)
    with pytest.raises(services.UsageError, match="needs a source"):
        services.edit_tm_unit(filled, 1, " ", "x")


def test_counts_go_past_what_is_shown(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    module = importlib.import_module("workbench.services.tm_concordance")
    monkeypatch.setattr(module, "CANDIDATES", 5)
    with db.sessions.begin() as session:
        memory.add_units(session, [unit(f"모델 {n:02}번", f"model {n}") for n in range(12)])
    found = services.concordance(db, "모델", "ko", limit=3)
    assert len(found.units) == 3 and found.unit_count == 12 and not found.more
    assert texts(found)[0] == "모델 11번"  # the newest of equal relevance first
    monkeypatch.setattr(module, "COUNT_UP_TO", 10)
    found = services.concordance(db, "모델", "ko", limit=3)
    assert found.unit_count == 10 and found.more


def test_bad_queries_are_refused(filled: Database) -> None:
    with pytest.raises(services.UsageError, match="nothing to look for"):
        services.concordance(filled, "…!", "ko")
    with pytest.raises(services.UsageError, match="too long"):
        services.concordance(filled, "가" * 501, "ko")


def test_an_older_database_gets_its_units_indexed(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0007")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tm_unit (source_lang, target_lang, source, target, codes, "
                "properties, created_at) VALUES ('ko', 'en', '원거테크놀러지의 모델', "
                "'Wenge models', '[]', '[]', CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    db = open_database(db_url)
    try:
        assert texts(services.concordance(db, "원거테크놀러지가", "ko")) == [
            "원거테크놀러지의 모델"
        ]
        assert texts(services.concordance(db, "model", "en")) == ["Wenge models"]
    finally:
        db.dispose()
