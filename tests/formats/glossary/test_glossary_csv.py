"""CSV, TSV and OmegaT glossaries: real third-party files, round trips and bad input."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import astuple
from pathlib import Path

import pytest
from conftest import SHARED
from translate.storage import factory as ttk_factory

from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.formats.base import FormatError, GlossaryFormat, ReadOptions, WriteOptions
from workbench.formats.glossary.columns import GlossaryColumns
from workbench.formats.glossary.csv_tsv import CsvFormat, TsvFormat
from workbench.formats.glossary.omegat import OmegatFormat
from workbench.formats.registry import glossary_extensions, glossary_format

CORPUS = SHARED / "corpus" / "glossary_csv"
LANGS = ["ko", "zh-Hant", "zh-Hans", "en"]
TERMS_PER_LANG = {"ko": 2, "en": 2}

PREFERRED, ADMITTED, DEPRECATED = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED


def sample_concepts() -> list[Concept]:
    """The running example: names glossed in Korean news about China's AI industry."""
    wenge = Concept(
        uid="org-wenge",
        subject_field="organisation",
        note='Beijing AI company; "中科聞歌" is its Chinese name, chaired by Wang Lei.',
        definitions={"": "An AI company in Beijing.", "en": "Beijing artificial-intelligence firm"},
        terms=[
            Term("ko", "원거테크놀러지", part_of_speech="noun"),
            Term("ko", "원거테크놀로지", ADMITTED),
            Term("zh-Hant", "中科聞歌", source="chinadaily.com.cn"),
            Term("zh-Hans", "中科闻歌"),
            Term(
                "en", "Beijing Wenge Technology", term_type=TermType.FULL_FORM, case_sensitive=True
            ),
            Term("en", "Wenge Tech", DEPRECATED, term_type=TermType.SHORT_FORM, note="informal"),
        ],
    )
    shi_jun = Concept(
        subject_field="person",
        terms=[Term("ko", "스쥔"), Term("en", "Shi Jun"), Term("zh-Hant", "史軍")],
    )
    zhu = Concept(
        uid="person-zhu-guangxiang",
        subject_field="person",
        note="Korean name 주광샹; 주광상 is the Sino-Korean reading.",
        terms=[
            Term("ko", "주광샹"),
            Term("ko", "주광상", DEPRECATED, note="Sino-Korean reading"),
            Term("en", "Zhu Guangxiang", part_of_speech="proper noun"),
            Term("zh-Hant", "朱廣翔"),
        ],
    )
    return [wenge, shi_jun, zhu]


def summary(concept: Concept) -> tuple[object, ...]:
    """Everything a glossary file carries about a concept, in a comparable shape."""
    terms = {lang: [astuple(t) for t in concept.terms_in(lang)] for lang in concept.languages()}
    return (
        concept.uid,
        concept.subject_field,
        concept.note,
        concept.definitions,
        dict(sorted(terms.items())),
    )


def write_options(**changes: object) -> WriteOptions:
    options = WriteOptions(langs=list(LANGS), terms_per_lang=dict(TERMS_PER_LANG))
    for name, value in changes.items():
        setattr(options, name, value)
    return options


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (the shared corpus sits beside the repository)")
    return CORPUS


def read(fmt: GlossaryFormat, path: Path, *langs: str) -> list[Concept]:
    options = ReadOptions(*langs) if langs else ReadOptions()
    return list(fmt.read(path, options))


