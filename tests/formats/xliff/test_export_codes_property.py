"""Random edits to targets with inline codes: export refuses, or writes what a reader keeps.

Issue 11 item 1. Each example gives the segments targets made of the source's words and code
characters in any order, any number of times (codes lost, doubled, pairs crossed or turned
round), plus now and then a code character the segment has no code for. Export either
refuses (and then exactly the segments whose codes are broken are named) or writes an XLIFF
that translate-toolkit reads back with the codes of each target, in order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage.xliff import xlifffile

from workbench import services
from workbench.domain.checks.markup import code_errors
from workbench.domain.document import CODE_BASE, Segment, SegmentStatus, code_indexes
from workbench.storage.engine import Database, open_database

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ui.txt" source-language="en" target-language="ko" datatype="plaintext"><body>
<trans-unit id="a"><source>Press <g id="1">Save</g> to keep <x id="2"/> files.</source></trans-unit>
<trans-unit id="b"><source><g id="1">Bold <g id="2">and italic</g></g> text</source></trans-unit>
<trans-unit id="c"><source>Plain <x id="1"/> text.</source></trans-unit>
</body></file></xliff>
"""
NAME = "ui.xlf"
NS = "{urn:oasis:names:tc:xliff:document:1.2}"
WORDS = ["저장", "눌러", "파일을", "굵게", " ", "&", "<", "기울임"]


@pytest.fixture(scope="module")
def db() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / NAME
        source.write_text(XLIFF, encoding="utf-8")
        db = open_database(f"sqlite:///{Path(folder) / 'codes.sqlite'}")
        services.import_document(db, source)
        yield db
        db.dispose()


def pieces(segment: Segment) -> st.SearchStrategy[str]:
    """A target: the source's code characters and some words, in any order and number.

    One target in twelve also gets a code character the segment has no code for.
    """
    codes = [chr(CODE_BASE + i) for i in range(len(segment.codes))]
    stranger = chr(CODE_BASE + len(segment.codes) + 3)
    token = (
        st.one_of(st.sampled_from(codes), st.sampled_from(WORDS))
        if codes
        else st.sampled_from(WORDS)
    )
    mixed = st.lists(token, min_size=1, max_size=10).map("".join)
    in_order = st.lists(st.sampled_from(WORDS), min_size=len(codes) + 1, max_size=len(codes) + 1)
    kept = in_order.map(
        lambda words: "".join(w + c for w, c in zip(words, [*codes, ""], strict=True))
    )
    # most targets keep the codes in order, so that whole documents get written too
    text = st.sampled_from([mixed, kept, kept, kept]).flatmap(lambda chosen: chosen)
    odd = st.sampled_from([False] * 11 + [True])
    return st.tuples(text, odd).map(lambda drawn: drawn[0] + stranger if drawn[1] else drawn[0])


def broken(segment: Segment, target: str) -> bool:
    """Whether export must refuse the target: a blank one is untranslated, never broken."""
    if not target.strip():
        return False
    source = code_indexes(segment.source)
    only = sorted({i for i in code_indexes(target) if i not in source and i < len(segment.codes)})
    return any(True for _ in code_errors([*source, *only], code_indexes(target), segment.codes))


def expected_codes(segment: Segment, target: str) -> list[tuple[str, str]]:
    """(element, id) of each inline element the target must have, in document order."""
    return [
        (segment.codes[i].element, segment.codes[i].id)
        for i in code_indexes(target)
        if segment.codes[i].kind != "close"
    ]


def read_back(path: Path) -> dict[str, list[tuple[str, str]]]:
    """unit id -> (element, id) of each inline element of its target, read by translate-toolkit."""
    store = xlifffile.parsestring(path.read_bytes())
    found = {}
    for unit in store.units:
        target = unit.xmlelement.find(f"{NS}target")
        inline = [] if target is None else list(target.iter())[1:]
        found[unit.xmlelement.get("id")] = [
            (etree.QName(e).localname, e.get("id", "")) for e in inline if isinstance(e.tag, str)
        ]
    return found


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_export_refuses_or_writes_every_code_a_reader_finds(
    db: Database, data: st.DataObject
) -> None:
    _, segments = services.document_segments(db, NAME)
    targets = {s.position: data.draw(pieces(s), label=f"segment {s.position}") for s in segments}
    for segment in segments:
        assert segment.id is not None
        services.save_segment(
            db, segment.id, targets[segment.position], SegmentStatus.TRANSLATED, segment.version
        )
    should_refuse = [s.position for s in segments if broken(s, targets[s.position])]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.xlf"
        try:
            services.export_document(db, NAME, out)
        except services.BrokenCodesError as refused:
            event("refused")
            assert refused.positions == should_refuse
            assert not out.exists()
            return
        assert should_refuse == []
        event("written")
        found = read_back(out)
        for segment in segments:
            assert segment.unit_id is not None
            assert found[segment.unit_id] == expected_codes(segment, targets[segment.position])
