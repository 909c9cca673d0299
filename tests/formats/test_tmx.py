"""TMX: real third-party memories, inline codes, round trips, DTD validity and hostile input."""

from __future__ import annotations

import re
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import tmx as toolkit_tmx

from workbench.domain.document import InlineCode, code_char, code_index
from workbench.domain.memory import TmUnit, TmUnitData, context_key
from workbench.formats.base import FormatError
from workbench.formats.tmx import TmxReport, read_tmx, write_tmx

# From corpus/SOURCES.md: <tu> and <tuv> counts. Units follow from the rules in tmx.py: one
# per tuv in another language than the tu's source (every ordered pair under srclang *all*).
CORPUS_COUNTS: dict[str, tuple[int, int, int]] = {
    # file: (<tu>, <tuv>, units)
    "disfr/XuanZang.tmx": (51, 306, 51 * 6 * 5),
    "disfr/empty-tmx.tmx": (0, 0, 0),
    "disfr/multilanguage.tmx": (1, 7, 7 * 6),
    "disfr/my_memory.tmx": (113, 226, 113),
    "disfr/tmx_sample_document.tmx": (2, 5, 1 + 3 * 2),  # the second tu has srclang *all*
    "okapi/Paragraph_TM.tmx": (7, 14, 7),
    "okapi/html_test.tmx": (11, 22, 11),
    "okapi/mytm.tmx": (25, 50, 25),
    "okapi/sample14b.tmx": (25, 50, 25),
    "okapi/smallParagraph.tmx": (2, 4, 2),
    "omegat/empty.tmx": (0, 0, 0),
    "omegat/en-US_en-GB_fr_sr.tmx": (1, 4, 3),
    "omegat/invalid.tmx": (1, 2, 1),
    "omegat/test-SMP.tmx": (1, 2, 1),
    "omegat/test-level2.tmx": (4, 8, 4),
    "omegat/test-missingSource.tmx": (4, 9, 1 + 2 + 2),  # one tu has no English tuv
    "omegat/test-multiple-tuv14.tmx": (3, 14, 7 + 2 + 2),
    "omegat_TMXComplianceKit/ExportTest2A.tmx": (6, 12, 6),
    "omegat_TMXComplianceKit/ImportTest1A.tmx": (2, 4, 2),
    "omegat_TMXComplianceKit/ImportTest1B.tmx": (1, 2, 1),
    "omegat_TMXComplianceKit/ImportTest1C.tmx": (3, 15, 3 * 4),
    "omegat_TMXComplianceKit/ImportTest1L.tmx": (1, 3, 2),
    "omegat_TMXComplianceKit/ImportTest2A.tmx": (7, 14, 7),
    "omegat_TMXComplianceKit/ImportTest2B.tmx": (7, 14, 7),
    "omegat_TMXComplianceKit/ImportTest2C.tmx": (1, 3, 2),
    "omegat_project_CN_JP/project_save.tmx": (1, 2, 1),
    "openxliff/OpenXLIFF_Java_es.tmx": (519, 1038, 519),
    "weblate/memory.tmx": (1, 3, 2),
    "weblate/memory2.tmx": (1, 2, 1),
}
# SOURCES.md's inline counts of the two-tuv files, as codes: every element inside <seg> is one
# code, except that <hi> is two (its start and end, around translatable text) and <sub> none
# (it is part of its code's native text).
CODES_PER_FILE = {
    "okapi/Paragraph_TM.tmx": 103 + 2,
    "okapi/html_test.tmx": 8 + 8 + 12 + 2,
    "okapi/mytm.tmx": 20 + 20 + 2,
    "okapi/sample14b.tmx": 2,
    "omegat/invalid.tmx": 2 + 2 + 4,
    "omegat/test-level2.tmx": 2 + 1 + 2 + 2,
    "omegat_TMXComplianceKit/ExportTest2A.tmx": 24 + 24 + 4,
    "omegat_TMXComplianceKit/ImportTest2A.tmx": 18 + 18 + 4 + 2 + 2 * 2,
    "omegat_TMXComplianceKit/ImportTest2B.tmx": 18 + 18 + 4 + 2 + 2 * 2,
}
UTF16_FILES = [
    "okapi/html_test.tmx",
    "omegat_TMXComplianceKit/ImportTest1A.tmx",
    "omegat_TMXComplianceKit/ImportTest2A.tmx",
    "omegat_TMXComplianceKit/ImportTest2B.tmx",
]
MINIMAL = (
    '<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tmx version="1.4">'
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
    'adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n{body}\n</body></tmx>\n'
)
TU = (
    '<tu><tuv xml:lang="en"><seg>{source}</seg></tuv>'
    '<tuv xml:lang="ko"><seg>{target}</seg></tuv></tu>'
)


