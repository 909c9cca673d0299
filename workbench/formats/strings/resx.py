""".NET .resx resources: string `<data>` values, their `<comment>` as the note.

Offered: `<data>` without a `type` or `mimetype` (those are sizes, positions, images ...)
and not named `>>...` (WinForms designer facts). Everything else is kept as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from workbench.formats.strings.codec import Decoded, line_of
from workbench.formats.strings.document import Parsed, StringsFormat
from workbench.formats.strings.units import CodedText, Form, Patch, Unit
from workbench.formats.strings.xmltree import (
    Node,
    XmlSyntax,
    check_xml,
    decode_xml,
    escape,
    parse_tree,
    unescape,
)


def _unit(text: str, data: Node) -> Unit | None:
    """A <data> element as a unit, None when it has no <value> text to show."""
    value = data.child("value")
    if value is None or value.inner_start == value.end:
        return None
    name = data.attrs.get("name", "")
    offered = "type" not in data.attrs and "mimetype" not in data.attrs
    offered = offered and not name.startswith(">>")
    comment = data.child("comment")
    note = unescape(text[comment.inner_start : comment.inner_end]).strip() if comment else None
    builder = CodedText()
    builder.text(unescape(text[value.inner_start : value.inner_end]))
    source, codes = builder.result()
    offered = offered and bool(source.strip())
    form = Form(None, source, (value.inner_start, value.inner_end), codes)
    return Unit(name, [form], line_of(text, data.start), note=note or None, translatable=offered)


class ResxFormat(StringsFormat):
    """.NET .resx resources."""

    name: ClassVar[str] = "resx"

    def decode(self, data: bytes, path: Path, encoding: str | None = None) -> Decoded:
        check_xml(data, path, frozenset({"root"}), "<root> (.resx)")
        return decode_xml(data, path, encoding)

    def syntax(self, decoded: Decoded) -> XmlSyntax:
        return XmlSyntax()

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        text = decoded.text
        root = parse_tree(text, path)
        units = [u for data in root.elements("data") if (u := _unit(text, data)) is not None]
        parsed = Parsed(units)
        close = root.inner_end
        newline = "\r\n" if "\r\n" in text else "\n"

        def insert(key: str, value: str) -> Patch:
            name = escape(key).replace('"', "&quot;")
            element = (
                f'  <data name="{name}" xml:space="preserve">{newline}'
                f"    <value>{value}</value>{newline}  </data>{newline}"
            )
            return Patch(close, close, element)

        parsed.insert = insert
        return parsed
