"""The translatable text of an HTML page: runs of text and inline markup, and attributes.

A *run* is the text between two block boundaries (any tag that is not inline, a script,
a style, a comment outside text). Its inline tags become codes; its text, references
resolved and white space collapsed as a browser shows it (kept in `<pre>` and
`<textarea>`), is split into sentences by the SRX segmenter. Text inside `translate="no"`
stays as it is (an inline element with it is one code). Translatable attributes (alt,
title, placeholder, aria-label, label, summary, abbr, the value of buttons, the content
of description/keywords/og: metadata) are segments of their own, after the run that holds
their tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.domain.document import CodeKind, Segment
from workbench.formats.html.tokens import Attribute, Token
from workbench.formats.strings.units import CodedText, span_text
from workbench.formats.text.blocks import CodeSpan, TextBlock
from workbench.formats.text.sentences import sentence_ranges

INLINE = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img input ins kbd mark "
    "q rb rp rt rtc ruby s samp small span strike strong sub sup time tt u var wbr".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
RAW_TEXT = frozenset({"script", "style"})
KEEP_SPACE = frozenset({"pre", "textarea", "listing", "plaintext"})
LABELS = {
    "a": "link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "s": "strike",
    "strike": "strike",
    "del": "deleted",
    "ins": "inserted",
    "br": "break",
    "wbr": "break",
    "img": "image",
    "input": "field",
    "sup": "superscript",
    "sub": "subscript",
    "code": "code",
    "kbd": "key",
    "tt": "code",
    "q": "quote",
    "abbr": "abbreviation",
    "acronym": "abbreviation",
    "span": "span",
    "font": "font",
    "small": "small",
    "big": "big",
    "mark": "highlight",
    "cite": "citation",
    "ruby": "ruby",
    "rt": "ruby text",
    "rp": "ruby",
    "rb": "ruby base",
    "comment": "comment",
    "no-translate": "no translate",
}
_TRANSLATABLE_META = frozenset(
    "description keywords og:title og:description og:site_name og:image:alt "
    "twitter:title twitter:description twitter:image:alt".split()
)
_BUTTON_TYPES = frozenset({"submit", "button", "reset"})
_TEXT_ATTRIBUTES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("title", "alt", "placeholder", "aria-label", "aria-description", "summary"), frozenset()
    ),
    "label": frozenset({"option", "optgroup", "track", "menuitem"}),
    "abbr": frozenset({"th", "td"}),
}
"""Attributes whose value is text, with the tags they are text on (empty: any tag)."""
_SPACE = re.compile(r"[ \t\n\r\f]+")


def translatable_attributes(token: Token) -> list[Attribute]:
    """The attributes of a start tag whose values a translator translates."""
    found = []
    for attribute in token.attributes:
        name = attribute.name
        if not attribute.value.strip() or attribute.span is None:
            continue
        tags = _TEXT_ATTRIBUTES.get(name)
        if tags is not None and (not tags or token.name in tags):
            found.append(attribute)
        elif name == "value" and token.name == "input":
            kind = token.attribute("type")
            if kind is not None and kind.value.lower() in _BUTTON_TYPES:
                found.append(attribute)
        elif name == "content" and token.name == "meta":
            meta = token.attribute("name") or token.attribute("property")
            if meta is not None and meta.value.lower() in _TRANSLATABLE_META:
                found.append(attribute)
    return found


@dataclass(slots=True)
class Run:
    """Text and inline tags between two block boundaries."""

    element: str
    """The block element the run is in (context): p, h1, td, title ..."""
    pieces: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    """(kind, text, start, end, element): kind text, open, close or standalone."""
    keep_space: bool = False

    def has_text(self) -> bool:
        return any(kind == "text" and text.strip() for kind, text, *_rest in self.pieces)


@dataclass(slots=True)
class Block:
    """A run as text for the segmenter: codes are their markup, text is as shown."""

    text: TextBlock
    starts: list[int]
    """Where each character of the block text starts in the file."""
    ends: list[int]
    element: str


def block_of(run: Run, source: str) -> Block:
    """The run's text with its codes as spans, mapped back to the file."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    codes: list[CodeSpan] = []
    for kind, text, start, end, element in run.pieces:
        if kind == "text":
            literal = end - start == len(text) and source[start:end] == text
            if literal and run.keep_space:
                chars.append(text)
                starts.extend(range(start, end))
                ends.extend(range(start + 1, end + 1))
            elif literal:
                _collapsed(source, start, end, chars, starts, ends)
            else:
                chars.append(text)  # a reference: its characters stand for all of it
                starts.extend([start] * len(text))
                ends.extend([end] * len(text))
            continue
        offset = sum(len(c) for c in chars)
        chars.append(source[start:end])
        starts.extend(range(start, end))
        ends.extend(range(start + 1, end + 1))
        codes.append(CodeSpan(offset, offset + end - start, _code_kind(kind), element))
    text = "".join(chars)
    block = TextBlock("html", text, [(starts[0], ends[-1])] if starts else [], 0, codes)
    return Block(block, starts, ends, run.element)


