"""Cue timing lines (`00:01:02,500 --> 00:01:04,000 X1:..`), read as tolerantly as players do.

Accepted beyond the standards: hours left out or of any width, one-digit minutes and seconds,
a dot or a colon for the comma (and a comma for WebVTT's dot), milliseconds missing or with
fewer than three digits (read as a decimal fraction: `,5` is 500 ms), spaces around the
arrow, and anything after the end time (SubRip positions `X1:.. Y2:..`, WebVTT cue settings).
The line itself is never rewritten; what cannot be read is kept as it was and only loses
the checks that need a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[,.:](\d{1,3})\d*)?"
_TIMING = re.compile(rf"\s*{_TIME}\s*-{{1,2}}>\s*{_TIME}((?:\s.*)?)\Z", re.DOTALL)
_ARROW = re.compile(r"^\s*\d[\d:.,\s]*-{1,2}>")


@dataclass(frozen=True, slots=True)
class Timing:
    """A timing line read: start and end in milliseconds, and what followed the end time."""

    start_ms: int
    end_ms: int
    settings: str
    """Cue settings (WebVTT) or positions (SubRip) as written, outer whitespace removed."""


def _milliseconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> int:
    value = (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)
    return value * 1000 + (int(fraction.ljust(3, "0")) if fraction else 0)


def parse_timing(line: str) -> Timing | None:
    """The timing of a line that is one, else None."""
    match = _TIMING.match(line)
    if match is None:
        return None
    groups = match.groups()
    start = _milliseconds(*groups[0:4])
    end = _milliseconds(*groups[4:8])
    return Timing(start, end, groups[8].strip())


def looks_like_timing(line: str) -> bool:
    """A line that starts a cue: a time then an arrow, even one parse_timing cannot read."""
    return parse_timing(line) is not None or _ARROW.match(line) is not None


def format_time(milliseconds: int, separator: str) -> str:
    """hh:mm:ss,mmm (SubRip, separator ",") or hh:mm:ss.mmm (WebVTT, ".")."""
    seconds, millis = divmod(max(milliseconds, 0), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"
