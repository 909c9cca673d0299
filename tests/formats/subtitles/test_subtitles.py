"""SubRip and WebVTT: every corpus file round-trips, pseudo-translations reach every cue, and
the srt and webvtt-py parsers read what we write."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import srt
import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import services
from workbench.domain.document import Document, Segment, SegmentStatus, plain_text
from workbench.domain.pseudo import pseudo_text
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.registry import document_format
from workbench.formats.subtitles.document import SrtFormat, VttFormat
from workbench.storage.engine import Database
from workbench.tui.codes import shown_text

CORPUS = "corpus/subtitles"
_MARKUP = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")


def corpus_files(shared: Path) -> list[Path]:
    files = sorted(p for p in (shared / CORPUS).rglob("*") if p.suffix in (".srt", ".vtt"))
    assert len(files) == 6, files
    return files


def read(path: Path, **languages: str) -> tuple[Document, list[Segment]]:
    document, segments = document_format(path).read(path, DocumentReadOptions(**languages))
    return document, list(segments)


def write(document: Document, segments: list[Segment], path: Path) -> bytes:
    document_format(path, document.format).write(document, segments, path)
    return path.read_bytes()


def reference_cues(data: bytes, suffix: str) -> list[tuple[float, float, str]]:
    """(start, end, text without markup) of every cue, as the reference parser reads them."""
    text = data.decode("utf-8-sig")
    if suffix == ".srt":
        return [
            (c.start.total_seconds(), c.end.total_seconds(), c.content)
            for c in srt.parse(text, ignore_errors=True)
        ]
    captions = webvtt.from_buffer(io.StringIO(text)).captions
    return [(c.start_in_seconds, c.end_in_seconds, c.raw_text) for c in captions]


def test_every_corpus_file_exports_byte_identical_when_untouched(
    shared: Path, tmp_path: Path
) -> None:
    for path in corpus_files(shared):
        document, segments = read(path, target_lang="ko")
        assert segments, path
        assert write(document, segments, tmp_path / path.name) == path.read_bytes(), path


def test_every_cue_of_every_corpus_file_carries_its_pseudo_translation(
    shared: Path, tmp_path: Path
) -> None:
    for path in corpus_files(shared):
        document, segments = read(path, target_lang="de")
        for segment in segments:
            segment.target = pseudo_text(segment.source, 30, "latin")
        exported = write(document, segments, tmp_path / path.name)
        before = reference_cues(path.read_bytes(), path.suffix)
        after = reference_cues(exported, path.suffix)
        assert [c[:2] for c in after] == [c[:2] for c in before], path  # timings kept
        translated = 0
        for (_start, _end, old), (_s, _e, new) in zip(before, after, strict=True):
            visible = _MARKUP.sub("", new).strip()
            if _MARKUP.sub("", old).strip():
                assert visible.startswith("⟦") and visible.endswith("⟧"), (path, new)
                translated += 1
            else:
                assert new == old
        assert translated == len(segments), path
        # and our reader finds the same cues, with the pseudo-translations as their sources
        (tmp_path / "again").mkdir(exist_ok=True)
        again_path = tmp_path / "again" / path.name
        again_path.write_bytes(exported)
        _, again = read(again_path, source_lang="de")
        assert [s.structure["cue"] for s in again] == [s.structure["cue"] for s in segments]


def test_nothing_but_cue_text_changes_in_a_translated_export(shared: Path, tmp_path: Path) -> None:
    path = shared / CORPUS / "webvtt-py" / "netflix_chicas_del_cable.vtt"
    document, segments = read(path, target_lang="en")
    for segment in segments:
        segment.target = "Translated."
    exported = write(document, segments, tmp_path / "out.vtt").decode("utf-8")
    original = path.read_text(encoding="utf-8")
    kept_lines = [
        line for line in original.splitlines() if "-->" in line or line.startswith("NOTE")
    ]
    exported_lines = exported.splitlines()
    assert [line for line in exported_lines if "-->" in line or line.startswith("NOTE")] == (
        kept_lines
    )
    assert exported.count("<i>Translated.</i>") + exported.count("\nTranslated.") == 865


def test_subtitle_time_is_the_context_and_tags_are_labelled_codes(tmp_path: Path) -> None:
    path = tmp_path / "film.vtt"
    path.write_text(
        "WEBVTT\n\nintro\n00:01.000 --> 00:03.500 align:start\n"
        "<v Mary>Hello <b>there</b></v> &amp; welcome\n\n"
        "NOTE the next line is sung\n\n"
        "00:00:04.000 --> 00:00:06.000\n{braces}<i>la la</i> <00:00:05.000>la\n",
        encoding="utf-8",
    )
    _, (first, second) = read(path, source_lang="en", target_lang="ko")
    assert first.context == "intro · 00:01.000 --> 00:03.500"
    assert first.structure["settings"] == "align:start"
    assert (first.structure["start_ms"], first.structure["end_ms"]) == ("1000", "3500")
    assert shown_text(first.source, first.codes) == "⟨1⟩Hello ⟨2⟩there⟨/2⟩⟨/1⟩ & welcome"
    assert [c.display for c in first.codes] == ["voice Mary", "bold", "/bold", "/voice"]
    assert second.note == "the next line is sung"
    assert [c.display for c in second.codes] == ["italic", "/italic", "time 00:00:05.000"]
    assert plain_text(second.source) == "{braces}la la la"  # braces are text in WebVTT
    srt = tmp_path / "film.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<b>Up</b> {Y:i}here\n", "utf-8")
    _, (cue,) = read(srt, source_lang="en")
    assert [c.display for c in cue.codes] == ["position 8", "bold", "/bold", "style {Y:i}"]
    assert plain_text(cue.source) == "Up here"


def test_lines_closed_and_reopened_are_one_pair_and_are_written_back_so(tmp_path: Path) -> None:
    path = tmp_path / "n.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000 line:84%\n"
        "<i>las mujeres éramos</i>\n<i>algo así como adornos</i>\n",
        encoding="utf-8",
    )
    document, (cue,) = read(path, source_lang="es", target_lang="en")
    assert shown_text(cue.source, cue.codes) == "⟨1⟩las mujeres éramos algo así como adornos⟨/1⟩"
    cue.target = "\ue000women were something like ornaments taken to parties\ue001"
    exported = write(document, [cue], tmp_path / "out.vtt").decode("utf-8")
    assert exported.endswith(
        "line:84%\n<i>women were something like</i>\n<i>ornaments taken to parties</i>\n"
    )


def test_a_target_is_wrapped_for_its_language_and_escaped_in_webvtt(tmp_path: Path) -> None:
    path = tmp_path / "a.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nOne line.\n", encoding="utf-8")
    document, (cue,) = read(path, source_lang="en", target_lang="ko")
    cue.target = "자막은 띄어쓰기 단위로 줄을 나눕니다 <3 & -->"
    exported = write(document, [cue], tmp_path / "out.vtt").decode("utf-8")
    lines = exported.split("\n")[3:-1]
    assert lines == ["자막은 띄어쓰기 단위로 줄을", "나눕니다 &lt;3 &amp; --&gt;"]


def test_dialogue_turns_stay_on_their_lines_and_cjk_lines_join_without_space(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.srt"
    path.write_bytes(
        "1\r\n00:00:01,000 --> 00:00:03,000\r\n- Where?\r\n- Here.\r\n\r\n"
        "2\r\n00:00:04,000 --> 00:00:06,000\r\n日本語の\r\n字幕です\r\n".encode()
    )
    document, (dialogue, japanese) = read(path, source_lang="en", target_lang="ja")
    assert dialogue.source == "- Where?\n- Here."
    assert japanese.source == "日本語の字幕です"
    dialogue.target = "- どこ？\n- ここ。"
    exported = write(document, [dialogue, japanese], tmp_path / "out.srt")
    assert exported.startswith(b"1\r\n00:00:01,000 --> 00:00:03,000\r\n")
    assert "- どこ？\r\n- ここ。\r\n\r\n2\r\n".encode() in exported
    assert exported.endswith("日本語の\r\n字幕です\r\n".encode())  # untranslated: as it was


@pytest.mark.parametrize(
    ("timing", "start", "end"),
    [
        ("00:00:01,5 --> 00:00:02,25", 1500, 2250),  # short milliseconds
        ("00:00:01 --> 00:00:02", 1000, 2000),  # none
        ("00:00:01.500 --> 00:00:02.000", 1500, 2000),  # dots for commas
        ("0:0:1,500-->0:0:2,000  X1:10 X2:20 Y1:30 Y2:40", 1500, 2000),  # positions after
        ("01:02.500 --> 01:03.000", 62500, 63000),  # no hours
    ],
)
def test_irregular_timings_are_read_and_kept_as_written(
    tmp_path: Path, timing: str, start: int, end: int
) -> None:
    path = tmp_path / "t.srt"
    original = f"1\n{timing}\nA line.\n\n2\n00:00:05,000 --> 00:00:06,000\nB line.\n"
    path.write_text(original, encoding="utf-8")
    document, segments = read(path, source_lang="en", target_lang="de")
    first = segments[0]
    assert (int(first.structure["start_ms"]), int(first.structure["end_ms"])) == (start, end)
    first.target = "Eine Zeile."
    exported = write(document, segments, tmp_path / "out.srt").decode()
    assert exported == original.replace("A line.", "Eine Zeile.")


def test_an_unreadable_timing_is_kept_and_only_loses_the_timing_checks(tmp_path: Path) -> None:
    path = tmp_path / "t.srt"
    path.write_text("1\n00:00:01,000 --> soon\nText.\n", encoding="utf-8")
    _, (segment,) = read(path, source_lang="en", target_lang="de")
    assert "start_ms" not in segment.structure and segment.context == "00:00:01,000 --> soon"


def test_cues_without_blank_lines_between_them_are_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "packed.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nFirst.\n2\n00:00:03,000 --> 00:00:04,000\nSecond.\n",
        encoding="utf-8",
    )
    _, segments = read(path, source_lang="en")
    assert [s.source for s in segments] == ["First.", "Second."]


def test_a_webvtt_document_exports_as_a_new_subrip_file(tmp_path: Path) -> None:
    path = tmp_path / "a.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<c.yellow>Hello</c> <i>you</i>\n",
        encoding="utf-8",
    )
    document, segments = read(path, source_lang="en", target_lang="de")
    segments[0].target = segments[0].source.replace("Hello", "Hallo").replace("you", "du")
    out = tmp_path / "a.srt"
    SrtFormat().write(document, segments, out)
    (cue,) = srt.parse(out.read_text(encoding="utf-8"))
    assert (cue.start.total_seconds(), cue.end.total_seconds()) == (1.0, 2.5)
    assert cue.content == "Hallo <i>du</i>"


def test_a_document_without_timings_cannot_be_written_as_subtitles(tmp_path: Path) -> None:
    document = Document("notes.txt", "txt", "en", "de")
    with pytest.raises(FormatError, match="no cue timing"):
        VttFormat().write(document, [Segment("Hello", "Hallo")], tmp_path / "notes.vtt")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.vtt", b"00:00:01.000 --> 00:00:02.000\nHi\n", "first line must be WEBVTT"),
        ("a.srt", b"just some text\nwithout cues\n", "no cue with text"),
        ("a.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\xff\xfe\xfa\n", "not valid UTF-8"),
        ("a.vtt", b"WEBVTT\n\nNOTE only a comment\n", "no cue with text"),
    ],
)
def test_bad_files_are_refused_with_one_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormatError, match=message) as caught:
        read(path, source_lang="en")
    assert "\n" not in str(caught.value) and name in str(caught.value)


def test_import_pseudo_export_through_the_services(
    db: Database, shared: Path, tmp_path: Path
) -> None:
    path = shared / CORPUS / "pysrt" / "capability_tester.srt"
    services.import_document(db, path, target_lang="ko")
    out = tmp_path / "plain.srt"
    services.export_document(db, path.name, out)
    assert out.read_bytes() == path.read_bytes()
    result = services.pseudo_translate(db, path.name, script="hangul")
    assert result.filled == 37
    services.export_document(db, path.name, tmp_path / "pseudo.srt")
    exported = (tmp_path / "pseudo.srt").read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf1\r\n00:00:00,000 --> 00:00:00,000\r\n")
    cues = reference_cues(exported, ".srt")
    assert len(cues) == 37 and all("⟦" in text for _s, _e, text in cues)
    # QA sees the cue timings of a stored subtitle document
    report = services.run_document_qa(db, path.name, checks=["subtitle_reading_speed"])
    assert report.issues and all(i.check == "subtitle_reading_speed" for i in report.issues)


_LINE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() and "-->" not in t and not t.strip().isdigit())
_TAGGED = st.tuples(st.sampled_from(["", "<i>", "<b>", "{\\an8}"]), _LINE_TEXT).map(
    lambda pair: pair[0] + pair[1] + ("</" + pair[0][1:] if pair[0].startswith("<") else "")
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_TAGGED, min_size=1, max_size=3), min_size=1, max_size=4),
    st.lists(_LINE_TEXT, min_size=4, max_size=4),
    st.booleans(),
)
def test_any_cues_round_trip_and_targets_land_in_their_own_cue(
    cues: list[list[str]], targets: list[str], vtt: bool
) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    suffix = ".vtt" if vtt else ".srt"
    head = "WEBVTT\n\n" if vtt else ""
    blocks = [
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n" + "\n".join(lines) + "\n"
        for n, lines in enumerate(cues, 1)
    ]
    if vtt:
        blocks = [block.replace(",000 ", ".000 ").replace(",900", ".900") for block in blocks]
    path = folder / f"cues{suffix}"
    path.write_text(head + "\n".join(blocks), encoding="utf-8")
    document, segments = read(path, source_lang="en", target_lang="en")
    assert write(document, segments, folder / f"same{suffix}") == path.read_bytes()
    for segment, target in zip(segments, targets, strict=False):
        # SubRip has no escapes: what looks like a tag there is one (players hide it too)
        segment.target = target if vtt else target.replace("<", "(").replace("{", "(")
        segment.status = SegmentStatus.TRANSLATED
    exported = folder / f"out{suffix}"
    write(document, segments, exported)
    _, again = read(exported, source_lang="en")
    by_cue = {s.structure["cue"]: s for s in again}
    for segment in segments:
        found = by_cue.get(segment.structure["cue"])
        if not segment.target.strip():
            continue
        assert found is not None
        # wrapping may move line breaks (and Chinese or Japanese lines join without a space)
        assert "".join(plain_text(found.source).split()) == "".join(segment.target.split())
