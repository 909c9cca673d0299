"""Translation-memory units in the database; the fuzzy index lives in memory (domain.memory)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any, cast

from sqlalchemy import Insert, Table, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from workbench.domain.document import InlineCode
from workbench.domain.memory import TmUnit, TmUnitData, unit_key
from workbench.storage import concordance
from workbench.storage.schema import TmUnitRow
from workbench.storage.times import aware, utc_now

BATCH_SIZE = 2000

_TABLE = cast(Table, TmUnitRow.__table__)


@dataclass(slots=True)
class StoreCounts:
    """What storing units did: new units, stored ones updated, and ones already there."""

    added: int = 0
    updated: int = 0
    present: int = 0


def _values(unit: TmUnitData, key: str, now: datetime) -> dict[str, Any]:
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
        "unit_key": key,
        "use_count": unit.use_count,
        "segment_id": unit.segment_id,
    }


def _when(created: datetime | None, changed: datetime | None) -> datetime | None:
    """The unit's last change: its change date, else its creation date."""
    return aware(changed) or aware(created)


def _newer(unit: TmUnitData, stored: Any) -> bool:
    """Whether an incoming unit was changed after the stored one (undated never is)."""
    incoming = _when(unit.created_at, unit.changed_at)
    known = _when(stored.created_at, stored.changed_at)
    return incoming is not None and (known is None or incoming > known)