def write_file(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


# --- real files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "langs", "concepts", "languages"),
    [
        ("google_cloud_samples/bistro_glossary.csv", CsvFormat(), (), 12, {"fr", "en"}),
        ("tico19_facebook/en_ko-KR.csv", CsvFormat(), (), 306, {"en", "ko-KR"}),
        ("tico19_facebook/en_zh-CN.csv", CsvFormat(), (), 306, {"en", "zh-CN"}),
        ("tico19_google/en_ko.csv", CsvFormat(), (), 337, {"en", "ko"}),
        ("tico19_google/en_zh-CN.csv", CsvFormat(), (), 337, {"en", "zh-CN"}),
        ("tico19_google/ko_en.csv", CsvFormat(), (), 43, {"ko", "en"}),
        ("weblate/terms-header.csv", CsvFormat(), ("en", "cs"), 163, {"en", "cs"}),
        ("weblate/fr-multi.csv", CsvFormat(), ("en", "fr"), 2, {"en", "fr"}),
        ("omegat/test.tab", OmegatFormat(), ("en", "fr"), 4, {"en", "fr"}),
        ("omegat/test-magiccomment-bom.tab", OmegatFormat(), ("en", "fr"), 0, set()),
        ("omegat/test.csv", OmegatFormat(delimiter=","), ("en", "fr"), 7, {"en", "fr"}),
    ],
)
def test_corpus_file_imports_with_its_data_entry_count(
    corpus: Path,
    name: str,
    fmt: GlossaryFormat,
    langs: tuple[str, ...],
    concepts: int,
    languages: set[str],
) -> None:
    """Counts are SOURCES.md's "data entries"; every concept has a term on both sides."""
    read_back = read(fmt, corpus / name, *langs)
    assert len(read_back) == concepts
    assert {lang for c in read_back for lang in c.languages()} == languages
    assert all(len(c.languages()) == 2 for c in read_back)


def test_bistro_ignores_the_unnamed_empty_column(corpus: Path) -> None:
    first = read(CsvFormat(), corpus / "google_cloud_samples/bistro_glossary.csv")[0]
    assert [(t.lang, t.text) for t in first.terms] == [("fr", "chevre"), ("en", "goat cheese")]


def test_tico_alternatives_become_preferred_then_admitted_terms(corpus: Path) -> None:
    concepts = {c.uid: c for c in read(CsvFormat(), corpus / "tico19_google/en_ko.csv")}
    covid = concepts["5"]
    assert [(t.text, t.status) for t in covid.terms_in("ko")] == [
        ("코로나바이러스감염증-19", PREFERRED),
        ("코로나19", ADMITTED),
    ]
    assert covid.terms_in("en")[0].part_of_speech == "noun"
    assert covid.note is not None and covid.note.startswith("A formal name for the disease")


def test_tico_usage_comment_becomes_the_term_note(corpus: Path) -> None:
    concepts = {c.uid: c for c in read(CsvFormat(), corpus / "tico19_google/en_zh-CN.csv")}
    terms = concepts["7"].terms_in("zh-CN")
    assert [(t.text, t.note) for t in terms] == [
        ("新型冠状病毒 (COVID-19)", "when referring COVID-19"),
        ("冠状病毒", "when referring the generic virus group"),
    ]


def test_tico_row_languages_are_normalised(corpus: Path) -> None:
    concept = read(CsvFormat(), corpus / "tico19_facebook/en_ko-KR.csv")[0]
    assert [(t.lang, t.text) for t in concept.terms] == [
        ("en", "1918 flu"),
        ("ko-KR", "1918년 독감"),
    ]
    assert concept.uid == "1"


def test_weblate_terms_are_stripped_and_usage_notes_split_off(corpus: Path) -> None:
    concepts = read(CsvFormat(), corpus / "weblate/terms-header.csv", "en", "cs")
    pairs = {c.terms[0].text: c.terms[1] for c in concepts}
    assert pairs["administrator"].text == "správce"
    assert pairs["bitrate"].text == "datový tok"
    assert pairs["hardware"].text == "hardware"
    assert (
        pairs["hardware"].note == "pozor na správné skloňování, 2. pád: hardwaru - nikoliv hardware"
    )
    assert pairs["Loading, please wait..."].text == "Načítá se, prosím čekejte"


def test_weblate_rows_with_one_context_are_one_concept(corpus: Path) -> None:
    concepts = read(CsvFormat(), corpus / "weblate/fr-multi.csv", "en", "fr")
    assert [c.uid for c in concepts] == ["22298006", "271681002"]
    assert [len(c.terms_in("fr")) for c in concepts] == [3, 2]
    assert [[t.text for t in c.terms_in("en")] for c in concepts] == [
        ["Myocardial infarction (disorder)"],
        ["Stomach ache (finding)"],
    ]


