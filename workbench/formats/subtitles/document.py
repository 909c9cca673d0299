"""SubRip and WebVTT documents: one segment per cue, its text put back on export.

Reading: the file is decoded (formats.encoding: its BOM, else --encoding, else UTF-8), its
cues found (cues.py), and each cue with visible text becomes a segment: its lines joined
into one text (tags.py), a dialogue turn (a line starting with a dash) kept on a line of
its own. `Segment.context` is the cue's time as written (and a WebVTT id that is not a
number), `Segment.note` a WebVTT NOTE before the cue, `unit_id` the cue's ordinal (SubRip
numbers may repeat or be missing).

`Segment.structure`: `cue` (0-based), `line` (of its timing line), `span` (start-end of its
text lines in the decoded file), `start_ms`/`end_ms` when the timing could be read (the
subtitle checks need them), `reopen` ("yes": the file closes and reopens tags at every line
break, see tags.py), `settings` (WebVTT cue settings or SubRip positions, as written).

Export patches the original: a segment with a target gets that target, wrapped for the
target language (domain.subtitles.wrap_lines), in place of its cue's text lines, with the
file's line ending; everything else (header, ids, timing lines, settings, styles, notes,
blank lines, encoding, BOM) is written back as it was, so an untranslated document exports
byte-identical. A document of another format that carries cue timings (a WebVTT file
exported as SubRip) is written as a new file, keeping only the b/i/u tags both know.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment, is_translatable, plain_text
from workbench.domain.subtitles import (
    CUE,
    END_MS,
    START_MS,
    cue_timing,
    line_length,
    wrap_lines,
)
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.languages import lang_option, source_language
from workbench.formats.subtitles.cues import Cue, newline_of, read_cues
from workbench.formats.subtitles.tags import cue_text, render_lines
from workbench.formats.subtitles.timing import format_time
from workbench.formats.text.decoding import decode_text

_COMMON_TAGS = frozenset({"b", "i", "u"})


class _SubtitleFormat:
    """What SubRip and WebVTT share."""

    name: ClassVar[str]
    vtt: ClassVar[bool]

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document and its segments; the whole file is read and checked first."""
        data = read_bytes(path, options.on_progress)
        decoded = decode_text(data, path, options.encoding, options.limits)
        cues = list(read_cues(decoded.text, self.vtt, path))
        segments = [segment for cue in cues if (segment := _segment(cue, self.vtt, path))]
        if not segments:
            raise FormatError(path, "no cue with text to translate")
        source = source_language(
            path,
            options.source_lang or _declared_language(decoded.text, self.vtt),
            (plain_text(segment.source) for segment in segments),
        )
        document = Document(
            path.name,
            self.name,
            source,
            lang_option(path, options.target_lang),
            original=data,
            properties={
                "encoding": decoded.encoding,
                "bom": "yes" if decoded.bom else "no",
                "newline": decoded.newline,
                "cues": str(len(cues)),
            },
        )
        return document, iter(segments)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """The original with translated cue texts, or a new file (see the module docstring)."""
        if document.format == self.name and document.original:
            data = _patched(document, segments, self.vtt, path)
        else:
            data = _fresh(document, segments, self.vtt, path)
        path.write_bytes(data)


class SrtFormat(_SubtitleFormat):
    """SubRip subtitles (.srt)."""

    name: ClassVar[str] = "srt"
    vtt: ClassVar[bool] = False


class VttFormat(_SubtitleFormat):
    """WebVTT subtitles and captions (.vtt)."""

    name: ClassVar[str] = "vtt"
    vtt: ClassVar[bool] = True


def _declared_language(text: str, vtt: bool) -> str | None:
    """A WebVTT header's `Language: xx` (as YouTube writes it)."""
    if not vtt:
        return None
    for line in text.splitlines()[1:]:
        if not line.strip():
            return None
        key, _, value = line.partition(":")
        if key.strip().lower() == "language" and value.strip():
            return value.strip()
    return None


