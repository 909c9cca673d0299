"""HTML and XHTML pages: sentences and codes, attributes, translate="no", references,
encodings, the lang attribute, and exports that lxml reads with every piece translated."""

from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.domain.document import Document, Segment, code_index, plain_text
from workbench.domain.pseudo import pseudo_text
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.html.document import HtmlFormat

HTML = HtmlFormat()


def html_files() -> list[str]:
    root = SHARED / "corpus" / "html"
    return (
        sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
        if root.is_dir()
        else []
    )


def read(path: Path, target: str | None = "ko") -> tuple[Document, list[Segment]]:
    document, segments = HTML.read(path, DocumentReadOptions(source_lang="en", target_lang=target))
    return document, list(segments)


def page(
    tmp_path: Path, body: str, head: str = "", name: str = "page.html", encoding: str = "utf-8"
) -> Path:
    path = tmp_path / name
    charset = '<meta charset="utf-8">' if encoding == "utf-8" and "charset" not in head else ""
    text = (
        f'<html lang="en"><head>{charset}{head}<title>A small page</title></head>'
        f"<body>{body}</body></html>"
    )
    path.write_bytes(text.encode(encoding))
    return path


def translate(segments: list[Segment], mapping: dict[str, str]) -> None:
    for segment in segments:
        if segment.source in mapping:
            segment.target = mapping[segment.source]


def export(tmp_path: Path, document: Document, segments: list[Segment]) -> bytes:
    out = tmp_path / "out.html"
    HTML.write(document, segments, out)
    return out.read_bytes()


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", html_files())
def test_untouched_page_exports_its_original_bytes(shared: Path, name: str, tmp_path: Path) -> None:
    path = shared / "corpus" / "html" / name
    document, segments = read(path)
    assert segments
    assert export(tmp_path, document, segments) == path.read_bytes()


@pytest.mark.parametrize("name", html_files())
def test_pseudo_translated_page_reaches_every_text_and_keeps_scripts(
    shared: Path, name: str, tmp_path: Path
) -> None:
    path = shared / "corpus" / "html" / name
    document, segments = read(path)
    for segment in segments:
        segment.target = pseudo_text(segment.source)
    data = export(tmp_path, document, segments)
    before, after = (
        lxml.html.document_fromstring(path.read_bytes()),
        lxml.html.document_fromstring(data),
    )
    # lxml keeps <noframes> content as raw text, references unresolved
    shown = _flat(html.unescape(after.text_content()))
    values = {value for element in after.iter() for value in element.attrib.values()}
    for segment in segments:
        expected = _flat(plain_text(segment.target))
        if segment.structure["kind"] == "attribute":
            assert expected in {_flat(v) for v in values}, segment.context
        else:
            assert expected in shown, segment.unit_id
    for kind in ("script", "style"):
        assert [e.text for e in before.iter(kind)] == [e.text for e in after.iter(kind)]
    comments = [c.text for c in before.iter(etree.Comment)]
    assert comments == [c.text for c in after.iter(etree.Comment)]


def test_the_html_corpus_is_all_here(shared: Path) -> None:
    assert len(html_files()) == 8


def test_blocks_are_sentences_and_inline_tags_are_labelled_codes(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "<p>Click <b>here</b> to start.\n   Then <a href='x.html'>wait</a>.</p>"
        "<ul><li>One</li><li>Two</li></ul>",
    )
    _document, segments = read(path)
    texts = [(s.context, plain_text(s.source)) for s in segments]
    assert texts == [
        ("title", "A small page"),
        ("p", "Click here to start."),
        ("p", "Then wait."),
        ("li", "One"),
        ("li", "Two"),
    ]
    click = segments[1]
    assert [c.display for c in click.codes] == ["bold", "bold"]
    assert [c.kind for c in click.codes] == ["open", "close"]
    assert [c.display for c in segments[2].codes] == ["link", "link"]


