"""The Chinese script of a target: Simplified for zh-Hans (zh-CN, zh-SG), Traditional for
zh-Hant (zh-TW, zh-HK, zh-MO)."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.chinese import ChineseScript, chinese_script, other_script_spans

_NAMES = {ChineseScript.SIMPLIFIED: "Traditional", ChineseScript.TRADITIONAL: "Simplified"}


@check("wrong_script", Severity.WARNING)
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
