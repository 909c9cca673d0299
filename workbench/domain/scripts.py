"""Which writing system a character belongs to: decides the matching and gloss rules."""

from __future__ import annotations

from enum import StrEnum


class Script(StrEnum):
    """Scripts that change how terms are matched."""

    HANGUL = "hangul"
    HAN = "han"
    KANA = "kana"
    LATIN = "latin"
    OTHER_LETTER = "letter"
    DIGIT = "digit"
    SPACE = "space"
    OTHER = "other"


def script_of(char: str) -> Script:
    """The script of one character."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return Script.HANGUL
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or code == 0x3007
    ):
        return Script.HAN
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
        return Script.KANA
    if char.isspace():
        return Script.SPACE
    if char.isdigit():
        return Script.DIGIT
    if char.isalpha():
        if code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0xFF21 <= code <= 0xFF5A:
            return Script.LATIN
        return Script.OTHER_LETTER
    return Script.OTHER


def is_cjk(char: str) -> bool:
    """Hangul, Han or kana: scripts written without spaces between the parts of a name."""
    return script_of(char) in (Script.HANGUL, Script.HAN, Script.KANA)


def is_word_char(char: str) -> bool:
    """A letter or digit of a space-separated script (Latin, Cyrillic, Greek ...)."""
    # Range tests rather than script_of: term recognition asks this at every hit's edges.
    return char.isalnum() and (
        char < "\u1100" or "\u1e00" <= char <= "\u1fff" or "\uff10" <= char <= "\uff5a"
    )
