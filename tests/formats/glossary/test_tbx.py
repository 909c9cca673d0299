"""TBX: real third-party term bases, round trips, schema validity and hostile input."""

from __future__ import annotations

import importlib
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from tests_support import run
from translate.storage import tbx as ttk_tbx

from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.formats.base import FormatError, ReadOptions, WriteOptions
from workbench.formats.glossary.tbx import Tbx2008Format, TbxFormat
from workbench.formats.registry import glossary_format

# lxml-stubs leaves this module out; imported by name so that type checks stay clean.
isoschematron = importlib.import_module("lxml.isoschematron")

PREFERRED, ADMITTED, DEPRECATED = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED
TBX = TbxFormat()

# Counts from corpus/SOURCES.md: concept entries, <term> elements, terms by language.
CORPUS_COUNTS = {
    "ltac_tbx-basic_dialect/Example_Astronomy_DCA_VALID.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_tbx-basic_dialect/Example_Astronomy_DCT_VALID.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_tbx-min_dialect/Example_Astronomy_DCA_VALID.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_tbx-min_dialect/Example_Astronomy_DCT_VALID.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_test_files/basic_bad.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_test_files/basic_good.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_test_files/core_structure_bad.tbx": (45, {"en": 56, "es": 52, "zu": 6}),
    "ltac_test_files/core_structure_good.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_test_files/min_bad.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "ltac_test_files/min_good.tbx": (45, {"en": 55, "es": 52, "zu": 6}),
    "okapi/ibm_tbx.tbx": (5, {"en": 6, "fr": 5}),
    "okapi/maryland.tbx": (1, {"fr": 3, "it": 4, "es": 4, "en": 2}),
    "okapi/medtronic_TBX.tbx": (
        3,
        {"en": 6, "da": 8, "nl": 4, "fi": 4, "fr": 4, "hu": 4, "it": 4}
        | {"no": 4, "pl": 4, "pt": 4, "es": 4, "sv": 4, "el": 4, "cs": 4},
    ),
    "okapi/oracle_TBX.tbx": (2, {"en": 3, "pt": 3}),
    "okapi/test01.tbx": (1, {"en": 1, "hu": 1}),
    "okapi/test02_win1254.tbx": (1, {"en": 1, "tr": 1}),
    "omegat/sampleTBXfile.tbx": (1, {"en": 1, "hu": 1}),
    "weblate/cs.tbx": (4, {"en": 4, "cs": 4}),
    "weblate/fr-extended-metadata.tbx": (2, {"en": 2, "fr": 2}),
}
POORLY_FORMED = "ltac_test_files/poorly_formed_xml.tbx"
BASIC_DCA = "ltac_tbx-basic_dialect/Example_Astronomy_DCA_VALID.tbx"
BASIC_DCT = "ltac_tbx-basic_dialect/Example_Astronomy_DCT_VALID.tbx"
MIN_DCA = "ltac_tbx-min_dialect/Example_Astronomy_DCA_VALID.tbx"
MIN_DCT = "ltac_tbx-min_dialect/Example_Astronomy_DCT_VALID.tbx"

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'
MARTIF = """<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p>
</sourceDesc></fileDesc></martifHeader><text><body>
{entries}
</body></text></martif>
"""
TBX3 = """<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>
{entries}
</body></text></tbx>
"""


def read(path: Path) -> list[Concept]:
    """All concepts of a file."""
    return list(TBX.read(path, ReadOptions()))


def corpus(shared: Path, name: str) -> Path:
    """A file of the shared TBX corpus."""
    return shared / "corpus" / "tbx" / name


def by_uid(concepts: list[Concept]) -> dict[str | None, Concept]:
    """Concepts keyed by their TBX id."""
    return {concept.uid: concept for concept in concepts}


def term(concept: Concept, text: str) -> Term:
    """The term of a concept with this text."""
    return next(t for t in concept.terms if t.text == text)


