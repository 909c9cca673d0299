"""How Korean writes Chinese names: Mandarin transcription and Sino-Korean (Hanja) reading.

Korean news writes Chinese personal and place names by the Mandarin sound (史軍 -> 스쥔,
Shǐ Jūn) under the National Institute of Korean Language's rules for Chinese, while the
Sino-Korean reading (사군) is the common wrong rendering. Both are needed to decide where a
name glossed in Han characters begins, and to flag a deprecated rendering.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from workbench.domain.chinese import ChineseScript, convert

# Initials as Hangul leading consonants (choseong index).
_INITIALS = {
    "b": 7, "p": 17, "m": 6, "f": 17, "d": 3, "t": 16, "n": 2, "l": 5, "g": 0, "k": 15,
    "h": 18, "j": 12, "q": 14, "x": 9, "zh": 12, "ch": 14, "sh": 9, "r": 5, "z": 13,
    "c": 14, "s": 10, "": 11,
}  # fmt: skip

# Finals as Hangul syllables after the leading consonant: (vowel index, final index) pairs;
# the first gets the initial, the rest are written with ㅇ.
_A, _AE, _YA, _EO, _E, _YEO, _YE, _O, _WA, _WAE, _OE, _YO, _U, _WO, _WE, _WI, _YU, _EU, _I = (
    0,
    1,
    2,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    20,
)
_N, _NG, _L = 4, 21, 8
_FINALS: dict[str, list[tuple[int, int]]] = {
    "a": [(_A, 0)], "o": [(_O, 0)], "e": [(_EO, 0)], "ai": [(_A, 0), (_I, 0)],
    "ei": [(_E, 0), (_I, 0)], "ao": [(_A, 0), (_O, 0)], "ou": [(_EO, 0), (_U, 0)],
    "an": [(_A, _N)], "en": [(_EO, _N)], "ang": [(_A, _NG)], "eng": [(_EO, _NG)],
    "er": [(_EO, _L)], "i": [(_I, 0)], "ia": [(_YA, 0)], "ie": [(_YE, 0)],
    "iao": [(_YA, 0), (_O, 0)], "iu": [(_YU, 0)], "ian": [(_YEO, _N)], "in": [(_I, _N)],
    "iang": [(_YA, _NG)], "ing": [(_I, _NG)], "iong": [(_YU, _NG)], "u": [(_U, 0)],
    "ua": [(_WA, 0)], "uo": [(_WO, 0)], "uai": [(_WA, 0), (_I, 0)], "ui": [(_U, 0), (_I, 0)],
    "uei": [(_WE, 0), (_I, 0)], "uan": [(_WA, _N)], "un": [(_U, _N)], "uen": [(_WO, _N)],
    "uang": [(_WA, _NG)], "ong": [(_U, _NG)],
    "v": [(_WI, 0)], "ve": [(_WE, 0)], "van": [(_WI, 0), (_A, _N)], "vn": [(_WI, _N)],
}  # fmt: skip
_PLAIN_AFTER_AFFRICATE = {_YA: _A, _YE: _E, _YO: _O, _YU: _U, _YEO: _EO}
_SIBILANTS = ("zh", "ch", "sh", "r", "z", "c", "s")


def _syllable(initial: int, vowel: int, final: int) -> str:
    return chr(0xAC00 + (initial * 21 + vowel) * 28 + final)


def _split(pinyin: str) -> tuple[str, str]:
    """Initial and final of a toneless pinyin syllable (y/w spelled as medials)."""
    for initial in ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcs"):
        if pinyin.startswith(initial):
            return initial, pinyin[len(initial) :]
    return "", pinyin


def _respell(initial: str, final: str) -> str:
    """Pinyin spelling rules undone: yu -> v, wu -> u, jun -> jvn, iu/ui/un as written."""
    if not initial:
        if final.startswith("yu"):
            return "v" + final[2:]
        if final.startswith("yi"):
            return final[1:]
        if final.startswith("y"):
            return "i" + final[1:]
        if final.startswith("wu"):
            return final[1:]
        if final.startswith("w"):
            return "u" + final[1:]
    if initial in ("j", "q", "x") and final.startswith("u"):
        return "v" + final[1:]
    return final.replace("ü", "v")


def mandarin_to_hangul(pinyin: str) -> str:
    """One toneless pinyin syllable in Hangul (shi -> 스, jun -> 쥔, lei -> 레이)."""
    initial, final = _split(pinyin.lower())
    final = _respell(initial, final)
    if initial in _SIBILANTS and final == "i":
        parts = [(_EU, 0)]
    elif final == "weng" or (not initial and final == "ueng"):
        parts = [(_WO, _NG)]
    else:
        parts = _FINALS.get(final, [])
    if not parts:
        return ""
    vowel, last = parts[0]
    if initial in ("j", "q", "zh", "ch", "z", "c") and vowel in _PLAIN_AFTER_AFFRICATE:
        vowel = _PLAIN_AFTER_AFFRICATE[vowel]
    text = _syllable(_INITIALS[initial], vowel, last)
    return text + "".join(_syllable(11, v, f) for v, f in parts[1:])


@cache
def _pinyin() -> object:
    import pypinyin  # loads its dictionary: only when a Han gloss needs it

    return pypinyin


def mandarin_reading(han: str) -> str:
    """The Korean transcription of the Mandarin reading of Han text (史軍 -> 스쥔, 重慶 -> 충칭)."""
    return "".join(
        mandarin_to_hangul(s) if s.isascii() and s.isalpha() else s for s in _pinyin_syllables(han)
    )


def _pinyin_syllables(han: str) -> list[str]:
    """Toneless pinyin of each character, Traditional text read as Simplified.

    pypinyin's phrase readings are Simplified only (重庆 chong-qing, but 重慶 zhong-qing), so
    the text is converted first. Where the converted phrase leaves a character several readings
    (朝阳: zhao or chao), the reading of the character as written decides (朝陽: chao).
    """
    pypinyin: Any = _pinyin()
    normal = pypinyin.Style.NORMAL
    simplified = convert(han, ChineseScript.SIMPLIFIED)
    written = pypinyin.pinyin(han, style=normal, v_to_u=False)
    if simplified == han or len(simplified) != len(han):
        return [readings[0] for readings in written]
    converted = pypinyin.pinyin(simplified, style=normal, heteronym=True, v_to_u=False)
    if len(converted) != len(written):
        return [readings[0] for readings in written]
    syllables = []
    for as_written, candidates in zip(written, converted, strict=True):
        reading = as_written[0]
        syllables.append(reading if reading in candidates else candidates[0])
    return syllables


def sino_korean_reading(han: str) -> str:
    """The Sino-Korean (Hanja) reading of Han text (中國日報社 -> 중국일보사, 史軍 -> 사군)."""
    import hanja  # its reading table ships in the package

    reading: str = hanja.translate(han, "substitution")
    return reading
