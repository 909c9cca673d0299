"""One TM unit per (source, target, languages, context), however often it is confirmed."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.domain.memory import TmUnit
from workbench.storage import memory
from workbench.storage.engine import Database, open_database
from workbench.storage.schema import TmUnitRow

NINE = "".join(f"{n}번 문장은 여기에 있다.\n\n" for n in range(1, 10))
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu creationdate="20240301T090000Z">
      <tuv xml:lang="ko"><seg>첫 문장이다.</seg></tuv>
      <tuv xml:lang="en"><seg>The first sentence.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ko"><seg>둘째 문장이다.</seg></tuv>
      <tuv xml:lang="en"><seg>The second sentence.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ko"><seg>둘째 문장이다.</seg></tuv>
      <tuv xml:lang="en"><seg>The second sentence.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def segments(db: Database, name: str = "nine.txt") -> list[Segment]:
    return services.document_segments(db, name)[1]


def confirm(db: Database, position: int, target: str, author: str = "mina") -> None:
    segment = segments(db)[position - 1]
    assert segment.id is not None
    services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version, author)


def units(db: Database) -> list[TmUnit]:
    """Every stored unit, as the memory lists them."""
    with db.sessions() as session:
        return list(memory.iter_units(session))


@pytest.fixture
def nine(db: Database, tmp_path: Path) -> Database:
    path = tmp_path / "nine.txt"
    path.write_text(NINE, encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    return db


def test_confirm_reconfirm_undo_reconfirm_keeps_one_unit_per_pair(nine: Database) -> None:
    db = nine
    for n in range(1, 10):
        confirm(db, n, f"Sentence {n} is here.")
    for n in (1, 2, 3):  # confirmed again, unchanged
        confirm(db, n, f"Sentence {n} is here.", author="jun")
    for n in (4, 5):  # changed and confirmed: a second translation of the same source
        confirm(db, n, f"Here is sentence {n}.")
    for n in (1, 4, 6):
        segment = segments(db)[n - 1]
        assert segment.id is not None
        services.undo_segment(db, segment.id)
    for n in (1, 4, 6):
        confirm(db, n, f"Sentence {n} is here.")
    pairs = {(u.source, u.target) for u in units(db)}
    assert len(pairs) == 11
    assert services.tm_counts(db) == {("ko", "en"): 11}


def test_confirming_again_updates_the_unit_time_author_and_use_count(nine: Database) -> None:
    db = nine
    confirm(db, 1, "Sentence 1 is here.", author="mina")
    (first,) = units(db)
    confirm(db, 1, "Sentence 1 is here.", author="jun")
    (again,) = units(db)
    assert again.id == first.id
    assert (first.use_count, again.use_count) == (1, 2)
    assert (first.author, again.author) == ("mina", "jun")
    assert first.changed_at is None and again.changed_at is not None
    assert again.segment_id == segments(db)[0].id and again.origin == "nine.txt"


def test_a_segment_does_not_find_its_own_unit(nine: Database) -> None:
    db = nine
    confirm(db, 1, "Sentence 1 is here.")
    first = segments(db)[0]
    assert first.id is not None
    index = services.load_tm_index(db, "ko", "en")
    own = ("nine.txt", first.id)
    assert index.lookup(first.source, "ko", "en", minimum=50, exclude=own) == []
    # its neighbours still find it as a fuzzy match, and so would any other document
    second = segments(db)[1]
    assert second.id is not None
    (match,) = index.lookup(second.source, "ko", "en", exclude=("nine.txt", second.id))
    assert match.unit.target == "Sentence 1 is here." and match.score < 100


def test_importing_the_same_tmx_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    first = services.tm_import(db, path)
    assert (first.added, first.updated, first.present) == (2, 0, 1)  # a repeated <tu>
    second = services.tm_import(db, path)
    assert (second.added, second.updated, second.present) == (0, 0, 3)
    assert services.tm_counts(db) == {("ko", "en"): 2}


def test_a_later_version_of_a_unit_updates_it(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    services.tm_import(db, path)
    later = TMX.replace('creationdate="20240301T090000Z"', 'creationdate="20250101T000000Z"')
    path.write_text(later.replace("<tu creation", '<tu creationid="jun" creation'), "utf-8")
    result = services.tm_import(db, path)
    assert (result.added, result.updated, result.present) == (0, 1, 2)
    (unit,) = [u for u in units(db) if u.source == "첫 문장이다."]
    assert unit.author == "jun"


def test_a_bilingual_file_imported_twice_adds_nothing(nine: Database, tmp_path: Path) -> None:
    db = nine
    for n in (1, 2):
        confirm(db, n, f"Sentence {n} is here.")
    exported = tmp_path / "nine.tmx"
    services.export_document(db, "nine.txt", exported)
    # the document's own export: its units are already there, context and all
    result = services.tm_import(db, exported)
    assert (result.added, result.present) == (0, 2)
    assert services.tm_counts(db) == {("ko", "en"): 2}


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="ui" source-language="ko" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="a"><source>열기</source></trans-unit>
      <trans-unit id="b" translate="no"><source>v1.0</source></trans-unit>
      <trans-unit id="c"><source>닫기</source></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_the_editor_and_the_database_give_a_unit_the_same_context(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "ui.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    services.import_document(db, path)
    stored = segments(db, "ui.xlf")
    closing = stored[2]
    assert closing.id is not None
    services.save_segment(db, closing.id, "Close", SegmentStatus.TRANSLATED, 0, "mina")
    (unit,) = units(db)
    shown = [s for s in stored if s.structure.get("translate") != "no"]  # the editor's rows
    assert unit.context == services.segment_context(shown, 1)
    assert unit.context == services.segment_context(stored, 2)  # untranslatable ones skipped


def test_a_unit_edited_into_another_is_merged_into_it(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    services.tm_import(db, path)
    first, second = units(db)
    merged = services.edit_tm_unit(db, first.id, second.source, second.target)
    assert merged.id == second.id and merged.use_count == 2
    assert [u.id for u in units(db)] == [second.id]
    found = services.concordance(db, "첫", "ko")
    assert found.units == []  # the edited unit's entry is gone


def test_dedupe_keeps_the_newest_copy_with_every_use(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    spaced = TMX.replace("<seg>둘째 문장이다.</seg>", "<seg>둘째  문장이다. </seg>", 1)
    path.write_text(spaced, encoding="utf-8")
    services.tm_import(db, path)
    assert services.tm_counts(db) == {("ko", "en"): 3}
    assert services.tm_dedupe(db, dry_run=True) == services.TmDedupeResult(1, 1)
    assert services.tm_counts(db) == {("ko", "en"): 3}
    assert services.tm_dedupe(db, "ko", "en") == services.TmDedupeResult(1, 1)
    second = [u for u in units(db) if u.target == "The second sentence."]
    assert [(u.source, u.use_count) for u in second] == [("둘째 문장이다.", 2)]
    assert len(services.concordance(db, "둘째", "ko").units) == 1
    assert services.tm_dedupe(db) == services.TmDedupeResult(0, 0)


def test_undo_and_redo_to_a_confirmed_translation_are_no_new_use(nine: Database) -> None:
    db = nine
    confirm(db, 1, "Sentence 1 is here.")
    confirm(db, 1, "Sentence 1 is here.")
    confirm(db, 1, "Here is sentence 1.")
    first = segments(db)[0]
    assert first.id is not None
    services.undo_segment(db, first.id)
    assert segments(db)[0].target == "Sentence 1 is here."
    services.redo_segment(db, first.id)
    assert segments(db)[0].target == "Here is sentence 1."
    uses = {u.target: u.use_count for u in units(db)}
    assert uses == {"Sentence 1 is here.": 2, "Here is sentence 1.": 1}


_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["confirm", "draft", "undo", "redo"]),
        st.integers(1, 4),
        st.sampled_from(["One.", "Two.", "Three."]),
    ),
    max_size=14,
)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=_STEPS)
def test_any_confirms_undos_and_redos_leave_one_unit_per_translation(
    sqlite_url: str, tmp_path: Path, steps: list[tuple[str, int, str]]
) -> None:
    db = open_database(sqlite_url)
    name = f"four-{uuid.uuid4().hex[:8]}.txt"
    path = tmp_path / name
    path.write_text("".join(f"{n}번 문장.\n\n" for n in range(1, 5)), encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    with db.sessions.begin() as session:
        session.execute(delete(TmUnitRow))
    confirmed: set[tuple[int, str]] = set()
    for action, position, target in steps:
        segment = services.document_segments(db, name)[1][position - 1]
        assert segment.id is not None
        try:
            if action in ("confirm", "draft"):
                status = SegmentStatus.TRANSLATED if action == "confirm" else SegmentStatus.DRAFT
                services.save_segment(db, segment.id, target, status, segment.version)
                if action == "confirm":
                    confirmed.add((position, target))
            else:
                getattr(services, f"{action}_segment")(db, segment.id)
        except services.UsageError:
            pass  # nothing to undo or redo
    with db.sessions() as session:
        stored = list(memory.iter_units(session))
    assert len(stored) == len(confirmed)
    assert {(int(u.source[0]), u.target) for u in stored} == confirmed
    db.dispose()
