"""Nothing dropped from TBX: every data category of every corpus TBX, at concept, language and
term level, is in our export again after import (through a real term base), and categories
we have no field for come back as they came."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench import services
from workbench.domain.model import Concept, DataCategory, Term
from workbench.formats.base import ReadOptions, WriteOptions
from workbench.formats.glossary.columns import context_category
from workbench.formats.glossary.tbx import Tbx2008Format, TbxFormat
from workbench.formats.xml_safety import escape_text

CORPUS = "corpus/tbx"
BROKEN = {"ltac_test_files/poorly_formed_xml.tbx"}
PICKLISTS = frozenset(
    {"administrativeStatus", "usageStatus", "normativeAuthorization", "partOfSpeech"}
    | {"termType", "date", "transactionType"}
)
"""Categories whose values export spells as TBX-Basic's picklist or as xsd:dateTime."""
STRUCTURE = frozenset(
    {"conceptEntry", "termEntry", "langSec", "langSet", "termSec", "tig", "ntig", "termGrp"}
    | {"descripGrp", "adminGrp", "termNoteGrp", "transacGrp", "term", "hi", "foreign"}
)
ADDED_BY_EXPORT = frozenset(
    {"administrativeStatus", "transactionType", "date", "responsibility", "termType"}
)
"""What export may add: every term gets a status, the concept its creation and change (and
its origin, an admin source: see glossary ids), an
abbreviation (TBX 2008 abbreviatedFormFor) its termType."""

Key = tuple[str, str, str, str, str]
FILES = [
    "ltac_tbx-basic_dialect/Example_Astronomy_DCA_VALID.tbx",
    "ltac_tbx-basic_dialect/Example_Astronomy_DCT_VALID.tbx",
    "ltac_tbx-min_dialect/Example_Astronomy_DCA_VALID.tbx",
    "ltac_tbx-min_dialect/Example_Astronomy_DCT_VALID.tbx",
    "ltac_test_files/basic_bad.tbx",
    "ltac_test_files/basic_good.tbx",
    "ltac_test_files/core_structure_bad.tbx",
    "ltac_test_files/core_structure_good.tbx",
    "ltac_test_files/min_bad.tbx",
    "ltac_test_files/min_good.tbx",
    "okapi/ibm_tbx.tbx",
    "okapi/maryland.tbx",
    "okapi/medtronic_TBX.tbx",
    "okapi/oracle_TBX.tbx",
    "okapi/test01.tbx",
    "okapi/test02_win1254.tbx",
    "omegat/sampleTBXfile.tbx",
    "weblate/cs.tbx",
    "weblate/fr-extended-metadata.tbx",
]
"""Every TBX of the corpus that parses."""


def _name(element: etree._Element) -> str:
    local = etree.QName(element).localname
    carrier = local in {"descrip", "admin", "termNote", "transac", "transacNote", "xref", "ref"}
    return (element.get("type") or local) if carrier else local


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def data_categories(path: Path) -> Counter[Key]:
    """(level, language, term, category, value) of every data category in the file."""
    found: Counter[Key] = Counter()
    root = etree.parse(str(path)).getroot()
    for entry in root.iter("{*}conceptEntry", "{*}termEntry", "conceptEntry", "termEntry"):
        for element in entry.iter():
            if not isinstance(element.tag, str):
                continue
            name = _name(element)
            if name in STRUCTURE:
                continue
            level, lang, term = "concept", "", ""
            for ancestor in element.iterancestors():
                local = etree.QName(ancestor).localname
                if local in ("termSec", "tig", "ntig") and level == "concept":
                    level, term = "term", _term_before(ancestor, element)
                elif local in ("langSec", "langSet"):
                    lang = lang or (
                        ancestor.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
                    )
                    level = "language" if level == "concept" else level
            lang = lang.lower()
            value = "" if name in PICKLISTS else _text(element)
            if level == "language" and name == "note":
                level = "language or concept"  # a concept's note lines may be either's
            found[(level, lang, term, name, value)] += 1
    return found


def _term_before(section: etree._Element, element: etree._Element) -> str:
    """The term an element of a term section is about: the last <term> before it (a section
    with two terms, invalid but found, gives what follows the second to the second)."""
    term = ""
    for inner in section.iter():
        if inner is element:
            break
        if isinstance(inner.tag, str) and etree.QName(inner).localname == "term":
            term = _text(inner)
    return term or _text(next(section.iter("{*}term", "term")))


def _tbx_files(shared: Path) -> list[str]:
    folder = shared / CORPUS
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*.tbx") if str(p.relative_to(folder))
    )


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("export_format", ["tbx", "tbx2008"])
def test_every_data_category_survives_import_and_export(
    shared: Path, sqlite_url: str, tmp_path: Path, name: str, export_format: str
) -> None:
    source = shared / CORPUS / name
    db = services.open_database(sqlite_url)
    try:
        services.import_glossary(db, source)
        out = tmp_path / "out.tbx"
        services.export_glossary(db, out, export_format)
    finally:
        db.dispose()
    before, after = data_categories(source), data_categories(out)
    # DCT files name the DCA categories as elements: compare by category either way.
    dropped = before - after
    assert not dropped, f"dropped from {name}: {sorted(dropped)[:5]}"
    added = {key for key in after - before if key[:4] != ("concept", "", "", "source")}
    assert {key[3] for key in added} <= ADDED_BY_EXPORT | {"note"}, sorted(added)[:5]


def test_every_corpus_tbx_is_in_the_list(shared: Path) -> None:
    assert set(_tbx_files(shared)) - BROKEN == set(FILES)


