"""JSON string files: nested i18next-style keys, ARB (Flutter) and WebExtension messages.json.

The file is parsed by a scanner that records where every value is, so export patches only
the values it changes. Flavours, told apart by their content:
- nested objects (i18next, react-intl ...): every string leaf is a unit, its key the path
  (`labels.paste`, `list[2]`); sibling keys `base_one`, `base_other` ... (an `_other` among
  them, next to each other in the file) are one plural (i18next v4);
- ARB: top-level messages; `@key` metadata (description, placeholders) is the note,
  `@@locale` the language (set to the target language on a translated export);
- messages.json: `{"key": {"message": ..., "description": ...}}`, the description a note.
A value that is an ICU plural or select as a whole (`{n, plural, one{..} other{..}}`) is
split into its forms. Numbers, booleans and nulls are kept and never offered.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import ClassVar, cast

from workbench.formats.base import FormatError
from workbench.formats.strings.codec import Decoded, line_of
from workbench.formats.strings.document import Parsed, StringsFormat
from workbench.formats.strings.icu import parse_message
from workbench.formats.strings.plurals import is_plural_set
from workbench.formats.strings.units import CodedText, Form, Patch, Span, Unit, span_text

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_ESCAPED_WIDE = re.compile(r"\\u(?!00[0-7])[0-9a-fA-F]{4}")
_PLURAL_KEY = re.compile(r"(.+)_(zero|one|two|few|many|other)")
MAX_DEPTH = 256


@dataclass(slots=True)
class Node:
    """A JSON value and where it is: strings span their quotes."""

    kind: str
    start: int
    end: int
    value: object = None
    members: list[tuple[str, int, Node]] = field(default_factory=list)
    """An object's (key, offset of the key's opening quote, value)."""
    items: list[Node] = field(default_factory=list)


class _Scanner:
    """A JSON parser that keeps every value's place in the text."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path

    def error(self, message: str, at: int) -> FormatError:
        line = line_of(self.text, at)
        column = at - self.text.rfind("\n", 0, at)
        return FormatError(self.path, f"not valid JSON: {message}", line, column)

    def document(self) -> Node:
        position = _SPACE.match(self.text, 0).end()  # type: ignore[union-attr]
        node = self.value(position, 0)
        end = _SPACE.match(self.text, node.end).end()  # type: ignore[union-attr]
        if end != len(self.text):
            raise self.error("text after the end of the document", end)
        return node

    def value(self, at: int, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise self.error(f"nested deeper than {MAX_DEPTH} levels", at)
        char = self.text[at : at + 1]
        if char == '"':
            value, end = self.string(at)
            return Node("string", at, end, value)
        if char == "{":
            return self.object(at, depth)
        if char == "[":
            return self.array(at, depth)
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, at):
                return Node("literal", at, at + len(word), literal)
        number = _NUMBER.match(self.text, at)
        if number is None or number.end() == at:
            raise self.error("a value was expected", at)
        return Node("number", at, number.end(), number.group())

    def string(self, at: int) -> tuple[str, int]:
        try:
            value, end = scanstring(self.text, at + 1, True)
        except json.JSONDecodeError as error:
            raise self.error(error.msg, error.pos) from None
        return cast(str, value), cast(int, end)

    def _space(self, at: int) -> int:
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]

    def object(self, at: int, depth: int) -> Node:
        node = Node("object", at, at)
        position = self._space(at + 1)
        if self.text.startswith("}", position):
            node.end = position + 1
            return node
        while True:
            if not self.text.startswith('"', position):
                raise self.error("a key in double quotes was expected", position)
            key, after = self.string(position)
            colon = self._space(after)
            if not self.text.startswith(":", colon):
                raise self.error("':' was expected after the key", colon)
            value = self.value(self._space(colon + 1), depth + 1)
            node.members.append((key, position, value))
            position = self._space(value.end)
            if self.text.startswith(",", position):
                position = self._space(position + 1)
            elif self.text.startswith("}", position):
                node.end = position + 1
                return node
            else:
                raise self.error("',' or '}' was expected", position)

    def array(self, at: int, depth: int) -> Node:
        node = Node("array", at, at)
        position = self._space(at + 1)
        if self.text.startswith("]", position):
            node.end = position + 1
            return node
        while True:
            item = self.value(position, depth + 1)
            node.items.append(item)
            position = self._space(item.end)
            if self.text.startswith(",", position):
                position = self._space(position + 1)
            elif self.text.startswith("]", position):
                node.end = position + 1
                return node
            else:
                raise self.error("',' or ']' was expected", position)


