"""gettext PO: the shared corpus, byte-exact round trips, edits checked by translate-toolkit."""

from __future__ import annotations

import codecs
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED
from translate.storage import po as ttk_po

from workbench.domain.document import (
    Document,
    InlineCode,
    Segment,
    SegmentStatus,
    code_char,
    with_markup,
)
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.po.document import PoFormat
from workbench.formats.po.wrap import string_lines
from workbench.formats.registry import document_extensions, document_format

CORPUS = SHARED / "corpus" / "po" / "translate-toolkit"
NEW, DRAFT, TRANSLATED = SegmentStatus.NEW, SegmentStatus.DRAFT, SegmentStatus.TRANSLATED
REVIEWED, REJECTED = SegmentStatus.REVIEWED, SegmentStatus.REJECTED

SAMPLE = """\
# Korean translation of the workbench demo.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Language: ko\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#. Shown on the home screen
# Keep the Chinese name in parentheses.
#: src/home.py:12 src/home.py:40
#, python-format
msgid "%(name)s opened"
msgstr "%(name)s 열림"

#: src/news.py:7
#, fuzzy, c-format
#| msgid "Beijing Wenge"
msgid "Beijing Wenge Technology"
msgstr "원거테크놀러지"

msgctxt "person"
msgid "Shi Jun"
msgstr ""

msgid ""
"The World Artificial Intelligence Conference opens on August 15.\\n"
"Tabs\\there, quotes \\"here\\", a backslash \\\\ and \\303\\251."
msgstr ""

msgid "%d company"
msgid_plural "%d companies"
msgstr[0] "%d개 회사"

#~ msgid "Wenge Tech"
#~ msgstr "원거테크"
"""


def write(tmp_path: Path, text: str | bytes, name: str = "sample.po") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def read(
    path: Path, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Document, list[Segment]]:
    document, segments = PoFormat().read(path, DocumentReadOptions(source_lang, target_lang))
    return document, list(segments)


def export(document: Document, segments: list[Segment], tmp_path: Path) -> Path:
    out = tmp_path / "out.po"
    PoFormat().write(document, segments, out)
    return out


def live(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if "obsolete" not in s.structure]


def entries(segments: list[Segment]) -> set[str]:
    return {s.structure["entry"] for s in segments}


def ttk_units(path: Path) -> list[ttk_po.pounit]:
    """The live, non-header units as translate-toolkit reads them."""
    store = ttk_po.pofile.parsefile(str(path))
    return [u for u in store.units if not u.isheader() and not u.isobsolete()]


def ttk_summary(path: Path) -> list[tuple[list[str], list[str], bool]]:
    """(msgid forms, msgstr forms, fuzzy) per live entry, from translate-toolkit."""
    return [
        (
            [str(s) for s in u.source.strings] if u.hasplural() else [str(u.source)],
            [str(s) for s in u.target.strings] if u.hasplural() else [str(u.target)],
            u.isfuzzy(),
        )
        for u in ttk_units(path)
    ]


def our_summary(path: Path) -> list[tuple[list[str], list[str], bool]]:
    """The same summary from our reader: plural forms regrouped per entry."""
    _, segments = read(path, target_lang="ko")
    grouped: dict[str, list[Segment]] = {}
    for segment in live(segments):
        grouped.setdefault(segment.structure["entry"], []).append(segment)
    summary = []
    for forms in grouped.values():
        sources = list(dict.fromkeys(s.source for s in forms))
        fuzzy = any(s.status is DRAFT for s in forms)
        summary.append((sources, [s.target for s in forms], fuzzy))
    return summary


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (the shared corpus sits beside a full checkout)")
    return CORPUS


# --- the shared corpus ---------------------------------------------------------------------


