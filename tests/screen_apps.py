"""The app on each screen with sample data: for the snapshot tests and scripts/screenshots.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Select

from workbench import services
from workbench.demo import prepare_demo
from workbench.domain.document import SegmentStatus, code_char
from workbench.services import Database, import_document
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.codes import code_labels
from workbench.tui.modals.find_replace import FindReplaceModal
from workbench.tui.screens.documents import DocumentsScreen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.harvest import HarvestScreen
from workbench.tui.screens.import_export import ExportDialog
from workbench.tui.screens.overview import OverviewScreen
from workbench.tui.screens.qa import QaScreen
from workbench.tui.screens.termbase import TermbaseScreen

SIZE = (120, 32)
SAMPLE = (
    "세계인공지능대회(WAIC) 첫날, 원거테크놀러지(Wenge Tech)의 왕레이(王磊) 이사장은 "
    "화웨이(Huawei, 華爲) 부스에서 텐센트(Tencent, 騰訊) 관계자와 알리바바(阿里巴巴)의 "
    "마윈(馬雲) 창업자를 만났다. 투자액은 5억 위안(약 950억 원)이었다."
)


EDITOR_SAMPLE = (
    "세계인공지능대회(WAIC) 첫날, 원거테크놀러지의 왕레이 이사장이 대형 모델을 소개했다. "
    "센스타임은 상하이에서 새 서비스를 공개했다.\n\n"
    '주광샹 총괄은 "인공지능은 도구일 뿐이다."라고 말했다.\n'
)


def editor_app(db: Database, folder: Path) -> WorkbenchApp:
    """The editor on a short Korean sample, with the shipped glossary's terms."""
    sample = folder / "sample.txt"
    sample.write_text(EDITOR_SAMPLE, encoding="utf-8")
    import_document(db, sample, source_lang="ko", target_lang="en")
    return make_app(db, EditorScreen(db, "sample.txt"))


def harvest_app(db: Database, folder: Path) -> WorkbenchApp:
    """The harvest review of a sample text against the shipped glossary."""
    sample = folder / "sample.txt"
    sample.write_text(SAMPLE, encoding="utf-8")
    candidates = services.harvest_file(db, sample)
    return make_app(db, HarvestScreen(db, candidates, "sample.txt"))


TRANSLATED_SAMPLE = (
    "**원거테크놀러지**의 왕레이 이사장이 세계인공지능대회(WAIC)에서 대형 모델을 소개했다.\n\n"
    "원거테크놀러지는 베이징에 본사를 두고 있다. 센스타임은 상하이에서 새 서비스를 공개했다.\n\n"
    "투자액은 5억 위안(약 950억 원)이었다.\n\n"
    '주광샹 총괄은 "인공지능은 도구일 뿐이다."라고 말했다.\n\n'
    "행사는 8월 15일까지 이어진다. 참가 기업은 800곳이 넘었다.\n\n"
    "중국의 AI 산업은 빠르게 성장하고 있다.\n"
)
"""Eight Korean sentences in Markdown; the first has a bold name (two inline codes)."""

TRANSLATIONS = (
    (
        f"{code_char(0)}Wenge{code_char(1)} Tech's chairman Wang Lei showed a large model at WAIC.",
        SegmentStatus.TRANSLATED,
    ),
    ("Wenge Tech is headquartered in Beijing.", SegmentStatus.APPROVED),
    ("SenseTime unveiled a new service in Shanghai.", SegmentStatus.REVIEWED),
    ("The investment was 500 million yuan (about 95 billion won).", SegmentStatus.TRANSLATED),
    ('Zhu Guangxiang said, "AI is just a tool."', SegmentStatus.DRAFT),
    ("The event runs until August 16.", SegmentStatus.TRANSLATED),
    ("Over 80 companies took part.", SegmentStatus.REJECTED),
)
"""Targets of the sample's first seven sentences: mixed statuses, a deprecated rendering
(Wenge Tech), a wrong date and a wrong number for QA to find; the eighth stays new."""


def translated_sample(db: Database, folder: Path) -> str:
    """Import the Markdown sample and store its translations; returns the document's name."""
    path = folder / "waic.md"
    path.write_text(TRANSLATED_SAMPLE, encoding="utf-8")
    import_document(db, path, source_lang="ko", target_lang="en")
    _, segments = services.document_segments(db, path.name)
    for segment, (target, status) in zip(segments, TRANSLATIONS, strict=False):
        assert segment.id is not None
        services.save_segment(db, segment.id, target, status, segment.version, "demo")
    return path.name


def overview_app(db: Database, folder: Path) -> WorkbenchApp:
    """The overview of the translated sample."""
    return make_app(db, OverviewScreen(db, translated_sample(db, folder)))


def find_replace_app(db: Database, folder: Path) -> WorkbenchApp:
    """The editor on the translated sample, over which find_replace_steps opens the dialog."""
    return make_app(db, EditorScreen(db, translated_sample(db, folder)))