def test_translation_replaces_only_the_sentence_and_keeps_the_markup(tmp_path: Path) -> None:
    path = page(tmp_path, "<p>Click <b>here</b> to start.\n   Then wait.</p>")
    document, segments = read(path)
    click = segments[1]
    open_, close = chr(0xE000), chr(0xE001)
    click.target = f"{open_}여기{close}를 누르세요."
    click.status = click.status.TRANSLATED
    data = export(tmp_path, document, segments).decode()
    assert "<p><b>여기</b>를 누르세요.\n   Then wait.</p>" in data
    assert '<html lang="ko">' in data


def test_attributes_are_segments_translated_in_place(tmp_path: Path) -> None:
    body = (
        '<p>See <img src="a.png" alt="A red door"> here.</p>'
        '<form><input type="submit" value="Send now"><input type="text" value="keep me" '
        "placeholder='Your name'></form>"
    )
    path = page(tmp_path, body, head='<meta name="description" content="A page about doors">')
    document, segments = read(path)
    contexts = {s.context: s.source for s in segments if s.structure["kind"] == "attribute"}
    assert contexts == {
        "meta description": "A page about doors",
        "img alt": "A red door",
        "input value": "Send now",
        "input placeholder": "Your name",
    }
    translate(
        segments,
        {"A red door": '빨간 "문"', "Send now": "보내기", "Your name": "이름 'A'", "See ": "x"},
    )
    data = export(tmp_path, document, segments)
    tree = lxml.html.document_fromstring(data)
    assert tree.xpath("//img/@alt") == ['빨간 "문"']
    assert tree.xpath("//input/@value") == ["보내기", "keep me"]
    assert tree.xpath("//input/@placeholder") == ["이름 'A'"]
    assert tree.xpath("//meta/@content") == ["A page about doors"]


def test_an_image_alt_inside_a_translated_sentence_is_translated_too(tmp_path: Path) -> None:
    path = page(tmp_path, '<p>See <img src="a.png" alt="A red door"> here.</p>')
    document, segments = read(path)
    sentence = next(s for s in segments if s.context == "p")
    image = chr(0xE000)
    sentence.target = f"여기 {image} 보세요."
    translate(segments, {"A red door": "빨간 문"})
    data = export(tmp_path, document, segments).decode()
    assert '<p>여기 <img src="a.png" alt="빨간 문"> 보세요.</p>' in data


def test_translate_no_is_kept_as_it_is(tmp_path: Path) -> None:
    body = (
        '<p>Use <span translate="no">Work Bench</span> daily.</p>'
        '<div translate="no"><p>Product code XK-7</p><p translate="yes">But this is text.</p></div>'
    )
    path = page(tmp_path, body)
    _document, segments = read(path)
    texts = [plain_text(s.source) for s in segments]
    assert texts == ["A small page", "Use  daily.", "But this is text."]
    use = segments[1]
    assert [c.display for c in use.codes] == ["no translate"]
    assert use.codes[0].markup == '<span translate="no">Work Bench</span>'


def test_references_are_kept_where_text_is_unchanged_and_reused_in_translations(
    tmp_path: Path,
) -> None:
    path = page(tmp_path, "<p>Caf&eacute; &amp; bar&nbsp;&copy; 2024.</p><p>Second&nbsp;one.</p>")
    document, segments = read(path)
    assert segments[1].source == "Café & bar\xa0© 2024."
    segments[1].target = "카페 & 바\xa0© 2024 é."
    data = export(tmp_path, document, segments).decode()
    assert "<p>카페 &amp; 바&nbsp;&copy; 2024 &eacute;.</p>" in data
    assert "<p>Second&nbsp;one.</p>" in data


def test_a_latin1_page_keeps_its_encoding_and_writes_hangul_as_references(tmp_path: Path) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    path = page(tmp_path, "<p>Na\xefve caf\xe9.</p>", head=head, encoding="latin-1")
    document, segments = read(path)
    assert document.properties["encoding"] == "iso8859-1"
    assert segments[1].source == "Naïve café."
    segments[1].target = "순진한 café."
    data = export(tmp_path, document, segments)
    text = data.decode("latin-1")
    assert "charset=ISO-8859-1" in text
    assert "<p>&#49692;&#51652;&#54620; caf\xe9.</p>" in text
    assert lxml.html.document_fromstring(data).xpath("string(//p)") == "순진한 café."