def test_af_pootle_has_288_live_entries_4_plurals_and_53_obsolete(corpus: Path) -> None:
    document, segments = read(corpus / "af-pootle.po", target_lang="af")
    current = live(segments)
    obsolete = [s for s in segments if s.structure.get("obsolete") == "true"]
    plurals = {s.structure["entry"] for s in current if "form" in s.structure}
    assert len(entries(current)) == 288
    assert len(plurals) == 4
    assert len(current) == 288 + 4  # two forms (nplurals=2) per plural entry
    assert len(entries(obsolete)) == 53
    assert all(s.unit_id is None for s in obsolete)
    assert (document.source_lang, document.target_lang) == ("en", "af")
    assert document.properties["plural_forms"] == "nplurals=2; plural=(n != 1);"
    assert document.properties["header"].startswith("Project-Id-Version: PACKAGE VERSION\n")
    assert [s.position for s in segments] == list(range(1, len(segments) + 1))


def test_af_pootle_comments_become_note_and_context(corpus: Path) -> None:
    _, segments = read(corpus / "af-pootle.po", target_lang="af")
    view = segments[0]
    assert (view.source, view.target, view.status) == ("View", "Bekyk", TRANSLATED)
    assert (view.unit_id, view.note, view.context) == ("View", "l10n: Verb", "projects.py:136")
    files = [s for s in segments if s.source in ("%d file", "%d files")]
    assert [(s.source, s.target, s.structure["form"]) for s in files] == [
        ("%d file", "%d lêer", "0"),
        ("%d files", "%d lêers", "1"),
    ]
    assert files[0].structure["flags"] == "python-format"
    assert [s.unit_id for s in files] == ["%d file[0]", "%d file[1]"]


def test_one_po_has_two_entries_one_fuzzy_with_its_target_kept(corpus: Path) -> None:
    document, segments = read(corpus / "one.po", target_lang="fr")
    assert [(s.source, s.target, s.status) for s in segments] == [
        ("Translated string", "Une chaîne traduite", TRANSLATED),
        ("Fuzzy string", "Une chaîne approximative", DRAFT),
    ]
    assert "header" not in document.properties


def test_plural_po_without_plural_forms_takes_the_msgstr_count(corpus: Path) -> None:
    _, segments = read(corpus / "plural.po", target_lang="fr")
    assert [(s.source, s.target, s.structure["form"]) for s in segments] == [
        ("%d One", "%d One", "0"),
        ("%d Many", "%d Many", "1"),
        ("%d Many", "%d Many many", "2"),
    ]


@pytest.mark.parametrize("name", ["af-pootle.po", "one.po", "plural.po"])
def test_export_without_changes_is_byte_identical(corpus: Path, name: str, tmp_path: Path) -> None:
    document, segments = read(corpus / name, target_lang="af")
    assert export(document, segments, tmp_path).read_bytes() == (corpus / name).read_bytes()


def test_f43_with_a_wrong_charset_is_refused_at_the_first_mojibake(corpus: Path) -> None:
    """Declared KOI8-R, written in Latin-1: refused, not imported as mojibake."""
    with pytest.raises(FormatError) as caught:
        read(corpus / "f43.tgif.fr.po", target_lang="fr")
    error = caught.value
    assert error.line == 7  # "Language-Team: Français", the first non-ASCII letter
    assert "koi8-r" in error.message and "UTF-8" in error.message
    assert error.path.endswith("f43.tgif.fr.po")