def write_text(tmp_path: Path, text: str, name: str = "t.tbx", encoding: str = "utf-8") -> Path:
    """A TBX file with this content."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def martif_entry(term_xml: str = "<term>x</term>", lang: str = "en") -> str:
    """One TBX 2008 termEntry with one term."""
    return (
        f'<termEntry id="e1"><langSet xml:lang="{lang}"><tig>{term_xml}</tig></langSet></termEntry>'
    )


def sample_concepts() -> list[Concept]:
    """The running example: names glossed in Korean news about China's AI industry."""
    wenge = Concept(
        uid="org-wenge",
        subject_field="organisation",
        note="Beijing AI company.\nChinese name 中科聞歌 (traditional), 中科闻歌 (simplified).",
        definitions={"": "An AI company in Beijing.", "en": "Beijing artificial-intelligence firm"},
        created_at=datetime(2025, 7, 31, 9, 30, 5, tzinfo=UTC),
        created_by="terminologist",
        updated_at=datetime(2025, 8, 15, 18, 0, tzinfo=UTC),
        updated_by="reviewer",
        terms=[
            Term("ko", "원거테크놀러지", part_of_speech="noun", term_type=TermType.FULL_FORM),
            Term("ko", "원거테크놀로지", ADMITTED, note="spelling seen in some outlets"),
            Term("zh-Hant", "中科聞歌", source="chinadaily.com.cn"),
            Term("zh-Hans", "中科闻歌", ADMITTED),
            Term(
                "en", "Beijing Wenge Technology", term_type=TermType.FULL_FORM, case_sensitive=True
            ),
            Term("en", "Wenge Tech", DEPRECATED, term_type=TermType.SHORT_FORM, note="informal"),
        ],
    )
    zhu = Concept(
        uid="person-zhu-guangxiang",
        subject_field="person",
        definitions={"ko": "중국 기업인"},
        terms=[
            Term("ko", "주광샹", part_of_speech="noun"),
            Term("ko", "주광상", DEPRECATED, note="Sino-Korean reading"),
            Term("zh-Hant", "朱廣翔"),
            Term("en", "Zhu Guangxiang", part_of_speech="noun"),
        ],
    )
    sensetime = Concept(
        uid="org-sensetime",
        terms=[
            Term("ko", "센스타임"),
            Term("en", "SenseTime", case_sensitive=True, term_type=TermType.ACRONYM),
            Term("zh-Hans", "商汤科技", ADMITTED, term_type=TermType.PHRASE),
            Term("zh-Hant", "商湯科技", ADMITTED, term_type=TermType.VARIANT),
        ],
    )
    ampersand = Concept(
        uid="c-quotes",
        note="Marks: <b> & \"quotes\" & 'apostrophes'",
        terms=[Term("en", "R&D <lab>", term_type=TermType.ABBREVIATION), Term("ko", "연구개발")],
    )
    return [wenge, zhu, sensetime, ampersand]


def written(tmp_path: Path, concepts: list[Concept]) -> Path:
    """Concepts written to a TBX file."""
    path = tmp_path / "out.tbx"
    TBX.write(concepts, path, WriteOptions())
    return path


def relaxng(shared: Path) -> etree.RelaxNG:
    """The TBX v3 core structure schema."""
    return etree.RelaxNG(etree.parse(str(shared / "schemas" / "tbx" / "TBXcoreStructV03.rng")))


