"""Inline codes as people read them: compact labels such as ⟨1⟩ ⟨/1⟩ ⟨2/⟩, by the file's ids.

The editor, the QA screen and `workbench qa` show codes with these labels.
"""

from __future__ import annotations

import re

from workbench.domain.document import CODE_BASE, MAX_CODES, InlineCode, code_index


def code_labels(codes: list[InlineCode]) -> list[str]:
    """The codes as the editor (and QA) shows them: ⟨1⟩ ⟨/1⟩ ⟨2/⟩, by the file's ids.

    Ids that would give two codes the same label are replaced by positions (from 1).
    """
    by_id = [_label(code.kind, code.id) for code in codes]
    if len(set(by_id)) == len(by_id):
        return by_id
    return [_label(code.kind, str(number)) for number, code in enumerate(codes, 1)]


def _label(kind: str, name: str) -> str:
    if kind == "close":
        return f"⟨/{name}⟩"
    if kind == "standalone":
        return f"⟨{name}/⟩"
    return f"⟨{name}⟩"


CODE_CHARACTER = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]")
"""Any character that stands for an inline code."""


def shown_text(text: str, codes: list[InlineCode]) -> str:
    """Text with each code character replaced by its label."""
    if CODE_CHARACTER.search(text) is None:
        return text  # most texts have no codes: a 50,000-segment grid opens faster
    labels = code_labels(codes)
    return CODE_CHARACTER.sub(lambda found: shown_char(found.group(0), labels), text)


def shown_char(char: str, labels: list[str]) -> str:
    """How one character is shown: a code character as its label, any other as it is."""
    index = code_index(char)
    if index is None:
        return char
    return labels[index] if index < len(labels) else f"⟨{index + 1}⟩"
