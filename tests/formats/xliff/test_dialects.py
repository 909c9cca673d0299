"""Trados SDLXLIFF and memoQ MQXLIFF (and their .sdlppx/.mqxlz packages): statuses, locks,
match facts and comments both ways, every other byte kept, translate-toolkit reads ours."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import xliff as tt_xliff

from workbench import services
from workbench.domain.document import Document, Segment, SegmentStatus, is_locked, is_translatable
from workbench.domain.pseudo import is_pseudo, pseudo_text
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.registry import document_format
from workbench.storage.engine import Database

NEW, DRAFT, TRANSLATED = SegmentStatus.NEW, SegmentStatus.DRAFT, SegmentStatus.TRANSLATED
REVIEWED, APPROVED, REJECTED = (
    SegmentStatus.REVIEWED,
    SegmentStatus.APPROVED,
    SegmentStatus.REJECTED,
)
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ = "MQXliff"

TRADOS = (
    '<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'
    ' version="1.2" sdl:version="1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<doc-info xmlns="http://sdl.com/FileTypes/SdlXliff/1.0"><cmt-defs><cmt-def id="c1">'
    '<Comments xmlns=""><Comment severity="Medium" user="mina" date="2024-05-02T09:00:00" '
    'version="1.0">Use the unit name of the client.</Comment></Comments></cmt-def></cmt-defs>'
    '</doc-info><file original="a.docx" source-language="en-US" datatype="x-sdlfilterframework2" '
    'target-language="ko-KR"><header><sdl:ref-files /></header><body>\n'
    '<trans-unit id="u1"><source>Open the valve.</source><seg-source><mrk mtype="seg" mid="1">'
    'Open the valve.</mrk></seg-source><target><mrk mtype="seg" mid="1">'
    '<mrk mtype="x-sdl-comment" sdl:cid="c1">밸브를 여십시오.</mrk></mrk></target>'
    '<sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="tm" origin-system="Main TM" '
    'percent="100" text-match="SourceAndTarget" /></sdl:seg-defs></trans-unit>\n'
    '<trans-unit id="u2"><source>Do not change.</source><seg-source><mrk mtype="seg" mid="2">'
    'Do not change.</mrk></seg-source><target><mrk mtype="seg" mid="2">변경하지 마십시오.</mrk>'
    '</target><sdl:seg-defs><sdl:seg id="2" conf="ApprovedSignOff" locked="true" '
    'origin="interactive" /></sdl:seg-defs></trans-unit>\n'
    '<trans-unit id="u3"><source>Close it.</source><seg-source><mrk mtype="seg" mid="3">'
    'Close it.</mrk></seg-source><target><mrk mtype="seg" mid="3" /></target><sdl:seg-defs>'
    '<sdl:seg id="3" /></sdl:seg-defs></trans-unit>\n'
    "</body></file></xliff>"
)
MEMOQ = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
<file original="a.docx" source-language="en" target-language="ko" datatype="x-docx">
<body>
<trans-unit id="1" mq:status="NotStarted" mq:segmentguid="g1">
<source xml:space="preserve">Open the valve.</source>
<target xml:space="preserve"></target>
<mq:startingws xml:space="preserve" />
</trans-unit>
<trans-unit id="2" mq:status="Pretranslated" mq:percent="101" mq:locked="locked">
<source xml:space="preserve">Do not change.</source>
<target xml:space="preserve">변경하지 마십시오.</target>
<mq:comments>
<mq:comment id="a" creatoruser="mina" deleted="false">Client term.</mq:comment>
<mq:comment id="b" creatoruser="old" deleted="true">Withdrawn.</mq:comment>
</mq:comments>
</trans-unit>
</body>
</file>
</xliff>
"""
_TARGETS = re.compile(r"<target\b[^>]*?/>|<target\b.*?</target>", re.S)
_STATUS_ATTRIBUTES = re.compile(
    r' (?:state|approved|mq:status|conf|origin|percent|text-match|origin-system)="[^"]*"'
)


def read(path: Path, **options: str) -> tuple[Document, list[Segment]]:
    document, segments = document_format(path).read(path, DocumentReadOptions(**options))
    return document, list(segments)


