"""Benchmark: the editor's time to first paint, and keystroke-to-panel latency (issues 6, 14).

Run: .venv/bin/python benchmarks/tui.py [--sizes 1000,10000,50000] [--terms 100000] [--quick]
     [--baseline DIR]   (DIR: a checkout of the code to compare with, e.g. `git archive main`)
     [--data names|numbered|near-misses]   (the shape of the term base and the document's terms)

(a) Time to first paint: a real SQLite database per size with a generated XLIFF 1.2 document
(Korean sources, inline codes, half translated) and the shipped glossary; from make_app() until
the first screen update that shows the grid's second row (its source carries a marker, so the
figure does not depend on which grid widget the editor uses). The segment grid alone: from
set_rows() of the same rows until that update.
(b) Latency with a term base of --terms concepts (a Korean, an English and a Chinese term each:
100,000 concepts are 300,000 terms; its index kept beside the database, as after any earlier
start), a document whose segments name three of them and a translation memory with a fuzzy
match for each: from a key event until the screen update that follows a panel's update.
ctrl+down (next segment) changes the term, TM and QA panels; a character typed in the target
changes the QA panel. "early" keys are pressed from the moment the first segment shows until
the term base, the TM and the document's QA are read and run (at least 10, at most
EARLY_KEYS_MAX, after pauses of 0.05-0.6 s; timed to the next screen update, as the panels wait
for those); the others once all that is done.

Each measurement runs in a fresh process; figures are medians over --repeat runs. The headless
driver renders every update but writes nothing, so a terminal's own drawing time is not in the
figures. Targets: first paint < 1 s at 50,000 segments; latency < 50 ms median, < 100 ms worst.
With --baseline, every measurement also runs on the code in DIR, in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HANGUL = [chr(c) for c in range(0xAC00, 0xAC00 + 4000, 7)]
FILLER_HANGUL = [chr(c) for c in range(0xC000, 0xC000 + 3000, 5)]
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 6000, 3)]
LANGUAGES = 3
"""Terms per generated concept: 100,000 concepts make the issue's 300,000-term base."""
WORDS = "the company said its new model was released today for many users in the city".split()
PARTICLES = ["은", "는", "이", "가", "의", "에서", "와", "을", ""]
ENDINGS = ["스럽다", "답게", "하게", "적인", "롭다"]
"""Endings that are not particles: the Korean analyser decides whether a term ends there."""
DATA = ("names", "numbered", "near-misses")
"""--data: padded English names (Name 000012); numbered ones (Name 12, the start of Name 120
to Name 129: keys nested under a shared prefix); or names and Korean terms followed by endings
that are not particles (each new word goes to the analyser)."""
DOCUMENT = "bench.xlf"
SIZE = (120, 40)
TIMEOUT = 900.0
KEY_TIMEOUT = 60.0
"""Seconds a key may wait for the screen: a longer freeze is an error, a shorter one a figure."""
EARLY_KEYS_MAX = 60
EARLY_PAUSES = (0.05, 0.1, 0.1, 0.15, 0.2, 0.4, 0.6)
"""Seconds between the keys pressed while the editor loads (drawn in turn, seeded)."""
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def marker(position: int) -> str:
    """A token that names a segment, looked for in screen updates."""
    return f"No{position:06d}"


def korean(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choices(FILLER_HANGUL, k=rng.randint(1, 4))) for _ in range(words))


def make_units(
    count: int, terms: list[str], seed: int = 5, endings: list[str] = PARTICLES
) -> list[tuple[str, str]]:
    """Source and target XML of each unit: news-length Korean with a code, half translated;
    terms are followed by one of endings."""
    rng = random.Random(seed)
    units = []
    for position in range(1, count + 1):
        named = [f"{rng.choice(terms)}{rng.choice(endings)}" for _ in range(3)] if terms else []
        source = (
            f"{marker(position)} {korean(rng, rng.randint(3, 8))} "
            + " ".join(named)
            + f' <g id="1">{korean(rng, 2)}</g> {korean(rng, rng.randint(2, 10))} 발표했다.'
        )
        target = ""
        if position % 2:
            english = " ".join(rng.choices(WORDS, k=rng.randint(8, 30)))
            target = f'{marker(position)} The <g id="1">{english}</g>.'
        units.append((source, target))
    return units


