"""The editor's segment panel says where a segment comes from and what its codes stand for."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from workbench import services
from workbench.domain.document import CODE_BASE, InlineCode, Segment
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.widgets.segment_info_panel import SegmentInfoPanel, segment_rows

SAMPLE_DOCX = Path(services.__file__).parents[1] / "samples" / "waic-brief.docx"


def rows_text(segment: Segment) -> list[tuple[str, str]]:
    return [(label.plain, text.plain) for label, text in segment_rows(segment)]


def test_a_plain_segment_has_nothing_to_say() -> None:
    assert rows_text(Segment("첫 문장입니다.")) == []


def test_codes_are_named_by_what_they_stand_for_once_per_pair() -> None:
    codes = [
        InlineCode("open", "office", "1", "<w:r>", "bold"),
        InlineCode("close", "office", "1", "</w:r>", "bold"),
        InlineCode("standalone", "x", "INTERPOLATION", '<x id="INTERPOLATION"/>'),
    ]
    text = f"{chr(CODE_BASE)}굵게{chr(CODE_BASE + 1)} {chr(CODE_BASE + 2)}"
    assert rows_text(Segment(text, codes=codes)) == [("⟨1⟩", "bold"), ("⟨INTERPOLATION/⟩", "x")]


def test_a_locked_segment_says_so_first_then_where_and_the_note() -> None:
    segment = Segment(
        "잠긴 문장",
        context="menu.file.open",
        note="Keep it short: a menu item.",
        structure={"locked": "yes"},
    )
    assert rows_text(segment) == [
        ("locked", "by the file's tool: read only"),
        ("where", "menu.file.open"),
        ("note", "Keep it short: a menu item."),
    ]


def test_a_page_long_note_is_clipped() -> None:
    shown = rows_text(Segment("문장", note="설명 " * 500))
    assert len(shown[0][1]) == 400 and shown[0][1].endswith("…")


async def _editor_on(app: WorkbenchApp, pilot: Pilot[None]) -> EditorScreen:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    return screen


def panel_text(screen: EditorScreen) -> str:
    """The panel's lines with the label column's padding closed up ("⟨1⟩ italic")."""
    panel = screen.query_one(SegmentInfoPanel)
    lines = str(panel.render()).splitlines() if panel.display else []
    return "\n".join(" ".join(line.split()) for line in lines)


async def test_a_word_documents_styles_and_codes_show_beside_the_segment(tmp_path: Path) -> None:
    db: Database = open_database(f"sqlite:///{tmp_path / 'info.sqlite'}")
    services.import_document(db, SAMPLE_DOCX, source_lang="ko", target_lang="en")
    app = make_app(db, EditorScreen(db, SAMPLE_DOCX.name))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _editor_on(app, pilot)
        screen.go_to_position(3)
        await pilot.pause()
        shown = panel_text(screen)
        assert "where" in shown and "Normal" in shown
        assert "⟨1⟩ italic" in shown and "⟨3/⟩ footnote" in shown
        assert "⟨/1⟩" not in shown
        screen.go_to_position(12)
        await pilot.pause()
        assert "header" in panel_text(screen)


async def test_a_json_key_is_the_context_and_a_bare_text_hides_the_panel(tmp_path: Path) -> None:
    db: Database = open_database(f"sqlite:///{tmp_path / 'info.sqlite'}")
    strings = tmp_path / "app.json"
    strings.write_text('{"menu": {"open": "파일 열기"}}', encoding="utf-8")
    services.import_document(db, strings, source_lang="ko", target_lang="en")
    text = tmp_path / "plain.txt"
    text.write_text("그냥 문장입니다.\n", encoding="utf-8")
    services.import_document(db, text, source_lang="ko", target_lang="en")
    app = make_app(db, EditorScreen(db, "app.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _editor_on(app, pilot)
        assert "menu.open" in panel_text(screen)
    app = make_app(db, EditorScreen(db, "plain.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _editor_on(app, pilot)
        assert not screen.query_one(SegmentInfoPanel).display