async def find_replace_steps(pilot: Pilot[None]) -> None:
    """Open find and replace and preview Wenge Tech → Beijing Wenge Technology."""
    await pilot.app.workers.wait_for_complete()
    editor = pilot.app.screen
    assert isinstance(editor, EditorScreen)
    pilot.app.push_screen(FindReplaceModal(editor.segments, code_labels))
    await pilot.pause()
    await pilot.press(*"Wenge Tech", "tab", *"Beijing Wenge Technology", "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def qa_app(db: Database, folder: Path) -> WorkbenchApp:
    """The QA screen on the translated sample: its wrong date and number, Wenge Tech."""
    return make_app(db, QaScreen(db, translated_sample(db, folder)))


def termbase_app(db: Database) -> WorkbenchApp:
    """The term base screen on the shipped glossary, Korean and English first."""
    return make_app(db, TermbaseScreen(db, langs=("ko", "en")))


async def termbase_steps(pilot: Pilot[None]) -> None:
    """Select Beijing Wenge Technology, whose deprecated Wenge Tech shows struck through."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*["down"] * 7)


SHOWN_FOLDER = Path("/home/translator/work")
"""The folder the import and export dialogs start in: a stable path for the pictures."""


def documents_app(db: Database, folder: Path) -> WorkbenchApp:
    """The documents list: the translated Markdown sample, then a new plain-text one."""
    translated_sample(db, folder)
    sample = folder / "sample.txt"
    sample.write_text(EDITOR_SAMPLE, encoding="utf-8")
    import_document(db, sample, source_lang="ko", target_lang="en")
    return make_app(db, DocumentsScreen(db, folder=SHOWN_FOLDER))


async def import_steps(pilot: Pilot[None]) -> None:
    """Open the import dialog and fill it in for a news file."""
    await pilot.press("i")
    await pilot.pause()
    await pilot.press(*"waic-day2.md", "tab", "tab", *"ko", "tab", *"en")


async def export_steps(pilot: Pilot[None]) -> None:
    """Open the export dialog on the Markdown sample, as XLIFF, with its glossary."""
    await pilot.press("down", "e")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one(Select).value = "xliff"
    dialog.query_one(Checkbox).value = True


async def _review_steps(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down", "a", "r", "b")


async def _editor_steps(pilot: Pilot[None]) -> None:
    await pilot.press(*"WAIC opened in Shanghai.")
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()


async def _edit_steps(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down", "down", "e")


Steps = Callable[[Pilot[None]], Awaitable[None]]
Build = Callable[[Database, Path], WorkbenchApp]


def demo_editor_app(db: Database, folder: Path) -> WorkbenchApp:
    """The editor on the bundled demo (db is not used: the demo builds its own database)."""
    demo_db, name = prepare_demo(folder / "demo")
    return make_app(demo_db, EditorScreen(demo_db, name))


async def filter_steps(pilot: Pilot[None]) -> None:
    """Open the filter dialog over the demo and ask for untranslated segments with a text."""
    await _settle(pilot)
    await pilot.press("ctrl+f")
    await pilot.pause()
    await pilot.click("#filter-untranslated")
    pilot.app.screen.query_one("#filter-text").focus()
    await pilot.press(*"센스타임")


async def concept_form_steps(pilot: Pilot[None]) -> None:
    """Open the term base from the demo editor and the form for a new concept."""
    await _settle(pilot)
    await pilot.press("ctrl+t")
    await _settle(pilot)
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*"스쥔", "tab", *"Shi Jun")


async def concordance_steps(pilot: Pilot[None]) -> None:
    """From the demo editor, the concordance of 대형 모델 (units and terms holding it)."""
    await _settle(pilot)
    await pilot.press("ctrl+k")
    await _settle(pilot)
    await pilot.press(*"대형 모델", "enter")
    await _settle(pilot)


async def help_steps(pilot: Pilot[None]) -> None:
    """The editor's keys (F1)."""
    await _settle(pilot)
    await pilot.press("f1")
    await _settle(pilot)


SAMPLE_DOCX = Path(services.__file__).parents[1] / "samples" / "waic-brief.docx"
DOCX_TARGETS = {
    1: "WAIC 2025 trip report",
    2: "This year's {0}World Artificial Intelligence Conference{1} ran in Shanghai, 26–28 July.",
}
"""Targets typed for the first segments of the sample DOCX ({n}: the segment's n-th code)."""


def docx_editor_app(db: Database, folder: Path) -> WorkbenchApp:
    """The editor on the sample Word file: styles, bold, italic, a footnote and a link as codes."""
    import_document(db, SAMPLE_DOCX, source_lang="ko", target_lang="en")
    for segment in services.document_segments(db, SAMPLE_DOCX.name)[1]:
        target = DOCX_TARGETS.get(segment.position)
        if target is not None and segment.id is not None:
            codes = [code_char(index) for index in range(len(segment.codes))]
            services.save_segment(
                db, segment.id, target.format(*codes), SegmentStatus.TRANSLATED, segment.version
            )
    return make_app(db, EditorScreen(db, SAMPLE_DOCX.name))


async def docx_steps(pilot: Pilot[None]) -> None:
    """On to the segment with an italic span and a footnote."""
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    screen.go_to_position(3)
    await _settle(pilot)


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _with_glossary(build: Callable[[Database], WorkbenchApp]) -> Build:
    return lambda db, folder: build(db)


SHOTS: list[tuple[str, Build, Steps | None]] = [
    ("editor.svg", demo_editor_app, _settle),
    ("editor-docx.svg", docx_editor_app, docx_steps),
    ("filter.svg", demo_editor_app, filter_steps),
    ("concept-form.svg", demo_editor_app, concept_form_steps),
    ("concordance.svg", demo_editor_app, concordance_steps),
    ("help.svg", demo_editor_app, help_steps),
    ("harvest.svg", harvest_app, None),
    ("harvest-reviewed.svg", harvest_app, _review_steps),
    ("harvest-edit.svg", harvest_app, _edit_steps),
    ("overview.svg", overview_app, None),
    ("find-replace.svg", find_replace_app, find_replace_steps),
    ("qa.svg", qa_app, None),
    ("termbase.svg", _with_glossary(termbase_app), termbase_steps),
    ("documents.svg", documents_app, None),
    ("import.svg", documents_app, import_steps),
    ("export.svg", documents_app, export_steps),
]
"""Every screen and dialog: the picture's file, how its app is built, what is done first."""
