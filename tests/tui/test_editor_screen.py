"""The editor driven as a translator would, with Textual's Pilot, on a real SQLite file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from tests_support import document_db
from textual.pilot import Pilot
from textual.widgets import Static

from workbench import services
from workbench.domain.document import CODE_BASE, InlineCode, Segment, SegmentStatus
from workbench.domain.model import Term
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.codes import shown_offsets, shown_text, stored_offset, stored_text, truncated
from workbench.tui.editor.inserting import Inserting
from workbench.tui.screens.documents import DocumentsScreen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.widgets.term_panel import TermPanel
from workbench.tui.widgets.tm_panel import TmPanel

NEWS = (
    "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n"
    "센스타임은 원거테크놀러지와 협력한다고 밝혔다.\n\n"
    "행사는 8월 15일까지 이어진다.\n"
)
NAME = "news.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return document_db(tmp_path, NEWS, NAME)


def stored(db: Database) -> list[Segment]:
    return services.document_segments(db, NAME)[1]


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(widget: Static) -> str:
    """What a Static shows, as plain text at its width."""
    console = Console(width=widget.size.width, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def editor(db: Database) -> tuple[WorkbenchApp, EditorScreen]:
    screen = EditorScreen(db, NAME)
    return make_app(db, screen), screen


async def test_confirm_stores_translated_and_moves_on(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.grid.row_count == 3
        assert screen.current == 0
        screen.target_area.insert("Wenge unveiled a new model in Shanghai.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        first = stored(db)[0]
        assert first.status is SegmentStatus.TRANSLATED
        assert first.target == "Wenge unveiled a new model in Shanghai."
        assert screen.current == 1
        assert screen.grid.cursor_row == 1
        assert screen.segments[0].version == first.version
        assert screen.grid.get_row(0).status[0] == "T"


async def test_leaving_right_after_confirming_keeps_it_translated(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen.target_area.insert("Wenge unveiled a model.")
        await pilot.press("ctrl+s", "ctrl+down")  # before the confirmation is stored
        await settle(app, pilot)
        assert stored(db)[0].status is SegmentStatus.TRANSLATED


def test_open_imports_a_file_once_then_opens_it_by_name(db: Database, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("센스타임은 참가했다.\n", encoding="utf-8")
    assert services.document_to_open(db, str(other), "ko", "en").name == "other.txt"
    again = services.document_to_open(db, str(other), None, None)
    assert again.name == "other.txt" and again.imported_before
    assert services.document_to_open(db, NAME, None, None).name == NAME
    assert services.document_to_open(db, None, None, None).name == "other.txt"  # the newest
    assert [d.name for d in services.list_documents(db)].count("other.txt") == 1
    with pytest.raises(services.UsageError):
        services.document_to_open(db, "missing.txt", None, None)


async def test_term_hits_in_the_side_panel_and_alt_keys_insert(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        panel = shown(screen.query_one(TermPanel))
        assert "원거테크놀러지" in panel and "Beijing Wenge Technology" in panel
        assert "Wenge Tech deprecated" in panel  # the deprecated rendering is marked
        await pilot.press("alt+1")
        assert screen.target_area.text == "Beijing Wenge Technology"
        # most terminals send alt+2 as ESC 2, which Textual reads as ™
        await pilot.press("trade_mark_sign")
        assert screen.target_area.text == "Beijing Wenge TechnologyShanghai"
        await pilot.press("ctrl+z")  # the TextArea's own undo
        assert screen.target_area.text == "Beijing Wenge Technology"


async def test_alt_digit_without_a_term_types_nothing(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("pound_sign")  # ESC 3 (alt+3): this segment has two terms only
        assert screen.target_area.text == ""
        assert any("No term 3" in n.message for n in app._notifications)


async def test_copy_source(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        assert screen.target_area.text == "원거테크놀러지는 상하이에서 새 모델을 발표했다."


async def test_moving_away_keeps_an_edit_as_draft(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen.target_area.insert("half done")
        await pilot.press("ctrl+down")
        await settle(app, pilot)
        assert screen.current == 1
        first = stored(db)[0]
        assert (first.status, first.target) == (SegmentStatus.DRAFT, "half done")
        await pilot.press("alt+up")
        await settle(app, pilot)
        assert screen.current == 0
        assert screen.target_area.text == "half done"
        assert screen.grid.get_row(0).status[0] == "d"


async def test_quitting_keeps_the_current_edit_and_the_position(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+down")
        screen.target_area.insert("SenseTime said")
    second = stored(db)[1]
    assert (second.status, second.target) == (SegmentStatus.DRAFT, "SenseTime said")
    assert services.last_position(db, NAME) == 2

    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.current == 1
        assert screen.target_area.text == "SenseTime said"


async def test_a_stale_version_is_refused_and_the_text_kept(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first = stored(db)[0]
        assert first.id is not None
        services.save_segment(db, first.id, "Someone else's", SegmentStatus.TRANSLATED, 0, "kim")
        screen.target_area.insert("Mine")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.current == 0  # not moved on
        assert screen.target_area.text == "Mine"
        assert any("was changed by kim" in n.message for n in app._notifications)
        assert stored(db)[0].target == "Someone else's"
        # the grid now shows what is stored; a second ctrl+s stores the translator's text
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert stored(db)[0].target == "Mine"
        assert screen.current == 1


async def test_leaving_a_conflicted_segment_does_not_overwrite_the_other_translator(
    db: Database,
) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first = stored(db)[0]
        assert first.id is not None
        services.save_segment(db, first.id, "Someone else's", SegmentStatus.TRANSLATED, 0, "kim")
        screen.target_area.insert("Mine")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+down")  # leave without confirming
        await settle(app, pilot)
    assert stored(db)[0].target == "Someone else's"
    with db.sessions() as session:
        from workbench.storage import documents

        kept = [(r.target, r.kind) for r in documents.revisions(session, first.id)]
    assert ("Mine", "conflict") in kept  # what the translator typed is not lost


async def test_source_shows_hits_and_small_terminal_fits(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "원거테크놀러지는" in screen.source_area.text
        assert "Beijing Wenge" in shown(screen.query_one(TermPanel))
        assert screen.target_area.region.height >= 3
        assert screen.grid.region.height >= 4


def test_codes_show_as_labels_and_come_back() -> None:
    codes = [
        InlineCode("open", "g", "1", "<g id='1'>"),
        InlineCode("close", "g", "1", "</g>"),
        InlineCode("standalone", "x", "2", "<x id='2'/>"),
    ]
    text = f"{chr(CODE_BASE)}굵게{chr(CODE_BASE + 1)} 그리고{chr(CODE_BASE + 2)}"
    shown = shown_text(text, codes)
    assert shown == "⟨1⟩굵게⟨/1⟩ 그리고⟨2/⟩"
    assert stored_text(shown, codes) == text
    clashing = [InlineCode("open", "g", "a", "<b>"), InlineCode("open", "g", "a", "<i>")]
    assert shown_text(f"{chr(CODE_BASE)}{chr(CODE_BASE + 1)}", clashing) == "⟨1⟩⟨2⟩"


def test_truncated_counts_wide_characters() -> None:
    assert truncated("원거테크놀러지", 8) == "원거테…"
    assert truncated("short", 8) == "short"
    assert truncated("two\nlines", 20) == "two ⏎ lines"


async def settle_chain(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    """Settle through workers started by handlers: document, then TM index, then lookup."""
    for _ in range(3):
        await settle(app, pilot)


REPEATED = (
    "센스타임은 상하이에서 새 모델을 발표했다.\n\n"
    "행사는 8월 15일까지 이어진다.\n\n"
    "센스타임은 상하이에서 새 모델을 발표했다.\n"
)

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="ko"><seg>원거테크놀러지는 상하이에서 새 모델을 공개했다.</seg></tuv>
      <tuv xml:lang="en"><seg>Wenge presented a new model.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def flat(widget: Static) -> str:
    """What a Static shows, its wrapped lines joined again."""
    return " ".join(line.strip() for line in shown(widget).splitlines())


async def test_a_confirmed_segment_is_a_100_match_for_its_repetition(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "repeated.txt"
    source.write_text(REPEATED, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    screen = EditorScreen(db, "repeated.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_chain(app, pilot)
        assert "no match" in flat(screen.query_one(TmPanel))
        screen.target_area.insert("SenseTime unveiled a model.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.current == 1
        await pilot.press("ctrl+down")
        await settle(app, pilot)
        assert screen.current == 2
        assert [(m.score, m.target) for m in screen.tm_matches] == [
            (100, "SenseTime unveiled a model.")
        ]
        panel = flat(screen.query_one(TmPanel))
        assert "100%" in panel and "SenseTime unveiled a model." in panel
        assert screen.target_area.text == ""
        await pilot.press("alt+t")
        assert screen.target_area.text == "SenseTime unveiled a model."
        await pilot.press("ctrl+z")
        assert screen.target_area.text == ""


async def test_a_confirmed_segment_does_not_match_itself_and_matches_show_once(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "repeated.txt"
    source.write_text(REPEATED, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    for attempt in range(2):  # confirmed in this session, then read from the database
        screen = EditorScreen(db, "repeated.txt")
        app = make_app(db, screen)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle_chain(app, pilot)
            if attempt == 0:
                for _ in range(2):  # confirmed, then confirmed again
                    screen.target_area.clear()
                    screen.target_area.insert("SenseTime unveiled a model.")
                    await pilot.press("ctrl+s")
                    await settle(app, pilot)
                    await pilot.press("ctrl+up")
                    await settle(app, pilot)
            while screen.current > 0:  # reopened where the translator left off
                await pilot.press("ctrl+up")
                await settle(app, pilot)
            assert screen.tm_matches == []  # its own translation is no match
            assert "no match" in flat(screen.query_one(TmPanel))
            await pilot.press("ctrl+down", "ctrl+down")
            await settle(app, pilot)
            assert screen.current == 2
            assert [(m.score, m.target) for m in screen.tm_matches] == [
                (100, "SenseTime unveiled a model.")
            ]
    assert services.tm_counts(db) == {("ko", "en"): 1}


async def test_an_imported_tm_gives_a_fuzzy_match_with_its_diff(
    db: Database, tmp_path: Path
) -> None:
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    services.tm_import(db, tmx)
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_chain(app, pilot)
        assert len(screen.tm_matches) == 1
        match = screen.tm_matches[0]
        assert 70 <= match.score < 100
        assert match.target == "Wenge presented a new model."
        assert ("delete", "공개") in match.diff and ("insert", "발표") in match.diff
        panel = flat(screen.query_one(TmPanel))
        assert f"{match.score}%" in panel and "Wenge presented a new model." in panel
        await pilot.press("alt+t")
        assert screen.target_area.text == "Wenge presented a new model."


async def test_without_a_match_the_tm_panel_says_so(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_chain(app, pilot)
        assert screen.tm_matches == []
        assert "TM: no match" in flat(screen.query_one(TmPanel))
        await pilot.press("alt+t")
        assert screen.target_area.text == ""
        assert any("No TM match" in n.message for n in app._notifications)


async def test_source_marks_term_hits_and_codes_and_can_be_selected(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        source = screen.source_area
        assert source.read_only
        highlighted = [
            source.text.split("\n")[row].encode()[start:end].decode()
            for row, spans in source._highlights.items()
            for start, end, name in spans
            if name == "term"
        ]
        assert "원거테크놀러지" in highlighted and "상하이" in highlighted
        source.focus()
        await pilot.press("shift+right", "shift+right")
        assert source.selected_text == "원거"
        await pilot.press("x")  # read-only: typing changes nothing
        assert source.text.startswith("원거테크놀러지는")


def test_shown_offsets_map_labels_back_to_the_stored_text() -> None:
    codes = [InlineCode("open", "g", "1", "<b>"), InlineCode("close", "g", "1", "</b>")]
    text = f"가{chr(CODE_BASE)}나{chr(CODE_BASE + 1)}다"
    offsets = shown_offsets(text, codes)
    assert shown_text(text, codes) == "가⟨1⟩나⟨/1⟩다"
    assert offsets == [0, 1, 4, 5, 9, 10]
    assert stored_offset(offsets, 4) == 2  # just after the opening code: before 나
    assert stored_offset(offsets, 2) == 1  # inside a label: at its code
    assert stored_offset(offsets, 10) == 5


TMX_TWO = TMX.replace(
    "  </body>",
    """    <tu>
      <tuv xml:lang="ko"><seg>원거테크놀러지는 상하이에서 새 제품을 발표했다.</seg></tuv>
      <tuv xml:lang="en"><seg>Wenge announced a new product in Shanghai.</seg></tuv>
    </tu>
  </body>""",
)


async def test_alt_t_again_cycles_through_the_matches(db: Database, tmp_path: Path) -> None:
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(TMX_TWO, encoding="utf-8")
    services.tm_import(db, tmx)
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_chain(app, pilot)
        first, second = (match.target for match in screen.tm_matches)
        await pilot.press("alt+t")
        assert screen.target_area.text == first
        await pilot.press("alt+t")
        assert screen.target_area.text == second
        await pilot.press("alt+t")
        assert screen.target_area.text == first
        screen.tool(Inserting).action_insert_tm_match(2)
        assert screen.target_area.text == second


async def test_a_pause_keeps_the_edit_as_a_draft(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # a pause long enough that typing five keys never makes one, even on a loaded machine
        screen.pause_seconds = 1.0
        await pilot.press(*"Wenge")
        assert stored(db)[0].status is SegmentStatus.NEW  # not while typing
        await pilot.pause(1.5)
        await settle(app, pilot)
        for _ in range(50):  # the save queue stores it off the UI thread: allow a loaded machine
            if stored(db)[0].status is not SegmentStatus.NEW:
                break
            await pilot.pause(0.1)
        first = stored(db)[0]
        assert (first.status, first.target) == (SegmentStatus.DRAFT, "Wenge")
        assert screen.current == 0  # the translator stays where they are


SENTENCES = "첫 문장이다. 둘째 문장이다.\n\n다른 문단이다.\n"


async def test_join_and_split_from_the_keyboard(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'join.sqlite'}")
    source = tmp_path / "two.txt"
    source.write_text(SENTENCES, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    screen = EditorScreen(db, "two.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert [s.source for s in screen.segments] == [
            "첫 문장이다.",
            "둘째 문장이다.",
            "다른 문단이다.",
        ]
        screen.target_area.insert("The first.")
        await pilot.press("alt+j")
        await settle_chain(app, pilot)
        assert [s.source for s in screen.segments] == [
            "첫 문장이다. 둘째 문장이다.",
            "다른 문단이다.",
        ]
        assert screen.segments[0].target.startswith("The first.")  # the draft went in first
        screen.source_area.focus()
        await pilot.press(*["right"] * 7)  # after "첫 문장이다. "
        screen.target_area.load_text("")
        await pilot.press("alt+s")
        await settle_chain(app, pilot)
        stored_sources = [s.source for s in services.document_segments(db, "two.txt")[1]]
        assert stored_sources[:2] == ["첫 문장이다.", "둘째 문장이다."]
        assert screen.current == 0 and len(screen.segments) == 3
        await pilot.press("ctrl+down", "alt+j")  # the second paragraph is not joined to it
        await settle_chain(app, pilot)
        assert any("paragraph" in n.message for n in app._notifications)
        assert len(screen.segments) == 3
    db.dispose()


async def test_every_editor_key_is_in_the_command_palette(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {
            "Confirm the segment (translated; into the TM) and go to the next",
            "Copy the source into the target",
            "Insert term 3",
            "Insert TM match 2",
            "Join the segment with the next one",
            "Quit",
        } <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Copy the source")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.target_area.text == "원거테크놀러지는 상하이에서 새 모델을 발표했다."


async def test_escape_goes_back_to_the_documents_keeping_the_edit(db: Database) -> None:
    app = make_app(db, DocumentsScreen(db))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.target_area.insert("Half a")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen)
    assert (stored(db)[0].status, stored(db)[0].target) == (SegmentStatus.DRAFT, "Half a")


async def test_escape_does_not_quit_an_editor_opened_from_the_command_line(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert any("ctrl+q quits" in n.message for n in app._notifications)


async def test_fast_moves_end_on_the_last_one(db: Database) -> None:
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen.action_move(1)
        screen.action_move(1)  # before the grid's first report arrives
        for _ in range(5):
            await pilot.pause(0.05)
        assert (screen.current, screen.grid.cursor_row) == (2, 2)


async def test_a_chinese_target_is_offered_its_own_script_only(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'zh.sqlite'}")
    services.import_glossary(db, services.SHIPPED_GLOSSARY)  # 中科聞歌 and 中科闻歌 both
    services.add_concept(db, [Term("ko", "국제서비스포털"), Term("zh-Hant", "國際服務門戶")])
    source = tmp_path / "zh.txt"
    source.write_text("원거테크놀러지는 국제서비스포털에 참가했다.\n", encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="zh-Hans")
    screen = EditorScreen(db, "zh.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        panel = " ".join(shown(screen.query_one(TermPanel)).split())
        # the Simplified rendering only, not 中科聞歌 beside it
        assert "中科闻歌" in panel and "中科聞歌" not in panel
        # a term the base has in Traditional only comes converted, and says so
        assert "国际服务门户 converted from zh-Hant" in panel
        assert "國際服務門戶" not in panel
        await pilot.press("trade_mark_sign")  # alt+2: the converted rendering is inserted
        assert screen.target_area.text == "国际服务门户"
