"""Every office file of the corpus: untouched it comes back byte for byte; pseudo-translated,
every translatable piece reaches the export, which the reference readers open."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument
from docx.document import Document as WordDocumentType
from lxml import etree
from office_corpus import CORPUS, FILES, FOLDERS, OfficeFile, entries, import_file
from pptx import Presentation

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.domain.pseudo import CLOSE, OPEN
from workbench.formats.base import FormatError
from workbench.storage.engine import Database, open_database

LETTER = re.compile(r"[^\W\d_]")


@pytest.fixture
def db(sqlite_url: str, shared: Path) -> Database:
    database = open_database(sqlite_url)
    yield database  # type: ignore[misc]
    database.dispose()


def test_the_list_covers_every_office_file_of_the_corpus(shared: Path) -> None:
    on_disk = {
        str(path.relative_to(CORPUS))
        for folder in FOLDERS
        for path in (CORPUS / folder).rglob("*")
        if path.is_file()
    }
    assert on_disk == {file.path for file in FILES}


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.id)
def test_untouched_export_is_the_original_file(
    db: Database, file: OfficeFile, tmp_path: Path
) -> None:
    path = CORPUS / file.path
    name = import_file(db, file)
    out = tmp_path / path.name
    services.export_document(db, name, out)
    if file.tracked:
        # accepted changes are the one difference: the export has none left
        assert out.read_bytes() != path.read_bytes()
        again = services.import_document(db, out, name="again", source_lang=file.lang)
        assert again.segments > 0
    else:
        assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("file", [f for f in FILES if f.tracked], ids=lambda f: f.id)
def test_tracked_changes_are_refused_with_their_count_and_nothing_is_imported(
    db: Database, file: OfficeFile
) -> None:
    with pytest.raises(
        FormatError, match=rf"has {file.tracked} tracked changes? .*--accept-changes"
    ):
        services.import_document(db, CORPUS / file.path, source_lang=file.lang)
    assert services.list_documents(db) == []


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.id)
def test_pseudo_translation_reaches_every_translatable_piece_and_changes_nothing_else(
    db: Database, file: OfficeFile, tmp_path: Path
) -> None:
    path = CORPUS / file.path
    name = import_file(db, file)
    result = services.pseudo_translate(db, name, replace_confirmed=True)
    assert result.filled > 0
    out = tmp_path / path.name
    services.export_document(db, name, out)

    before, after = entries(path), entries(out)
    assert [(n, c) for n, c, _ in before] == [(n, c) for n, c, _ in after]
    for (entry, _c, old), (_n, _c2, new) in zip(before, after, strict=True):
        if old != new:  # only parts that now carry a translation (or accepted changes)
            assert OPEN.encode() in new or file.tracked, entry

    # Read back by our reader: every paragraph that had text now holds as many pseudo texts
    # as it had segments.
    original = _units(services.document_segments(db, name)[1])
    again = services.import_document(db, out, name="again", source_lang="en")
    exported = _units(services.document_segments(db, again.name)[1])
    assert exported.keys() == original.keys()
    for key, count in original.items():
        text = exported[key][0]
        assert text.count(OPEN) == text.count(CLOSE) == count[1], key

    # Read by the reference reader of the format.
    for text in REFERENCE_TEXTS[path.suffix](out):
        if LETTER.search(text):
            assert OPEN in text and CLOSE in text, text


def _units(segments: list) -> dict[tuple[str, str], tuple[str, int]]:
    """(part, unit) -> (the unit's text, its number of segments)."""
    units: dict[tuple[str, str], tuple[str, int]] = {}
    for segment in segments:
        key = (segment.structure["part"], segment.structure["unit"])
        text, count = units.get(key, ("", 0))
        units[key] = (text + segment.source, count + 1)
    return {key: value for key, value in units.items()}


def _docx_texts(path: Path) -> list[str]:
    """Paragraph texts python-docx reads: body, tables (nested too), headers and footers."""
    document: WordDocumentType = WordDocument(str(path))
    texts = [p.text for p in document.paragraphs]

    def tables(container: object) -> None:
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    tables(cell)

    tables(document)
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.first_page_header,
            section.even_page_footer,
            section.first_page_footer,
        ):
            if not part.is_linked_to_previous:
                texts.extend(p.text for p in part.paragraphs)
    return texts


def _pptx_texts(path: Path) -> list[str]:
    """Paragraph texts python-pptx reads: shapes, tables and notes of every slide."""
    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.extend(p.text for p in shape.text_frame.paragraphs)
            if getattr(shape, "has_table", False):
                for row in shape.table.rows:
                    for cell in row.cells:
                        texts.extend(p.text for p in cell.text_frame.paragraphs)
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            if frame is not None:
                texts.extend(p.text for p in frame.paragraphs)
    return texts


def _xlsx_texts(path: Path) -> list[str]:
    """Sheet names and string cells as openpyxl reads them (formulas are not strings)."""
    workbook = openpyxl.load_workbook(path)
    texts = list(workbook.sheetnames)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            texts.extend(str(c.value) for c in row if c.data_type == "s" and c.value is not None)
    return texts


def _odf_texts(path: Path) -> list[str]:
    """Paragraphs of content.xml, read with lxml: annotations and formula cells left out."""
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    texts = []
    for paragraph in root.iter(f"{{{text_ns}}}p", f"{{{text_ns}}}h"):
        ancestors = {str(a.tag).rpartition("}")[2] for a in paragraph.iterancestors()}
        cell = next((a for a in paragraph.iterancestors() if a.tag.endswith("table-cell")), None)
        formula = cell is not None and any(k.endswith("}formula") for k in cell.attrib)
        if "annotation" in ancestors or formula:
            continue
        texts.append("".join(_own_text(paragraph)))
    return texts


def _own_text(element: etree._Element) -> list[str]:
    """Text of a paragraph without that of notes, frames and annotations inside it."""
    pieces = [element.text or ""]
    for child in element:
        if str(child.tag).rpartition("}")[2] not in ("note", "annotation", "frame"):
            pieces += _own_text(child)
        pieces.append(child.tail or "")
    return pieces


REFERENCE_TEXTS = {
    ".docx": _docx_texts,
    ".pptx": _pptx_texts,
    ".xlsx": _xlsx_texts,
    ".odt": _odf_texts,
    ".ods": _odf_texts,
    ".odp": _odf_texts,
}


@pytest.mark.parametrize(
    "path", ["docx/python-docx/par-hlink-frags.docx", "odf/okapi/TestDocument01.odt"]
)
def test_link_addresses_are_translated_only_when_asked(
    db: Database, path: str, tmp_path: Path
) -> None:
    source = CORPUS / path
    plain = services.import_document(db, source, source_lang="en", name="plain")
    asked = services.import_document(
        db, source, source_lang="en", name="asked", translate_urls=True
    )
    addresses = [
        s
        for s in services.document_segments(db, "asked")[1]
        if s.structure["kind"] == "link address"
    ]
    assert asked.segments == plain.segments + len(addresses)
    assert addresses and any("://" in s.source for s in addresses)
    for segment in addresses:
        assert segment.id is not None
        target = segment.source + "?hl=ko-KR"
        services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version)
    out = tmp_path / source.name
    services.export_document(db, "asked", out)
    with zipfile.ZipFile(out) as archive:
        written = b"".join(archive.read(name) for name in archive.namelist())
    assert written.count(b"?hl=ko-KR") == len(addresses)
