"""The demo: a partly translated sample with term hits, TM matches and QA flags, never your DB."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from tests_support import run
from textual.widgets import Static

from workbench import services, settings
from workbench.demo import (
    SAMPLE_DOCUMENT,
    SAMPLE_GLOSSARY,
    SAMPLE_TM,
    SAMPLE_TRANSLATIONS,
    demo_database,
    prepare_demo,
    sample_translations,
)
from workbench.domain.document import SegmentStatus
from workbench.domain.model import Term
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.widgets.term_panel import TermPanel
from workbench.tui.widgets.tm_panel import TmPanel

SEGMENTS = 30
BY_STATUS = {SegmentStatus.TRANSLATED: 14, SegmentStatus.DRAFT: 2, SegmentStatus.NEW: 14}
FIRST_NEW = 9
"""Where the editor opens: the first untouched segment, with terms and a TM match."""
DELIBERATE = {
    "number_mismatch": "32 billion won",
    "term_missing": "Yutao Chen",
    "term_forbidden": "Wenge Tech",
    "end_punctuation": "have adopted AI",
}
"""The sample translation's planted errors: QA check id -> a piece of the faulty target."""


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Database, str]]:
    db, name = prepare_demo(tmp_path)
    try:
        yield db, name
    finally:
        db.dispose()


@pytest.fixture
def user_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own database, named by WORKBENCH_DB, with a glossary in it."""
    path = tmp_path / "user" / "mine.sqlite"
    db = open_database(settings.url_from_path_or_url(str(path)))
    services.add_concept(db, [Term(lang="en", text="mine")])
    db.dispose()
    monkeypatch.setenv(settings.DB_ENV, str(path))
    return path


def folder_state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_package_glossary_is_the_shipped_one() -> None:
    """glossaries/ is the copy users see; the demo reads the package's (there when installed)."""
    users_copy = Path(__file__).resolve().parents[1] / "glossaries" / "waic-2025.csv"
    assert SAMPLE_GLOSSARY.read_bytes() == users_copy.read_bytes()
    assert services.SHIPPED_GLOSSARY.resolve() == SAMPLE_GLOSSARY.resolve()
    package = Path(services.__file__).resolve().parents[1]
    assert package in services.SHIPPED_GLOSSARY.resolve().parents


def test_the_sample_files_ship_inside_the_package() -> None:
    package = Path(services.__file__).resolve().parents[1]
    for path in (SAMPLE_DOCUMENT, SAMPLE_TRANSLATIONS, SAMPLE_TM, SAMPLE_GLOSSARY):
        assert path.is_file() and package in path.parents


def test_every_translation_names_a_segment_once() -> None:
    sources = [row.source for row in sample_translations()]
    assert len(sources) == len(set(sources))


def test_the_demo_document_is_partly_translated(demo: tuple[Database, str]) -> None:
    db, name = demo
    document, segments = services.document_segments(db, name)
    assert (document.source_lang, document.target_lang) == ("ko", "en")
    assert len(segments) == SEGMENTS
    counts = {status: sum(s.status is status for s in segments) for status in BY_STATUS}
    assert counts == BY_STATUS
    assert all(bool(s.target) == (s.status is not SegmentStatus.NEW) for s in segments)
    assert services.last_position(db, name) == FIRST_NEW
    assert segments[FIRST_NEW - 1].status is SegmentStatus.NEW
    assert all(s.status is not SegmentStatus.NEW for s in segments[: FIRST_NEW - 1])


def test_qa_flags_the_planted_errors_and_the_empty_targets_only(
    demo: tuple[Database, str],
) -> None:
    db, name = demo
    report = services.run_qa(db, name)
    _, segments = services.document_segments(db, name)
    empty = [s.position for s in segments if s.status is SegmentStatus.NEW]
    assert [i.position for i in report.issues if i.check == "untranslated"] == empty
    planted = [i for i in report.issues if i.check != "untranslated"]
    assert sorted(i.check for i in planted) == sorted(DELIBERATE)
    for issue in planted:
        assert DELIBERATE[issue.check] in report.pair_at(issue.position).target


def test_the_number_error_is_the_korean_large_unit(demo: tuple[Database, str]) -> None:
    db, name = demo
    (issue,) = services.run_qa(db, name, ["number_mismatch"]).issues
    assert "3천200억" in issue.message and "32 billion" in issue.message


def test_segments_have_term_hits_with_approved_renderings(demo: tuple[Database, str]) -> None:
    db, name = demo
    _, segments = services.document_segments(db, name)
    index = services.load_term_index(db)
    hits = services.find_terms(index, segments[0].source, "ko")
    by_term = {hit.term: hit for hit in hits}
    wanted = by_term["세계인공지능대회"].targets["en"]
    assert wanted[0].text == "World Artificial Intelligence Conference"
    glued = next(s.source for s in segments if s.source.startswith("센스타임의 스쥔"))
    assert {"센스타임", "스쥔"} <= {hit.term for hit in services.find_terms(index, glued, "ko")}