def write_xliff(path: Path, units: list[tuple[str, str]]) -> None:
    """The units as an XLIFF 1.2 file (sources and targets are XML already)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            ' <file original="news.txt" source-language="ko" target-language="en"'
            ' datatype="plaintext">\n  <body>\n'
        )
        for number, (source, target) in enumerate(units, 1):
            out.write(f'   <trans-unit id="u{number}">\n    <source>{source}</source>\n')
            if target:
                out.write(f'    <target state="translated">{target}</target>\n')
            out.write("   </trans-unit>\n")
        out.write("  </body>\n </file>\n</xliff>\n")


def make_concepts(count: int, seed: int = 3, numbered: bool = False) -> list[Any]:
    """Concepts with a Korean, an English and a Chinese term each (LANGUAGES terms a concept)."""
    from workbench.domain.model import Concept, Term

    rng = random.Random(seed)
    concepts = []
    for number in range(count):
        ko = "".join(rng.choices(HANGUL, k=rng.randint(2, 4)))
        if rng.random() < 0.3:
            ko += " " + "".join(rng.choices(HANGUL, k=rng.randint(2, 3)))
        zh = "".join(rng.choices(HAN, k=rng.randint(2, 4)))
        # numbers of one width, unless numbered: "Name 12" is the start of "Name 120" …
        # "Name 129" (100,000 such nested keys took ahocorasick-rs 8 s to compile)
        en = f"Name {number}" if numbered else f"Name {number:06d}"
        terms = [Term("ko", ko), Term("en", en), Term("zh-Hans", zh)]
        concepts.append(Concept(terms=terms))
    return concepts


def write_tmx(path: Path, units: list[tuple[str, str]]) -> None:
    """A TMX whose units are the document's sources with one word changed: fuzzy matches."""
    from xml.sax.saxutils import escape

    code = re.compile(r"</?g[^>]*>")
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="b"'
            ' creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en"'
            ' srclang="ko" datatype="plaintext"/><body>\n'
        )
        for source, _ in units:
            plain = code.sub("", source)
            fuzzy = plain.replace("발표했다", "공개했다")
            out.write(
                f'<tu><tuv xml:lang="ko"><seg>{escape(fuzzy)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>The company presented it.</seg></tuv></tu>\n'
            )
        out.write("</body></tmx>\n")


def build_database(
    folder: Path, name: str, segments: int, concepts: int, data: str = "names"
) -> str:
    """A SQLite file with the generated document and either the shipped glossary or concepts
    (then also a TM with a fuzzy match for every segment), of the --data shape."""
    from workbench import services
    from workbench.storage import termbase
    from workbench.storage.engine import open_database

    url = f"sqlite:///{folder / f'{name}.sqlite'}"
    db = open_database(url)
    terms: list[str] = []
    if concepts:
        generated = make_concepts(concepts, numbered=data == "numbered")
        terms = [concept.terms[0].text for concept in generated[:5_000]]
        with db.sessions.begin() as session:
            termbase.import_concepts(session, generated)
    else:
        services.import_glossary(db, services.SHIPPED_GLOSSARY)
    xliff = folder / f"{name}.xlf"
    endings = PARTICLES + ENDINGS if data == "near-misses" else PARTICLES
    units = make_units(segments, terms, endings=endings)
    write_xliff(xliff, units)
    services.import_document(db, xliff, name=DOCUMENT)
    if concepts:
        tmx = folder / f"{name}.tmx"
        write_tmx(tmx, units)
        services.tm_import(db, tmx)
        # as after any earlier start: the term index kept beside the database is current
        services.load_term_index(db)
    db.dispose()
    return url


# --- measurements (each in a child process) ---------------------------------------------------


class PaintWatch:
    """Times of the app's screen updates, and of the first one showing a given text."""

    def __init__(self, app: Any) -> None:
        self.times: list[float] = []
        self.wanted: str | None = None
        self.found: float | None = None
        self._console = app.console
        display = app._display  # the one place every rendered update passes through

        def watched(screen: Any, renderable: Any) -> None:
            now = time.perf_counter()
            self.times.append(now)
            if self.wanted is not None and self.found is None and renderable is not None:
                text = _ANSI.sub("", renderable.render_segments(self._console))
                if self.wanted in text:
                    self.found = now
            display(screen, renderable)

        app._display = watched

    def after(self, moment: float) -> float | None:
        """The first update at or after moment."""
        return next((t for t in self.times if t >= moment), None)

    async def update_after(self, moment: float) -> float:
        """The first update at or after moment, once there is one."""
        await wait_for(lambda: self.after(moment) is not None, KEY_TIMEOUT)
        update = self.after(moment)
        assert update is not None
        return update


