"""The concordance index of the TM: each unit's source and target as tokens (domain.concordance).

SQLite keeps them in an FTS5 table (`tm_concordance`, rowid = the unit's id) and finds a
query's phrases with MATCH; PostgreSQL keeps them as text arrays with GIN indexes and finds the
units holding all of a phrase's tokens (`@>`); the caller checks the order on the text (hits
come from `domain.concordance.hit_spans`). Neither is declared in `schema.py`: SQLAlchemy has
no FTS5 table, so this module and migration 0008 are their one home.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from workbench.domain.concordance import Query, index_text, is_one_cjk

TABLE = "tm_concordance"
"""The index's table; on SQLite also the prefix of FTS5's own tables."""

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "source, target, tokenize = 'unicode61 remove_diacritics 0')"
)
POSTGRESQL_CREATE = (
    f"CREATE TABLE {TABLE} (unit_id INTEGER PRIMARY KEY REFERENCES tm_unit (id) "
    "ON DELETE CASCADE, source TEXT[] NOT NULL, target TEXT[] NOT NULL)",
    f"CREATE INDEX ix_{TABLE}_source ON {TABLE} USING gin (source)",
    f"CREATE INDEX ix_{TABLE}_target ON {TABLE} USING gin (target)",
)

Side = str
"""'source' or 'target': which text of the units a search looks in."""


def is_index_table(name: str | None) -> bool:
    """True for the index's tables (FTS5 adds tm_concordance_data, _idx, ...)."""
    return bool(name) and str(name).startswith(TABLE)


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_units(session: Session, units: Iterable[tuple[int, str, str]]) -> None:
    """Index (id, source, target) of units just stored or changed (replacing what was kept)."""
    indexed = [
        (unit_id, index_text(source), index_text(target)) for unit_id, source, target in units
    ]
    if not indexed:
        return
    remove_units(session, [unit_id for unit_id, _, _ in indexed])
    if _sqlite(session):
        statement = text(
            f"INSERT INTO {TABLE} (rowid, source, target) VALUES (:id, :source, :target)"
        )
        rows: list[dict[str, Any]] = [
            {"id": unit_id, "source": source, "target": target}
            for unit_id, source, target in indexed
        ]
    else:
        statement = text(
            f"INSERT INTO {TABLE} (unit_id, source, target) VALUES (:id, :source, :target)"
        ).bindparams(bindparam("source", type_=ARRAY(Text)), bindparam("target", type_=ARRAY(Text)))
        rows = [
            {"id": unit_id, "source": source.split(), "target": target.split()}
            for unit_id, source, target in indexed
        ]
    session.execute(statement, rows)


def remove_units(session: Session, unit_ids: Sequence[int]) -> None:
    """Drop units from the index (PostgreSQL also drops them with the unit)."""
    column = "rowid" if _sqlite(session) else "unit_id"
    statement = text(f"DELETE FROM {TABLE} WHERE {column} IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(unit_ids), 500):
        session.execute(statement, {"ids": list(unit_ids[start : start + 500])})


def search(
    session: Session, query: Query, side: Side, lang: str, limit: int, count_up_to: int
) -> tuple[list[int], int]:
    """Ids of the newest units (at most limit) whose side, in a language lang or a variant of
    it (en: en-US), may hold a phrase of query; and how many units may, up to count_up_to."""
    if query.empty or side not in ("source", "target"):
        return [], 0
    lang_column = f"u.{side}_lang"
    where_lang = f"({lang_column} = :lang OR {lang_column} LIKE :variants)"
    params: dict[str, Any] = {"lang": lang, "variants": f"{lang}-%", "limit": limit}
    if _sqlite(session):
        params["match"] = f"{side} : ({_fts_expression(query)})"
        found = (
            f"SELECT c.rowid AS id FROM {TABLE} c JOIN tm_unit u ON u.id = c.rowid "
            f"WHERE {TABLE} MATCH :match AND {where_lang}"
        )
    else:
        found = _postgresql_found(query, side, where_lang, params)
    ids = list(session.execute(text(f"{found} ORDER BY id DESC LIMIT :limit"), params).scalars())
    if len(ids) < limit:
        return ids, len(ids)
    count = session.execute(
        text(f"SELECT count(*) FROM ({found} LIMIT :most) AS hits"), {**params, "most": count_up_to}
    ).scalar_one()
    return ids, int(count)


def _fts_expression(query: Query) -> str:
    """The FTS5 expression of the query's phrases, one OR the other."""
    parts = []
    for phrase in query.phrases:
        quoted = '"' + " ".join(phrase).replace('"', '""') + '"'
        parts.append(f"{quoted}*" if len(phrase) == 1 and is_one_cjk(phrase[0]) else quoted)
    return " OR ".join(parts)


def _postgresql_found(query: Query, side: Side, where_lang: str, params: dict[str, Any]) -> str:
    """A select of the units whose tokens include every token of a phrase (in any order)."""
    ors = []
    for number, phrase in enumerate(query.phrases):
        if len(phrase) == 1 and is_one_cjk(phrase[0]):
            # a pair holding the character: no index for that, so the tokens are read
            params[f"char{number}"] = f"%{phrase[0]}%"
            ors.append(f"array_to_string(c.{side}, ' ') LIKE :char{number}")
        else:
            params[f"phrase{number}"] = sorted(set(phrase))
            ors.append(f"c.{side} @> CAST(:phrase{number} AS TEXT[])")
    return (
        f"SELECT c.unit_id AS id FROM {TABLE} c JOIN tm_unit u ON u.id = c.unit_id "
        f"WHERE ({' OR '.join(ors)}) AND {where_lang}"
    )
