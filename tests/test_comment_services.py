"""Comments on segments: threads, replies, resolving; XLIFF notes and PO comments both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import po as ttk_po
from translate.storage import xliff as ttk_xliff

from workbench import services
from workbench.domain.comments import comment_line, note_comments, parse_comment_line
from workbench.storage.engine import Database

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="ko" target-language="en" datatype="plaintext" original="news">
<body>
<trans-unit id="n1">
  <source>쿠블라가 새 모델을 발표했다.</source>
  <target>Kubla released a new model.</target>
  <note from="developer">Headline, keep it short.</note>
</trans-unit>
<trans-unit id="n2">
  <source>행사는 사흘 동안 열린다.</source>
  <target>The fair runs for three days.</target>
  <note from="kim">Is it three or four days?</note>
</trans-unit>
</body></file></xliff>
"""
PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ko\\n"

#. Button label
msgid "Open file"
msgstr "파일 열기"

# lee: say 열기 only?
msgid "Open"
msgstr "열기"
"""


def test_a_reply_joins_its_thread_and_resolving_takes_the_whole_thread(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    services.import_document(db, path)
    first = services.add_comment(db, "news.xlf", 1, "Kubla or Khubla?", "park")
    reply = services.add_comment(db, "news.xlf", 1, "Kubla, per the glossary.", "kim", first.id)
    again = services.add_comment(db, "news.xlf", 1, "Thanks.", "park", reply.id)
    assert reply.parent_id == first.id and again.parent_id == first.id
    services.resolve_comment(db, again.id)
    [segment] = [row for row in services.document_threads(db, "news.xlf") if row.position == 1]
    [thread] = segment.threads
    assert thread.resolved and [c.text for c in thread.comments] == [
        "Kubla or Khubla?",
        "Kubla, per the glossary.",
        "Thanks.",
    ]
    assert services.resolve_comment(db, first.id, resolved=False).resolved is False


def test_bad_comments_are_refused_and_nothing_is_stored(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    services.import_document(db, path)
    before = services.document_threads(db, "news.xlf")
    for call in (
        lambda: services.add_comment(db, "news.xlf", 1, "   ", "park"),
        lambda: services.add_comment(db, "news.xlf", 9, "text", "park"),
        lambda: services.add_comment(db, "nothing.xlf", 1, "text", "park"),
        lambda: services.add_comment(db, "news.xlf", 1, "text", "park", reply_to=999),
        lambda: services.resolve_comment(db, 999),
    ):
        with pytest.raises(services.UsageError):
            call()
    assert services.document_threads(db, "news.xlf") == before


def test_xliff_notes_come_in_as_comments_and_go_out_as_notes(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    services.import_document(db, path)
    found = {row.position: row.threads for row in services.document_threads(db, "news.xlf")}
    # kim's note is a comment; the developer's stays the segment's note
    assert list(found) == [2]
    [thread] = found[2]
    assert (thread.first.author, thread.first.text) == ("kim", "Is it three or four days?")
    services.add_comment(db, "news.xlf", 2, "Three: see the programme.", "park", thread.first.id)
    services.add_comment(db, "news.xlf", 1, "Shorter?", "park")
    out = tmp_path / "out.xlf"
    services.export_document(db, "news.xlf", out)
    units = {
        unit.getid().split("\x04")[-1]: unit for unit in ttk_xliff.xlifffile(out.read_bytes()).units
    }
    assert units["n1"].getnotes() == "Headline, keep it short.\nShorter?"
    assert units["n2"].getnotes() == "Is it three or four days?\n↳ Three: see the programme."
    assert 'from="park"' in out.read_text(encoding="utf-8")
    services.import_document(db, out, name="again.xlf")
    again = {row.position: row.threads for row in services.document_threads(db, "again.xlf")}
    assert [c.text for c in again[2][0].comments] == [
        "Is it three or four days?",
        "Three: see the programme.",
    ]
    assert [(c.author, c.text) for c in again[1][0].comments] == [("park", "Shorter?")]


def test_po_translator_comments_both_ways(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ui.po"
    path.write_text(PO, encoding="utf-8")
    services.import_document(db, path, source_lang="en")
    found = {row.position: row.threads for row in services.document_threads(db, "ui.po")}
    assert [(t.first.author, t.first.text) for t in found[2]] == [("lee", "say 열기 only?")]
    services.add_comment(db, "ui.po", 1, "Keep 파일.", "park")
    resolved = services.add_comment(db, "ui.po", 2, "Yes, 열기.", "kim", found[2][0].first.id)
    services.resolve_comment(db, resolved.id)
    out = tmp_path / "out.po"
    services.export_document(db, "ui.po", out)
    text = out.read_text(encoding="utf-8")
    assert "# park: Keep 파일.\n#. Button label\n" in text
    units = {u.source: u for u in ttk_po.pofile(out.read_bytes()).units if not u.isheader()}
    assert "park: Keep 파일." in units["Open file"].getnotes("translator")
    assert "kim: ↳ Yes, 열기." in units["Open"].getnotes("translator")
    services.import_document(db, out, name="again.po", source_lang="en")
    again = {row.position: row.threads for row in services.document_threads(db, "again.po")}
    assert [c.text for c in again[2][0].comments] == ["say 열기 only?", "Yes, 열기."]


def test_comment_lines_read_back_as_written() -> None:
    line = parse_comment_line("kim: ↳ [resolved] not really")
    assert (line.author, line.reply, line.text) == ("kim", True, "[resolved] not really")
    assert [c.author for c in note_comments("Context: a menu\nTRANSLATORS: short\nkim: ok")] == [
        "kim"
    ]
    from workbench.domain.comments import Comment

    written = comment_line(Comment(1, 1, "done", "lee", resolved=True))
    assert parse_comment_line(written).resolved


_AUTHOR = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() and not t.strip().startswith(("↳", "[resolved]")))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_AUTHOR, _TEXT, st.booleans()), min_size=1, max_size=4))
def test_any_comments_survive_an_xliff_round_trip(
    tmp_path: Path, comments: list[tuple[str, str, bool]]
) -> None:
    """Comments added here come back from the exported file as the same threads (their
    whitespace collapsed: a note line is one line)."""
    import uuid

    from workbench.storage.engine import open_database

    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    db = open_database(f"sqlite:///{folder / 'c.sqlite'}")
    try:
        path = folder / "news.xlf"
        path.write_text(XLIFF, encoding="utf-8")
        services.import_document(db, path)
        thread: int | None = None
        expected: list[list[tuple[str, str]]] = []
        for author, text, reply in comments:
            reply_to = thread if reply and thread is not None else None
            added = services.add_comment(db, "news.xlf", 1, text, author, reply_to)
            if reply_to is None:
                thread = added.id
                expected.append([])
            expected[-1].append((author, " ".join(text.split())))
        out = folder / "out.xlf"
        services.export_document(db, "news.xlf", out)
        services.import_document(db, out, name="again.xlf")
        again = {row.position: row.threads for row in services.document_threads(db, "again.xlf")}
        assert [[(c.author, c.text) for c in t.comments] for t in again[1]] == expected
    finally:
        db.dispose()


XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">
<file id="f1">
<unit id="u1">
<segment><source>첫째 문장.</source><target>The first.</target></segment>
</unit>
<unit id="u2">
<notes><note>Context: a heading</note></notes>
<segment><source>둘째 문장.</source><target>The second.</target></segment>
<segment><source>셋째 문장.</source><target>The third.</target></segment>
</unit>
</file></xliff>
"""