def test_af_pootle_edits_read_back_the_same_in_translate_toolkit_and_ours(
    corpus: Path, tmp_path: Path
) -> None:
    document, segments = read(corpus / "af-pootle.po", target_lang="af")
    by_source = {s.source: s for s in live(segments) if "form" not in s.structure}
    by_source["View"].target = "원거테크놀러지(Beijing Wenge Technology, 中科聞歌)의 새 모델 보기"
    by_source["Suggest"].status = DRAFT
    by_source["Translate"].target, by_source["Translate"].status = "", NEW
    by_source["Review"].target, by_source["Review"].status = "스쥔(史軍) 검토", REVIEWED
    files = [s for s in segments if s.source in ("%d file", "%d files")]
    files[0].target, files[1].target = "파일 %d개", "파일 %d개\n(여러 개)"
    for form in files:
        form.status = DRAFT
    out = export(document, segments, tmp_path)

    theirs = ttk_summary(out)
    assert theirs == our_summary(out)
    assert theirs[0] == (["View"], [by_source["View"].target], False)
    assert theirs[1] == (["Suggest"], ["Stel voor"], True)
    assert theirs[2] == (["Translate"], [""], False)
    assert (["%d file", "%d files"], ["파일 %d개", "파일 %d개\n(여러 개)"], True) in theirs
    original = (corpus / "af-pootle.po").read_bytes()
    obsolete_block = original[original.index(b"#~ ") :]
    assert out.read_bytes().endswith(obsolete_block)
    assert len(ttk_po.pofile.parsefile(str(out)).units) == 1 + 288 + 53


# --- reading -------------------------------------------------------------------------------


def test_sample_entries_keywords_comments_flags_and_escapes(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    assert (document.format, document.source_lang, document.target_lang) == ("po", "en", "ko")
    opened, wenge, shi_jun, waic, company, obsolete = segments
    assert opened.note == "Shown on the home screen\nKeep the Chinese name in parentheses."
    assert opened.context == "src/home.py:12 src/home.py:40"
    assert opened.structure["flags"] == "python-format"
    assert (wenge.target, wenge.status) == ("원거테크놀러지", DRAFT)
    assert wenge.structure["flags"] == "c-format"
    assert wenge.structure["previous_msgid"] == "Beijing Wenge"
    assert (shi_jun.unit_id, shi_jun.status) == ("person\x04Shi Jun", NEW)
    assert shi_jun.structure["msgctxt"] == "person"
    assert waic.source == (
        "The World Artificial Intelligence Conference opens on August 15.\n"
        'Tabs\there, quotes "here", a backslash \\ and é.'
    )
    assert (company.source, company.target, company.structure["forms"]) == (
        "%d company",
        "%d개 회사",
        "1",
    )
    assert company.structure["msgid_plural"] == "%d companies"
    assert obsolete.structure["obsolete"] == "true" and obsolete.target == "원거테크"


def test_languages_from_the_header_and_options_win(tmp_path: Path) -> None:
    path = write(
        tmp_path, SAMPLE.replace("Language: ko", 'X-Source-Language: en_GB\\n"\n"Language: zh_TW')
    )
    document, _ = read(path)
    assert (document.source_lang, document.target_lang) == ("en-GB", "zh-TW")
    document, _ = read(path, source_lang="ja", target_lang="ko")
    assert (document.source_lang, document.target_lang) == ("ja", "ko")


def test_gettext_locale_names_become_language_tags(tmp_path: Path) -> None:
    document, _ = read(write(tmp_path, SAMPLE.replace("Language: ko", "Language: sr@latin")))
    assert document.target_lang == "sr-Latn"


def test_no_target_language_anywhere_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'msgid "a"\nmsgstr "b"\n', "bare.po")
    with pytest.raises(FormatError, match="no target language: give --target-lang") as caught:
        read(path)
    assert caught.value.path == str(path)


def test_a_header_language_that_is_not_a_tag_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE.replace("Language: ko", "Language: Klingonese"))
    with pytest.raises(FormatError, match="Klingonese"):
        read(path)
    assert read(path, target_lang="ko")[0].target_lang == "ko"


def test_plural_forms_header_sets_the_number_of_forms(tmp_path: Path) -> None:
    text = SAMPLE.replace("nplurals=1; plural=0;", "nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);")
    _, segments = read(write(tmp_path, text))
    forms = [s for s in segments if "form" in s.structure]
    assert [(s.source, s.target) for s in forms] == [
        ("%d company", "%d개 회사"),
        ("%d companies", ""),
        ("%d companies", ""),
    ]
    assert [s.unit_id for s in forms] == ["%d company[0]", "%d company[1]", "%d company[2]"]


