"""Plain text and Markdown documents: sentences become segments, export rebuilds the file.

Reading keeps the decoded file whole. A *block* (a plain-text paragraph; a Markdown paragraph,
heading or table cell) is the text of some lines without their line prefixes (block quote
markers, list markers, indentation); its sentences become segments. Each segment records in
`structure` its block (`paragraph`) and `sentence` index, the exact whitespace before it
(`before`) and, on a block's last sentence, after it (`after`); a block's first segment records
where the block's lines sit in the decoded file (`lines`, character offsets). Export writes the
file as read and replaces only the blocks, with their sentences' targets, so an export right
after import gives the original bytes. Lines a target adds to a block get the block's
continuation prefix and the file's line ending.

Decisions:
- Line breaks inside a paragraph stay in the source text as `\\n`: poems and addresses need
  them, and the translator may reflow a wrapped paragraph (export re-adds each line's prefix).
  Leading indentation of a plain-text paragraph is kept in `before`, not in the text.
- An empty target exports as its source, so a partly translated file is still complete.
- A Markdown image's alt text is translatable: `![` and `](src)` are its open and close codes.
- Literal private-use characters in a file (U+E000-U+F8FF) become standalone codes, so they
  cannot be mistaken for the inline-code characters of the document model.
- A document from another format is written as one line per segment, a blank line where
  `structure["paragraph"]` changes; its inline codes are left out (their markup is not text).
"""

from __future__ import annotations

import codecs
import re
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import (
    CODE_BASE,
    MAX_CODES,
    CodeKind,
    Document,
    InlineCode,
    Segment,
    code_char,
    is_translatable,
    plain_text,
    with_markup,
)
from workbench.domain.langid import detect_document_language
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.segment import split_sentences
from workbench.formats.base import DocumentReadOptions, FormatError, open_counted

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINES = {"lf": "\n", "crlf": "\r\n"}
_OWN_FORMATS = ("txt", "md")
_CODE_CHAR = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_DISPLAY_WIDTH = 24
ONE_LINE_KINDS = frozenset({"heading", "cell"})
"""Blocks that cannot hold a line break (ATX headings, table cells): export makes it a space."""


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """Markup at `block.text[start:end]` that becomes one inline code."""

    start: int
    end: int
    kind: CodeKind
    element: str


@dataclass(slots=True)
class TextBlock:
    """One translatable block: its text without line prefixes, and where its lines are."""

    kind: str
    """text (a plain-text paragraph), paragraph, heading or cell."""
    text: str
    lines: list[tuple[int, int]]
    """(start, end) in the decoded file of each line's part of text; text joins them by \\n."""
    line: int
    """1-based line number of the first line."""
    codes: list[CodeSpan] = field(default_factory=list)
    level: int = 0
    """Heading level (1-6), 0 for other blocks."""
    context: str | None = None
    """The heading the block sits under."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A text file's characters and what is needed to encode it back the same way."""

    text: str
    encoding: str
    bom: bytes
    newline: str
    """lf or crlf, whichever ends more lines (lf when there are none)."""

    def encode(self, text: str) -> bytes:
        """Text in this file's encoding, with its byte order mark if it had one."""
        return self.bom + text.encode(self.encoding)


# --- decoding ------------------------------------------------------------------------------


def decode_text(data: bytes, path: Path) -> DecodedText:
    """UTF-8 (BOM optional) or UTF-16 with a BOM; FormatError with the line otherwise."""
    encoding, bom = "utf-8", b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    body = data[len(bom) :]
    if not body:
        raise FormatError(path, "the file is empty")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        done = body[: error.start].decode(encoding, "replace")
        line = done.count("\n") + 1
        column = len(done) - done.rfind("\n")
        label = "UTF-8" if encoding == "utf-8" else "UTF-16"
        message = f"not valid {label} ({error.reason}); save the file as UTF-8"
        raise FormatError(path, message, line, column) from None
    crlf = text.count("\r\n")
    newline = "crlf" if crlf > text.count("\n") - crlf else "lf"
    return DecodedText(text, encoding, bom, newline)


