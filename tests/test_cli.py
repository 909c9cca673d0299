"""The command line as scripts and users call it: outputs, exit codes, error lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests_support import run

from workbench import cli
from workbench.services import SHIPPED_GLOSSARY

HOSTILE_TBX = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<martif type="TBX"><text><body><termEntry id="x"><langSet xml:lang="en">
<tig><term>&b;</term></tig></langSet></termEntry></body></text></martif>
"""


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tb.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def stats(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = run(capsys, "glossary", "stats", "--json")
    assert code == 0
    result: dict[str, object] = json.loads(out)
    return result


def test_add_then_search_finds_the_concept(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    code, out, _ = run(
        capsys,
        "glossary",
        "add",
        "--term",
        "ko=원거테크놀러지",
        "--term",
        "en=Beijing Wenge Technology",
        "--term",
        "zh-hant=中科聞歌",
        "--deprecated",
        "en=Wenge Tech",
        "--subject",
        "organisation",
    )
    assert code == 0 and "원거테크놀러지" in out
    code, out, _ = run(capsys, "glossary", "search", "wenge", "--json")
    (concept,) = json.loads(out)
    assert concept["subject"] == "organisation"
    assert {(t["lang"], t["text"], t["status"]) for t in concept["terms"]} == {
        ("ko", "원거테크놀러지", "preferred"),
        ("en", "Beijing Wenge Technology", "preferred"),
        ("zh-Hant", "中科聞歌", "preferred"),
        ("en", "Wenge Tech", "deprecated"),
    }
    assert db_path.exists()


def test_db_flag_wins_over_the_environment(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    assert run(capsys, "--db", str(other), "glossary", "add", "--term", "en=Shi Jun")[0] == 0
    assert other.exists() and not db_path.exists()


def test_shipped_glossary_imports_and_exports_in_every_format(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "glossary", "import", str(SHIPPED_GLOSSARY))
    assert code == 0, out
    imported = stats(capsys)
    assert imported["concepts"] >= 40
    assert set(imported["terms_by_lang"]) >= {"ko", "zh-Hant", "zh-Hans", "en"}  # type: ignore[arg-type]
    for name in ("glossary.tbx", "glossary.csv", "glossary.tsv", "glossary.xlsx"):
        code, out, err = run(capsys, "glossary", "export", str(tmp_path / name))
        assert code == 0, err
        assert f"{imported['concepts']} concepts written" in out
    code, _, err = run(
        capsys, "glossary", "export", str(tmp_path / "ko-en.tab"), "--langs", "ko,en"
    )
    assert code == 0, err
    assert "원거테크놀러지\tBeijing Wenge Technology" in (tmp_path / "ko-en.tab").read_text("utf-8")
    # re-importing our own exports changes nothing
    for name in ("glossary.tbx", "glossary.csv", "glossary.xlsx"):
        assert run(capsys, "glossary", "import", str(tmp_path / name))[0] == 0
        assert stats(capsys) == imported


def test_export_to_csv_with_bom_for_excel(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, "glossary", "add", "--term", "ko=스쥔", "--term", "en=Shi Jun")
    out_file = tmp_path / "excel.csv"
    assert run(capsys, "glossary", "export", str(out_file), "--bom", "--langs", "en,ko")[0] == 0
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "스쥔" in raw.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (HOSTILE_TBX, "bomb.tbx", "bomb.tbx"),
        ("<martif><text><body><termEntry>", "broken.tbx", "broken.tbx:1"),
        ("", "empty.csv", "empty.csv: file is empty"),
        ("en,ko\nShi Jun,스쥔\nZhu,주광샹,extra,cells\n", "ragged.csv", "ragged.csv:3"),
        ("en,klingon-xx\nShi Jun,x\n", "lang.csv", "lang.csv:1"),
        ("id,en\n1,caf\xe9\n", "latin1.csv", "latin1.csv:2"),
    ],
)
def test_bad_files_exit_2_with_one_line_and_change_nothing(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    content: str,
    name: str,
    expected: str,
) -> None:
    run(capsys, "glossary", "add", "--term", "ko=스쥔", "--term", "en=Shi Jun")
    before = stats(capsys)
    bad = tmp_path / name
    bad.write_bytes(content.encode("latin-1" if "latin1" in name else "utf-8"))
    code, out, err = run(capsys, "glossary", "import", str(bad))
    assert code == 2
    assert err.count("\n") == 1 and expected in err, err
    assert "Traceback" not in err and out == ""
    assert stats(capsys) == before


def test_unknown_language_and_missing_file_are_usage_errors(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "glossary", "add", "--term", "qq-zz=nothing")
    assert code == 2 and "unknown language" in err
    code, _, err = run(capsys, "glossary", "import", str(tmp_path / "missing.tbx"))
    assert code == 2 and "missing.tbx: no such file" in err
    code, _, err = run(capsys, "glossary", "export", str(tmp_path / "x.csv"), "--langs", "fr")
    assert code == 2 and "no terms in fr" in err


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif>", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--db",
            str(tmp_path / "x.sqlite"),
            "glossary",
            "import",
            str(bad),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("workbench: error: ") and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_demo_glossary_shows_the_shipped_glossary_without_touching_the_users_database(
    capsys: pytest.CaptureFixture[str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.out, "width", 200)  # a wide terminal: no wrapped names
    code, out, _ = run(capsys, "demo", "--glossary")
    assert code == 0
    assert "원거테크놀러지" in out and "Beijing Wenge Technology" in out and "中科聞歌" in out
    assert not db_path.exists()


def test_terms_find_json_contract(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert run(capsys, "glossary", "import", str(SHIPPED_GLOSSARY))[0] == 0
    text = "올해 세계 인공지능 대회에서 원거테크놀러지의 왕레이 이사장은 센스타임과 만났다."
    code, out, _ = run(capsys, "terms", "find", text, "--lang", "ko", "--json")
    assert code == 0
    hits = json.loads(out)
    for hit in hits:
        assert set(hit) >= {"start", "end", "text", "lang", "term", "status", "concept", "targets"}
        assert text[hit["start"] : hit["end"]] == hit["text"]
    by_term = {hit["term"]: hit for hit in hits}
    assert by_term["원거테크놀러지"]["targets"]["en"][0] == "Beijing Wenge Technology"
    assert "Wenge Tech" not in by_term["원거테크놀러지"]["targets"]["en"]
    assert "Wenge Tech" in by_term["원거테크놀러지"]["deprecated_targets"]["en"]
    assert any(
        hit["text"] == "세계 인공지능 대회"
        and "World Artificial Intelligence Conference" in hit["targets"]["en"]
        for hit in hits
    )
    assert {"왕레이", "센스타임"} <= set(by_term)


def test_terms_find_counts_a_file(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    assert run(capsys, "glossary", "import", str(SHIPPED_GLOSSARY))[0] == 0
    sample = tmp_path / "news.txt"
    sample.write_text(
        "스쥔(史軍)은 말했다. 스쥔은 다시 말했다.\n센스타임의 발표.\n", encoding="utf-8-sig"
    )
    code, out, _ = run(capsys, "terms", "find", "--file", str(sample), "--lang", "ko", "--count")
    assert code == 0
    assert out.splitlines()[0].split() == ["2", "스쥔"]
    code, _, err = run(capsys, "terms", "find", "--lang", "ko")
    assert code == 2 and "TEXT or --file" in err


def test_human_output_shows_flags_as_written(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert run(capsys, "glossary", "import", str(SHIPPED_GLOSSARY))[0] == 0
    code, out, _ = run(capsys, "terms", "find", "주광상 총괄은", "--lang", "ko")
    assert code == 0 and "[deprecated]" in out and "Zhu Guangxiang" in out


def test_harvest_json_marks_known_pairs_and_conflicts(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(
        capsys,
        "glossary",
        "add",
        "--term",
        "ko=원거테크놀러지",
        "--term",
        "en=Beijing Wenge Technology",
    )
    news = tmp_path / "news.txt"
    news.write_text(
        "원거테크놀러지(Wenge Tech)의 왕레이(王磊) 이사장과 딥시크(DeepSeek). "
        "원거테크놀러지(Beijing Wenge Technology)는 5억 위안(약 950억 원)을 모았다.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "harvest", str(news), "--json")
    assert code == 0
    candidates = {(c["source"], c["gloss"]): c for c in json.loads(out)["candidates"]}
    assert set(candidates) == {
        ("원거테크놀러지", "Wenge Tech"),
        ("왕레이", "王磊"),
        ("딥시크", "DeepSeek"),
        ("원거테크놀러지", "Beijing Wenge Technology"),
    }
    assert candidates[("원거테크놀러지", "Beijing Wenge Technology")]["known"] is True
    assert candidates[("원거테크놀러지", "Wenge Tech")]["conflict"] == ["Beijing Wenge Technology"]
    shi = candidates[("왕레이", "王磊")]
    assert set(shi) >= {"source", "source_lang", "gloss", "gloss_lang", "count", "context"}
    assert shi["source_lang"] == "ko" and shi["gloss_lang"] == "zh" and "이사장" in shi["context"]


def test_harvest_accept_merges_and_fills_both_chinese_scripts(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, "glossary", "add", "--term", "ko=스쥔", "--term", "en=Shi Jun")
    news = tmp_path / "news.txt"
    news.write_text("스쥔(史軍)은 센스타임(SenseTime, 商湯科技)의 대표다.", encoding="utf-8")
    code, _, err = run(capsys, "harvest", str(news), "--accept", "--min-confidence", "0.8")
    assert code == 0 and "1 new concepts, 1 merged" in err
    code, out, _ = run(capsys, "glossary", "search", "史", "--json")
    (shi,) = json.loads(out)
    assert {(t["lang"], t["text"]) for t in shi["terms"]} == {
        ("ko", "스쥔"),
        ("en", "Shi Jun"),
        ("zh-Hant", "史軍"),
        ("zh-Hans", "史军"),
    }
    code, out, _ = run(capsys, "glossary", "search", "센스타임", "--json")
    (sense,) = json.loads(out)
    assert {t["text"] for t in sense["terms"]} == {"센스타임", "SenseTime", "商湯科技", "商汤科技"}


def test_the_shipped_glossary_can_be_rebuilt_from_the_article(
    capsys: pytest.CaptureFixture[str], db_path: Path, shared: Path
) -> None:
    article = shared / "corpus" / "waic-2025-ko.txt"
    code, out, _ = run(capsys, "harvest", str(article), "--json")
    candidates = json.loads(out)["candidates"]
    assert not [c for c in candidates if any(ch.isdigit() for ch in c["gloss"] + c["source"])]
    assert run(capsys, "harvest", str(article), "--accept", "--min-confidence", "0.7")[0] == 0
    shipped = _shipped_pairs()
    code, out, _ = run(capsys, "glossary", "search", "", "--json", "--limit", "500")
    assert code == 0
    harvested = json.loads(out)
    rebuilt = {
        (ko, other)
        for concept in harvested
        for ko in (t["text"] for t in concept["terms"] if t["lang"] == "ko")
        for other in (t["text"] for t in concept["terms"] if t["lang"] != "ko")
    }
    glossed = {(ko, other) for ko, other in shipped if f"{ko}(" in article.read_text("utf-8")}
    # every name the article glosses comes back, bar the one only a reader can place (라이예테크)
    missing = {ko for ko, _ in glossed} - {ko for ko, _ in glossed & rebuilt}
    assert missing <= {"라이예테크", "먀오다"}, missing


def _shipped_pairs() -> set[tuple[str, str]]:
    import csv

    with SHIPPED_GLOSSARY.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    pairs = set()
    for row in rows[1:]:
        terms = [
            (h, v)
            for h, v in zip(header, row, strict=True)
            if v and ":" not in h and h not in ("id", "subject", "note")
        ]
        for lang, ko in terms:
            if lang == "ko":
                pairs |= {(ko, text) for other, text in terms if other != "ko"}
    return pairs
