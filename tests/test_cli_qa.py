"""`workbench qa` on bilingual files and imported documents: output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

CHECKS = "term_missing,term_forbidden,number_mismatch,inconsistent_target"
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="ko" target-language="en" datatype="plaintext" original="news">
<body>
<trans-unit id="n1"><source>원거테크놀러지는 새 모델을 발표했다.</source>
<target>{first}</target></trans-unit>
<trans-unit id="n2"><source>매출은 3천200억 원이었다.</source>
<target>{second}</target></trans-unit>
<trans-unit id="n3" translate="no"><source>매출은 3천200억 원이었다.</source>
<target>Sales were 1 won.</target></trans-unit>
</body></file></xliff>
"""
CLEAN = {
    "first": "Beijing Wenge Technology released a new model.",
    "second": "Sales were 320 billion won.",
}
BAD = {"first": "Wenge Tech released a new model.", "second": "Sales were 32 billion won."}
PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'
    'msgid "Open file"\nmsgstr "파일 열기"\n\n'
    'msgid "Open"\nmsgstr "열기"\n\n'
    'msgid "Open the file"\nmsgstr "파일 열기"\n'
)


@pytest.fixture
def db_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    path = tmp_path / "qa.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    code, _, err = run(
        capsys,
        "glossary",
        "add",
        "--term",
        "ko=원거테크놀러지",
        "--term",
        "en=Beijing Wenge Technology",
        "--deprecated",
        "en=Wenge Tech",
    )
    assert code == 0, err
    return path


def _xliff(tmp_path: Path, texts: dict[str, str], name: str = "news.xlf") -> Path:
    path = tmp_path / name
    path.write_text(XLIFF.format(**texts), encoding="utf-8")
    return path


def test_clean_file_exits_0(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "qa", str(_xliff(tmp_path, CLEAN)), "--checks", CHECKS)
    assert code == 0, out + err
    assert "2 segments, 0 issues" in out


