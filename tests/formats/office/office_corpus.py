"""The office files of the shared corpus, what the tests must know about each, and helpers."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from conftest import SHARED

from workbench import services
from workbench.storage.engine import Database

CORPUS = SHARED / "corpus"


@dataclass(frozen=True)
class OfficeFile:
    """A corpus file: its path under corpus/, source language and tracked changes."""

    path: str
    lang: str = "en"
    tracked: int = 0

    @property
    def id(self) -> str:
        return self.path.rsplit("/", 1)[-1]


FILES = [
    OfficeFile("docx/mammoth/comments.docx"),
    OfficeFile("docx/mammoth/endnotes.docx"),
    OfficeFile("docx/mammoth/footnotes.docx"),
    OfficeFile("docx/okapi/EndGroup.docx", "ja"),
    OfficeFile("docx/okapi/OpenXML_text_reference_v1_2.docx", tracked=2),
    OfficeFile("docx/okapi/TextBoxes.docx"),
    OfficeFile("docx/open-xml-sdk/2007.docx", "zh-Hans"),
    OfficeFile("docx/open-xml-sdk/Comment025.docx", tracked=11),
    OfficeFile("docx/poi/delins.docx", tracked=82),
    OfficeFile("docx/poi/form_footnotes.docx", "pt"),
    OfficeFile("docx/python-docx/doc-odd-even-hdrs.docx"),
    OfficeFile("docx/python-docx/par-hlink-frags.docx"),
    OfficeFile("pptx/okapi/sampleMore.pptx"),
    OfficeFile("pptx/poi/45545_Comment.pptx"),
    OfficeFile(
        "pptx/poi/au.asn.aes.www_conferences_2011_presentations_Fri_20Room4Level4_20930_20Maloney.pptx"
    ),
    OfficeFile("pptx/poi/with_japanese.pptx"),
    OfficeFile("pptx/python-pptx/txt-text.pptx"),
    OfficeFile("xlsx/poi/1_NoIden.xlsx", "ko"),
    OfficeFile("xlsx/poi/45544.xlsx"),
    OfficeFile("xlsx/poi/50299.xlsx", "ja"),
    OfficeFile("xlsx/poi/WithMoreVariousData.xlsx"),
    OfficeFile("odf/okapi/TestDocument01.odt"),
    OfficeFile("odf/okapi/TestDocument04.odt", tracked=5),
    OfficeFile("odf/okapi/TestPresentation01.odp"),
    OfficeFile("odf/okapi/TestSpreadsheet01.ods"),
    OfficeFile("odf/omegat/file-OpenDocFilter.odt"),
    OfficeFile("odf/translate-toolkit/test_2.odt"),
]
FOLDERS = ("docx", "pptx", "xlsx", "odf")


def import_file(db: Database, file: OfficeFile, path: Path | None = None) -> str:
    """Import a corpus file (tracked changes accepted where it has them); its name."""
    source = path or CORPUS / file.path
    summary = services.import_document(
        db, source, source_lang=file.lang, target_lang="ko", accept_changes=bool(file.tracked)
    )
    return summary.name


def entries(path: Path) -> list[tuple[str, int, bytes]]:
    """A zip's entries in order: name, compression method, content."""
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, i.compress_type, archive.read(i)) for i in archive.infolist()]