def schematron(shared: Path) -> Any:
    """The TBX-Basic DCA Schematron, rewritten for lxml's XSLT 1 engine.

    The official file declares queryBinding="xslt2", which lxml refuses; it uses only two
    XPath 2 constructs, `./local-name()` and `matches(@target, 'https?://.+')`.
    """
    text = (shared / "schemas" / "tbx" / "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    text = text.replace('queryBinding="xslt2"', 'queryBinding="xslt"')
    text = text.replace("./local-name()", "local-name()")
    http = "(starts-with(@target,'http://') or starts-with(@target,'https://'))"
    text = text.replace("matches(@target,'https?://.+')", http)
    return isoschematron.Schematron(etree.fromstring(text.encode()), store_report=True)


def schematron_failures(schema: Any, path: Path) -> list[str]:
    """The failed assertions of a document."""
    schema.validate(etree.parse(str(path)))
    namespaces = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    report = schema.validation_report
    texts = report.xpath("//svrl:failed-assert/svrl:text/text()", namespaces=namespaces)
    return [str(text).strip() for text in texts]


# Reading the corpus


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_file_imports_with_documented_counts(shared: Path, name: str) -> None:
    """Entries, terms and terms per language match corpus/SOURCES.md."""
    entries, langs = CORPUS_COUNTS[name]
    concepts = read(corpus(shared, name))
    assert len(concepts) == entries
    assert Counter(t.lang for c in concepts for t in c.terms) == Counter(langs)
    assert all(t.text and t.text == t.text.strip() for c in concepts for t in c.terms)


def test_every_corpus_file_is_checked(shared: Path) -> None:
    """No TBX file of the corpus escapes the count test."""
    root = shared / "corpus" / "tbx"
    found = {path.relative_to(root).as_posix() for path in root.rglob("*.tbx")}
    assert found == set(CORPUS_COUNTS) | {POORLY_FORMED}


def test_poorly_formed_file_names_its_line(shared: Path) -> None:
    """A missing end tag is a FormatError on line 42, with the file's path."""
    path = corpus(shared, POORLY_FORMED)
    with pytest.raises(FormatError) as caught:
        read(path)
    assert caught.value.line == 42
    assert caught.value.path == str(path)
    assert "mismatch" in caught.value.message


def test_astronomy_values(shared: Path) -> None:
    """Subject field, definitions, statuses, part of speech and history of a known concept."""
    concepts = by_uid(read(corpus(shared, BASIC_DCA)))
    open_cluster = concepts["c1"]
    assert open_cluster.subject_field == "General"
    assert open_cluster.definitions["en"] == (
        "A group of stars formed together in the spiral arms of a galaxy."
    )
    assert open_cluster.definitions["es"].startswith("Una acumulación de una docena")
    assert open_cluster.note == "G-Source: http://www.physics.drexel.edu/observatory/dump.shtml"
    assert open_cluster.created_at == datetime(2010, 4, 17, tzinfo=UTC)
    assert open_cluster.updated_at == datetime(2010, 5, 1, tzinfo=UTC)
    assert open_cluster.created_by == open_cluster.updated_by == "Tommy"
    assert term(open_cluster, "open cluster").status is PREFERRED
    galactic = term(open_cluster, "galactic cluster")
    assert galactic.status is DEPRECATED  # supersededTerm-admn-sts
    assert galactic.part_of_speech == "noun"
    assert galactic.note is not None
    assert galactic.note.startswith("Another name for an open star cluster. They are often termed")
    assert galactic.note.endswith(
        "\nN-Source: http://www.delscope.demon.co.uk/astronomy/glossary.htm#G"
    )
    assert term(open_cluster, "cúmulo abierto").status is PREFERRED  # no status given
    disk = concepts["c2"]
    assert term(disk, "circumstellar accretion disk").term_type is TermType.FULL_FORM
    assert term(disk, "accretion disc").status is ADMITTED
    statuses = Counter(t.status for c in concepts.values() for t in c.terms)
    # 3 deprecatedTerm + 1 supersededTerm, 16 admittedTerm, the rest preferred or unmarked
    assert statuses == {DEPRECATED: 4, ADMITTED: 16, PREFERRED: 93}


def test_basic_dca_and_dct_give_the_same_concepts(shared: Path) -> None:
    """DCA (type attributes) and DCT (namespaced elements) read alike.

    The two upstream files differ in one respect: the DCT file leaves out the G-Source note of
    the Spanish section of c7, c9 and c32, so there its concept note is the DCA one's first line.
    """
    dca, dct = read(corpus(shared, BASIC_DCA)), read(corpus(shared, BASIC_DCT))

    def without_notes(concept: Concept) -> Concept:
        kept = [category for category in concept.categories if category.name != "note"]
        return replace(concept, note=None, categories=kept)

    assert [without_notes(c) for c in dca] == [without_notes(c) for c in dct]
    assert sum(len(c.categories) for c in dca) > 45  # contexts, sources, images ... are kept
    differing = {a.uid for a, b in zip(dca, dct, strict=True) if a.note != b.note}
    assert differing == {"c7", "c9", "c32"}
    for a, b in zip(dca, dct, strict=True):
        lines = (b.note or "").splitlines()
        assert (a.note or "").splitlines()[: len(lines)] == lines


def test_min_dca_and_dct_give_the_same_terms(shared: Path) -> None:
    """TBX-Min DCA and DCT agree; the DCT file simply has no subject fields."""
    dca, dct = read(corpus(shared, MIN_DCA)), read(corpus(shared, MIN_DCT))
    assert [replace(c, subject_field=None) for c in dca] == dct
    assert sum(1 for c in dca if c.subject_field) == 39  # as many as the file has


def test_min_usage_status(shared: Path) -> None:
    """TBX-Min usageStatus values map onto the three statuses."""
    concepts = by_uid(read(corpus(shared, "ltac_test_files/min_good.tbx")))
    assert term(concepts["c1"], "galactic cluster").status is DEPRECATED
    assert term(concepts["c2"], "accretion disc").status is ADMITTED
    assert term(concepts["c2"], "circumstellar accretion disk").status is PREFERRED


def test_oracle_trailing_space_status_and_langset_note(shared: Path) -> None:
    """Term text is stripped; standardizedTerm is preferred; langSet notes are kept."""
    concepts = by_uid(read(corpus(shared, "okapi/oracle_TBX.tbx")))
    first = concepts["c1"]
    assert [t.text for t in first.terms_in("en")] == ["Provincial Reporting Establishment", "PRE"]
    assert term(first, "Entidade de Supervisão de Província").status is PREFERRED
    pre = first.terms_in("en")[1]
    assert pre.term_type is TermType.ABBREVIATION  # termNote abbreviatedFormFor
    assert first.subject_field == "HR"
    assert first.definitions["en"].startswith("GREs and PREs represent an employer")
    assert first.note == "Termo específico aos EUA."


def test_windows_1254_file(shared: Path) -> None:
    """A declared, true windows-1254 encoding decodes the Turkish letters."""
    (concept,) = read(corpus(shared, "okapi/test02_win1254.tbx"))
    assert [(t.lang, t.text) for t in concept.terms] == [
        ("en", "term with: éá and İı"),
        ("tr", "tr term with: éá and İı"),
    ]


def test_two_langsets_of_one_language_keep_all_terms(shared: Path) -> None:
    """IBM's sample splits English into two langSets inside one termEntry."""
    concepts = by_uid(read(corpus(shared, "okapi/ibm_tbx.tbx")))
    first = concepts["c1"]
    assert [t.text for t in first.terms_in("en")] == ["navigation trail", "branch"]
    assert first.subject_field == "Software"
    assert term(first, "historique de navigation").part_of_speech == "nom"


def test_medtronic_transactions(shared: Path) -> None:
    """Origination and modification dates and responsibility become history fields."""
    concept = by_uid(read(corpus(shared, "okapi/medtronic_TBX.tbx")))["c7331"]
    assert concept.created_at == datetime(2005, 3, 10, 14, 45, 27, tzinfo=UTC)
    assert concept.created_by == "local"
    assert concept.updated_at == datetime(2005, 4, 22, 14, 6, 32, tzinfo=UTC)
    assert concept.updated_by == "UMuegge"
    assert concept.definitions[""].startswith("the capability of a distance telemetry")


def test_maryland_character_references_and_2008_term_types(shared: Path) -> None:
    """Numeric character references decode; entryTerm/synonym carry no form, variant does."""
    (concept,) = read(corpus(shared, "okapi/maryland.tbx"))
    assert concept.uid == "eid-VocCod-211.01"
    assert [t.text for t in concept.terms_in("fr")] == ["copiste", "scribe", "écrivain"]
    assert concept.definitions[""] == "personne qui accomplit un travail copie ou d'écriture"
    assert term(concept, "copiste").term_type is None
    assert term(concept, "escribano").term_type is TermType.VARIANT


def test_hybrid_martif_in_v3_namespace(shared: Path) -> None:
    """Weblate's martif root in the v3 namespace reads; obsolete is deprecated."""
    concepts = by_uid(read(corpus(shared, "weblate/fr-extended-metadata.tbx")))
    assert [t.status for t in concepts["e001"].terms] == [DEPRECATED, DEPRECATED]
    assert concepts["e001"].definitions[""] == "Superseded but still found in older manuals."
    assert term(concepts["e002"], "SYS_ERR_406").note == "Do not translate error codes."


def test_entries_without_ids(shared: Path) -> None:
    """translate-toolkit writes termEntry without id; uid stays None."""
    concepts = read(corpus(shared, "weblate/cs.tbx"))
    assert [c.uid for c in concepts] == [None] * 4
    assert [t.text for t in concepts[0].terms] == ["address bar", "adresní řádek"]


def test_registry_finds_tbx() -> None:
    """The .tbx extension and the name tbx both give TbxFormat."""
    assert isinstance(glossary_format(Path("x.TBX")).inner, TbxFormat)
    assert isinstance(glossary_format(Path("x.txt"), "tbx").inner, TbxFormat)


# Reading edge cases (synthetic files)


def test_upper_case_language_and_extra_terms(tmp_path: Path) -> None:
    """xml:lang="EN" normalises; a termSec with two <term>s gives two terms."""
    entry = (
        '<termEntry id="a"><langSet xml:lang="EN"><tig><term>  one </term>'
        '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>'
        "<term>two</term><note>second</note></tig></langSet>"
        '<langSet xml:lang="zh_hant"><tig><term>中科聞歌</term></tig></langSet></termEntry>'
    )
    (concept,) = read(write_text(tmp_path, HEADER + MARTIF.format(entries=entry)))
    assert [(t.lang, t.text, t.status, t.note) for t in concept.terms] == [
        ("en", "one", ADMITTED, None),
        ("en", "two", PREFERRED, "second"),
        ("zh-Hant", "中科聞歌", PREFERRED, None),
    ]


def test_groups_and_term_sources(tmp_path: Path) -> None:
    """termNoteGrp inside termGrp counts; a context's source is not the term's source."""
    entry = (
        '<termEntry id="g"><descripGrp><descrip type="subjectField">law</descrip>'
        '<admin type="source">ISO</admin></descripGrp><langSet xml:lang="fr"><ntig><termGrp>'
        "<term>tribunal</term><termNoteGrp>"
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>'
        "<note>about the status</note></termNoteGrp>"
        '<termNote type="termType">acronym</termNote></termGrp>'
        '<descripGrp><descrip type="context">Le tribunal a jugé.</descrip>'
        '<admin type="source">Le Monde</admin></descripGrp>'
        '<admin type="source">Grand Robert</admin><note>court</note></ntig></langSet></termEntry>'
    )
    (concept,) = read(write_text(tmp_path, HEADER + MARTIF.format(entries=entry)))
    assert concept.subject_field == "law"
    tribunal = Term("fr", "tribunal", DEPRECATED, term_type=TermType.ACRONYM, note="court")
    assert concept.terms == [replace(tribunal, source="Grand Robert")]


def test_dct_term_source(tmp_path: Path) -> None:
    """In DCT style a namespaced basic:source at term level is the term's source."""
    entry = (
        '<conceptEntry id="d" xmlns:basic="http://www.tbxinfo.net/ns/basic"'
        ' xmlns:min="http://www.tbxinfo.net/ns/min"><min:subjectField>astro</min:subjectField>'
        '<langSec xml:lang="en"><termSec><term>nova</term>'
        "<min:administrativeStatus>admittedTerm-admn-sts</min:administrativeStatus>"
        "<basic:termType>shortForm</basic:termType><basic:source>NASA</basic:source>"
        "</termSec></langSec></conceptEntry>"
    )
    (concept,) = read(write_text(tmp_path, HEADER + TBX3.format(entries=entry)))
    assert concept.subject_field == "astro"
    assert concept.terms == [
        Term("en", "nova", ADMITTED, term_type=TermType.SHORT_FORM, source="NASA")
    ]


def test_unknown_language_names_the_line(tmp_path: Path) -> None:
    """An unknown language tag is a FormatError on the langSet's line."""
    text = HEADER + MARTIF.format(entries="\n\n" + martif_entry(lang="xx-notalang-1234567890"))
    with pytest.raises(FormatError) as caught:
        read(write_text(tmp_path, text))
    assert caught.value.line == 6
    assert "unknown language" in caught.value.message


def test_missing_language_is_an_error(tmp_path: Path) -> None:
    """A langSec without xml:lang is a FormatError."""
    entry = (
        '<conceptEntry id="a"><langSec><termSec><term>x</term></termSec></langSec></conceptEntry>'
    )
    with pytest.raises(FormatError, match="no xml:lang"):
        read(write_text(tmp_path, HEADER + TBX3.format(entries=entry)))


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "empty"),
        (b"   \n  ", 2, ""),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<html><body/></html>', 2, "not <tbx>"),
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n<martif>\n<text>café</text></martif>'.encode(
                "latin-1"
            ),
            3,
            "",
        ),
        (b'<?xml version="1.0" encoding="no-such-codec"?>\n<martif/>', 1, "encoding"),
        (b'<?xml version="1.0"?>\n<martif><text><body><termEntry>', 2, ""),
        (b"\xff\xfe\x00\x00garbage", 1, ""),
    ],
    ids=["empty", "blank", "not-tbx", "latin1-as-utf8", "bad-codec", "truncated", "garbage"],
)
def test_bad_input_is_a_format_error(
    tmp_path: Path, content: bytes, line: int, message: str
) -> None:
    """Broken files give FormatError with the line of the problem, never another exception."""
    path = tmp_path / "bad.tbx"
    path.write_bytes(content)
    with pytest.raises(FormatError) as caught:
        read(path)
    assert caught.value.line == line
    assert message in caught.value.message


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    """A file that is not there is reported as a FormatError naming it."""
    with pytest.raises(FormatError, match="cannot read"):
        read(tmp_path / "absent.tbx")