def test_issues_exit_1_with_the_json_contract(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = _xliff(tmp_path, BAD)
    code, out, _ = run(capsys, "qa", str(path), "--json", "--checks", CHECKS)
    assert code == 1
    report = json.loads(out)
    assert report["file"] == str(path) and report["segments"] == 2
    shown = [(i["segment"], i["id"], i["check"], i["severity"]) for i in report["issues"]]
    assert shown == [
        (1, "n1", "term_forbidden", "error"),
        (2, "n2", "number_mismatch", "error"),
    ]
    assert report["issues"][0]["message"] == (
        '"Wenge Tech" is deprecated; use "Beijing Wenge Technology"'
    )
    assert all(
        {"segment", "id", "check", "severity", "message"} <= set(i) for i in report["issues"]
    )


def test_human_output_groups_by_check_and_marks_the_difference(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "qa", str(_xliff(tmp_path, BAD)), "--checks", CHECKS)
    assert code == 1
    assert "[term_forbidden, error]: 1" in out
    assert "[number_mismatch, error]: 1" in out
    assert "#2 (n2)  number 320000000000 (3천200억)" in out
    assert "source: 매출은 «3천200억» 원이었다." in out
    assert "target: «Wenge Tech» released a new model." in out
    assert "2 issues" in out


CODED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en" target-language="ko" datatype="plaintext" original="ui">
<body>
<trans-unit id="c1"><source>Due to <x id="reason"/>, you cannot post 3 comments</source>
<target><x id="reason"/>로 인해 댓글 4개를 게시할 수 없습니다.</target></trans-unit>
<trans-unit id="c2"><source> Announcement:</source><target>공지:</target></trans-unit>
<trans-unit id="c3"><source>Sales rose, and prices fell,</source>
<target>매출은 늘고, 가격은 내렸다.</target></trans-unit>
</body></file></xliff>
"""


def test_human_output_shows_codes_and_never_marks_a_space(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ui.xlf"
    path.write_text(CODED, encoding="utf-8")
    code, out, _ = run(capsys, "qa", str(path))
    assert code == 1
    # the code shows as its label, where the text used to read "Due to , you"
    assert "source: Due to ⟨reason/⟩, you cannot post «3» comments" in out
    assert "target: ⟨reason/⟩로 인해 댓글 «4»개를 게시할 수 없습니다.\n" in out
    assert "target: ⟨reason/⟩로 인해 댓글 4개를 게시할 수 없습니다«.»" in out
    # whitespace at the ends is shown, not marked
    assert "source: ␣Announcement:\n" in out
    assert "« »" not in out and "«␣»" not in out
    # the final punctuation is marked where it is, at the end
    assert "source: Sales rose, and prices fell«,»" in out
    assert "target: 매출은 늘고, 가격은 내렸다«.»" in out


def test_checks_option_filters_and_rejects_unknown_ids(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = _xliff(tmp_path, BAD)
    code, out, _ = run(capsys, "qa", str(path), "--json", "--checks", "number_mismatch")
    assert code == 1
    assert [i["check"] for i in json.loads(out)["issues"]] == ["number_mismatch"]
    code, out, err = run(capsys, "qa", str(path), "--checks", "number_mismatch,nonsense")
    assert code == 2 and out == ""
    assert "unknown check nonsense" in err and len(err.strip().splitlines()) == 1


def test_profile_disables_overrides_severity_and_ignores(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = _xliff(tmp_path, BAD)
    code, out, _ = run(capsys, "qa", str(path), "--json", "--checks", CHECKS)
    marked = next(i["hash"] for i in json.loads(out)["issues"] if i["check"] == "term_forbidden")
    profile = tmp_path / "qa.toml"
    profile.write_text(
        '[checks]\nenabled = ["term_forbidden", "number_mismatch"]\n'
        '[severity]\nnumber_mismatch = "warning"\n'
        f'[ignore]\nhashes = ["{marked}"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "qa", str(path), "--json", "--profile", str(profile))
    assert code == 1
    assert [(i["check"], i["severity"]) for i in json.loads(out)["issues"]] == [
        ("number_mismatch", "warning")
    ]
    # editing the segment reopens the ignored issue
    edited = _xliff(tmp_path, {**BAD, "first": "Wenge Tech released a model."}, "edited.xlf")
    code, out, _ = run(capsys, "qa", str(edited), "--json", "--profile", str(profile))
    assert "term_forbidden" in [i["check"] for i in json.loads(out)["issues"]]


def test_bad_profile_exits_2_naming_file_and_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "qa.toml"
    profile.write_text('[checks]\nenabled = ["term_missing", "grammar"]\n', encoding="utf-8")
    code, out, err = run(capsys, "qa", str(_xliff(tmp_path, BAD)), "--profile", str(profile))
    assert code == 2 and out == ""
    assert f"{profile}:2: unknown check 'grammar'" in err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.xlf", '<xliff version="1.2"><file><body><trans-unit id="1">', "broken.xlf:1"),
        ("empty.po", "", "file is empty"),
        ("nolang.po", 'msgid "a"\nmsgstr "b"\n', "give --target-lang"),
        ("notes.bin", "x", "unknown document extension"),
        ("notes.docx", "x", "not a Word file"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    name: str,
    content: str,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "qa", str(path))
    assert code == 2 and out == ""
    assert expected in err and len(err.strip().splitlines()) == 1


def test_unknown_name_exits_2(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, _, err = run(capsys, "qa", "missing.xlf")
    assert code == 2 and "no file or document named 'missing.xlf'" in err


def test_po_file_finds_inconsistent_translations(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ui.po"
    path.write_text(PO, encoding="utf-8")
    code, out, _ = run(
        capsys, "qa", str(path), "--json", "--checks", "inconsistent_source", "--source-lang", "en"
    )
    assert code == 1
    (issue,) = json.loads(out)["issues"]
    assert (issue["segment"], issue["check"], issue["severity"]) == (
        3,
        "inconsistent_source",
        "warning",
    )
    assert issue["message"] == 'source "Open the file" here, "Open file" at segment 1'


def test_bilingual_csv_file(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(
        "ko,en\n원거테크놀러지가 발표했다.,The firm announced it.\n20만 명,200000 people\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "qa", str(path), "--json", "--checks", CHECKS)
    assert code == 1
    (issue,) = json.loads(out)["issues"]
    assert (issue["segment"], issue["check"]) == (1, "term_missing")
    assert (
        issue["message"]
        == 'term "원거테크놀러지" should be translated as "Beijing Wenge Technology"'
    )


def test_imported_document_by_name(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = _xliff(tmp_path, BAD)
    assert run(capsys, "import", str(path), "--name", "news")[0] == 0
    code, out, _ = run(capsys, "qa", "news", "--json", "--checks", "number_mismatch")
    assert code == 1
    report = json.loads(out)
    assert report["file"] == "news" and report["segments"] == 2
    assert [(i["segment"], i["id"]) for i in report["issues"]] == [(2, "n2")]


def test_tmx_file(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ko" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
        'creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="ko"><seg>48명이 왔다.</seg></tuv>'
        '<tuv xml:lang="en"><seg>84 people came.</seg></tuv></tu>'
        '<tu><tuv xml:lang="ko"><seg>5명이 왔다.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Five people came.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "qa", str(path), "--json", "--checks", "number_mismatch")
    assert code == 1
    report = json.loads(out)
    assert report["segments"] == 2
    assert [(i["segment"], i["id"]) for i in report["issues"]] == [(1, None)]
