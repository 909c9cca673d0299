"""Traditional and Simplified Chinese: the script a language tag asks for, and OpenCC conversions.

Conversions are OpenCC's phrase-aware ones (乾隆 stays, 乾燥 becomes 干燥). A character counts
as written in the other script only when every regional convention converts it: 台 is
Simplified in mainland terms but Hong Kong writes it in Traditional text (台灣), and 峰, 裡 or
着 are Traditional in Taiwan; only what no convention keeps (国, 发, 後 in a Simplified text;
国, 发 in a Traditional one) is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from workbench.domain.model import Term


class ChineseScript(StrEnum):
    """The two ways of writing Chinese."""

    SIMPLIFIED = "Hans"
    TRADITIONAL = "Hant"


_REGION_SCRIPTS = {
    "cn": ChineseScript.SIMPLIFIED,
    "sg": ChineseScript.SIMPLIFIED,
    "my": ChineseScript.SIMPLIFIED,
    "tw": ChineseScript.TRADITIONAL,
    "hk": ChineseScript.TRADITIONAL,
    "mo": ChineseScript.TRADITIONAL,
}
_TO_SCRIPT = {ChineseScript.SIMPLIFIED: "t2s", ChineseScript.TRADITIONAL: "s2t"}
_EVERY_CONVENTION = {
    ChineseScript.SIMPLIFIED: ("t2s", "tw2s", "hk2s"),
    ChineseScript.TRADITIONAL: ("s2t", "s2tw", "s2hk"),
}
"""Conversions into a script by each regional convention: a character all of them change is
in the other script."""
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
MAX_GAP = 2
"""Characters of both scripts between two of the other script that one span takes in: 中國日報."""


@lru_cache(maxsize=64)
def chinese_script(lang: str) -> ChineseScript | None:
    """The script a Chinese language tag settles: zh-Hans, zh-CN, zh-SG -> Simplified; zh-Hant,
    zh-TW, zh-HK, zh-MO -> Traditional; None for plain zh and other languages."""
    parts = lang.replace("_", "-").lower().split("-")
    if parts[0] != "zh":
        return None
    for part in parts[1:]:
        if part == "hans":
            return ChineseScript.SIMPLIFIED
        if part == "hant":
            return ChineseScript.TRADITIONAL
    for part in parts[1:]:
        if part in _REGION_SCRIPTS:
            return _REGION_SCRIPTS[part]
    return None


@cache
def _converter(config: str) -> Callable[[str], str]:
    import opencc  # loading OpenCC is needless for most commands

    convert: Callable[[str], str] = opencc.OpenCC(config).convert
    return convert


def convert(text: str, script: ChineseScript) -> str:
    """Text written in script, converted phrase by phrase (OpenCC t2s or s2t)."""
    return _converter(_TO_SCRIPT[script])(text)


def han_variant(text: str) -> str | None:
    """traditional, simplified, or None when the text reads the same in both."""
    if _converter("t2s")(text) != text:
        return "traditional"
    if _converter("s2t")(text) != text:
        return "simplified"
    return None


def han_variants(texts: Sequence[str]) -> list[str | None]:
    """han_variant of each text, with one OpenCC call per conversion for all of them.

    The texts are converted joined by line breaks, which no OpenCC phrase holds, so each is
    segmented and converted as it is alone (as in may_hold_other_script).
    """
    if not texts:
        return []
    if any("\n" in text for text in texts):
        return [han_variant(text) for text in texts]
    simplified = _converter("t2s")("\n".join(texts)).split("\n")
    if len(simplified) != len(texts):
        return [han_variant(text) for text in texts]
    found: list[str | None] = [
        "traditional" if after != before else None
        for before, after in zip(texts, simplified, strict=True)
    ]
    same = [n for n, variant in enumerate(found) if variant is None]
    if not same:
        return found
    traditional = _converter("s2t")("\n".join(texts[n] for n in same)).split("\n")
    if len(traditional) != len(same):
        return [han_variant(text) for text in texts]
    for n, after in zip(same, traditional, strict=True):
        if after != texts[n]:
            found[n] = "simplified"
    return found


def chinese_scripts(text: str) -> tuple[str, str]:
    """The traditional and simplified forms of Han text."""
    return _converter("s2t")(text), _converter("t2s")(text)


@dataclass(frozen=True, slots=True)
class ScriptSpan:
    """Characters written in the other script, and how the wanted script writes them."""

    start: int
    end: int
    text: str
    converted: str


def _changed(
    run: str, script: ChineseScript, conversions: Sequence[str] | None = None
) -> tuple[list[bool], str]:
    """Which characters of a Han run every convention into script changes, in phrase context,
    and the run as the first convention writes it (character for character).

    conversions: the run as each convention converts it, when already converted.
    """
    changed = [True] * len(run)
    written = run
    for number, config in enumerate(_EVERY_CONVENTION[script]):
        converted = _converter(config)(run) if conversions is None else conversions[number]
        if converted == run:  # no character changed: none is in the other script
            return [False] * len(run), written
        if len(converted) != len(run):  # a phrase changed length: judge characters alone
            converted = "".join(_converter(config)(char)[:1] or char for char in run)
        if number == 0:
            written = converted
        changed = [
            still and before != after
            for still, before, after in zip(changed, run, converted, strict=True)
        ]
    return changed, written


def may_hold_other_script(texts: Sequence[str], script: ChineseScript) -> list[bool]:
    """For each text, False when none of its characters can be in the other script than
    script: other_script_spans then finds nothing. One OpenCC call for all the texts.

    A character is in the other script only if the first convention's conversion of its Han
    run changes it; the runs are converted joined by line breaks, which no OpenCC phrase
    holds, so each run is segmented and converted as it is alone.
    """
    runs = [_HAN_RUN.findall(text) for text in texts]
    lines = [run for found in runs for run in found]
    if not lines:
        return [False] * len(texts)
    converted = _converter(_EVERY_CONVENTION[script][0])("\n".join(lines)).split("\n")
    if len(converted) != len(lines):
        return [True] * len(texts)
    changed = iter([before != after for before, after in zip(lines, converted, strict=True)])
    return [any([next(changed) for _ in found]) for found in runs]


def _converted_lines(lines: list[str], config: str) -> list[str] | None:
    """Each line converted as it is alone, in one OpenCC call (no phrase holds a line break);
    None when the lines do not come back one for one."""
    converted = _converter(config)("\n".join(lines)).split("\n")
    return converted if len(converted) == len(lines) else None


def _changed_many(runs: list[str], script: ChineseScript) -> list[tuple[list[bool], str]]:
    """_changed of each Han run, each convention converting all the runs in one call."""
    if not runs:
        return []
    by_convention = [_converted_lines(runs, config) for config in _EVERY_CONVENTION[script]]
    if any(converted is None for converted in by_convention):
        return [_changed(run, script) for run in runs]
    return [
        _changed(run, script, conversions)
        for run, conversions in zip(runs, zip(*by_convention, strict=True), strict=True)
    ]


def other_script_spans_many(texts: Sequence[str], script: ChineseScript) -> list[list[ScriptSpan]]:
    """other_script_spans of each text, the Han runs of all of them converted together."""
    if any("\n" in text for text in texts):
        return [other_script_spans(text, script) for text in texts]
    runs = [list(_HAN_RUN.finditer(text)) for text in texts]
    changes = iter(_changed_many([run.group() for found in runs for run in found], script))
    return [
        _spans(text, [(run, *next(changes)) for run in found])
        for text, found in zip(texts, runs, strict=True)
    ]


def other_script_spans(text: str, script: ChineseScript) -> list[ScriptSpan]:
    """Spans of text written in the other script than script (中國 in a Simplified text)."""
    return _spans(text, [(run, *_changed(run.group(), script)) for run in _HAN_RUN.finditer(text)])


def _spans(text: str, runs: list[tuple[re.Match[str], list[bool], str]]) -> list[ScriptSpan]:
    """The spans of text in the other script, from each Han run's changed characters."""
    spans: list[ScriptSpan] = []
    for run, flags, written in runs:
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


