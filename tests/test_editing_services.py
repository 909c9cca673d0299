"""What the editor relies on: confirmed segments reach the TM, undo, repetitions, conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.storage import documents
from workbench.storage.engine import Database

TEXT = (
    "센스타임은 상하이에 있다.\n\n원거테크놀러지는 모델을 발표했다.\n\n센스타임은 상하이에 있다.\n"
)


@pytest.fixture
def document(db: Database, tmp_path: Path) -> list[int]:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    with db.sessions() as session:
        header = documents.document_by_name(session, "news.txt")
        assert header is not None and header.id is not None
        return [s.id for s in documents.iter_segments(session, header.id) if s.id is not None]


def segment(db: Database, segment_id: int) -> documents.Segment:
    with db.sessions() as session:
        found = documents.get_segment(session, segment_id)
    assert found is not None
    return found


def test_a_confirmed_segment_goes_into_the_memory(db: Database, document: list[int]) -> None:
    first = document[0]
    services.save_segment(db, first, "SenseTime is in", SegmentStatus.DRAFT, 0, "mina")
    assert services.tm_counts(db) == {}
    services.save_segment(
        db, first, "SenseTime is in Shanghai.", SegmentStatus.TRANSLATED, 1, "mina"
    )
    assert services.tm_counts(db) == {("ko", "en"): 1}
    (match,) = services.tm_lookup(db, "센스타임은 상하이에 있다.", "ko", "en")
    assert match.score == 100 and match.unit.target == "SenseTime is in Shanghai."
    assert match.unit.origin == "news.txt"


def test_undo_goes_back_one_save_at_a_time(db: Database, document: list[int]) -> None:
    first = document[0]
    services.save_segment(db, first, "One.", SegmentStatus.DRAFT, 0, None)
    services.save_segment(db, first, "Two.", SegmentStatus.TRANSLATED, 1, None)
    assert services.undo_segment(db, first).segments[0].target == "One."
    (undone,) = services.undo_segment(db, first).segments  # one more step: as imported
    assert (undone.target, undone.status) == ("", SegmentStatus.NEW)
    (redone,) = services.redo_segment(db, first).segments
    assert (redone.target, redone.status) == ("One.", SegmentStatus.DRAFT)
    (redone,) = services.redo_segment(db, first).segments
    assert (redone.target, redone.status) == ("Two.", SegmentStatus.TRANSLATED)
    with pytest.raises(services.UsageError, match="nothing earlier"):
        fresh = document[1]
        services.undo_segment(db, fresh)


def test_first_save_can_be_undone_to_the_imported_state(db: Database, document: list[int]) -> None:
    first = document[0]
    services.save_segment(db, first, "Typed.", SegmentStatus.DRAFT, 0, None)
    (restored,) = services.undo_segment(db, first).segments
    assert (restored.target, restored.status) == ("", SegmentStatus.NEW)


def test_repetitions_are_propagated_as_drafts(db: Database, document: list[int]) -> None:
    first, second, third = document
    services.save_segment(db, first, "SenseTime is in Shanghai.", SegmentStatus.TRANSLATED, 0, None)
    assert services.propagate(db, first) == 1
    repeated = segment(db, third)
    assert (repeated.target, repeated.status) == ("SenseTime is in Shanghai.", SegmentStatus.DRAFT)
    assert segment(db, second).target == ""


def test_a_stale_save_is_refused_and_its_text_kept(db: Database, document: list[int]) -> None:
    first = document[0]
    services.save_segment(db, first, "Mine.", SegmentStatus.TRANSLATED, 0, "mina")
    with pytest.raises(services.ConflictError, match="segment 1 was changed by mina"):
        services.save_segment(db, first, "Theirs.", SegmentStatus.TRANSLATED, 0, "joon")
    with db.sessions() as session:
        kept = [(r.target, r.kind) for r in documents.revisions(session, first)]
    assert ("Theirs.", "conflict") in kept and segment(db, first).target == "Mine."


PARAGRAPH = "센스타임은 상하이에 있다. 원거테크놀러지는 모델을 발표했다.\n\n다음 문단이다.\n"


@pytest.fixture
def paragraph(db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "para.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    return path


def sources(db: Database) -> list[str]:
    with db.sessions() as session:
        header = documents.document_by_name(session, "para.txt")
        assert header is not None and header.id is not None
        return [s.source for s in documents.iter_segments(session, header.id)]


def test_join_then_split_keeps_the_file_and_the_order(
    db: Database, paragraph: Path, tmp_path: Path
) -> None:
    assert sources(db) == [
        "센스타임은 상하이에 있다.",
        "원거테크놀러지는 모델을 발표했다.",
        "다음 문단이다.",
    ]
    (joined,) = services.join_segments(db, "para.txt", 1).segments
    assert joined.source == "센스타임은 상하이에 있다. 원거테크놀러지는 모델을 발표했다."
    assert sources(db) == [joined.source, "다음 문단이다."]
    services.export_document(db, "para.txt", tmp_path / "joined.txt")
    assert (tmp_path / "joined.txt").read_bytes() == paragraph.read_bytes()
    first, second = services.split_segment(db, "para.txt", 1, len("센스타임은 ")).segments
    assert (first.source, second.source) == (
        "센스타임은",
        "상하이에 있다. 원거테크놀러지는 모델을 발표했다.",
    )
    assert sources(db)[2] == "다음 문단이다."
    services.export_document(db, "para.txt", tmp_path / "split.txt")
    assert (tmp_path / "split.txt").read_bytes() == paragraph.read_bytes()


def test_joined_targets_are_kept_and_exported(
    db: Database, paragraph: Path, tmp_path: Path
) -> None:
    with db.sessions() as session:
        header = documents.document_by_name(session, "para.txt")
        assert header is not None and header.id is not None
        first, second, _ = documents.iter_segments(session, header.id)
    assert first.id is not None and second.id is not None
    services.save_segment(db, first.id, "SenseTime is in Shanghai.", SegmentStatus.TRANSLATED, 0)
    services.save_segment(db, second.id, "Wenge announced a model.", SegmentStatus.TRANSLATED, 0)
    (joined,) = services.join_segments(db, "para.txt", 1).segments
    assert joined.target == "SenseTime is in Shanghai. Wenge announced a model."
    services.export_document(db, "para.txt", tmp_path / "out.txt")
    assert (
        (tmp_path / "out.txt")
        .read_text("utf-8")
        .startswith("SenseTime is in Shanghai. Wenge announced a model.\n\n")
    )


def test_joining_across_paragraphs_or_units_is_refused(
    db: Database, paragraph: Path, tmp_path: Path
) -> None:
    with pytest.raises(services.UsageError, match="different paragraphs"):
        services.join_segments(db, "para.txt", 2)
    po = tmp_path / "ui.po"
    po.write_text('msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""\n', encoding="utf-8")
    services.import_document(db, po, source_lang="en", target_lang="ko")
    with pytest.raises(services.UsageError, match="cannot be joined or split"):
        services.join_segments(db, "ui.po", 1)


def test_a_match_in_the_same_context_scores_101(db: Database, document: list[int]) -> None:
    second = document[1]  # between two repetitions of the same sentence
    services.save_segment(db, second, "Wenge announced a model.", SegmentStatus.TRANSLATED, 0)
    around = ("센스타임은 상하이에 있다.", "센스타임은 상하이에 있다.")
    (in_context,) = services.tm_lookup(
        db, "원거테크놀러지는 모델을 발표했다.", "ko", "en", context=around
    )
    assert in_context.score == 101
    (elsewhere,) = services.tm_lookup(
        db, "원거테크놀러지는 모델을 발표했다.", "ko", "en", context=("다른 문장.", None)
    )
    assert elsewhere.score == 100