def test_xliff_2_notes_carry_comments_both_ways(db: Database, tmp_path: Path) -> None:
    from lxml import etree

    path = tmp_path / "two.xlf"
    path.write_text(XLIFF2, encoding="utf-8")
    services.import_document(db, path)
    assert services.document_threads(db, "two.xlf") == []  # a developer's note stays a note
    services.add_comment(db, "two.xlf", 1, "First!", "kim")
    first = services.add_comment(db, "two.xlf", 3, "Third?", "lee")
    services.add_comment(db, "two.xlf", 3, "Yes.", "kim", first.id)
    out = tmp_path / "out.xlf"
    services.export_document(db, "two.xlf", out)
    root = etree.fromstring(out.read_bytes())
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    notes = {
        unit.get("id"): [n.text for n in unit.iterfind("x:notes/x:note", ns)]
        for unit in root.iterfind(".//x:unit", ns)
    }
    assert notes == {
        "u1": ["kim: First!"],
        "u2": ["Context: a heading", "lee: Third?", "kim: ↳ Yes."],
    }
    services.import_document(db, out, name="again.xlf")
    again = {row.position: row.threads for row in services.document_threads(db, "again.xlf")}
    # a unit's notes belong to its first segment
    assert {p: [[c.text for c in t.comments] for t in threads] for p, threads in again.items()} == {
        1: [["First!"]],
        2: [["Third?", "Yes."]],
    }
