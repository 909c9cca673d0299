"""Hostile data and arguments through the command line: nothing raw reaches the terminal.

Terms carrying ESC sequences print as visible escapes, error messages that quote file content
stay on one line, arguments that are not UTF-8 and searches too long for SQLite are refused in
one line, and the database is unchanged by a refusal.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests_support import run

from workbench.domain.model import Concept, Term

HOSTILE = Path("corpus/hostile/workbench")
CONTROLS = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n"}


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "hostile.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def _stored_raw(db_path: Path, concept: Concept | None = None, po: Path | None = None) -> None:
    """Data with raw control characters, stored as a database written before imports refused
    or stripped them holds it (no import path stores them now: the output must still cope)."""
    from workbench.domain.memory import TmUnitData
    from workbench.formats.base import DocumentReadOptions
    from workbench.formats.po.document import PoFormat
    from workbench.storage import documents, memory, termbase
    from workbench.storage.engine import open_database

    db = open_database(f"sqlite:///{db_path}")
    with db.sessions.begin() as session:
        if concept is not None:
            termbase.add_concept(session, concept)
        if po is not None:
            # the PO reader itself, without the registry's guard that refuses controls
            document, segments = PoFormat().read(po, DocumentReadOptions("ko", "en"))
            kept = list(segments)
            documents.add_document(session, document, kept, None)
            memory.add_units(
                session,
                [
                    TmUnitData(source_lang="ko", target_lang="en", source=s.source, target=s.target)
                    for s in kept
                ],
            )
    db.dispose()


def _workbench(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, check=False
    )


def test_escape_sequences_in_terms_print_as_visible_escapes(
    shared: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The corpus file's English term sets the window title, clears the screen, turns red."""
    source = shared / HOSTILE / "terminal-escape-injection.csv"
    raw = source.read_text(encoding="utf-8").splitlines()[1].split('"')[1]
    _stored_raw(db_path, Concept(terms=[Term("en", raw), Term("ko", "악성")]))
    done = _workbench("--db", str(db_path), "glossary", "search", "evil")
    assert done.returncode == 0
    shown = done.stdout.decode("utf-8")
    assert not CONTROLS & set(shown), repr(shown)
    assert "evil\\u001b]0;PWNED-TITLE\\u0007name\\u001b[2J\\u001b[31mRED" in shown
    assert "ko: 악성" in shown
    code, out, _ = run(capsys, "glossary", "search", "evil", "--json")
    assert code == 0 and not CONTROLS & set(out)
    (concept,) = json.loads(out)  # still JSON, and the term comes back exactly as stored
    assert {term["text"] for term in concept["terms"]} == {raw, "악성"}


def test_every_printing_path_escapes(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Terms, term hits, document names and segments, TM matches: never a raw control."""
    evil = "Shang\x1b[2Jhai\x9b31m"
    document = tmp_path / "news\x1b[2J.po"
    document.write_text(f'msgid "상하이에서"\nmsgstr "In {evil}"\n', encoding="utf-8")
    # imports refuse (documents) or strip (glossaries, TM) such text now, and say so safely
    code, out, err = run(
        capsys, "import", str(document), "--source-lang", "ko", "--target-lang", "en"
    )
    assert code == 2 and "U+001B (ESCAPE)" in err and not CONTROLS & set(out + err)
    code, out, err = run(capsys, "glossary", "add", "--term", "ko=상하이", "--term", f"en={evil}")
    assert code == 2 and "U+001B (ESCAPE)" in err and not CONTROLS & set(out + err)
    _stored_raw(db_path, Concept(terms=[Term("ko", "상하이"), Term("en", evil)]), document)
    code, out, err = run(capsys, "docs")
    assert code == 0 and "news\\u001b[2J.po" in out, err
    for args in [
        ("glossary", "search", "상하이"),
        ("terms", "find", "상하이에서", "--lang", "ko"),
        ("terms", "find", "상하이에서", "--lang", "ko", "--json"),
        ("docs",),
        ("tm", "lookup", "상하이에서", "--source-lang", "ko", "--target-lang", "en"),
        ("qa", document.name, "--checks", "term_missing"),
    ]:
        code, out, err = run(capsys, *args)
        assert code in (0, 1), err  # qa exits 1 when it finds issues
        assert "\\u001b[2J" in out and not CONTROLS & set(out + err), args


def test_a_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    """A file name with a byte that is not UTF-8 imports; its name prints as an escape."""
    raw_name = tmp_path.as_posix().encode() + b"/terms-\xff.csv"
    Path(raw_name.decode("utf-8", "surrogateescape")).write_text(
        "ko,en\n상하이,Shanghai\n", encoding="utf-8"
    )
    done = _workbench("--db", str(tmp_path / "db.sqlite"), "glossary", "import", raw_name)
    assert done.returncode == 0, done.stderr
    assert b"terms-\\udcff.csv: 1 concept read" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        [b"glossary", b"search", b"\xff\xfe"],
        [b"glossary", b"add", b"--term", b"ko=\xed\x95"],  # a cut-off Hangul syllable
        [b"glossary", b"add", b"--term", b"ko=\xea\xb0\x80", b"--note", b"\xc0"],
    ],
)
def test_arguments_that_are_not_utf8_are_one_line(tmp_path: Path, args: list[bytes]) -> None:
    db = tmp_path / "db.sqlite"
    assert _workbench("--db", str(db), "glossary", "add", "--term", "ko=상하이").returncode == 0
    before = _workbench("--db", str(db), "glossary", "stats", "--json").stdout
    done = _workbench("--db", str(db), *args)
    assert done.returncode == 2 and done.stdout == b""
    message = done.stderr.decode("utf-8")
    assert message.startswith("workbench: error: ") and message.count("\n") == 1
    assert "is not UTF-8 text" in message and "Traceback" not in message
    assert _workbench("--db", str(db), "glossary", "stats", "--json").stdout == before


def test_a_search_too_long_for_sqlite_is_refused_and_a_long_one_works(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "glossary", "add", "--term", "ko=상하이")[0] == 0
    code, out, err = run(capsys, "glossary", "search", "가" * 40_000)
    assert code == 2 and out == ""
    assert err == (
        "workbench: error: search text of 40,000 characters is too long (at most 10,000)\n"
    )
    # the longest allowed, in four-byte characters with LIKE's own wildcards: no SQLite error
    longest = ("𠀀%_" * 3_334)[:10_000]
    code, out, err = run(capsys, "glossary", "search", longest, "--json")
    assert code == 0 and json.loads(out) == [], err


def test_an_error_quoting_file_content_stays_on_one_line(
    shared: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unclosed CDATA section: lxml's message quotes the lines that follow it."""
    source = shared / HOSTILE / "multiline-error-cdata.xlf"
    code, out, err = run(capsys, "import", str(source))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "never closed" in err  # what followed the break stays
    assert err.startswith(f"workbench: error: {source}:")
    assert not CONTROLS & set(err.rstrip("\n"))
