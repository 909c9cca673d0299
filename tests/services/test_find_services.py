"""Replace-all against stored versions, and the document overview, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import services
from workbench.domain.checks import Severity
from workbench.domain.document import Segment, SegmentStatus
from workbench.domain.find import plan_replacements
from workbench.services import UsageError
from workbench.storage.engine import Database

NEWS = (
    "원거테크놀러지의 왕레이 이사장이 말했다.\n\n"
    "센스타임은 상하이에서 새 서비스를 공개했다.\n\n"
    "행사는 8월 15일까지 이어진다.\n\n"
    "中科聞歌가 참가했다.\n"
)
"""Four segments of 4, 5, 4 and 6 words (Korean by eojeol, Chinese by character)."""


def imported(db: Database, folder: Path, name: str = "news-find.txt") -> list[Segment]:
    path = folder / name
    path.write_text(NEWS, encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    return services.document_segments(db, name)[1]


def translate(db: Database, segment: Segment, target: str, status: SegmentStatus) -> Segment:
    assert segment.id is not None
    return services.save_segment(db, segment.id, target, status, segment.version, "alice")


def stored(db: Database, name: str = "news-find.txt") -> list[Segment]:
    return services.document_segments(db, name)[1]


def test_replace_keeps_each_status_and_bumps_versions(db: Database, tmp_path: Path) -> None:
    first, second, *_ = imported(db, tmp_path)
    first = translate(db, first, "Wenge Tech's Wang Lei spoke.", SegmentStatus.APPROVED)
    second = translate(db, second, "Wenge Tech? No: SenseTime.", SegmentStatus.DRAFT)
    plan = plan_replacements([first, second], "Wenge Tech", "Beijing Wenge Technology")
    result = services.replace_in_targets(db, "news-find.txt", plan, "bob")
    assert result.conflicts == []
    assert [s.position for s in result.replaced] == [1, 2]
    now = stored(db)
    assert now[0].target == "Beijing Wenge Technology's Wang Lei spoke."
    assert [s.status for s in now[:2]] == [SegmentStatus.APPROVED, SegmentStatus.DRAFT]
    assert [s.version for s in now[:2]] == [first.version + 1, second.version + 1]
    assert now[0].author == "bob"


def test_replace_can_send_segments_back_to_draft(db: Database, tmp_path: Path) -> None:
    first, *_ = imported(db, tmp_path)
    first = translate(db, first, "Wenge Tech spoke.", SegmentStatus.TRANSLATED)
    plan = plan_replacements([first], "Wenge Tech", "Beijing Wenge Technology")
    services.replace_in_targets(db, "news-find.txt", plan, "bob", status=SegmentStatus.DRAFT)
    assert stored(db)[0].status is SegmentStatus.DRAFT


def test_a_stale_version_is_a_conflict_and_is_not_overwritten(db: Database, tmp_path: Path) -> None:
    first, second, *_ = imported(db, tmp_path)
    first = translate(db, first, "Wenge Tech spoke.", SegmentStatus.TRANSLATED)
    second = translate(db, second, "Wenge Tech again.", SegmentStatus.TRANSLATED)
    plan = plan_replacements([first, second], "Wenge Tech", "Beijing Wenge Technology")
    translate(db, first, "Carol's newer Wenge Tech text.", SegmentStatus.REVIEWED)  # after the plan
    result = services.replace_in_targets(db, "news-find.txt", plan, "bob")
    assert [c.position for c in result.conflicts] == [1]
    assert "segment 1 was changed" in result.conflicts[0].message
    assert [s.position for s in result.replaced] == [2]
    now = stored(db)
    assert now[0].target == "Carol's newer Wenge Tech text."
    assert now[0].status is SegmentStatus.REVIEWED
    assert now[1].target == "Beijing Wenge Technology again."


def test_unchanged_plans_are_not_saved(db: Database, tmp_path: Path) -> None:
    first, *_ = imported(db, tmp_path)
    first = translate(db, first, "\ue000Wenge\ue001 Tech", SegmentStatus.TRANSLATED)
    plan = plan_replacements([first], "Wenge Tech", "WT")
    assert plan and not plan[0].changed
    result = services.replace_in_targets(db, "news-find.txt", plan, "bob")
    assert result.replaced == [] and result.conflicts == []
    assert stored(db)[0].version == first.version


def test_a_segment_of_another_document_is_refused(db: Database, tmp_path: Path) -> None:
    first, *_ = imported(db, tmp_path)
    imported(db, tmp_path, "other.txt")
    first = translate(db, first, "Wenge Tech", SegmentStatus.TRANSLATED)
    plan = plan_replacements([first], "Wenge Tech", "WT")
    with pytest.raises(UsageError, match=r"other\.txt has no segment 1"):
        services.replace_in_targets(db, "other.txt", plan, "bob")
    assert stored(db)[0].target == "Wenge Tech"


def test_overview_counts_segments_and_words_by_status(db: Database, tmp_path: Path) -> None:
    first, second, third, _ = imported(db, tmp_path)
    translate(db, first, "Wang Lei of Wenge Tech spoke.", SegmentStatus.TRANSLATED)
    translate(db, second, "SenseTime unveiled a service.", SegmentStatus.DRAFT)
    translate(db, third, "The event runs until August 16.", SegmentStatus.APPROVED)
    overview = services.document_overview(db, "news-find.txt", qa=False)
    counts = {c.status: (c.segments, c.words) for c in overview.by_status}
    assert counts == {
        SegmentStatus.NEW: (1, 6),
        SegmentStatus.DRAFT: (1, 5),
        SegmentStatus.TRANSLATED: (1, 4),
        SegmentStatus.REVIEWED: (0, 0),
        SegmentStatus.APPROVED: (1, 4),
        SegmentStatus.REJECTED: (0, 0),
    }
    assert (overview.segments, overview.words, overview.confirmed_words) == (4, 19, 8)
    assert (overview.source_lang, overview.target_lang) == ("ko", "en")
    assert overview.qa is None


def test_overview_counts_qa_issues_by_check(db: Database, tmp_path: Path) -> None:
    third = imported(db, tmp_path)[2]
    translate(db, third, "The event runs until August 16.", SegmentStatus.TRANSLATED)
    overview = services.document_overview(db, "news-find.txt")
    assert overview.qa is not None
    by_check = {c.check: c for c in overview.qa}
    assert by_check["untranslated"].issues == 3
    assert by_check["untranslated"].segments == 3
    assert by_check["number_mismatch"].segments == 1
    assert by_check["number_mismatch"].severity is Severity.ERROR
    issues = [c.issues for c in overview.qa]
    assert issues == sorted(issues, reverse=True)


def test_overview_of_an_unknown_document(db: Database) -> None:
    with pytest.raises(UsageError, match="no document named"):
        services.document_overview(db, "nowhere.txt")


WORDS = [
    ("", 0),
    ("퍼스트 팜은 말했다.", 3),  # Korean: eojeol, particles included
    ("세계인공지능대회", 1),
    ("세계 인공지능 대회", 3),
    ("中科聞歌", 4),  # Chinese: characters
    ("中科闻歌发布了新模型。", 10),
    ("センスタイムは上海で", 10),  # Japanese: kana and kanji, each a word
    ("원거테크놀러지(Beijing Wenge Technology, 中科聞歌)", 8),
    ("3천200억 원", 2),  # a number with its counters is one word
    ("8월 15일", 2),
    ("don't stop: 3,200.5 units, state-of-the-art", 5),
    ("— … !! ()", 0),
    ("\ue000원거테크놀러지\ue001의 왕레이", 2),  # a code inside a word does not split it
    ("AI칩", 1),
    ("café", 1),
    ("cafe\u0301 au lait", 3),  # a combining accent stays in its word
]


@pytest.mark.parametrize(("text", "words"), WORDS)
def test_count_words(text: str, words: int) -> None:
    assert services.count_words(text) == words