def _code_kind(kind: str) -> CodeKind:
    if kind == "open":
        return "open"
    if kind == "close":
        return "close"
    return "standalone"


def _collapsed(
    source: str, start: int, end: int, chars: list[str], starts: list[int], ends: list[int]
) -> None:
    """Text with each run of white space as one space standing for the whole run."""
    position = start
    for match in _SPACE.finditer(source, start, end):
        if match.start() > position:
            chars.append(source[position : match.start()])
            starts.extend(range(position, match.start()))
            ends.extend(range(position + 1, match.start() + 1))
        chars.append(" ")
        starts.append(match.start())
        ends.append(match.end())
        position = match.end()
    if position < end:
        chars.append(source[position:end])
        starts.extend(range(position, end))
        ends.extend(range(position + 1, end + 1))


def run_segments(run: Run, source: str, index: int, lang: str, line: int) -> list[Segment]:
    """The run's sentences as segments (none when the run has no text)."""
    block = block_of(run, source)
    text = block.text.text
    ranges = [
        _trimmed(block.text, *r)
        for r in sentence_ranges(block.text, lang)
        if _has_text(block.text, *r)
    ]
    segments = []
    previous_end = 0
    whole = span_text((block.starts[ranges[0][0]], block.ends[ranges[-1][1] - 1])) if ranges else ""
    for number, (start, end) in enumerate(ranges):
        builder = CodedText()
        code_spans = []
        position = start
        for code in block.text.codes:
            if code.start < start or code.start >= end:
                continue
            builder.text(text[position : code.start])
            markup = text[code.start : code.end]
            builder.code(code.kind, code.element, markup, LABELS.get(code.element, code.element))
            code_spans.append(span_text((block.starts[code.start], block.ends[code.end - 1])))
            position = code.end
        builder.text(text[position:end])
        segment_text, codes = builder.result()
        structure = {
            "kind": "text",
            "paragraph": str(index),
            "sentence": str(number),
            "sentences": str(len(ranges)),
            "span": span_text((block.starts[start], block.ends[end - 1])),
            "run": whole,
            "line": str(line),
        }
        if code_spans:
            structure["code_spans"] = ",".join(code_spans)
        if start > previous_end:
            structure["before"] = text[previous_end:start]
        if number == len(ranges) - 1 and end < len(text):
            structure["after"] = text[end:]
        previous_end = end
        segments.append(
            Segment(
                segment_text,
                codes=codes,
                unit_id=f"{index + 1}.{number + 1}",
                context=run.element,
                structure=structure,
            )
        )
    return segments


def _trimmed(block: TextBlock, start: int, end: int) -> tuple[int, int]:
    """A sentence without the tags that enclose all of it (`<a><b>Home</b></a>` is Home).

    They stay in the page as they are, as Okapi leaves them out of its segments: the
    translator and the memory see the text alone.
    """
    text = block.text
    while True:
        first = next((c for c in block.codes if c.start == start), None)
        last = next((c for c in block.codes if c.end == end), None)
        if first is None or last is None or first is last:
            break
        if first.kind != "open" or last.kind != "close" or first.element != last.element:
            break
        depth = 0
        for code in block.codes:
            if first.end <= code.start and code.end <= last.start:
                depth += {"open": 1, "close": -1}.get(code.kind, 0)
                if depth < 0:
                    break
        if depth != 0 or not text[first.end : last.start].strip():
            break
        start, end = first.end, last.start
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _has_text(block: TextBlock, start: int, end: int) -> bool:
    """Whether a range holds text outside its codes (a range of codes alone is kept raw)."""
    position = start
    for code in block.codes:
        if code.end <= start or code.start >= end:
            continue
        if block.text[position : code.start].strip():
            return True
        position = max(position, code.end)
    return bool(block.text[position:end].strip())


def attribute_segment(token: Token, attribute: Attribute, index: int, line: int) -> Segment:
    """One translatable attribute value as a segment."""
    assert attribute.span is not None
    builder = CodedText()
    builder.text(attribute.value)
    text, codes = builder.result()
    structure = {
        "kind": "attribute",
        "paragraph": str(index),
        "attribute": attribute.name,
        "quote": attribute.quote,
        "span": span_text(attribute.span),
        "line": str(line),
    }
    context = f"{token.name} {attribute.name}"
    if token.name == "meta":
        meta = token.attribute("name") or token.attribute("property")
        context = f"meta {meta.value if meta else attribute.name}"
    return Segment(text, codes=codes, unit_id=f"{index + 1}", context=context, structure=structure)