def parse_json(text: str, path: Path) -> Node:
    """The document's root value; FormatError with line and column for bad JSON."""
    if not text.strip():
        raise FormatError(path, "the file is empty")
    return _Scanner(text, path).document()


def _inner(node: Node) -> Span:
    """A string value's characters without its quotes."""
    return node.start + 1, node.end - 1


class JsonSyntax:
    """Values as JSON string contents; ICU plurals and i18next plural keys rebuilt."""

    def __init__(self, ascii_only: bool) -> None:
        self.ascii_only = ascii_only

    def escape(self, text: str, structure: dict[str, str]) -> str:
        return json.dumps(text, ensure_ascii=self.ascii_only)[1:-1]

    def finish(self, value: str, structure: dict[str, str]) -> str:
        return value

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        if "icu_head" in structure:
            body = structure["icu_gap"].join(f"{name}{{{value}}}" for name, value in forms)
            return (
                self.escape(structure["icu_head"], {})
                + body
                + self.escape(structure["icu_tail"], {})
            )
        base, colon, between = (
            structure["i18n_base"],
            structure["i18n_colon"],
            structure["i18n_sep"],
        )
        return between.join(f'"{base}_{name}{colon}{value}"' for name, value in forms)


class _Units:
    """Collects the units of a JSON file."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units: list[Unit] = []

    def string(self, key: str, node: Node, note: str | None = None) -> None:
        """A string value as a unit: an ICU plural/select split into forms."""
        value = cast(str, node.value)
        line = line_of(self.text, node.start)
        message = parse_message(value) if "{" in value else None
        if message is not None:
            names = [name for name, _text in message.forms]
            forms = [_form(name, part, None) for name, part in message.forms]
            data = {"icu_head": message.head, "icu_gap": message.gap, "icu_tail": message.tail}
            plural = message.kind != "select" and is_plural_set(names)
            self.units.append(
                Unit(
                    key,
                    forms,
                    line,
                    _inner(node),
                    note,
                    plural=plural,
                    zero_explicit=True,
                    data=data,
                )
            )
            return
        self.units.append(Unit(key, [_form(None, value, _inner(node))], line, note=note))

    def nested(self, node: Node, path: str) -> None:
        """Every string leaf under node, keys joined by dots; i18next plural siblings grouped."""
        if node.kind == "array":
            for index, item in enumerate(node.items):
                self._leaf(item, f"{path}[{index}]")
            return
        members = node.members
        index = 0
        while index < len(members):
            group = self._plural_run(members, index)
            if group > 1:
                self._plural(members[index : index + group], path)
                index += group
                continue
            key, _at, value = members[index]
            self._leaf(value, f"{path}.{key}" if path else key)
            index += 1

    def _leaf(self, node: Node, key: str) -> None:
        if node.kind == "string":
            self.string(key, node)
        elif node.kind in ("object", "array"):
            self.nested(node, key)

    def _plural_run(self, members: list[tuple[str, int, Node]], index: int) -> int:
        """How many members from index on are one i18next plural (0 or 1: none)."""
        first = _PLURAL_KEY.fullmatch(members[index][0])
        if first is None:
            return 0
        base = first.group(1)
        names = []
        for key, _at, value in members[index:]:
            match = _PLURAL_KEY.fullmatch(key)
            if match is None or match.group(1) != base or value.kind != "string":
                break
            names.append(match.group(2))
        if len(names) < 2 or "other" not in names or len(set(names)) != len(names):
            return 0
        return len(names)

    def _plural(self, members: list[tuple[str, int, Node]], path: str) -> None:
        base = _PLURAL_KEY.fullmatch(members[0][0]).group(1)  # type: ignore[union-attr]
        forms = []
        for key, _at, value in members:
            name = _PLURAL_KEY.fullmatch(key).group(2)  # type: ignore[union-attr]
            forms.append(_form(name, cast(str, value.value), _inner(value)))
        first_key_at, first_value = members[0][1], members[0][2]
        key_end = self.text.index('"', first_key_at + 1 + len(base))  # closing quote of key 1
        raw_key = self.text[first_key_at + 1 : key_end]
        data = {
            "i18n_base": raw_key[: raw_key.rfind("_")],
            "i18n_colon": self.text[key_end : first_value.start + 1],
            "i18n_sep": self.text[first_value.end : members[1][1]],
        }
        key = f"{path}.{base}" if path else base
        span = (first_key_at, members[-1][2].end)
        line = line_of(self.text, first_key_at)
        self.units.append(Unit(key, forms, line, span, plural=True, zero_explicit=True, data=data))


def _form(name: str | None, value: str, span: Span | None) -> Form:
    """A form whose text is the value (literal private-use characters made codes)."""
    builder = CodedText()
    builder.text(value)
    text, codes = builder.result()
    return Form(name, text, span, codes)


def _member(node: Node, key: str) -> Node | None:
    for name, _at, value in node.members:
        if name == key:
            return value
    return None


def _arb_note(meta: Node | None) -> str | None:
    """An ARB message's description and placeholders, as a note."""
    if meta is None or meta.kind != "object":
        return None
    lines = []
    description = _member(meta, "description")
    if description is not None and description.kind == "string" and description.value:
        lines.append(str(description.value))
    placeholders = _member(meta, "placeholders")
    if placeholders is not None and placeholders.kind == "object" and placeholders.members:
        shown = []
        for name, _at, info in placeholders.members:
            example = _member(info, "example") if info.kind == "object" else None
            suffix = f" (e.g. {example.value})" if example is not None and example.value else ""
            shown.append(f"{{{name}}}{suffix}")
        lines.append("Placeholders: " + ", ".join(shown))
    return "\n".join(lines) or None