def test_omegat_comment_becomes_the_concept_note(corpus: Path) -> None:
    concepts = read(OmegatFormat(), corpus / "omegat/test.tab", "ja", "fr")
    earth = concepts[2]
    assert [(t.lang, t.text) for t in earth.terms] == [
        ("ja", "地球システム"),
        ("fr", "System Terre"),
    ]
    assert earth.note == "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre"


def test_omegat_comma_file_keeps_rfc4180_quoting(corpus: Path) -> None:
    concepts = read(OmegatFormat(delimiter=","), corpus / "omegat/test.csv", "en", "fr")
    assert [(c.terms[0].text, c.terms[1].text) for c in concepts] == [
        ("kde", "csv kde"),
        ("question", "csv q"),
        ("kde; question", "comma"),
        ("kde, qu", "comma dot"),
        ('"kde","q"', "cdk"),
        ('""k', "k"),
        ('zz"zz', "zz"),
    ]


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [CsvFormat(), TsvFormat()], ids=["csv", "tsv"])
def test_round_trip_keeps_every_concept_term_and_attribute(
    tmp_path: Path, fmt: GlossaryFormat
) -> None:
    path = tmp_path / f"glossary{glossary_extensions(fmt.name)[0]}"
    assert fmt.write(sample_concepts(), path, write_options()) == 3
    assert [summary(c) for c in read(fmt, path)] == [summary(c) for c in sample_concepts()]


def test_omegat_round_trip_keeps_the_two_languages_written(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tab"
    assert OmegatFormat().write(sample_concepts(), path, write_options(langs=["ko", "en"])) == 3
    read_back = read(OmegatFormat(), path, "ko", "en")
    assert [[(t.lang, t.text, t.status) for t in c.terms] for c in read_back] == [
        [
            ("ko", "원거테크놀러지", PREFERRED),
            ("en", "Beijing Wenge Technology", PREFERRED),
            ("en", "Wenge Tech", DEPRECATED),
            ("ko", "원거테크놀로지", PREFERRED),  # the source synonym's own lines
        ],
        [("ko", "스쥔", PREFERRED), ("en", "Shi Jun", PREFERRED)],
        [
            ("ko", "주광샹", PREFERRED),
            ("en", "Zhu Guangxiang", PREFERRED),
            ("ko", "주광상", PREFERRED),
        ],
    ]
    assert [c.note for c in read_back] == [c.note for c in sample_concepts()]


def test_omegat_writes_status_markers_and_skips_concepts_missing_a_language(
    tmp_path: Path,
) -> None:
    path = tmp_path / "glossary.utf8"
    concepts = [*sample_concepts(), Concept(terms=[Term("ko", "센스타임")])]
    assert OmegatFormat().write(concepts, path, write_options(langs=["ko", "en"])) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "원거테크놀러지\tWenge Tech\t[deprecated] " + (concepts[0].note or "")
    assert lines[4] == "스쥔\tShi Jun"  # after the Korean synonym's two lines


def test_omegat_consecutive_lines_with_one_source_are_one_concept(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "g.tab",
        "# -*- coding: utf-8 -*-\n주광샹\tZhu Guangxiang\n주광샹\tZhu Guang-xiang\t[Admitted] old\n"
        "스쥔\tShi Jun\n주광샹\tZhu\n",
    )
    concepts = read(OmegatFormat(), path, "ko", "en")
    assert [[(t.text, t.status) for t in c.terms_in("en")] for c in concepts] == [
        [("Zhu Guangxiang", PREFERRED), ("Zhu Guang-xiang", ADMITTED)],
        [("Shi Jun", PREFERRED)],
        [("Zhu", PREFERRED)],
    ]
    assert concepts[0].note == "old"


def test_bom_is_written_on_request_and_read_back(tmp_path: Path) -> None:
    with_bom, without = tmp_path / "bom.csv", tmp_path / "plain.csv"
    CsvFormat().write(sample_concepts(), with_bom, write_options(bom=True))
    CsvFormat().write(sample_concepts(), without, write_options())
    assert with_bom.read_bytes().startswith(codecs.BOM_UTF8)
    assert not without.read_bytes().startswith(codecs.BOM_UTF8)
    assert [summary(c) for c in read(CsvFormat(), with_bom)] == [
        summary(c) for c in sample_concepts()
    ]


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["le", "be"],
)
def test_utf16_tsv_from_excel_unicode_text_is_read(
    tmp_path: Path, bom: bytes, encoding: str
) -> None:
    text = 'ko\ten\tnote\r\n스쥔\tShi Jun\t"two\r\nlines"\r\n주광샹\tZhu Guangxiang\t\r\n'
    path = write_file(tmp_path, "excel.tsv", bom + text.encode(encoding))
    concepts = read(TsvFormat(), path)
    assert [[t.text for t in c.terms] for c in concepts] == [
        ["스쥔", "Shi Jun"],
        ["주광샹", "Zhu Guangxiang"],
    ]
    assert concepts[0].note == "two\r\nlines"


