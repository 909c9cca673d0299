"""Write SVG screenshots of every screen into screenshots/: python -m workbench.tui.screenshots."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from workbench.domain.harvest import harvest, mark_known
from workbench.services import SHIPPED_GLOSSARY, import_document, import_glossary
from workbench.storage import termbase
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.harvest import HarvestScreen

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


def harvest_app(db: Database) -> WorkbenchApp:
    """The harvest review of a sample text against the shipped glossary."""
    candidates = harvest(SAMPLE)
    with db.sessions() as session:
        for candidate in candidates:
            mark_known(candidate, termbase.find_concepts_by_term(session, candidate.source))
    return make_app(db, HarvestScreen(db, candidates, "sample.txt"))


async def _shoot(
    app: WorkbenchApp, path: Path, steps: Callable[[Pilot[None]], Awaitable[None]] | None = None
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if steps is not None:
            await steps(pilot)
            await pilot.pause()
        path.write_text(app.export_screenshot(), encoding="utf-8")


async def _review_steps(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down", "a", "r", "b")


async def _editor_steps(pilot: Pilot[None]) -> None:
    await pilot.press(*"WAIC opened in Shanghai.")
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()


async def _edit_steps(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down", "down", "e")


async def write_all(folder: Path) -> list[Path]:
    """Screenshots of every screen, each on a throwaway database with the shipped glossary."""
    folder.mkdir(parents=True, exist_ok=True)
    shots = [
        ("harvest.svg", None),
        ("harvest-reviewed.svg", _review_steps),
        ("harvest-edit.svg", _edit_steps),
    ]
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for number, (name, steps) in enumerate(shots):
            db = open_database(f"sqlite:///{Path(scratch) / f'shot{number}.sqlite'}")
            import_glossary(db, SHIPPED_GLOSSARY)
            await _shoot(harvest_app(db), folder / name, steps)
            db.dispose()
            written.append(folder / name)
        db = open_database(f"sqlite:///{Path(scratch) / 'editor.sqlite'}")
        import_glossary(db, SHIPPED_GLOSSARY)
        await _shoot(editor_app(db, Path(scratch)), folder / "editor.svg", _editor_steps)
        db.dispose()
        written.append(folder / "editor.svg")
    return written


def main() -> None:
    """Write the screenshots next to the package (the repository's screenshots/ folder)."""
    folder = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "screenshots"
    )
    for path in asyncio.run(write_all(folder)):
        print(path)


if __name__ == "__main__":
    main()
