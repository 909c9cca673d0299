"""A number, date or time found in a text, and what kind of value it is."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from typing import Any


class NumberKind(StrEnum):
    """What a number mention denotes: values are compared, the kind shapes the pairing."""

    CARDINAL = "cardinal"
    ORDINAL = "ordinal"
    PERCENT = "percent"
    MONEY = "money"
    YEAR = "year"
    DATE = "date"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number, date or time in a text; `text` is what was written at [start, end)."""

    start: int
    end: int
    text: str
    value: Decimal
    """The number; YYYYMMDD for a date (missing parts 0); HHMM for a time."""
    kind: NumberKind = NumberKind.CARDINAL
    spelled: bool = False
    """Written without digits (five, 五, 삼천, 세 명): small ones may be dropped or added."""
    unit: str | None = None
    """The counter or unit, normalised where known: year, person, KRW, USD, %."""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    ambiguous: bool = False
    """Day and month may be swapped (1/3/2024), or the hour is on an unknown 12-hour clock."""


_FIELD_NAMES = tuple(field.name for field in fields(NumberMention))
_FIELD_INDEX = {name: index for index, name in enumerate(_FIELD_NAMES)}
_FIELD_VALUES = attrgetter(*_FIELD_NAMES)


def replaced(mention: NumberMention, **changes: Any) -> NumberMention:
    """dataclasses.replace for mentions, several times faster (every English year takes one)."""
    values = list(_FIELD_VALUES(mention))
    for name, value in changes.items():
        values[_FIELD_INDEX[name]] = value
    return NumberMention(*values)