def test_excel_style_csv_with_bom_and_crlf_is_read(tmp_path: Path) -> None:
    text = 'ID,Subject,KO,EN,en:Status\r\norg-wenge,org,원거테크놀러지,"Wenge Tech",Forbidden\r\n'
    path = write_file(tmp_path, "excel.csv", codecs.BOM_UTF8 + text.encode("utf-8"))
    (concept,) = read(CsvFormat(), path)
    assert (concept.uid, concept.subject_field) == ("org-wenge", "org")
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("ko", "원거테크놀러지", PREFERRED),
        ("en", "Wenge Tech", DEPRECATED),
    ]


def test_written_csv_is_rfc4180_with_lf_line_ends(tmp_path: Path) -> None:
    """The csv module, strict, reads back exactly the cells the columns produce."""
    tricky = Concept(
        uid='a,"b"',
        note='He said "hi",\nthen left',
        terms=[Term("ko", "가, 나"), Term("en", '"quoted"'), Term("en", " =1+1", ADMITTED)],
    )
    concepts = [*sample_concepts(), tricky]
    path = tmp_path / "out.csv"
    CsvFormat().write(concepts, path, write_options())
    raw = path.read_bytes()
    assert b"\r\n" not in raw
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, strict=True))
    columns = GlossaryColumns.for_writing(LANGS, TERMS_PER_LANG)
    full = [columns.row(c) for c in concepts]
    # the columns some row fills, in the full header's order (a person reads the file)
    kept = [i for i in range(columns.width) if any(row and row[i] for row in full)]
    assert rows == [
        [columns.names[i] for i in kept],
        *([row[i] for i in kept] for row in full if row is not None),
    ]
    assert summary(read(CsvFormat(), path)[-1]) == summary(
        Concept(
            uid='a,"b"', note=tricky.note, terms=[*tricky.terms[:2], Term("en", "=1+1", ADMITTED)]
        )
    )


def test_written_header_lists_every_column_in_language_order() -> None:
    """id, then per language: term, status, part of speech, the language's definition (after
    the first term's), context, note and the rarer attributes; then the concept's own fields."""
    columns = GlossaryColumns.for_writing(["ko", "en"], {"ko": 2})
    head = ["{0}", "{0}:status", "{0}:pos"]
    tail = ["{0}:context", "{0}:note", "{0}:type", "{0}:source", "{0}:case"]
    expected = ["id"]
    for lang, count in (("ko", 2), ("en", 1)):
        for slot in range(count):
            expected += [name.format(lang) for name in head]
            expected += [f"{lang}:definition"] if slot == 0 else []
            expected += [name.format(lang) for name in tail]
    expected += ["subject", "definition", "note"]
    expected.append("origin")  # last: where each concept's id comes from (export_ids.py)
    assert columns.names == expected


