"""Term base queries and bulk writes; takes a Session, returns domain objects."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from itertools import islice
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Row, Table, delete, func, insert, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from workbench.domain.model import (
    LOCAL_ORIGIN,
    Concept,
    DataCategory,
    Term,
    TermStatus,
    TermType,
    basic_part_of_speech,
    new_stable_id,
    new_stable_ids,
)
from workbench.domain.normalize import clean_term, lookup_key
from workbench.domain.records import ImportChange, ImportResult, TermbaseStats
from workbench.domain.term_table import TermTable
from workbench.storage.engine import SQLITE_BUSY_TIMEOUT_MS, DatabaseError, pg_advisory_lock_sql
from workbench.storage.index_revision import record_changes
from workbench.storage.schema import ConceptRow, TermRow
from workbench.storage.term_rows import ALL_TERMS, TERM_FIELDS, table_of_rows
from workbench.storage.times import aware, utc_now

BATCH_SIZE = 2000
_CONCEPTS = cast(Table, ConceptRow.__table__)
_TERMS = cast(Table, TermRow.__table__)

CHANGES_KEPT = 50


class ConceptConflictError(Exception):
    """Someone else saved the concept since it was read: the save is refused, nothing changed."""

    def __init__(self, concept_id: int, author: str | None, when: datetime | None) -> None:
        by = f" by {author}" if author else ""
        at = f" at {when:%Y-%m-%d %H:%M} UTC" if when else ""
        self.changed = f"concept {concept_id} was changed{by}{at} after you opened it"
        """What happened, without the advice (an editor that gives the edit back says more)."""
        super().__init__(
            f"{self.changed}; nothing was saved: reload it, redo your change and save again"
        )
        self.concept_id = concept_id
        self.author = author
        self.when = when


# --- reading -------------------------------------------------------------------------------


_STATUS_BY_VALUE = {status.value: status for status in TermStatus}
_TYPE_BY_VALUE = {term_type.value: term_type for term_type in TermType}


_TERM_FIELDS = TERM_FIELDS


def _terms_by_concept(rows: Iterable[Sequence[Any]]) -> dict[int, list[Term]]:
    """Group term rows (in _TERM_FIELDS order) by concept; unpacked by position for speed."""
    grouped: dict[int, list[Term]] = defaultdict(list)
    statuses, types = _STATUS_BY_VALUE, _TYPE_BY_VALUE
    for concept_id, lang, text, status, pos, term_type, case_sensitive, note, source in rows:
        grouped[concept_id].append(
            Term(
                lang,
                text,
                statuses[status],
                pos,
                types.get(term_type) if term_type else None,
                bool(case_sensitive),
                note,
                source,
            )
        )
    return grouped


def _categories(stored: Any) -> list[DataCategory]:
    """A concept's stored data categories (JSON dicts) as domain objects."""
    return [DataCategory(**item) for item in stored or ()]


def _stored_categories(categories: list[DataCategory]) -> list[dict[str, Any]] | None:
    """Data categories as the JSON column holds them; None for none."""
    return [asdict(category) for category in categories] or None


def _concept_from_row(row: Any, terms: list[Term]) -> Concept:
    return Concept(
        id=row.id,
        uid=row.uid,
        origin=row.origin,
        stable_id=row.stable_id,
        subject_field=row.subject_field,
        definitions=dict(row.definitions or {}),
        note=row.note,
        categories=_categories(row.categories),
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        created_by=row.created_by,
        updated_by=row.updated_by,
        terms=terms,
        version=row.version,
    )


def _load_concepts(
    session: Session, concept_rows: Sequence[Row[Any]], langs: Sequence[str] | None = None
) -> list[Concept]:
    """Attach terms (of langs, when given) to concept rows with one query."""
    ids = [row.id for row in concept_rows]
    terms_by_concept: dict[int, list[Term]] = {}
    if ids:
        columns = [_TERMS.c[name] for name in _TERM_FIELDS]
        query = select(*columns).where(_TERMS.c.concept_id.in_(ids)).order_by(_TERMS.c.id)
        if langs:
            query = query.where(_TERMS.c.lang.in_(langs))
        # Core rows fetched at once, not ORM objects: exports stream many thousands of terms.
        terms_by_concept = _terms_by_concept(session.execute(query).all())
    return [_concept_from_row(row, terms_by_concept.get(row.id, [])) for row in concept_rows]


def term_table(session: Session, concept_ids: Iterable[int] | None = None) -> TermTable:
    """Every term (of some concepts, when given) as columns, concept by concept in id order
    and each concept's terms in the order they were stored: what the term index is made of."""
    if concept_ids is None:
        # The driver's rows, not SQLAlchemy's: a term base has hundreds of thousands of terms.
        rows: Sequence[Sequence[Any]] = session.connection().exec_driver_sql(ALL_TERMS).fetchall()
    else:
        columns = [_TERMS.c[name] for name in _TERM_FIELDS]
        query = select(*columns).where(_TERMS.c.concept_id.in_(sorted(set(concept_ids))))
        rows = session.execute(query.order_by(_TERMS.c.concept_id, _TERMS.c.id)).all()
    return table_of_rows(rows)


