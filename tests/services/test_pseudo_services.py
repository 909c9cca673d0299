"""Pseudo-translating a stored document, and segments locked by the file's own tool."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench import services
from workbench.domain.document import Document, Segment, SegmentStatus
from workbench.domain.find import plan_replacements
from workbench.domain.pseudo import is_pseudo
from workbench.storage import documents
from workbench.storage.engine import Database

TEXT = "Open the file.\n\nSave %s now.\n\nClose it.\n"


def _segments(db: Database, name: str) -> list[Segment]:
    return services.document_segments(db, name)[1]


@pytest.fixture
def news(db: Database, tmp_path: Path) -> str:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    services.import_document(db, path, source_lang="en", target_lang="de")
    return "news.txt"


def test_every_segment_gets_a_pseudo_draft_that_undo_takes_back(db: Database, news: str) -> None:
    result = services.pseudo_translate(db, news, expand=40, script="latin")
    assert result == services.PseudoResult(filled=3, kept_confirmed=0, locked=0)
    segments = _segments(db, news)
    assert all(is_pseudo(s.target) and s.status is SegmentStatus.DRAFT for s in segments)
    assert "%s" in segments[1].target
    assert all(s.author == "pseudo" for s in segments)
    assert services.tm_counts(db) == {}  # drafts never reach the memory
    assert segments[0].id is not None
    (undone,) = services.undo_segment(db, segments[0].id).segments
    assert (undone.target, undone.status) == ("", SegmentStatus.NEW)


def test_confirmed_work_is_kept_unless_replacing_is_asked(db: Database, news: str) -> None:
    first = _segments(db, news)[0]
    assert first.id is not None
    services.save_segment(db, first.id, "Öffne die Datei.", SegmentStatus.TRANSLATED, 0, "ann")
    result = services.pseudo_translate(db, news, script="hangul")
    assert (result.filled, result.kept_confirmed) == (2, 1)
    assert _segments(db, news)[0].target == "Öffne die Datei."
    again = services.pseudo_translate(db, news, script="han", replace_confirmed=True)
    assert again.filled == 3
    replaced = _segments(db, news)[0]
    assert is_pseudo(replaced.target) and replaced.status is SegmentStatus.DRAFT


def test_pseudo_drafts_export_as_unfinished_xliff(db: Database, news: str, tmp_path: Path) -> None:
    services.pseudo_translate(db, news)
    out = tmp_path / "news.xlf"
    services.export_document(db, news, out)
    targets = etree.parse(str(out)).getroot().iterfind(".//{*}target")
    assert {t.get("state") for t in targets} == {"needs-review-translation"}


def test_bad_requests_change_nothing(db: Database, news: str) -> None:
    with pytest.raises(services.UsageError, match="script"):
        services.pseudo_translate(db, news, script="klingon")
    with pytest.raises(services.UsageError, match="expand"):
        services.pseudo_translate(db, news, expand=-1)
    with pytest.raises(services.UsageError, match="no document"):
        services.pseudo_translate(db, "nothing.txt")
    assert all(s.target == "" for s in _segments(db, news))


@pytest.fixture
def locked_doc(db: Database) -> str:
    """A document whose second and fourth segments are locked (as Trados and memoQ lock them)."""
    segments = [
        Segment("Same text.", structure={}),
        Segment(
            "Same text.", "Gleicher Text.", status=SegmentStatus.DRAFT, structure={"locked": "yes"}
        ),
        Segment("Other text.", structure={}),
        Segment("Same text.", structure={"locked": "yes"}),
    ]
    document = Document("locked.xlf", "xliff", "en", "de")
    with db.sessions.begin() as session:
        documents.add_document(session, document, segments, None)
    return "locked.xlf"


def test_locked_segments_refuse_saves_and_are_left_alone(db: Database, locked_doc: str) -> None:
    first, second, _third, _fourth = _segments(db, locked_doc)
    assert second.id is not None and first.id is not None
    with pytest.raises(services.LockedError, match="segment 2 is locked"):
        services.save_segment(db, second.id, "Anders.", SegmentStatus.TRANSLATED, 0)
    services.save_segment(db, first.id, "Gleich.", SegmentStatus.TRANSLATED, 0)
    assert services.propagate(db, first.id) == 0  # the repetitions are locked
    result = services.pseudo_translate(db, locked_doc)
    assert (result.filled, result.kept_confirmed, result.locked) == (1, 1, 2)
    after = _segments(db, locked_doc)
    assert after[1].target == "Gleicher Text." and after[1].version == 0
    assert after[3].target == ""


def test_replace_all_reports_a_locked_segment_and_changes_the_rest(
    db: Database, locked_doc: str
) -> None:
    first = _segments(db, locked_doc)[0]
    assert first.id is not None
    services.save_segment(db, first.id, "Gleicher Satz.", SegmentStatus.DRAFT, 0)
    plan = plan_replacements(_segments(db, locked_doc), "Gleich", "Derselb")
    result = services.replace_in_targets(db, locked_doc, plan)
    assert [s.position for s in result.replaced] == [1]
    assert [(c.position, "locked" in c.message) for c in result.conflicts] == [(2, True)]
    assert _segments(db, locked_doc)[1].target == "Gleicher Text."