def test_truncated_files_only_raise_format_error(shared: Path, tmp_path: Path) -> None:
    """Cut a real file anywhere: reading either succeeds or raises FormatError."""
    data = corpus(shared, "okapi/medtronic_TBX.tbx").read_bytes().rstrip()
    path = tmp_path / "cut.tbx"
    for cut in range(0, len(data), 997):
        path.write_bytes(data[:cut])
        with pytest.raises(FormatError):
            read(path)


def test_utf8_bom_and_utf16(tmp_path: Path) -> None:
    """A UTF-8 byte order mark and a UTF-16 file both read."""
    text = HEADER.replace("utf-8", "utf-16") + MARTIF.format(
        entries=martif_entry("<term>한국</term>")
    )
    assert read(write_text(tmp_path, text, encoding="utf-16"))[0].terms[0].text == "한국"
    bom = "\ufeff" + HEADER + MARTIF.format(entries=martif_entry("<term>é</term>"))
    assert read(write_text(tmp_path, bom, "bom.tbx"))[0].terms[0].text == "é"


def test_line_numbers_beyond_65535(tmp_path: Path) -> None:
    """Errors deep in a big file still name the right line."""
    entries = "\n".join(martif_entry() for _ in range(70_000))
    text = HEADER + MARTIF.format(entries=entries + "\n<termEntry></oops>")
    with pytest.raises(FormatError) as caught:
        read(write_text(tmp_path, text))
    assert caught.value.line == 3 + 70_000 + 1


