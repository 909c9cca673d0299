"""LibreOffice, the reference implementation, opens our translated exports.

One file per format and feature (conversions take a second or two each): LibreOffice
converts the pseudo-translated export headless, and every translated piece of the body
is in what it wrote.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from office_corpus import CORPUS, FILES, import_file

from workbench import services
from workbench.domain.document import CODE_BASE, MAX_CODES
from workbench.domain.pseudo import OPEN
from workbench.storage.engine import Database, open_database

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui, "
    "-calc-nogui and -impress-nogui)",
)
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
# Text documents converted to plain text lose their notes, headers and footers.
ASIDE = ("footnote", "endnote", "header", "footer", "text box")
CODES = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]")
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
# (corpus file, what LibreOffice converts it to, the parts whose text it shows)
SUBSET = {
    "OpenXML_text_reference_v1_2.docx": ("txt:Text", ("word/document.xml",)),
    "2007.docx": ("txt:Text", ("word/document.xml",)),
    "txt-text.pptx": ("odp", ("ppt/slides/",)),
    "with_japanese.pptx": ("odp", ("ppt/slides/",)),
    "45544.xlsx": (CSV_ALL_SHEETS, ("xl/",)),
    "TestDocument01.odt": ("txt:Text", ("content.xml",)),
    "TestSpreadsheet01.ods": (CSV_ALL_SHEETS, ("content.xml",)),
    "TestPresentation01.odp": ("odp", ("content.xml",)),
}


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice profile of our own: runs beside other users' do not collide."""
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture
def db(sqlite_url: str, shared: Path) -> Iterator[Database]:
    database = open_database(sqlite_url)
    yield database
    database.dispose()


@pytest.mark.parametrize("name", list(SUBSET))
def test_libreoffice_opens_the_translated_export_and_shows_the_translation(
    db: Database, name: str, profile: Path, tmp_path: Path
) -> None:
    file = next(f for f in FILES if f.id == name)
    converter, parts = SUBSET[name]
    document = import_file(db, file)
    services.pseudo_translate(db, document, replace_confirmed=True)
    exported = tmp_path / "export" / (CORPUS / file.path).name
    services.export_document(db, document, exported)

    shown = _normalised(_convert(exported, converter, profile, tmp_path / "out"))
    segments = services.document_segments(db, document)[1]
    expected = [
        piece
        for segment in segments
        if segment.structure["part"].startswith(parts)
        and segment.structure["kind"] == "paragraph"
        and not (converter.startswith("txt") and (segment.context or "").startswith(ASIDE))
        for piece in CODES.split(segment.target)
        if OPEN in piece or re.search(r"[^\W\d_]", piece)
    ]
    assert expected
    missing = [piece for piece in expected if _normalised(piece) not in shown]
    assert missing == []


def _convert(path: Path, converter: str, profile: Path, out: Path) -> str:
    """Everything LibreOffice wrote when converting path, as text."""
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        converter,
        "--outdir",
        str(out),
        str(path),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    texts = []
    for result in sorted(out.iterdir()):
        if result.suffix == ".odp":
            with zipfile.ZipFile(result) as archive:
                root = etree.fromstring(archive.read("content.xml"))
            texts += [_odf_text(p) for p in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")]
        else:
            texts.append(result.read_text(encoding="utf-8-sig"))
    assert texts, f"LibreOffice wrote nothing for {path.name}"
    return "\n".join(texts)


def _odf_text(element: etree._Element) -> str:
    """A paragraph's text as shown: spaces (text:s) and tabs as characters."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == f"{{{TEXT}}}s":
            pieces.append(" " * int(child.get(f"{{{TEXT}}}c") or 1))
        elif child.tag == f"{{{TEXT}}}tab":
            pieces.append("\t")
        else:
            pieces.append(_odf_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _normalised(text: str) -> str:
    return " ".join(text.replace('""', '"').split())