def get_concept(session: Session, concept_id: int) -> Concept | None:
    """One concept with all its terms, or None."""
    rows = session.execute(select(ConceptRow.__table__).where(ConceptRow.id == concept_id)).all()
    found = _load_concepts(session, rows)
    return found[0] if found else None


def iter_concepts(
    session: Session,
    langs: Sequence[str] | None = None,
    concept_ids: Iterable[int] | None = None,
) -> Iterator[Concept]:
    """Stream concepts in id order, a batch at a time, keeping only terms in langs if given."""
    wanted = sorted(set(concept_ids)) if concept_ids is not None else None
    last_id = 0
    while True:
        query = select(ConceptRow.__table__).where(ConceptRow.id > last_id)
        if wanted is not None:
            chunk = [i for i in islice((i for i in wanted if i > last_id), BATCH_SIZE)]
            if not chunk:
                return
            query = query.where(ConceptRow.id.in_(chunk))
        rows = session.execute(query.order_by(ConceptRow.id).limit(BATCH_SIZE)).all()
        if not rows:
            return
        for concept in _load_concepts(session, rows, langs):
            if concept.terms:
                yield concept
        last_id = rows[-1].id


def find_concepts_by_term(session: Session, text: str, lang: str | None = None) -> list[Concept]:
    """Concepts having a term equal to text (ignoring case, width and spacing), via the index."""
    query = select(TermRow.concept_id).where(TermRow.lookup == lookup_key(text))
    if lang:
        query = query.where(TermRow.lang == lang)
    ids = sorted(set(session.execute(query).scalars()))
    return list(iter_concepts(session, concept_ids=ids))


def terms_like(
    session: Session, primary_lang: str, lookup: str, same_length: bool = False
) -> list[tuple[int, str, str]]:
    """(concept id, language, text) of the terms in a language (any region or script of it)
    whose lookup key is lookup, or, with same_length, is as long as lookup: the candidates
    for a finer comparison that the lookup key cannot make (quotes, Chinese script)."""
    query = select(TermRow.concept_id, TermRow.lang, TermRow.text).where(
        or_(TermRow.lang == primary_lang, TermRow.lang.like(f"{primary_lang}-%"))
    )
    if same_length:
        query = query.where(func.length(TermRow.lookup) == len(lookup))
    else:
        query = query.where(TermRow.lookup == lookup)
    return [(int(c), str(lang), str(text)) for c, lang, text in session.execute(query)]


def search_concepts(
    session: Session, text: str, lang: str | None = None, limit: int = 50
) -> list[Concept]:
    """Concepts with a term containing text; exact matches first, then by term length."""
    key = lookup_key(text)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = (
        select(TermRow.concept_id, func.min(func.length(TermRow.lookup)).label("shortest"))
        .where(TermRow.lookup.like(f"%{escaped}%", escape="\\"))
        .group_by(TermRow.concept_id)
        .order_by("shortest", TermRow.concept_id)
        .limit(limit)
    )
    if lang:
        query = query.where(TermRow.lang == lang)
    ranked = [row.concept_id for row in session.execute(query)]
    by_id = {c.id: c for c in iter_concepts(session, concept_ids=ranked)}
    return [by_id[i] for i in ranked if i in by_id]


def languages(session: Session) -> list[str]:
    """Languages present in the term base, most terms first."""
    query = select(TermRow.lang).group_by(TermRow.lang).order_by(func.count().desc(), TermRow.lang)
    return list(session.execute(query).scalars())


def terms_per_lang(session: Session) -> dict[str, int]:
    """The most terms a single concept has in each language."""
    per_concept = (
        select(TermRow.lang, func.count().label("n"))
        .group_by(TermRow.concept_id, TermRow.lang)
        .subquery()
    )
    query = select(per_concept.c.lang, func.max(per_concept.c.n)).group_by(per_concept.c.lang)
    return {lang: int(n) for lang, n in session.execute(query)}


def stats(session: Session) -> TermbaseStats:
    """Concept and term counts, by language and by status."""
    concepts = session.scalar(select(func.count()).select_from(ConceptRow)) or 0
    by_lang = dict(session.execute(select(TermRow.lang, func.count()).group_by(TermRow.lang)).all())
    by_status = dict(
        session.execute(select(TermRow.status, func.count()).group_by(TermRow.status)).all()
    )
    return TermbaseStats(
        concepts=concepts,
        terms=sum(by_lang.values()),
        terms_by_lang=dict(sorted(by_lang.items(), key=lambda item: (-item[1], item[0]))),
        terms_by_status=by_status,
    )


# --- writing -------------------------------------------------------------------------------