def test_reading_streams_and_reports_progress(tmp_path: Path) -> None:
    """The first concept arrives before the file has been read to its end."""
    path = tmp_path / "big.tbx"
    concepts = (
        Concept(terms=[Term("en", f"term {i}"), Term("ko", f"용어 {i}")]) for i in range(20_000)
    )
    TBX.write(concepts, path, WriteOptions())
    seen: list[tuple[int, int]] = []
    stream = TBX.read(path, ReadOptions(on_progress=lambda done, total: seen.append((done, total))))
    first = next(stream)
    assert first.terms[0].text == "term 0"
    done, total = seen[-1]
    assert done < total / 4
    assert sum(1 for _ in stream) == 19_999
    assert seen[-1][0] == total


# Hostile input


def hostile_files(shared: Path) -> list[Path]:
    """The defusedxml test files: entity bombs, external entities, an external DTD."""
    files = sorted((shared / "corpus" / "hostile" / "defusedxml").glob("*.xml"))
    assert len(files) == 7
    return files


def wrap(data: bytes, root: str) -> bytes:
    """Put a hostile file's DOCTYPE in front of a TBX document that uses its entities."""
    doctype = re.search(rb"<!DOCTYPE\s+\S+\s*(.*?\]|[^\[>]*)\s*>", data, re.S)
    assert doctype is not None
    body = data[doctype.end() :]
    references = b"".join(re.findall(rb"&\w+;", body)) or b"x"
    head = b"<!DOCTYPE " + root.encode() + b" " + doctype.group(1) + b">\n"
    template = MARTIF if root == "martif" else TBX3
    if root == "martif":
        entry = martif_entry("<term>@</term>")
    else:
        entry = (
            '<conceptEntry id="a"><langSec xml:lang="en">'
            "<termSec><term>@</term></termSec></langSec></conceptEntry>"
        )
    document = template.format(entries=entry).encode().replace(b"@", references)
    return HEADER.encode() + head + document