def test_unknown_categories_come_back_as_they_came(tmp_path: Path) -> None:
    """A category TBX-Basic does not define keeps its element, attributes and inline markup."""
    path = tmp_path / "in.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>"
        '<conceptEntry id="k1"><admin type="customerSubset">Acme</admin>'
        '<ref type="crossReference" target="k2">valve</ref>'
        '<langSec xml:lang="en"><descrip type="x-reviewNote">checked <hi type="bold">twice</hi>'
        "</descrip><termSec><term>stop valve</term>"
        '<termNote type="geographicalUsage">en-GB</termNote>'
        '<descripGrp><descrip type="context">Close the stop valve first.</descrip>'
        '<admin type="source">manual p. 4</admin></descripGrp>'
        '<xref type="externalCrossReference" target="https://example.org/valve">spec</xref>'
        "</termSec></langSec></conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    (concept,) = TbxFormat().read(path, ReadOptions())
    assert [(c.name, c.lang, c.term) for c in concept.categories] == [
        ("customerSubset", None, None),
        ("crossReference", None, None),
        ("x-reviewNote", "en", None),
        ("geographicalUsage", "en", "stop valve"),
        ("context", "en", "stop valve"),
        ("externalCrossReference", "en", "stop valve"),
    ]
    review = concept.categories[2]
    assert review.markup == (
        '<descrip type="x-reviewNote">checked <hi type="bold">twice</hi></descrip>'
    )
    assert review.text == "checked twice"
    out = tmp_path / "out.tbx"
    TbxFormat().write([concept], out, WriteOptions())
    again = list(TbxFormat().read(out, ReadOptions()))
    assert again == [concept]
    assert data_categories(path) - data_categories(out) == Counter()


def test_a_definition_keeps_its_source_and_an_edit_keeps_the_group(tmp_path: Path) -> None:
    """A definition read from a descripGrp with its source is written in that group, with
    the definition as it is now."""
    concept = Concept(
        uid="d1",
        terms=[Term("en", "valve")],
        definitions={"en": "A device that controls flow (edited)."},
        categories=[
            DataCategory(
                "definition",
                '<admin type="source">ISO 4126</admin>',
                "ISO 4126",
                "en",
                group="descripGrp",
            )
        ],
    )
    out = tmp_path / "out.tbx"
    TbxFormat().write([concept], out, WriteOptions())
    text = out.read_text(encoding="utf-8")
    assert (
        '<descripGrp>\n\t\t\t\t\t\t<descrip type="definition">A device that controls flow '
        '(edited).</descrip>\n\t\t\t\t\t\t<admin type="source">ISO 4126</admin>\n'
        "\t\t\t\t\t</descripGrp>"
    ) in text
    assert list(TbxFormat().read(out, ReadOptions())) == [concept]


def test_categories_are_stored_merged_and_kept_through_an_edit(db_url: str, tmp_path: Path) -> None:
    """The term base keeps the categories (migration 0012); importing the file again adds
    nothing twice; editing the concept keeps them."""
    path = tmp_path / "in.tbx"
    concept = Concept(
        uid="k1",
        terms=[Term("en", "stop valve"), Term("ko", "차단 밸브")],
        categories=[
            DataCategory(
                "context",
                '<descrip type="context">Close the stop valve first.</descrip>',
                "Close the stop valve first.",
                "en",
                "stop valve",
            )
        ],
    )
    TbxFormat().write([concept], path, WriteOptions())
    db = services.open_database(db_url)
    try:
        services.import_glossary(db, path)
        services.import_glossary(db, path)
        (stored,) = services.browse_glossary(db)
        assert stored.categories == concept.categories
        stored.note = "edited"
        services.update_concept(db, stored)
        (edited,) = services.browse_glossary(db)
        assert edited.categories == concept.categories and edited.note == "edited"
    finally:
        db.dispose()


TEXT = (
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp")), min_size=1)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    contexts=st.lists(TEXT, min_size=0, max_size=3),
    subset=st.one_of(st.none(), TEXT),
    reference=st.one_of(st.none(), TEXT),
    definition_source=st.one_of(st.none(), TEXT),
    edition=st.sampled_from([TbxFormat(), Tbx2008Format()]),
)
def test_any_kept_category_text_survives_export_and_import(
    tmp_path_factory: pytest.TempPathFactory,
    contexts: list[str],
    subset: str | None,
    reference: str | None,
    definition_source: str | None,
    edition: TbxFormat,
) -> None:
    """Whatever text a kept category holds (markup characters, any script), writing the
    concept as TBX v3 or 2008 and reading it back gives the same concept."""
    categories: list[DataCategory] = []
    if subset is not None:
        markup = f'<admin type="customerSubset">{escape_text(subset)}</admin>'
        categories.append(DataCategory("customerSubset", markup, subset))
    if reference is not None:
        markup = (
            '<xref type="externalCrossReference" target="https://example.org/?a=1&amp;b=2">'
            f"{escape_text(reference)}</xref>"
        )
        categories.append(DataCategory("externalCrossReference", markup, reference, "en"))
    for text in contexts:
        categories.append(context_category("en", "stop valve", text))
    definitions = {"en": "A valve that stops the flow."}
    if definition_source is not None:
        markup = f'<admin type="source">{escape_text(definition_source)}</admin>'
        group = DataCategory("definition", markup, definition_source, "en", group="descripGrp")
        categories.insert(0, group)  # groups come first, as the reader orders them
    concept = Concept(
        uid="v1",
        terms=[Term("en", "stop valve"), Term("ko", "차단 밸브")],
        definitions=definitions,
        categories=categories,
    )
    path = tmp_path_factory.mktemp("prop") / "p.tbx"
    edition.write([concept], path, WriteOptions())
    assert list(TbxFormat().read(path, ReadOptions())) == [concept]
