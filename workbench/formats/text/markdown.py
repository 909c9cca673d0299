"""Markdown blocks and their inline markup, located by markdown-it with exact offsets.

markdown-it maps blocks to lines and turns inline content into tokens, but gives no columns.
So a block's text is found on its lines (markdown-it's content for a line is what is left of
it after the prefixes it stripped), and the inline tokens are matched against that text in
order; links, images and code spans are measured by running markdown-it's own rules on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, table
from markdown_it.rules_inline import StateInline, backtick, image, link
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.front_matter import front_matter_plugin

from workbench.domain.document import CodeKind
from workbench.formats.text.blocks import CodeSpan, TextBlock, with_private_use

_ROWS = "workbench_table_rows"
"""Key in markdown-it's env: table line -> offset where the row's text starts."""
_SOFTBREAK = re.compile(r" *\n")
_HARDBREAK = re.compile(r"( {2,}|\\)\n")
_LINE_INDENT = re.compile(r"\n[ \t]+")
_PAIRED: dict[str, tuple[CodeKind, str]] = {
    "em_open": ("open", "md-em"),
    "em_close": ("close", "md-em"),
    "strong_open": ("open", "md-strong"),
    "strong_close": ("close", "md-strong"),
    "s_open": ("open", "md-s"),
    "s_close": ("close", "md-s"),
}

Region = tuple[int, int, int]
"""Part of a block on one line: line index, start and end column."""
InlineRule = Callable[[StateInline, bool], bool]


class MarkdownLayoutError(ValueError):
    """A block whose text markdown-it places where the file does not have it."""

    def __init__(self, line: int) -> None:
        super().__init__(f"cannot find the text of the block on line {line}")
        self.line = line


class _MisalignedError(Exception):
    """An inline token that does not match the block's text where it should."""


def _recording_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, noting where each row's text starts (it strips prefixes)."""
    found = table(state, start, end, silent)
    if found and not silent:
        rows: dict[int, int] = state.env.setdefault(_ROWS, {})
        for line in range(start, state.line):
            rows[line] = state.bMarks[line] + state.tShift[line]
    return found


@cache
def _parser() -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough, and YAML front matter."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    # Without text_join, escapes and entities stay text_special tokens that carry their source.
    parser.disable("text_join")
    parser.block.ruler.at("table", _recording_table, {"alt": ["paragraph", "reference"]})
    return parser