def test_hostile_files_are_refused(shared: Path, tmp_path: Path) -> None:
    """Every defusedxml file, as it is, is refused quickly: entities first, else the root."""
    for source in hostile_files(shared):
        path = tmp_path / source.name
        path.write_bytes(source.read_bytes())
        started = time.perf_counter()
        with pytest.raises(FormatError) as caught:
            read(path)
        assert time.perf_counter() - started < 1, source.name
        if b"<!ENTITY" in source.read_bytes():
            assert caught.value.message.endswith("declares entities; refused for safety")
        else:
            assert caught.value.message == "root element <html> is not <tbx> or <martif>"


@pytest.mark.parametrize("root", ["martif", "tbx"])
def test_entity_declarations_are_refused(shared: Path, tmp_path: Path, root: str) -> None:
    """Wrapped into TBX, every file whose DTD declares an entity is refused, quickly."""
    for source in hostile_files(shared):
        data = source.read_bytes()
        if b"<!ENTITY" not in data:
            continue
        path = tmp_path / f"{source.stem}.tbx"
        path.write_bytes(wrap(data, root))
        started = time.perf_counter()
        with pytest.raises(FormatError) as caught:
            read(path)
        assert time.perf_counter() - started < 1, source.name
        assert caught.value.message == "the DTD declares entities; refused for safety", source.name
        assert caught.value.path == str(path)
        wrapped = path.read_bytes()
        root_line = wrapped[: wrapped.index(f"<{root} ".encode())].count(b"\n") + 1
        assert caught.value.line == root_line, source.name


def test_external_dtd_alone_is_accepted_unread(shared: Path, tmp_path: Path) -> None:
    """defusedxml's dtd.xml DOCTYPE (a w3.org DTD) in a TBX file: read, nothing fetched."""
    (source,) = [p for p in hostile_files(shared) if p.name == "dtd.xml"]
    path = tmp_path / "dtd.tbx"
    path.write_bytes(wrap(source.read_bytes(), "martif"))
    started = time.perf_counter()
    assert [t.text for c in read(path) for t in c.terms] == ["x"]
    assert time.perf_counter() - started < 1


def test_local_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    """An external DTD is never opened: a broken one does no harm, its entities stay out."""
    dtd = tmp_path / "TBXcoreStructV02.dtd"
    dtd.write_text('<!ENTITY secret "LEAKED"> <!broken', "utf-8")
    doctype = f'<!DOCTYPE martif SYSTEM "{dtd.as_uri()}">\n'
    plain = HEADER + doctype + MARTIF.format(entries=martif_entry())
    assert read(write_text(tmp_path, plain, "plain.tbx"))[0].terms[0].text == "x"
    leaky = HEADER + doctype + MARTIF.format(entries=martif_entry("<term>a&secret;b</term>"))
    with pytest.raises(FormatError, match="not declared; refused for safety"):
        read(write_text(tmp_path, leaky, "leaky.tbx"))


def test_undeclared_entity_without_dtd(tmp_path: Path) -> None:
    """An entity reference with no DTD at all is a FormatError naming its line."""
    text = HEADER + MARTIF.format(entries=martif_entry("<term>&nope;</term>"))
    with pytest.raises(FormatError) as caught:
        read(write_text(tmp_path, text))
    assert caught.value.line == 4
    assert "nope" in caught.value.message


def test_parameter_entities_are_refused(tmp_path: Path) -> None:
    """An external parameter entity (a classic XXE route) is refused before it could load."""
    secret = tmp_path / "secret.txt"
    secret.write_text("LEAKED", "utf-8")
    doctype = f'<!DOCTYPE martif [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>\n'
    text = HEADER + doctype + MARTIF.format(entries=martif_entry())
    with pytest.raises(FormatError, match="declares entities"):
        read(write_text(tmp_path, text))


# Writing


def test_round_trip_of_the_running_example(tmp_path: Path) -> None:
    """Korean, Chinese (both scripts) and English terms come back as they went out."""
    concepts = sample_concepts()
    path = tmp_path / "out.tbx"
    assert TBX.write(concepts, path, WriteOptions()) == len(concepts)
    assert read(path) == concepts


def test_round_trip_of_astronomy(shared: Path, tmp_path: Path) -> None:
    """The official TBX-Basic example survives write then read unchanged."""
    concepts = read(corpus(shared, BASIC_DCA))
    assert read(written(tmp_path, concepts)) == concepts


BASIC_CATEGORIES = frozenset(
    {"context", "definition", "subjectField", "customerSubset", "projectSubset", "source"}
    | {"administrativeStatus", "geographicalUsage", "grammaticalGender", "partOfSpeech"}
    | {"termLocation", "termType", "externalCrossReference", "xGraphic", "crossReference"}
    | {"transacGrp", "note"}
)
"""The data categories TBX-Basic defines (transactions and notes as their elements)."""


