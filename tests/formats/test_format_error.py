"""Every FormatError is one bounded line naming the file, whatever the parser put in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats.base import MESSAGE_LENGTH, DocumentReadOptions, FormatError, ReadOptions
from workbench.formats.registry import document_format, glossary_format

CDATA = Path("corpus/hostile/workbench/multiline-error-cdata.xlf")


def test_the_unclosed_cdata_message_no_longer_copies_lines_of_the_file(shared: Path) -> None:
    path = shared / CDATA
    with pytest.raises(FormatError) as caught:
        _, segments = document_format(path).read(path, DocumentReadOptions())
        list(segments)
    text = str(caught.value)
    assert "\n" not in text and "\r" not in text
    assert text.startswith(f"{path}:404:1: CData section not finished")
    assert len(caught.value.message) <= MESSAGE_LENGTH


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("c.tbx", "<tbx><!-- " + "a comment line\n" * 500),
        ("c.xlf", '<xliff version="1.2"><![CDATA[' + "\r\ncontent\tline" * 500),
        ("c.tmx", "<tmx><header/><body><tu><tuv><seg>" + "x\n" * 5000),
    ],
)
def test_unclosed_constructs_in_any_xml_format_give_one_bounded_line(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(FormatError) as caught:
        if name.endswith(".tbx"):
            list(glossary_format(path).read(path, ReadOptions()))
        elif name.endswith(".tmx"):
            from workbench.formats.tmx import read_tmx

            list(read_tmx(path))
        else:
            _, segments = document_format(path).read(path, DocumentReadOptions())
            list(segments)
    assert "\n" not in str(caught.value) and len(caught.value.message) <= MESSAGE_LENGTH


def test_control_characters_in_a_message_are_escaped_and_long_ones_cut() -> None:
    error = FormatError("a\nb.csv", "term \x1b]0;owned\x07 here\n" + "y" * 1000, 3)
    assert str(error).startswith("a b.csv:3: term \\x1b]0;owned\\x07 here yyy")
    assert error.message.endswith("…") and len(error.message) == MESSAGE_LENGTH


@pytest.mark.parametrize("name", ["deep.tbx", "deep.xlf", "deep.tmx"])
def test_xml_nested_past_the_depth_limit_is_refused_naming_it(tmp_path: Path, name: str) -> None:
    root = {"deep.tbx": "tbx", "deep.xlf": 'xliff version="1.2"', "deep.tmx": "tmx"}[name]
    path = tmp_path / name
    path.write_text(f"<{root}>" + "<a>" * 300 + "</a>" * 300 + f"</{root.split()[0]}>")
    with pytest.raises(FormatError, match=r"nest deeper than 256 levels \(limit xml_depth\)"):
        if name.endswith(".tbx"):
            list(glossary_format(path).read(path, ReadOptions()))
        elif name.endswith(".tmx"):
            from workbench.formats.tmx import read_tmx

            list(read_tmx(path))
        else:
            _, segments = document_format(path).read(path, DocumentReadOptions())
            list(segments)
