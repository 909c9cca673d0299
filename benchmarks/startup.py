"""Benchmark: the fixed cost of a command, `workbench --help` and `workbench docs`.

Run: .venv/bin/python benchmarks/startup.py [--runs 9] [--baseline REV]

Each measurement is a fresh process (python -m workbench ...), wall clock, median of --runs.
The baseline is another commit of workbench (default: the last one before the CLI imported
lazily) checked out into a temporary git worktree and run by the same interpreter, in the same
rounds: every round runs each command once for our code, the baseline and the floors, so that
the load of a shared machine falls on all of them alike. Floors: `python -c pass` (the
interpreter), `python -c "import typer"` (the CLI library) and a one-option typer command that
runs (typer 0.29 also loads pydantic to convert option values), and that command importing
SQLAlchemy's ORM, which any command that opens the database needs. Wall clock decides the target;
the CPU time (user + system) is printed beside it because it varies less on a shared machine.
Target (issue 14): `--help` and `docs` < 0.4 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = "466b767"
"""main before the CLI became a package that imports what a command needs when it runs."""
TARGET_SECONDS = 0.4
TYPER_COMMAND = """
import typer
app = typer.Typer()
@app.command()
def main(db: str = "") -> None:
    print(db)
app()
"""


def _sample(folder: Path) -> Path:
    """A small text document to import, so that `docs` has a line to print."""
    path = folder / "news.txt"
    path.write_text("센스타임은 상하이에 있다.\n\n원거테크놀러지가 발표했다.\n", encoding="utf-8")
    return path


def _seconds(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _prepare(code: Path, db: Path, sample: Path) -> None:
    """Create and migrate the database and import one document, with that code's own CLI."""
    workbench = [sys.executable, "-m", "workbench", "--db", str(db)]
    subprocess.run([*workbench, "import", str(sample)], cwd=code, check=True, capture_output=True)
    shown = subprocess.run(
        [sys.executable, "-c", "import workbench; print(workbench.__file__)"],
        cwd=code,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert shown.startswith(str(code)), f"{code} runs {shown}: not the code under test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--baseline", default=BASELINE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workbench-startup-") as name:
        folder = Path(name)
        baseline = folder / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(baseline), args.baseline],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        try:
            run(folder, baseline, args.runs, args.baseline)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(baseline)],
                cwd=REPO,
                check=True,
                capture_output=True,
            )


def run(folder: Path, baseline: Path, runs: int, revision: str) -> None:
    """Measure every command for both codes and the floors, round by round; print medians."""
    sample = _sample(folder)
    ours_db, base_db = folder / "ours.sqlite", folder / "baseline.sqlite"
    _prepare(REPO, ours_db, sample)
    _prepare(baseline, base_db, sample)
    python = [sys.executable]
    commands: dict[str, tuple[list[str], Path]] = {
        "floor: python -c pass": ([*python, "-c", "pass"], REPO),
        "floor: python -c 'import typer'": ([*python, "-c", "import typer"], REPO),
        "floor: a one-option typer command": ([*python, "-c", TYPER_COMMAND, "--db", "x"], REPO),
        "floor: the same + import sqlalchemy.orm": (
            [*python, "-c", "import sqlalchemy.orm\n" + TYPER_COMMAND, "--db", "x"],
            REPO,
        ),
        "workbench --help (ours)": ([*python, "-m", "workbench", "--help"], REPO),
        "workbench --help (baseline)": ([*python, "-m", "workbench", "--help"], baseline),
        "workbench docs (ours)": (
            [*python, "-m", "workbench", "--db", str(ours_db), "docs"],
            REPO,
        ),
        "workbench docs (baseline)": (
            [*python, "-m", "workbench", "--db", str(base_db), "docs"],
            baseline,
        ),
    }
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, (command, cwd) in commands.items():
            times[label].append(_seconds(command, cwd))
    wall = {label: statistics.median(t[0] for t in values) for label, values in times.items()}
    cpu = {label: statistics.median(t[1] for t in values) for label, values in times.items()}
    uname = os.uname()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}, {uname.sysname} {uname.release} {uname.machine}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, Python "
        f"{sys.version.split()[0]}, median of {runs} runs, baseline {revision}"
    )
    print("| command | ours: wall (CPU) | baseline: wall (CPU) | ratio (wall) | target |")
    print("|---|---|---|---|---|")
    for label in [label for label in commands if label.startswith("floor")]:
        print(f"| {label} | {wall[label]:.3f} s ({cpu[label]:.3f} s) | | | |")
    for command in ("--help", "docs"):
        ours, base = f"workbench {command} (ours)", f"workbench {command} (baseline)"
        met = "met" if wall[ours] < TARGET_SECONDS else "NOT met"
        print(
            f"| workbench {command} | {wall[ours]:.3f} s ({cpu[ours]:.3f} s) | "
            f"{wall[base]:.3f} s ({cpu[base]:.3f} s) | {wall[ours] / wall[base]:.2f}× | "
            f"< {TARGET_SECONDS} s: {met} |"
        )


if __name__ == "__main__":
    main()
