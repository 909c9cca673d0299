"""No export replaces a file unless its XML is well-formed and an XLIFF is schema-valid.

Issue 11 item 1: write_atomically (every export's way to disk) asks formats/xml_check.py
about the temporary file first; a failure is one FormatError naming OUT, and OUT is untouched.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.formats.base import TEMPORARY_MARK, FormatError, write_atomically
from workbench.formats.xml_check import problem_in

XLIFF12 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="a.txt" source-language="ko" target-language="en" datatype="plaintext">'
    "<body>{units}</body></file></xliff>\n"
)
GOOD_UNIT = '<trans-unit id="1"><source>첫 문장.</source><target>First.</target></trans-unit>'
NO_SOURCE = '<trans-unit id="2"><target>Second.</target></trans-unit>'
XLIFF20 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">'
    '<file id="f1"><unit id="u1"><segment><source>첫 문장.</source><target>First.</target>'
    "</segment></unit></file></xliff>\n"
)
OLD = "an older export\n"


def writing(text: str, encoding: str = "utf-8") -> Callable[[Path], int]:
    return lambda temporary: temporary.write_text(text, encoding=encoding) and 1


def refused(out: Path, text: str, original: bytes | None = None) -> str:
    out.write_text(OLD, encoding="utf-8")
    with pytest.raises(FormatError) as error:
        write_atomically(out, writing(text), original=original)
    assert out.read_text(encoding="utf-8") == OLD
    assert not [p for p in out.parent.iterdir() if TEMPORARY_MARK in p.name]
    assert "\n" not in str(error.value)
    return str(error.value)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("out.xlf", XLIFF12.format(units=GOOD_UNIT).replace("</target>", "")),
        ("out.tmx", '<?xml version="1.0"?><tmx version="1.4"><body><tu></body></tmx>'),
        ("out.tbx", "<martif><text>&nbsp;</text></martif>"),
        ("strings.xml", "<resources><string name='a'>x</resources>"),
        ("page.xhtml", '<?xml version="1.0"?><html><p>one<p>two</html>'),
        ("any.txt", '<?xml version="1.0"?><root><open></root>'),
    ],
)
def test_xml_that_is_not_well_formed_replaces_nothing(tmp_path: Path, name: str, text: str) -> None:
    message = refused(tmp_path / name, text)
    assert message.startswith(f"{tmp_path / name}:")
    assert "is not well-formed XML" in message and "nothing written" in message


def test_utf16_xml_is_checked_too(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    text = '<?xml version="1.0" encoding="UTF-16"?><tmx><body></tmx>'
    with pytest.raises(FormatError, match="not well-formed"):
        write_atomically(out, writing("\ufeff" + text, "utf-16-le"))
    assert not out.exists()


def test_an_xliff_the_schema_refuses_replaces_nothing(tmp_path: Path) -> None:
    message = refused(tmp_path / "out.xlf", XLIFF12.format(units=GOOD_UNIT + NO_SOURCE))
    assert "is not valid XLIFF" in message and "target" in message


def test_valid_xliff_1_2_and_2_0_are_written(tmp_path: Path) -> None:
    for name, text in (("a.xlf", XLIFF12.format(units=GOOD_UNIT)), ("b.xlf", XLIFF20)):
        out = tmp_path / name
        assert write_atomically(out, writing(text)) == 1
        assert out.read_text(encoding="utf-8") == text


def test_an_xliff_2_unit_without_a_segment_is_refused(tmp_path: Path) -> None:
    text = XLIFF20.replace(
        "<segment><source>첫 문장.</source><target>First.</target></segment>", ""
    )
    assert "is not valid XLIFF" in refused(tmp_path / "out.xlf", text)


def test_an_error_the_original_had_is_not_held_against_the_export(tmp_path: Path) -> None:
    original = XLIFF12.format(units=GOOD_UNIT + NO_SOURCE).encode()
    exported = XLIFF12.format(units=GOOD_UNIT.replace("First.", "First!") + NO_SOURCE)
    out = tmp_path / "out.xlf"
    assert write_atomically(out, writing(exported), original=original) == 1
    # an error of another kind is the export's own
    worse = exported.replace('<trans-unit id="1">', '<trans-unit id="1"><bogus/>')
    assert "is not valid XLIFF" in refused(out, worse, original)


def _package(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return buffer.getvalue()


def test_an_office_package_with_a_broken_part_replaces_nothing(tmp_path: Path) -> None:
    broken = _package({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document>"})
    out = tmp_path / "out.docx"
    out.write_text(OLD, encoding="utf-8")
    with pytest.raises(FormatError, match=r"part word/document\.xml is not well-formed"):
        write_atomically(out, lambda temporary: temporary.write_bytes(broken) and 1)
    assert out.read_text(encoding="utf-8") == OLD


def test_empty_parts_and_parts_kept_from_the_original_are_not_checked(tmp_path: Path) -> None:
    original = _package({"content.xml": "<a/>", "settings.xml": "<odd"})
    written = tmp_path / "written.odt"
    written.write_bytes(_package({"content.xml": "<b/>", "settings.xml": "<odd", "x.xml": ""}))
    assert problem_in(written, ".odt", original) is None
    assert problem_in(written, ".odt") is not None  # without the original it would be ours


def test_files_that_are_not_xml_are_not_checked(tmp_path: Path) -> None:
    for name, text in (("a.txt", "<b>not closed"), ("a.po", 'msgid "<b>"\n'), ("p.html", "<p>a")):
        out = tmp_path / name
        assert write_atomically(out, writing(text)) == 1
    for encoding in ("utf-16-le", "utf-16-be", "utf-16"):  # without and with a BOM
        out = tmp_path / f"page-{encoding}.htm"
        assert write_atomically(out, writing("<!DOCTYPE html><p>a", encoding)) == 1