def line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line without its line ending (\\n or \\r\\n)."""
    bounds = []
    start = 0
    pieces = text.split("\n")
    for number, piece in enumerate(pieces):
        end = start + len(piece)
        last = number == len(pieces) - 1
        bounds.append((start, end - 1 if piece.endswith("\r") and not last else end))
        start = end + 1
    return bounds


def _read_bytes(path: Path, options: DocumentReadOptions) -> bytes:
    """The whole file, reporting progress as it is read."""
    try:
        with open_counted(path, options.on_progress) as stream:
            return stream.read()
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from None


# --- blocks --------------------------------------------------------------------------------


def plain_text_blocks(text: str, bounds: Sequence[tuple[int, int]]) -> Iterator[TextBlock]:
    """Paragraphs of a plain-text file: runs of lines that are not blank."""
    run: list[tuple[int, int]] = []
    first = 0
    for number, (start, end) in enumerate(bounds):
        if start < end and not text[start:end].isspace():
            if not run:
                first = number
            run.append((start, end))
        elif run:
            yield _paragraph(text, run, first)
            run = []
    if run:
        yield _paragraph(text, run, first)


def _paragraph(text: str, lines: list[tuple[int, int]], first: int) -> TextBlock:
    """A plain-text paragraph: whole lines, indentation included."""
    joined = "\n".join(text[start:end] for start, end in lines)
    return TextBlock("text", joined, lines, first + 1, with_private_use([], joined))


def with_private_use(codes: list[CodeSpan], text: str) -> list[CodeSpan]:
    """Codes plus a standalone code for each private-use character outside them."""
    extra = []
    starts = [code.start for code in codes]
    for match in _CODE_CHAR.finditer(text):
        at = bisect_left(starts, match.start() + 1) - 1
        if at < 0 or codes[at].end <= match.start():
            extra.append(CodeSpan(match.start(), match.end(), "standalone", "private-use"))
    if not extra:
        return codes
    return sorted(codes + extra, key=lambda code: code.start)


def plain_view(block: TextBlock) -> tuple[str, list[int] | None]:
    """The block's text without its codes, and each character's offset in the text.

    Code markup would hide sentence ends from the splitter (`**end.** Next`); None stands for
    the identity map of a block without codes.
    """
    if not block.codes:
        return block.text, None
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for code in block.codes:
        pieces.append(block.text[position : code.start])
        offsets.extend(range(position, code.start))
        position = code.end
    pieces.append(block.text[position:])
    offsets.extend(range(position, len(block.text)))
    return "".join(pieces), offsets


# --- sentences -----------------------------------------------------------------------------


def sentence_ranges(block: TextBlock, lang: str) -> list[tuple[int, int]]:
    """(start, end) in the block's text of each segment: a sentence with its codes."""
    plain, offsets = plain_view(block)
    spans = split_sentences(plain, lang)
    if offsets is None:
        return [(span.start, span.end) for span in spans]
    ranges = [(offsets[span.start], offsets[span.end - 1] + 1) for span in spans]
    return _balanced(_with_codes(ranges, block.codes), block.codes)


def _with_codes(ranges: list[tuple[int, int]], codes: list[CodeSpan]) -> list[tuple[int, int]]:
    """Widen sentences over the codes between them, so that every code belongs to one.

    A close or standalone code right after a sentence ends it (`**end.**`); any other code
    in the gap opens the next sentence; codes before the first and after the last sentence
    belong to it.
    """
    starts = [code.start for code in codes]
    by_start = {code.start: code for code in codes}
    widened = []
    previous_end = 0
    for start, end in ranges:
        first = bisect_left(starts, previous_end)
        if first < len(codes) and codes[first].start < start:
            start = codes[first].start
        while (code := by_start.get(end)) is not None and code.kind != "open":
            end = code.end
        widened.append((start, end))
        previous_end = end
    if widened and codes and codes[-1].start >= widened[-1][1]:
        widened[-1] = (widened[-1][0], codes[-1].end)
    return widened


