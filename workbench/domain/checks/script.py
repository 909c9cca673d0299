"""The Chinese script of a target: Simplified for zh-Hans (zh-CN, zh-SG), Traditional for
zh-Hant (zh-TW, zh-HK, zh-MO)."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.domain.checks.facts import PairBatch
from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.chinese import (
    ChineseScript,
    chinese_script,
    may_hold_other_script,
    other_script_spans,
)

_NAMES = {ChineseScript.SIMPLIFIED: "Traditional", ChineseScript.TRADITIONAL: "Simplified"}


def _other_script(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose Chinese target may hold characters of the other script."""
    by_script: dict[ChineseScript, list[int]] = {}
    for position, pair in enumerate(batch.pairs):
        script = chinese_script(pair.target_lang)
        if script is not None:
            by_script.setdefault(script, []).append(position)
    texts = batch.plain("target")
    found: list[int] = []
    for script, positions in by_script.items():
        may = may_hold_other_script([texts[p] for p in positions], script)
        found += [position for position, flag in zip(positions, may, strict=True) if flag]
    return sorted(found)


@check("wrong_script", Severity.WARNING, _other_script)
def wrong_script(pair: Pair, context: CheckContext) -> Iterator[str]:
    """Characters of the other Chinese script in a Simplified or Traditional target.

    A name the source glosses in the other script (中國日報社) is written in the target's script
    all the same.
    """
    script = chinese_script(pair.target_lang)
    if script is None:
        return
    text = context.facts(pair).target_plain
    for span in other_script_spans(text, script):
        written = f'{pair.target_lang} writes "{span.converted}"'
        yield f'"{span.text}" is {_NAMES[script]} Chinese; {written}'
