"""Bad office files: one clear line naming the file (and part), exit 2, nothing imported."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from office_corpus import CORPUS, FILES, entries, import_file
from tests_support import run

from workbench import services
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.office.docx import DocxFormat
from workbench.formats.registry import document_format
from workbench.storage.engine import Database, open_database

WORD = "docx/python-docx/par-hlink-frags.docx"
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)


@pytest.fixture
def db(sqlite_url: str, shared: Path) -> Database:
    database = open_database(sqlite_url)
    yield database  # type: ignore[misc]
    database.dispose()


def rezipped(
    source: Path,
    target: Path,
    change: dict[str, bytes | None],
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A copy of a package with entries replaced (bytes), removed (None) or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
            else:
                new.writestr(info, old.read(info))
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def refusal(path: Path) -> str:
    with pytest.raises(FormatError) as caught:
        _document, segments = document_format(path).read(
            path, DocumentReadOptions(source_lang="en")
        )
        list(segments)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_an_encrypted_office_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes(OLE + "EncryptedPackage".encode("utf-16-le") + bytes(64))
    assert "is a password-protected (encrypted) Office file" in refusal(path)


def test_an_old_binary_office_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(OLE + bytes(64))
    assert "or an old binary one (.doc/.xls/.ppt)" in refusal(path)


def test_a_file_that_is_no_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.pptx"
    path.write_text("just text", encoding="utf-8")
    assert "not a PowerPoint file (File is not a zip file)" in refusal(path)


def test_a_truncated_package_is_refused(tmp_path: Path, shared: Path) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes((CORPUS / WORD).read_bytes()[:5000])
    assert "not a Word file (" in refusal(path)


def test_a_malformed_part_is_named_with_its_line(tmp_path: Path, shared: Path) -> None:
    path = rezipped(
        CORPUS / WORD,
        tmp_path / "broken.docx",
        {"word/document.xml": b'<?xml version="1.0"?>\n<document>\n<a></b></document>'},
    )
    message = refusal(path)
    assert "part word/document.xml:" in message and "broken.docx:3" in message


def test_a_missing_main_part_is_named(tmp_path: Path, shared: Path) -> None:
    path = rezipped(CORPUS / WORD, tmp_path / "hollow.docx", {"word/document.xml": None})
    assert "part word/document.xml: is missing from the package" in refusal(path)


def test_a_package_without_content_types_is_refused(tmp_path: Path, shared: Path) -> None:
    path = rezipped(CORPUS / WORD, tmp_path / "bare.docx", {"[Content_Types].xml": None})
    assert "part [Content_Types].xml: is missing from the package" in refusal(path)


def test_an_entity_declared_in_a_part_is_refused(tmp_path: Path, shared: Path) -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&a;</w:document>'
    path = rezipped(CORPUS / WORD, tmp_path / "laughs.docx", {"word/document.xml": xml})
    assert "refused for safety" in refusal(path)


def test_an_entry_that_points_outside_the_package_is_refused(tmp_path: Path, shared: Path) -> None:
    path = rezipped(CORPUS / WORD, tmp_path / "slip.docx", {}, {"../../evil.sh": b"echo"})
    assert "part ../../evil.sh: has an unsafe name" in refusal(path)


def test_a_zip_bomb_is_refused_before_it_is_inflated(shared: Path) -> None:
    bomb = shared / "corpus/hostile/workbench/zipbomb-1GiB-cell.xlsx"
    assert "over the limit of 268,435,456 (limit zip_member" in refusal(bomb)


@pytest.mark.parametrize(
    "name",
    [
        "billion-laughs-in-sheet.xlsx",
        "xxe-in-sheet-data.xlsx",
        "fuzz-f48.xlsx",
        "fuzz-f53.xlsx",
        "fuzz-f1937.xlsx",
        "eol-cr-only.xlsx",
    ],
)
def test_hostile_workbooks_are_refused_or_read_without_a_traceback(shared: Path, name: str) -> None:
    path = shared / "corpus/hostile/workbench" / name
    try:
        _document, segments = document_format(path).read(
            path, DocumentReadOptions(source_lang="en")
        )
        list(segments)
    except FormatError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))


def test_an_encrypted_opendocument_package_is_refused(tmp_path: Path, shared: Path) -> None:
    source = CORPUS / "odf/omegat/file-OpenDocFilter.odt"
    with zipfile.ZipFile(source) as archive:
        manifest = archive.read("META-INF/manifest.xml")
    locked = manifest.replace(
        b'manifest:full-path="content.xml"/>',
        b'manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>',
        1,
    )
    assert locked != manifest
    path = rezipped(source, tmp_path / "locked.odt", {"META-INF/manifest.xml": locked})
    assert "password-protected" in refusal(path)


def test_a_macro_enabled_document_keeps_its_macros_untouched(db: Database, tmp_path: Path) -> None:
    source = CORPUS / WORD
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml")
    macro_types = types.replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.document.main+xml", 1
    ).replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    macros = b"\xd0\xcf\x11\xe0 not run, only kept " * 40
    path = rezipped(
        source,
        tmp_path / "macros.docm",
        {"[Content_Types].xml": macro_types},
        {"word/vbaProject.bin": macros},
    )
    name = services.import_document(db, path, source_lang="en").name
    services.pseudo_translate(db, name)
    out = tmp_path / "out.docm"
    services.export_document(db, name, out)
    exported = {entry: data for entry, _method, data in entries(out)}
    assert exported["word/vbaProject.bin"] == macros
    assert "⟦" in exported["word/document.xml"].decode()


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: Path) -> None:
    """The command line's database: a new SQLite file."""
    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{tmp_path / 'wb.sqlite'}")