def _balanced(ranges: list[tuple[int, int]], codes: list[CodeSpan]) -> list[tuple[int, int]]:
    """Join sentences that an open/close pair spans: a segment never splits a pair."""
    starts = [code.start for code in codes]
    joined: list[tuple[int, int]] = []
    depth = 0
    pending: int | None = None
    for start, end in ranges:
        inside = codes[bisect_left(starts, start) : bisect_left(starts, end)]
        depth += sum(1 if c.kind == "open" else -1 if c.kind == "close" else 0 for c in inside)
        if pending is None:
            pending = start
        if depth <= 0:
            joined.append((pending, end))
            pending, depth = None, 0
    if pending is not None:
        joined.append((pending, ranges[-1][1]))
    return joined


def _coded_text(
    block: TextBlock, starts: list[int], start: int, end: int, path: Path
) -> tuple[str, list[InlineCode]]:
    """The segment text of block.text[start:end], codes replaced by their characters.

    starts holds the start of each of the block's codes (made once per block, not per segment).
    """
    inside = block.codes[bisect_left(starts, start) : bisect_left(starts, end)]
    if len(inside) > MAX_CODES:
        line = block.line + block.text.count("\n", 0, start)
        raise FormatError(path, f"more than {MAX_CODES} inline codes in one sentence", line)
    pieces: list[str] = []
    codes: list[InlineCode] = []
    open_ids: list[str] = []
    position = start
    for index, span in enumerate(inside):
        pieces += [block.text[position : span.start], code_char(index)]
        position = span.end
        code_id = str(index + 1)
        if span.kind == "open":
            open_ids.append(code_id)
        elif span.kind == "close" and open_ids:
            code_id = open_ids.pop()
        markup = block.text[span.start : span.end]
        codes.append(InlineCode(span.kind, span.element, code_id, markup, _display(markup)))
    pieces.append(block.text[position:end])
    return "".join(pieces), codes


def _display(markup: str) -> str:
    """A short label for a code: its markup, cut if long."""
    flat = markup.replace("\n", " ")
    return flat if len(flat) <= _DISPLAY_WIDTH else flat[: _DISPLAY_WIDTH - 1] + "…"


def block_segments(block: TextBlock, index: int, lang: str, path: Path) -> list[Segment]:
    """The block's sentences as segments, with what export needs to put them back."""
    ranges = sentence_ranges(block, lang)
    starts = [code.start for code in block.codes]
    segments = []
    previous_end = 0
    line = block.line
    for number, (start, end) in enumerate(ranges):
        line += block.text.count("\n", previous_end, start)
        source, codes = _coded_text(block, starts, start, end, path)
        structure = {"paragraph": str(index), "sentence": str(number), "kind": block.kind}
        structure["line"] = str(line)
        if block.level:
            structure["level"] = str(block.level)
        if start > previous_end:
            structure["before"] = block.text[previous_end:start]
        if number == 0:
            structure["lines"] = ",".join(f"{a}-{b}" for a, b in block.lines)
        if number == len(ranges) - 1 and end < len(block.text):
            structure["after"] = block.text[end:]
        unit_id = f"{index + 1}.{number + 1}"
        segments.append(
            Segment(
                source, codes=codes, unit_id=unit_id, context=block.context, structure=structure
            )
        )
        line += block.text.count("\n", start, end)
        previous_end = end
    return segments


# --- languages -----------------------------------------------------------------------------


def _lang_option(path: Path, tag: str | None) -> str | None:
    """A language tag given by the user, normalised."""
    if tag is None:
        return None
    try:
        return normalize_lang(tag)
    except UnknownLanguageError as error:
        raise FormatError(path, str(error)) from None


