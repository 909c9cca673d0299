"""Undo with many levels, joins and splits undone as one step, and joins racing saves."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.services import ConflictError, Database, open_database
from workbench.storage import documents

TEXT = "첫 문장이다. 둘째 문장이다. 셋째 문장이다.\n\n다른 문단이다.\n"
NAME = "para.txt"


@pytest.fixture
def para(db: Database, tmp_path: Path) -> Path:
    path = tmp_path / NAME
    path.write_text(TEXT, encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    return path


def segments(db: Database) -> list[Segment]:
    return services.document_segments(db, NAME)[1]


def confirm(db: Database, row: int, text: str, author: str | None = None) -> Segment:
    segment = segments(db)[row]
    assert segment.id is not None
    return services.save_segment(
        db, segment.id, text, SegmentStatus.TRANSLATED, segment.version, author
    )


def history_of(db: Database, segment_id: int) -> list[tuple[str, str]]:
    with db.sessions() as session:
        return [(r.kind, r.target) for r in documents.revisions(session, segment_id)]


def test_join_is_undone_as_one_step_with_targets_statuses_and_history(
    db: Database, para: Path, tmp_path: Path
) -> None:
    confirm(db, 0, "The first.", "mina")
    confirm(db, 1, "The second draft.")
    second = confirm(db, 1, "The second.", "joon")
    before = segments(db)
    assert second.id is not None
    second_history = history_of(db, second.id)
    outcome = services.join_segments(db, NAME, 1, [s.version for s in before[:2]], "mina")
    assert outcome.restructured and outcome.segments[0].target == "The first. The second."
    assert len(segments(db)) == 3
    undone = services.undo_segment(db, outcome.segments[0].id or 0, "mina")
    assert undone.restructured and [s.position for s in undone.segments] == [1, 2]
    after = segments(db)
    assert [(s.source, s.target, s.status, s.author) for s in after] == [
        (s.source, s.target, s.status, s.author) for s in before
    ]
    assert after[1].id == second.id and history_of(db, second.id) == second_history
    # the next undo goes on into the second segment's own saves, and each can be saved at once
    (back,) = services.undo_segment(db, second.id).segments
    assert back.target == "The second draft."
    services.save_segment(db, second.id, "Second, again.", SegmentStatus.TRANSLATED, back.version)
    services.export_document(db, NAME, tmp_path / "out.txt")
    assert (
        (tmp_path / "out.txt")
        .read_text("utf-8")
        .startswith("The first. Second, again. 셋째 문장이다.")
    )


def test_split_is_undone_as_one_step(db: Database, para: Path) -> None:
    confirm(db, 0, "The first.")
    before = segments(db)
    split = services.split_segment(db, NAME, 1, len("첫 "), None, before[0].version)
    first, second = split.segments
    assert (first.source, second.source) == ("첫", "문장이다.")
    assert second.id is not None
    services.save_segment(db, second.id, "typed", SegmentStatus.DRAFT, second.version)
    with pytest.raises(services.UsageError, match="segment 2 was changed after the split"):
        services.undo_segment(db, first.id or 0)
    services.undo_segment(db, second.id)  # takes back what was typed in the second part
    undone = services.undo_segment(db, second.id)  # then the split itself
    assert undone.restructured
    assert [(s.source, s.target, s.status) for s in segments(db)] == [
        (s.source, s.target, s.status) for s in before
    ]
    (undone_first,) = services.undo_segment(db, before[0].id or 0).segments
    assert (undone_first.target, undone_first.status) == ("", SegmentStatus.NEW)


def test_undo_reaches_the_imported_state_and_redo_comes_back(db: Database, para: Path) -> None:
    segment_id = segments(db)[0].id or 0
    for text in ("a", "b", "c", "d"):
        confirm(db, 0, text)
    seen = [services.undo_segment(db, segment_id).segments[0].target for _ in range(4)]
    assert seen == ["c", "b", "a", ""]
    with pytest.raises(services.UsageError, match="nothing earlier to undo"):
        services.undo_segment(db, segment_id)
    assert services.redo_segment(db, segment_id).segments[0].target == "a"
    confirm(db, 0, "new")  # an edit forgets what was undone, as in any editor
    with pytest.raises(services.UsageError, match="nothing to redo"):
        services.redo_segment(db, segment_id)
    assert services.undo_segment(db, segment_id).segments[0].target == "a"


def test_undo_refuses_a_stale_version(db: Database, para: Path) -> None:
    first = confirm(db, 0, "Mine.")
    confirm(db, 0, "Theirs.", "joon")
    with pytest.raises(ConflictError, match="changed by joon"):
        services.undo_segment(db, first.id or 0, "mina", first.version)
    assert segments(db)[0].target == "Theirs."


def test_a_join_with_a_stale_version_is_refused_naming_who_saved(
    db: Database, db_url: str, para: Path
) -> None:
    read = segments(db)
    other = open_database(db_url)
    try:
        confirm(other, 1, "Confirmed by joon.", "joon")
        with pytest.raises(ConflictError, match="segment 2 was changed by joon"):
            services.join_segments(db, NAME, 1, [s.version for s in read[:2]], "mina")
    finally:
        other.dispose()
    after = segments(db)
    assert len(after) == 4 and after[1].target == "Confirmed by joon."
    assert after[1].status is SegmentStatus.TRANSLATED


def test_a_save_after_a_join_is_refused_and_its_text_kept(
    db: Database, db_url: str, para: Path
) -> None:
    read = segments(db)
    services.join_segments(db, NAME, 1, [s.version for s in read[:2]], "mina")
    other = open_database(db_url)
    try:
        second = read[1]
        assert second.id is not None
        with pytest.raises(ConflictError, match="made by a join by mina"):
            services.save_segment(
                other, second.id, "Late.", SegmentStatus.TRANSLATED, second.version, "joon"
            )
    finally:
        other.dispose()
    joined = segments(db)[0]
    assert ("conflict", "Late.") in history_of(db, joined.id or 0)


def race(db: Database, other: Database, read: list[Segment], text: str) -> dict[str, str]:
    """Join segments 1 and 2 on db while other confirms segment 2, both from what was read."""
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def join() -> None:
        barrier.wait()
        try:
            services.join_segments(db, NAME, 1, [s.version for s in read[:2]], "mina")
            outcomes["join"] = "done"
        except ConflictError:
            outcomes["join"] = "refused"

    def save() -> None:
        second = read[1]
        assert second.id is not None
        barrier.wait()
        try:
            services.save_segment(
                other, second.id, text, SegmentStatus.TRANSLATED, second.version, "joon"
            )
            outcomes["save"] = "done"
        except ConflictError:
            outcomes["save"] = "refused"

    threads = [threading.Thread(target=join), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_join_racing_a_save_never_loses_the_confirmed_target(
    db: Database, db_url: str, para: Path
) -> None:
    """Issue 12 item 8b: two connections, a join and a confirmation of its second segment."""
    other = open_database(db_url)
    try:
        for round_ in range(8):
            read = segments(db)
            if len(read) < 4:  # the last round joined: undo it to race again
                services.undo_segment(db, read[0].id or 0)
                read = segments(db)
            text = f"Confirmed {round_}."
            outcomes = race(db, other, read, text)
            assert sorted(outcomes.values()) == ["done", "refused"]  # exactly one side wins
            now = segments(db)
            if outcomes["save"] == "done":
                assert now[1].target == text and now[1].status is SegmentStatus.TRANSLATED
            else:
                assert text in {t for _, t in history_of(db, now[0].id or 0)}
    finally:
        other.dispose()


def test_a_save_to_the_part_of_an_undone_split_keeps_its_text(
    db: Database, db_url: str, para: Path
) -> None:
    first = segments(db)[0]
    split = services.split_segment(db, NAME, 1, len("첫 "), None, first.version, "mina")
    head, tail = split.segments
    services.undo_segment(db, tail.id or 0, "mina")
    other = open_database(db_url)
    try:
        with pytest.raises(ConflictError, match="segment 1 was made by a split by mina"):
            services.save_segment(
                other, tail.id or 0, "Late part.", SegmentStatus.DRAFT, tail.version, "joon"
            )
    finally:
        other.dispose()
    assert segments(db)[0].source == first.source
    assert ("conflict", "Late part.") in history_of(db, head.id or 0)