def test_written_columns_can_be_chosen() -> None:
    columns = GlossaryColumns.for_writing(["ko", "en"], {}, ["pos", "id", "note"])
    assert columns.names == ["id", "ko", "ko:pos", "ko:note", "en", "en:pos", "en:note"]


def test_indonesian_is_written_ind_so_that_id_stays_the_concept_id(tmp_path: Path) -> None:
    path = tmp_path / "id.csv"
    concept = Concept(uid="c1", terms=[Term("id", "kecerdasan buatan"), Term("en", "AI")])
    CsvFormat().write([concept], path, write_options(langs=["id", "en"], terms_per_lang={}))
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert (header[0], header[1]) == ("id", "ind")
    assert [summary(c) for c in read(CsvFormat(), path)] == [summary(concept)]


# --- header conventions --------------------------------------------------------------------


def test_reserved_names_are_case_insensitive_and_checked_before_language_tags(
    tmp_path: Path,
) -> None:
    path = write_file(
        tmp_path,
        "g.csv",
        "ID,SUBJECT,Definition,NOTE,id-ID,zh_cn,EN,en:Definition\n"
        "c1,tech,neutral,a note,kecerdasan buatan,人工智能,AI,artificial intelligence\n",
    )
    (concept,) = read(CsvFormat(), path)
    assert (concept.uid, concept.subject_field, concept.note) == ("c1", "tech", "a note")
    assert concept.definitions == {"": "neutral", "en": "artificial intelligence"}
    assert [t.lang for t in concept.terms] == ["id-ID", "zh-CN", "en"]


def test_attributes_describe_the_nearest_preceding_term_of_their_language(
    tmp_path: Path,
) -> None:
    path = write_file(
        tmp_path,
        "g.csv",
        "en,ko,en:status,en,en:status,en:type,en:case,en:source,en:pos,en:note\n"
        "Beijing Wenge Technology,원거테크놀러지,preferred,Wenge Tech,"
        "deprecatedTerm-admn-sts,Short Form,1,China Daily,noun,informal\n",
    )
    (concept,) = read(CsvFormat(), path)
    full, short = concept.terms_in("en")
    assert (full.text, full.status, full.term_type) == ("Beijing Wenge Technology", PREFERRED, None)
    assert astuple(short) == (
        "en",
        "Wenge Tech",
        DEPRECATED,
        "noun",
        TermType.SHORT_FORM,
        True,
        "informal",
        "China Daily",
    )


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("", PREFERRED),
        ("Preferred", PREFERRED),
        ("preferredTerm-admn-sts", PREFERRED),
        ("admitted", ADMITTED),
        ("admittedTerm-admn-sts", ADMITTED),
        ("deprecated", DEPRECATED),
        ("deprecatedTerm-admn-sts", DEPRECATED),
        ("supersededTerm-admn-sts", DEPRECATED),
        ("forbidden", DEPRECATED),
        ("notRecommended", DEPRECATED),
        ("obsolete", DEPRECATED),
    ],
)
def test_status_values(tmp_path: Path, value: str, status: TermStatus) -> None:
    path = write_file(tmp_path, "g.csv", f"ko,ko:status\n주광상,{value}\n")
    assert read(CsvFormat(), path)[0].terms[0].status is status


@pytest.mark.parametrize(("value", "expected"), [("yes", True), ("TRUE", True), ("0", False)])
def test_case_values(tmp_path: Path, value: str, expected: bool) -> None:
    path = write_file(tmp_path, "g.csv", f"en,en:case\nAI,{value}\n")
    assert read(CsvFormat(), path)[0].terms[0].case_sensitive is expected