@dataclass(frozen=True, slots=True)
class ScriptedTerm:
    """A term as a Chinese target script shows it."""

    term: Term
    text: str
    """The term's text, in the target's script."""
    converted: bool
    """True when text is OpenCC's conversion of a term the base has in the other script only."""


def term_script(term: Term) -> ChineseScript | None:
    """The script a Chinese term is written in: by its tag, else by its characters; None when
    it reads the same in both (王磊) or is no Chinese term."""
    if not _is_chinese(term):
        return None
    script = chinese_script(term.lang)
    if script is not None:
        return script
    variant = han_variant(term.text)
    if variant is None:
        return None
    return ChineseScript.TRADITIONAL if variant == "traditional" else ChineseScript.SIMPLIFIED


def targets_for_script(terms: Sequence[Term], target_lang: str) -> list[ScriptedTerm]:
    """The renderings to offer for a target, Chinese ones in the target's script only.

    For a zh-Hans, zh-Hant, zh-TW or zh-HK target (see chinese_script) the Chinese terms of
    the other script are left out; when the term base has none in the target's script, they
    are shown converted (OpenCC, phrase by phrase) and marked so. Terms of other languages and
    targets that settle no script (zh, ko, ...) are offered as they are, in the order given.
    """
    script = chinese_script(target_lang)
    if script is None:
        return [ScriptedTerm(term, term.text, False) for term in terms]
    scripts = [term_script(term) for term in terms]
    other = _other(script)
    has_own = any(
        found is not other and _is_chinese(term) for term, found in zip(terms, scripts, strict=True)
    )
    shown: list[ScriptedTerm] = []
    seen: set[str] = set()
    for term, found in zip(terms, scripts, strict=True):
        if found is not other:
            shown.append(ScriptedTerm(term, term.text, False))
        elif not has_own:
            text = convert(term.text, script)
            if text not in seen:
                seen.add(text)
                shown.append(ScriptedTerm(term, text, text != term.text))
    return shown


def _other(script: ChineseScript) -> ChineseScript:
    if script is ChineseScript.SIMPLIFIED:
        return ChineseScript.TRADITIONAL
    return ChineseScript.SIMPLIFIED


def _is_chinese(term: Term) -> bool:
    return term.lang.replace("_", "-").split("-")[0].lower() == "zh"