def test_bad_office_files_exit_2_on_one_line_and_import_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cli_db: None
) -> None:
    secret = tmp_path / "secret.docx"
    secret.write_bytes(OLE + "EncryptedPackage".encode("utf-16-le"))
    tracked = CORPUS / "docx/poi/delins.docx"
    for path, expected in ((secret, "password-protected"), (tracked, "82 tracked changes")):
        code, out, err = run(capsys, "import", str(path), "--source-lang", "en")
        assert code == 2 and expected in err and err.count("\n") == 1 and out == ""
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0 and json.loads(out) == []


def test_a_document_from_another_format_cannot_become_a_word_file(
    db: Database, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("A plain note. Nothing more.\n", encoding="utf-8")
    name = services.import_document(db, text, source_lang="en").name
    with pytest.raises(
        FormatError, match="a Word file can only be written for a document imported from one"
    ):
        services.export_document(db, name, tmp_path / "notes.docx")
    assert not (tmp_path / "notes.docx").exists()


def test_segments_of_another_file_are_refused_on_export(
    db: Database, tmp_path: Path, shared: Path
) -> None:
    file = next(f for f in FILES if f.path == WORD)
    name = import_file(db, file)
    document, segments = services.document_segments(db, name)
    segments[1].source = "Something else entirely."
    segments[1].target = "다른 것."
    with pytest.raises(FormatError, match="do not match the original paragraph"):
        DocxFormat().write(document, segments, tmp_path / "out.docx")


def test_accept_changes_imports_a_file_with_tracked_changes_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cli_db: None
) -> None:
    tracked = CORPUS / "odf/okapi/TestDocument04.odt"
    code, _out, err = run(capsys, "import", str(tracked), "--source-lang", "en", "--accept-changes")
    assert code == 0, err
    code, out, _ = run(capsys, "docs", "--json")
    assert [d["name"] for d in json.loads(out)] == ["TestDocument04.odt"]
    exported = tmp_path / "out.odt"
    code, _out, err = run(capsys, "export", "TestDocument04.odt", str(exported))
    assert code == 0, err
    with zipfile.ZipFile(exported) as archive:
        assert b"changed-region" not in archive.read("content.xml")


def test_hostile_counts_and_escapes_are_read_safely(
    db: Database, tmp_path: Path, shared: Path
) -> None:
    """A billion spaces asked for by text:s, a surrogate escaped Excel's way, an author
    index that is no number: read, stored and written back without a traceback."""
    odt = CORPUS / "odf/omegat/file-OpenDocFilter.odt"
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml")
    spaced = content.replace(b"first line.", b'first<text:s text:c="999999999"/>line.', 1)
    assert spaced != content
    path = rezipped(odt, tmp_path / "spaces.odt", {"content.xml": spaced})
    name = services.import_document(db, path, source_lang="en").name
    first = services.document_segments(db, name)[1][0]
    assert first.source == "This is first" + " " * 1000 + "line."

    book = CORPUS / "xlsx/poi/WithMoreVariousData.xlsx"
    with zipfile.ZipFile(book) as archive:
        strings = archive.read("xl/sharedStrings.xml")
        comments = archive.read("xl/comments1.xml")
    escaped = strings.replace(b"<t>", b"<t>_xD800_ and _x0041_ ", 1)
    odd_author = comments.replace(b'authorId="0"', b'authorId="x"', 1)
    assert escaped != strings and odd_author != comments
    path = rezipped(
        book,
        tmp_path / "escapes.xlsx",
        {"xl/sharedStrings.xml": escaped, "xl/comments1.xml": odd_author},
    )
    name = services.import_document(db, path, source_lang="en").name
    sources = [s.source for s in services.document_segments(db, name)[1]]
    assert any(s.startswith("_xD800_ and A ") for s in sources)
    services.pseudo_translate(db, name)
    services.export_document(db, name, tmp_path / "out.xlsx")