def test_google_pos_and_description_columns(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.csv", "en,fr,pos,description\nbat,batte,noun,sports gear\n")
    (concept,) = read(CsvFormat(), path)
    assert [t.part_of_speech for t in concept.terms] == ["noun", "noun"]
    assert concept.note == "sports gear"


def test_rows_with_one_id_anywhere_are_one_concept(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "g.csv",
        "id,ko,en,note\n"
        "org-wenge,원거테크놀러지,Beijing Wenge Technology,\n"
        ",스쥔,Shi Jun,\n"
        "org-wenge,원거테크놀러지,Wenge Tech,second row\n"
        "\n"
        ",주광샹,Zhu Guangxiang,\n",
    )
    concepts = read(CsvFormat(), path)
    assert [[t.text for t in c.terms] for c in concepts] == [
        ["스쥔", "Shi Jun"],
        ["원거테크놀러지", "Beijing Wenge Technology", "Wenge Tech"],
        ["주광샹", "Zhu Guangxiang"],
    ]
    assert concepts[1].note == "second row"


def test_progress_is_reported_up_to_the_file_size(tmp_path: Path) -> None:
    rows = "".join(f"c{n},용어{n},term {n}\n" for n in range(20_000))
    path = write_file(tmp_path, "big.csv", "id,ko,en\n" + rows)
    seen: list[tuple[int, int]] = []
    concepts = CsvFormat().read(path, ReadOptions(on_progress=lambda d, t: seen.append((d, t))))
    assert sum(1 for _ in concepts) == 20_000
    size = path.stat().st_size
    assert len(seen) > 3
    assert seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_formats_are_registered_by_name_and_extension() -> None:
    for name, ext, cls in [
        ("csv", ".csv", CsvFormat),
        ("tsv", ".tsv", TsvFormat),
        ("omegat", ".tab", OmegatFormat),
        ("omegat", ".utf8", OmegatFormat),
        ("omegat", ".txt", OmegatFormat),
    ]:
        assert type(glossary_format(Path(f"g{ext}")).inner) is cls
        assert type(glossary_format(Path("g.dat"), name).inner) is cls
        assert cls.name == name and ext in glossary_extensions(name)


# --- bad input -----------------------------------------------------------------------------

_LONG_PREFIX = "ko,en\n" + "".join(f"용어{n},term {n}\n" for n in range(9_000))


_BAD_INPUT: list[tuple[str, str | bytes, GlossaryFormat, tuple[str, ...], int | None, str]] = [
    (
        "ragged.csv",
        'ko,en,note\n스쥔,Shi Jun,"two\nlines"\n\n주광샹,Zhu Guangxiang\n',
        CsvFormat(),
        (),
        5,
        "row has 2 cells but the header has 3 columns",
    ),
    (
        "long.csv",
        "ko,en\n스쥔,Shi Jun,\n주광샹,Zhu,extra\n",
        CsvFormat(),
        (),
        3,
        "column 3 holds 'extra'",
    ),
    (
        "unknown.csv",
        "ko,en,foo\n스쥔,Shi Jun,x\n",
        CsvFormat(),
        (),
        1,
        "column 3 header 'foo' is neither a language tag nor a known column",
    ),
    (
        "language.csv",
        "ko,zz\n스쥔,Shi Jun\n",
        CsvFormat(),
        (),
        1,
        "column 2 header 'zz' is neither a language tag nor a known column",
    ),
    (
        "attribute.csv",
        "ko,qq:status\n스쥔,preferred\n",
        CsvFormat(),
        (),
        1,
        "column 2 header 'qq:status' names an unknown language 'qq'",
    ),
    (
        "before.csv",
        "en:status,en\npreferred,AI\n",
        CsvFormat(),
        (),
        1,
        "column 1 header 'en:status' follows no 'en' column",
    ),
    (
        "semicolon.csv",
        "ko;en\n스쥔;Shi Jun\n",
        CsvFormat(),
        (),
        1,
        "semicolon-separated",
    ),
    (
        "status.csv",
        "ko,en,en:status\n스쥔,Shi Jun,preferred\n주광샹,Zhu,maybe\n",
        CsvFormat(),
        (),
        3,
        "column 3 ('en:status'): unknown status 'maybe'",
    ),
    (
        "unnamed.csv",
        "fr,en,\nchevre,goat cheese,\nbrie,brie,fromage\n",
        CsvFormat(),
        (),
        3,
        "column 3 has no header but holds 'fromage'",
    ),
    (
        "latin1.csv",
        "ko,en\n스쥔,Shi Jun\n".encode() + b"caf\xe9,cafe\n",
        CsvFormat(),
        (),
        3,
        "not valid UTF-8",
    ),
    (
        "late.csv",
        _LONG_PREFIX.encode() + b"\xff,x\n",
        CsvFormat(),
        (),
        9_002,
        "not valid UTF-8",
    ),
    (
        "odd.tsv",
        codecs.BOM_UTF16_LE + "ko\ten\n".encode("utf-16-le") + b"\x00",
        TsvFormat(),
        (),
        2,
        "not valid UTF-16",
    ),
    ("empty.csv", b"", CsvFormat(), (), None, "file is empty"),
    ("blank.csv", " \n\r\n  \n", CsvFormat(), (), None, "file is empty"),
    ("bom.tsv", codecs.BOM_UTF8, TsvFormat(), (), None, "file is empty"),
    (
        "weblate.csv",
        "source,target\nEdit,Upravit\n",
        CsvFormat(),
        (),
        1,
        "header has no language codes; give --source-lang and --target-lang",
    ),
    (
        "concept-only.csv",
        "id,note\nc1,x\n",
        CsvFormat(),
        (),
        1,
        "header has no language columns",
    ),
    (
        "weblate-extra.csv",
        "source,target,flags\nEdit,Upravit,\n",
        CsvFormat(),
        ("en", "cs"),
        1,
        "column 3 header 'flags' is not a Weblate CSV column",
    ),
    (
        "tico.csv",
        "id,sourceLang,targetLang,sourceString,targetString\n1,en,qq,flu,독감\n",
        CsvFormat(),
        (),
        2,
        "column 3 ('targetLang') names an unknown language 'qq'",
    ),
    ("one.tab", "# comment\nkde\n", OmegatFormat(), ("en", "fr"), 2, "line has one field"),
    ("nolang.tab", "kde\tkoo\n", OmegatFormat(), (), 1, "give --source-lang and --target-lang"),
    ("notarget.tab", "kde\t \n", OmegatFormat(), ("en", "fr"), 1, "line has no target term"),
    ("empty.tab", "", OmegatFormat(), ("en", "fr"), None, "file is empty"),
]


@pytest.mark.parametrize(
    ("name", "content", "fmt", "langs", "line", "message"),
    _BAD_INPUT,
    ids=[case[0] for case in _BAD_INPUT],
)
def test_bad_input_names_the_file_and_line(
    tmp_path: Path,
    name: str,
    content: str | bytes,
    fmt: GlossaryFormat,
    langs: tuple[str, ...],
    line: int | None,
    message: str,
) -> None:
    path = write_file(tmp_path, name, content)
    with pytest.raises(FormatError) as caught:
        read(fmt, path, *langs)
    text = str(caught.value)
    where = str(path) if line is None else f"{path}:{line}: "
    assert text.startswith(where), text
    assert caught.value.line == line
    assert message in text


def test_writer_refuses_more_terms_than_terms_per_lang(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 'ko' terms but terms_per_lang allows 1"):
        CsvFormat().write(sample_concepts(), tmp_path / "g.csv", write_options(terms_per_lang={}))


@pytest.mark.parametrize(
    ("fmt", "langs"), [(CsvFormat(), []), (TsvFormat(), []), (OmegatFormat(), ["ko"])]
)
def test_writer_needs_languages(tmp_path: Path, fmt: GlossaryFormat, langs: list[str]) -> None:
    with pytest.raises(ValueError):
        fmt.write(sample_concepts(), tmp_path / "g.txt", write_options(langs=langs))


def test_tsv_cells_with_tabs_and_newlines_are_quoted(tmp_path: Path) -> None:
    concept = Concept(note="a\tb\nc", terms=[Term("en", "x")])
    path = tmp_path / "g.tsv"
    TsvFormat().write([concept], path, write_options(langs=["en"]))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"))
    assert rows[1][rows[0].index("note")] == "a\tb\nc"
    assert read(TsvFormat(), path)[0].note == "a\tb\nc"


# --- OmegaT: what OmegaT reads ------------------------------------------------------------


def test_omegat_export_is_utf8_by_default_and_a_tab_file_carries_a_bom(tmp_path: Path) -> None:
    """OmegaT reads `.utf8` as UTF-8 by its name; `.tab`/`.txt` it guesses, falling back to the
    system charset on Windows, and a BOM is what makes the guess UTF-8."""
    from workbench.formats.registry import glossary_extensions

    assert glossary_extensions("omegat")[0] == ".utf8"
    utf8, tab = tmp_path / "ko-en.utf8", tmp_path / "ko-en.tab"
    for path in (utf8, tab):
        OmegatFormat().write(sample_concepts(), path, write_options(langs=["ko", "en"]))
    assert not utf8.read_bytes().startswith(codecs.BOM_UTF8)
    assert tab.read_bytes().startswith(codecs.BOM_UTF8)
    assert tab.read_bytes()[3:] == utf8.read_bytes()
    units = ttk_factory.getobject(str(utf8)).units  # translate-toolkit's OmegaT reader
    assert (units[0].source, units[0].target) == ("원거테크놀러지", "Beijing Wenge Technology")
    assert [summary(c) for c in read(OmegatFormat(), tab, "ko", "en")] == [
        summary(c) for c in read(OmegatFormat(), utf8, "ko", "en")
    ]


def test_omegat_source_synonyms_have_their_own_lines(tmp_path: Path) -> None:
    """OmegaT finds an entry by its source text: each source term gets lines of its own."""
    valve = Concept(
        note="plumbing",
        terms=[
            Term("en", "stop valve"),
            Term("en", "shut-off valve", ADMITTED),
            Term("ko", "차단 밸브"),
            Term("ko", "차단변", DEPRECATED),
        ],
    )
    path = tmp_path / "en-ko.utf8"
    assert OmegatFormat().write([valve], path, write_options(langs=["en", "ko"])) == 1
    assert path.read_text(encoding="utf-8").splitlines() == [
        "stop valve\t차단 밸브\tplumbing",
        "stop valve\t차단변\t[deprecated] plumbing",
        "shut-off valve\t차단 밸브\tplumbing",
        "shut-off valve\t차단변\t[deprecated] plumbing",
    ]
    units = ttk_factory.getobject(str(path)).units
    assert {u.source for u in units} == {"stop valve", "shut-off valve"}
    (back,) = read(OmegatFormat(), path, "en", "ko")
    assert [t.text for t in back.terms_in("en")] == ["stop valve", "shut-off valve"]
    assert [(t.text, t.status) for t in back.terms_in("ko")] == [
        ("차단 밸브", PREFERRED),
        ("차단변", DEPRECATED),
    ]


def test_omegat_export_keeps_apart_entries_that_would_read_as_one(tmp_path: Path) -> None:
    """A homonym (same source) and a concept with the same first rendering get a comment line
    before them, which ends an entry: otherwise the reader would join them (issue 11)."""
    concepts = [
        Concept(terms=[Term("en", "bank"), Term("ko", "은행")]),
        Concept(terms=[Term("en", "bank"), Term("ko", "둑")]),
        Concept(terms=[Term("en", "river bank"), Term("ko", "둑"), Term("ko", "강둑")]),
        Concept(terms=[Term("en", "shore"), Term("ko", "해안")]),
    ]
    path = tmp_path / "g.utf8"
    assert OmegatFormat().write(concepts, path, write_options(langs=["en", "ko"])) == 4
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "bank\t은행",
        "#",
        "bank\t둑",
        "#",
        "river bank\t둑",
        "river bank\t강둑",
        "shore\t해안",
    ]
    read_back = read(OmegatFormat(), path, "en", "ko")
    assert [[t.text for t in c.terms] for c in read_back] == [
        [t.text for t in c.terms] for c in concepts
    ]
