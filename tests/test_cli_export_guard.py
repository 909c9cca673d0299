"""Export refuses targets whose inline codes are missing, extra or broken (issue 11 item 1).

On the real Angular XLIFF whose segment 7 is `<x id="INTERPOLATION"/> applications`: a target
that lost the code would be written as text without the placeholder, and the app would show
"응용프로그램" with no number. Export says which segments, writes nothing, and writes it all
with --force.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from tests_support import run

from workbench import services
from workbench.domain.document import CODE_BASE, SegmentStatus
from workbench.storage.engine import Database, open_database

DEEPIN = Path("corpus/xliff/deepin_angular_i18n/messages.ko.xlf")
NAME = "messages.ko.xlf"
CODE = chr(CODE_BASE)
XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.fixture
def db(tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    path = tmp_path / "guard.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    db = open_database(f"sqlite:///{path}")
    services.import_document(db, shared / DEEPIN)
    return db


def save(db: Database, position: int, target: str) -> None:
    segment = services.document_segments(db, NAME)[1][position - 1]
    assert segment.id is not None
    services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version)


def target_of(path: Path, unit_id: str) -> etree._Element:
    tree = etree.parse(str(path))
    (unit,) = [u for u in tree.iter(f"{XLIFF}trans-unit") if u.get("id") == unit_id]
    found = unit.find(f"{XLIFF}target")
    assert found is not None
    return found


def test_a_target_that_lost_its_code_is_not_exported(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    segment = services.document_segments(db, NAME)[1][6]
    assert segment.source.startswith(CODE)
    save(db, 7, "응용프로그램")  # the code deleted
    out = tmp_path / "out.xlf"
    out.write_text("an older export\n", encoding="utf-8")
    code, stdout, stderr = run(capsys, "export", NAME, str(out))
    assert code == 2, stdout
    first, second = stderr.splitlines()
    assert first.startswith("workbench: error: messages.ko.xlf: 1 segment with missing")
    assert "--force" in first
    assert second == f"segments: 7 (workbench qa {NAME} shows each)"
    assert out.read_text(encoding="utf-8") == "an older export\n"  # untouched
    assert "Traceback" not in stderr


def test_force_writes_it_and_a_repaired_target_exports(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit_id = services.document_segments(db, NAME)[1][6].unit_id
    assert unit_id is not None
    save(db, 7, "응용프로그램")
    forced = tmp_path / "forced.xlf"
    code, _, stderr = run(capsys, "export", NAME, str(forced), "--force")
    assert (code, stderr) == (0, "")
    assert target_of(forced, unit_id).find(f"{XLIFF}x") is None  # written as asked
    save(db, 7, f"{CODE} 응용프로그램")
    repaired = tmp_path / "repaired.xlf"
    assert run(capsys, "export", NAME, str(repaired))[0] == 0
    written = target_of(repaired, unit_id)
    assert [x.get("id") for x in written.iter(f"{XLIFF}x")] == ["INTERPOLATION"]


def test_every_broken_segment_is_listed(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, segments = services.document_segments(db, NAME)
    coded = [s for s in segments if s.codes]
    assert len(coded) >= 2
    for segment in coded[:2]:
        save(db, segment.position, segment.source + CODE)  # an extra code
    code, _, stderr = run(capsys, "export", NAME, str(tmp_path / "out.xlf"))
    assert code == 2
    listed = stderr.splitlines()[1]
    assert listed.startswith(f"segments: {coded[0].position}, {coded[1].position} ")
    assert not (tmp_path / "out.xlf").exists()


def test_the_service_names_the_positions(db: Database, tmp_path: Path) -> None:
    save(db, 7, f"응용프로그램 {chr(CODE_BASE + 40)}")  # a code character the segment has not
    with pytest.raises(services.BrokenCodesError) as refused:
        services.export_document(db, NAME, tmp_path / "out.xlf")
    assert refused.value.positions == [7]
    assert not (tmp_path / "out.xlf").exists()
