"""Exports write through a temporary file; one a killed export left behind is removed by the
next export to that folder, and a running export's file is never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from workbench.formats.base import TEMPORARY_MARK, remove_stale_temporaries, write_atomically

EXPORT = """
import sys, time
from pathlib import Path
from workbench import services
from workbench.storage.engine import open_database

db = open_database(sys.argv[1])
services.import_glossary(db, services.SHIPPED_GLOSSARY)
print("ready", flush=True)

def slow(done, total):
    # a slow disk: the export is killed here, its temporary file written but not moved
    print("writing", flush=True)
    time.sleep(60)

services.export_glossary(db, Path(sys.argv[2]), on_progress=slow)
"""


def temporaries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if TEMPORARY_MARK in p.name)


def test_a_killed_export_leaves_a_named_temporary_that_the_next_export_removes(
    tmp_path: Path,
) -> None:
    out = tmp_path / "exports" / "glossary.tbx"
    out.parent.mkdir()
    out.write_text("the older export, kept")
    process = subprocess.Popen(
        [sys.executable, "-c", EXPORT, f"sqlite:///{tmp_path / 'k.sqlite'}", str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    assert process.stdout.readline().strip() == "writing"
    # the service writes through one temporary file, the TBX writer through another inside it
    left = temporaries(out.parent)
    assert left and all(p.name.lstrip(".").startswith("glossary.tbx") for p in left)
    assert all(f"{TEMPORARY_MARK}{process.pid}-" in p.name and p.suffix == ".tbx" for p in left)
    assert sum(p.stat().st_size for p in left) > 0
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert out.read_text() == "the older export, kept"
    assert temporaries(out.parent) == left

    # the next run of workbench exporting to that folder (a later process) cleans up
    subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--db",
            f"sqlite:///{tmp_path / 'k.sqlite'}",
            "glossary",
            "export",
            str(out.parent / "again.csv"),
        ],
        check=True,
        capture_output=True,
    )
    assert temporaries(out.parent) == []
    assert out.read_text() == "the older export, kept"
    # a .tbx must be well-formed XML to replace anything (formats/xml_check.py)
    write_atomically(out, lambda temporary: temporary.write_text("<new/>") and 1)
    assert out.read_text() == "<new/>" and temporaries(out.parent) == []


def test_a_running_exports_temporary_is_left_alone(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = tmp_path / f".a.csv{TEMPORARY_MARK}{sleeper.pid}-abc.csv"
        running.write_text("half")
        dead = tmp_path / f".b.csv{TEMPORARY_MARK}999999999-abc.csv"
        dead.write_text("half")
        old = time.time() - 3600
        for path in (running, dead):
            os.utime(path, (old, old))
        mine = tmp_path / f".c.csv{TEMPORARY_MARK}{os.getpid()}-abc.csv"
        mine.write_text("mine")
        foreign = tmp_path / ".d.csv.tmp"
        foreign.write_text("not ours")
        assert remove_stale_temporaries(tmp_path) == [dead]
        assert running.exists() and mine.exists() and foreign.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_temporary_written_after_this_process_started_is_not_stale(tmp_path: Path) -> None:
    fresh = tmp_path / f".e.csv{TEMPORARY_MARK}999999999-abc.csv"
    fresh.write_text("another process is just starting its export")
    assert remove_stale_temporaries(tmp_path) == []
    assert fresh.exists()
