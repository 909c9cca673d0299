"""The editor drawn again when the terminal changes size: no line left from the old width."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests_support import document_db
from textual.pilot import Pilot

from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen

SOURCE = (
    "바이두의 새 서비스는 코드를 몰라도 누구나 인공지능 앱을 만들 수 있게 해 주며, "
    "행사장에서 여러 차례 시연되었다."
)
TARGET = "Baidu's new service lets anyone build AI apps without knowing how to code."


def screen_lines(app: WorkbenchApp) -> list[str]:
    """The text of each terminal line as the app last drew it (read from its screenshot)."""
    svg = app.export_screenshot()
    lines: dict[float, list[tuple[float, str]]] = {}
    for found in re.finditer(r'<text[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        x, y, text = float(found[1]), float(found[2]), html.unescape(found[3])
        lines.setdefault(y, []).append((x, text.replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(parts)) for _, parts in sorted(lines.items())]


def boxed(lines: list[str], title: str | None) -> str:
    """The text inside the rounded box (its title on the top border, or the first box)."""
    inside: list[str] = []
    within = False
    for line in lines:
        if line.lstrip().startswith("╭") and (title is None or title in line) and not inside:
            within = True
            continue
        if within and line.lstrip().startswith("╰"):
            break
        if within:
            inside.append(line.split("│")[1] if line.count("│") >= 2 else line)
    return "".join(part.strip() for part in inside)


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def test_the_source_and_target_boxes_rewrap_when_the_terminal_narrows(
    tmp_path: Path,
) -> None:
    """Narrowed from 120 to 80 columns, the source box showed its first line at the new width
    and its second from the old one: words of the source were missing from the screen."""
    db = document_db(tmp_path, SOURCE + "\n", "news.txt", glossary=False)
    app = make_app(db, EditorScreen(db, "news.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press(*TARGET)
        await settle(app, pilot)
        for size in [(80, 24), (100, 30), (72, 24)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            lines = screen_lines(app)
            assert boxed(lines, None).replace(" ", "") == SOURCE.replace(" ", ""), size
            assert boxed(lines, "target").replace(" ", "") == TARGET.replace(" ", ""), size