async def next_call(calls: list[float], count: int) -> float:
    """The time of call number count + 1, once it was made."""
    await wait_for(lambda: len(calls) > count, KEY_TIMEOUT)
    return calls[count]


async def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not get there in time")
        await asyncio.sleep(0.001)


async def workers_done(app: Any) -> None:
    """Wait until no worker runs; a worker cancelled by a newer one is no failure here."""
    from textual.worker import WorkerCancelled

    while True:
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def editor_first_paint(url: str) -> dict[str, float]:
    """Seconds from make_app() to the first update showing the grid's second row."""
    from workbench.storage.engine import open_database
    from workbench.tui.app import make_app
    from workbench.tui.screens.editor import EditorScreen

    db = open_database(url)
    started = time.perf_counter()
    screen = EditorScreen(db, DOCUMENT)
    app = make_app(db, screen)
    watch = PaintWatch(app)
    watch.wanted = marker(2)
    posted: dict[str, float] = {}
    if hasattr(screen, "_show_head"):  # the composed editor shows the first segments first
        show_head = screen._show_head

        def timed_show_head(*args: Any) -> None:
            posted.setdefault("Loaded", time.perf_counter())
            show_head(*args)

        screen._show_head = timed_show_head
    else:  # the editor before: its loading worker posted EditorScreen.Loaded with every segment
        post_message = screen.post_message

        def timed_post_message(message: Any) -> bool:
            posted.setdefault(type(message).__name__, time.perf_counter())
            return post_message(message)

        screen.post_message = timed_post_message  # type: ignore[method-assign]
    async with app.run_test(size=SIZE):
        await wait_for(lambda: watch.found is not None)
        await workers_done(app)
    db.dispose()
    assert watch.found is not None and watch.times
    return {
        "first_update_s": watch.times[0] - started,
        "read_s": posted.get("Loaded", float("nan")) - started,
        "paint_s": watch.found - started,
    }


async def grid_first_paint(count: int) -> dict[str, float]:
    """Seconds from SegmentGrid.set_rows() of count rows to the update that shows them."""
    from textual.app import App, ComposeResult

    from workbench.tui.widgets.segment_grid import GridRow, SegmentGrid

    units = make_units(count, [])
    code = re.compile(r"<g id=\"1\">|</g>")
    labels = {'<g id="1">': "⟨1⟩", "</g>": "⟨/1⟩"}
    rows = [
        GridRow(
            position,
            ("T", "green") if target else ("·", "dim"),
            ("", ""),
            code.sub(lambda found: labels[found.group(0)], source),
            code.sub(lambda found: labels[found.group(0)], target),
        )
        for position, (source, target) in enumerate(units, 1)
    ]

    class GridApp(App[None]):
        def compose(self) -> ComposeResult:
            yield SegmentGrid()

    app = GridApp()
    watch = PaintWatch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.query_one(SegmentGrid)
        watch.wanted = marker(2)
        started = time.perf_counter()
        grid.set_rows(rows)
        set_rows = time.perf_counter() - started
        await wait_for(lambda: watch.found is not None)
        assert watch.found is not None
        paint = watch.found - started
        moves = await _grid_moves(app, grid, watch)
    return {"set_rows_s": set_rows, "paint_s": paint, **moves}


async def _grid_moves(app: Any, grid: Any, watch: PaintWatch) -> dict[str, float]:
    """Key-to-update latency of the grid alone: down, and pagedown."""
    from textual import events

    grid.focus()
    driver = app._driver
    assert driver is not None
    figures = {}
    for key in ("down", "pagedown"):
        latencies = []
        for _ in range(30):
            if grid.cursor_row >= grid.row_count - 50:  # at the end a key changes nothing
                grid.move_cursor(0)
            await asyncio.sleep(0.05)
            pressed = time.perf_counter()
            driver.send_message(events.Key(key, None))
            latencies.append(await watch.update_after(pressed) - pressed)
        figures[f"{key}_ms"] = statistics.median(latencies) * 1000
    return figures