def _term_values(term: Term, concept_id: int) -> dict[str, Any]:
    """Column values of a new term; the database stamps its times."""
    return {
        "concept_id": concept_id,
        "lang": term.lang,
        "text": term.text,
        "lookup": lookup_key(term.text),
        "status": term.status.value,
        "part_of_speech": term.part_of_speech,
        "term_type": term.term_type.value if term.term_type else None,
        "case_sensitive": term.case_sensitive,
        "note": term.note,
        "source": term.source,
    }


_TERM_COLUMNS = (
    *("concept_id", "lang", "text", "lookup", "status", "part_of_speech", "term_type"),
    *("case_sensitive", "note", "source"),
)


def _term_row(term: Term, concept_id: int) -> tuple[Any, ...]:
    """A new term's values in _TERM_COLUMNS order, for the driver (what _term_values holds)."""
    return (
        concept_id,
        term.lang,
        term.text,
        lookup_key(term.text),
        _STATUS_VALUE[term.status],
        term.part_of_speech,
        term.term_type.value if term.term_type else None,
        term.case_sensitive,
        term.note,
        term.source,
    )


_STATUS_VALUE = {status: status.value for status in TermStatus}


def _insert_terms(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Insert many terms (_term_row tuples) with one driver-level executemany.

    Terms are the bulk of every import (three or more per concept); going around the
    statement compiler and per-row type processing makes imports about twice as fast.
    """
    if not rows:
        return
    # a column no term of the batch fills is left out (stored NULL, as it has no default):
    # binding four NULLs a term was a fifth of the insert
    kept = [
        index
        for index in range(len(_TERM_COLUMNS))
        if index not in _OPTIONAL_TERM_COLUMNS or any(row[index] is not None for row in rows)
    ]
    if len(kept) < len(_TERM_COLUMNS):
        rows = list(map(itemgetter(*kept), rows))
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO term ({', '.join(_TERM_COLUMNS[index] for index in kept)}) "
        f"VALUES ({', '.join([marker] * len(kept))})"
    )
    connection.exec_driver_sql(statement, rows)


_OPTIONAL_TERM_COLUMNS = frozenset(
    _TERM_COLUMNS.index(name) for name in ("part_of_speech", "term_type", "note", "source")
)
"""Nullable term columns without a default, which most imported terms leave empty."""


_CONCEPT_COLUMNS = (
    *("id", "uid", "origin", "stable_id", "subject_field", "definitions", "note", "categories"),
    *("created_at", "updated_at", "created_by", "updated_by"),
)


def _reserve_concept_ids(session: Session, count: int) -> list[int] | None:
    """Ids for count new concepts, or None where the database needs RETURNING instead."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sql = "SELECT nextval(pg_get_serial_sequence('concept', 'id')) FROM generate_series(1, %s)"
        return [int(i) for i in connection.exec_driver_sql(sql, (count,)).scalars()]
    if connection.dialect.name == "sqlite":
        # A write statement takes SQLite's single write lock, so no other writer can take
        # the ids between reading the largest one and inserting.
        connection.exec_driver_sql("UPDATE concept SET id = id WHERE id = -1")
        largest = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM concept").scalar()
        return list(range(int(largest or 0) + 1, int(largest or 0) + 1 + count))
    return None


def _driver_time(moment: datetime, sqlite: bool) -> datetime | str:
    """A timestamp as the driver takes it: SQLite stores SQLAlchemy's naive UTC text."""
    if not sqlite:
        return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _insert_concepts(
    session: Session, concepts: list[Concept], author: str | None, now: datetime
) -> list[int]:
    """Insert concepts (as _concept_values makes them) and return their ids, in order, with
    one driver-level executemany."""
    ids = _reserve_concept_ids(session, len(concepts))
    if ids is None:
        rows = [_concept_values(c, author, now) for c in concepts]
        statement = insert(_CONCEPTS).returning(_CONCEPTS.c.id, sort_by_parameter_order=True)
        return list(session.execute(statement, rows).scalars().all())
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    times: dict[datetime, datetime | str] = {}  # most rows share the import's "now"

    def driver_time(moment: datetime) -> datetime | str:
        if moment not in times:
            times[moment] = _driver_time(moment, sqlite)
        return times[moment]

    empty = json.dumps({})
    values = []
    for concept_id, concept, stable_id in zip(
        ids, concepts, new_stable_ids(len(concepts)), strict=True
    ):
        # the values of _concept_values, built straight into the driver's tuple
        created_at = concept.created_at or now
        updated_at = concept.updated_at or concept.created_at or now
        categories = _stored_categories(concept.categories)
        values.append(
            (
                concept_id,
                concept.uid,
                concept.origin or LOCAL_ORIGIN,
                stable_id,
                concept.subject_field,
                json.dumps(concept.definitions) if concept.definitions else empty,
                concept.note,
                None if categories is None else json.dumps(categories),
                driver_time(created_at),
                driver_time(updated_at),
                concept.created_by or author,
                concept.updated_by or concept.created_by or author,
            )
        )
    sql = (
        f"INSERT INTO concept ({', '.join(_CONCEPT_COLUMNS)}) "
        f"VALUES ({', '.join([marker] * len(_CONCEPT_COLUMNS))})"
    )
    connection.exec_driver_sql(sql, values)
    return ids


def _concept_values(concept: Concept, author: str | None, now: datetime) -> dict[str, Any]:
    return {
        "uid": concept.uid,
        "origin": concept.origin or LOCAL_ORIGIN,
        "stable_id": new_stable_id(),
        "subject_field": concept.subject_field,
        "definitions": concept.definitions or {},
        "note": concept.note,
        "categories": _stored_categories(concept.categories),
        "created_at": concept.created_at or now,
        "updated_at": concept.updated_at or concept.created_at or now,
        "created_by": concept.created_by or author,
        "updated_by": concept.updated_by or concept.created_by or author,
    }


def _clean(concept: Concept) -> Concept:
    """Trim terms and drop empty or repeated ones (same language and text) within a concept."""
    seen: dict[tuple[str, str], Term] = {}
    for term in concept.terms:
        text = clean_term(term.text)
        if text and (term.lang, text) not in seen:
            term.text = text
            seen[(term.lang, text)] = term
    concept.terms = list(seen.values())
    return concept


def add_concept(session: Session, concept: Concept, author: str | None = None) -> int:
    """Store a new concept with its terms and return its id."""
    concept = _clean(concept)
    now = utc_now()
    concept_id = session.execute(
        insert(ConceptRow).returning(ConceptRow.id), [_concept_values(concept, author, now)]
    ).scalar_one()
    if concept.terms:
        session.execute(insert(_TERMS), [_term_values(t, concept_id) for t in concept.terms])
        record_changes(session, [concept_id])
    return int(concept_id)


def delete_concept(session: Session, concept_id: int, expected_version: int | None = None) -> bool:
    """Delete a concept and its terms; False when there was none.

    With expected_version, ConceptConflictError when the concept was changed since it was read
    at that version (a deletion decided on what someone else has since changed).
    """
    if expected_version is not None and _claim(session, concept_id, expected_version) is None:
        return False
    terms = session.execute(delete(TermRow).where(TermRow.concept_id == concept_id))
    if getattr(terms, "rowcount", 0):
        record_changes(session, [concept_id])
    result = session.execute(delete(ConceptRow).where(ConceptRow.id == concept_id))
    return bool(getattr(result, "rowcount", 0))


class MergeBy(StrEnum):
    """How an import finds the stored concept an incoming entry is (import_concepts)."""

    AUTO = "auto"
    """An id within its origin; an entry without an id by shared terms."""
    ID = "id"
    """Only by id within its origin: an entry without an id is new."""
    TERMS = "terms"
    """Only by shared terms, ids ignored."""
    NONE = "none"
    """Every entry is a new concept."""


def _identity(concept: Concept) -> tuple[str, str] | None:
    """What an incoming id means: the id within its origin."""
    return (concept.origin or LOCAL_ORIGIN, concept.uid) if concept.uid else None


def _combine_same_uid(batch: list[Concept]) -> list[Concept]:
    """Fold concepts that carry the same id (in the same origin) into the first of them."""
    first: dict[tuple[str, str], Concept] = {}
    combined: list[Concept] = []
    for concept in batch:
        identity = _identity(concept)
        if identity and identity in first:
            kept = first[identity]
            kept.terms.extend(concept.terms)
            known = {category.key() for category in kept.categories}
            kept.categories.extend(c for c in concept.categories if c.key() not in known)
            _clean(kept)
            continue
        if identity:
            first[identity] = concept
        combined.append(concept)
    return combined


@dataclass(slots=True)
class _Stored:
    """Stored concepts an incoming batch's ids may name."""

    by_identity: dict[tuple[str, str], int] = field(default_factory=dict)
    by_stable_id: dict[str, int] = field(default_factory=dict)
    unclaimed: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Concepts stored before origins were kept (origin NULL), by uid."""


_UPDATED_TERM_DETAILS = ("status", "part_of_speech", "term_type", "note", "source")
"""Term columns an import updates when the file fills them in (case_sensitive: when true)."""


class _Importer:
    """Bulk import with the merge rule; see import_concepts."""

    def __init__(
        self,
        session: Session,
        author: str | None,
        merge_by: MergeBy,
        unrated_langs: frozenset[str] = frozenset(),
    ) -> None:
        self.session = session
        self.author = author
        self.merge_by = merge_by
        self.unrated_langs = unrated_langs
        self.result = ImportResult()
        self.now = utc_now()
        self.had_concepts = session.scalar(select(ConceptRow.id).limit(1)) is not None
        self.created_ids: set[int] = set()
        self.created: dict[tuple[str, str], int] = {}
        self.claims: dict[int, str] = {}

    def run(self, concepts: Iterable[Concept]) -> ImportResult:
        iterator = iter(concepts)
        while batch := [_clean(c) for c in islice(iterator, BATCH_SIZE)]:
            self.result.concepts_read += len(batch)
            kept = [c for c in batch if c.terms]
            if self.merge_by is not MergeBy.NONE:
                kept = _combine_same_uid(kept)
            self._import_batch(kept)
        return self.result

    def _import_batch(self, batch: list[Concept]) -> None:
        targets = self._match(batch) if self.merge_by is not MergeBy.NONE else [None] * len(batch)
        fresh = [c for c, target in zip(batch, targets, strict=True) if target is None]
        self._insert_new(fresh)
        merges = [(c, t) for c, t in zip(batch, targets, strict=True) if t is not None]
        if merges:
            self._merge(merges)

    def _match(self, batch: list[Concept]) -> list[int | None]:
        """Existing concept id for each incoming concept, or None for a new one."""
        by_ids = self.merge_by in (MergeBy.AUTO, MergeBy.ID)
        stored = self._stored_by_uid([c.uid for c in batch if c.uid]) if by_ids else _Stored()
        targets: list[int | None] = []
        for concept in batch:
            identity = _identity(concept) if by_ids else None
            if identity is None:
                targets.append(None)
            else:
                found = stored.by_identity.get(identity) or stored.by_stable_id.get(identity[1])
                targets.append(found)
        # stored terms only for the entries not found by id: a re-import reads none
        unmatched = [c for c, target in zip(batch, targets, strict=True) if target is None]
        by_term = self._existing_by_term(unmatched) if self.had_concepts and unmatched else {}
        if not by_term and not stored.unclaimed:
            return targets  # nothing stored shares a term or an old id: the rest are new
        for position, concept in enumerate(batch):
            if targets[position] is not None:
                continue
            identity = _identity(concept) if by_ids else None
            if identity is None:
                use_terms = self.merge_by in (MergeBy.AUTO, MergeBy.TERMS)
                targets[position] = _best_term_match(concept, by_term) if use_terms else None
                continue
            unknown = stored.unclaimed.get(identity[1], [])
            targets[position] = self._claim_unknown(concept, unknown, by_term)
            if targets[position] is None and any(t.key() in by_term for t in concept.terms):
                self.result.created_alike += 1
        return targets

    def _claim_unknown(
        self, concept: Concept, unclaimed: list[int], by_term: dict[tuple[str, str], set[int]]
    ) -> int | None:
        """An old concept with this id (origin unknown) that shares a term, claimed for the
        entry's origin: the same id with no shared term is another file's concept."""
        sharing = {i for term in concept.terms for i in by_term.get(term.key(), ())}
        for concept_id in unclaimed:
            if concept_id in sharing and concept_id not in self.claims:
                self.claims[concept_id] = concept.origin or LOCAL_ORIGIN
                return concept_id
        return None

    def _stored_by_uid(self, uids: list[str]) -> _Stored:
        """Concepts stored with these ids (any origin) or stable ids, and those made earlier in
        this import."""
        wanted = sorted(set(uids))
        if not wanted or not self.had_concepts:
            return _Stored(by_identity=self.created)  # only read: no copy of every id made
        stored = _Stored(by_identity=dict(self.created))
        columns = (ConceptRow.id, ConceptRow.origin, ConceptRow.uid, ConceptRow.stable_id)
        for start in range(0, len(wanted), 500):
            chunk = set(wanted[start : start + 500])
            query = select(*columns).where(
                or_(ConceptRow.uid.in_(chunk), ConceptRow.stable_id.in_(chunk))
            )
            for concept_id, origin, uid, stable_id in self.session.execute(
                query.order_by(ConceptRow.id)
            ):
                if stable_id in chunk:
                    stored.by_stable_id.setdefault(stable_id, concept_id)
                if uid is None or uid not in chunk:
                    continue
                if origin is None:
                    stored.unclaimed[uid].append(concept_id)
                else:
                    stored.by_identity.setdefault((origin, uid), concept_id)
        return stored

    def _existing_by_term(self, batch: list[Concept]) -> dict[tuple[str, str], set[int]]:
        """Concepts that existed before this import, keyed by (language, exact text)."""
        texts = {term.text for concept in batch for term in concept.terms}
        index: dict[tuple[str, str], set[int]] = defaultdict(set)
        text_list = list(texts)
        for start in range(0, len(text_list), 500):
            query = select(TermRow.lang, TermRow.text, TermRow.concept_id).where(
                TermRow.text.in_(text_list[start : start + 500])
            )
            for lang, text, concept_id in self.session.execute(query):
                if concept_id not in self.created_ids:
                    index[(lang, text)].add(concept_id)
        return index

    def _insert_new(self, concepts: list[Concept]) -> None:
        if not concepts:
            return
        ids = _insert_concepts(self.session, concepts, self.author, self.now)
        term_rows: list[tuple[Any, ...]] = []
        for concept, concept_id in zip(concepts, ids, strict=True):
            self._note(concept, concept_id, ("new",))
            self.created_ids.add(concept_id)
            identity = _identity(concept)
            if identity:
                self.created.setdefault(identity, concept_id)
            term_rows.extend([_term_row(t, concept_id) for t in concept.terms])
        _insert_terms(self.session, term_rows)
        record_changes(self.session, {row[0] for row in term_rows})
        self.result.concepts_created += len(concepts)
        self.result.terms_added += len(term_rows)

    def _merge(self, merges: list[tuple[Concept, int]]) -> None:
        """Add new terms to existing concepts and update what the incoming file says."""
        ids = sorted({concept_id for _, concept_id in merges})
        existing: dict[int, dict[tuple[str, str], Any]] = defaultdict(dict)
        rows: dict[int, Any] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self.session.execute(select(_TERMS).where(_TERMS.c.concept_id.in_(chunk))):
                existing[row.concept_id][(row.lang, row.text)] = row
            for row in self.session.execute(select(_CONCEPTS).where(_CONCEPTS.c.id.in_(chunk))):
                rows[row.id] = row
        new_terms: list[tuple[Any, ...]] = []
        terms_changed: list[int] = []
        for concept, concept_id in merges:
            added = updated = 0
            for term in concept.terms:
                known = existing[concept_id].get(term.key())
                if known is None:
                    existing[concept_id][term.key()] = _QUEUED
                    new_terms.append(_term_row(term, concept_id))
                    added += 1
                elif known is not _QUEUED and self._update_term(term, known):
                    updated += 1
            fields = self._update_concept(concept, rows[concept_id])
            if added or updated:
                terms_changed.append(concept_id)
            if fields or added or updated:
                self._stamp(concept_id)
                self.result.concepts_changed += 1
                counted = ((added, "terms added"), (updated, "terms updated"))
                what = (*fields, *(f"{n} {name}" for n, name in counted if n))
                self._note(concept, concept_id, what)
        if new_terms:
            _insert_terms(self.session, new_terms)
        record_changes(self.session, terms_changed)
        self.result.concepts_merged += len(merges)
        self.result.terms_added += len(new_terms)

    def _update_term(self, term: Term, row: Any) -> bool:
        """Update what the file says about a stored term; True when that changed anything."""
        values = _term_values(term, row.concept_id)
        if term.lang in self.unrated_langs:
            values["status"] = None  # the file cannot say it: its "preferred" is a default
        details = {
            name: values[name]
            for name in _UPDATED_TERM_DETAILS
            if values[name] is not None and values[name] != row._mapping[name]
        }
        given = details.get("part_of_speech")
        if given and row.part_of_speech and given == basic_part_of_speech(row.part_of_speech):
            # TBX-Basic can only say its picklist ("proper noun" is written noun, French "nom"
            # other): that says less than what is stored, so a TBX export does not replace it
            del details["part_of_speech"]
        if term.case_sensitive and not row.case_sensitive:
            details["case_sensitive"] = True
        if not details:
            return False
        self.session.execute(
            update(TermRow).where(TermRow.id == row.id).values(**details, updated_at=self.now)
        )
        self.result.terms_updated += 1
        return True

    def _note(self, concept: Concept, concept_id: int, what: tuple[str, ...]) -> None:
        """Keep the change for a dry run to show (the first CHANGES_KEPT of them)."""
        if len(self.result.changes) < CHANGES_KEPT:
            entry = concept.uid or (concept.terms[0].text if concept.terms else "")
            self.result.changes.append(ImportChange(entry, concept_id, what))

    def _update_concept(self, concept: Concept, row: Any) -> list[str]:
        """Update the fields the file fills in; the names of those it changed."""
        values: dict[str, Any] = {}
        for name in ("subject_field", "note"):
            given = getattr(concept, name)
            if given and given != row._mapping[name]:
                values[name] = given
        old = dict(row.definitions or {})
        if concept.definitions and {**old, **concept.definitions} != old:
            values["definitions"] = {**old, **concept.definitions}
        stored = _categories(row.categories)
        # by what it says, not how it was marked up: a CSV export of a TBX descripGrp brings
        # back the same context as a plain descrip, which is nothing new
        known = {category.key() for category in stored}
        added = [c for c in concept.categories if c.key() not in known]
        if added:  # a merge adds what the file says, and never drops what is stored
            values["categories"] = _stored_categories(stored + added)
        claimed = self.claims.get(row.id)
        if claimed is not None and row.origin is None:
            # not a change a person sees: the concept now knows where its id comes from
            self.session.execute(
                update(ConceptRow).where(ConceptRow.id == row.id).values(origin=claimed)
            )
        if values:
            self.session.execute(update(ConceptRow).where(ConceptRow.id == row.id).values(**values))
        return [_FIELD_NAMES.get(name, name) for name in values]

    def _stamp(self, concept_id: int) -> None:
        """Record a change of the concept or its terms: who, when, and its next version."""
        values: dict[str, Any] = {
            "updated_at": self.now,
            "updated_by": self.author,
            "version": ConceptRow.version + 1,
        }
        self.session.execute(update(ConceptRow).where(ConceptRow.id == concept_id).values(**values))


_QUEUED = object()
"""Marks a term queued for insertion in this batch."""
_FIELD_NAMES = {"subject_field": "subject"}


def _best_term_match(concept: Concept, by_term: dict[tuple[str, str], set[int]]) -> int | None:
    """The one existing concept sharing the most terms; None if none or a tie."""
    shared: dict[int, int] = defaultdict(int)
    for term in concept.terms:
        for concept_id in by_term.get(term.key(), ()):
            shared[concept_id] += 1
    if not shared:
        return None
    ranked = sorted(shared.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # ambiguous (a homonym shared with two concepts): keep it apart
    return ranked[0][0]


def import_concepts(
    session: Session,
    concepts: Iterable[Concept],
    author: str | None = None,
    merge_by: MergeBy = MergeBy.AUTO,
    unrated_langs: frozenset[str] = frozenset(),
) -> ImportResult:
    """Add concepts in bulk, merging each into the existing concept it matches.

    unrated_langs: languages whose term statuses the file cannot say (an OmegaT glossary's
    source), so a merge leaves the stored statuses of their terms as they are.

    The merge rule (MergeBy.AUTO): an incoming concept with an id (TBX conceptEntry id, CSV id
    column) merges into the concept stored with that id from the same origin (Concept.origin;
    none means LOCAL_ORIGIN), or into the concept whose stable id it is (a workbench export);
    otherwise it is a new concept, since ids such as c1 are local to the file that carries
    them. A concept stored before origins were kept, with that id and at least one shared term,
    is taken to be it and gets the entry's origin. An incoming concept without an id merges
    into the concept, stored before this import began, that shares the most terms with it
    (same language and text); a tie or no shared term makes a new concept. Merging adds
    missing terms and updates the fields that the file fills in; it never deletes, and a
    concept whose fields and terms are already as the file says is not changed at all.

    Imports take turns (take_turn): one that starts while another runs waits for it and then
    merges into what it stored, so that a glossary imported twice at once is stored once.
    """
    take_turn(session)
    return _Importer(session, author, merge_by, unrated_langs).run(concepts)


IMPORT_LOCK = 0x7465726D
"""PostgreSQL advisory lock ("term") that writes which match before adding (imports,
quick adds) hold in turn."""
IMPORT_WAIT_MS = 600_000
"""How long an import on SQLite waits for another writer (a large import) to finish."""


def take_turn(session: Session) -> None:
    """Hold the term base's lock for writes that look for a match before they add (imports,
    quick adds) until the transaction ends; call it as the transaction's first statement.

    A lock, not a unique key: the merge rule matches concepts by id or by the most shared
    terms, which no index can state (a homonym rightly has the same term in two concepts).
    SQLite: a write as the transaction's first statement takes its one write lock (the driver
    begins the transaction there), waiting in the busy timeout while another import holds it.
    PostgreSQL: an advisory lock; each statement after it sees what the other import committed.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA busy_timeout={IMPORT_WAIT_MS}")
        try:
            connection.exec_driver_sql("UPDATE concept SET id = id WHERE id = -1")
        except OperationalError as error:
            waited = f"waited {IMPORT_WAIT_MS // 60_000} minutes for another writer"
            raise DatabaseError(f"{connection.engine.url.database}: {waited}") from error
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(pg_advisory_lock_sql(IMPORT_LOCK))