def write(document: Document, segments: list[Segment], path: Path) -> bytes:
    document_format(path, document.format).write(document, segments, path)
    return path.read_bytes()


def bilingual_files(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    found = sorted(
        [*(corpus / "sdlxliff").rglob("*.sdlxliff"), *(corpus / "mqxliff").rglob("*.mqxliff")]
    )
    assert len(found) == 8, found
    return found


def pseudo_translated(segments: list[Segment], status: SegmentStatus) -> list[Segment]:
    return [
        replace(s, target=pseudo_text(s.source), status=status)
        if is_translatable(s) and not is_locked(s)
        else s
        for s in segments
    ]


def outside_targets(data: bytes) -> str:
    """The file without its targets and status attributes: what export must never change."""
    return _STATUS_ATTRIBUTES.sub("", _TARGETS.sub("<T/>", data.decode("utf-8-sig")))


def test_every_corpus_file_is_its_dialect_and_exports_byte_identical(
    shared: Path, tmp_path: Path
) -> None:
    for path in bilingual_files(shared):
        document, segments = read(path)
        assert document.format == path.suffix[1:], path
        assert segments
        assert write(document, segments, tmp_path / path.name) == path.read_bytes(), path


def test_translated_corpus_files_change_only_targets_and_statuses(
    shared: Path, tmp_path: Path
) -> None:
    for path in bilingual_files(shared):
        document, segments = read(path)
        written = pseudo_translated(segments, REVIEWED)
        exported = write(document, written, tmp_path / path.name)
        assert outside_targets(exported) == outside_targets(path.read_bytes()), path
        again_path = tmp_path / f"again{path.suffix}"
        again_path.write_bytes(exported)
        _again, reread = read(again_path)
        for before, after in zip(written, reread, strict=True):
            if is_translatable(before) and not is_locked(before) and before.source.strip():
                assert is_pseudo(after.target) and after.status is REVIEWED, path
            else:
                assert (after.target, after.status) == (before.target, before.status)
        # translate-toolkit reads ours as XLIFF: every unit, the pseudo-translations in it
        store = tt_xliff.xlifffile.parsefile(str(again_path))
        theirs = [u.getid().rpartition("\x04")[2] for u in store.units if "⟦" in (u.target or "")]
        ours = {s.unit_id for s in reread if is_pseudo(s.target)}
        assert set(theirs) == ours and len(theirs) == len(ours), path


def test_trados_statuses_locks_matches_and_comments_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.sdlxliff"
    path.write_text(TRADOS, encoding="utf-8")
    document, (first, second, third) = read(path)
    assert (document.format, document.target_lang) == ("sdlxliff", "ko-KR")
    assert [s.status for s in (first, second, third)] == [TRANSLATED, APPROVED, NEW]
    assert first.structure["match_percent"] == "101"  # 100 % and the context: a CM
    assert (first.structure["match_origin"], first.structure["match_system"]) == ("tm", "Main TM")
    assert first.note == "mina: Use the unit name of the client."
    assert is_locked(second) and not is_locked(first)
    assert second.structure["match_origin"] == "interactive"


def test_memoq_statuses_locks_matches_and_comments_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.mqxliff"
    path.write_text(MEMOQ, encoding="utf-8")
    document, (first, second) = read(path)
    assert document.format == "mqxliff"
    assert (first.status, second.status) == (NEW, DRAFT)
    assert is_locked(second) and not is_locked(first)
    assert (second.structure["match_percent"], second.structure["match_origin"]) == ("101", "tm")
    assert second.note == "mina: Client term."  # a deleted comment is no note


@pytest.mark.parametrize(
    ("status", "conf", "memoq"),
    [
        (NEW, None, "NotStarted"),
        (DRAFT, "Draft", "PartiallyEdited"),
        (TRANSLATED, "Translated", "ManuallyConfirmed"),
        (REVIEWED, "ApprovedTranslation", "Reviewer1Confirmed"),
        (APPROVED, "ApprovedSignOff", "Reviewer2Confirmed"),
        (REJECTED, "RejectedTranslation", "Rejected"),
    ],
)
def test_every_status_goes_into_each_dialect_and_comes_back(
    tmp_path: Path, status: SegmentStatus, conf: str | None, memoq: str
) -> None:
    target = "" if status is NEW else "닫으십시오."
    trados = tmp_path / "a.sdlxliff"
    trados.write_text(TRADOS, encoding="utf-8")
    document, segments = read(trados)
    segments[2] = replace(segments[2], target=target, status=status)
    segments[0] = replace(segments[0], status=DRAFT if status is not DRAFT else TRANSLATED)
    out = tmp_path / "out.sdlxliff"
    root = etree.fromstring(write(document, segments, out))
    seg = root.find(f".//{{{SDL}}}seg[@id='3']")
    assert seg is not None and seg.get("conf") == conf
    _again, reread = read(out)
    assert (reread[2].target, reread[2].status) == (target, status)
    assert reread[0].status is (DRAFT if status is not DRAFT else TRANSLATED)

    mq = tmp_path / "a.mqxliff"
    mq.write_text(MEMOQ, encoding="utf-8")
    document, segments = read(mq)
    segments[0] = replace(segments[0], target=target, status=status)
    out = tmp_path / "out.mqxliff"
    root = etree.fromstring(write(document, segments, out))
    unit = root.find(".//{*}trans-unit[@id='1']")
    assert unit is not None and unit.get(f"{{{MQ}}}status") == memoq
    _again, reread = read(out)
    assert (reread[0].target, reread[0].status) == (target, status)


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("RejectedSignOff", REJECTED),
        ("Draft", DRAFT),
        ("ApprovedTranslation", REVIEWED),
    ],
)
def test_other_trados_levels_read_as_their_nearest_status(
    tmp_path: Path, written: str, status: SegmentStatus
) -> None:
    path = tmp_path / "a.sdlxliff"
    path.write_text(TRADOS.replace('conf="Translated"', f'conf="{written}"'), encoding="utf-8")
    assert read(path)[1][0].status is status


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("MachineTranslated", DRAFT),
        ("AssembledFromFragments", DRAFT),
        ("Confirmed", TRANSLATED),
        ("Proofread", APPROVED),
        ("Reviewer2Confirmed", APPROVED),
        ("Reviewer1Rejected", REJECTED),
    ],
)
def test_other_memoq_statuses_read_as_their_nearest_status(
    tmp_path: Path, written: str, status: SegmentStatus
) -> None:
    path = tmp_path / "a.mqxliff"
    path.write_text(MEMOQ.replace('"Pretranslated"', f'"{written}"'), encoding="utf-8")
    assert read(path)[1][1].status is status


