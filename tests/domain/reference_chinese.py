"""other_script_spans of 2026-12-07 (commit 73b56cd), kept unchanged as the reference that the
property tests compare the current one and its batch form with. Do not edit: it defines "the
same results"."""

from __future__ import annotations

from workbench.domain.chinese import (
    _EVERY_CONVENTION,
    _HAN_RUN,
    MAX_GAP,
    ChineseScript,
    ScriptSpan,
    _converter,
)


def _changed(run: str, script: ChineseScript) -> tuple[list[bool], str]:
    """Which characters of a Han run every convention into script changes, in phrase context,
    and the run as the first convention writes it (character for character)."""
    changed = [True] * len(run)
    written = run
    for number, config in enumerate(_EVERY_CONVENTION[script]):
        converted = _converter(config)(run)
        if converted == run:  # no character changed: none is in the other script
            return [False] * len(run), written
        if len(converted) != len(run):  # a phrase changed length: judge characters alone
            converted = "".join(_converter(config)(char)[:1] or char for char in run)
        if number == 0:
            written = converted
        for index, (before, after) in enumerate(zip(run, converted, strict=True)):
            changed[index] = changed[index] and before != after
    return changed, written


def other_script_spans(text: str, script: ChineseScript) -> list[ScriptSpan]:
    """Spans of text written in the other script than script (中國 in a Simplified text)."""
    spans: list[ScriptSpan] = []
    for run in _HAN_RUN.finditer(text):
        flags, written = _changed(run.group(), script)
        changed = [index for index, flag in enumerate(flags) if flag]
        if not changed:
            continue
        first = previous = changed[0]
        groups: list[tuple[int, int]] = []
        for index in changed[1:]:
            if index - previous > MAX_GAP + 1:
                groups.append((first, previous + 1))
                first = index
            previous = index
        groups.append((first, previous + 1))
        for low, high in groups:
            start, end = run.start() + low, run.start() + high
            spans.append(ScriptSpan(start, end, text[start:end], written[low:high]))
    return spans
