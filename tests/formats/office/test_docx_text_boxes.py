"""Word text boxes saved twice (DrawingML and its VML fallback) are translated once."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sample_docx import SAMPLE

from workbench.formats.base import DocumentReadOptions
from workbench.formats.office.docx import DocxFormat

BOX = (
    '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/'
    'word/2010/wordprocessingShape"><w:txbxContent><w:p><w:r><w:t>상자 안의 글.</w:t></w:r></w:p>'
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape "
    'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r>'
    "<w:t>상자 안의 글.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)


def test_a_text_box_and_its_fallback_are_one_segment_and_both_get_the_translation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "box.docx"
    with zipfile.ZipFile(SAMPLE) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                anchor = '<w:r><w:t xml:space="preserve">다음 대회는'.encode()
                assert anchor in data
                data = data.replace(anchor, BOX.encode() + anchor, 1)
            new.writestr(info, data)
    document, stream = DocxFormat().read(path, DocumentReadOptions())
    segments = list(stream)
    boxed = [s for s in segments if s.source == "상자 안의 글."]
    assert len(boxed) == 1 and boxed[0].context == "text box, Normal"
    boxed[0].target = "Text in the box."
    out = tmp_path / "out.docx"
    DocxFormat().write(document, segments, out)
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode()
    assert xml.count("Text in the box.") == 2 and "상자 안의 글." not in xml
