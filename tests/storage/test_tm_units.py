"""Translation-memory units stored on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from workbench.domain.document import InlineCode, code_char
from workbench.domain.memory import TmUnitData
from workbench.storage import memory
from workbench.storage.engine import Database
from workbench.storage.schema import TmUnitRow

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


def _unit(source: str, target: str, context: str | None, lang: str) -> TmUnitData:
    return TmUnitData(
        source_lang="ko", target_lang=lang, source=source, target=target, context=context
    )


_UNITS = st.builds(
    _unit,
    st.sampled_from(["가.", "가. ", "나.", "가"]),
    st.sampled_from(["A.", "a.", "B."]),
    st.sampled_from([None, "c1", "c2"]),
    st.sampled_from(["en", "EN", "fr"]),
)
_STEPS = st.lists(st.tuples(st.booleans(), st.lists(_UNITS, min_size=1, max_size=4)), max_size=12)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_STEPS)
def test_any_confirms_and_imports_leave_one_unit_per_key(
    db: Database, steps: list[tuple[bool, list[TmUnitData]]]
) -> None:
    """Confirmed (True) or imported (False) a batch at a time, each in its own transaction."""
    with db.sessions.begin() as session:
        session.execute(delete(TmUnitRow))
    uses: dict[str, int] = {}
    for confirming, batch in steps:
        with db.sessions.begin() as session:
            memory.store_units(session, batch, confirming=confirming)
        for unit in batch:
            known = uses.get(unit.key)
            uses[unit.key] = (known or 0) + 1 if confirming or known is None else known
    with db.sessions() as session:
        stored = list(memory.iter_units(session))
    assert len(stored) == len({u.key for u in stored}) == len(uses)
    assert {u.key: u.use_count for u in stored} == uses
