"""Control characters and size limits on import, for every reader: documents refuse them with
the line, glossaries and memories strip them and say how many (or refuse, when set), and
nothing over a limit gets in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench import services
from workbench.domain.controls import ControlPolicy
from workbench.domain.limits import Limits
from workbench.domain.model import Term
from workbench.formats.base import DocumentReadOptions, FormatError, ReadOptions
from workbench.formats.registry import document_format, glossary_format
from workbench.formats.tmx import TmxReport, read_tmx
from workbench.storage.engine import Database, open_database

HOSTILE = Path("corpus/hostile/workbench")
ESC, CSI, NUL = "\x1b", "\x9b", "\x00"
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
<langSec xml:lang="en"><termSec><term>{en}</term></termSec></langSec>
<langSec xml:lang="ko"><termSec><term>센스타임</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
<body><tu><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="ko"><seg>센스타임</seg></tuv></tu>
</body></tmx>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


GLOSSARIES = {
    "g.csv": f"en,ko\nSense{ESC}[2JTime,센스타임\n",
    "g.tsv": f"en\tko\nSense{CSI}2JTime\t센스타임\n",
    "g.tab": f"Sense{ESC}]0;x{chr(7)}Time\t센스타임\n",
    "g.tbx": TBX.format(en=f"Sense{CSI}2JTime"),
}


@pytest.mark.parametrize("name", GLOSSARIES)
def test_glossaries_strip_control_characters_and_count_them(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, GLOSSARIES[name])
    options = ReadOptions(source_lang="en", target_lang="ko")
    (concept,) = glossary_format(path).read(path, options)
    english = concept.terms_in("en")[0].text
    assert english.startswith("Sense") and english.endswith("Time")
    assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in english)
    assert options.report.controls_stripped >= 1
    assert "stripped" in options.report.notices()[0]


@pytest.mark.parametrize("name", GLOSSARIES)
def test_glossaries_refuse_control_characters_when_told(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, GLOSSARIES[name])
    options = ReadOptions(source_lang="en", target_lang="ko", controls=ControlPolicy.REFUSE)
    with pytest.raises(FormatError, match=r"entry 1 holds the control character U\+00"):
        list(glossary_format(path).read(path, options))


def test_a_term_of_nothing_but_controls_is_dropped_not_stored_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", f"en,ko\n{ESC}{ESC},센스타임\n{ESC},{ESC}\n")
    options = ReadOptions()
    (concept,) = glossary_format(path).read(path, options)
    assert [(t.lang, t.text) for t in concept.terms] == [("ko", "센스타임")]


def test_a_nul_in_a_text_file_is_refused_even_where_controls_are_stripped(
    tmp_path: Path,
) -> None:
    # NULs in decoded text mean a wrong encoding or a binary file (formats.encoding)
    path = write(tmp_path, "g.csv", f"en,ko\nA{NUL}B,가\n")
    with pytest.raises(FormatError, match="holds a NUL character") as caught:
        list(glossary_format(path).read(path, ReadOptions()))
    assert (caught.value.line, caught.value.column) == (2, 2)


DOCUMENTS = {
    "d.txt": ("첫 문장이다.\n둘째 줄에 \x1b[2J 가 있다.\n", 2),
    "d.md": ("# 제목\n\n본문이다.\n\n다른 문단\x07이다.\n", 5),
    # the octal escape makes ESC: the entry's msgid line is named
    "d.po": ('msgid ""\nmsgstr "Language: ko\\n"\n\nmsgid "Save"\nmsgstr "저\\033장"\n', 4),
    "d.csv": ("id,en,ko\n1,Save,저장\n2,Open\x9b2J,열기\n", 3),
    "d.xlf": (
        '<xliff version="1.2"><file source-language="en" target-language="ko" '
        'original="x" datatype="plaintext"><body><trans-unit id="1"><source>Save\u009b'
        "</source><target>저장</target></trans-unit></body></file></xliff>",
        None,
    ),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_refuse_control_characters_naming_the_line(tmp_path: Path, name: str) -> None:
    content, line = DOCUMENTS[name]
    path = write(tmp_path, name, content)
    with pytest.raises(FormatError, match="holds the control character U\\+00") as caught:
        _, segments = document_format(path).read(path, DocumentReadOptions("en", "ko"))
        list(segments)
    assert caught.value.line == line
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)


def test_tmx_strips_or_refuses_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "m.tmx", TMX.format(en=f"Sense{CSI}2JTime"))
    report = TmxReport()
    (unit,) = read_tmx(path, report=report)
    assert unit.source == "Sense2JTime" and report.controls_stripped == 1
    with pytest.raises(FormatError, match=r"unit 1 holds the control character U\+009B"):
        list(read_tmx(path, controls=ControlPolicy.REFUSE))


def test_the_hostile_escape_glossary_is_stripped_and_reported_by_the_service(
    shared: Path, sqlite_url: str
) -> None:
    db = open_database(sqlite_url)
    notices: list[str] = []
    path = shared / HOSTILE / "terminal-escape-injection.csv"
    services.import_glossary(db, path, on_notice=notices.append)
    (concept,) = services.search_glossary(db, "PWNED")
    assert not any("\x1b" in term.text or "\x07" in term.text for term in concept.terms)
    assert notices == [
        f"{path}: stripped 4 control characters (first in entry 1; "
        "WORKBENCH_CONTROLS=refuse refuses such files instead)"
    ]
    db.dispose()


# --- limits ----------------------------------------------------------------------------------


def test_the_hostile_1mb_term_is_refused_with_the_term_limit_named(shared: Path) -> None:
    path = shared / HOSTILE / "long-1mb-term.tbx"
    with pytest.raises(FormatError, match=r"a term of 1,04\d,\d+ characters is over the limit"):
        list(glossary_format(path).read(path, ReadOptions()))


@pytest.mark.parametrize("name", ["g.csv", "g.tbx"])
def test_a_term_over_the_limit_is_refused_in_every_glossary_format(
    tmp_path: Path, name: str
) -> None:
    long = "x" * 30
    content = f"en,ko\n{long},센스타임\n" if name == "g.csv" else TBX.format(en=long)
    path = write(tmp_path, name, content)
    with pytest.raises(FormatError, match=r"entry 1 \(en term 'xxx.*limit term"):
        list(glossary_format(path).read(path, ReadOptions(limits=Limits(term=29))))
    assert len(list(glossary_format(path).read(path, ReadOptions(limits=Limits(term=30))))) == 1


def test_a_segment_over_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "d.txt", "짧은 문장.\n\n" + "가" * 50 + "\n")
    options = DocumentReadOptions("ko", limits=Limits(segment=40))
    with pytest.raises(FormatError, match="source: a segment of 50 characters") as caught:
        _, segments = document_format(path).read(path, options)
        list(segments)
    assert caught.value.line == 3


def test_a_csv_cell_over_the_limit_names_the_limit_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "en,ko,note\nSave,저장,short\nOpen,열기," + "n" * 200 + "\n")
    with pytest.raises(FormatError, match="a cell is over the limit of 100") as caught:
        list(glossary_format(path).read(path, ReadOptions(limits=Limits(cell=100))))
    assert caught.value.line == 3


def test_limits_from_the_environment_reach_the_import(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db: Database = open_database(sqlite_url)
    path = write(tmp_path, "g.csv", "en,ko\n" + "w" * 40 + ",센스타임\n")
    monkeypatch.setenv("WORKBENCH_LIMIT_TERM", "39")
    with pytest.raises(FormatError, match="WORKBENCH_LIMIT_TERM"):
        services.import_glossary(db, path)
    assert services.glossary_stats(db).concepts == 0
    monkeypatch.setenv("WORKBENCH_LIMIT_TERM", "40")
    assert services.import_glossary(db, path).concepts_created == 1
    monkeypatch.setenv("WORKBENCH_LIMIT_TERM", "many")
    with pytest.raises(services.UsageError, match="WORKBENCH_LIMIT_TERM='many'"):
        services.import_glossary(db, path)
    db.dispose()


def test_glossary_add_uses_the_same_term_limit_and_refuses_controls(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(sqlite_url)
    monkeypatch.setenv("WORKBENCH_LIMIT_TERM", "10")
    with pytest.raises(services.UsageError, match="the en term: a term of 11 characters"):
        services.add_concept(db, [Term("en", "x" * 11)])
    with pytest.raises(services.UsageError, match="ESCAPE"):
        services.add_concept(db, [Term("en", f"a{ESC}b")])
    with pytest.raises(services.UsageError, match="limit term"):
        services.quick_add_term(db, "en", "x" * 11, "ko", "가")
    assert services.glossary_stats(db).concepts == 0
    assert services.add_concept(db, [Term("en", "x" * 10)]).terms[0].text == "x" * 10
    db.dispose()


def test_a_utf16_glossary_with_controls_is_decoded_then_stripped(tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.csv", codecs.BOM_UTF16_LE + f"en,ko\nA{ESC}B,가\n".encode("utf-16-le")
    )
    (concept,) = glossary_format(path).read(path, ReadOptions())
    assert concept.terms_in("en")[0].text == "AB"