def record_calls(widget: Any, method: str) -> list[float]:
    """Times at which widget.method returned, from now on."""
    calls: list[float] = []
    original = getattr(widget, method)

    def timed(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        calls.append(time.perf_counter())
        return result

    setattr(widget, method, timed)
    return calls


async def editor_latency(url: str, moves: int) -> dict[str, float]:
    """Milliseconds from a key to the screen update after the term, TM and QA panels changed.

    ctrl+down goes to the next segment (each panel changes); a character typed in the target
    changes the QA panel. The "early" keys come as soon as the first segment shows.
    """
    from textual import events

    from workbench.storage.engine import open_database
    from workbench.tui.app import make_app
    from workbench.tui.screens.editor import EditorScreen
    from workbench.tui.widgets.term_panel import TermPanel

    db = open_database(url)
    screen = EditorScreen(db, DOCUMENT)
    app = make_app(db, screen)
    watch = PaintWatch(app)
    figures: dict[str, list[float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: screen.segments != [] and screen.query(TermPanel))
        terms = record_calls(screen.query_one(TermPanel), "show_entries")
        panels = {"terms": terms, **_tm_calls(screen), **_qa_calls(screen)}
        driver = app._driver
        assert driver is not None

        async def press(
            key: str, char: str | None, watched: dict[str, list[float]], label: str
        ) -> None:
            before = {name: len(calls) for name, calls in watched.items()}
            pressed = time.perf_counter()
            driver.send_message(events.Key(key, char))
            for name, calls in watched.items():
                try:
                    changed = await next_call(calls, before[name])
                except TimeoutError as error:
                    raise TimeoutError(f"{label}: the {name} panel was not updated") from error
                painted = await watch.update_after(changed)
                figures.setdefault(f"{label}_{name}_handled_ms", []).append(changed - pressed)
                figures.setdefault(f"{label}_{name}_painted_ms", []).append(painted - pressed)

        # keys while the term base, the TM and the document's QA are still read and run: the
        # panels wait for them, so the screen update is timed. The pauses between keys vary
        # (seeded), so that keys also come just after a pause, when deferred work may start.
        pauses = random.Random(11)
        early = 0
        while early < EARLY_KEYS_MAX and (early < min(moves, 10) or loading(app, screen)):
            await asyncio.sleep(pauses.choice(EARLY_PAUSES))
            await press("ctrl+down", None, {"screen": watch.times}, "early ctrl+down")
            early += 1
        await wait_for(lambda: screen.term_index is not None)
        await workers_done(app)
        await pilot.pause()
        hits = []
        for _ in range(moves):
            await workers_done(app)
            await asyncio.sleep(0.1)  # past the typing pause and the previous key's updates
            await press("ctrl+down", None, panels, "ctrl+down")
            hits.append(len(screen.entries))
        qa = _qa_calls(screen)
        for _ in range(moves):
            await workers_done(app)
            await asyncio.sleep(0.1)
            await press("x", "x", qa or {"screen": watch.times}, "x")
    db.dispose()
    result = {name: statistics.median(times) * 1000 for name, times in figures.items()}
    result.update({f"{name[:-3]}_worst_ms": max(times) * 1000 for name, times in figures.items()})
    result["terms_per_segment"] = statistics.median(hits)
    result["early_keys"] = early
    return result


def loading(app: Any, screen: Any) -> bool:
    """Whether the editor is still reading or checking something in the background."""
    from textual.worker import WorkerState

    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    return screen.term_index is None or any(worker.state in busy for worker in app.workers)


def _tm_calls(screen: Any) -> dict[str, list[float]]:
    """The TM panel's updates."""
    from workbench.tui.widgets.tm_panel import TmPanel

    return {"tm": record_calls(screen.query_one(TmPanel), "show_matches")}


def _qa_calls(screen: Any) -> dict[str, list[float]]:
    """The QA panel's updates, when the editor has one."""
    try:
        from workbench.tui.widgets.qa_panel import QaPanel
    except ImportError:
        return {}
    panels = screen.query(QaPanel)
    return {"qa": record_calls(panels.first(), "show_issues")} if panels else {}


def child(mode: str, argument: str, moves: int) -> None:
    """One measurement in this process; prints its figures as JSON."""
    if mode == "editor":
        figures = asyncio.run(editor_first_paint(argument))
    elif mode == "grid":
        figures = asyncio.run(grid_first_paint(int(argument)))
    else:
        figures = asyncio.run(editor_latency(argument, moves))
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def run_child(mode: str, argument: str, moves: int, code: Path | None = None) -> dict[str, float]:
    """One measurement in a fresh process, on this checkout's code or on the code in `code`."""
    environment = dict(os.environ)
    if code is not None:
        environment["PYTHONPATH"] = str(code)
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, argument, str(moves)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{mode} {argument} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over the runs; of a worst case, the worst."""
    return {
        key: (max if key.endswith("_worst_ms") else statistics.median)(run[key] for run in runs)
        for key in runs[0]
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--terms", type=int, default=100_000, help="concepts in the term base")
    parser.add_argument("--latency-segments", type=int, default=1_000)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes, once")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "ARGUMENT", "MOVES"))
    parser.add_argument("--data", choices=DATA, default="names", help="the term base's shape")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    if args.quick:
        args.sizes, args.terms, args.latency_segments = "200,1000", 2_000, 100
        args.moves, args.repeat = 5, 1
    sizes = [int(size) for size in args.sizes.split(",")]
    codes: dict[str, Path | None] = {"new": None}
    if args.baseline is not None:
        codes = {"baseline": args.baseline.resolve(), **codes}
    summary: dict[str, Any] = {
        "sizes": sizes, "terms": args.terms, "repeat": args.repeat, "data": args.data
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="wb-tui-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            url = build_database(folder, f"doc{size}", size, 0)
            for label, code in codes.items():  # alternating, so that both see the same load
                runs = [run_child("editor", url, 0, code) for _ in range(args.repeat)]
                summary[f"editor_{size}_{label}"] = medians(runs)
            summary[f"grid_{size}"] = medians(
                [run_child("grid", str(size), 0) for _ in range(args.repeat)]
            )
            print(f"{size:>7,} segments: {summary}", flush=True)
        built = time.perf_counter()
        url = build_database(folder, "terms", args.latency_segments, args.terms, args.data)
        summary["terms_build_s"] = time.perf_counter() - built
        for label, code in codes.items():
            runs = [run_child("latency", url, args.moves, code) for _ in range(args.repeat)]
            summary[f"latency_{label}"] = medians(runs)
    args.out.mkdir(exist_ok=True)
    (args.out / "tui.json").write_text(json.dumps(summary, indent=2))
    print_table(summary, sizes, list(codes))


def print_table(summary: dict[str, Any], sizes: list[int], labels: list[str]) -> None:
    print(
        "\n| segments | code | app up | first segments read | **first paint** | peak MB "
        "| grid alone: set_rows / first paint / down / pagedown |"
    )
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        grid = summary[f"grid_{size}"]
        for label in labels:
            editor = summary[f"editor_{size}_{label}"]
            print(
                f"| {size:,} | {label} | {editor['first_update_s']:.2f} s "
                f"| {editor['read_s']:.2f} s | **{editor['paint_s']:.2f} s** "
                f"| {editor['peak_mb']:.0f} | {grid['set_rows_s'] * 1000:.0f} / "
                f"{grid['paint_s'] * 1000:.0f} / {grid['down_ms']:.0f} / "
                f"{grid['pagedown_ms']:.0f} ms |"
            )
    print(
        f"\nterm base of {summary['terms']:,} concepts × {LANGUAGES} languages "
        f"({summary['terms'] * LANGUAGES:,} terms)"
    )
    print("| key | panel | code | handled (median) | **painted (median)** | painted (worst) |")
    print("|---|---|---|---|---|---|")
    names = [n for n in summary[f"latency_{labels[-1]}"] if n.endswith("_painted_ms")]
    for name in names:
        key, panel = name.removesuffix("_painted_ms").rsplit("_", 1)
        for label in labels:
            latency = summary[f"latency_{label}"]
            if name not in latency:
                continue
            handled = latency.get(f"{key}_{panel}_handled_ms", float("nan"))
            worst = latency[f"{key}_{panel}_painted_worst_ms"]
            print(
                f"| {key} | {panel} | {label} | {handled:.1f} ms | **{latency[name]:.1f} ms** "
                f"| {worst:.0f} ms |"
            )


if __name__ == "__main__":
    main()
