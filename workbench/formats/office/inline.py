"""A paragraph's inline content as a tree, and as the coded text a translator edits.

Every office dialect (WordprocessingML, DrawingML, SpreadsheetML rich text, OpenDocument)
turns a paragraph into the same tree: `Text` with its formatting, `Item` for what stands
alone (a tab, a break, a field, an image, a footnote reference, a bookmark), `Group` for
what wraps text (a hyperlink, a field with its result, a content control). `flatten` makes
the coded text of the tree: each code is one private-use character, as everywhere in the
workbench; formatting becomes an open/close pair only where it differs from the
formatting most of the container's text has, and adjacent text of identical formatting is
one piece, so a sentence is not cut into dozens of codes. `unflatten` is the reverse, for
a target: text, codes in any order, codes left out or used twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from workbench.domain.document import CODE_BASE, MAX_CODES, CodeKind, code_char, code_index

CODE_CHARACTER = re.compile(f"([{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}])")
"""A code character (captured, so that split keeps it), or a private-use character."""


class Fmt:
    """Formatting of a piece of text: compared by key, carrying what export writes back."""

    __slots__ = ("key", "payload")

    def __init__(self, key: Hashable, payload: object = None) -> None:
        self.key = key
        self.payload = payload

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fmt) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Fmt({self.key!r})"


PLAIN = Fmt(())
"""No formatting of its own (a run without properties, text outside any span)."""


@dataclass(slots=True)
class Text:
    """Text in one formatting."""

    text: str
    fmt: Fmt = PLAIN


@dataclass(slots=True, eq=False)
class Item:
    """Something that stands alone in the text; export puts each of `payload` back there."""

    payload: list[object]
    label: str
    markup: str = ""
    note: str | None = None


@dataclass(slots=True, eq=False)
class Group:
    """Something that wraps text (a link, a field and its result); `base` is set by flatten."""

    payload: object
    label: str
    children: list[Node] = field(default_factory=list)
    markup: str = ""
    base: Fmt = PLAIN


Node = Text | Item | Group
Describe = Callable[[Fmt, Fmt], str]
"""The label of a formatting span: what the formatting adds to the container's own."""


@dataclass(frozen=True, slots=True)
class CodeRef:
    """One code of a paragraph's coded text and what it stands for."""

    kind: CodeKind
    label: str
    markup: str
    target: Item | Group | Fmt
    note: str | None = None


@dataclass(slots=True)
class Coded:
    """A paragraph as coded text: code characters number the paragraph's code table."""

    text: str
    codes: list[CodeRef]
    base: Fmt


def majority(nodes: Sequence[Node]) -> Fmt:
    """The formatting of most of the text directly in nodes (the first one on a tie)."""
    weights: dict[Fmt, int] = {}
    for node in nodes:
        if isinstance(node, Text) and node.text:
            weights[node.fmt] = weights.get(node.fmt, 0) + len(node.text)
    if not weights:
        return PLAIN
    return max(weights, key=lambda fmt: weights[fmt])  # max keeps the first of equals


def merged(nodes: list[Node]) -> list[Node]:
    """Adjacent text of identical formatting joined, empty text and adjacent items merged."""
    result: list[Node] = []
    for node in nodes:
        previous = result[-1] if result else None
        if isinstance(node, Text):
            if not node.text:
                continue
            if isinstance(previous, Text) and previous.fmt == node.fmt:
                result[-1] = Text(previous.text + node.text, previous.fmt)
                continue
        elif isinstance(node, Item):
            if isinstance(previous, Item):
                result[-1] = _joined(previous, node)
                continue
        else:
            node.children = merged(node.children)
        result.append(node)
    return result


def _joined(first: Item, second: Item) -> Item:
    """Two adjacent items as one code: a bookmark beside a comment mark is one thing to move."""
    labels = first.label.split(" + ")
    label = first.label if second.label in labels else f"{first.label} + {second.label}"
    notes = [note for note in (first.note, second.note) if note]
    return Item(
        first.payload + second.payload,
        label,
        first.markup + second.markup,
        "\n".join(notes) if notes else None,
    )


