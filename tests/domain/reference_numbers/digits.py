"""Digits with group separators and decimal marks, read as exact values."""

from __future__ import annotations

import re
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal

# Values are exact; this context only keeps huge inputs from rounding early or overflowing.
CONTEXT = Context(prec=60, Emax=MAX_EMAX, Emin=MIN_EMIN)
add, mul, div = CONTEXT.add, CONTEXT.multiply, CONTEXT.divide
ZERO, ONE, TEN = Decimal(0), Decimal(1), Decimal(10)


def core(spaced: bool) -> str:
    """Digits with separators; a plain space groups them only where spaced is true."""
    space = "[\u00a0 ]" if spaced else "\u00a0"
    return rf"\d+(?:(?:[.,]|{space}(?=\d{{3}}(?!\d)))\d+)*"


CORE = core(False)
# A number does not start inside a word or a dotted code (A4, v1.2).
START = r"(?<![A-Za-z_\d])(?<![A-Za-z_\d][.,])"
DIGIT_RUN = re.compile(r"\d+")
_SEPARATOR = re.compile(r"([.,\u00a0 ])")
# The shapes that need no deciding, by whether the language writes a decimal comma.
_USUAL_DIGITS = {
    False: re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
    True: re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
}


def read_digits(raw: str, decimal_comma: bool) -> Decimal | None:
    """The value of digits with separators, or None when the separators make no one number."""
    if _USUAL_DIGITS[decimal_comma].fullmatch(raw):  # 1,000 or 3.5 (1.000 or 3,5)
        if decimal_comma:
            return Decimal(raw.replace(".", "").replace(",", "."))
        return Decimal(raw.replace(",", ""))
    pieces = _SEPARATOR.split(raw)
    if len(pieces) == 1:
        return Decimal(raw)
    digits, marks = pieces[0::2], pieces[1::2]
    hard = [mark for mark in marks if mark in ".,"]
    decimal = False
    if "." in hard and "," in hard:
        if marks[-1] not in ".," or hard.count(marks[-1]) != 1:
            return None
        decimal = True
    elif len(hard) == 1 and marks[-1] == hard[0]:
        native = "," if decimal_comma else "."
        if hard[0] == native:
            decimal = True
        elif len(digits[-1]) != 3:
            if hard[0] == ",":
                return None  # 3,5 in English: a list, not a number
            decimal = True  # 3.5 is three and a half even where the comma is the decimal mark
    whole, whole_marks = (digits[:-1], marks[:-1]) if decimal else (digits, marks)
    if whole_marks and not _grouped(whole, whole_marks):
        return None
    return Decimal("".join(whole) + ("." + digits[-1] if decimal else ""))


def _grouped(digits: list[str], marks: list[str]) -> bool:
    """Thousands grouping (1,000,000) or Indian lakh grouping (1,00,000), one mark throughout."""
    if len({"space" if mark in "\u00a0 " else mark for mark in marks}) != 1:
        return False
    if 1 <= len(digits[0]) <= 3 and all(len(group) == 3 for group in digits[1:]):
        return True
    return (
        marks[0] == ","
        and len(digits[0]) <= 2
        and all(len(group) == 2 for group in digits[1:-1])
        and len(digits[-1]) == 3
    )


def plain(value: Decimal) -> str:
    """A value as plain digits: 320000000000, 1.5, -3."""
    if not value:
        return "0"
    return format(value.normalize(CONTEXT), "f")