def test_a_pot_template_reads_as_new_segments_in_utf8(tmp_path: Path) -> None:
    pot = (
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
        'msgid "세계인공지능대회"\nmsgstr ""\n'
    )
    _, segments = read(write(tmp_path, pot, "demo.pot"), target_lang="ko")
    assert [(s.source, s.status) for s in segments] == [("세계인공지능대회", NEW)]


def test_latin1_charset_is_decoded(tmp_path: Path) -> None:
    text = SAMPLE.replace("charset=UTF-8", "charset=ISO-8859-1").split("#.")[0]
    text += 'msgid "Symmetry"\nmsgstr "Symétrie"\n'
    document, segments = read(write(tmp_path, text.encode("latin-1")))
    assert segments[0].target == "Symétrie"
    assert document.properties["encoding"] == "ISO-8859-1"


def test_real_koi8r_russian_is_accepted(tmp_path: Path) -> None:
    text = SAMPLE.replace("charset=UTF-8", "charset=KOI8-R").split("#.")[0]
    text += 'msgid "Open the Linux file"\nmsgstr "Открыть файл Linux"\n'
    _, segments = read(write(tmp_path, text.encode("koi8-r")))
    assert segments[0].target == "Открыть файл Linux"


def test_utf8_bom_is_accepted_and_kept(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    document, segments = read(path)
    assert document.properties["bom"] == "true"
    segments[2].target, segments[2].status = "스쥔", TRANSLATED
    out = export(document, segments, tmp_path).read_bytes()
    assert out.startswith(codecs.BOM_UTF8) and 'msgstr "스쥔"'.encode() in out


def test_crlf_line_ends_are_kept_in_edited_entries(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE.replace("\n", "\r\n"))
    document, segments = read(path)
    segments[2].target, segments[2].status = "스쥔", TRANSLATED
    out = export(document, segments, tmp_path).read_bytes()
    assert b"\n" not in out.replace(b"\r\n", b"")
    assert 'msgctxt "person"\r\nmsgid "Shi Jun"\r\nmsgstr "스쥔"\r\n'.encode() in out


def test_progress_reaches_the_file_size(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE)
    seen: list[tuple[int, int]] = []
    _, segments = PoFormat().read(
        path, DocumentReadOptions(on_progress=lambda d, t: seen.append((d, t)))
    )
    list(segments)
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_registry_maps_po_and_pot() -> None:
    assert isinstance(document_format(Path("a.po")).inner, PoFormat)
    assert isinstance(document_format(Path("a.pot")).inner, PoFormat)
    assert PoFormat.name == "po" and document_extensions("po") == (".po", ".pot")


# --- bad input -----------------------------------------------------------------------------

HEAD = 'msgid ""\nmsgstr "Language: ko\\n"\n\n'  # lines 1-3


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('msgid "open\nmsgstr ""\n', 4, "unterminated string"),
        ('msgid "a"\nmsgstr "b\\"\n', 5, "unterminated string"),
        ('msgstr "orphan"\n', 4, "msgstr without msgid"),
        ('msgid "a"\nmsgstr "\\q"\n', 5, "invalid escape sequence \\q"),
        ('msgid "a"\nmsgstr "\\x"\n', 5, "invalid escape sequence \\x"),
        ('msgid "a"\nmsgstr "\\777"\n', 5, "larger than a byte"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 6, "msgid at line 4 has no msgstr"),
        ('msgid "a"\n', 4, "entry has no msgstr"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n', 6, "needs msgstr[0]"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n', 6, "should be msgstr[0]"),
        ('msgid "a"\nmsgstr[0] "x"\n', 5, "msgstr[n] without msgid_plural"),
        ('msgid "a"\nmsgstr "x"\nmsgstr "y"\n', 6, "the msgid at line 4 has its msgstr"),
        ('msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 7, "duplicate message definition"),
        ('msgid "a"\nmsgtxt "x"\n', 5, "keyword 'msgtxt'"),
        ('msgid "a"\nmsgstr "x" junk\n', 5, "unexpected text"),
        ('msgid "a" msgstr "x"\n', 4, "unexpected text"),
        ('#. note\n"dangling"\n', 5, "string without a keyword"),
        ("hello\n", 4, "unexpected text"),
        ('#~ msgid "a"\nmsgstr "x"\n', 5, "mixes obsolete"),
        ('msgid "a"\n# note\nmsgstr "x"\n', 5, "comment inside an entry"),
        ('msgctxt "c"\nmsgctxt "d"\nmsgid "a"\nmsgstr ""\n', 5, "msgctxt must come once"),
        ('msgid ""\nmsgstr "x"\n', 4, "duplicate header entry"),
    ],
)
def test_bad_syntax_names_the_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write(tmp_path, HEAD + body)
    with pytest.raises(FormatError) as caught:
        read(path)
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (HEAD.encode() + 'msgid "a"\nmsgstr "Symétrie"\n'.encode("latin-1"), 5, "not valid UTF-8"),
        (
            b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=klingon\\n"\n',
            3,
            "unknown charset 'klingon'",
        ),
        (
            b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-16\\n"\n',
            3,
            "not ASCII-compatible",
        ),
        (codecs.BOM_UTF16_LE + HEAD.encode("utf-16-le"), 1, "UTF-16"),
        (HEAD.encode() + b'msgid "a"\nmsgstr "\\303\\050"\n', 5, "numeric escapes"),
    ],
)
def test_wrong_encodings_name_the_line(
    tmp_path: Path, data: bytes, line: int, message: str
) -> None:
    with pytest.raises(FormatError) as caught:
        read(write(tmp_path, data))
    assert (caught.value.line, message in caught.value.message) == (line, True)