class _Flattener:
    """Builds the coded text of a tree, depth first."""

    def __init__(self, describe: Describe) -> None:
        self.describe = describe
        self.pieces: list[str] = []
        self.codes: list[CodeRef] = []

    def code(self, ref: CodeRef) -> None:
        self.pieces.append(code_char(len(self.codes)))
        self.codes.append(ref)

    def container(self, nodes: Sequence[Node], base: Fmt) -> None:
        """Text in base formatting as it is; other formatting between an open and a close code."""
        span: Fmt | None = None
        waiting: list[Item] = []  # items after a span's text: inside only if the span goes on
        for node in nodes:
            if isinstance(node, Item):
                if span is None:
                    self.item(node)
                else:
                    waiting.append(node)
                continue
            if isinstance(node, Text) and span is not None and node.fmt == span:
                self.items(waiting)
                self.pieces.append(node.text)
                continue
            if span is not None:
                self.code(CodeRef("close", self.describe(span, base), "", span))
                span = None
            self.items(waiting)
            if isinstance(node, Group):
                self.group(node)
            elif node.fmt == base:
                self.pieces.append(node.text)
            else:
                span = node.fmt
                self.code(CodeRef("open", self.describe(span, base), "", span))
                self.pieces.append(node.text)
        if span is not None:
            self.code(CodeRef("close", self.describe(span, base), "", span))
        self.items(waiting)

    def items(self, items: list[Item]) -> None:
        for item in items:
            self.item(item)
        items.clear()

    def item(self, item: Item) -> None:
        self.code(CodeRef("standalone", item.label, item.markup, item, item.note))

    def group(self, group: Group) -> None:
        group.base = majority(group.children)
        self.code(CodeRef("open", group.label, group.markup, group))
        self.container(group.children, group.base)
        self.code(CodeRef("close", group.label, "", group))


def flatten(nodes: list[Node], describe: Describe) -> Coded:
    """The coded text of a paragraph's tree (merged first: see `merged`)."""
    nodes = merged(nodes)
    base = majority(nodes)
    flattener = _Flattener(describe)
    flattener.container(nodes, base)
    return Coded("".join(flattener.pieces), flattener.codes, base)


@dataclass(slots=True)
class _Level:
    """A container being rebuilt: its nodes, base formatting and open formatting spans."""

    nodes: list[Node]
    base: Fmt
    group: Group | None
    spans: list[Fmt] = field(default_factory=list)

    def fmt(self) -> Fmt:
        return self.spans[-1] if self.spans else self.base


def unflatten(text: str, coded: Coded) -> list[Node]:
    """The tree for text, whose code characters number coded.codes.

    Tolerant of what a translator may do: a close code without its open code is dropped, a
    group left open is closed at the end, a code used twice appears twice (the dialect
    copies what it puts back a second time), and a code left out is left out.
    """
    root = _Level([], coded.base, None)
    stack = [root]
    for position, piece in enumerate(CODE_CHARACTER.split(text)):
        if not piece:
            continue
        index = code_index(piece) if position % 2 else None
        if index is None or index >= len(coded.codes):
            level = stack[-1]
            _append_text(level.nodes, piece, level.fmt())
            continue
        ref = coded.codes[index]
        level = stack[-1]
        target = ref.target
        if isinstance(target, Item):
            level.nodes.append(target)
        elif isinstance(target, Fmt):
            if ref.kind == "open":
                level.spans.append(target)
            elif target in level.spans:
                level.spans.reverse()
                level.spans.remove(target)
                level.spans.reverse()
        elif ref.kind == "open":
            group = Group(target.payload, target.label, [], target.markup, target.base)
            level.nodes.append(group)
            stack.append(_Level(group.children, target.base, target))
        else:
            depth = next(
                (i for i in range(len(stack) - 1, 0, -1) if stack[i].group is target), None
            )
            if depth is not None:
                del stack[depth:]
    return root.nodes


def _append_text(nodes: list[Node], text: str, fmt: Fmt) -> None:
    previous = nodes[-1] if nodes else None
    if isinstance(previous, Text) and previous.fmt == fmt:
        previous.text += text
    else:
        nodes.append(Text(text, fmt))
