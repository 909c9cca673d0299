r"""Java regular expressions (as SRX rules are written) translated to Python's `re`.

SRX prescribes Java's syntax: `\p{Lu}`, `\p{IsAlphabetic}`, POSIX classes, `\x{...}`,
possessive quantifiers, inline flags that stay on to the end of the group. `java_regex` gives
an equivalent `re` pattern; what `re` cannot express raises JavaRegexError.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_INLINE_FLAGS = re.compile(r"\(\?([idmsuxU]*)(?:-([idmsuxU]*))?([:)])")
_MAX_CODE = 0x10FFFF

Ranges = tuple[tuple[int, int], ...]


class JavaRegexError(ValueError):
    """A Java regular expression that cannot be translated (or compiled) for Python."""


_HORIZONTAL_SPACE: Ranges = ((0x09, 0x09), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680),
                             (0x180E, 0x180E), (0x2000, 0x200A), (0x202F, 0x202F),
                             (0x205F, 0x205F), (0x3000, 0x3000))  # fmt: skip
_VERTICAL_SPACE: Ranges = ((0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029))
_WHITE_SPACE: Ranges = ((0x09, 0x0D), (0x20, 0x20), (0x85, 0x85), (0xA0, 0xA0),
                        (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F),
                        (0x205F, 0x205F), (0x3000, 0x3000))  # fmt: skip
# Java's POSIX classes are ASCII-only unless UNICODE_CHARACTER_CLASS is on.
_POSIX: dict[str, Ranges] = {
    "lower": ((0x61, 0x7A),),
    "upper": ((0x41, 0x5A),),
    "ascii": ((0x00, 0x7F),),
    "alpha": ((0x41, 0x5A), (0x61, 0x7A)),
    "digit": ((0x30, 0x39),),
    "alnum": ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)),
    "punct": ((0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)),
    "graph": ((0x21, 0x7E),),
    "print": ((0x20, 0x7E),),
    "blank": ((0x09, 0x09), (0x20, 0x20)),
    "cntrl": ((0x00, 0x1F), (0x7F, 0x7F)),
    "xdigit": ((0x30, 0x39), (0x41, 0x46), (0x61, 0x66)),
    "space": ((0x09, 0x0D), (0x20, 0x20)),
    "whitespace": _WHITE_SPACE,
    "white_space": _WHITE_SPACE,
    "javawhitespace": _WHITE_SPACE,
}
# Binary and java.lang.Character properties, as unions of general categories.
_CATEGORY_ALIASES = {
    "alphabetic": "L Nl",
    "letter": "L",
    "lowercase": "Ll",
    "uppercase": "Lu",
    "titlecase": "Lt",
    "punctuation": "P",
    "control": "Cc",
    "javalowercase": "Ll",
    "javauppercase": "Lu",
    "javatitlecase": "Lt",
    "javadigit": "Nd",
    "javaletter": "L",
    "javaletterordigit": "L Nd",
    "javaalphabetic": "L Nl",
    "javaspacechar": "Z",
    "lc": "Lu Ll Lt",
    "l&": "Lu Ll Lt",
}
_CHAR_ESCAPES = {"t": 0x09, "n": 0x0A, "r": 0x0D, "f": 0x0C, "a": 0x07, "e": 0x1B}


_UNIFORM_BLOCKS = (
    (0xAC00, 0xD7A3, "Lo"),  # Hangul syllables
    (0xD800, 0xDFFF, "Cs"),  # surrogates
    (0xE000, 0xF8FF, "Co"),  # private use
    (0x40000, 0xDFFFF, "Cn"),  # planes 4 to 13: nothing assigned up to Unicode 16
    (0xF0000, 0xFFFFD, "Co"),  # supplementary private use A
    (0x100000, 0x10FFFD, "Co"),  # supplementary private use B
)
"""Blocks of one category, taken whole: they are three quarters of the code points, and a
segmenter is built in every process that imports a document (tests check them against
unicodedata)."""


@cache
def _category_runs() -> tuple[tuple[int, int, str], ...]:
    """Every code point as runs of one general category (computed once: about 4,000 runs)."""
    runs: list[tuple[int, int, str]] = []

    def add(low: int, high: int, category: str) -> None:
        if runs and runs[-1][2] == category and runs[-1][1] == low - 1:
            runs[-1] = (runs[-1][0], high, category)
        else:
            runs.append((low, high, category))

    def scan(low: int, high: int) -> None:
        start, current = low, unicodedata.category(chr(low))
        for code in range(low + 1, high + 1):
            category = unicodedata.category(chr(code))
            if category != current:
                add(start, code - 1, current)
                start, current = code, category
        add(start, high, current)

    position = 0
    for low, high, category in _UNIFORM_BLOCKS:
        if position < low:
            scan(position, low - 1)
        add(low, high, category)
        position = high + 1
    if position <= _MAX_CODE:
        scan(position, _MAX_CODE)
    return tuple(runs)


@cache
def _general_categories() -> frozenset[str]:
    """The general category names, `Lu`, `Ll` ..., and their one-letter groups `L`, `N` ..."""
    names = {category for _, _, category in _category_runs()}
    return frozenset(names | {name[0] for name in names})


def _categories(names: str) -> Ranges:
    """Code point ranges of the general categories named (`Lu`, or `L` for all letters)."""
    wanted = tuple(names.split())
    ranges: list[tuple[int, int]] = []
    for low, high, category in _category_runs():
        if category.startswith(wanted):
            if ranges and ranges[-1][1] == low - 1:
                ranges[-1] = (ranges[-1][0], high)
            else:
                ranges.append((low, high))
    return tuple(ranges)


@cache
def _property(name: str) -> Ranges:
    """Code point ranges of a Java `\\p{...}` property."""
    key = name
    for prefix in ("general_category=", "gc=", "Is", "is"):
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
            break
    if key in _general_categories():
        return _categories(key)
    if key.casefold() in _POSIX:
        return _POSIX[key.casefold()]
    if key.casefold() in _CATEGORY_ALIASES:
        return _categories(_CATEGORY_ALIASES[key.casefold()])
    raise JavaRegexError(f"unsupported Unicode property \\p{{{name}}}")


def _complement(ranges: Ranges) -> Ranges:
    """The code points outside ranges."""
    result: list[tuple[int, int]] = []
    next_low = 0
    for low, high in sorted(ranges):
        if low > next_low:
            result.append((next_low, low - 1))
        next_low = max(next_low, high + 1)
    if next_low <= _MAX_CODE:
        result.append((next_low, _MAX_CODE))
    return tuple(result)


def _class_char(code: int) -> str:
    """One code point, written so that it means itself inside or outside a class."""
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def _class_body(ranges: Ranges) -> str:
    """Character class content for ranges."""
    return "".join(
        _class_char(low) if low == high else f"{_class_char(low)}-{_class_char(high)}"
        for low, high in ranges
    )


def _property_body(pattern: str, i: int) -> tuple[str, int]:
    """Class content for the `\\p{..}`, `\\P{..}` or `\\pL` at pattern[i], and its end."""
    if pattern.startswith("{", i + 2):
        close = pattern.find("}", i + 3)
        if close < 0:
            raise JavaRegexError("unclosed \\p{")
        name, end = pattern[i + 3 : close], close + 1
    elif i + 2 < len(pattern):
        name, end = pattern[i + 2], i + 3
    else:
        raise JavaRegexError("\\p without a property name")
    ranges = _property(name)
    return _class_body(_complement(ranges) if pattern[i + 1] == "P" else ranges), end


def _braced(pattern: str, i: int) -> tuple[str, int]:
    """The text of the `{...}` that starts at pattern[i], and the index after it."""
    close = pattern.find("}", i + 1)
    if not pattern.startswith("{", i) or close < 0:
        raise JavaRegexError("missing {...}")
    return pattern[i + 1 : close], close + 1


def _char_escape(pattern: str, i: int) -> tuple[int, int] | None:
    """The code point that the escape at pattern[i] stands for and its end; None if not one."""
    kind = pattern[i + 1]
    if kind in _CHAR_ESCAPES:
        return _CHAR_ESCAPES[kind], i + 2
    if kind == "x" and pattern.startswith("{", i + 2):
        digits, end = _braced(pattern, i + 2)
        return int(digits, 16), end
    if kind in "xu":
        width = 2 if kind == "x" else 4
        digits = pattern[i + 2 : i + 2 + width]
        if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise JavaRegexError(f"bad \\{kind} escape")
        return int(digits, 16), i + 2 + width
    if kind == "0":
        # Java reads up to three octal digits, the first of three being 0-3 (at most \0377).
        digits = ""
        for char in pattern[i + 2 : i + 5]:
            if char not in "01234567" or (len(digits) == 2 and digits[0] > "3"):
                break
            digits += char
        if not digits:
            raise JavaRegexError("bad \\0 escape")
        return int(digits, 8), i + 2 + len(digits)
    if kind == "c" and i + 2 < len(pattern):
        return ord(pattern[i + 2]) ^ 0x40, i + 3
    if kind == "N":
        name, end = _braced(pattern, i + 2)
        return ord(unicodedata.lookup(name)), end
    if not kind.isalnum():
        return ord(kind), i + 2
    return None


def _quoted(pattern: str, i: int) -> tuple[str, int]:
    """The literal text of the `\\Q...\\E` at pattern[i], and its end."""
    close = pattern.find("\\E", i + 2)
    if close < 0:
        return pattern[i + 2 :], len(pattern)
    return pattern[i + 2 : close], close + 2


def _class_atom(pattern: str, i: int) -> tuple[int | str, int]:
    """One member of a character class: a code point, or class content for a set of them."""
    if pattern[i] != "\\":
        return ord(pattern[i]), i + 1
    if i + 1 >= len(pattern):
        raise JavaRegexError("trailing backslash")
    kind = pattern[i + 1]
    if kind in "pP":
        return _property_body(pattern, i)
    if kind in "dDsSwW":
        return pattern[i : i + 2], i + 2
    if kind in "hHvV":
        ranges = _HORIZONTAL_SPACE if kind in "hH" else _VERTICAL_SPACE
        return _class_body(_complement(ranges) if kind.isupper() else ranges), i + 2
    if kind == "Q":
        literal, end = _quoted(pattern, i)
        return "".join(_class_char(ord(c)) for c in literal), end
    escaped = _char_escape(pattern, i)
    if escaped is None:
        raise JavaRegexError(f"unsupported escape \\{kind} in a character class")
    return escaped


def _one_of(body: list[str], nested: list[str]) -> str:
    """A one-character regex for a class's own members and its nested classes (a union)."""
    parts = (["[" + "".join(body) + "]"] if body else []) + nested
    if not parts:
        return "(?!)"
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """Translate the Java character class at pattern[i] into a one-character regex."""
    i += 1
    negated = pattern.startswith("^", i)
    i += negated
    operands: list[str] = []
    body: list[str] = []
    nested: list[str] = []
    first = True
    while True:
        if i >= len(pattern):
            raise JavaRegexError("unclosed character class")
        if pattern[i] == "]" and not first:
            i += 1
            break
        first = False
        if pattern[i] == "[":
            piece, i = _char_class(pattern, i)
            nested.append(piece)
        elif pattern.startswith("&&", i):
            operands.append(_one_of(body, nested))
            body, nested = [], []
            i += 2
        else:
            atom, i = _class_atom(pattern, i)
            if isinstance(atom, str):
                body.append(atom)
            elif pattern.startswith("-", i) and pattern[i + 1 : i + 2] not in ("]", "["):
                high, i = _class_atom(pattern, i + 1)
                if not isinstance(high, int) or high < atom:
                    raise JavaRegexError("bad range in a character class")
                body.append(f"{_class_char(atom)}-{_class_char(high)}")
            else:
                body.append(_class_char(atom))
    if not operands and not nested:
        if not body:
            return (r"[\s\S]" if negated else "(?!)"), i
        return ("[^" if negated else "[") + "".join(body) + "]", i
    operands.append(_one_of(body, nested))
    # Java's A&&B&&C: one character that B and C look at and A then takes.
    matched = "(?:" + "".join(f"(?={o})" for o in operands[1:]) + operands[0] + ")"
    return (rf"(?:(?!{matched})[\s\S])" if negated else matched), i