def test_a_header_that_is_not_first_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "Language: ko\\n"\n')
    _, segments = PoFormat().read(path, DocumentReadOptions(target_lang="ko"))
    with pytest.raises(FormatError, match="must come first") as caught:
        list(segments)
    assert caught.value.line == 4


# --- writing -------------------------------------------------------------------------------


def test_fuzzy_follows_the_status(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    opened, wenge, shi_jun = segments[:3]
    opened.status = DRAFT
    wenge.status = TRANSLATED
    shi_jun.target, shi_jun.status = "스쥔", REJECTED
    text = export(document, segments, tmp_path).read_text(encoding="utf-8")
    assert '#, fuzzy, python-format\nmsgid "%(name)s opened"' in text
    assert '#, c-format\n#| msgid "Beijing Wenge"\nmsgid "Beijing Wenge Technology"' in text
    assert '#, fuzzy\nmsgctxt "person"\nmsgid "Shi Jun"\nmsgstr "스쥔"' in text
    assert "# Keep the Chinese name in parentheses." in text


def test_a_fuzzy_flag_alone_disappears_when_confirmed(tmp_path: Path) -> None:
    path = write(tmp_path, '#, fuzzy\nmsgid "a"\nmsgstr "b"\n', "x.po")
    document, segments = read(path, target_lang="ko")
    segments[0].status = TRANSLATED
    assert export(document, segments, tmp_path).read_text() == 'msgid "a"\nmsgstr "b"\n'


def test_untouched_entries_keep_their_wrapping(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    segments[0].target = "%(name)s 열렸습니다"
    out = export(document, segments, tmp_path).read_text(encoding="utf-8")
    assert out == SAMPLE.replace('msgstr "%(name)s 열림"', 'msgstr "%(name)s 열렸습니다"')


def test_new_plural_forms_are_added_after_the_existing_ones(tmp_path: Path) -> None:
    text = SAMPLE.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
    document, segments = read(write(tmp_path, text))
    segments[5].target, segments[5].status = "%d개 회사들", TRANSLATED
    out = export(document, segments, tmp_path).read_text(encoding="utf-8")
    assert 'msgstr[0] "%d개 회사"\nmsgstr[1] "%d개 회사들"\n\n#~ msgid' in out


def test_obsolete_entries_are_written_as_read(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    segments[-1].target, segments[-1].status = "바뀐 번역", TRANSLATED
    assert export(document, segments, tmp_path).read_text(encoding="utf-8") == SAMPLE


def test_editing_the_last_entry_of_a_file_without_final_newline(
    corpus: Path, tmp_path: Path
) -> None:
    document, segments = read(corpus / "one.po", target_lang="fr")
    segments[1].target, segments[1].status = "Une chaîne revue", TRANSLATED
    out = export(document, segments, tmp_path).read_text(encoding="utf-8")
    assert out.endswith('msgid "Fuzzy string"\nmsgstr "Une chaîne revue"')


def test_long_new_strings_are_wrapped_like_msgcat(tmp_path: Path) -> None:
    korean = (
        "원거테크놀러지(Beijing Wenge Technology, 中科聞歌)는 세계인공지능대회에서 새로운 언어"
        " 모델을 발표했다. 스쥔(史軍) 회장은 이 모델이 중국어와 한국어를 모두 지원한다고 말했다."
    )
    chinese = (
        "北京中科闻歌科技股份有限公司在世界人工智能大会上发布了新的大语言模型，董事长史军表示该模型"
        "同时支持中文和韩文，并将于八月十五日正式上线。"
    )
    # What msgcat (GNU gettext 0.21) writes for these two strings.
    assert string_lines("msgstr", korean) == [
        'msgstr ""',
        '"원거테크놀러지(Beijing Wenge Technology, 中科聞歌)는 세계인공지능대회에서 새"',
        '"로운 언어 모델을 발표했다. 스쥔(史軍) 회장은 이 모델이 중국어와 한국어를 모"',
        '"두 지원한다고 말했다."',
    ]
    assert string_lines("msgstr", chinese) == [
        'msgstr ""',
        '"北京中科闻歌科技股份有限公司在世界人工智能大会上发布了新的大语言模型，董事长"',
        '"史军表示该模型同时支持中文和韩文，并将于八月十五日正式上线。"',
    ]
    assert string_lines("msgstr", "line one\nline two\n") == [
        'msgstr ""',
        '"line one\\n"',
        '"line two\\n"',
    ]
    assert string_lines("msgstr[1]", 'a\tb "c"') == ['msgstr[1] "a\\tb \\"c\\""']


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext's msgcat is not installed")
def test_wrapping_agrees_with_msgcat(corpus: Path, tmp_path: Path) -> None:
    _, segments = read(corpus / "af-pootle.po", target_lang="af")
    texts = [s.source for s in segments] + [s.target for s in segments if s.target]
    texts.append("Shanghai (上海) hosts WAIC; see https://www.worldaic.com.cn/ and/or e.g. §3.")
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    lines = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"']
    for number, text in enumerate(texts):
        flat = "".join(escapes.get(char, char) for char in text)
        lines += ["", f'msgid "m{number}"', f'msgstr "{flat}"']
    source = write(tmp_path, "\n".join(lines) + "\n", "flat.po")
    wrapped = tmp_path / "wrapped.po"
    subprocess.run(["msgcat", "--no-location", str(source), "-o", str(wrapped)], check=True)
    blocks = wrapped.read_text(encoding="utf-8").split("\n\n")[1:]
    expected = [block.strip("\n").split("\n")[1:] for block in blocks]
    assert expected == [string_lines("msgstr", text) for text in texts]


def test_a_target_the_charset_cannot_hold_turns_the_file_into_utf8(tmp_path: Path) -> None:
    text = SAMPLE.replace("charset=UTF-8", "charset=ISO-8859-1").split("#.")[0]
    text += 'msgid "Symmetry"\nmsgstr "Symétrie"\n\nmsgid "Beijing"\nmsgstr ""\n'
    document, segments = read(write(tmp_path, text.encode("latin-1")))
    segments[1].target, segments[1].status = "北京", TRANSLATED
    out = export(document, segments, tmp_path)
    expected = text.replace("ISO-8859-1", "UTF-8").replace(
        '"Beijing"\nmsgstr ""', '"Beijing"\nmsgstr "北京"'
    )
    assert out.read_bytes() == expected.encode("utf-8")
    assert [s.target for s in read(out)[1]] == ["Symétrie", "北京"]


def test_a_segment_that_does_not_match_its_entry_is_refused(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    segments[0].source, segments[0].target = "something else", "x"
    with pytest.raises(ValueError, match="does not match"):
        export(document, segments, tmp_path)


def test_documents_from_other_formats_get_a_new_po_file(tmp_path: Path) -> None:
    bold = InlineCode("open", "g", "1", '<g id="1">', "b")
    end = InlineCode("close", "g", "1", "</g>", "/b")
    document = Document("waic.xlf", "xliff", "ko", "en")
    segments = [
        Segment(
            source=f"{code_char(0)}원거테크놀러지{code_char(1)}(中科聞歌)",
            target=f"{code_char(0)}Beijing Wenge Technology{code_char(1)}",
            codes=[bold, end],
            status=TRANSLATED,
            unit_id="u1",
            note="organisation name",
            context="article.html",
        ),
        Segment(source="스쥔(史軍)", target="Shi Jun", status=DRAFT, unit_id="u2"),
        Segment(source="스쥔(史軍)", target="", status=NEW),
        Segment(source="스쥔(史軍)", target="", status=NEW),
    ]
    out = tmp_path / "waic.po"
    PoFormat().write(document, segments, out)
    theirs = ttk_po.pofile.parsefile(str(out))
    units = [u for u in theirs.units if not u.isheader()]
    assert [u.getcontext() for u in units] == ["u1", "u2", "", "4"]
    assert str(units[0].source) == '<g id="1">원거테크놀러지</g>(中科聞歌)'
    assert str(units[0].target) == '<g id="1">Beijing Wenge Technology</g>'
    assert [u.isfuzzy() for u in units] == [False, True, False, False]
    ours, read_back = read(out)
    assert (ours.source_lang, ours.target_lang) == ("ko", "en")
    assert [(s.unit_id, s.status) for s in read_back] == [
        ("u1\x04" + str(units[0].source), TRANSLATED),
        ("u2\x04스쥔(史軍)", DRAFT),
        ("스쥔(史軍)", NEW),
        ("4\x04스쥔(史軍)", NEW),
    ]
    assert (read_back[0].note, read_back[0].context) == ("organisation name", "article.html")


def test_with_markup_rejects_a_code_missing_from_the_table() -> None:
    assert with_markup(f"a{code_char(0)}b", [InlineCode("standalone", "x", "1", "<x/>")]) == (
        "a<x/>b"
    )
    with pytest.raises(ValueError, match="inline code 2"):
        with_markup(f"a{code_char(1)}", [])


def test_a_file_with_msgctxt_is_imported(tmp_path: Path) -> None:
    """The id of an entry with msgctxt holds gettext's U+0004 separator: not a control
    character of the file (the import guard refused every such file)."""
    path = tmp_path / "ctx.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "열기"\n',
        encoding="utf-8",
    )
    reader = document_format(path)  # as import reads it: through the guard
    _document, segments = reader.read(path, DocumentReadOptions("en", "ko"))
    assert [(s.unit_id, s.target) for s in segments] == [("menu\x04Open", "열기")]