def test_a_changed_trados_target_becomes_interactive_and_forgets_its_match(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.sdlxliff"
    path.write_text(TRADOS, encoding="utf-8")
    document, segments = read(path)
    segments[0] = replace(segments[0], target="밸브를 여세요.", status=REVIEWED)
    data = write(document, segments, tmp_path / "out.sdlxliff")
    seg = etree.fromstring(data).find(f".//{{{SDL}}}seg[@id='1']")
    assert seg is not None
    assert dict(seg.attrib) == {"id": "1", "conf": "ApprovedTranslation", "origin": "interactive"}
    # the other units' bytes are untouched, down to the space before "/>"
    assert b'<sdl:seg id="3" />' in data and b'<mrk mtype="seg" mid="3" />' in data


def test_locked_segments_stay_as_the_file_has_them(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.sdlxliff"
    path.write_text(TRADOS, encoding="utf-8")
    services.import_document(db, path)
    _document, segments = services.document_segments(db, "a.sdlxliff")
    locked = segments[1]
    assert locked.id is not None
    with pytest.raises(services.LockedError):
        services.save_segment(db, locked.id, "다른 번역", TRANSLATED, locked.version)
    result = services.pseudo_translate(db, "a.sdlxliff", replace_confirmed=True)
    assert (result.filled, result.locked) == (2, 1)
    out = tmp_path / "out.sdlxliff"
    services.export_document(db, "a.sdlxliff", out)
    assert "변경하지 마십시오.</mrk>" in out.read_text(encoding="utf-8")


def test_an_untouched_mqxlz_package_comes_back_byte_for_byte(shared: Path, tmp_path: Path) -> None:
    path = shared / "corpus" / "mqxliff" / "disfr" / "git.html_jpn.mqxlz"
    document, segments = read(path)
    assert (document.format, document.name) == ("mqxlz", path.name)
    assert document.properties["package_member"] == "document.mqxliff"
    assert write(document, segments, tmp_path / "same.mqxlz") == path.read_bytes()


def test_a_translated_package_changes_only_its_member(shared: Path, tmp_path: Path) -> None:
    path = shared / "corpus" / "mqxliff" / "disfr" / "git.html_jpn.mqxlz"
    document, segments = read(path)
    written = pseudo_translated(segments, TRANSLATED)
    out = tmp_path / "out.mqxlz"
    write(document, written, out)
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(out) as after:
        old, new = before.infolist(), after.infolist()
        assert [(i.filename, i.compress_type, i.date_time) for i in new] == [
            (i.filename, i.compress_type, i.date_time) for i in old
        ]
        assert after.read("skeleton.xml") == before.read("skeleton.xml")
        member = after.read("document.mqxliff")
        assert outside_targets(member) == outside_targets(before.read("document.mqxliff"))
    alone = tmp_path / "alone.mqxliff"
    document_format(alone).write(document, written, alone)  # the member alone, as memoQ has it
    assert alone.read_bytes() == member
    _again, reread = read(out)
    assert all(is_pseudo(s.target) and s.status is TRANSLATED for s in reread)


def _sdlppx(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "job.sdlppx"
    with zipfile.ZipFile(path, "w") as package:
        for name, data in members.items():
            package.writestr(name, data, zipfile.ZIP_DEFLATED)
    return path


def test_a_trados_package_with_one_file_round_trips(tmp_path: Path) -> None:
    project = b"<PackageProject Version='4.0'/>"
    path = _sdlppx(tmp_path, {"job.sdlproj": project, "ko-KR/a.docx.sdlxliff": TRADOS.encode()})
    document, segments = read(path)
    assert (document.format, document.properties["package_dialect"]) == ("sdlppx", "sdlxliff")
    assert write(document, segments, tmp_path / "same.sdlppx") == path.read_bytes()
    segments[2] = replace(segments[2], target="닫으십시오.", status=TRANSLATED)
    out = tmp_path / "out.sdlppx"
    write(document, segments, out)
    with zipfile.ZipFile(out) as package:
        assert package.namelist() == ["job.sdlproj", "ko-KR/a.docx.sdlxliff"]
        assert package.read("job.sdlproj") == project
    assert read(out)[1][2].target == "닫으십시오."


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"job.sdlproj": b"<x/>"}, "without a .sdlxliff file inside"),
        (
            {"ko-KR/a.sdlxliff": TRADOS.encode(), "ja-JP/a.sdlxliff": TRADOS.encode()},
            "holds 2 .sdlxliff files",
        ),
        ({"ko-KR/a.sdlxliff": b"<xliff><file"}, "a.sdlxliff"),
    ],
)
def test_packages_that_are_more_than_a_wrapper_are_refused_in_one_line(
    tmp_path: Path, members: dict[str, bytes], message: str
) -> None:
    path = _sdlppx(tmp_path, members)
    with pytest.raises(FormatError, match=re.escape(message)) as caught:
        read(path)
    assert "\n" not in str(caught.value) and "job.sdlppx" in str(caught.value)


