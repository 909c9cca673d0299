"""Fuzzing every registered importer with mutated corpus files (issue 12): no traceback, no
hang, the database unchanged by every refusal. Bounded for CI; benchmarks/fuzz.py is the
larger run. New formats are fuzzed as soon as they are registered and the corpus has files
with their extensions."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from fuzz_support import (
    Result,
    Target,
    fuzz,
    import_one,
    made_seed,
    mutations,
    seeds,
    targets,
)

from workbench.storage.engine import open_database

SEEDS_PER_TARGET = 2
MUTATIONS_PER_SEED = 5
TIMEOUT = 20.0


def test_every_registered_format_and_tmx_is_a_fuzz_target() -> None:
    from workbench.formats.registry import document_format_names, glossary_format_names

    labels = {target.label for target in targets()}
    assert {f"glossary:{name}" for name in glossary_format_names()} <= labels
    assert {f"document:{name}" for name in document_format_names()} <= labels
    assert "tm:tmx" in labels


def test_mutations_are_the_same_for_the_same_seed_and_touch_zip_members() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", "<a>text</a>")
    data = buffer.getvalue()
    first = list(mutations(data, 12, seed=3))
    assert first == list(mutations(data, 12, seed=3))
    assert {"zip-member", "flip"} <= {name for name, _ in first}
    assert all(mutated != data for name, mutated in first if name == "zip-member")


def test_the_harness_tells_a_traceback_a_hang_and_a_changed_database_from_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench import services
    from workbench.domain.model import Term

    db = open_database(f"sqlite:///{tmp_path / 'h.sqlite'}")
    target = Target("glossary", "csv", (".csv",))
    path = tmp_path / "g.csv"
    path.write_text("en,ko\nSave,저장\n")

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    def stall(*args: object, **kwargs: object) -> None:
        time.sleep(5)

    def half_then_refuse(*args: object, **kwargs: object) -> None:
        services.add_concept(db, [Term("en", "leaked")])
        raise services.FormatError(path, "refused, but too late")

    outcomes = []
    for fake in (crash, stall, half_then_refuse):
        monkeypatch.setattr(services, "import_glossary", fake)
        outcomes.append(import_one(db, target, path, False, "x", timeout=0.5)[0])
    monkeypatch.undo()
    outcomes.append(import_one(db, target, path, False, "x", timeout=5)[0])
    assert outcomes == ["traceback", "hang", "changed", "ok"]
    db.dispose()


def test_mutated_corpus_files_of_every_format_are_refused_cleanly(
    shared: Path, tmp_path: Path
) -> None:
    corpus = shared / "corpus"
    counter = iter(range(10_000))

    def new_db():  # type: ignore[no-untyped-def]
        return open_database(f"sqlite:///{tmp_path / f'fuzz-{next(counter)}.sqlite'}")

    seen: list[Result] = []
    started = time.perf_counter()
    tally = fuzz(
        new_db,
        corpus,
        tmp_path,
        SEEDS_PER_TARGET,
        MUTATIONS_PER_SEED,
        TIMEOUT,
        on_result=seen.append,
    )
    elapsed = time.perf_counter() - started
    fuzzed = {label for label, row in tally.counts.items() if sum(row.values())}
    # a format is fuzzed when the corpus has files of it or its writer can make one
    seeded = {t.label for t in targets() if seeds(corpus, t, 1) or made_seed(t, tmp_path)}
    assert fuzzed == seeded and len(fuzzed) >= 20
    assert sum(row["refused"] for row in tally.counts.values()) > len(seen) // 4
    assert [f"{r.target} {r.seed} {r.mutation}: {r.outcome} {r.detail}" for r in tally.bad] == []
    assert elapsed < 300, f"the fuzz test took {elapsed:.0f} s"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["glossary", "import"], "glossary.tbx"),
        (["import", "--source-lang", "en", "--target-lang", "ko"], "doc.xlf"),
        (["tm", "import"], "memory.tmx"),
    ],
)
def test_a_mutated_file_through_the_cli_is_one_line_and_exit_2(
    tmp_path: Path, command: list[str], name: str
) -> None:
    good = {
        "glossary.tbx": '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"><text><body>'
        '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>Save</term></termSec>'
        "</langSec></conceptEntry></body></text></tbx>",
        "doc.xlf": '<xliff version="1.2"><file source-language="en" original="x" '
        'datatype="plaintext"><body><trans-unit id="1"><source>Save</source></trans-unit>'
        "</body></file></xliff>",
        "memory.tmx": '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
        '<seg>Save</seg></tuv><tuv xml:lang="ko"><seg>저장</seg></tuv></tu></body></tmx>',
    }[name].encode()
    path = tmp_path / name
    path.write_bytes(good[: len(good) // 2] + b"\x00&#1;<<" + good[len(good) // 2 :])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--db",
            f"sqlite:///{tmp_path / 'c.sqlite'}",
            *command,
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"workbench: error: {path}")