def corpus(shared: Path, name: str) -> Path:
    """A file of the shared TMX corpus."""
    return shared / "corpus" / "tmx" / name


def read(path: Path, report: TmxReport | None = None) -> list[TmUnitData]:
    """All units of a file."""
    return list(read_tmx(path, report=report))


def write_text(tmp_path: Path, body: str, doctype: str = "", name: str = "t.tmx") -> Path:
    """A TMX file with these <tu> elements."""
    path = tmp_path / name
    path.write_text(MINIMAL.format(doctype=doctype, body=body), encoding="utf-8")
    return path


def tmx_dtd(shared: Path) -> etree.DTD:
    """The TMX 1.4b DTD, from the local file (never the network)."""
    return etree.DTD(str(shared / "schemas" / "tmx" / "tmx14.dtd"))


def assert_valid(shared: Path, path: Path) -> None:
    """The file validates against tmx14.dtd."""
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    dtd = tmx_dtd(shared)
    valid = dtd.validate(etree.parse(str(path), parser))
    assert valid, str(dtd.error_log)


def as_plain_text(text: str, codes: tuple[InlineCode, ...]) -> str:
    """What a tool that ignores inline markup reads: each native code as its native text."""
    parts = []
    for char in text:
        index = code_index(char)
        if index is None:
            parts.append(char)
        elif codes[index].element in ("bpt", "ept", "ph", "it", "ut"):
            native = etree.fromstring(codes[index].markup).itertext()
            parts.append("".join(cast(Iterator[str], native)))
        elif codes[index].element != "hi":
            parts.append(codes[index].markup)  # a private-use character, or markup in a <ph>
    return "".join(parts)


def sample_units() -> list[TmUnit]:
    """The running example with codes from TMX, from XLIFF and from Markdown."""
    bold = InlineCode("open", "bpt", "1", '<bpt i="1" x="1">&lt;b&gt;</bpt>', "<b>")
    bold_end = InlineCode("close", "ept", "1", '<ept i="1">&lt;/b&gt;</ept>', "</b>")
    image_markup = '<ph x="2" type="image">&lt;img/&gt;</ph>'
    image = InlineCode("standalone", "ph", "2", image_markup, "<img/>")
    xliff_g = InlineCode("open", "g", "7", '<g id="7" ctype="bold">', "g")
    xliff_g_end = InlineCode("close", "g", "7", "</g>", "/g")
    strong = InlineCode("open", "md-strong", "s1", "**", "**")
    strong_end = InlineCode("close", "md-strong", "s1", "**", "**")
    moment = datetime(2025, 8, 15, 9, 30, 5, tzinfo=UTC)
    c = [code_char(index) for index in range(4)]
    return [
        TmUnit(
            id=1,
            source_lang="ko",
            target_lang="en",
            source=f"{c[0]}원거테크놀러지{c[1]}(中科聞歌)가 대형 모델을 발표했다{c[2]}",
            target=f"{c[0]}Beijing Wenge Technology{c[1]} released a model{c[2]}",
            codes=(bold, bold_end, image),
            origin="waic-2025-ko.txt",
            context=context_key("앞 문장", "뒤 문장"),
            author="translator",
            created_at=moment,
            changed_at=moment + timedelta(days=1),
            note="Name as in the term base.\nSecond line.",
            properties=(("x-Domain", "AI & <news>"),),
        ),
        TmUnit(
            id=2,
            source_lang="ko",
            target_lang="zh-Hans",
            source=f"스쥔{c[0]}(史軍){c[1]}은 {c[2]}8월 15일{c[3]}에 밝혔다",
            target=f"史军{c[0]}{c[1]}于{c[2]}8月15日{c[3]}表示",
            codes=(xliff_g, xliff_g_end, strong, strong_end),
            origin="editor",
        ),
        TmUnit(
            id=3,
            source_lang="zh-Hans",
            target_lang="ko",
            source="センスタイム & 商汤 <AI> \"quoted\" 'x'",
            target="센스타임(SenseTime)",
        ),
    ]