# --- editing one concept -------------------------------------------------------------------

_TERM_DETAILS = ("status", "part_of_speech", "term_type", "case_sensitive", "note", "source")
"""Term columns an edit may change in place; a new language or text is a new term."""


def concept_page(session: Session, after_id: int = 0, limit: int = 200) -> list[Concept]:
    """One page of a browse: concepts with terms, in id order, after after_id."""
    has_terms = select(TermRow.id).where(TermRow.concept_id == ConceptRow.id).exists()
    query = (
        select(ConceptRow.__table__)
        .where(ConceptRow.id > after_id, has_terms)
        .order_by(ConceptRow.id)
        .limit(limit)
    )
    return _load_concepts(session, session.execute(query).all())


def _locked_concept(session: Session, concept_id: int) -> Row[Any] | None:
    """The concept's row, locked until commit so that concurrent edits of it take turns."""
    query = select(ConceptRow.__table__).where(ConceptRow.id == concept_id).with_for_update()
    return session.execute(query).first()


def _stamp(session: Session, concept_id: int, author: str | None, now: datetime) -> None:
    """Record a change of the concept or its terms: who, when, and its next version."""
    values: dict[str, Any] = {"updated_at": now, "version": ConceptRow.version + 1}
    if author is not None:
        values["updated_by"] = author
    session.execute(update(ConceptRow).where(ConceptRow.id == concept_id).values(**values))


