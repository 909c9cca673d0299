"""Apple string files: `.strings` (UTF-8 or UTF-16) and `.stringsdict` plural rules.

`.strings`: `"key" = "value";` pairs with C comments; the comment right above a pair (no
blank line between) is its note; values are shown unescaped (`\\"`, `\\n`, `\\U2603`).
`.stringsdict`: each entry's NSStringLocalizedFormatKey is a segment (its variables'
`%#@name@` references stay text), each variable a plural (`zero` kept as in the source,
since Apple uses it for 0 in every language) or, for other rule types, its own forms.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from workbench.formats.base import FormatError
from workbench.formats.encoding import bomless_unicode
from workbench.formats.strings.codec import Decoded, decode, line_of
from workbench.formats.strings.document import Parsed, StringsFormat, appending
from workbench.formats.strings.plurals import is_plural_set
from workbench.formats.strings.units import CodedText, Form, Span, Unit
from workbench.formats.strings.xmltree import (
    Node,
    XmlSyntax,
    check_xml,
    decode_xml,
    parse_tree,
    unescape,
)

_TOKEN = re.compile(
    r'(?P<space>\s+)|(?P<block>/\*.*?\*/)|(?P<line>//[^\n]*)|"(?P<quoted>(?:[^"\\]|\\.)*)"'
    r"|(?P<bare>[\w.$:/-]+)|(?P<punct>[=;])",
    re.S,
)
_ESCAPE = re.compile(r"\\(U[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "a": "\a", "b": "\b", "v": "\v"}
_PLURAL_RULE = "NSStringPluralRuleType"


def strings_unescape(text: str) -> str:
    """A .strings value with its backslash escapes resolved."""
    if "\\" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        escaped = match.group(1)
        if escaped[0] in "Uu" and len(escaped) == 5:
            return chr(int(escaped[1:], 16))
        if escaped[0].isdigit():
            return chr(int(escaped, 8))
        return _SIMPLE.get(escaped, escaped)

    merged = _ESCAPE.sub(one, text)
    # \U escapes of a surrogate pair stand for one character
    return merged.encode("utf-16", "surrogatepass").decode("utf-16")


def strings_escape(text: str) -> str:
    """Text as the inside of a .strings quoted string."""
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


class StringsSyntax:
    """Values inside double quotes, with C-style escapes."""

    def escape(self, text: str, structure: dict[str, str]) -> str:
        return strings_escape(text)

    def finish(self, value: str, structure: dict[str, str]) -> str:
        return value

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        raise FormatError("", ".strings values have no plural forms")


def _coded(value: str) -> tuple[str, list]:  # type: ignore[type-arg]
    builder = CodedText()
    builder.text(value)
    return builder.result()


def parse_strings(text: str, path: Path) -> list[Unit]:
    """The pairs of a .strings file; FormatError with the line for anything else."""
    units: list[Unit] = []
    note: str | None = None
    note_end = -1
    expect: list[tuple[str, int, int, str]] = []  # key/value tokens of the pair being read
    last_end = 0
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise FormatError(path, f"unexpected {text[position]!r}", line_of(text, position))
        kind = match.lastgroup
        position = match.end()
        if kind == "space":
            continue
        if kind in ("block", "line"):
            body = match.group()[2:-2] if kind == "block" else match.group()[2:]
            if units and not expect and "\n" not in text[last_end : match.start()]:
                # a comment after a pair on its line is about that pair
                previous = units[-1]
                previous.note = (
                    f"{previous.note}\n{body.strip()}" if previous.note else body.strip()
                )
                continue
            gap = text[note_end : match.start()] if note_end >= 0 else ""
            note = f"{note}\n{body.strip()}" if note and gap.count("\n") <= 1 else body.strip()
            note_end = match.end()
            continue
        expect.append((kind or "", match.start(), match.end(), match.group()))
        if kind != "punct" or match.group() != ";":
            continue
        units.append(_pair(text, expect, note if _adjacent(text, note_end, expect) else None, path))
        expect, note, note_end = [], None, -1
        last_end = match.end()
    if expect:
        raise FormatError(path, "the last pair has no ';'", line_of(text, expect[0][1]))
    return units


def _adjacent(text: str, note_end: int, tokens: list[tuple[str, int, int, str]]) -> bool:
    """Whether a comment ends on the line right above the pair (no blank line between)."""
    return note_end >= 0 and text[note_end : tokens[0][1]].count("\n") <= 1


def _pair(text: str, tokens: list[tuple[str, int, int, str]], note: str | None, path: Path) -> Unit:
    """One `key = value;` as a unit."""
    kinds = [kind for kind, *_rest in tokens]
    line = line_of(text, tokens[0][1])
    if kinds != ["quoted", "punct", "quoted", "punct"] and kinds[1:] != [
        "punct",
        "quoted",
        "punct",
    ]:
        raise FormatError(path, 'expected "key" = "value";', line)
    key_token, value_token = tokens[0], tokens[2]
    key = key_token[3][1:-1] if key_token[0] == "quoted" else key_token[3]
    span: Span = (value_token[1] + 1, value_token[2] - 1)
    value = strings_unescape(text[span[0] : span[1]])
    source, codes = _coded(value)
    return Unit(strings_unescape(key), [Form(None, source, span, codes)], line, note=note)


class AppleStringsFormat(StringsFormat):
    """Apple .strings (UTF-8 or UTF-16): pairs, comments as notes."""

    name: ClassVar[str] = "strings"

    def decode(self, data: bytes, path: Path, encoding: str | None = None) -> Decoded:
        # older .strings files are UTF-16 without a byte order mark: that is theirs to be
        return decode(data, path, encoding=encoding or bomless_unicode(data))

    def syntax(self, decoded: Decoded) -> StringsSyntax:
        return StringsSyntax()

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        parsed = Parsed(parse_strings(decoded.text, path))
        parsed.insert = appending(decoded.text, lambda k, v: f'"{strings_escape(k)}" = "{v}";')
        return parsed


# --- .stringsdict --------------------------------------------------------------------------


class StringsdictSyntax(XmlSyntax):
    """Property-list strings; a plural's key/string pairs rebuilt in the file's layout."""

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        inside, between = structure["plist_inside"], structure["plist_between"]
        return between.join(
            f"<key>{name}</key>{inside}<string>{value}</string>" for name, value in forms
        )


def _pairs(node: Node) -> list[tuple[Node, Node]]:
    """A <dict>'s (key, value) element pairs."""
    elements = node.elements()
    return [
        (elements[i], elements[i + 1])
        for i in range(0, len(elements) - 1, 2)
        if elements[i].local == "key"
    ]