# The corpus


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_file_imports_with_documented_counts(shared: Path, name: str) -> None:
    tus, tuvs, units = CORPUS_COUNTS[name]
    report = TmxReport()
    read_units = read(corpus(shared, name), report)
    assert (report.tus, len(read_units), report.units) == (tus, units, units)
    text = corpus(shared, name).read_bytes()
    encoding = "utf-16" if text.startswith(b"\xff\xfe") else "utf-8-sig"
    assert len(re.findall(r"<tuv[\s>]", text.decode(encoding))) == tuvs


def test_every_corpus_file_is_checked(shared: Path) -> None:
    folder = shared / "corpus" / "tmx"
    assert {str(p.relative_to(folder)) for p in folder.rglob("*.tmx")} == set(CORPUS_COUNTS)


@pytest.mark.parametrize("name", sorted(CODES_PER_FILE))
def test_every_inline_element_becomes_a_code(shared: Path, name: str) -> None:
    units = read(corpus(shared, name))
    code_chars = sum(
        1 for unit in units for char in unit.source + unit.target if code_index(char) is not None
    )
    assert code_chars == CODES_PER_FILE[name]


def test_tu_without_source_language_is_skipped_and_reported(shared: Path) -> None:
    report = TmxReport()
    units = read(corpus(shared, "omegat/test-missingSource.tmx"), report)
    assert report.skipped_tus == 1
    assert report.warnings == ["line 23: <tu> has no <tuv> in the source language en; skipped"]
    assert "tr1" not in {unit.target for unit in units}
    # The only regional variant of the bare srclang stands in for it.
    assert {(u.source_lang, u.target) for u in units if u.source == "lang3"} == {
        ("en-GB", "lang3z"),
        ("en-GB", "tr3"),
    }


def test_unbalanced_codes_are_imported_as_isolated(shared: Path, tmp_path: Path) -> None:
    """invalid.tmx: ept before bpt, bpt i=1 twice, an it: all kept, none paired."""
    report = TmxReport()
    (unit,) = read(corpus(shared, "omegat/invalid.tmx"), report)
    assert report.isolated_codes == 6
    assert [(c.element, c.kind) for c in unit.codes] == [
        ("ept", "standalone"),
        ("it", "standalone"),
        ("bpt", "standalone"),
        ("bpt", "standalone"),
    ]
    assert unit.codes[0].markup == '<ept i="1">&lt;/b&gt;</ept>'
    assert unit.source.split() == [code_char(i) for i in range(4)]
    out = tmp_path / "out.tmx"
    write_tmx([unit], out, "en")
    assert_valid(shared, out)
    (again,) = read(out)
    assert [c.markup for c in again.codes] == [
        '<it pos="end">&lt;/b&gt;</it>',
        '<it pos="end">&lt;/LI&gt;</it>',
        '<it pos="begin" type="struct">&lt;LI&gt;</it>',
        '<it pos="begin" x="1" type="bold">&lt;b&gt;</it>',
    ]


def test_srclang_all_gives_every_pair(shared: Path) -> None:
    units = read(corpus(shared, "disfr/XuanZang.tmx"))
    pairs = Counter((unit.source_lang, unit.target_lang) for unit in units)
    langs = {"de", "en", "es", "it", "ko", "zh-CN"}
    assert set(pairs) == {(a, b) for a in langs for b in langs if a != b}
    assert set(pairs.values()) == {51}