def _escape(pattern: str, i: int) -> tuple[str, int]:
    """Translate the escape at pattern[i] outside a character class."""
    if i + 1 >= len(pattern):
        raise JavaRegexError("trailing backslash")
    kind = pattern[i + 1]
    if kind in "pPhHvV":
        body, end = _class_atom(pattern, i)
        return f"[{body}]", end
    if kind == "Q":
        literal, end = _quoted(pattern, i)
        return re.escape(literal), end
    if kind in "dDsSwWbBA" or (kind.isdigit() and kind != "0"):
        return pattern[i : i + 2], i + 2
    if kind == "z":
        return r"\Z", i + 2
    if kind == "Z":
        return r"(?=\n?\Z)", i + 2
    if kind == "R":
        return r"(?:\r\n|[\n\x0b\x0c\r\x85\u2028\u2029])", i + 2
    if kind == "k":
        close = pattern.find(">", i + 3)
        if not pattern.startswith("<", i + 2) or close < 0:
            raise JavaRegexError("bad \\k<name> back reference")
        return f"(?P={pattern[i + 3 : close]})", close + 1
    escaped = _char_escape(pattern, i)
    if escaped is None:
        raise JavaRegexError(f"unsupported escape \\{kind}")
    code, end = escaped
    return re.escape(chr(code)), end


