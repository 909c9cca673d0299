"""QA of stored documents: ignores kept per segment, one-segment checks, progress, post-edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import services
from workbench.domain.checks import CheckContext, Issue, Pair, Severity
from workbench.domain.checks.profile import issue_hash
from workbench.domain.document import SegmentStatus
from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term, TermStatus
from workbench.storage.engine import Database

TEXT = "매출은 3천200억 원이었다.\n\n센스타임은 상하이에 있다.\n\n직원은 20만 명이다.\n"
TARGETS = ["Sales were 32 billion won.", "SenseTime is in Shanghai.", "It has 200,000 staff."]


def _translate(db: Database, targets: list[str], name: str = "news.txt") -> None:
    _, segments = services.document_segments(db, name)
    for segment, target in zip(segments, targets, strict=True):
        assert segment.id is not None
        services.save_segment(
            db, segment.id, target, SegmentStatus.TRANSLATED, segment.version, "mina"
        )


@pytest.fixture
def news(db: Database, tmp_path: Path) -> str:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    _translate(db, TARGETS)
    return "news.txt"


def _found(report: services.QaReport) -> list[tuple[int, str]]:
    return [(issue.position, issue.check) for issue in report.issues]


def test_an_ignored_issue_stays_out_until_the_target_changes(db: Database, news: str) -> None:
    report = services.run_qa(db, news)
    assert report.stored and _found(report) == [(1, "number_mismatch")]
    (issue,) = report.issues
    assert services.ignore_issue(db, news, issue, "mina", report.pair_at(1))
    assert not services.ignore_issue(db, news, issue, "mina")  # marked already

    again = services.run_qa(db, news)
    assert again.issues == [] and again.ignored == 1 and again.ignored_issues == [issue]

    _translate(db, ["Sales were 33 billion won.", *TARGETS[1:]])  # edited, still wrong
    reopened = services.run_qa(db, news)
    assert _found(reopened) == [(1, "number_mismatch")] and reopened.ignored == 0

    _translate(db, TARGETS)  # back to the text that was marked: the mark matches again
    assert services.run_qa(db, news).ignored == 1


def test_a_mark_is_not_made_for_a_segment_changed_since_qa_ran(db: Database, news: str) -> None:
    report = services.run_qa(db, news)
    _translate(db, ["Sales were 31 billion won.", *TARGETS[1:]])
    with pytest.raises(services.UsageError, match="changed since QA ran"):
        services.ignore_issue(db, news, report.issues[0], "mina", report.pair_at(1))
    assert services.ignore_keys(db, news) == {}


def test_ignore_issues_marks_all_or_none_and_returns_the_report_without_them(
    db: Database, news: str
) -> None:
    report = services.run_qa(db, news)
    with pytest.raises(services.UsageError, match=r"segment 2 of news\.txt has no number_mismatch"):
        services.ignore_issues(db, report, [(1, "number_mismatch"), (2, "number_mismatch")])
    assert services.ignore_keys(db, news) == {}
    updated = services.ignore_issues(db, report, [(1, "number_mismatch")], "mina")
    assert updated.issues == [] and updated.ignored == 1
    assert services.run_qa(db, news).ignored == 1
    (keys,) = services.ignore_keys(db, news).values()
    assert keys == {issue_hash("number_mismatch", report.pairs[0].source, TARGETS[0])}


def test_unignore_brings_the_issue_back(db: Database, news: str) -> None:
    report = services.run_qa(db, news)
    services.ignore_issue(db, news, report.issues[0])
    assert services.unignore_issue(db, news, 1, "number_mismatch") == 1
    assert _found(services.run_qa(db, news)) == [(1, "number_mismatch")]
    with pytest.raises(services.UsageError, match="no number_mismatch issue marked ignored"):
        services.unignore_issue(db, news, 1, "number_mismatch")
    with pytest.raises(services.UsageError, match="has no segment 9"):
        services.unignore_issue(db, news, 9, "number_mismatch")


def test_a_file_report_cannot_be_marked(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("source,target\n3천200억 원,32 billion won\n", encoding="utf-8")
    report = services.run_qa(db, str(path), source_lang="ko", target_lang="en")
    assert not report.stored and report.issues
    with pytest.raises(services.UsageError, match="is a file"):
        services.ignore_issues(db, report, [(1, "number_mismatch")])


def test_run_document_qa_checks_the_document_even_beside_a_file_of_its_name(
    db: Database, news: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # news.txt, the imported file, is right here
    report = services.run_document_qa(db, news)
    assert report.stored and _found(report) == [(1, "number_mismatch")]


def test_progress_is_told_between_slices_and_changes_nothing(
    db: Database, news: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.qa, "PROGRESS_EVERY", 2)
    told: list[tuple[int, int]] = []
    report = services.run_qa(db, news, on_progress=lambda done, total: told.append((done, total)))
    assert told == [(0, 3), (2, 3), (3, 3)]
    assert report.issues == services.run_qa(db, news).issues


def test_check_segment_runs_the_segment_checks_on_one_pair(db: Database) -> None:
    concept = Concept(
        terms=[
            Term("ko", "센스타임"),
            Term("en", "SenseTime"),
            Term("en", "Sense Time", status=TermStatus.DEPRECATED),
        ],
        id=1,
    )
    context = services.qa_context(db, terms=TermIndex([concept]))
    pair = Pair("센스타임은 20만 명이다.", "Sense Time has 2,000 staff.", "ko", "en", 4)
    found = {(i.check, i.position) for i in services.check_segment(context, pair)}
    assert {("number_mismatch", 4), ("term_forbidden", 4)} <= found
    key = issue_hash("number_mismatch", pair.source, pair.target)
    left = services.check_segment(context, pair, ignored={key})
    assert "number_mismatch" not in {i.check for i in left}


def test_segment_pair_checks_the_text_being_typed(db: Database, news: str) -> None:
    _, segments = services.document_segments(db, news)
    pair = services.segment_pair(segments[2], "ko", "en", target="It has 2,000 staff.")
    assert (pair.position, pair.target, pair.unit_id) == (3, "It has 2,000 staff.", "3.1")
    context = services.qa_context(db, terms=TermIndex([]))
    assert [i.check for i in services.check_segment(context, pair)] == ["number_mismatch"]
    stored = services.segment_pair(segments[2], "ko", "en")
    assert services.check_segment(context, stored) == []


def test_check_segment_leaves_document_checks_to_run_qa() -> None:
    consistent_only = CheckContext()
    consistent_only.profile.enabled = {"inconsistent_target", "number_mismatch"}
    pair = Pair("20만 명", "200,000 people", "ko", "en")
    assert services.check_segment(consistent_only, pair) == []


def test_qa_context_takes_the_profile_and_its_ignores(db: Database, tmp_path: Path) -> None:
    pair = Pair("20만 명", "2,000 people", "ko", "en")
    key = issue_hash("number_mismatch", pair.source, pair.target)
    profile = tmp_path / "qa.toml"
    profile.write_text(
        f'[severity]\nnumber_mismatch = "warning"\n[ignore]\nhashes = ["{key}"]\n',
        encoding="utf-8",
    )
    context = services.qa_context(db, profile, terms=TermIndex([]))
    assert context.profile.severities == {"number_mismatch": Severity.WARNING}
    assert services.check_segment(context, pair) == []


def test_issue_pieces_name_what_to_mark() -> None:
    issue = Issue("number_mismatch", Severity.ERROR, "number 48 in source, 84 in target", 1)
    assert services.issue_pieces(issue) == ["48", "84"]


# --- post-edit distances ----------------------------------------------------------------------


def test_a_confirmed_suggestion_stores_its_ter_with_the_signature(db: Database, news: str) -> None:
    _, segments = services.document_segments(db, news)
    first, second = segments[0], segments[1]
    assert first.id is not None and second.id is not None
    suggestion = services.Suggestion("Sales were 320 billion won.", "tm:92 old.txt")
    services.save_segment(
        db, first.id, "Sales: 320 billion won.", SegmentStatus.DRAFT, 1, None, suggestion
    )
    assert services.post_edit_report(db, news).rows == []  # drafts measure nothing
    services.save_segment(
        db,
        first.id,
        "Sales were 320 billion won.",
        SegmentStatus.TRANSLATED,
        2,
        "mina",
        suggestion,
    )
    services.save_segment(
        db,
        second.id,
        "SenseTime sits in Shanghai.",
        SegmentStatus.TRANSLATED,
        1,
        "mina",
        services.Suggestion("SenseTime is in Shanghai."),
    )
    report = services.post_edit_report(db, news)
    assert [(r.position, r.score) for r in report.rows] == [(1, 0.0), (2, 25.0)]
    assert report.rows[0].origin == "tm:92 old.txt" and report.rows[0].author == "mina"
    assert report.average == pytest.approx(12.5)
    (signature,) = report.signatures
    assert signature.startswith("nrefs:1|case:mixed|tok:tercom")
    assert [r.position for r in report.worst(1)] == [2]


def test_confirming_again_measures_the_last_suggestion_to_the_new_target(
    db: Database, news: str
) -> None:
    _, segments = services.document_segments(db, news)
    first = segments[0]
    assert first.id is not None
    suggestion = services.Suggestion("Sales were 320 billion won.", "tm:92")
    services.save_segment(
        db, first.id, suggestion.text, SegmentStatus.TRANSLATED, 1, None, suggestion
    )
    services.save_segment(db, first.id, suggestion.text, SegmentStatus.REVIEWED, 2, None)
    assert len(services.post_edit_report(db, news).rows) == 1  # same target: nothing new
    services.save_segment(
        db, first.id, "Revenue was 320 billion won.", SegmentStatus.REVIEWED, 3, None
    )
    (row,) = services.post_edit_report(db, news).rows
    assert row.suggestion == suggestion.text and row.origin == "tm:92"
    assert row.target == "Revenue was 320 billion won." and row.score == pytest.approx(40.0)


def test_post_edit_report_of_an_unknown_document_is_a_usage_error(db: Database) -> None:
    with pytest.raises(services.UsageError, match="no document named 'gone'"):
        services.post_edit_report(db, "gone")


def test_a_mark_stays_with_its_segment_when_a_split_moves_it(db: Database, news: str) -> None:
    _translate(db, [*TARGETS[:2], "It has 2,000 staff."])
    report = services.run_qa(db, news)
    assert _found(report) == [(1, "number_mismatch"), (3, "number_mismatch")]
    services.ignore_issue(db, news, report.issues[1], pair=report.pair_at(3))
    services.split_segment(db, news, 2, len("센스타임은 "))
    moved = services.run_qa(db, news)
    assert [pair.position for pair in moved.pairs] == [1, 2, 3, 4]
    assert (4, "number_mismatch") not in _found(moved)  # the split's own issues are at 2 and 3
    assert [(i.position, i.check) for i in moved.ignored_issues] == [(4, "number_mismatch")]