def test_tu_srclang_overrides_the_header(shared: Path) -> None:
    units = read(corpus(shared, "disfr/tmx_sample_document.tmx"))
    menu = {(u.source_lang, u.target_lang) for u in units if u.source == "menu"}
    assert menu == {(a, b) for a in ("en", "fr-CA", "fr-FR") for b in ("en", "fr-CA", "fr-FR")} - {
        (lang, lang) for lang in ("en", "fr-CA", "fr-FR")
    }


def test_languages_are_normalised_and_tmx_11_lang_is_read(shared: Path) -> None:
    assert {
        (u.source_lang, u.target_lang) for u in read(corpus(shared, "disfr/my_memory.tmx"))
    } == {("en-GB", "ru-RU")}
    (unit,) = read(corpus(shared, "omegat_TMXComplianceKit/ImportTest1B.tmx"))
    assert (unit.source_lang, unit.target_lang) == ("en-US", "fr-CA")


def test_several_tuvs_of_one_language(shared: Path) -> None:
    units = read(corpus(shared, "omegat/test-multiple-tuv14.tmx"))
    targets = Counter(unit.target_lang for unit in units)
    assert targets["fr-CA"] == 2


@pytest.mark.parametrize("name", UTF16_FILES)
def test_utf16_files(shared: Path, name: str) -> None:
    assert corpus(shared, name).read_bytes().startswith(b"\xff\xfe")
    assert len(read(corpus(shared, name))) == CORPUS_COUNTS[name][2]


def test_whitespace_from_character_references_is_kept(shared: Path) -> None:
    units = read(corpus(shared, "omegat_TMXComplianceKit/ImportTest1A.tmx"))
    assert [u.source for u in units] == [
        "First segment with [\t\t   ]",
        "Second segment with [  \t\t]",
    ]


def test_inline_elements(shared: Path) -> None:
    """ImportTest2C has every inline element; <sub> stays inside its code's native text."""
    unit = read(corpus(shared, "omegat_TMXComplianceKit/ImportTest2C.tmx"))[0]
    c = [code_char(index) for index in range(6)]
    assert unit.source == f"{c[0]}{c[1]}Click {c[2]} to {c[3]}start{c[4]}.{c[5]}"
    kinds = [(c.element, c.kind, c.id) for c in unit.codes]
    assert kinds[:6] == [
        ("it", "standalone", "1"),
        ("bpt", "open", "1"),
        ("ph", "standalone", "3"),
        ("hi", "open", "4"),
        ("hi", "close", "4"),
        ("ept", "close", "1"),
    ]
    image = unit.codes[2]
    assert image.markup == (
        '<ph x="3" type="image" assoc="b">&lt;IMG SRC="here.png" ALT="'
        '<sub>Start Here!</sub>"&gt;</ph>'
    )
    assert image.display == '<IMG SRC="here.png" ALT="Start Here!">'
    assert unit.codes[3].markup == '<hi type="verb" x="4">' and unit.codes[4].markup == "</hi>"
    # The French image has other native text: a code of its own in the shared table.
    assert unit.target.count(code_char(6)) == 1 and "Commencez" in unit.codes[6].markup


def test_source_and_target_share_codes_of_equal_markup(shared: Path) -> None:
    unit = read(corpus(shared, "omegat_TMXComplianceKit/ImportTest2A.tmx"))[0]
    assert len(unit.codes) == 4
    assert sorted(i for i in map(code_index, unit.target) if i is not None) == [0, 1, 2, 3]
    mismatched = read(corpus(shared, "omegat/test-level2.tmx"))[1]
    assert [c.markup for c in mismatched.codes] == [
        '<ph x="1">internal</ph>',
        '<ph x="1">{\\test internal /&gt;}</ph>',
    ]


def test_empty_bpt_and_private_use_characters(shared: Path) -> None:
    level2 = read(corpus(shared, "omegat/test-level2.tmx"))[3]
    assert level2.codes[0].markup == '<bpt i="5" type="n"/>'
    sample = read(corpus(shared, "disfr/tmx_sample_document.tmx"))[0]
    (private,) = sample.codes
    assert (private.element, private.markup, private.kind) == (
        "private-use",
        "\uf8ff",
        "standalone",
    )
    assert sample.source == f"data (with a non-standard character: {code_char(0)})."


