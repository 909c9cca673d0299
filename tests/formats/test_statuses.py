"""Statuses reach other tools as the translator meant: every editor status, exported to every
bilingual format, is counted by translate-toolkit (pocount and its readers) as translated,
fuzzy or untranslated, and comes back as the same status when the file is imported again."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from translate.storage import factory, tmx, xliff, xliff2

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.formats.statuses import (
    STATE_NAMES_2,
    STATE_NAMES_12,
    approved_12,
    po_fuzzy,
    po_status,
    status_2,
    status_12,
    substate_2,
)
from workbench.storage.engine import Database

NEW, DRAFT, TRANSLATED = SegmentStatus.NEW, SegmentStatus.DRAFT, SegmentStatus.TRANSLATED
REVIEWED, APPROVED, REJECTED = (
    SegmentStatus.REVIEWED,
    SegmentStatus.APPROVED,
    SegmentStatus.REJECTED,
)
ALL = [NEW, DRAFT, TRANSLATED, REVIEWED, APPROVED, REJECTED]
SOURCES = [f"Sentence number {n} of the test." for n in range(1, len(ALL) + 1)]
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"
POCOUNT = Path(sys.executable).with_name("pocount")


def _xliff12(path: Path, count: int) -> Path:
    units = "".join(
        f'<trans-unit id="u{n}"><source>Sentence number {n} of the test.</source></trans-unit>\n'
        for n in range(1, count + 1)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS12}">\n'
        '<file original="t.txt" source-language="en" target-language="ko" '
        f'datatype="plaintext">\n<body>\n{units}</body>\n</file>\n</xliff>\n',
        encoding="utf-8",
    )
    return path


def _xliff2(path: Path) -> Path:
    units = "".join(
        f'<unit id="u{n}"><segment><source>{text}</source></segment></unit>\n'
        for n, text in enumerate(SOURCES, 1)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="{NS2}" '
        f'srcLang="en" trgLang="ko">\n<file id="f1">\n{units}</file>\n</xliff>\n',
        encoding="utf-8",
    )
    return path


def _po(path: Path) -> Path:
    entries = "".join(f'\nmsgid "{text}"\nmsgstr ""\n' for text in SOURCES)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ko\\n"\n'
        f'"Content-Type: text/plain; charset=UTF-8\\n"\n{entries}',
        encoding="utf-8",
    )
    return path


def _sdlxliff(path: Path) -> Path:
    units = "".join(
        f'<trans-unit id="u{n}"><source>{text}</source><seg-source><mrk mtype="seg" mid="{n}">'
        f'{text}</mrk></seg-source><target><mrk mtype="seg" mid="{n}" /></target>'
        f'<sdl:seg-defs><sdl:seg id="{n}" /></sdl:seg-defs></trans-unit>\n'
        for n, text in enumerate(SOURCES, 1)
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/'
        f'SdlXliff/1.0" version="1.2" sdl:version="1.0" xmlns="{NS12}"><file original="a.docx" '
        'source-language="en-US" target-language="ko-KR" datatype="x-sdlfilterframework2">'
        f"<body>\n{units}</body></file></xliff>",
        encoding="utf-8",
    )
    return path


def _mqxliff(path: Path) -> Path:
    units = "".join(
        f'<trans-unit id="{n}" mq:status="NotStarted"><source xml:space="preserve">{text}'
        '</source><target xml:space="preserve"></target></trans-unit>\n'
        for n, text in enumerate(SOURCES, 1)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS12}" '
        'xmlns:mq="MQXliff">\n<file original="a.docx" source-language="en" '
        f'target-language="ko" datatype="x-docx">\n<body>\n{units}</body>\n</file>\n</xliff>\n',
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class Case:
    """A file imported, the name its export gets, and the format asked of export."""

    make: str
    out: str
    export_format: str | None = None


CASES = {
    "xliff 1.2 patched": Case("t.xlf", "out.xlf"),
    "xliff 1.2 new": Case("t.po", "out.xlf", "xliff"),
    "xliff 2 patched": Case("t2.xlf", "out.xlf"),
    "xliff 2 new": Case("t.po", "out.xlf", "xliff2"),
    "po patched": Case("t.po", "out.po"),
    "po new": Case("t.xlf", "out.po", "po"),
    "sdlxliff": Case("t.sdlxliff", "out.sdlxliff"),
    "mqxliff": Case("t.mqxliff", "out.mqxliff"),
}
MAKERS = {
    "t.xlf": lambda p: _xliff12(p, len(ALL)),
    "t2.xlf": _xliff2,
    "t.po": _po,
    "t.sdlxliff": _sdlxliff,
    "t.mqxliff": _mqxliff,
}


def _imported(db: Database, tmp_path: Path, name: str, statuses: list[SegmentStatus]) -> str:
    """Import the file, then give segment n the n-th status (a target for all but new)."""
    path = MAKERS[name](tmp_path / name)
    services.import_document(db, path, source_lang="en", target_lang="ko")
    _document, segments = services.document_segments(db, name)
    for n, (segment, status) in enumerate(zip(segments, statuses, strict=False), 1):
        assert segment.id is not None
        target = "" if status is NEW else f"시험 문장 {n}번."
        services.save_segment(db, segment.id, target, status, segment.version)
    return name


def _counts(path: Path, case: Case) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) units as translate-toolkit's readers see them."""
    if case.export_format == "xliff2" or (case.make == "t2.xlf"):
        store = xliff2.Xliff2File.parsefile(str(path))
    elif path.suffix == ".mqxliff":  # not in translate-toolkit's factory: it is XLIFF 1.2
        store = xliff.xlifffile.parsefile(str(path))
    else:
        store = factory.getobject(str(path))
    units = [u for u in store.units if not u.isheader() and u.source]
    translated = sum(1 for u in units if u.istranslated())
    fuzzy = sum(1 for u in units if u.isfuzzy())
    return translated, fuzzy, len(units) - translated - fuzzy