def _basic_only(concept: Concept) -> Concept:
    """The concept with only the kept categories that TBX-Basic defines."""
    kept = [c for c in concept.categories if c.name in BASIC_CATEGORIES]
    return replace(concept, categories=kept)


def test_output_is_valid_tbx_basic(shared: Path, tmp_path: Path) -> None:
    """What we write passes the TBX v3 RELAX NG schema and the TBX-Basic Schematron."""
    medtronic = read(corpus(shared, "okapi/medtronic_TBX.tbx"))
    concepts = [*sample_concepts(), *map(_basic_only, medtronic)]
    concepts[0].terms[0].part_of_speech = "Proper noun"
    concepts[1].terms[0].part_of_speech = "pronoun"  # not in the picklist: written as "other"
    path = written(tmp_path, concepts)
    schema = relaxng(shared)
    assert schema.validate(etree.parse(str(path))), schema.error_log
    assert schematron_failures(schematron(shared), path) == []
    back = by_uid(read(path))
    assert back["org-wenge"].terms[0].part_of_speech == "noun"
    assert back["person-zhu-guangxiang"].terms[0].part_of_speech == "other"


def test_kept_categories_are_valid_where_they_are_written(shared: Path, tmp_path: Path) -> None:
    """The official example with every category kept (contexts, sources, images, language
    transactions) is valid TBX-Basic again; categories TBX-Basic does not define, carried
    through from Medtronic's file, keep the core structure valid and are all the Schematron
    names."""
    astronomy = written(tmp_path, read(corpus(shared, BASIC_DCA)))
    schema = relaxng(shared)
    schema.validate(etree.parse(str(astronomy)))
    # The one thing not carried: the file's back matter (refObjectSec), the person whom the
    # transactions' responsibility points at; everything else is valid where it is written.
    errors = {error.message for error in schema.error_log}
    assert errors == {
        'IDREF attribute target references an unknown ID "pe324as3-9615-4d41-a9c8-30c36bffe0e6"'
    }
    assert schematron_failures(schematron(shared), astronomy) == []
    medtronic = read(corpus(shared, "okapi/medtronic_TBX.tbx"))
    other = {c.name for concept in medtronic for c in concept.categories} - BASIC_CATEGORIES
    assert other == {"businessUnitSubset", "productSubset", "transferComment"}
    path = tmp_path / "medtronic.tbx"
    TBX.write(medtronic, path, WriteOptions())
    schema = relaxng(shared)
    assert schema.validate(etree.parse(str(path))), schema.error_log
    failures = schematron_failures(schematron(shared), path)
    carried = etree.parse(str(path)).xpath(
        "//*[@type = $a or @type = $b or @type = $c]",
        a="businessUnitSubset",
        b="productSubset",
        c="transferComment",
    )
    assert len(failures) == len(carried) > 0  # one per carried element, and nothing else
    assert all(failure.startswith("Permitted type value(s):") for failure in failures)


def test_schematron_rewrite_still_catches_errors(shared: Path) -> None:
    """The XSLT 1 rewrite of the Schematron passes the official example and fails basic_bad."""
    schema = schematron(shared)
    assert schematron_failures(schema, corpus(shared, BASIC_DCA)) == []
    failures = schematron_failures(schema, corpus(shared, "ltac_test_files/basic_bad.tbx"))
    assert any("/partOfSpeech/" in failure for failure in failures)
    assert any("/definition/ may only appear" in failure for failure in failures)


