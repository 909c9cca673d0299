"""`workbench comments`: add, reply, resolve, list; bad input exits 2 and stores nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

from workbench import services


@pytest.fixture
def imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{tmp_path / 'c.sqlite'}")
    monkeypatch.setenv("WORKBENCH_AUTHOR", "park")
    text = tmp_path / "news.txt"
    text.write_text("첫째 문장.\n\n둘째 문장.\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(text), "--source-lang", "ko", "--target-lang", "en")
    assert code == 0, err
    return "news.txt"


def test_add_reply_resolve_and_list(imported: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "comments", "add", imported, "Which fair?", "--segment", "2")[1] == (
        "comment 1 added to segment 2\n"
    )
    run(capsys, "comments", "add", imported, "The AI fair.", "--segment", "2", "--reply-to", "1")
    assert run(capsys, "comments", "resolve", "2")[1] == "thread 1 resolved\n"
    code, out, _ = run(capsys, "comments", "list", imported, "--json")
    assert code == 0 and json.loads(out) == [
        {
            "segment": 2,
            "thread": 1,
            "resolved": True,
            "comments": [
                {"id": 1, "author": "park", "text": "Which fair?"},
                {"id": 2, "author": "park", "text": "The AI fair."},
            ],
        }
    ]
    assert json.loads(run(capsys, "comments", "list", imported, "--json", "--open")[1]) == []
    assert "#2 thread 1 (resolved)" in run(capsys, "comments", "list", imported)[1]


def test_bad_input_exits_2_and_stores_nothing(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ("comments", "add", imported, "x", "--segment", "9"),
        ("comments", "add", imported, "  ", "--segment", "1"),
        ("comments", "add", "nothing.txt", "x", "--segment", "1"),
        ("comments", "add", imported, "x", "--segment", "1", "--reply-to", "5"),
        ("comments", "resolve", "5"),
        ("comments", "resolve", "five"),
        ("comments", "list", "nothing.txt"),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == "" and err.count("\n") == 1, args
    assert json.loads(run(capsys, "comments", "list", imported, "--json")[1]) == []


def test_a_comment_with_a_control_character_is_refused_and_the_xliff_still_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ESC or BEL pasted into a comment would break XML export (a traceback): refused."""
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{tmp_path / 'c.sqlite'}")
    xliff = tmp_path / "fair.xlf"
    xliff.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="f.txt" source-language="en" target-language="ko" datatype="plaintext">'
        '<body><trans-unit id="1"><source>The fair opens.</source>'
        "<target>박람회가 열린다.</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", str(xliff))[0] == 0
    for text in ("red \x1b[31m text", "bell\x07", "nul\x00x", "c1\x85x"):
        code, out, err = run(capsys, "comments", "add", "fair.xlf", text, "--segment", "1")
        assert code == 2 and out == "" and err.count("\n") == 1, text
        assert "control character" in err and "Traceback" not in err
    assert json.loads(run(capsys, "comments", "list", "fair.xlf", "--json")[1]) == []
    code, _, err = run(capsys, "comments", "add", "fair.xlf", "tab\tand\nnewline", "--segment", "1")
    assert code == 0, err
    for suffix in ("xlf", "po"):
        out_file = tmp_path / f"out.{suffix}"
        code, _, err = run(capsys, "export", "fair.xlf", str(out_file))
        assert code == 0 and out_file.exists(), err


def test_a_comment_stored_with_a_control_character_before_the_check_still_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database from before comments refused control characters: export drops them."""
    from workbench.storage import comments as stored_comments
    from workbench.storage.engine import open_database

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    monkeypatch.setenv("WORKBENCH_DB", url)
    text = tmp_path / "news.txt"
    text.write_text("The fair opens.\n", encoding="utf-8")
    assert run(capsys, "import", str(text), "--source-lang", "en", "--target-lang", "ko")[0] == 0
    out = tmp_path / "news.xlf"
    assert run(capsys, "export", "news.txt", str(out))[0] == 0
    assert run(capsys, "import", str(out), "--name", "news.xlf")[0] == 0
    db = open_database(url)
    segment_id = services.document_segments(db, "news.xlf")[1][0].id
    assert segment_id is not None
    with db.sessions.begin() as session:
        stored_comments.add_comment(session, segment_id, "red \x1b[31m bell\x07", "kim", None)
    db.dispose()
    exported = tmp_path / "again.xlf"
    code, _, err = run(capsys, "export", "news.xlf", str(exported))
    assert code == 0, err
    assert '<note from="kim">red [31m bell</note>' in exported.read_text(encoding="utf-8")
