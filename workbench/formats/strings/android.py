"""Android string resources (res/values*/strings.xml): strings, plurals and string arrays.

A `<string>`'s text is shown unescaped (`\\'` as ', `\\n` as a line break, outer double
quotes removed) and its markup (`<b>`, `<a href>`, `<xliff:g>` ...) becomes inline codes;
`%1$s` placeholders stay text. A CDATA value stays CDATA. `translatable="false"` and values
that only refer to another resource (`@string/x`) are kept and not offered; a translated
export leaves them out, as Android's lint requires of a translation. Plurals follow the
target language's categories (see plurals.py); the comment right above an element is its note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from workbench.formats.base import FormatError
from workbench.formats.strings.codec import Decoded, line_of
from workbench.formats.strings.document import Parsed, StringsFormat
from workbench.formats.strings.units import CodedText, Form, Patch, Unit
from workbench.formats.strings.xmltree import (
    Node,
    check_xml,
    decode_xml,
    escape,
    leading_comment,
    parse_tree,
    unescape,
)

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t"}
_SPACES = re.compile(r"[ \t\r\n]+")
_REFERENCE = re.compile(r"@(?:[\w.]+:)?[\w]+/[\w.]+")
_LABELS = {
    "b": "bold",
    "i": "italic",
    "u": "underline",
    "a": "link",
    "g": "protected",
    "br": "break",
    "font": "font",
    "big": "big",
    "small": "small",
    "sup": "superscript",
    "sub": "subscript",
    "tt": "monospace",
    "strike": "strike",
    "annotation": "annotation",
}


def android_unescape(text: str) -> str:
    """Android's backslash escapes resolved."""
    if "\\" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        escaped = match.group(1)
        if escaped.startswith("u") and len(escaped) == 5:
            return chr(int(escaped[1:], 16))
        return _SIMPLE.get(escaped, escaped)

    return _ESCAPE.sub(one, text)


def android_escape(text: str) -> str:
    """Text with the characters Android reads specially escaped (not XML-escaped)."""
    return (
        text.replace("\\", "\\\\")
        .replace("'", "\\'")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
    )


class AndroidSyntax:
    """Values written with Android's escapes, inside CDATA or quotes when the value was."""

    def escape(self, text: str, structure: dict[str, str]) -> str:
        escaped = android_escape(text)
        if structure.get("android_cdata") == "yes":
            return escaped.replace("]]>", "]]]]><![CDATA[>")
        return escape(escaped)

    def finish(self, value: str, structure: dict[str, str]) -> str:
        if value[:1] in ("@", "?"):
            value = "\\" + value
        if structure.get("android_quoted") == "yes" or (value != value.strip(" ") or "  " in value):
            value = f'"{value}"'
        if structure.get("android_cdata") == "yes":
            value = f"<![CDATA[{value}]]>"
        return value

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        between = structure["android_between"]
        return between.join(f'<item quantity="{name}">{value}</item>' for name, value in forms)


def _value(text: str, node: Node) -> tuple[str, list, dict[str, str]]:  # type: ignore[type-arg]
    """The segment text and codes of an element's content, and how export must write it."""
    data: dict[str, str] = {}
    parts = [c for c in node.children]
    builder = CodedText()
    raw = text[node.inner_start : node.inner_end]
    if (
        len(parts) == 1
        and parts[0].name == "#cdata"
        and raw.strip() == text[parts[0].start : parts[0].end]
    ):
        data["android_cdata"] = "yes"
        content = parts[0].text
        content, quoted = _unquoted(content)
        if quoted:
            data["android_quoted"] = "yes"
        builder.text(android_unescape(content))
        result, codes = builder.result()
        return result, codes, data
    pieces = _pieces(text, node)
    first_text = next((i for i, p in enumerate(pieces) if isinstance(p, str)), None)
    last_text = max((i for i, p in enumerate(pieces) if isinstance(p, str)), default=None)
    if first_text is not None and last_text is not None:
        head, tail = pieces[first_text], pieces[last_text]
        assert isinstance(head, str) and isinstance(tail, str)
        if first_text == last_text:
            inner, quoted = _unquoted(head)
            if quoted:
                pieces[first_text] = inner
                data["android_quoted"] = "yes"
        elif head.startswith('"') and tail.endswith('"') and not tail.endswith('\\"'):
            pieces[first_text], pieces[last_text] = head[1:], tail[:-1]
            data["android_quoted"] = "yes"
    quoted = data.get("android_quoted") == "yes"
    for piece in pieces:
        if isinstance(piece, str):
            # Android reads any run of white space outside quotes as one space.
            builder.text(android_unescape(piece if quoted else _SPACES.sub(" ", piece)))
        else:
            kind, element, markup = piece
            builder.code(kind, element, markup, _LABELS.get(element, element))  # type: ignore[arg-type]
    result, codes = builder.result()
    return result, codes, data


def _unquoted(text: str) -> tuple[str, bool]:
    """Text without the double quotes Android uses to keep whitespace, and whether it had them."""
    if len(text) >= 2 and text.startswith('"') and text.endswith('"') and not text.endswith('\\"'):
        return text[1:-1], True
    return text, False