def test_output_shape(tmp_path: Path) -> None:
    """TBX-Basic v3 in DCA style, with the statuses spelt as the dialect's picklist."""
    text = written(tmp_path, sample_concepts()).read_text("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')
    root = etree.fromstring(text.encode())
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert "xmlns:ns0" not in text
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in text
    assert '<langSec xml:lang="zh-Hant">' in text
    assert "<date>2025-07-31T09:30:05Z</date>" in text


def test_language_filter(tmp_path: Path) -> None:
    """Only the languages asked for are written; concepts left without terms are skipped."""
    concepts = [*sample_concepts(), Concept(uid="fr-only", terms=[Term("fr", "seulement")])]
    path = tmp_path / "out.tbx"
    assert TBX.write(concepts, path, WriteOptions(langs=["EN", "zh_hant"])) == 4
    back = read(path)
    assert {t.lang for c in back for t in c.terms} == {"en", "zh-Hant"}
    assert [t.lang for t in back[0].terms] == ["en", "en", "zh-Hant"]
    assert "fr-only" not in by_uid(back)
    # Definitions of languages left out are left out too.
    assert TBX.write([sample_concepts()[1]], path, WriteOptions(langs=["en"])) == 1
    assert read(path)[0].definitions == {}


def test_definition_without_terms_in_its_language(shared: Path, tmp_path: Path) -> None:
    """A definition for a language that has no terms survives (as a concept-level descrip)."""
    concept = Concept(uid="d", definitions={"fr": "définition"}, terms=[Term("en", "word")])
    path = written(tmp_path, [concept])
    assert read(path) == [concept]
    assert relaxng(shared).validate(etree.parse(str(path)))


def test_ids_are_valid_and_unique(shared: Path, tmp_path: Path) -> None:
    """Unusable or repeated uids give way to generated ids; database ids are used when free."""
    concepts = [
        Concept(uid="1st", terms=[Term("en", "a")]),
        Concept(uid="has space", id=7, terms=[Term("en", "b")]),
        Concept(uid="dup", terms=[Term("en", "c")]),
        Concept(uid="dup", terms=[Term("en", "d")]),
        Concept(uid="c1", terms=[Term("en", "e")]),
        Concept(terms=[Term("en", "f")]),
    ]
    path = written(tmp_path, concepts)
    assert [c.uid for c in read(path)] == ["c1", "c7", "dup", "c2", "c3", "c4"]
    assert relaxng(shared).validate(etree.parse(str(path)))


def test_empty_export_is_valid(shared: Path, tmp_path: Path) -> None:
    """No concepts: a valid document without a body, which reads as nothing."""
    path = written(tmp_path, [Concept(terms=[])])
    assert read(path) == []
    assert relaxng(shared).validate(etree.parse(str(path)))


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    """Control characters (from a spreadsheet, say) are left out rather than failing the export."""
    concept = Concept(uid="k", terms=[Term("en", "bad\x08char\x00s")])
    assert read(written(tmp_path, [concept]))[0].terms[0].text == "badchars"


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    """An error half-way through leaves neither the target nor a partial file."""

    def concepts() -> Iterator[Concept]:
        yield sample_concepts()[0]
        raise RuntimeError("database went away")

    path = tmp_path / "out.tbx"
    with pytest.raises(RuntimeError):
        TBX.write(concepts(), path, WriteOptions())
    assert list(tmp_path.iterdir()) == []


def test_unknown_export_language(tmp_path: Path) -> None:
    """A bad language in the filter is a FormatError, and nothing is written."""
    with pytest.raises(FormatError, match="unknown language"):
        TBX.write(sample_concepts(), tmp_path / "out.tbx", WriteOptions(langs=["??"]))
    assert list(tmp_path.iterdir()) == []


TEXT = (
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp")), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(TEXT, min_size=1, max_size=4),
    statuses=st.lists(st.sampled_from(list(TermStatus)), min_size=4, max_size=4),
    langs=st.lists(
        st.sampled_from(["ko", "en", "zh-Hant", "zh-Hans", "ja"]), min_size=4, max_size=4
    ),
)
def test_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory,
    texts: list[str],
    statuses: list[TermStatus],
    langs: list[str],
) -> None:
    """Any printable text, status and language survives a round trip."""
    terms = [
        Term(lang, text, status) for text, status, lang in zip(texts, statuses, langs, strict=False)
    ]
    terms.sort(key=lambda t: langs.index(t.lang))  # the file groups terms by language
    concept = Concept(uid="p", terms=terms)
    path = tmp_path_factory.mktemp("prop") / "p.tbx"
    TBX.write([concept], path, WriteOptions())
    assert read(path) == [concept]


# TBX 2008 for tools that read no TBX v3


def test_tbx2008_is_read_by_translate_toolkit_and_by_us_as_written(
    shared: Path, tmp_path: Path
) -> None:
    """translate-toolkit 3.20 (and Weblate with it) reads only a martif root; our reader
    gives back the very concepts written, contexts and sources included."""
    concepts = [*sample_concepts(), *read(corpus(shared, BASIC_DCA))]
    path = tmp_path / "out.tbx"
    assert Tbx2008Format().write(concepts, path, WriteOptions()) == len(concepts)
    root = etree.parse(str(path)).getroot()
    assert (root.tag, root.get("type")) == ("martif", "TBX-Basic")
    assert root.xpath("//*[namespace-uri() != '']") == []  # TBX 2008 has no namespace
    assert [e.tag for e in root.xpath("/martif/text/body/*")] == ["termEntry"] * len(concepts)
    assert read(path) == concepts
    store = ttk_tbx.tbxfile.parsefile(str(path))
    assert [u.getid() for u in store.units] == [c.uid for c in concepts]
    # translate-toolkit's unit is the first language's term and the second's
    assert [u.source for u in store.units] == [c.terms[0].text for c in concepts]
    first, second = concepts[0].languages()[:2]
    wenge = store.units[0]
    assert (wenge.source, wenge.target) == (
        concepts[0].terms_in(first)[0].text,
        concepts[0].terms_in(second)[0].text,
    )


def test_glossary_export_format_tbx2008_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "tb.sqlite"))
    source = tmp_path / "in.tbx"
    TBX.write(sample_concepts(), source, WriteOptions())
    assert run(capsys, "glossary", "import", str(source))[0] == 0
    out = tmp_path / "weblate.tbx"
    code, _out, err = run(capsys, "glossary", "export", str(out), "--format", "tbx2008")
    assert code == 0, err
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<martif ')
    assert len(ttk_tbx.tbxfile.parsefile(str(out)).units) == len(sample_concepts())