def test_a_page_that_names_no_encoding_stays_ascii(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_bytes(b"<html><body><p>Plain words here.</p></body></html>")
    document, segments = read(path)
    segments[0].target = "평범한 말."
    data = export(tmp_path, document, segments)
    assert data.isascii()
    assert lxml.html.document_fromstring(data).xpath("string(//p)") == "평범한 말."


def test_lang_is_left_alone_until_something_is_translated(tmp_path: Path) -> None:
    path = page(tmp_path, "<p>One sentence.</p>")
    document, segments = read(path)
    assert document.source_lang == "en"
    assert b'lang="en"' in export(tmp_path, document, segments)
    segments[1].target = "한 문장."
    assert b'lang="ko"' in export(tmp_path, document, segments)


def test_scripts_styles_and_comments_are_never_segments(tmp_path: Path) -> None:
    head = "<style>p { content: 'Not text.'; }</style><script>var s = 'Not text either.';</script>"
    path = page(tmp_path, "<!-- A note. --><p>Real text.<!-- inner --></p>", head=head)
    _document, segments = read(path)
    assert [plain_text(s.source) for s in segments] == ["A small page", "Real text."]
    assert [c.display for c in segments[1].codes] == ["comment"]


def test_joined_sentences_are_written_as_one(tmp_path: Path) -> None:
    path = page(tmp_path, "<p>First one. Second one.</p>")
    document, segments = read(path)
    first, second = segments[1], segments[2]
    joined = Segment(
        first.source + " " + second.source,
        "첫째. 둘째.",
        codes=first.codes,
        structure={**first.structure, "after": second.structure.get("after", "")},
    )
    data = export(tmp_path, document, [segments[0], joined]).decode()
    assert "<p>첫째. 둘째.</p>" in data


def test_xhtml_export_is_well_formed_xml(shared: Path, tmp_path: Path) -> None:
    path = shared / "corpus" / "html" / "okapi" / "ruby.html"
    document, segments = read(path)
    for segment in segments:
        segment.target = pseudo_text(segment.source) + " & <more>"
    root = etree.fromstring(export(tmp_path, document, segments))
    assert root.get("lang") == "ko"


def test_a_page_without_text_and_an_unknown_encoding_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>x()</script></body></html>")
    with pytest.raises(FormatError, match="no text to translate"):
        read(empty)
    odd = page(tmp_path, "<p>Text.</p>", head='<meta charset="x-no-such-thing">', name="odd.html")
    with pytest.raises(FormatError, match="unknown encoding"):
        read(odd)


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab 한글<>&\"'\xa0é;#")), min_size=1, max_size=20).filter(
        lambda t: t.strip() and not re.search(r"\s\s|^\s|\s$", t)
    )
)
def test_any_target_reads_back_as_typed(
    tmp_path_factory: pytest.TempPathFactory, target: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("html")
    path = page(tmp_path, '<p>Some text.</p><img src="x.png" alt="Alt text">')
    document, segments = read(path)
    for segment in segments[1:]:
        segment.target = target
    data = export(tmp_path, document, segments)
    again = tmp_path / "again.html"
    again.write_bytes(data)
    _document, read_back = read(again)
    assert all(code_index(c) is None for s in read_back for c in s.source)
    assert [s.source for s in read_back[1:]] == [target.replace("\xa0", "\xa0")] * 2


def test_tags_around_a_whole_sentence_stay_out_of_it(tmp_path: Path) -> None:
    path = page(
        tmp_path, '<ul><li><a href="/"><b> Home </b></a></li><li><b>Two</b> words</li></ul>'
    )
    document, segments = read(path)
    home, two = segments[1], segments[2]
    assert (home.source, home.codes) == ("Home", [])
    assert [c.display for c in two.codes] == ["bold", "bold"]
    home.target = "홈"
    data = export(tmp_path, document, segments).decode()
    assert '<li><a href="/"><b> 홈 </b></a></li>' in data