class _Aligner:
    """Matches inline tokens against a block's text, collecting the markup as code spans."""

    def __init__(self, text: str, env: EnvType, cell: bool) -> None:
        self.text = text
        self.cell = cell
        self.pos = 0
        self.codes: list[CodeSpan] = []
        self.env = env
        self._state: StateInline | None = None

    def run(self, tokens: Sequence[Token]) -> list[CodeSpan]:
        """The code spans of the whole text."""
        self._tokens(tokens)
        if self.pos != len(self.text):
            raise _MisalignedError(f"text left after the last token at {self.pos}")
        return self.codes

    def _tokens(self, tokens: Sequence[Token]) -> None:
        index = 0
        while index < len(tokens):
            index = self._token(tokens, index)

    def _token(self, tokens: Sequence[Token], index: int) -> int:
        """Match tokens[index] and return the index of the next token to match."""
        token = tokens[index]
        kind = token.type
        if kind == "text":
            self._expect(token.content)
        elif kind == "text_special":
            self._expect(token.markup)
        elif kind == "softbreak":
            self._skip(_SOFTBREAK)
        elif kind == "hardbreak":
            self._hardbreak()
        elif kind == "code_inline":
            self._measured(backtick, "md-code")
        elif kind == "html_inline":
            start = self.pos
            self._expect(_LINE_INDENT.sub("\n", token.content))
            self._add(start, self.pos, "standalone", "md-html")
        elif kind in _PAIRED:
            start = self.pos
            self._expect(token.markup)
            self._add(start, self.pos, *_PAIRED[kind])
        elif kind == "link_open":
            return self._link(tokens, index)
        elif kind == "image":
            self._image(token)
        else:
            raise _MisalignedError(f"unexpected token {kind}")
        return index + 1

    def _add(self, start: int, end: int, kind: CodeKind, element: str) -> None:
        self.codes.append(CodeSpan(start, end, kind, element))

    def _expect(self, expected: str) -> None:
        """Step over expected; in a table cell `\\|` stands for the `|` markdown-it saw."""
        if self.text.startswith(expected, self.pos):
            self.pos += len(expected)
            return
        position = self.pos
        for char in expected:
            if self.text.startswith(char, position):
                position += 1
            elif self.cell and char == "|" and self.text.startswith("\\|", position):
                position += 2
            else:
                raise _MisalignedError(f"{expected!r} not at {self.pos}")
        self.pos = position

    def _skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match is None:
            raise _MisalignedError(f"{pattern.pattern} not at {self.pos}")
        self.pos = match.end()

    def _hardbreak(self) -> None:
        """Trailing spaces or a backslash are the code; the line break stays text."""
        match = _HARDBREAK.match(self.text, self.pos)
        if match is None:
            raise _MisalignedError(f"no hard break at {self.pos}")
        self._add(self.pos, match.end(1), "standalone", "md-break")
        self.pos = match.end()

    def _rule_end(self, rule: InlineRule, start: int) -> int:
        """Where markdown-it's inline rule, run at start, says its construct ends."""
        if self._state is None:
            self._state = StateInline(self.text, _parser(), self.env, [])
        self._state.pos, self._state.posMax = start, len(self.text)
        if not rule(self._state, True):
            raise _MisalignedError(f"markdown-it finds no {rule.__name__} at {start}")
        return self._state.pos

    def _measured(self, rule: InlineRule, element: str) -> None:
        """A construct that is one standalone code from end to end."""
        end = self._rule_end(rule, self.pos)
        self._add(self.pos, end, "standalone", element)
        self.pos = end

    def _link(self, tokens: Sequence[Token], index: int) -> int:
        """`[` opens, `](url "title")` or `][ref]` closes; an autolink is one code."""
        close = next(i for i in range(index, len(tokens)) if tokens[i].type == "link_close")
        start = self.pos
        if tokens[index].markup == "autolink":
            if not self.text.startswith("<", start):
                raise _MisalignedError(f"no autolink at {start}")
            end = self.text.index(">", start) + 1
            self._add(start, end, "standalone", "md-autolink")
            self.pos = end
            return close + 1
        self._bracketed(start, self._rule_end(link, start), 1, tokens[index + 1 : close], "md-link")
        return close + 1

    def _image(self, token: Token) -> None:
        """`![` opens and `](src)` closes the alt text, which stays translatable."""
        start = self.pos
        end = self._rule_end(image, start)
        self._bracketed(start, end, 2, token.children or [], "md-image")

    def _bracketed(
        self, start: int, end: int, opener: int, inner: Sequence[Token], element: str
    ) -> None:
        """An open code, the inner tokens, then a close code from `]` to end."""
        self._add(start, start + opener, "open", element)
        self.pos = start + opener
        self._tokens(inner)
        if not self.text.startswith("]", self.pos) or self.pos >= end:
            raise _MisalignedError(f"no ] at {self.pos}")
        self._add(self.pos, end, "close", element)
        self.pos = end


