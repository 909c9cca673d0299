"""Documents on SQLite and PostgreSQL: segments, saves, revisions, concurrent edits."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from workbench.domain.document import Document, InlineCode, Segment, SegmentStatus, code_char
from workbench.services.library import list_documents, list_documents_at
from workbench.storage import current_sqlite, document_list, documents
from workbench.storage.documents import ConflictError
from workbench.storage.engine import Database, open_database

BOLD_OPEN = InlineCode("open", "g", "1", '<g id="1">', "<b>")
BOLD_CLOSE = InlineCode("close", "g", "1", "</g>", "</b>")


def sample(name: str = "news.txt") -> tuple[Document, list[Segment]]:
    document = Document(
        name=name, format="txt", source_lang="ko", target_lang="en", original="원문\n".encode()
    )
    segments = [
        Segment(source="원거테크놀러지는 대형 모델을 발표했다.", unit_id="1"),
        Segment(
            source=f"{code_char(0)}센스타임{code_char(1)}의 발표",
            codes=[BOLD_OPEN, BOLD_CLOSE],
            unit_id="2",
            note="a name in bold",
            structure={"paragraph": "2"},
        ),
    ]
    return document, segments


def store(db: Database, name: str = "news.txt") -> int:
    document, segments = sample(name)
    with db.sessions.begin() as session:
        return documents.add_document(session, document, segments, author="mina")


def test_a_document_comes_back_with_its_segments_and_codes(db: Database) -> None:
    document_id = store(db)
    with db.sessions() as session:
        header = documents.document_by_name(session, "news.txt")
        segments = list(documents.iter_segments(session, document_id))
    assert header is not None and header.original == "원문\n".encode()
    assert (header.source_lang, header.target_lang, header.format) == ("ko", "en", "txt")
    assert [s.position for s in segments] == [1, 2]
    assert segments[1].codes == [BOLD_OPEN, BOLD_CLOSE]
    assert segments[1].structure == {"paragraph": "2"} and segments[1].note == "a name in bold"
    assert segments[0].status is SegmentStatus.NEW and segments[0].version == 0


def test_saves_bump_the_version_and_keep_every_revision(db: Database) -> None:
    document_id = store(db)
    with db.sessions() as session:
        first = next(documents.iter_segments(session, document_id))
    assert first.id is not None
    with db.sessions.begin() as session:
        draft = documents.save_segment(session, first.id, "Wenge", SegmentStatus.DRAFT, 0, "mina")
    with db.sessions.begin() as session:
        done = documents.save_segment(
            session, first.id, "Wenge announced a large model.", SegmentStatus.TRANSLATED, 1, "mina"
        )
    assert (draft.version, done.version) == (1, 2)
    with db.sessions() as session:
        history = documents.revisions(session, first.id)
    assert [(r.version, r.target, r.status) for r in history] == [
        (0, "", SegmentStatus.NEW),  # as imported: the first save can be undone too
        (1, "Wenge", SegmentStatus.DRAFT),
        (2, "Wenge announced a large model.", SegmentStatus.TRANSLATED),
    ]


def test_two_translators_on_one_segment_the_second_save_is_refused_and_kept(
    db_url: str,
) -> None:
    first_db, second_db = open_database(db_url), open_database(db_url)  # two real connections
    try:
        document_id = store(first_db)
        with first_db.sessions() as session:
            mine = next(documents.iter_segments(session, document_id))
        with second_db.sessions() as session:
            theirs = next(documents.iter_segments(session, document_id))
        assert mine.id is not None and mine.version == theirs.version == 0
        with first_db.sessions.begin() as session:
            documents.save_segment(
                session, mine.id, "First text.", SegmentStatus.TRANSLATED, 0, "mina"
            )
        with pytest.raises(ConflictError, match="changed by mina"), second_db.sessions() as session:
            try:
                documents.save_segment(
                    session, mine.id, "Second text.", SegmentStatus.TRANSLATED, 0, "joon"
                )
            finally:
                session.commit()  # the refused text is kept in the history
        with first_db.sessions() as session:
            stored = documents.get_segment(session, mine.id)
            history = documents.revisions(session, mine.id)
        assert stored is not None and stored.target == "First text." and stored.version == 1
        assert [(r.target, r.kind, r.author) for r in history] == [
            ("", "imported", None),
            ("First text.", "saved", "mina"),
            ("Second text.", "conflict", "joon"),
        ]
    finally:
        first_db.dispose()
        second_db.dispose()


def test_list_documents_counts_statuses(db: Database) -> None:
    document_id = store(db, "a.txt")
    store(db, "b.txt")
    with db.sessions() as session:
        first = next(documents.iter_segments(session, document_id))
    assert first.id is not None
    with db.sessions.begin() as session:
        documents.save_segment(session, first.id, "Done.", SegmentStatus.TRANSLATED, 0, None)
    with db.sessions() as session:
        listed = {d.name: d for d in documents.list_documents(session)}
    assert listed["a.txt"].segments == 2 and listed["a.txt"].by_status == {
        "translated": 1,
        "new": 1,
    }
    assert listed["b.txt"].by_status == {"new": 2}


def test_document_names_are_unique(db: Database) -> None:
    store(db)
    with pytest.raises(Exception, match=r"(?i)unique"):
        store(db)


def test_last_position_and_delete(db: Database) -> None:
    document_id = store(db)
    with db.sessions.begin() as session:
        documents.set_last_position(session, document_id, 2)
    with db.sessions() as session:
        assert documents.last_position(session, document_id) == 2
    with db.sessions.begin() as session:
        assert documents.delete_document(session, "news.txt")
        assert not documents.delete_document(session, "news.txt")
    with db.sessions() as session:
        assert documents.list_documents(session) == []


def test_segments_whose_notes_come_and_go_are_stored_whole_in_a_few_statements(
    db: Database,
) -> None:
    """App strings and Word files have a note or a context on some segments only; storing
    them once took one statement per run of alike rows (2,373 for a 10,000-key JSON file)."""
    from sqlalchemy import event

    segments = [
        Segment(
            f"문장 {number}",
            note="a note" if number % 2 else None,
            context=None if number % 3 else f"key.{number}",
            author="kim" if number % 5 == 0 else None,
        )
        for number in range(3000)
    ]
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.sessions() as session:
            document = Document(
                name="strings.json", format="json", source_lang="ko", target_lang="en"
            )
            document_id = documents.add_document(session, document, segments, None)
            session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO SEGMENT")]
    assert len(inserts) <= 4
    with db.sessions() as session:
        stored = list(documents.iter_segments(session, document_id))
    assert [(s.note, s.context, s.author) for s in stored] == [
        (s.note, s.context, s.author) for s in segments
    ]
    assert all(s.updated_at is not None and s.version == 0 for s in stored)


def test_the_quick_list_of_a_current_sqlite_file_is_the_engines(tmp_path: Path) -> None:
    """current_sqlite + document_list read what the engine reads, in the same order."""
    url = f"sqlite:///{tmp_path / 'listed.sqlite'}"
    db = open_database(url)
    try:
        for name in ["b.txt", "a.txt", "c.txt"]:
            store(db, name)
        with db.sessions.begin() as session:
            first = documents.document_by_name(session, "a.txt")
            assert first is not None and first.id is not None
            segment = next(documents.iter_segments(session, first.id))
            assert segment.id is not None
            documents.save_segment(
                session, segment.id, "번역", SegmentStatus.DRAFT, segment.version, None
            )
        engine_list = list_documents(db)
        quick = current_sqlite.connect_current(url)
        assert quick is not None
        with closing(quick):
            assert document_list.list_documents(quick) == engine_list
        assert list_documents_at(url) == engine_list
        assert [d.name for d in engine_list] == ["c.txt", "a.txt", "b.txt"]
        assert engine_list[1].by_status == {"draft": 1, "new": 1}
    finally:
        db.dispose()
    assert current_sqlite.connect_current(url + "?timeout=5") is None  # options: the engine's
    assert current_sqlite.connect_current(f"sqlite:///{tmp_path / 'none.sqlite'}") is None


def test_a_small_first_batch_is_one_query_and_the_rest_follows_in_order(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor asks for a screenful first: that query must not fetch a whole batch."""
    from sqlalchemy import event

    monkeypatch.setattr(documents, "BATCH_SIZE", 4)
    document = Document(name="long.txt", format="txt", source_lang="ko", target_lang="en")
    with db.sessions.begin() as session:
        document_id = documents.add_document(
            session, document, [Segment(f"문장 {n}") for n in range(11)], None
        )
    selects: list[object] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            selects.append(args[3])

    with db.sessions() as session:
        every = list(documents.iter_segments(session, document_id))
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            reading = documents.iter_segments(session, document_id, first=2)
            head = [next(reading), next(reading)]
            assert len(selects) == 1  # the head came from the first query alone
            rest = list(reading)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert [s.position for s in every] == list(range(1, 12))
    assert head + rest == every
    assert len(selects) == 1 + 3 + 1  # 2, then 4 + 4 + 1, then an empty batch


def test_the_header_for_the_editor_leaves_the_original_file_out(db: Database) -> None:
    document_id = store(db)
    with db.sessions.begin() as session:
        documents.set_last_position(session, document_id, 2)
    with db.sessions() as session:
        found = documents.document_header(session, "news.txt")
        assert documents.document_header(session, "missing.txt") is None
    assert found is not None
    header, left_at = found
    assert (header.id, header.name, header.source_lang, header.target_lang) == (
        document_id,
        "news.txt",
        "ko",
        "en",
    )
    assert header.original == b"" and left_at == 2
