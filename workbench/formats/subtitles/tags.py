"""Inline markup of cue text as codes: tags, karaoke times, position overrides; and back.

Codes: HTML-like tags (`<i>`, `<b>`, `<u>`, `<s>`, `<font ...>`, WebVTT `<c.class>`,
`<v Speaker>`, `<lang xx>`, `<ruby>`, `<rt>`, and tags players hide although they know them
not), WebVTT karaoke timestamps (`<00:05:04.199>`), and in SubRip the SSA/ASS overrides
(`{\\an8}`) and MicroDVD ones (`{Y:i}`) players know there; literal private-use characters
too. A tag closed by its end tag in the cue is an open/close pair, any other standalone.
`<3,5>` or a lone `<` is text. WebVTT text is unescaped (`&amp;` reads `&`) and escaped
again on export; SubRip has no escapes.

Joining a cue's lines, a pair closed at the end of a line and opened again, the same, at the
start of the next (`<i>one</i>` / `<i>two</i>`, as Netflix files write every line) becomes
one pair over both; such a cue records `reopen`, and export closes and reopens the pairs at
each line break again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.domain.document import CODE_BASE, MAX_CODES, CodeKind, InlineCode, code_index
from workbench.domain.subtitles import joiner

_HTML_LIKE = r"</?[A-Za-z][^<>\s/.]*(?:\.[^<>\s]*)?(?:\s[^<>]*)?/?>"
_PRIVATE_USE = f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]"
_TAGS = {
    # SubRip: HTML-like tags and SSA/ASS or MicroDVD overrides in braces.
    False: re.compile(rf"{_HTML_LIKE}|\{{\\[^{{}}\n]*\}}|\{{[A-Za-z]:[^{{}}\n]*\}}|{_PRIVATE_USE}"),
    # WebVTT: tags and karaoke timestamps; braces are text.
    True: re.compile(rf"{_HTML_LIKE}|<\d+:\d{{2}}(?::\d{{2}})?[.,]\d{{3}}>|{_PRIVATE_USE}"),
}
_POSITION = re.compile(r"\{\\an?(\d+)\}")
_NAME = re.compile(r"</?([A-Za-z][^<>\s/.]*)")
_LABELS = {
    "b": "bold",
    "i": "italic",
    "u": "underline",
    "s": "strike",
    "font": "font",
    "c": "class",
    "v": "voice",
    "lang": "language",
    "ruby": "ruby",
    "rt": "ruby text",
}
_VTT_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\u200e": "&lrm;", "\u200f": "&rlm;"}
)
_LABEL_WIDTH = 24


@dataclass(frozen=True, slots=True)
class Tag:
    """One piece of markup as written, before pairing."""

    markup: str
    kind: CodeKind
    """open (a start tag), close (an end tag) or standalone."""
    name: str
    """The tag's name (i, font, c, v ...), or time, override, private-use."""
    label: str


Token = str | Tag


def _tag(markup: str) -> Tag:
    """The markup read: its kind, name and label."""
    if markup[0] == "<" and markup[1:2].isdigit():
        return Tag(markup, "standalone", "time", f"time {markup[1:-1]}")
    if markup[0] == "{":
        position = _POSITION.match(markup)
        label = f"position {position.group(1)}" if position else _short(f"style {markup}")
        return Tag(markup, "standalone", "override", label)
    if len(markup) == 1:  # a literal private-use character
        return Tag(markup, "standalone", "private-use", f"U+{ord(markup):04X}")
    found = _NAME.match(markup)
    name = found.group(1).lower() if found else markup
    base = _LABELS.get(name, name)
    if markup.startswith("</"):
        return Tag(markup, "close", name, f"/{base}")
    if markup.endswith("/>"):
        return Tag(markup, "standalone", name, base)
    detail = markup[1 + len(name) : -1]
    if detail.startswith("."):  # <c.yellow.bg_blue>: the classes
        detail = detail[1:].replace(".", " ")
    return Tag(markup, "open", name, _short(f"{base} {detail.strip()}".strip()))


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_WIDTH else label[: _LABEL_WIDTH - 1] + "…"


def tokens(line: str, vtt: bool) -> list[Token]:
    """A line of cue text as text and tags, WebVTT text unescaped."""
    found: list[Token] = []
    position = 0
    for match in _TAGS[vtt].finditer(line):
        if match.start() > position:
            found.append(_text(line[position : match.start()], vtt))
        found.append(_tag(match.group()))
        position = match.end()
    if position < len(line):
        found.append(_text(line[position:], vtt))
    return found


def _text(raw: str, vtt: bool) -> str:
    return html.unescape(raw) if vtt and "&" in raw else raw


@dataclass(slots=True)
class CueText:
    """A cue's lines as one segment text with its codes."""

    text: str
    codes: list[InlineCode]
    reopen: bool


