"""Translation-memory units stored on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from workbench.domain.document import InlineCode, code_char
from workbench.domain.memory import TmUnitData
from workbench.storage import memory
from workbench.storage.engine import Database

CODE = InlineCode("standalone", "ph", "1", '<ph id="1">{name}</ph>', "{name}")


def test_units_round_trip_with_codes_dates_and_properties(db: Database) -> None:
    dated = TmUnitData(
        source_lang="ko",
        target_lang="en",
        source=f"원거테크놀러지가 {code_char(0)} 발표했다.",
        target=f"Wenge announced {code_char(0)}.",
        codes=(CODE,),
        origin="news.tmx",
        author="mina",
        created_at=datetime(2024, 3, 1, 9, 0, tzinfo=UTC),
        note="checked",
        properties=(("x-client", "CD"),),
    )
    plain = TmUnitData(source_lang="zh-Hans", target_lang="en", source="中科闻歌", target="Wenge")
    with db.sessions.begin() as session:
        ids = memory.add_units(session, [dated, plain])
    assert len(ids) == 2
    with db.sessions() as session:
        stored = list(memory.iter_units(session))
        korean = list(memory.iter_units(session, "ko", "en"))
        counts = memory.count_units(session)
    assert [u.source for u in stored] == [dated.source, plain.source]
    (unit,) = korean
    assert unit.codes == (CODE,) and unit.created_at == dated.created_at
    assert unit.properties == (("x-client", "CD"),) and unit.note == "checked"
    assert stored[1].created_at is not None  # stamped by the database
    assert counts == {("ko", "en"): 1, ("zh-Hans", "en"): 1}