def test_notes_props_dates_and_author(shared: Path) -> None:
    unit = read(corpus(shared, "omegat_TMXComplianceKit/ImportTest2C.tmx"))[0]
    assert unit.created_at == datetime(2002, 5, 23, 9, 12, tzinfo=UTC)
    assert unit.changed_at == unit.created_at and unit.author == "ys"
    assert unit.note is not None and unit.note.splitlines()[:3] == [
        "Text of tu note 1",
        "Text of tu note 2",
        "Text of tuv en note 1",
    ]
    assert ("myPropeType", "Data") in unit.properties
    assert unit.origin == "ImportTest2C.tmx"
    sample = read(corpus(shared, "disfr/tmx_sample_document.tmx"))[0]
    assert sample.author == "BobW"
    assert ("x-Project", "Pægasus") in sample.properties


def test_previous_and_next_props_give_the_context(tmp_path: Path) -> None:
    tu = TU.format(source="Now", target="지금").replace(
        "<tu>", '<tu><prop type="prev">Before</prop><prop type="next">After</prop>'
    )
    (unit,) = read(write_text(tmp_path, tu))
    assert unit.context == context_key("Before", "After")


# Bad and hostile input


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("<tu><tuv xml:lang='en'><seg>a</seg></tuv>\n</tuv></tu>", "Opening and ending tag", 5),
        (TU.format(source="a", target="b").replace('"ko"', '"not a language!"'), "unknown", 4),
        (TU.format(source="a", target="b").replace(' xml:lang="ko"', ""), "has no xml:lang", 4),
    ],
    ids=["malformed", "unknown-language", "no-language"],
)
def test_bad_input_names_the_line(tmp_path: Path, body: str, message: str, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        read(write_text(tmp_path, body))
    assert message in caught.value.message and caught.value.line == line


def test_truncated_files_only_raise_format_error(shared: Path, tmp_path: Path) -> None:
    data = corpus(shared, "omegat_TMXComplianceKit/ImportTest2C.tmx").read_bytes()
    for cut in range(0, len(data), 97):
        path = tmp_path / "cut.tmx"
        path.write_bytes(data[:cut])
        with pytest.raises(FormatError):
            read(path)


def test_missing_file_and_wrong_root(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        read(tmp_path / "absent.tmx")
    path = tmp_path / "x.tmx"
    path.write_text("<xliff/>")
    with pytest.raises(FormatError, match="root element <xliff> is not <tmx>"):
        read(path)


def hostile_files(shared: Path) -> list[Path]:
    """The defusedxml test files: entity bombs, external entities, an external DTD."""
    files = sorted((shared / "corpus" / "hostile" / "defusedxml").glob("*.xml"))
    assert len(files) == 7
    return files


def test_hostile_files_are_refused(shared: Path, tmp_path: Path) -> None:
    for source in hostile_files(shared):
        path = tmp_path / f"{source.stem}.tmx"
        path.write_bytes(source.read_bytes())
        started = time.perf_counter()
        with pytest.raises(FormatError) as caught:
            read(path)
        assert time.perf_counter() - started < 1, source.name
        if b"<!ENTITY" in source.read_bytes():
            assert caught.value.message.endswith("refused for safety")


def test_entity_declarations_in_tmx_are_refused(shared: Path, tmp_path: Path) -> None:
    """Each hostile DTD put in front of a TMX document that uses its entities is refused."""
    for source in hostile_files(shared):
        data = source.read_bytes()
        doctype = re.search(rb"<!DOCTYPE\s+\S+\s*(.*?\]|[^\[>]*)\s*>", data, re.S)
        if b"<!ENTITY" not in data or doctype is None:
            continue
        references = b"".join(re.findall(rb"&\w+;", data[doctype.end() :])) or b"x"
        head = "<!DOCTYPE tmx " + doctype.group(1).decode() + ">\n"
        body = TU.format(source="@", target="b")
        path = tmp_path / f"{source.stem}.tmx"
        path.write_bytes(MINIMAL.format(doctype=head, body=body).encode().replace(b"@", references))
        started = time.perf_counter()
        with pytest.raises(FormatError) as caught:
            read(path)
        assert time.perf_counter() - started < 1, source.name
        assert caught.value.message.endswith("refused for safety"), source.name


def test_undeclared_entity_is_refused_and_external_dtd_not_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "leaked">')
    doctype = f'<!DOCTYPE tmx SYSTEM "{secret.as_uri()}">\n'
    path = write_text(tmp_path, TU.format(source="a &leak; b", target="c"), doctype)
    with pytest.raises(FormatError, match="entity &leak;"):
        read(path)
    plain = write_text(tmp_path, TU.format(source="a", target="b"), doctype, "plain.tmx")
    assert [unit.source for unit in read(plain)] == ["a"]


def test_reading_streams_with_flat_memory_and_progress(tmp_path: Path) -> None:
    """A file of 20,000 units is read with memory that does not grow with the file."""
    units = (
        TmUnitData(
            source_lang="ko",
            target_lang="en",
            source=f"원거테크놀러지가 {n}번째 대형 모델을 발표했다 {'가' * (n % 50)}",
            target=f"Wenge released its model number {n}",
        )
        for n in range(20_000)
    )
    path = tmp_path / "big.tmx"
    write_tmx(units, path, "ko")
    size = path.stat().st_size
    assert size > 5_000_000
    progress: list[tuple[int, int]] = []
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_tmx(path, lambda done, total: progress.append((done, total))))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < size / 5
    assert progress[-1] == (size, size)


# Writing


def test_round_trip_of_the_running_example(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    assert write_tmx(sample_units(), path, "ko") == 3
    back = read(path)
    for before, after in zip(sample_units(), back, strict=True):
        assert (after.source_lang, after.target_lang) == (before.source_lang, before.target_lang)
        assert (after.source, after.target) == (before.source, before.target)
        assert (after.origin, after.context, after.author) == (
            before.origin or path.name,  # a unit from nowhere comes from the file it is read from
            before.context,
            before.author,
        )
        assert (after.created_at, after.changed_at) == (before.created_at, before.changed_at)
        assert (after.note, after.properties) == (before.note, before.properties)
    # TMX codes come back as they were; others as <ph> holding their markup.
    assert back[0].codes == sample_units()[0].codes
    assert [c.markup for c in back[1].codes] == [
        '<ph x="1">&lt;g id="7" ctype="bold"&gt;</ph>',
        '<ph x="2">&lt;/g&gt;</ph>',
        '<ph x="3">**</ph>',
        '<ph x="4">**</ph>',
    ]


def test_output_validates_against_the_dtd(shared: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    write_tmx(sample_units(), path, "ko")
    assert_valid(shared, path)
    text = path.read_text(encoding="utf-8")
    assert '<header creationtool="workbench"' in text and 'srclang="ko"' in text
    assert 'adminlang="en"' in text and 'datatype="plaintext"' in text
    assert 'segtype="sentence"' in text and 'o-tmf="workbench"' in text
    assert 'creationdate="20250815T093005Z"' in text
    assert '<tu tuid="3" srclang="zh-Hans">' in text


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_round_trip_is_valid_and_keeps_everything(
    shared: Path, tmp_path: Path, name: str
) -> None:
    units = read(corpus(shared, name))
    path = tmp_path / "out.tmx"
    write_tmx(units, path, units[0].source_lang if units else "en")
    assert_valid(shared, path)
    back = read(path)
    if name == "omegat/invalid.tmx":
        return  # its unpaired bpt/ept come back as <it> (see test_unbalanced_codes...)
    assert [(u.source, u.target, u.codes) for u in back] == [
        (u.source, u.target, u.codes) for u in units
    ]
    assert [(u.source_lang, u.target_lang, u.note) for u in back] == [
        (u.source_lang, u.target_lang, u.note) for u in units
    ]


@pytest.mark.parametrize(
    "name",
    ["okapi/html_test.tmx", "omegat_TMXComplianceKit/ImportTest2C.tmx", "disfr/my_memory.tmx"],
)
def test_translate_toolkit_reads_back_the_same_texts(
    shared: Path, tmp_path: Path, name: str
) -> None:
    units = [*read(corpus(shared, name)), *sample_units()]
    path = tmp_path / "out.tmx"
    write_tmx(units, path, units[0].source_lang)
    store = cast(Any, toolkit_tmx.tmxfile).parsestring(path.read_bytes())
    read_back = [(unit.source, unit.target) for unit in cast(list[Any], store.units)]
    assert read_back == [
        (as_plain_text(u.source, u.codes), as_plain_text(u.target, u.codes)) for u in units
    ]


def test_codes_that_lose_their_partner_are_written_isolated(shared: Path, tmp_path: Path) -> None:
    """A target without the closing ept (or </hi>) is still valid, balanced TMX."""
    bold = InlineCode("open", "bpt", "1", '<bpt i="1" type="bold">&lt;b&gt;</bpt>', "<b>")
    bold_end = InlineCode("close", "ept", "1", '<ept i="1">&lt;/b&gt;</ept>', "</b>")
    hi = InlineCode("open", "hi", "2", '<hi x="2">', "hi")
    hi_end = InlineCode("close", "hi", "2", "</hi>", "hi")
    unit = TmUnitData(
        source_lang="en",
        target_lang="ko",
        source=f"{code_char(0)}bold{code_char(1)} {code_char(2)}high{code_char(3)}",
        target=f"{code_char(1)}굵게{code_char(0)} {code_char(2)}높게",
        codes=(bold, bold_end, hi, hi_end),
    )
    path = tmp_path / "out.tmx"
    write_tmx([unit], path, "en")
    assert_valid(shared, path)
    text = path.read_text(encoding="utf-8")
    assert '<seg><bpt i="1" type="bold">&lt;b&gt;</bpt>bold<ept i="1">' in text
    assert (
        '<seg><it pos="end">&lt;/b&gt;</it>굵게<it pos="begin" type="bold">&lt;b&gt;</it>' in text
    )
    assert '<ph x="3">&lt;hi x="2"&gt;</ph>높게' in text


def test_dates_are_written_in_utc(tmp_path: Path) -> None:
    seoul = timezone(timedelta(hours=9))
    unit = TmUnitData(
        source_lang="en",
        target_lang="ko",
        source="a",
        target="b",
        created_at=datetime(2025, 8, 15, 9, 0, tzinfo=seoul),
        changed_at=datetime(2025, 8, 15, 9, 0),
    )
    path = tmp_path / "out.tmx"
    write_tmx([unit], path, "en")
    text = path.read_text(encoding="utf-8")
    assert 'creationdate="20250815T000000Z"' in text and 'changedate="20250815T090000Z"' in text


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    unit = TmUnitData(source_lang="en", target_lang="ko", source="a\x00b\x1fc", target="d\ufffe")
    path = tmp_path / "out.tmx"
    write_tmx([unit], path, "en")
    (back,) = read(path)
    assert (back.source, back.target) == ("abc", "d")


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    def units() -> Iterator[TmUnitData]:
        yield sample_units()[0]
        raise RuntimeError("database went away")

    path = tmp_path / "out.tmx"
    with pytest.raises(RuntimeError):
        write_tmx(units(), path, "ko")
    assert list(tmp_path.iterdir()) == []


def test_reading_utf16_of_our_own_output(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    write_tmx(sample_units(), path, "ko")
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        text = path.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        other = tmp_path / f"{encoding}.tmx"
        other.write_bytes(bom + text.encode(encoding))
        assert [u.source for u in read(other)] == [u.source for u in sample_units()]


# Private-use characters are code characters: a unit without codes has none.
PLAIN = st.text(st.characters(blacklist_categories=("Cs", "Co")), max_size=30)


@settings(max_examples=100, deadline=None)
@given(PLAIN, PLAIN)
def test_round_trip_property(source: str, target: str) -> None:
    """Any text survives writing and reading, but for characters XML 1.0 cannot carry and the
    control characters import strips (DEL, C1)."""
    import tempfile

    unit = TmUnitData(source_lang="ko", target_lang="en", source=source, target=target)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.tmx"
        write_tmx([unit], path, "ko")
        (back,) = read(path)
    cannot = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
    expected = [cannot.sub("", text) for text in (source, target)]
    assert [back.source, back.target] == expected