def test_a_package_is_written_only_from_a_package(tmp_path: Path) -> None:
    path = tmp_path / "a.mqxliff"
    path.write_text(MEMOQ, encoding="utf-8")
    document, segments = read(path)
    with pytest.raises(FormatError, match="only a document imported from a memoQ package"):
        document_format(Path("x.mqxlz")).write(document, segments, tmp_path / "x.mqxlz")


def test_notes_added_in_the_workbench_become_trados_comments(tmp_path: Path) -> None:
    path = tmp_path / "a.sdlxliff"
    path.write_text(TRADOS, encoding="utf-8")
    document, segments = read(path)
    segments[0] = replace(segments[0], note=f"{segments[0].note}\nann: Ask about the valve.")
    segments[2] = replace(segments[2], note="Source unclear & short.")
    out = tmp_path / "out.sdlxliff"
    data = write(document, segments, out)
    _again, reread = read(out)
    assert reread[0].note == "mina: Use the unit name of the client.\nann: Ask about the valve."
    assert reread[2].note == "workbench: Source unclear & short."
    root = etree.fromstring(data)
    assert len(root.findall(f".//{{{SDL}}}cmt-def")) == 3
    comment = root.find(f".//{{{SDL}}}cmt-def/Comments/Comment[@user='ann']")
    assert comment is not None and comment.text == "Ask about the valve."
    # the comment marks sit in the targets (the source while a segment has no target)
    marks = root.findall(".//{*}mrk[@mtype='x-sdl-comment']")
    places = [
        next(a for a in m.iterancestors() if a.tag.endswith(("}target", "}seg-source")))
        for m in marks
    ]
    assert [place.tag.rpartition("}")[2] for place in places] == ["target"] * 3
    assert reread[2].source == segments[2].source