def _segment(cue: Cue, vtt: bool, path: Path) -> Segment | None:
    """The cue as a segment, None when it shows no text."""
    if cue.span is None:
        return None
    joined = cue_text(cue.lines, vtt)
    if not plain_text(joined.text).strip():
        return None
    structure = {
        CUE: str(cue.number),
        "line": str(cue.line),
        "span": f"{cue.span[0]}-{cue.span[1]}",
    }
    timing = cue.timing
    times = cue.timing_line.strip()
    if timing is not None:
        structure |= {START_MS: str(timing.start_ms), END_MS: str(timing.end_ms)}
        if timing.settings:
            structure["settings"] = timing.settings
            times = times[: times.rfind(timing.settings)].strip()
    if joined.reopen:
        structure["reopen"] = "yes"
    context = times
    if cue.identifier and not cue.identifier.isdigit():
        context = f"{cue.identifier} · {times}"
    return Segment(
        joined.text,
        codes=joined.codes,
        unit_id=str(cue.number + 1),
        note=cue.note,
        context=context,
        structure=structure,
    )


# --- export --------------------------------------------------------------------------------


def _lines(segment: Segment, target_lang: str | None, vtt: bool, path: Path) -> list[str]:
    """The segment's target as the cue's lines: wrapped, codes written, no blank line."""
    wrapped = wrap_lines(segment.target, line_length(target_lang))
    try:
        rendered = render_lines(
            wrapped, segment.codes, vtt, segment.structure.get("reopen") == "yes"
        )
    except ValueError as error:
        line = int(segment.structure.get("line", "0")) or None
        raise FormatError(path, f"cue {segment.unit_id}: {error}", line) from None
    return [line for line in rendered if line.strip()]


def _patched(document: Document, segments: Iterable[Segment], vtt: bool, path: Path) -> bytes:
    """The original with every translated cue's text lines replaced."""
    decoded = decode_text(document.original, path, document.properties.get("encoding"))
    text = decoded.text
    newline = newline_of(text)
    pieces: list[str] = []
    position = 0
    for segment in segments:
        span = segment.structure.get("span")
        if not segment.target.strip() or not span or not is_translatable(segment):
            continue
        start, _, end = span.partition("-")
        if not (start.isdigit() and end.isdigit()) or int(start) < position or int(end) > len(text):
            raise FormatError(path, f"cue {segment.unit_id} does not fit the original file")
        lines = _lines(segment, document.target_lang, vtt, path)
        pieces += [text[position : int(start)], newline.join(lines)]
        position = int(end)
    if not pieces:
        return document.original
    pieces.append(text[position:])
    return decoded.encode("".join(pieces))


def _fresh(document: Document, segments: Iterable[Segment], vtt: bool, path: Path) -> bytes:
    """A new file with a cue per timed segment, its target (else its source) as text."""
    blocks = ["WEBVTT\n"] if vtt else []
    number = 0
    for segment in segments:
        if not is_translatable(segment):
            continue
        timing = cue_timing(segment.structure)
        if timing is None:
            kind = "WebVTT" if vtt else "SubRip"
            message = f"segment {segment.position or segment.unit_id} has no cue timing to write"
            raise FormatError(path, f"{message} as {kind}: export it in its own format")
        number += 1
        separator = "." if vtt else ","
        times = f"{format_time(timing.start_ms, separator)} --> "
        times += format_time(timing.end_ms, separator)
        kept = [
            code if code.element in _COMMON_TAGS else replace(code, markup="")
            for code in segment.codes
        ]
        shown = segment.target or segment.source
        lines = _lines(
            Segment(shown, shown, codes=kept, structure=segment.structure),
            document.target_lang if segment.target else document.source_lang,
            vtt,
            path,
        )
        blocks.append(f"{number}\n{times}\n" + "".join(line + "\n" for line in lines))
    return "\n".join(blocks).encode("utf-8")
