"""Export -> re-import into the same term base changes nothing, for random concepts, in every
glossary format (issue 11 items 2 and 3), on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import services
from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.services import Database
from workbench.storage import termbase

WORDS = st.sampled_from(
    [
        "open", "cluster", "Beijing", "Wenge's", "Wenge’s", "bank", "=SUM(1)", "+1", "@home",
        "ＷＡＩＣ", "원거", "테크놀러지", "中科聞歌", "中科闻歌", "史軍", "x", "a,b", 'say "hi"',
    ]
)  # fmt: skip
TEXT = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
LANGS = st.sampled_from(["en", "ko", "zh-Hant", "fr", "en-GB"])
PARTS_OF_SPEECH = st.sampled_from([None, "noun", "verb", "proper noun", "nom", "Noun"])

TERM = st.builds(
    Term,
    lang=LANGS,
    text=TEXT,
    status=st.sampled_from(list(TermStatus)),
    part_of_speech=PARTS_OF_SPEECH,
    term_type=st.sampled_from([None, *TermType]),
    case_sensitive=st.booleans(),
    note=st.none() | TEXT,
    source=st.none() | TEXT,
)
CONCEPT = st.builds(
    Concept,
    terms=st.lists(TERM, min_size=1, max_size=4),
    uid=st.sampled_from([None, "c1", "c2", "1", "two words", "wb-0123456789abcdef"]),
    origin=st.sampled_from([None, "local", "a.tbx", "IBM Data", "b.csv"]),
    subject_field=st.none() | TEXT,
    note=st.none() | TEXT,
    definitions=st.dictionaries(st.sampled_from(["", "en", "ko"]), TEXT, max_size=2),
)


def snapshot(db: Database) -> list[Any]:
    """Everything a person sees of every concept, with when it was last changed."""
    with db.sessions() as session:
        return [
            (c.id, c.uid, c.origin, c.subject_field, c.note, c.definitions, c.updated_at, c.terms)
            for c in termbase.iter_concepts(session)
        ]


def reimport(db: Database, extension: str, langs: list[str] | None = None) -> None:
    before = snapshot(db)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{extension}"
        written = services.export_glossary(db, path, langs=langs)
        options: dict[str, Any] = {}
        if langs is not None:
            options = {"source_lang": langs[0], "target_lang": langs[1]}
        again = services.import_glossary(db, path, **options)
    assert again.concepts_created == 0
    assert (again.concepts_changed, again.terms_added, again.terms_updated) == (0, 0, 0)
    assert again.concepts_merged == written
    assert snapshot(db) == before


@pytest.mark.parametrize("extension", ["tbx", "csv", "tsv", "xlsx"])
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(concepts=st.lists(CONCEPT, min_size=1, max_size=6))
def test_export_then_import_changes_nothing(
    db: Database, extension: str, concepts: list[Concept]
) -> None:
    """Concepts pile up across examples: ids of several origins clash more and more."""
    with db.sessions.begin() as session:
        termbase.import_concepts(session, concepts, "property")
    reimport(db, extension)


_SOURCES = itertools.count()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    targets=st.lists(st.lists(TERM, min_size=1, max_size=3), min_size=1, max_size=5),
    notes=st.lists(st.none() | TEXT, min_size=5, max_size=5),
    statuses=st.lists(st.sampled_from(list(TermStatus)), min_size=5, max_size=5),
)
def test_omegat_export_then_import_changes_nothing(
    db: Database, targets: list[list[Term]], notes: list[str | None], statuses: list[TermStatus]
) -> None:
    """OmegaT carries no ids, nor anything of the source term but its text: concepts come back
    by their terms, and a source term keeps its stored status (the file cannot say it). Each
    concept here has its own English source term: two stored concepts alike would tie."""
    concepts = []
    for terms, note, status in zip(targets, notes, statuses, strict=False):
        source = Term("en", f"source term {next(_SOURCES)}", status)
        rendered = [Term("ko", t.text, t.status, t.part_of_speech, t.term_type) for t in terms]
        concepts.append(Concept(terms=[source, *rendered], note=note))
    with db.sessions.begin() as session:
        termbase.import_concepts(session, concepts, "property", termbase.MergeBy.NONE)
    reimport(db, "tab", ["en", "ko"])
