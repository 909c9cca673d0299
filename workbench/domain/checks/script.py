"""The Chinese script of a target: Simplified for zh-Hans (zh-CN, zh-SG), Traditional for
zh-Hant (zh-TW, zh-HK, zh-MO)."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.domain.checks.facts import PairBatch
from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.chinese import (
    ChineseScript,
    ScriptSpan,
    chinese_script,
    may_hold_other_script,
    other_script_spans_many,
)

_NAMES = {ChineseScript.SIMPLIFIED: "Traditional", ChineseScript.TRADITIONAL: "Simplified"}


def _spans(batch: PairBatch) -> list[list[ScriptSpan]]:
    """The spans of each Chinese target in the other script; none for other targets.

    One OpenCC call per script for the whole batch finds the targets that may hold such
    characters, and one per convention judges their Han runs.
    """
    by_script: dict[ChineseScript, list[int]] = {}
    for position, pair in enumerate(batch.pairs):
        script = chinese_script(pair.target_lang)
        if script is not None:
            by_script.setdefault(script, []).append(position)
    texts = batch.plain("target")
    found: list[list[ScriptSpan]] = [[] for _ in batch.pairs]
    for script, positions in by_script.items():
        may = may_hold_other_script([texts[p] for p in positions], script)
        flagged = [position for position, flag in zip(positions, may, strict=True) if flag]
        spans = other_script_spans_many([texts[p] for p in flagged], script)
        for position, spans_of_text in zip(flagged, spans, strict=True):
            found[position] = spans_of_text
    return found


def _other_script(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose Chinese target holds characters of the other script."""
    return [position for position, spans in enumerate(batch.derived(_spans)) if spans]


@check("wrong_script", Severity.WARNING, _other_script)
def wrong_script(pair: Pair, context: CheckContext) -> Iterator[str]:
    """Characters of the other Chinese script in a Simplified or Traditional target.

    A name the source glosses in the other script (中國日報社) is written in the target's script
    all the same.
    """
    script = chinese_script(pair.target_lang)
    if script is None:
        return
    facts = context.facts(pair)
    for span in facts.batch.derived(_spans)[facts.position]:
        written = f'{pair.target_lang} writes "{span.converted}"'
        yield f'"{span.text}" is {_NAMES[script]} Chinese; {written}'
