"""`workbench spelling` and the spelling check in `workbench qa`: added words, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

from workbench import services
from workbench.services import spelling as spelling_service
from workbench.storage.engine import open_database

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="ko" target-language="{lang}" datatype="plaintext" original="news">
<body>
<trans-unit id="n1"><source>쿠블라가 새 모델을 발표했다.</source>
<target>Kublaa anounced a new model at https://kublaa.example.</target></trans-unit>
</body></file></xliff>
"""


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "spelling.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{path}")
    return path


def test_check_lists_misspelled_words_with_suggestions(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "spelling", "check", "Teh modle at v2.0", "--lang", "en", "--json")
    rows = json.loads(out)
    assert code == 1 and [row["word"] for row in rows] == ["Teh", "modle"]
    assert "model" in rows[1]["suggestions"]
    assert run(capsys, "spelling", "check", "The model", "--lang", "en-GB")[0] == 0


def test_an_added_word_passes_in_every_variant_and_in_qa(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "news.xlf"
    file.write_text(XLIFF.format(lang="en"), encoding="utf-8")
    code, out, _ = run(capsys, "qa", str(file), "--checks", "spelling", "--json")
    flagged = [issue["message"] for issue in json.loads(out)["issues"]]
    assert code == 1 and flagged == [
        '"Kublaa" is not in the en dictionary',
        '"anounced" is not in the en dictionary',
    ]
    assert run(capsys, "spelling", "add", "Kublaa", "--lang", "en-GB")[1] == "Kublaa: added\n"
    code, out, _ = run(capsys, "qa", str(file), "--checks", "spelling", "--json")
    assert [issue["message"] for issue in json.loads(out)["issues"]] == [
        '"anounced" is not in the en dictionary'
    ]
    assert run(capsys, "spelling", "list")[1] == "en\tKublaa\n"
    assert run(capsys, "spelling", "remove", "Kublaa", "--lang", "en")[0] == 0
    assert run(capsys, "spelling", "list")[1] == ""


def test_bad_input_is_one_line_and_exit_2(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for args in (
        ("spelling", "add", "two words", "--lang", "en"),
        ("spelling", "add", "word", "--lang", "qq"),
        ("spelling", "remove", "never", "--lang", "en"),
        ("spelling", "check", "x", "--lang", "qq"),
    ):
        code, _, err = run(capsys, *args)
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, args
    db = open_database(f"sqlite:///{db_path}")
    assert services.added_spelling_words(db) == []


def test_a_language_without_a_dictionary_says_what_to_install(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spelling_service, "HUNSPELL_FOLDERS", ())
    monkeypatch.setenv("WORKBENCH_HUNSPELL_PATH", str(tmp_path))
    spelling_service._base_dictionary.cache_clear()
    try:
        code, _, err = run(capsys, "spelling", "check", "말", "--lang", "ko")
        assert code == 2 and "apt install hunspell-ko" in err
        file = tmp_path / "news.xlf"
        file.write_text(XLIFF.format(lang="sv"), encoding="utf-8")
        code, _, err = run(capsys, "qa", str(file), "--checks", "spelling")
        assert code == 0 and "no spelling dictionary for sv" in err
    finally:
        spelling_service._base_dictionary.cache_clear()


def test_korean_is_checked_with_the_hunspell_dictionary(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if services.dictionary_name("ko") is None:
        pytest.skip("hunspell-ko is not installed (Debian: apt install hunspell-ko)")
    code, out, _ = run(
        capsys, "spelling", "check", "번역가는 사과를 먹엇다", "--lang", "ko", "--json"
    )
    assert code == 1 and [row["word"] for row in json.loads(out)] == ["먹엇다"]
    assert "먹었다" in json.loads(out)[0]["suggestions"]


def test_english_without_a_region_takes_british_spellings_en_us_does_not(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "The organisers analysed the colours"
    assert run(capsys, "spelling", "check", text, "--lang", "en")[0] == 0
    assert run(capsys, "spelling", "check", text, "--lang", "en-GB")[0] == 0
    code, out, _ = run(capsys, "spelling", "check", text, "--lang", "en-US", "--json")
    assert code == 1 and [row["word"] for row in json.loads(out)] == [
        "organisers",
        "analysed",
        "colours",
    ]
