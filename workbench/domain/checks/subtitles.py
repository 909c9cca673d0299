"""Subtitle checks: characters per line, lines per cue, reading speed (subtitle cues only).

They judge the lines export will write: the target wrapped as the subtitle formats wrap it
for the target language (domain.subtitles), so a line break the translator typed counts.
Limits come from the profile, by target language first:

    [settings]
    "subtitle_line_length.max" = 42     # any language without its own limit
    "subtitle_line_length.ko" = 16      # by primary language (default 16 for ko, zh, ja)
    "subtitle_lines.max" = 2
    "subtitle_reading_speed.max" = 17   # characters per second
    "subtitle_reading_speed.ja" = 4     # (defaults: ko 9, zh 9, ja 7)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.checks.screens import cues
from workbench.domain.langtags import CJK_LANGS, primary_lang
from workbench.domain.subtitles import (
    MAX_LINES,
    line_length,
    reading_length,
    reading_speed,
    visible_length,
    wrap_lines,
)


def _limit(
    context: CheckContext, check_id: str, lang: str, default: Callable[[str], float]
) -> float:
    """The profile's limit for the language, else its own default, else the profile's max."""
    primary = primary_lang(lang)
    specific = context.profile.setting(f"{check_id}.{primary}", None)
    if specific is not None:
        return float(specific)
    general = context.profile.setting(f"{check_id}.max", None)
    if general is not None and primary not in CJK_LANGS:
        return float(general)
    return default(lang)


def _lines(pair: Pair) -> list[str]:
    """The target's lines as export writes them."""
    return wrap_lines(pair.target, line_length(pair.target_lang))


@check("subtitle_line_length", Severity.WARNING, cues)
def subtitle_line_length(pair: Pair, context: CheckContext) -> Iterable[str]:
    """A subtitle line longer than the characters-per-line limit."""
    if pair.cue is None or not pair.target.strip():
        return
    limit = int(_limit(context, "subtitle_line_length", pair.target_lang, line_length))
    for number, line in enumerate(_lines(pair), 1):
        length = visible_length(line)
        if length > limit:
            yield f"line {number} has {length} characters, more than {limit}"


@check("subtitle_lines", Severity.WARNING, cues)
def subtitle_lines(pair: Pair, context: CheckContext) -> Iterable[str]:
    """A subtitle cue with more lines than allowed."""
    if pair.cue is None or not pair.target.strip():
        return
    most = int(context.profile.setting("subtitle_lines.max", MAX_LINES))
    count = len(_lines(pair))
    if count > most:
        yield f"{count} lines in the cue, more than {most}"


@check("subtitle_reading_speed", Severity.WARNING, cues)
def subtitle_reading_speed(pair: Pair, context: CheckContext) -> Iterable[str]:
    """A subtitle cue with more characters per second than viewers can read."""
    cue = pair.cue
    if cue is None or cue.seconds <= 0 or not pair.target.strip():
        return
    limit = _limit(context, "subtitle_reading_speed", pair.target_lang, reading_speed)
    characters = reading_length(pair.target)
    speed = characters / cue.seconds
    if speed > limit:
        yield (
            f"reading speed {speed:.1f} characters per second, more than {limit:g} "
            f"({characters} characters in {cue.seconds:g} s)"
        )
