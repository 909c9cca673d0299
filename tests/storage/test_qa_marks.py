"""QA ignore marks and post-edit distances: the 0005 migration, the store, the cascades."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from workbench import services
from workbench.storage import documents, qa
from workbench.storage.engine import (
    Database,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    upgrade,
)


def test_a_0004_database_with_documents_is_upgraded_and_marks_cascade(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0004")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO document (id, name, format, source_lang, target_lang, original, "
                "properties, last_position, created_at) VALUES (1, 'news.txt', 'txt', 'ko', "
                "'en', :original, '{}', 1, CURRENT_TIMESTAMP)"
            ),
            {"original": b"x"},
        )
        connection.execute(
            text(
                "INSERT INTO segment (id, document_id, position, source, target, codes, status, "
                "structure, updated_at, version) VALUES (7, 1, 1, '매출은 3천200억 원이었다.', "
                "'Sales were 32 billion won.', '[]', 'translated', '{}', CURRENT_TIMESTAMP, 1)"
            )
        )
    engine.dispose()

    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.sessions.begin() as session:
            assert qa.document_id(session, "news.txt") == 1
            segment = qa.segment_at(session, 1, 1)
            assert segment is not None and segment.target == "Sales were 32 billion won."
            assert qa.add_ignore(session, 1, 7, "number_mismatch", "0123456789abcdef", "mina")
            qa.add_post_edit(
                session, 7, "Sales were.", "tm:80", "Sales were 32.", 50.0, "sig", None
            )
        with db.sessions() as session:
            marks = qa.ignore_marks(session, 1)
            assert [(m.segment_id, m.check, m.key) for m in marks] == [
                (7, "number_mismatch", "0123456789abcdef")
            ]
            (row,) = qa.post_edits(session, 1)
            assert (row.position, row.score, row.origin) == (1, 50.0, "tm:80")
            assert row.created_at is not None and row.created_at.tzinfo is not None
        with db.sessions.begin() as session:
            assert documents.delete_document(session, "news.txt")
        with db.engine.connect() as connection:
            left = [
                connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                for table in ("qa_ignore", "post_edit")
            ]
        assert left == [0, 0]  # the database cascades, whatever code deletes the document
    finally:
        db.dispose()


@pytest.fixture
def news(db: Database, tmp_path: Path) -> tuple[int, list[int]]:
    path = tmp_path / "news.txt"
    path.write_text("첫째 문장이다.\n\n둘째 문장이다.\n", encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    with db.sessions() as session:
        document_id = qa.document_id(session, "news.txt")
        assert document_id is not None
        ids = [s.id for s in documents.iter_segments(session, document_id) if s.id is not None]
    return document_id, ids


def test_a_mark_is_stored_once_and_removed_by_check(
    db: Database, news: tuple[int, list[int]]
) -> None:
    document_id, (first, second) = news
    with db.sessions.begin() as session:
        assert qa.add_ignore(session, document_id, first, "double_space", "a" * 16, None)
        assert not qa.add_ignore(session, document_id, first, "double_space", "a" * 16, None)
        assert qa.add_ignore(session, document_id, first, "double_space", "b" * 16, None)
        assert qa.add_ignore(session, document_id, second, "double_space", "a" * 16, None)
    with db.sessions.begin() as session:
        assert qa.remove_ignores(session, first, "double_space") == 2
        assert qa.remove_ignores(session, first, "double_space") == 0
        assert {m.segment_id for m in qa.ignore_marks(session, document_id)} == {second}


def test_the_database_refuses_a_duplicate_mark(db: Database, news: tuple[int, list[int]]) -> None:
    document_id, (first, _) = news
    from workbench.storage.schema import QaIgnoreRow

    with pytest.raises(IntegrityError), db.sessions.begin() as session:
        for _ in range(2):
            session.add(
                QaIgnoreRow(
                    document_id=document_id,
                    segment_id=first,
                    check_id="double_space",
                    content_key="c" * 16,
                )
            )
            session.flush()


def test_post_edits_report_the_newest_of_each_segment_in_order(
    db: Database, news: tuple[int, list[int]]
) -> None:
    document_id, (first, second) = news
    with db.sessions.begin() as session:
        qa.add_post_edit(session, second, "B", "", "B!", 50.0, "sig", None)
        qa.add_post_edit(session, first, "A", "tm:90", "A1", 100.0, "sig", "mina")
        qa.add_post_edit(session, first, "A", "tm:90", "A", 0.0, "sig", "mina")
    with db.sessions() as session:
        rows = qa.post_edits(session, document_id)
        latest = qa.latest_post_edit(session, first)
    assert [(r.position, r.target, r.score) for r in rows] == [(1, "A", 0.0), (2, "B!", 50.0)]
    assert rows[1].origin == "" and rows[0].author == "mina"
    assert latest is not None and latest.target == "A"