@dataclass(slots=True)
class _Source:
    """The decoded file beside the normalised copy markdown-it parses, line by line."""

    text: str
    bounds: Sequence[tuple[int, int]]
    lines: list[str]
    """Line bodies as markdown-it sees them (lone CR and NUL replaced; same lengths)."""
    starts: list[int] = field(default_factory=list)
    """Offset of each line in the joined normalised text."""
    env: EnvType = field(default_factory=dict)
    cells: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def parse(self) -> list[Token]:
        """markdown-it's block tokens for the whole file."""
        position = 0
        for body in self.lines:
            self.starts.append(position)
            position += len(body) + 1
        return _parser().parse("\n".join(self.lines), self.env)

    def block(self, kind: str, regions: list[Region], token: Token, level: int = 0) -> TextBlock:
        """The block on regions, its inline markup as code spans."""
        lines = [(self.bounds[n][0] + a, self.bounds[n][0] + b) for n, a, b in regions]
        text = "\n".join(self.text[a:b] for a, b in lines)
        seen = "\n".join(self.lines[n][a:b] for n, a, b in regions)
        try:
            codes = _Aligner(seen, self.env, kind == "cell").run(token.children or [])
        except _MisalignedError:
            # Markup we cannot place (another markdown-it version's tokens) stays as text:
            # the translator sees it, and the block still exports as it was.
            codes = []
        return TextBlock(kind, text, lines, regions[0][0] + 1, with_private_use(codes, text), level)

    def content_regions(self, token: Token) -> list[Region]:
        """Where a paragraph's or heading's content lines are: each ends its line but the last."""
        assert token.map is not None
        parts = token.content.split("\n")
        regions = []
        for offset, part in enumerate(parts):
            number = token.map[0] + offset
            body = self.lines[number]
            piece = part.lstrip(" \t")
            if offset < len(parts) - 1 and body.endswith(piece):
                start = len(body) - len(piece)
            else:
                start = body.rfind(piece)  # the last line may end with spaces or `##`
            if start < 0:
                raise MarkdownLayoutError(number + 1)
            regions.append((number, start, start + len(piece)))
        return regions

    def cell_region(self, token: Token, column: int) -> Region | None:
        """Where a table cell's text is on its row, None for a cell the row lacks."""
        assert token.map is not None
        number = token.map[0]
        if number not in self.cells:
            offset = self.env[_ROWS][number] - self.starts[number]
            self.cells[number] = [
                (offset + a, offset + b) for a, b in _cell_pieces(self.lines[number][offset:])
            ]
        pieces = self.cells[number]
        if column >= len(pieces) or not token.content:
            return None
        start, end = pieces[column]
        raw = self.lines[number][start:end]
        start += len(raw) - len(raw.lstrip())
        # markdown-it dropped the backslash of each escaped pipe from the content
        return number, start, start + len(token.content) + token.content.count("|")


def _cell_pieces(row: str) -> list[tuple[int, int]]:
    """Cells of a table row split at unescaped pipes, as markdown-it splits them."""
    stripped = row.strip()
    lead = len(row) - len(row.lstrip())
    pieces = []
    start = lead
    escaped = False
    for position in range(lead, lead + len(stripped)):
        char = row[position]
        if char == "|" and not escaped:
            pieces.append((start, position))
            start = position + 1
        escaped = char == "\\"
    pieces.append((start, lead + len(stripped)))
    if pieces and pieces[0][0] == pieces[0][1]:
        pieces.pop(0)
    if pieces and pieces[-1][0] == pieces[-1][1]:
        pieces.pop()
    return pieces


def _heading_text(block: TextBlock) -> str:
    """A heading as context: its text without emphasis and link markup."""
    pieces = []
    position = 0
    for code in block.codes:
        if code.kind != "standalone":
            pieces.append(block.text[position : code.start])
            position = code.end
    pieces.append(block.text[position:])
    return " ".join("".join(pieces).split())


def markdown_blocks(text: str, bounds: Sequence[tuple[int, int]]) -> Iterator[TextBlock]:
    """Headings, paragraphs and table cells of a Markdown file, in order, with their context.

    MarkdownLayoutError for a block whose text is not where markdown-it says it is.
    """
    lines = [text[a:b].replace("\r", " ").replace("\0", "\ufffd") for a, b in bounds]
    source = _Source(text, bounds, lines)
    tokens = source.parse()
    outline: list[tuple[int, str]] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            column = 0
        if token.type != "inline" or token.map is None:
            continue
        opener = tokens[index - 1].type
        if opener in ("th_open", "td_open"):
            column += 1
            region = source.cell_region(token, column - 1)
            block = None if region is None else source.block("cell", [region], token)
        elif not token.content:
            block = None
        elif opener == "heading_open":
            level = int(tokens[index - 1].tag[1:])
            while outline and outline[-1][0] >= level:
                outline.pop()
            block = source.block("heading", source.content_regions(token), token, level)
        else:
            block = source.block("paragraph", source.content_regions(token), token)
        if block is None:
            continue
        block.context = outline[-1][1] if outline else None
        if block.kind == "heading":
            outline.append((block.level, _heading_text(block)))
        yield block