def no_translate(token: Token) -> bool | None:
    """What a tag's translate attribute says: False for "no", True for "yes", None if absent."""
    attribute = token.attribute("translate")
    if attribute is None:
        return None
    return attribute.value.strip().lower() != "no"


def segments_of(tokens: list[Token], source: str, lang: str) -> Iterator[Segment]:
    """Every segment of the page, in reading order."""
    walker = _Walker(tokens, source, lang)
    yield from walker.walk()


class _Walker:
    """One pass over the tokens, keeping the open elements and the current run."""

    def __init__(self, tokens: list[Token], source: str, lang: str) -> None:
        self.tokens = tokens
        self.source = source
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []
        """Open elements with whether their content is translated."""
        self.run: Run | None = None
        self.pending: list[Segment] = []
        self.index = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def _line(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.line_starts, offset)

    def _translated(self) -> bool:
        return self.stack[-1][1] if self.stack else True

    def _element(self) -> str:
        for name, _translated in reversed(self.stack):
            if name not in INLINE:
                return name
        return "body"

    def _keep_space(self) -> bool:
        return any(name in KEEP_SPACE for name, _t in self.stack)

    def walk(self) -> Iterator[Segment]:
        position = 0
        tokens = self.tokens
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token.kind == "start" and token.name in RAW_TEXT:
                yield from self.flush()
                position = self._skip_raw(position, token.name)
                continue
            if token.kind in ("text", "ref"):
                if self._translated():
                    self._piece("text", token, "")
                continue
            if token.kind == "comment":
                if self.run is not None:
                    self._piece("standalone", token, "comment")
                continue
            if token.kind == "other":
                yield from self.flush()
                continue
            if token.kind == "start":
                if self._protected(token):
                    position = self._protect(token, position)
                    continue
                yield from self.start(token)
            elif token.kind == "end":
                yield from self.end(token)
        yield from self.flush()

    def _skip_raw(self, position: int, name: str) -> int:
        """Past the end tag of a script or style: their content is never translated."""
        while position < len(self.tokens):
            token = self.tokens[position]
            position += 1
            if token.kind == "end" and token.name == name:
                break
        return position

    def _protected(self, token: Token) -> bool:
        """An inline element with translate="no" in translated text."""
        return (
            token.name in INLINE
            and no_translate(token) is False
            and self._translated()
            and not (token.void or token.name in VOID)
        )

    def _protect(self, token: Token, position: int) -> int:
        """The element from its tag to its end tag becomes one code; returns where it ends."""
        depth = 1
        end = token.end
        while position < len(self.tokens):
            inner = self.tokens[position]
            position += 1
            if inner.name == token.name and inner.kind == "start" and not inner.void:
                depth += 1
            elif inner.name == token.name and inner.kind == "end":
                depth -= 1
            end = inner.end
            if depth == 0:
                break
        self._piece("standalone", Token("start", token.start, end), "no-translate")
        return position

    def _piece(self, kind: str, token: Token, element: str) -> None:
        if self.run is None:
            self.run = Run(self._element(), keep_space=self._keep_space())
        self.run.pieces.append((kind, token.text, token.start, token.end, element))

    def start(self, token: Token) -> Iterator[Segment]:
        given = no_translate(token)
        own = self._translated() if given is None else given
        inline = token.name in INLINE
        if not inline:
            yield from self.flush()
        if own:
            line = self._line(token.start)
            for attribute in translatable_attributes(token):
                self.pending.append(attribute_segment(token, attribute, -1, line))
            if inline:
                void = token.void or token.name in VOID
                self._piece("standalone" if void else "open", token, token.name)
        if not (token.void or token.name in VOID):
            self.stack.append((token.name, own))

    def end(self, token: Token) -> Iterator[Segment]:
        translated = True
        if any(name == token.name for name, _t in self.stack):
            while self.stack:
                name, translated = self.stack.pop()
                if name == token.name:
                    break
        if token.name not in INLINE:
            yield from self.flush()
        elif translated and self.run is not None:
            self._piece("close", token, token.name)

    def flush(self) -> Iterator[Segment]:
        """End the current run: its segments, then the attributes of its tags."""
        run, self.run = self.run, None
        if run is not None and run.has_text():
            first = next(p for p in run.pieces if p[0] == "text" and p[1].strip())
            segments = run_segments(run, self.source, self.index, self.lang, self._line(first[2]))
            if segments:
                self.index += 1
                yield from segments
        yield from self._pending()

    def _pending(self) -> Iterator[Segment]:
        for segment in self.pending:
            segment.structure["paragraph"] = str(self.index)
            segment.unit_id = f"{self.index + 1}"
            self.index += 1
            yield segment
        self.pending = []