def _is_messages(root: Node) -> bool:
    """A WebExtension messages.json: every member an object with a "message" string."""
    return bool(root.members) and all(
        value.kind == "object"
        and (m := _member(value, "message")) is not None
        and m.kind == "string"
        for _key, _at, value in root.members
    )


def _is_arb(root: Node, path: Path) -> bool:
    if path.suffix.lower() == ".arb":
        return True
    return any(key.startswith("@@") for key, _at, _value in root.members)


class JsonFormat(StringsFormat):
    """JSON string files (nested keys, i18next plurals, ARB, messages.json)."""

    name: ClassVar[str] = "json"

    def syntax(self, decoded: Decoded) -> JsonSyntax:
        text = decoded.text
        ascii_only = text.isascii() and _ESCAPED_WIDE.search(text) is not None
        return JsonSyntax(ascii_only)

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        text = decoded.text
        root = parse_json(text, path)
        if root.kind != "object":
            raise FormatError(path, "the file is not a JSON object of strings", 1)
        units = _Units(text)
        parsed = Parsed(units.units)
        if _is_messages(root):
            parsed.properties["json_flavour"] = "messages"
            for key, _at, value in root.members:
                message = cast(Node, _member(value, "message"))
                description = _member(value, "description")
                note = (
                    str(description.value) if description and description.kind == "string" else None
                )
                units.string(key, message, note)
        elif _is_arb(root, path):
            parsed.properties["json_flavour"] = "arb"
            metadata = {key: value for key, _at, value in root.members if key.startswith("@")}
            for key, _at, value in root.members:
                if not key.startswith("@") and value.kind == "string":
                    units.string(key, value, _arb_note(metadata.get(f"@{key}")))
            locale = metadata.get("@@locale")
            if locale is not None and locale.kind == "string":
                parsed.source_lang = str(locale.value)
                span = _inner(locale)
                parsed.language_patches = lambda lang: [Patch(*span, lang.replace("-", "_"))]
        else:
            parsed.properties["json_flavour"] = "nested"
            units.nested(root, "")
        parsed.insert = _Inserter(text, root).insert
        return parsed


class _Inserter:
    """Puts a key only the target file had back into the nearest object that exists."""

    def __init__(self, text: str, root: Node) -> None:
        self.text = text
        self.root = root

    def insert(self, key: str, value: str) -> Patch | None:
        node, rest = self.root, key
        parts = key.split(".")
        for index in range(len(parts) - 1):
            child = _member(node, parts[index])
            if child is None or child.kind != "object":
                rest = ".".join(parts[index:])
                break
            node = child
        else:
            rest = parts[-1]
        names = rest.split(".")
        close = node.end - 1
        indent = self._indent(node)
        inner = value
        body = f'"{json.dumps(names[-1])[1:-1]}": "{inner}"'
        for name in reversed(names[:-1]):
            body = f'"{json.dumps(name)[1:-1]}": {{{body}}}'
        before = self.text[:close].rstrip()
        start = len(before)
        comma = "," if node.members else ""
        newline = "\n" if "\n" in self.text[node.start : node.end] else ""
        return Patch(start, start, f"{comma}{newline}{indent}{body}")

    def _indent(self, node: Node) -> str:
        if not node.members:
            return ""
        at = node.members[-1][1]
        line_start = self.text.rfind("\n", 0, at) + 1
        prefix = self.text[line_start:at]
        return prefix if not prefix.strip() else " "


def inner_span(node: Node) -> str:
    """A string node's inner span as stored in a structure."""
    return span_text(_inner(node))