def _sync_terms(session: Session, concept_id: int, terms: list[Term], now: datetime) -> bool:
    """Make the stored terms of a concept equal terms; True when anything changed."""
    stored = {
        (row.lang, row.text): row
        for row in session.execute(select(_TERMS).where(_TERMS.c.concept_id == concept_id))
    }
    wanted = {term.key(): _term_values(term, concept_id) for term in terms}
    gone = [row.id for key, row in stored.items() if key not in wanted]
    if gone:
        session.execute(delete(TermRow).where(TermRow.id.in_(gone)))
    changed = bool(gone)
    for key, values in wanted.items():
        row = stored.get(key)
        if row is None:
            session.execute(insert(_TERMS), [values])
            changed = True
            continue
        old = row._mapping
        details = {name: values[name] for name in _TERM_DETAILS if values[name] != old[name]}
        if details:
            session.execute(
                update(TermRow).where(TermRow.id == row.id).values(**details, updated_at=now)
            )
            changed = True
    return changed


def _concept_fields(
    uid: str | None,
    subject_field: str | None,
    note: str | None,
    definitions: Any,
    categories: list[DataCategory],
) -> dict[str, Any]:
    """The concept columns an edit sets, with an absent definitions map as an empty one."""
    return {
        "uid": uid,
        "subject_field": subject_field,
        "note": note,
        "definitions": dict(definitions or {}),
        "categories": _stored_categories(categories),
    }


