"""Ranges, whose bare first end takes what is written after the second: 3~5억, 3-5 million."""

from __future__ import annotations

import re
from decimal import Decimal

from reference_numbers.digits import ONE, div, mul
from reference_numbers.mention import NumberKind, replaced
from reference_numbers.scan import Found, Scan

_GAP = {
    "en": re.compile(r"\s*[-~]\s*|\s+(?i:to|or|and)\s+"),
    "ko": re.compile(r"\s*(?:[-~]|내지|에서)\s*"),
    "zh": re.compile(r"\s*[-~至到或]\s*"),
    "ja": re.compile(r"\s*(?:[-~]|から|至)\s*"),
    "other": re.compile(r"\s*[-~]\s*"),
}
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween\s+)$")
_MONTH_NUMBERS = frozenset(Decimal(month) for month in range(1, 13))


def join_ranges(scan: Scan, found: list[Found]) -> None:
    """Let a range's bare first end take the unit, scale and kind written after its second."""
    gap = _GAP[scan.lang.family]
    for index in range(len(found) - 2, -1, -1):  # right to left, so 1~2~3억 reaches the 1
        left, right = found[index], found[index + 1]
        a, b = left.mention, right.mention
        joint = gap.fullmatch(scan.folded, a.end, b.start)
        if joint is None or a.kind is not NumberKind.CARDINAL or a.unit is not None:
            continue
        if joint.group().strip().lower() == "and" and not scan.before(_BETWEEN_BEFORE, a.start, 10):
            continue
        if b.kind is NumberKind.DATE and b.month and not b.day and not b.year:
            if a.value in _MONTH_NUMBERS and not left.has_units:
                month = int(a.value)
                left.mention = replaced(
                    a, kind=NumberKind.DATE, value=Decimal(month * 100), month=month
                )
            continue
        if b.kind in (NumberKind.DATE, NumberKind.TIME):
            continue
        value, scale = a.value, ONE
        if not left.has_units and right.has_units:
            scale = right.lead_scale
        elif left.has_units and left.large is None and right.large is not None:
            scale = right.large
        if scale != ONE:
            if not a.value < div(b.value, scale):
                continue  # "in 2019 - 5 million people" is no range
            value = mul(value, scale)
            left.has_units, left.lead_scale, left.large = True, right.lead_scale, right.large
        kind = b.kind if b.kind is not NumberKind.YEAR or 1000 <= value <= 2999 else a.kind
        left.mention = replaced(a, value=value, kind=kind, unit=b.unit)