def _source_lang(path: Path, given: str | None, paragraphs: Iterable[str]) -> str:
    """The language given, or else the one detected; FormatError when detection is unsure."""
    lang = _lang_option(path, given)
    if lang is not None:
        return lang
    detection = detect_document_language(paragraphs)
    if not detection.reliable:
        raise FormatError(
            path,
            f"cannot tell the source language ({detection.lang} with probability "
            f"{detection.probability:.2f}): give --source-lang",
        )
    return detection.lang


# --- export --------------------------------------------------------------------------------


def _render(segment: Segment, one_line: bool, escape_pipes: bool, path: Path) -> str:
    """The segment's target (its source when empty) with each code's markup written back."""
    text = (segment.target or segment.source).replace("\r\n", "\n")
    if one_line:
        text = text.replace("\n", " ")
    if escape_pipes:
        # a bare | typed into a table cell would start a new cell
        text = _UNESCAPED_PIPE.sub(r"\\|", text)
    if _CODE_CHAR.search(text) is None:  # the common case, without a look at every character
        return text
    try:
        return with_markup(text, segment.codes)
    except ValueError as error:
        line = int(segment.structure.get("line", "0")) or None
        raise FormatError(path, f"segment {segment.unit_id}: {error}", line) from None


def _parse_lines(value: str) -> list[tuple[int, int]]:
    """The `lines` structure value back as (start, end) pairs."""
    pairs = []
    for item in value.split(","):
        start, _, end = item.partition("-")
        pairs.append((int(start), int(end)))
    return pairs


def _continuation_prefix(text: str, lines: list[tuple[int, int]]) -> str:
    """What starts a line added to a block: its last line's prefix, or the first's made blank.

    A first-line prefix holds the block's marker (`- `, `1. `, `## `); spaces of the same
    width continue the block, while `>` must stay for a line to remain in the quote.
    """
    start = lines[-1][0]
    prefix = text[text.rfind("\n", 0, start) + 1 : start]
    if len(lines) > 1:
        return prefix
    return "".join(char if char in ">\t" else " " for char in prefix)


def _relayout(body: str, lines: list[tuple[int, int]], decoded: DecodedText) -> str:
    """A block's new text put back on lines, with each line's original prefix and ending."""
    text = decoded.text
    parts = body.split("\n")
    joints = [text[lines[i][1] : lines[i + 1][0]] for i in range(len(lines) - 1)]
    if len(parts) > len(lines):
        extra = _NEWLINES[decoded.newline] + _continuation_prefix(text, lines)
        joints += [extra] * (len(parts) - len(lines))
    pieces = [parts[0]]
    for joint, part in zip(joints, parts[1:], strict=False):
        pieces += [joint, part]
    return "".join(pieces)


