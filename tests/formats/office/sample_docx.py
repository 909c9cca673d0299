"""The demo's Word sample (workbench/samples/waic-brief.docx), written from this script.

A short Korean trip report of our own: a heading, bold and italic runs, a link, a footnote,
a table and a header, so that the editor shows each kind of code.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
NAMESPACES = f'xmlns:w="{W}" xmlns:r="{R}"'
SAMPLE = Path(__file__).resolve().parents[3] / "workbench" / "samples" / "waic-brief.docx"


def run(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def cell(text: str, bold: bool = False) -> str:
    return f"<w:tc>{paragraph(run(text, '<w:b/>' if bold else ''))}</w:tc>"


def document() -> str:
    body = [
        paragraph(run("세계인공지능대회 2025 출장 보고"), style="Heading1"),
        paragraph(
            run("올해 "),
            run("세계인공지능대회", "<w:b/>"),
            run("는 7월 26일부터 28일까지 상하이에서 열렸다. 원거테크놀러지는 새 언어 모델을 "),
            run("처음으로", "<w:i/>"),
            run(" 공개했다."),
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>',
            run(" 발표장에는 번역가와 연구자가 함께 모였다."),
        ),
        paragraph(
            run("자세한 일정은 "),
            '<w:hyperlink r:id="rIdSite" w:history="1">'
            + run("대회 누리집", '<w:rStyle w:val="Hyperlink"/>')
            + "</w:hyperlink>",
            run("에서 확인할 수 있다."),
            run("\t"),
        ),
        "<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr>"
        f"<w:tr>{cell('회사', True)}{cell('발표 내용', True)}</w:tr>"
        f"<w:tr>{cell('원거테크놀러지')}{cell('다국어 번역 모델')}</w:tr></w:tbl>",
        paragraph(run("다음 대회는 2026년 여름에 열린다.")),
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/></w:sectPr>',
    ]
    return f"{DECLARATION}<w:document {NAMESPACES}><w:body>{''.join(body)}</w:body></w:document>"


def styles() -> str:
    def style(kind: str, style_id: str, name: str, extra: str = "", default: bool = False) -> str:
        flag = ' w:default="1"' if default else ""
        return (
            f'<w:style w:type="{kind}" w:styleId="{style_id}"{flag}>'
            f'<w:name w:val="{name}"/>{extra}</w:style>'
        )

    return (
        f"{DECLARATION}<w:styles {NAMESPACES}>"
        + style("paragraph", "Normal", "Normal", default=True)
        + style("paragraph", "Heading1", "heading 1", '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>')
        + style(
            "character",
            "Hyperlink",
            "Hyperlink",
            '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
        )
        + "</w:styles>"
    )


def write_brief(path: Path) -> None:
    """The sample package; entries dated 2025-07-28 so that it is the same every time."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{MAIN}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{MAIN}.styles+xml"/>'
        f'<Override PartName="/word/footnotes.xml" ContentType="{MAIN}.footnotes+xml"/>'
        f'<Override PartName="/word/header1.xml" ContentType="{MAIN}.header+xml"/></Types>'
    )
    relations = [
        ("rIdStyles", "styles", "styles.xml", ""),
        ("rIdNotes", "footnotes", "footnotes.xml", ""),
        ("rIdHeader", "header", "header1.xml", ""),
        ("rIdSite", "hyperlink", "https://www.worldaic.com.cn/", ' TargetMode="External"'),
    ]
    document_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{R}/{t}" Target="{target}"{mode}/>'
            for i, t, target, mode in relations
        )
        + "</Relationships>"
    )
    package_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    footnotes = (
        f'{DECLARATION}<w:footnotes {NAMESPACES}><w:footnote w:id="1">'
        + paragraph("<w:r><w:footnoteRef/></w:r>", run(" 발표 자료는 행사 뒤에 공개될 예정이다."))
        + "</w:footnote></w:footnotes>"
    )
    header = f"{DECLARATION}<w:hdr {NAMESPACES}>{paragraph(run('내부 자료'))}</w:hdr>"
    entries = {
        "[Content_Types].xml": types,
        "_rels/.rels": package_rels,
        "word/document.xml": document(),
        "word/_rels/document.xml.rels": document_rels,
        "word/styles.xml": styles(),
        "word/footnotes.xml": footnotes,
        "word/header1.xml": header,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in entries.items():
            info = zipfile.ZipInfo(name, (2025, 7, 28, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    write_brief(SAMPLE)