def _pocount(path: Path) -> dict[str, int]:
    """pocount's own figures for a file, from its --csv output."""
    done = subprocess.run(
        [str(POCOUNT), "--csv", str(path)], capture_output=True, text=True, check=True
    )
    row = next(csv.DictReader(io.StringIO(done.stdout)))
    return {
        "translated": int(row["Translated Messages"]),
        "fuzzy": int(row["Fuzzy Messages"]),
        "untranslated": int(row["Untranslated Messages"]),
    }


def test_nine_confirmed_units_of_an_xliff_12_file_count_as_nine_translated(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The issue as a user found it: pocount counted all 9 as fuzzy and 0 translated."""
    db = services.open_database(sqlite_url)
    try:
        path = _xliff12(tmp_path / "ten.xlf", 10)
        services.import_document(db, path)
        _document, segments = services.document_segments(db, "ten.xlf")
        for n, segment in enumerate(segments[:9], 1):
            assert segment.id is not None
            services.save_segment(db, segment.id, f"시험 문장 {n}번.", TRANSLATED, 0)
        out = tmp_path / "out.xlf"
        services.export_document(db, "ten.xlf", out)
    finally:
        db.dispose()
    assert _pocount(out) == {"translated": 9, "fuzzy": 0, "untranslated": 1}


@pytest.mark.parametrize("case_name", list(CASES))
def test_every_status_is_counted_as_meant_and_comes_back(
    sqlite_url: str, tmp_path: Path, case_name: str
) -> None:
    """translated, reviewed, approved count as translated; draft and rejected as fuzzy; new as
    untranslated; importing the export gives each segment its status again (PO, which has
    only fuzzy or not, gives reviewed and approved back as translated)."""
    case = CASES[case_name]
    db = services.open_database(sqlite_url)
    try:
        name = _imported(db, tmp_path, case.make, ALL)
        out = tmp_path / case.out
        services.export_document(db, name, out, case.export_format)
        again = services.import_document(db, out, source_lang="en", target_lang="ko", name="again")
        _document, segments = services.document_segments(db, again.name)
    finally:
        db.dispose()
    assert _counts(out, case) == (3, 2, 1)
    if out.suffix in (".po", ".xlf", ".sdlxliff") and not (
        case.export_format == "xliff2" or case.make == "t2.xlf"
    ):
        assert _pocount(out) == {"translated": 3, "fuzzy": 2, "untranslated": 1}
    expected = (
        [NEW, DRAFT, TRANSLATED, TRANSLATED, TRANSLATED, DRAFT] if out.suffix == ".po" else ALL
    )
    assert [s.status for s in segments] == expected


def test_a_tmx_holds_the_confirmed_segments_only(sqlite_url: str, tmp_path: Path) -> None:
    """TMX has no status: a draft or a rejected target would enter the memory as finished."""
    db = services.open_database(sqlite_url)
    try:
        name = _imported(db, tmp_path, "t.xlf", ALL)
        services.export_document(db, name, tmp_path / "out.tmx")
    finally:
        db.dispose()
    units = tmx.tmxfile.parsefile(str(tmp_path / "out.tmx")).units
    assert [u.source for u in units] == SOURCES[2:5]  # translated, reviewed, approved


@pytest.mark.parametrize("status", ALL)
def test_each_map_reads_back_what_it_writes(status: SegmentStatus) -> None:
    """Written as XLIFF 1.2, XLIFF 2 or PO says it, a status reads back as itself (PO: as
    near as fuzzy-or-not can say)."""
    target = "" if status is NEW else "a target"
    assert status_12(target, STATE_NAMES_12[status], approved_12(status), None) is status
    assert status_2(target, STATE_NAMES_2[status], substate_2(status)) is status
    near = TRANSLATED if status.confirmed else (NEW if status is NEW else DRAFT)
    assert po_status(target, bool(po_fuzzy(status))) is near