def cue_text(lines: Sequence[str], vtt: bool) -> CueText:
    """The lines of a cue joined into one text, their markup as codes (see the module doc)."""
    joined: list[Token] = []
    reopen = False
    for number, line in enumerate(lines):
        following = tokens(line, vtt)
        if number:
            merged = _reopened(joined, following)
            if merged:
                reopen = True
                del joined[len(joined) - merged :]
                following = following[merged:]
            # Players trim each line: the spaces at a line break are not part of the text.
            if joined and isinstance(joined[-1], str):
                joined[-1] = joined[-1].rstrip()
            if following and isinstance(following[0], str):
                following[0] = following[0].lstrip()
            joined.append(joiner(_plain(joined), _plain(following)))
        joined.extend(following)
    text, codes = _codes(joined)
    return CueText(text, codes, reopen)


def _reopened(before: list[Token], after: list[Token]) -> int:
    """How many pairs the end tags ending before close and the start tags of after reopen.

    0 unless every end tag there closes a tag still open, innermost first, and after starts
    with the same start tags (the same markup) in the same order.
    """
    closes = 0
    while closes < len(before) and _is(before[-1 - closes], "close"):
        closes += 1
    opens = 0
    while opens < len(after) and _is(after[opens], "open"):
        opens += 1
    if not closes or closes != opens:
        return 0
    stack = _open_tags(before[: len(before) - closes])
    if len(stack) < closes:
        return 0
    reopened = stack[len(stack) - closes :]
    ending = [t for t in before[len(before) - closes :] if isinstance(t, Tag)]
    starting = [t for t in after[:opens] if isinstance(t, Tag)]
    if [t.name for t in ending] != [t.name for t in reversed(reopened)]:
        return 0
    if [t.markup for t in starting] != [t.markup for t in reopened]:
        return 0
    return closes


def _is(token: Token, kind: CodeKind) -> bool:
    return isinstance(token, Tag) and token.kind == kind


def _open_tags(pieces: Sequence[Token]) -> list[Tag]:
    """The start tags still open after pieces, outermost first."""
    stack: list[Tag] = []
    for piece in pieces:
        if not isinstance(piece, Tag):
            continue
        if piece.kind == "open":
            stack.append(piece)
        elif piece.kind == "close":
            for index in range(len(stack) - 1, -1, -1):
                if stack[index].name == piece.name:
                    del stack[index:]
                    break
    return stack


def _plain(pieces: Sequence[Token]) -> str:
    return "".join(piece for piece in pieces if isinstance(piece, str))


def _codes(pieces: list[Token]) -> tuple[str, list[InlineCode]]:
    """Text with a code character per tag; a start tag closed by its end tag makes a pair."""
    tags = [(index, piece) for index, piece in enumerate(pieces) if isinstance(piece, Tag)]
    partner: dict[int, int] = {}
    open_tags: list[tuple[int, Tag]] = []
    for index, tag in tags:
        if tag.kind == "open":
            open_tags.append((index, tag))
        elif tag.kind == "close":
            for depth in range(len(open_tags) - 1, -1, -1):
                if open_tags[depth][1].name == tag.name:
                    partner[open_tags[depth][0]] = index
                    partner[index] = open_tags[depth][0]
                    del open_tags[depth:]
                    break
    codes: list[InlineCode] = []
    ids: dict[int, str] = {}
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            parts.append(piece)
            continue
        if index in ids:
            code_id = ids[index]
        else:
            code_id = str(len(set(ids.values())) + 1)
            ids[index] = code_id
            if index in partner:
                ids[partner[index]] = code_id
        kind: CodeKind = piece.kind if index in partner else "standalone"
        parts.append(chr(CODE_BASE + len(codes)))
        codes.append(InlineCode(kind, piece.name, code_id, piece.markup, piece.label))
    return "".join(parts), codes


def render_lines(
    lines: Sequence[str], codes: Sequence[InlineCode], vtt: bool, reopen: bool
) -> list[str]:
    """Lines of a target with its codes written as their markup, text escaped for WebVTT.

    With reopen, pairs open at a line break are closed before it and opened after it.
    """
    closing = {
        code.id: code.markup for code in codes if code.kind == "close"
    }  # a pair shares its id
    rendered: list[str] = []
    stack: list[InlineCode] = []
    for line in lines:
        parts = [code.markup for code in stack] if reopen else []
        for char in line:
            index = code_index(char)
            if index is None:
                parts.append(char.translate(_VTT_ESCAPES) if vtt else char)
                continue
            if index >= len(codes):
                raise ValueError(f"inline code {index + 1} is not in the segment's code table")
            code = codes[index]
            parts.append(code.markup)
            if code.kind == "open":
                stack.append(code)
            elif code.kind == "close":
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth].id == code.id:
                        del stack[depth]
                        break
        if reopen:
            parts.extend(closing.get(code.id, "") for code in reversed(stack))
        rendered.append("".join(parts))
    return rendered
