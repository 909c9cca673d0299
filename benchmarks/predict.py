"""Benchmark: predictive typing's cost per key (issue 16): < 30 ms, and typing not slowed.

Run: .venv/bin/python benchmarks/predict.py [--targets 20000] [--keys 300]

(a) The phrase table learned from --targets English TM targets (generated as benchmarks/tm.py
generates them): the time to learn it, then per typed prefix (2 to 6 characters of a word of
a stored target) the time to find the completions of the segment and the table; the baseline,
in the same run, is the plain way: a scan of every phrase with startswith.
(b) In the editor (Pilot, headless, a real SQLite file holding those targets as TM units), the
time of the work each key does for the offer on the UI thread (`Predicting.offer`, which runs
after the key has been typed), over --keys keys typed in the target, and the time to type
them, with and without the tool. Results go to benchmarks/out/predict.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tm import make_vocabularies

from workbench.domain.predict import (
    Origin,
    PhraseBook,
    completions,
    learned_phrases,
    segment_book,
    typed_prefix,
)


def milliseconds(seconds: list[float]) -> dict[str, float]:
    """Median, 95th percentile and maximum, in milliseconds."""
    ordered = sorted(seconds)
    return {
        "median": round(statistics.median(ordered) * 1000, 4),
        "p95": round(ordered[int(len(ordered) * 0.95)] * 1000, 4),
        "max": round(ordered[-1] * 1000, 4),
    }


def english_targets(count: int, seed: int) -> list[str]:
    """count English sentences shaped as benchmarks/tm.py makes them."""
    rng = random.Random(seed)
    english = make_vocabularies(rng)["en"]
    return [english.text(english.sentence()) for _ in range(count)]


def table_figures(targets: list[str], rng: random.Random) -> dict[str, object]:
    """Learning the table, then completions against a scan of every phrase."""
    started = time.perf_counter()
    counts = learned_phrases(targets)
    book = PhraseBook((phrase, Origin.LEARNED, n) for phrase, n in counts.items())
    learn_s = time.perf_counter() - started
    segment = segment_book(["large language model"], targets[:3])
    phrases = list(counts)
    ours, scan = [], []
    for _ in range(2000):
        words = rng.choice(targets).split()
        word = rng.choice(words).strip(".")
        prefix = typed_prefix(word[: rng.randint(2, 6)])
        started = time.perf_counter()
        completions(prefix, [segment, book])
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        folded = prefix.casefold()
        sorted(p for p in phrases if p.casefold().startswith(folded) and len(p) > len(prefix))[:3]
        scan.append(time.perf_counter() - started)
    return {
        "targets": len(targets),
        "phrases_learned": len(book),
        "learn_s": round(learn_s, 2),
        "completion_ms": milliseconds(ours),
        "scan_baseline_ms": milliseconds(scan),
        "speed_up_median": round(statistics.median(scan) / statistics.median(ours), 1),
    }


async def typing(url: str, keys: str, with_tool: bool) -> dict[str, object]:
    """Type keys in the editor's target; the offer's work per key and the whole typing time."""
    from workbench import services
    from workbench.tui.app import make_app
    from workbench.tui.editor import predicting, tools
    from workbench.tui.screens import editor as editor_module

    if not with_tool:
        kept = tuple(t for t in tools.TOOLS if t is not predicting.Predicting)
        editor_module.TOOLS = kept  # type: ignore[attr-defined]
    db = services.open_database(url)
    screen = editor_module.EditorScreen(db, "bench.txt")
    app = make_app(db, screen)
    offers: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
        if with_tool:
            tool = screen.tool(predicting.Predicting)
            original = tool.offer

            def timed() -> None:
                started = time.perf_counter()
                original()
                offers.append(time.perf_counter() - started)

            tool.offer = timed  # type: ignore[method-assign]
        screen.target_area.focus()
        started = time.perf_counter()
        for key in keys:
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.2)
        typing_s = time.perf_counter() - started
        typed = screen.target_area.text
    db.dispose()
    found: dict[str, object] = {"keys": len(keys), "typing_s": round(typing_s, 2)}
    # the run before left its text as a draft, so the keys follow it
    found["all_typed"] = typed.endswith(keys)
    if offers:
        found["offer_ms"] = milliseconds(offers)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--targets", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    targets = english_targets(args.targets, args.seed)
    results: dict[str, object] = {"table": table_figures(targets, random.Random(args.seed))}
    print(json.dumps(results, indent=2), flush=True)

    from workbench import services
    from workbench.domain.memory import TmUnitData
    from workbench.storage import memory

    folder = Path(tempfile.mkdtemp(prefix="predict-"))
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    db = services.open_database(url)
    with db.sessions.begin() as session:
        memory.add_units(
            session,
            (
                TmUnitData(source_lang="ko", target_lang="en", source=f"문장 {n}", target=t)
                for n, t in enumerate(targets)
            ),
        )
    document = folder / "bench.txt"
    document.write_text("새 모델을 발표했다.\n", encoding="utf-8")
    services.import_document(db, document, source_lang="ko", target_lang="en")
    db.dispose()
    words = " ".join(targets[5].split()[:6])
    keys = (words + " ") * (args.keys // (len(words) + 1) + 1)
    keys = keys[: args.keys]
    results["editor_with_tool"] = asyncio.run(typing(url, keys, True))
    results["editor_without_tool"] = asyncio.run(typing(url, keys, False))
    print(json.dumps(results, indent=2), flush=True)
    args.out.mkdir(exist_ok=True)
    (args.out / "predict.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