def _claim(session: Session, concept_id: int, expected_version: int) -> Row[Any] | None:
    """The concept's row, locked, if it is still at expected_version; None when it is gone.

    ConceptConflictError when another save moved it on. The check is a write, so it is the
    first statement of the transaction: SQLite takes its write lock here (a read first would
    leave a snapshot that a later write cannot upgrade), PostgreSQL locks the row and, when a
    concurrent save holds it, waits for that save and then sees its version.
    """
    claimed = session.execute(
        update(ConceptRow)
        .where(ConceptRow.id == concept_id, ConceptRow.version == expected_version)
        .values(version=ConceptRow.version)
    )
    row = _locked_concept(session, concept_id)
    if row is not None and getattr(claimed, "rowcount", 0) != 1:
        raise ConceptConflictError(concept_id, row.updated_by, aware(row.updated_at))
    return row


def update_concept(session: Session, concept: Concept, author: str | None = None) -> bool:
    """Store concept (by its id) as given: fields, and terms added, changed or removed.

    Terms are matched by language and text, so a term whose text or language changed is
    stored as a new term. Only what changed gets a new `updated_at` (and the concept a new
    version). ConceptConflictError when the stored concept is no longer at concept.version;
    False when it no longer exists.
    """
    concept_id = concept.id
    if concept_id is None:
        raise ValueError("update_concept needs a stored concept (its id is None)")
    concept = _clean(replace(concept, terms=[replace(t) for t in concept.terms]))
    row = _claim(session, concept_id, concept.version)
    if row is None:
        return False
    now = utc_now()
    changed = _sync_terms(session, concept_id, concept.terms, now)
    if changed:
        record_changes(session, [concept_id])
    fields = _concept_fields(
        concept.uid, concept.subject_field, concept.note, concept.definitions, concept.categories
    )
    stored = _concept_fields(
        row.uid, row.subject_field, row.note, row.definitions, _categories(row.categories)
    )
    if fields != stored:
        session.execute(update(ConceptRow).where(ConceptRow.id == concept_id).values(**fields))
        changed = True
    if changed:
        _stamp(session, concept_id, author, now)
    return True


