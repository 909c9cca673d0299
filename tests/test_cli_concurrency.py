"""Two real `workbench` processes importing at once: a glossary is merged, a document name
refused in one line (tests/storage/test_concurrent_writes.py runs more rounds of each race)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.storage.test_concurrent_writes import CONCEPTS, write_glossary
from workbench import services
from workbench.storage.engine import open_database

ROUNDS = 3
"""Each CLI run starts a Python: a few rounds here, ten in the storage test."""


def _at_once(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command before waiting for any; their results in order."""
    env = {**os.environ, "WORKBENCH_AUTHOR": "tester"}
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "workbench", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for command in commands
    ]
    done = []
    for process in started:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_one_glossary_imported_by_two_workbenches_at_once_is_stored_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'terms.sqlite'}"
    open_database(url).dispose()
    for round_ in range(ROUNDS):
        glossary = write_glossary(tmp_path / f"team-{round_}.csv", round_)
        command = ["--db", url, "glossary", "import", str(glossary)]
        runs = _at_once(command, command)
        assert [run.returncode for run in runs] == [0, 0], [run.stderr for run in runs]
        reports = sorted(run.stdout.split(": ", 1)[1].strip() for run in runs)
        assert reports == [
            f"{CONCEPTS} concepts read, 0 new, {CONCEPTS} merged (0 changed), 0 terms added, "
            "0 updated",
            f"{CONCEPTS} concepts read, {CONCEPTS} new, 0 merged (0 changed), "
            f"{3 * CONCEPTS} terms added, "
            "0 updated",
        ]
        db = open_database(url)
        try:
            counts = services.glossary_stats(db)
        finally:
            db.dispose()
        stored = CONCEPTS * (round_ + 1)
        assert (counts.concepts, counts.terms) == (stored, 3 * stored)


def test_one_document_name_imported_by_two_workbenches_at_once_is_refused_once(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'docs.sqlite'}"
    open_database(url).dispose()
    for round_ in range(ROUNDS):
        text_file = tmp_path / f"notes-{round_}.txt"
        text_file.write_text("첫 문장입니다.\n\n둘째 문장입니다.\n", encoding="utf-8")
        command = ["--db", url, "import", str(text_file), "--source-lang", "ko"]
        runs = sorted(_at_once(command, command), key=lambda run: run.returncode)
        assert [run.returncode for run in runs] == [0, 2], [run.stderr for run in runs]
        assert runs[1].stderr == (
            f"workbench: error: a document named {text_file.name!r} exists already: give --name\n"
        )
        db = open_database(url)
        try:
            stored = services.list_documents(db)
        finally:
            db.dispose()
        assert len(stored) == round_ + 1
        assert (stored[0].name, stored[0].segments) == (text_file.name, 2)
