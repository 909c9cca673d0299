"""workbench analyze: bands, words and characters checked against a hand-computed example."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests_support import run

from workbench import services
from workbench.domain.memory import TmUnitData, context_key
from workbench.storage import memory
from workbench.storage.engine import open_database

A = [
    "원거테크놀러지는 새 모델을 발표했다.",  # 101: stored with its surroundings
    "매출은 3천200억 원에 이르렀다.",  # 100
    "매출은 3천200억 원에 이르렀다.",  # repetition (comes before 100)
    "행사는 8월 15일까지 이어진다.",  # 17 of 18 characters: 94 -> 85-94
    "완전히 새로운 문장이다.",  # no match
]
B = [
    "완전히 새로운 문장이다.",  # cross-file repetition
    "中科闻歌发布了模型。",  # no match; 9 words (a Han character is a word)
]
GRID = """[rates]
101 = 0
repetitions = 10
cross_file_repetitions = 10
100 = 25
85-94 = 60
no_match = 100
"""


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "analysis.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    db = open_database(f"sqlite:///{path}")
    for name, segments in (("a.txt", A), ("b.txt", B)):
        file = tmp_path / name
        file.write_text("\n\n".join(segments) + "\n", encoding="utf-8")
        services.import_document(db, file, source_lang="ko", target_lang="en")

    def unit(source: str, context: str | None = None) -> TmUnitData:
        return TmUnitData(
            source_lang="ko", target_lang="en", source=source, target="x", context=context
        )

    with db.sessions.begin() as session:
        memory.add_units(
            session,
            [
                unit(A[0], context_key(None, A[1])),
                unit(A[1]),
                unit("행사는 8월 16일까지 이어진다."),
            ],
        )
    db.dispose()
    (tmp_path / "grid.toml").write_text(GRID, encoding="utf-8")
    return path


def counts(segments: int, words: int, characters: int, cjk: int) -> dict[str, int]:
    return {"segments": segments, "words": words, "characters": characters, "cjk_characters": cjk}


def test_bands_words_and_characters_match_the_hand_count(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    code, out, err = run(capsys, "analyze", "a.txt", "b.txt", "--json")
    assert code == 0, err
    found = json.loads(out)
    a, b = found["documents"]
    assert a["name"] == "a.txt" and (a["source_lang"], a["target_lang"]) == ("ko", "en")
    nothing = counts(0, 0, 0, 0)
    assert a["bands"] == {
        "101": counts(1, 4, 17, 16),
        "repetition": counts(1, 4, 16, 11),
        "cross-file repetition": nothing,
        "100": counts(1, 4, 16, 11),
        "95-99": nothing,
        "85-94": counts(1, 4, 15, 11),
        "75-84": nothing,
        "50-74": nothing,
        "no match": counts(1, 3, 11, 10),
    }
    assert a["total"] == counts(5, 19, 75, 59)
    assert b["bands"]["cross-file repetition"] == counts(1, 3, 11, 10)
    assert b["bands"]["no match"] == counts(1, 9, 10, 9)
    assert found["total"]["total"] == counts(7, 31, 96, 78)


def test_a_rate_grid_weights_the_words(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    grid = str(db_path.parent / "grid.toml")
    code, out, _ = run(capsys, "analyze", "a.txt", "b.txt", "--json", "--grid", grid)
    assert code == 0
    found = json.loads(out)
    a, b = found["documents"]
    # 0 x 4 + 10 % x 4 + 25 % x 4 + 60 % x 4 + 100 % x 3
    assert a["total"]["weighted_words"] == pytest.approx(6.8)
    assert a["bands"]["95-99"]["rate_percent"] == 100  # a band the grid leaves out: full rate
    assert b["total"]["weighted_words"] == pytest.approx(9.3)  # 10 % x 3 + 9
    assert found["total"]["total"]["weighted_words"] == pytest.approx(16.1)


def test_text_csv_and_html_show_the_same_table(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    grid = str(db_path.parent / "grid.toml")
    code, out, _ = run(capsys, "analyze", "a.txt", "--grid", grid)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "a.txt"
    heading = "band segments words characters CJK chars rate % weighted"
    assert lines[1].split() == heading.split()
    assert lines[-1].split() == ["total", "5", "19", "75", "59", "6.8"]
    code, out, _ = run(capsys, "analyze", "a.txt", "b.txt", "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["document", "band", "segments"]
    assert ["total", "total", "7", "31", "96", "78", "", ""] in rows
    code, out, _ = run(capsys, "analyze", "a.txt", "--html")

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.cells: list[str] = []

        def handle_data(self, data: str) -> None:
            if data.strip():
                self.cells.append(data.strip())

    parser = Cells()
    parser.feed(out)
    assert out.startswith("<!DOCTYPE html>") and "85-94" in parser.cells


@pytest.mark.parametrize(
    ("grid", "args", "message"),
    [
        (None, ["nope.txt"], "no document named 'nope.txt'"),
        (None, ["a.txt", "a.txt"], "named twice"),
        (None, ["a.txt", "--json", "--csv"], "one of --json, --csv, --html"),
        ("[rates]\n101 = 0\nperfect = 5\n", ["a.txt"], "unknown band 'perfect'"),
        ("[rates]\n100 = 120\n", ["a.txt"], "a percentage from 0 to 100"),
        ("[rates\n", ["a.txt"], "not a TOML file"),
        ("rate = 1\n", ["a.txt"], "no [rates] table"),
    ],
)
def test_bad_input_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    grid: str | None,
    args: list[str],
    message: str,
) -> None:
    if grid is not None:
        path = db_path.parent / "bad.toml"
        path.write_text(grid, encoding="utf-8")
        args = [*args, "--grid", str(path)]
    code, out, err = run(capsys, "analyze", *args)
    assert code == 2 and message in err and out == ""
    assert len(err.strip().splitlines()) == 1
    if grid is not None:
        assert "bad.toml" in err