def test_a_trados_file_without_comments_gets_its_doc_info(shared: Path, tmp_path: Path) -> None:
    path = shared / "corpus" / "sdlxliff" / "disfr" / "New_features.ppt.sdlxliff"
    document, segments = read(path)
    first = next(i for i, s in enumerate(segments) if is_translatable(s) and s.target)
    segments[first] = replace(segments[first], note="lee: Keep the product name.")
    out = tmp_path / "out.sdlxliff"
    data = write(document, segments, out)
    root = etree.fromstring(data)
    assert root[0].tag == f"{{{SDL}}}doc-info"
    assert read(out)[1][first].note == "lee: Keep the product name."
    assert [s.note for s in read(out)[1]][first + 1 :] == [s.note for s in segments][first + 1 :]


def test_notes_added_in_the_workbench_become_memoq_comments(tmp_path: Path) -> None:
    path = tmp_path / "a.mqxliff"
    path.write_text(MEMOQ, encoding="utf-8")
    document, segments = read(path)
    segments[0] = replace(segments[0], note="ann: Which valve?")
    segments[1] = replace(segments[1], note="mina: Client term.\nLocked on purpose.")
    out = tmp_path / "out.mqxliff"
    data = write(document, segments, out)
    _again, reread = read(out)
    assert [s.note for s in reread] == [
        "ann: Which valve?",
        "mina: Client term.\nworkbench: Locked on purpose.",
    ]
    comments = etree.fromstring(data).findall(f".//{{{MQ}}}comment")
    assert [(c.get("creatoruser"), c.get("deleted")) for c in comments] == [
        ("ann", "false"),
        ("mina", "false"),
        ("old", "true"),
        ("workbench", "false"),
    ]
    assert outside_targets(data).count("<mq:comments>") == 2


def test_a_note_set_through_the_service_reaches_the_package(
    db: Database, shared: Path, tmp_path: Path
) -> None:
    path = shared / "corpus" / "mqxliff" / "disfr" / "git.html_jpn.mqxlz"
    services.import_document(db, path)
    _document, segments = services.document_segments(db, path.name)
    assert segments[0].id is not None
    services.set_segment_note(db, segments[0].id, "ann: Keep Git in Latin letters.")
    out = tmp_path / "out.mqxlz"
    services.export_document(db, path.name, out)
    assert read(out)[1][0].note == "ann: Keep Git in Latin letters."
    with pytest.raises(services.UsageError, match="no segment"):
        services.set_segment_note(db, 10**9, "x")


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn", "Cc")), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, st.sampled_from(list(SegmentStatus))), min_size=3, max_size=3),
    st.booleans(),
)
def test_any_targets_and_statuses_read_back_and_leave_the_rest_alone(
    edits: list[tuple[str, SegmentStatus]], trados: bool
) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / ("a.sdlxliff" if trados else "a.mqxliff")
    path.write_text(TRADOS if trados else MEMOQ, encoding="utf-8")
    document, segments = read(path)
    written = [
        s if is_locked(s) else replace(s, target=text, status=status if text else NEW)
        for s, (text, status) in zip(segments, edits, strict=False)
    ]
    out = folder / f"out{path.suffix}"
    data = write(document, written, out)
    assert outside_targets(data) == outside_targets(path.read_bytes())
    _again, reread = read(out)
    assert [(s.target, s.status) for s in reread] == [(s.target, s.status) for s in written]
