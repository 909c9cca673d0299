"""The translation memory through the command line: TMX in and out, fuzzy lookup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence"
 o-tmf="none" adminlang="en" srclang="ko" datatype="plaintext"/><body>
<tu><tuv xml:lang="ko"><seg>원거테크놀러지는 대형 모델을 발표했다.</seg></tuv>
<tuv xml:lang="en"><seg>Wenge announced a large model.</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>센스타임은 상하이에 본사를 두고 있다.</seg></tuv>
<tuv xml:lang="en"><seg>SenseTime is headquartered in Shanghai.</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>中科闻歌</seg></tuv>
<tuv xml:lang="zh-Hans"><seg>中科闻歌</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tm.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


@pytest.fixture
def memory_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.tmx"
    path.write_text(TMX, encoding="utf-8")
    return path


def test_import_then_fuzzy_lookup_in_korean(
    capsys: pytest.CaptureFixture[str], db_path: Path, memory_file: Path
) -> None:
    code, out, _ = run(capsys, "tm", "import", str(memory_file))
    assert code == 0 and "3 units added" in out
    query = "원거테크놀러지가 새 대형 모델을 발표했다."
    code, out, _ = run(
        capsys, "tm", "lookup", query, "--source-lang", "ko", "--target-lang", "en", "--json"
    )
    assert code == 0
    (best, *_) = json.loads(out)["matches"]
    assert best["target"] == "Wenge announced a large model."
    assert 70 <= best["score"] < 100 and best["origin"] == "news.tmx"
    rebuilt = "".join(piece for op, piece in best["diff"] if op != "insert")
    assert rebuilt == "원거테크놀러지는 대형 모델을 발표했다."


def test_importing_the_same_memory_twice_adds_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, memory_file: Path
) -> None:
    code, out, _ = run(capsys, "tm", "import", str(memory_file))
    assert code == 0 and "3 units added, 0 updated, 0 already present" in out
    code, out, _ = run(capsys, "tm", "import", str(memory_file))
    assert code == 0 and "0 units added, 0 updated, 3 already present" in out
    code, out, _ = run(capsys, "tm", "stats")
    assert "ko->en  2" in out and "ko->zh-Hans  1" in out


def test_exact_match_scores_100_and_regional_tags_match(
    capsys: pytest.CaptureFixture[str], db_path: Path, memory_file: Path
) -> None:
    run(capsys, "tm", "import", str(memory_file))
    query = "센스타임은 상하이에 본사를 두고 있다."
    code, out, _ = run(
        capsys, "tm", "lookup", query, "--source-lang", "ko-KR", "--target-lang", "en", "--json"
    )
    assert code == 0 and json.loads(out)["matches"] == []  # ko-KR asks for the Korea variant only
    code, out, _ = run(
        capsys, "tm", "lookup", query, "--source-lang", "ko", "--target-lang", "en", "--json"
    )
    assert json.loads(out)["matches"][0]["score"] == 100


def test_export_reads_back(
    capsys: pytest.CaptureFixture[str], db_path: Path, memory_file: Path, tmp_path: Path
) -> None:
    run(capsys, "tm", "import", str(memory_file))
    exported = tmp_path / "out.tmx"
    code, out, _ = run(
        capsys, "tm", "export", str(exported), "--source-lang", "ko", "--target-lang", "en"
    )
    assert code == 0 and "2 units written" in out
    from translate.storage import tmx

    store = tmx.tmxfile.parsefile(str(exported))
    assert {unit.source for unit in store.units} == {
        "원거테크놀러지는 대형 모델을 발표했다.",
        "센스타임은 상하이에 본사를 두고 있다.",
    }


def test_broken_tmx_imports_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, memory_file: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text(TMX.replace("</body></tmx>", "<tu><tuv>"), encoding="utf-8")
    code, _, err = run(capsys, "tm", "import", str(broken))
    assert code == 2 and "broken.tmx:" in err
    code, out, _ = run(capsys, "tm", "stats")
    assert code == 0 and out == ""


def test_concordance_finds_folded_forms_and_marks_the_hits(
    capsys: pytest.CaptureFixture[str], db_path: Path, memory_file: Path
) -> None:
    run(capsys, "tm", "import", str(memory_file))
    code, out, _ = run(capsys, "tm", "concordance", "원거테크놀러지의", "--lang", "ko")
    assert code == 0
    assert out.splitlines()[:3] == [
        "1 unit, 0 terms",
        "#1  [[원거테크놀러지]]는 대형 모델을 발표했다.",
        "      Wenge announced a large model.",
    ]
    code, out, _ = run(capsys, "tm", "concordance", "models", "--lang", "en", "--json")
    found = json.loads(out)
    assert found["counts"] == {"units": 1, "more_units": False, "terms": 0}
    (hit,) = found["units"]
    assert hit["side"] == "target" and hit["translation"].startswith("원거테크놀러지는")
    assert [hit["text"][start:end] for start, end in hit["hits"]] == ["model"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["…", "--lang", "ko"], "nothing to look for"),
        (["모델", "--lang", "xx-nope-"], "unknown language"),
        (["모델"], "--lang"),
    ],
)
def test_concordance_refuses_bad_input(
    capsys: pytest.CaptureFixture[str], db_path: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "tm", "concordance", *args)
    assert code == 2 and message in err and "Traceback" not in err


COPIES = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="other" creationtoolversion="1" segtype="sentence"
 o-tmf="none" adminlang="en" srclang="ko" datatype="plaintext"/><body>
<tu creationdate="20240101T000000Z"><tuv xml:lang="ko"><seg>센스타임은  상하이에 있다. </seg></tuv>
<tuv xml:lang="en"><seg>SenseTime is in Shanghai.</seg></tuv></tu>
<tu creationdate="20250101T000000Z"><tuv xml:lang="ko"><seg>센스타임은 상하이에 있다.</seg></tuv>
<tuv xml:lang="en"><seg>SenseTime is in Shanghai.</seg></tuv></tu>
<tu creationdate="20230101T000000Z"><tuv xml:lang="ko"><seg>센스타임은 상하이에 있다.</seg></tuv>
<tuv xml:lang="en"><seg>SenseTime is in Shanghai. </seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>\u1100\u1161 나.</seg></tuv>
<tuv xml:lang="en"><seg>Ga na.</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>가 나.</seg></tuv>
<tuv xml:lang="en"><seg>Ga na.</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>가 나.</seg></tuv>
<tuv xml:lang="en"><seg>ga na.</seg></tuv></tu>
</body></tmx>
"""


