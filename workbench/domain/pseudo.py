"""Pseudo-translation: a visibly transformed, longer text that keeps codes and placeholders.

As Okapi's and OmegaT's pseudo-translation, it tests a file before real work: export the
pseudo-translated document and every translatable piece shows up transformed (⟦…⟧ around
it, so a truncated string shows a missing ⟧), longer by `expand` percent (layouts that
break on longer languages show), in accented Latin or in Hangul or Han lookalikes (fonts,
widths and line breaking of Korean and Chinese show). What a translation must keep as it is
stays untouched: inline-code characters, printf and brace placeholders, ICU argument syntax
(the texts of its branches are transformed), URLs, e-mail addresses, literal HTML/XML tags,
character references and backslash escapes. Digits are kept so number checks stay quiet.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Literal

from workbench.domain.checks.markup import protected_spans
from workbench.domain.document import code_index

PseudoScript = Literal["latin", "hangul", "han"]
SCRIPTS: tuple[PseudoScript, ...] = ("latin", "hangul", "han")
OPEN, CLOSE = "⟦", "⟧"
"""Around every pseudo-translated text; no check counts them as brackets or quotes."""
DEFAULT_EXPAND = 30
"""Percent longer than the source, about what German or French adds to English."""

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()
_LETTERS: dict[PseudoScript, str] = {
    "latin": "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
    "hangul": "아브츠드에프그흐이즈크르므느오퍼쿠러스트우브워크유즈"
    "앙븡층등엥픙긍흥잉증킁릉믕능옹펑쿵렁승틍웅븡웡킁융증",
    "han": "卂乃匚刀乇下厶卄工丁长乚从几口尸甲尺丂丅凵丷山乂丫乙"
    "丹日亡巳王千呂廾土了片乚冊冂回戶由几弓丁凹丷山义丫乙",
}
_FILLER: dict[PseudoScript, str] = {
    "latin": "ļöŕéɱ îþšûɱ ðöļöŕ šîţ åɱéţ ",
    "hangul": "가나다라 마바사 아자차 ",
    "han": "測試文字填充內容",
}
# Character references (&amp; &#38;) and backslash escapes (\n, \", \u00e9, SRT's \N and \h).
_ESCAPES = re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|\\(?:u[0-9A-Fa-f]{4}|.)")
_ICU_BRANCHES = re.compile(r"\s*([A-Za-z_]\w*|\d+)\s*,\s*(plural|select|selectordinal)\s*,")
_ICU_KEY = re.compile(r"\s*(offset:\s*\d+\s*)?(=?[\w-]+)\s*\{")


def pseudo_text(text: str, expand: int = DEFAULT_EXPAND, script: PseudoScript = "latin") -> str:
    """Text pseudo-translated: ⟦transformed text + padding⟧, its outer whitespace kept.

    Blank text stays as it is (there is nothing to translate). expand is the percentage by
    which the visible text (codes not counted) grows, brackets not counted.
    """
    if script not in _LETTERS:
        raise ValueError(
            f"unknown pseudo-translation script {script!r} (known: latin, hangul, han)"
        )
    if expand < 0:
        raise ValueError("expand must be 0 or more percent")
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    end = start + len(core)
    visible = sum(1 for char in core if code_index(char) is None)
    padding = _padding(math.ceil(visible * expand / 100), script)
    return f"{text[:start]}{OPEN}{_transform(core, script)}{padding}{CLOSE}{text[end:]}"


def is_pseudo(text: str) -> bool:
    """True for a text pseudo_text made (⟦ … ⟧ around it, outer whitespace aside)."""
    core = text.strip()
    return core.startswith(OPEN) and core.endswith(CLOSE)


def _padding(length: int, script: PseudoScript) -> str:
    """length characters of filler, after a space where the script separates words."""
    if length <= 0:
        return ""
    filler = _FILLER[script]
    body = (filler * (length // len(filler) + 1))[:length].rstrip() or filler[0]
    return body if script == "han" else " " + body


def _transform(text: str, script: PseudoScript, keep_hash: bool = False) -> str:
    """Every character mapped, except in what must stay as it is (and `#` in a plural)."""
    kept = [*protected_spans(text), *((m.start(), m.end(), "") for m in _ESCAPES.finditer(text))]
    if keep_hash:
        kept += [(m.start(), m.end(), "") for m in re.finditer("#", text)]
    kept.sort()
    parts: list[str] = []
    position = 0
    for start, end, kind in kept:
        if start < position:
            continue  # inside a span already kept
        parts.append(_letters(text[position:start], script))
        span = text[start:end]
        parts.append(_icu(span, script) if kind == "icu" else span)
        position = end
    parts.append(_letters(text[position:], script))
    return "".join(parts)


class _Mapping(dict[int, str]):
    """A script's letter map that also maps accented Latin letters by their base letter."""

    def __init__(self, letters: str) -> None:
        super().__init__(zip(map(ord, _LOWER + _UPPER), letters, strict=True))

    def __missing__(self, key: int) -> str:
        char = chr(key)
        base = unicodedata.normalize("NFD", char)[0] if key > 0x7F else ""
        mapped = self.get(ord(base), char) if base and base != char else char
        self[key] = mapped
        return mapped


_MAPS = {script: _Mapping(letters) for script, letters in _LETTERS.items()}


def _letters(text: str, script: PseudoScript) -> str:
    """Plain text with its Latin letters mapped; code characters are not letters."""
    return text.translate(_MAPS[script])


def _icu(span: str, script: PseudoScript) -> str:
    """An ICU plural/select argument with its branch texts transformed, `#` kept."""
    head = _ICU_BRANCHES.match(span, 1)
    if head is None:
        return span  # {n, number, ...}, {d, date, short}: nothing to translate
    parts = [span[: head.end()]]
    position = head.end()
    while (key := _ICU_KEY.match(span, position)) is not None:
        close = _matching_brace(span, key.end() - 1)
        if close == -1:
            break
        parts.append(span[position : key.end()])
        plural = head.group(2) != "select"
        parts.append(_transform(span[key.end() : close], script, keep_hash=plural))
        parts.append("}")
        position = close + 1
    parts.append(span[position:])
    return "".join(parts)


def _matching_brace(text: str, start: int) -> int:
    """Index of the brace closing text[start] (a `{`), or -1."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1
