"""The Word sample the demo and the screenshots use."""

from __future__ import annotations

from pathlib import Path

from sample_docx import SAMPLE, write_brief

from workbench.formats.base import DocumentReadOptions
from workbench.formats.office.docx import DocxFormat


def test_the_sample_is_what_its_script_writes(tmp_path: Path) -> None:
    write_brief(tmp_path / "brief.docx")
    assert (tmp_path / "brief.docx").read_bytes() == SAMPLE.read_bytes()


def test_the_sample_shows_each_kind_of_code_with_its_label_and_context() -> None:
    document, stream = DocxFormat().read(SAMPLE, DocumentReadOptions())
    segments = list(stream)
    assert document.source_lang == "ko"
    labels = {code.display for segment in segments for code in segment.codes}
    assert labels == {"bold", "italic", "footnote", "link"}
    contexts = {segment.context for segment in segments}
    assert {
        "Heading 1",
        "Normal",
        "table, Normal",
        "footnote 1, Normal",
        "header, Normal",
    } <= contexts
