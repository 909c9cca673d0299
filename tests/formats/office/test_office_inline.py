"""Paragraphs made of random runs: what a translator's target does to them on export."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.domain.document import code_index
from workbench.formats.office.document import coded_unit
from workbench.formats.office.inline import Fmt, Item, Node, Text, flatten, merged, unflatten
from workbench.formats.office.odftext import OdfDialect, SpanStyles
from workbench.formats.office.units import Unit
from workbench.formats.office.wordml import W, WordDialect, w

PROPERTIES = [
    "",
    "<w:b/>",
    "<w:i/>",
    "<w:b/><w:i/>",
    '<w:lang w:val="en-US"/>',
    "<w:u w:val='single'/>",
]
WORDS = st.text(alphabet="abc 한글。.!", min_size=1, max_size=8)
RUN = st.tuples(st.sampled_from(PROPERTIES), WORDS, st.booleans())


def paragraph(runs: list[tuple[str, str, bool]]) -> etree._Element:
    """A w:p of runs (properties, text, followed by a tab), with proofing noise between."""
    body = []
    for properties, text, tab in runs:
        rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
        body.append(f'<w:r w:rsidR="00A1">{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>')
        if tab:
            body.append(f"<w:r>{rpr}<w:tab/></w:r><w:proofErr w:type='spellStart'/>")
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr/>{"".join(body)}</w:p>')


def characters(element: etree._Element) -> list[tuple[str, tuple[str, ...]]]:
    """Each character of the paragraph with the run properties that matter (lang does not)."""
    result = []
    for run in element.iter(w("r")):
        properties = run.find(w("rPr"))
        names = tuple(
            sorted(
                str(child.tag)
                for child in (properties if properties is not None else [])
                if child.tag != w("lang")
            )
        )
        for child in run:
            if child.tag == w("t"):
                result += [(char, names) for char in child.text or ""]
            elif child.tag == w("tab"):
                result.append(("\t", names))
    return result


@settings(max_examples=150, deadline=None)
@given(st.lists(RUN, min_size=1, max_size=8))
def test_writing_the_source_back_keeps_every_character_and_its_formatting(
    runs: list[tuple[str, str, bool]],
) -> None:
    element = paragraph(runs)
    before = characters(element)
    unit = Unit(element, WordDialect())
    coded = coded_unit(unit)
    unit.dialect.write(element, unflatten(coded.text, coded))
    assert characters(element) == before
    assert element[0].tag == w("pPr")
    assert element.find(w("proofErr")) is None


@settings(max_examples=150, deadline=None)
@given(st.lists(RUN, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_codes_reordered_dropped_or_doubled_never_break_the_paragraph(
    runs: list[tuple[str, str, bool]], random: object
) -> None:
    element = paragraph(runs)
    unit = Unit(element, WordDialect())
    coded = coded_unit(unit)
    pieces = list(coded.text)
    random.shuffle(pieces)  # type: ignore[attr-defined]
    if pieces:
        pieces.append(pieces[0])  # one character (perhaps a code) twice
    target = "".join(pieces[1:])  # and one left out
    unit.dialect.write(element, unflatten(target, coded))
    written = "".join(char for char, _names in characters(element))
    expected = "".join(char if code_index(char) is None else "" for char in target)
    tabs = written.count("\t") - expected.count("\t")
    assert written.replace("\t", "") == expected.replace("\t", "") and tabs >= 0
    etree.fromstring(etree.tostring(element))  # still well-formed


def test_runs_split_by_spell_checking_and_revision_ids_are_one_piece_of_text() -> None:
    element = paragraph(
        [
            ("<w:b/>", "Hello ", False),
            ('<w:b/><w:lang w:val="ko-KR"/>', "world", False),
            ("", ", and the rest of it.", False),
        ]
    )
    coded = coded_unit(Unit(element, WordDialect()))
    assert [ref.label for ref in coded.codes] == ["bold", "bold"]
    assert coded.text == "\ue000Hello world\ue001, and the rest of it."


def test_the_formatting_most_text_has_needs_no_code() -> None:
    bold, plain = Fmt(("b",)), Fmt(())
    nodes = [Text("A short ", bold), Text("and a much longer plain part", plain)]
    coded = flatten(list(nodes), lambda fmt, base: "bold" if fmt == bold else "plain")
    assert coded.text == "\ue000A short \ue001and a much longer plain part"
    assert coded.base == plain
    # written back from its own text, the tree is the same
    assert unflatten(coded.text, coded) == nodes


ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_PIECE = st.one_of(
    st.text(alphabet="ab 가\t\n", min_size=1, max_size=6).map(lambda t: ("text", t)),
    st.sampled_from(["T1", "T2", "T3"]).flatmap(
        lambda style: st.text(alphabet="cd  ", min_size=1, max_size=5).map(
            lambda t: ("span", style, t)
        )
    ),
    st.integers(1, 4).map(lambda n: ("spaces", n)),
    st.just(("tab",)),
    st.just(("break",)),
)


def odf_paragraph(pieces: list[tuple[object, ...]]) -> etree._Element:
    body = []
    for piece in pieces:
        kind = piece[0]
        if kind == "text":
            body.append(str(piece[1]))
        elif kind == "span":
            body.append(f'<text:span text:style-name="{piece[1]}">{piece[2]}</text:span>')
        elif kind == "spaces":
            body.append(f'<text:s text:c="{piece[1]}"/>')
        else:
            body.append("<text:tab/>" if kind == "tab" else "<text:line-break/>")
    return etree.fromstring(f'<text:p xmlns:text="{ODF_TEXT}">{"".join(body)}</text:p>')


def shown(nodes: list[Node]) -> list[tuple[str, object]]:
    """Each character as LibreOffice shows it, with its formatting; codes by their label."""
    result: list[tuple[str, object]] = []
    for node in nodes:
        if isinstance(node, Text):
            result += [(char, node.fmt.key) for char in node.text]
        elif isinstance(node, Item):
            result.append((node.label, None))
    return result


@settings(max_examples=200, deadline=None)
@given(st.lists(ODF_PIECE, min_size=1, max_size=10))
def test_odf_whitespace_and_spans_survive_being_written_back(
    pieces: list[tuple[object, ...]],
) -> None:
    styles = SpanStyles({"T1": ("b",), "T2": ("b",), "T3": ("i",)}, {})
    dialect = OdfDialect(styles)
    element = odf_paragraph(pieces)
    before = shown(merged(dialect.parse(element)))
    unit = Unit(element, dialect)
    coded = coded_unit(unit)
    dialect.write(element, unflatten(coded.text, coded))
    assert shown(merged(dialect.parse(element))) == before