def _key(text: str, node: Node) -> str:
    return unescape(text[node.inner_start : node.inner_end])


def _string_form(text: str, name: str | None, node: Node) -> Form:
    value = unescape(text[node.inner_start : node.inner_end])
    source, codes = _coded(value)
    return Form(name, source, (node.inner_start, node.inner_end), codes)


class _PlistReader:
    """The units of a .stringsdict tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units: list[Unit] = []

    def entry(self, name: str, node: Node) -> None:
        for key_node, value in _pairs(node):
            key = _key(self.text, key_node)
            line = line_of(self.text, key_node.start)
            if key == "NSStringLocalizedFormatKey" and value.local == "string":
                form = _string_form(self.text, None, value)
                self.units.append(
                    Unit(
                        name, [form], line, note="Format string: %#@name@ are the variables below."
                    )
                )
            elif value.local == "dict":
                self.variable(f"{name}/{key}", value, line)

    def variable(self, name: str, node: Node, line: int) -> None:
        pairs = _pairs(node)
        rule = next(
            (
                _key(self.text, v)
                for k, v in pairs
                if _key(self.text, k) == "NSStringFormatSpecTypeKey"
            ),
            "",
        )
        forms_at = [
            (index, key, value)
            for index, (key, value) in enumerate(pairs)
            if not _key(self.text, key).startswith("NSString") and value.local == "string"
        ]
        if not forms_at:
            return
        forms = [
            _string_form(self.text, _key(self.text, key), value) for _i, key, value in forms_at
        ]
        names = [form.name or "" for form in forms]
        indexes = [index for index, _key_node, _value in forms_at]
        contiguous = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
        plural = rule == _PLURAL_RULE and is_plural_set(names) and contiguous
        data: dict[str, str] = {}
        span: Span | None = None
        if plural:
            first_key, first_value = forms_at[0][1], forms_at[0][2]
            data["plist_inside"] = self.text[first_key.end : first_value.start]
            data["plist_between"] = (
                self.text[first_value.end : forms_at[1][1].start] if len(forms_at) > 1 else "\n"
            )
            span = (first_key.start, forms_at[-1][2].end)
        self.units.append(
            Unit(name, forms, line, span, plural=plural, zero_explicit=True, data=data)
        )


class StringsdictFormat(StringsFormat):
    """Apple .stringsdict: format strings and their plural variables."""

    name: ClassVar[str] = "stringsdict"

    def decode(self, data: bytes, path: Path, encoding: str | None = None) -> Decoded:
        check_xml(data, path, frozenset({"plist"}), "<plist>")
        return decode_xml(data, path, encoding)

    def syntax(self, decoded: Decoded) -> StringsdictSyntax:
        return StringsdictSyntax()

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        text = decoded.text
        root = parse_tree(text, path)
        top = root.child("dict")
        if top is None:
            raise FormatError(path, "the property list holds no <dict>")
        reader = _PlistReader(text)
        for key_node, value in _pairs(top):
            if value.local == "dict":
                reader.entry(_key(text, key_node), value)
        return Parsed(reader.units)
