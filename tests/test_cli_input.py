"""--encoding and --controls on the import commands, as a translator runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import run

HOSTILE = Path("corpus/hostile/workbench")


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "input.sqlite")


def test_a_utf16_text_without_a_mark_is_refused_then_read_with_encoding(
    capsys: pytest.CaptureFixture[str], shared: Path, db_path: str
) -> None:
    path = str(shared / HOSTILE / "utf16le-nobom-accepted.txt")
    code, out, err = run(capsys, "--db", db_path, "import", path, "--source-lang", "en")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "give --encoding utf-16-le" in err
    code, out, err = run(
        capsys, "--db", db_path, "import", path, "--source-lang", "en", "--encoding", "utf-16-le"
    )
    assert (code, err) == (0, "") and "3 segments" in out


def test_escape_sequences_in_a_glossary_are_stripped_and_said_or_refused(
    capsys: pytest.CaptureFixture[str], shared: Path, db_path: str
) -> None:
    path = str(shared / HOSTILE / "terminal-escape-injection.csv")
    code, _, err = run(capsys, "--db", db_path, "glossary", "import", path, "--controls", "refuse")
    assert code == 2 and "U+001B (ESCAPE)" in err and "\x1b" not in err
    code, out, _ = run(capsys, "--db", db_path, "glossary", "stats")
    assert out.startswith("concepts: 0\n")  # the refused import stored nothing
    code, out, err = run(capsys, "--db", db_path, "glossary", "import", path)
    assert code == 0 and "1 new" in out
    assert "stripped 4 control characters" in err
    code, out, _ = run(capsys, "--db", db_path, "glossary", "search", "PWNED")
    assert code == 0 and "PWNED" in out and "\x1b" not in out and "\x07" not in out


def test_a_glossary_in_a_legacy_encoding_reads_with_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: str
) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes("ko,en\n원거테크놀러지,Wenge\n".encode("cp949"))
    code, _, err = run(capsys, "--db", db_path, "glossary", "import", str(path))
    assert code == 2 and "not valid UTF-8" in err and "--encoding" in err
    code, out, _ = run(
        capsys, "--db", db_path, "glossary", "import", str(path), "--encoding", "cp949"
    )
    assert code == 0 and "1 new" in out


def test_tm_import_strips_c1_controls_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: str
) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
        'creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>Save\u009b2J</seg></tuv>'
        '<tuv xml:lang="ko"><seg>저장</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", db_path, "tm", "import", str(path))
    assert code == 0 and "1 unit added" in out and "stripped 1 control character" in err
    code, _, err = run(capsys, "--db", db_path, "tm", "import", str(path), "--controls", "refuse")
    assert code == 2 and "U+009B" in err