def add_terms(
    session: Session, concept_id: int, terms: Sequence[Term], author: str | None = None
) -> int:
    """Add the terms a concept lacks (by language and text); how many were added."""
    if _locked_concept(session, concept_id) is None:
        return 0
    query = select(TermRow.lang, TermRow.text).where(TermRow.concept_id == concept_id)
    have = {(lang, text) for lang, text in session.execute(query)}
    cleaned = _clean(Concept(terms=[replace(t) for t in terms])).terms
    fresh = [t for t in cleaned if t.key() not in have]
    if fresh:
        session.execute(insert(_TERMS), [_term_values(t, concept_id) for t in fresh])
        _stamp(session, concept_id, author, utc_now())
        record_changes(session, [concept_id])
    return len(fresh)


def delete_term(
    session: Session, concept_id: int, lang: str, text: str, author: str | None = None
) -> bool:
    """Delete one term; the concept goes with its last one. False when there was no such term.

    A concept without terms can be neither found nor shown (searches and exports skip it), so
    keeping it would leave an invisible row behind.
    """
    if _locked_concept(session, concept_id) is None:
        return False
    result = session.execute(
        delete(TermRow).where(
            TermRow.concept_id == concept_id, TermRow.lang == lang, TermRow.text == text
        )
    )
    if not getattr(result, "rowcount", 0):
        return False
    record_changes(session, [concept_id])
    left = session.scalar(select(func.count()).where(TermRow.concept_id == concept_id))
    if left:
        _stamp(session, concept_id, author, utc_now())
    else:
        session.execute(delete(ConceptRow).where(ConceptRow.id == concept_id))
    return True
