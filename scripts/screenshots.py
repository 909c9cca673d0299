"""Write SVG screenshots of every screen into screenshots/: python scripts/screenshots.py [FOLDER].

Each picture is the app built by tests/screen_apps.py (the same apps the snapshot tests
compare), on a throwaway database with the shipped glossary.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from screen_apps import SHOTS, SIZE, Steps  # noqa: E402

from workbench.services import SHIPPED_GLOSSARY, import_glossary, open_database  # noqa: E402
from workbench.tui.app import WorkbenchApp  # noqa: E402


async def shoot(app: WorkbenchApp, path: Path, steps: Steps | None) -> None:
    """Run the app headless, do its steps, and save what it shows."""
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if steps is not None:
            await steps(pilot)
            await pilot.pause()
        path.write_text(app.export_screenshot(), encoding="utf-8")


async def write_all(folder: Path) -> list[Path]:
    """Screenshots of every screen, each on a throwaway database with the shipped glossary."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for number, (name, build, steps) in enumerate(SHOTS):
            work = Path(scratch) / str(number)
            work.mkdir()
            db = open_database(f"sqlite:///{work / 'shot.sqlite'}")
            import_glossary(db, SHIPPED_GLOSSARY)
            app = build(db, work)
            await shoot(app, folder / name, steps)
            app.db.dispose()
            db.dispose()
            written.append(folder / name)
    return written


def main() -> None:
    """Write the screenshots into FOLDER (the repository's screenshots/ by default)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "screenshots"
    for path in asyncio.run(write_all(folder)):
        print(path)


if __name__ == "__main__":
    main()
