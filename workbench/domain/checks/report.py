"""How QA issues are shown to people: worst first, grouped by check, the differing part marked.

`workbench qa`, the QA screen and the editor's QA panel show issues with these rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from workbench.domain.checks.registry import Issue

VISIBLE_SPACES = {" ": "␣", "\t": "⇥", "\n": "↵", "\u3000": "␣", "\u00a0": "⍽"}
"""How whitespace at the start or end of a text is shown, where it cannot be seen."""


def worst_first(issues: Iterable[Issue]) -> list[Issue]:
    """The issues, errors first, each severity in the order found."""
    return sorted(issues, key=lambda issue: issue.severity.rank)


def grouped_by_check(issues: Iterable[Issue]) -> list[tuple[str, list[Issue]]]:
    """Issues by check, the checks with the most severe issue first, then in the order found."""
    groups: dict[str, list[Issue]] = {}
    for issue in issues:
        groups.setdefault(issue.check, []).append(issue)
    return sorted(groups.items(), key=lambda item: min(i.severity.rank for i in item[1]))


def mark_spans(
    text: str, pieces: Sequence[str], *, from_end: bool = False
) -> list[tuple[int, int]]:
    """Where to mark what an issue names (its pieces, longest first) in text, in text order.

    Each piece is marked where it first stands apart from the pieces already marked (the same
    number twice in a text is marked twice for two pieces); from_end marks a piece only where
    it ends the text (final punctuation). Whitespace around a piece is not marked, a piece that
    is only whitespace or the whole text not at all: a mark shows a part.
    """
    spans: list[tuple[int, int]] = []
    for piece in sorted({p.strip() for p in pieces}, key=len, reverse=True):
        if not piece or piece == text.strip():
            continue
        if from_end:
            start = text.rfind(piece)
            end = start + len(piece)
            if start >= 0 and _ends(text[end:]) and all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            continue
        for start, end in _occurrences(text, piece):
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
                break
    return sorted(spans)


def _occurrences(text: str, piece: str) -> Iterator[tuple[int, int]]:
    """Where piece stands in text, in order; code labels inside it are skipped over
    (Wenge⟨/1⟩ Tech is where "Wenge Tech" stands)."""
    start = text.find(piece)
    while start >= 0:
        yield start, start + len(piece)
        start = text.find(piece, start + 1)
    if "⟨" in text and "⟨" not in piece:
        labels = "(?:" + _LABEL.pattern + ")*"
        pattern = labels.join(re.escape(char) for char in piece)
        for found in re.finditer(pattern, text):
            if _LABEL.search(found.group()):
                yield found.span()


_LABEL = re.compile(r"⟨[^⟩]*⟩")


def _ends(rest: str) -> bool:
    """True when rest holds no word: closing quotes, brackets, spaces and code labels only."""
    return not any(char.isalnum() for char in _LABEL.sub("", rest))


def visible_ends(text: str) -> str:
    """Text with the whitespace at its start and end made visible (␣Amount:␣), else as it is."""
    body = text.strip()
    if body == text:
        return text
    if not body:
        return "".join(VISIBLE_SPACES.get(c, c) for c in text)
    start = len(text) - len(text.lstrip())
    end = start + len(body)
    lead = "".join(VISIBLE_SPACES.get(c, c) for c in text[:start])
    trail = "".join(VISIBLE_SPACES.get(c, c) for c in text[end:])
    return f"{lead}{body}{trail}"