def _scoped_flags(on: str, off: str) -> str:
    """A Python scoped-flag group opener for Java flags (Unicode ones are Python's default)."""
    on = "".join(f for f in on if f in "imsx")
    off = "".join(f for f in off if f in "imsx")
    return f"(?{on}-{off}:" if off else f"(?{on}:"


def _translate(pattern: str) -> str:
    """Translate a Java regular expression, raising on what Python cannot express."""
    out: list[str] = []
    # Per open group, how many scoped-flag groups close with it: a Java `(?i)` holds to the
    # end of its enclosing group, while Python allows global flags only at the very start.
    scopes = [0]
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            piece, i = _escape(pattern, i)
        elif char == "[":
            piece, i = _char_class(pattern, i)
        elif char == "(":
            flags = _INLINE_FLAGS.match(pattern, i)
            if flags:
                piece, i = _scoped_flags(flags[1], flags[2] or ""), flags.end()
                if flags[3] == ")":
                    scopes[-1] += 1
                    out.append(piece)
                    continue
            elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
                piece, i = "(?P<", i + 3
            else:
                piece, i = "(", i + 1
            scopes.append(0)
        elif char == ")":
            if len(scopes) == 1:
                raise JavaRegexError("unbalanced parenthesis")
            piece, i = ")" * (scopes.pop() + 1), i + 1
        else:
            piece, i = char, i + 1
        out.append(piece)
    if len(scopes) != 1:
        raise JavaRegexError("unbalanced parenthesis")
    return "".join(out) + ")" * scopes[0]


def java_regex(pattern: str) -> str:
    """Translate a Java regular expression, as SRX files hold them, into Python `re` syntax."""
    try:
        return _translate(pattern)
    except JavaRegexError as error:
        raise JavaRegexError(f"cannot translate regex {pattern!r}: {error}") from error
    except (ValueError, KeyError, IndexError) as error:
        raise JavaRegexError(f"cannot translate regex {pattern!r}: {error!r}") from error


def compile_java_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a Java regular expression with Python `re`."""
    try:
        return re.compile(java_regex(pattern), flags)
    except re.error as error:
        raise JavaRegexError(f"cannot compile regex {pattern!r}: {error}") from error
