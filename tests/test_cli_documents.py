"""Documents through the command line: import, list, export, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

NEWS = (
    "세계인공지능대회(WAIC)가 상하이에서 열렸다. 원거테크놀러지는 새 모델을 발표했다.\n\n"
    '스쥔 CEO는 "AI는 도구일 뿐이다."라고 말했다.\n'
)
PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'
    'msgid "Save"\nmsgstr ""\n\n#, fuzzy\nmsgid "Open file"\nmsgstr "파일 열기"\n'
)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "docs.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def test_text_document_imports_lists_and_exports_unchanged(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "news.txt"
    source.write_text(NEWS, encoding="utf-8")
    code, out, err = run(capsys, "import", str(source), "--target-lang", "en")
    assert code == 0, err
    assert "news.txt  [txt, ko->en]  3 segments" in out
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0
    (listed,) = json.loads(out)
    assert (listed["segments"], listed["by_status"]) == (3, {"new": 3})
    exported = tmp_path / "out.txt"
    assert run(capsys, "export", "news.txt", str(exported))[0] == 0
    assert exported.read_bytes() == source.read_bytes()


def test_po_document_keeps_fuzzy_as_draft_and_round_trips(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "ui.po"
    source.write_text(PO, encoding="utf-8")
    assert run(capsys, "import", str(source), "--source-lang", "en")[0] == 0
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and json.loads(out)[0]["by_status"] == {"new": 1, "draft": 1}
    exported = tmp_path / "out.po"
    assert run(capsys, "export", "ui.po", str(exported))[0] == 0
    assert exported.read_text("utf-8") == PO


def test_same_name_twice_is_refused_and_name_option_allows_it(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "news.txt"
    source.write_text(NEWS, encoding="utf-8")
    assert run(capsys, "import", str(source), "--target-lang", "en")[0] == 0
    code, _, err = run(capsys, "import", str(source), "--target-lang", "en")
    assert code == 2 and "exists already" in err
    assert run(capsys, "import", str(source), "--target-lang", "en", "--name", "again")[0] == 0


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "broken.xlf",
            '<xliff version="1.2"><file><body><trans-unit id="1"><source>a',
            "broken.xlf:1",
        ),
        ("latin1.txt", "caf\xe9 au lait. Nice.\n", "latin1.txt:1"),
        ("empty.md", "", "file is empty"),
        ("nolang.po", 'msgid "a"\nmsgstr ""\n', "give --target-lang"),
    ],
)
def test_bad_documents_exit_2_and_import_nothing(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    name: str,
    content: str,
    expected: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content.encode("latin-1"))
    code, out, err = run(capsys, "import", str(bad), "--source-lang", "en")
    assert code == 2 and expected in err and err.count("\n") == 1 and out == ""
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and json.loads(out) == []


def test_real_broken_files_are_refused_with_their_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, shared: Path
) -> None:
    xliff = shared / "corpus" / "xliff" / "navcog_xcode_export" / "ko.xliff"
    code, _, err = run(capsys, "import", str(xliff))
    assert code == 2 and "ko.xliff:310" in err
    po = shared / "corpus" / "po" / "translate-toolkit" / "f43.tgif.fr.po"
    code, _, err = run(capsys, "import", str(po))
    assert code == 2 and "f43.tgif.fr.po:7" in err


def test_export_of_an_unknown_document_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", "nothing.txt", str(tmp_path / "x.txt"))
    assert code == 2 and "no document named 'nothing.txt'" in err
    assert not (tmp_path / "x.txt").exists()


def test_document_glossary_lists_the_terms_used_with_counts(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    from workbench.services import SHIPPED_GLOSSARY

    assert run(capsys, "glossary", "import", str(SHIPPED_GLOSSARY))[0] == 0
    source = tmp_path / "news.txt"
    source.write_text(NEWS, encoding="utf-8")
    assert run(capsys, "import", str(source), "--target-lang", "en")[0] == 0
    for name in ("doc.csv", "doc.tbx", "doc.xlsx", "doc.tab"):
        code, _, err = run(capsys, "glossary", "export", str(tmp_path / name), "--doc", "news.txt")
        assert code == 0, err
    import csv

    with (tmp_path / "doc.csv").open(encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    ko, en, note = header.index("ko"), header.index("en"), header.index("note")  # first columns
    by_term = {row[ko]: row for row in rows}
    assert set(by_term) >= {"세계인공지능대회", "원거테크놀러지", "스쥔"}
    wenge = by_term["원거테크놀러지"]
    assert "1 occurrences in news.txt, e.g. 원거테크놀러지는 새 모델을 발표했다." in wenge[note]
    assert wenge[en] == "Beijing Wenge Technology"
    assert "센스타임" not in by_term  # in the glossary, not in the document
    tab = (tmp_path / "doc.tab").read_text("utf-8")
    assert "원거테크놀러지\tBeijing Wenge Technology" in tab


def test_a_translated_document_exports_as_tmx_and_xliff(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    from translate.storage import tmx, xliff

    from workbench import services, settings
    from workbench.domain.document import SegmentStatus
    from workbench.storage import documents
    from workbench.storage.engine import open_database

    source = tmp_path / "news.txt"
    source.write_text(NEWS, encoding="utf-8")
    assert run(capsys, "import", str(source), "--target-lang", "en")[0] == 0
    db = open_database(settings.database_url())
    with db.sessions() as session:
        header = documents.document_by_name(session, "news.txt")
        assert header is not None and header.id is not None
        first = next(documents.iter_segments(session, header.id))
    assert first.id is not None
    services.save_segment(db, first.id, "WAIC opened in Shanghai.", SegmentStatus.TRANSLATED, 0)
    db.dispose()
    assert run(capsys, "export", "news.txt", str(tmp_path / "news.tmx"))[0] == 0
    units = tmx.tmxfile.parsefile(str(tmp_path / "news.tmx")).units
    assert [(u.source, u.target) for u in units] == [(first.source, "WAIC opened in Shanghai.")]
    assert run(capsys, "export", "news.txt", str(tmp_path / "news.xlf"))[0] == 0
    store = xliff.xlifffile.parsefile(str(tmp_path / "news.xlf"))
    assert [u.source for u in store.units][:1] == [first.source]
    assert store.units[0].target == "WAIC opened in Shanghai."


def test_pseudo_fills_every_target_and_export_shows_it(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "film.srt"
    source.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nOpen the %s file.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n<i>Close it.</i>\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", str(source), "--source-lang", "en", "--target-lang", "ko")[0] == 0
    code, out, err = run(capsys, "pseudo", "film.srt", "--expand", "50", "--script", "hangul")
    assert code == 0, err
    assert "film.srt: 2 segments pseudo-translated as drafts" in out
    exported = tmp_path / "out.srt"
    assert run(capsys, "export", "film.srt", str(exported))[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert "⟦옹퍼에느 트흐에 %s" in text and "⟦<i>층르오스에 이트.</i> 가나다라⟧" in text
    assert "00:00:04,000 --> 00:00:06,000" in text
    code, out, _ = run(capsys, "docs", "--json")
    assert json.loads(out)[0]["by_status"] == {"draft": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--script", "klingon"], "unknown script 'klingon'"),
        (["--expand", "-3"], "expand must be between 0 and 1000 percent, not -3"),
        (["nothing.srt"], "no document named 'nothing.srt'"),
    ],
)
def test_pseudo_refuses_bad_requests_with_one_line(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    source = tmp_path / "news.txt"
    source.write_text(NEWS, encoding="utf-8")
    assert run(capsys, "import", str(source), "--target-lang", "en")[0] == 0
    name = [] if args[0] == "nothing.srt" else ["news.txt"]
    code, _, err = run(capsys, "pseudo", *name, *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