def test_dedupe_merges_copies_that_differ_in_spacing_or_unicode_form(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older.tmx"
    older.write_text(COPIES, encoding="utf-8")
    code, out, _ = run(capsys, "tm", "import", str(older))
    assert code == 0 and "6 units added" in out
    code, out, _ = run(capsys, "tm", "dedupe", "--dry-run")
    assert code == 0 and "3 units would be removed" in out and "copies of 2 units" in out
    assert "ko->en  6" in run(capsys, "tm", "stats")[1]
    code, out, _ = run(capsys, "tm", "dedupe", "--source-lang", "ko")
    assert code == 0 and "3 units removed: copies of 2 units kept" in out
    assert "ko->en  3" in run(capsys, "tm", "stats")[1]  # "ga na." differs in case: kept
    code, out, _ = run(
        capsys, "tm", "lookup", "센스타임은 상하이에 있다.", "--source-lang", "ko",
        "--target-lang", "en", "--json",
    )  # fmt: skip
    (kept,) = json.loads(out)["matches"]  # the newest copy
    assert (
        kept["source"] == "센스타임은 상하이에 있다."
        and kept["target"] == "SenseTime is in Shanghai."
    )
    code, out, _ = run(capsys, "tm", "dedupe")
    assert code == 0 and "0 units removed" in out