def _pieces(text: str, node: Node) -> list[str | tuple[str, str, str]]:
    """The content of node as text (XML-unescaped) and (kind, element, markup) codes."""
    pieces: list[str | tuple[str, str, str]] = []
    position = node.inner_start

    def add_text(end: int) -> None:
        if end > position:
            raw = unescape(text[position:end])
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += raw
            else:
                pieces.append(raw)

    def walk(parent: Node) -> None:
        nonlocal position
        for child in parent.children:
            add_text(child.start)
            if child.name == "#cdata":
                pieces.append(child.text)
                position = child.end
            elif child.name == "#comment":
                pieces.append(("standalone", "comment", text[child.start : child.end]))
                position = child.end
            elif child.inner_start == child.end:  # an empty element
                pieces.append(("standalone", child.local, text[child.start : child.end]))
                position = child.end
            else:
                pieces.append(("open", child.local, text[child.start : child.inner_start]))
                position = child.inner_start
                walk(child)
                add_text(child.inner_end)
                pieces.append(("close", child.local, text[child.inner_end : child.end]))
                position = child.end

    walk(node)
    add_text(node.inner_end)
    return pieces


class _Reader:
    """The units of a strings.xml tree."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self.units: list[Unit] = []
        self.removable: list[tuple[int, int]] = []

    def resources(self, root: Node) -> None:
        previous_end = root.inner_start
        for index, node in enumerate(root.children):
            if node.name.startswith("#"):
                previous_end = node.end
                continue
            note = leading_comment(root, index)
            offered = node.attrs.get("translatable", "true") != "false"
            if not offered:
                self.removable.append((previous_end, node.end))
            if node.local == "string":
                self.string(node, node.attrs.get("name", ""), note, offered)
            elif node.local == "plurals":
                self.plurals(node, note, offered)
            elif node.local == "string-array":
                for number, item in enumerate(node.elements("item")):
                    self.string(item, f"{node.attrs.get('name', '')}[{number}]", note, offered)
            previous_end = node.end

    def _line(self, node: Node) -> int:
        return line_of(self.text, node.start)

    def string(self, node: Node, key: str, note: str | None, offered: bool) -> None:
        if node.inner_start == node.end:
            return  # <string name="x"/>: nothing to translate, kept as it is
        text, codes, data = _value(self.text, node)
        offered = offered and bool(text.strip()) and _REFERENCE.fullmatch(text.strip()) is None
        form = Form(None, text, (node.inner_start, node.inner_end), codes)
        self.units.append(
            Unit(key, [form], self._line(node), note=note, translatable=offered, data=data)
        )

    def plurals(self, node: Node, note: str | None, offered: bool) -> None:
        items = [item for item in node.elements("item") if item.inner_start != item.end]
        if not items:
            return
        forms = []
        data: dict[str, str] = {}
        for item in items:
            text, codes, item_data = _value(self.text, item)
            data.update(item_data)
            forms.append(
                Form(
                    item.attrs.get("quantity", ""), text, (item.inner_start, item.inner_end), codes
                )
            )
        names = [form.name or "" for form in forms]
        if len(items) > 1:
            data["android_between"] = self.text[items[0].end : items[1].start]
        else:
            data["android_between"] = "\n" + " " * 8
        span = (items[0].start, items[-1].end)
        plural = "other" in names
        self.units.append(
            Unit(
                node.attrs.get("name", ""),
                forms,
                self._line(node),
                span,
                note,
                offered,
                plural,
                data=data,
            )
        )


class AndroidFormat(StringsFormat):
    """Android strings.xml: strings, plurals, string arrays; markup as codes."""

    name: ClassVar[str] = "android"

    def decode(self, data: bytes, path: Path, encoding: str | None = None) -> Decoded:
        check_xml(data, path, frozenset({"resources"}), "<resources> (Android strings)")
        return decode_xml(data, path, encoding)

    def syntax(self, decoded: Decoded) -> AndroidSyntax:
        return AndroidSyntax()

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        root = parse_tree(decoded.text, path)
        if root.local != "resources":
            raise FormatError(path, f"root element <{root.name}> is not <resources>")
        reader = _Reader(decoded.text, path)
        reader.resources(root)
        parsed = Parsed(reader.units)
        removable = reader.removable
        parsed.language_patches = lambda _lang: [Patch(a, b, "") for a, b in removable]
        close = root.inner_end
        indent = _indent_before(decoded.text, root)

        def insert(key: str, value: str) -> Patch | None:
            if "[" in key:
                return None  # an item of a string array: its array is not in the source
            element = f'<string name="{escape(key)}">{value}</string>'
            return Patch(close, close, f"{indent}{element}\n")

        parsed.insert = insert
        return parsed


def _indent_before(text: str, root: Node) -> str:
    """The indentation of the root's last child element (four spaces when it has none)."""
    children = root.elements()
    if not children:
        return "    "
    start = children[-1].start
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    return prefix if not prefix.strip() else "    "
