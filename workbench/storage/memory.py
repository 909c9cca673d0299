"""Translation-memory units in the database; the fuzzy index lives in memory (domain.memory)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from workbench.domain.document import InlineCode
from workbench.domain.memory import TmUnit, TmUnitData
from workbench.storage import concordance
from workbench.storage.schema import TmUnitRow, aware, utc_now

BATCH_SIZE = 2000


def _values(unit: TmUnitData, now: datetime) -> dict[str, Any]:
    return {
        "source_lang": unit.source_lang,
        "target_lang": unit.target_lang,
        "source": unit.source,
        "target": unit.target,
        "codes": [asdict(code) for code in unit.codes],
        "origin": unit.origin or None,
        "context": unit.context,
        "author": unit.author,
        "note": unit.note,
        "properties": [list(pair) for pair in unit.properties],
        "changed_at": unit.changed_at,
        "created_at": unit.created_at or now,
    }


def add_units(session: Session, units: Iterable[TmUnitData]) -> list[int]:
    """Store units (in batches) and return their ids, in the order given."""
    ids: list[int] = []
    iterator = iter(units)
    now = utc_now()
    statement = insert(TmUnitRow).returning(TmUnitRow.id, sort_by_parameter_order=True)
    while batch := list(islice(iterator, BATCH_SIZE)):
        added = session.execute(statement, [_values(u, now) for u in batch]).scalars().all()
        concordance.index_units(
            session, ((i, u.source, u.target) for i, u in zip(added, batch, strict=True))
        )
        ids.extend(added)
    return ids


def get_units(session: Session, unit_ids: Iterable[int]) -> dict[int, TmUnit]:
    """The stored units with these ids, by id (ids of no unit left out)."""
    wanted = list(unit_ids)
    found: dict[int, TmUnit] = {}
    for start in range(0, len(wanted), 500):
        # table rows, not ORM objects: a concordance reads hundreds at a time
        table = TmUnitRow.__table__
        query = select(table).where(table.c.id.in_(wanted[start : start + 500]))
        found.update((row.id, _unit(row)) for row in session.execute(query))
    return found


def update_unit(session: Session, unit_id: int, source: str, target: str) -> TmUnit | None:
    """Change a unit's source and target (stamped now); None if no unit has this id."""
    changed = session.execute(
        update(TmUnitRow)
        .where(TmUnitRow.id == unit_id)
        .values(source=source, target=target, changed_at=utc_now())
    )
    if not changed.rowcount:  # type: ignore[attr-defined]
        return None
    concordance.index_units(session, [(unit_id, source, target)])
    return get_units(session, [unit_id]).get(unit_id)


def delete_unit(session: Session, unit_id: int) -> bool:
    """Delete a unit; False if no unit has this id."""
    concordance.remove_units(session, [unit_id])
    deleted = session.execute(delete(TmUnitRow).where(TmUnitRow.id == unit_id))
    return bool(deleted.rowcount)  # type: ignore[attr-defined]


def _unit(row: Any) -> TmUnit:
    return TmUnit(
        id=row.id,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        source=row.source,
        target=row.target,
        codes=tuple(InlineCode(**code) for code in row.codes or []),
        origin=row.origin or "",
        context=row.context,
        author=row.author,
        created_at=aware(row.created_at),
        changed_at=aware(row.changed_at),
        note=row.note,
        properties=tuple((str(k), str(v)) for k, v in row.properties or []),
    )


def _language_is(column: Any, tag: str) -> Any:
    """A bare language (en) takes its regional and script variants (en-US, en-GB) too."""
    if "-" in tag:
        return column == tag
    return or_(column == tag, column.like(f"{tag}-%"))


def iter_units(
    session: Session, source_lang: str | None = None, target_lang: str | None = None
) -> Iterator[TmUnit]:
    """Stored units (of one language pair, when given) in id order, a batch at a time."""
    last = 0
    while True:
        query = select(TmUnitRow).where(TmUnitRow.id > last)
        if source_lang:
            query = query.where(_language_is(TmUnitRow.source_lang, source_lang))
        if target_lang:
            query = query.where(_language_is(TmUnitRow.target_lang, target_lang))
        rows = session.execute(query.order_by(TmUnitRow.id).limit(BATCH_SIZE)).scalars().all()
        if not rows:
            return
        yield from (_unit(row) for row in rows)
        last = rows[-1].id


def count_units(session: Session) -> dict[tuple[str, str], int]:
    """How many units each language pair has."""
    query = select(TmUnitRow.source_lang, TmUnitRow.target_lang, func.count()).group_by(
        TmUnitRow.source_lang, TmUnitRow.target_lang
    )
    return {(source, target): int(n) for source, target, n in session.execute(query)}