def test_untranslated_segments_find_fuzzy_tm_matches(demo: tuple[Database, str]) -> None:
    db, name = demo
    _, segments = services.document_segments(db, name)
    first_new = segments[FIRST_NEW - 1]
    (best, *_) = services.tm_lookup(db, first_new.source, "ko", "en")
    assert 70 <= best.score < 100
    assert best.unit.origin == "waic-2024-coverage"
    assert best.unit.target.startswith("SenseTime built its pavilion")
    assert any(op != "equal" for op, _ in best.diff)
    repeat = next(s for s in segments if s.source.startswith("유엘에스 로보틱스는 물류"))
    (best, *_) = services.tm_lookup(db, repeat.source, "ko", "en")
    assert 70 <= best.score < 100 and best.unit.origin == name  # a segment confirmed above


def test_preparing_the_demo_leaves_the_users_database_alone(
    tmp_path: Path, user_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = folder_state(user_db.parent)

    def refuse(flag: str | None = None) -> str:
        raise AssertionError("the demo asked for the user's database")

    monkeypatch.setattr(settings, "database_url", refuse)
    with demo_database() as (db, name):
        assert str(user_db) not in db.url
        assert services.list_documents(db)[0].name == name
        folder = Path(db.engine.url.database or "").parent
    assert not folder.exists()
    assert folder_state(user_db.parent) == before


async def test_the_editor_opens_on_the_sample_with_terms_and_tm(
    demo: tuple[Database, str],
) -> None:
    db, name = demo
    screen = EditorScreen(db, name)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(4):  # document and terms, then the TM, then the lookup it starts
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert len(screen.segments) == SEGMENTS
        assert screen.current == FIRST_NEW - 1
        assert "SenseTime" in shown(screen.query_one(TermPanel))
        assert "SenseTime built its pavilion" in shown(screen.query_one(TmPanel))


def shown(widget: Static) -> str:
    """What a Static shows, as plain text at its width."""
    console = Console(width=widget.size.width, file=io.StringIO(), record=True)
    console.print(widget.content)
    return " ".join(console.export_text().split())


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def app_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    """Stand in for the app's run: record (database URL, document, segments) instead."""
    runs: list[tuple[str, str, int]] = []

    def record(app: WorkbenchApp, *args: object, **kwargs: object) -> None:
        screen = app._first_screen
        assert isinstance(screen, EditorScreen)
        _, segments = services.document_segments(app.db, screen.document_name)
        runs.append((app.db.url, screen.document_name, len(segments)))

    monkeypatch.setattr(WorkbenchApp, "run", record)
    return runs


def test_demo_opens_the_editor_on_the_sample_not_the_users_database(
    capsys: pytest.CaptureFixture[str], user_db: Path, app_runs: list[tuple[str, str, int]]
) -> None:
    before = folder_state(user_db.parent)
    code, _, err = run(capsys, "--db", str(user_db), "demo")
    assert (code, err) == (0, "")
    ((url, name, segments),) = app_runs
    assert (name, segments) == (SAMPLE_DOCUMENT.name, SEGMENTS)
    assert str(user_db.parent) not in url
    assert not Path(url.removeprefix("sqlite:///")).exists()  # the temporary folder is gone
    assert folder_state(user_db.parent) == before


def test_demo_keep_writes_a_database_to_go_on_with(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    user_db: Path,
    app_runs: list[tuple[str, str, int]],
) -> None:
    kept = tmp_path / "kept" / "demo.sqlite"
    code, out, _ = run(capsys, "demo", "--keep", str(kept))
    assert code == 0
    assert f"--db {kept} open {SAMPLE_DOCUMENT.name}" in out
    assert app_runs[0][0].endswith(str(kept))
    code, out, _ = run(capsys, "--db", str(kept), "docs", "--json")
    (document,) = json.loads(out)
    assert document["name"] == SAMPLE_DOCUMENT.name
    assert document["by_status"] == {status.value: n for status, n in BY_STATUS.items()}


def test_demo_keep_refuses_an_existing_file(
    capsys: pytest.CaptureFixture[str], user_db: Path, app_runs: list[tuple[str, str, int]]
) -> None:
    before = folder_state(user_db.parent)
    code, out, err = run(capsys, "demo", "--keep", str(user_db))
    assert code == 2 and out == ""
    assert err.startswith("workbench: error: ") and "exists already" in err
    assert app_runs == []
    assert folder_state(user_db.parent) == before


def test_demo_glossary_keeps_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "demo", "--glossary", "--keep", str(tmp_path / "x.sqlite"))
    assert code == 2 and out == "" and "--keep" in err
    assert list(tmp_path.iterdir()) == []