def _insert_new(session: Session) -> Insert:
    """An insert that leaves a key someone stored meanwhile as it is (no error)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(_TABLE).on_conflict_do_nothing(index_elements=["unit_key"])
    return sqlite.insert(_TABLE).on_conflict_do_nothing(index_elements=["unit_key"])


_FACTS = ("codes", "origin", "author", "segment_id")
"""What a newer confirmation or import of a stored unit replaces, with its dates."""


def _confirmed_again() -> Any:
    return (
        update(_TABLE)
        .where(_TABLE.c.id == bindparam("row_id"))
        .values(
            use_count=_TABLE.c.use_count + bindparam("uses"),
            changed_at=bindparam("when"),
            **{name: bindparam(f"new_{name}") for name in _FACTS},
        )
    )


def _imported_newer() -> Any:
    return (
        update(_TABLE)
        .where(_TABLE.c.id == bindparam("row_id"))
        .values(
            changed_at=bindparam("when"),
            note=bindparam("new_note"),
            properties=bindparam("new_properties"),
            **{name: bindparam(f"new_{name}") for name in _FACTS},
        )
    )


def store_units(
    session: Session, units: Iterable[TmUnitData], *, confirming: bool = False
) -> StoreCounts:
    """Store units, one row per key (domain.memory.unit_key), in batches.

    A unit whose key is stored updates that row: a confirmation (confirming) always, adding
    one use and taking the time, author, codes and provenance; an imported unit only when it
    was changed later than the stored one (its dates, note and properties then replace
    those stored), and is else counted as present. A key met again among units counts
    against the first one as against a stored unit.
    """
    counts = StoreCounts()
    now = utc_now()
    iterator = iter(units)
    while batch := list(islice(iterator, BATCH_SIZE)):
        keyed: dict[str, list[TmUnitData]] = {}
        for unit in batch:
            keyed.setdefault(unit.key, []).append(unit)
        stored = {
            row.unit_key: row
            for row in session.execute(
                select(
                    _TABLE.c.id, _TABLE.c.unit_key, _TABLE.c.created_at, _TABLE.c.changed_at
                ).where(_TABLE.c.unit_key.in_(keyed))
            )
        }
        new: list[dict[str, Any]] = []
        confirmed: list[dict[str, Any]] = []
        imported: list[dict[str, Any]] = []
        for key, occurrences in keyed.items():
            row = stored.get(key)
            latest: Any = row
            changed = False
            for unit in occurrences:
                if latest is None:
                    counts.added += 1
                elif confirming or _newer(unit, latest):
                    counts.updated += 1
                    changed = True
                else:
                    counts.present += 1
                    continue
                latest = unit
            if row is None:
                values = _values(latest, key, now)
                values["use_count"] = len(occurrences) if confirming else latest.use_count
                new.append(values)
            elif changed:
                values = _values(latest, key, now)
                facts = {f"new_{name}": values[name] for name in (*_FACTS, "note", "properties")}
                when = latest.changed_at or (now if confirming else latest.created_at)
                step = confirmed if confirming else imported
                step.append({"row_id": row.id, "uses": len(occurrences), "when": when, **facts})
        if new:
            inserted = session.execute(
                _insert_new(session).returning(_TABLE.c.id, _TABLE.c.source, _TABLE.c.target),
                new,
            )
            concordance.index_units(session, [tuple(row) for row in inserted])
        if confirmed:
            session.execute(_confirmed_again(), confirmed)
        if imported:
            session.execute(_imported_newer(), imported)
    return counts


def add_units(session: Session, units: Iterable[TmUnitData]) -> list[int]:
    """Store units as an import does (store_units) and return their ids, in the order given."""
    given = list(units)
    store_units(session, given)
    keys = [unit.key for unit in given]
    ids: dict[str, int] = {}
    for start in range(0, len(keys), BATCH_SIZE):
        query = select(_TABLE.c.unit_key, _TABLE.c.id).where(
            _TABLE.c.unit_key.in_(keys[start : start + BATCH_SIZE])
        )
        ids.update({key: row_id for key, row_id in session.execute(query)})
    return [ids[key] for key in keys]


def confirm_unit(session: Session, unit: TmUnitData) -> None:
    """Store a unit confirmed by a translator: a new unit, or one more use of the stored one."""
    store_units(session, [unit], confirming=True)


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
    """Change a unit's source and target (stamped now); None if no unit has this id.

    A unit edited into the same source, target, languages and context as another one is
    merged into it (one unit per key): the other is kept, with both use counts.
    """
    row = session.get(TmUnitRow, unit_id)
    if row is None:
        return None
    key = unit_key(row.source_lang, row.target_lang, source, target, row.context)
    now = utc_now()
    twin = session.execute(
        select(TmUnitRow).where(TmUnitRow.unit_key == key, TmUnitRow.id != unit_id)
    ).scalar_one_or_none()
    if twin is not None:
        twin.use_count += row.use_count
        twin.changed_at = now
        delete_unit(session, unit_id)
        session.flush()
        return _unit(twin)
    row.source, row.target, row.unit_key, row.changed_at = source, target, key, now
    session.flush()
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
        segment_id=row.segment_id,
        use_count=row.use_count,
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


def _last_change(unit: TmUnit) -> tuple[datetime, int]:
    """How to pick the newest of copies: last changed (else created), then the highest id."""
    return (_when(unit.created_at, unit.changed_at) or datetime.min.replace(tzinfo=UTC), unit.id)


def merge_copies(
    session: Session,
    key_of: Callable[[TmUnit], str],
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    dry_run: bool = False,
) -> tuple[int, int]:
    """Merge units with the same key_of into the newest of them (the others deleted, their
    use counts added to it); return (units removed, units kept that had copies)."""
    newest: dict[str, TmUnit] = {}
    copies: dict[str, list[TmUnit]] = {}
    for unit in iter_units(session, source_lang, target_lang):
        key = key_of(unit)
        known = newest.get(key)
        if known is None:
            newest[key] = unit
            continue
        copies.setdefault(key, [known]).append(unit)
        if _last_change(unit) > _last_change(known):
            newest[key] = unit
    gone = [u.id for key, group in copies.items() for u in group if u.id != newest[key].id]
    if not dry_run and copies:
        uses = [
            {"row_id": newest[key].id, "uses": sum(u.use_count for u in group)}
            for key, group in copies.items()
        ]
        concordance.remove_units(session, gone)
        for start in range(0, len(gone), BATCH_SIZE):
            session.execute(delete(_TABLE).where(_TABLE.c.id.in_(gone[start : start + BATCH_SIZE])))
        session.execute(
            update(_TABLE)
            .where(_TABLE.c.id == bindparam("row_id"))
            .values(use_count=bindparam("uses")),
            uses,
        )
    return len(gone), len(copies)


def recent_targets(session: Session, source_lang: str, target_lang: str, limit: int) -> list[str]:
    """The targets of the newest units of a language pair (regional variants included)."""
    query = (
        select(_TABLE.c.target)
        .where(_language_is(_TABLE.c.source_lang, source_lang))
        .where(_language_is(_TABLE.c.target_lang, target_lang))
        .order_by(_TABLE.c.id.desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())