def _blocks_of(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    """Runs of segments that belong to one block."""
    run: list[Segment] = []
    for segment in segments:
        if run and segment.structure.get("paragraph") != run[0].structure.get("paragraph"):
            yield run
            run = []
        run.append(segment)
    if run:
        yield run


def rebuild(document: Document, segments: Iterable[Segment], path: Path) -> bytes:
    """The original file with every block's sentences replaced by their targets."""
    decoded = decode_text(document.original, path)
    text = decoded.text
    pieces: list[str] = []
    position = 0
    for run in _blocks_of(segments):
        lines_value = run[0].structure.get("lines")
        if not lines_value:
            continue  # the block's first sentence is missing: keep the block as it was
        lines = _parse_lines(lines_value)
        if lines[0][0] < position or lines[-1][1] > len(text):
            raise FormatError(path, "the segments do not fit the original file")
        kind = run[0].structure.get("kind", "")
        one_line = kind in ONE_LINE_KINDS and len(lines) == 1
        body = "".join(
            s.structure.get("before", "") + _render(s, one_line, kind == "cell", path) for s in run
        )
        body += run[-1].structure.get("after", "")
        pieces += [text[position : lines[0][0]], _relayout(body, lines, decoded)]
        position = lines[-1][1]
    pieces.append(text[position:])
    return decoded.encode("".join(pieces))


def plain_lines(segments: Iterable[Segment]) -> bytes:
    """Translatable segments of any document as UTF-8 lines, a blank line between paragraphs."""
    lines: list[str] = []
    previous: str | None = None
    for segment in filter(is_translatable, segments):
        paragraph = segment.structure.get("paragraph")
        if lines and paragraph is not None and paragraph != previous:
            lines.append("")
        previous = paragraph
        lines.append(plain_text(segment.target or segment.source))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def write_document(document: Document, segments: Iterable[Segment], path: Path) -> None:
    """Rebuild our own documents from their original, write others line by line."""
    if document.format in _OWN_FORMATS and document.original:
        data = rebuild(document, segments, path)
    else:
        data = plain_lines(segments)
    path.write_bytes(data)


# --- formats -------------------------------------------------------------------------------


def _document(
    path: Path, fmt: str, decoded: DecodedText, data: bytes, source: str, target: str | None
) -> Document:
    """The document header."""
    properties = {
        "encoding": decoded.encoding,
        "bom": "yes" if decoded.bom else "no",
        "newline": decoded.newline,
    }
    return Document(path.name, fmt, source, target, original=data, properties=properties)


def _languages(
    path: Path, options: DocumentReadOptions, blocks: list[TextBlock]
) -> tuple[str, str | None]:
    """Check that there is text to translate and settle the source and target languages."""
    if not any(plain_view(block)[0].strip() for block in blocks):
        raise FormatError(path, "no text to translate")
    paragraphs = (plain_view(block)[0] for block in blocks)
    return _source_lang(path, options.source_lang, paragraphs), _lang_option(
        path, options.target_lang
    )


def _segments(blocks: list[TextBlock], lang: str, path: Path) -> Iterator[Segment]:
    """Every block's segments, in order, split as they are asked for."""
    for index, block in enumerate(blocks):
        yield from block_segments(block, index, lang, path)


class _TextDocumentFormat(ABC):
    """What plain text and Markdown share: decoding, segments, languages, export."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    @abstractmethod
    def blocks(self, decoded: DecodedText, path: Path) -> list[TextBlock]:
        """The translatable blocks of the decoded file."""

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document and its segments; the file is decoded and parsed before returning."""
        data = _read_bytes(path, options)
        decoded = decode_text(data, path)
        blocks = self.blocks(decoded, path)
        source, target = _languages(path, options, blocks)
        document = _document(path, self.name, decoded, data, source, target)
        return document, _segments(blocks, source, path)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Write the translated file (see the module docstring for the rules)."""
        write_document(document, segments, path)


class PlainTextFormat(_TextDocumentFormat):
    """Plain text: paragraphs separated by blank lines, one segment per sentence."""

    name: ClassVar[str] = "txt"
    extensions: ClassVar[tuple[str, ...]] = (".txt",)

    def blocks(self, decoded: DecodedText, path: Path) -> list[TextBlock]:
        """Paragraphs: runs of lines that are not blank."""
        return list(plain_text_blocks(decoded.text, line_bounds(decoded.text)))


class MarkdownFormat(_TextDocumentFormat):
    """CommonMark with GFM tables and strikethrough: block text as segments, markup as codes."""

    name: ClassVar[str] = "md"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def blocks(self, decoded: DecodedText, path: Path) -> list[TextBlock]:
        """Headings, paragraphs and table cells; code, HTML and front matter stay verbatim."""
        # Imported here so that plain text never loads markdown-it (markdown imports us too).
        from workbench.formats.markdown import MarkdownLayoutError, markdown_blocks

        try:
            return list(markdown_blocks(decoded.text, line_bounds(decoded.text)))
        except MarkdownLayoutError as error:
            raise FormatError(path, str(error), error.line) from None
