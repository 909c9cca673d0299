"""The term index kept in a file: the index of the term base as it is now, whoever changed it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import inspect, make_url
from sqlalchemy import text as sql

from workbench import services
from workbench.domain import term_keys
from workbench.domain.matching import TermIndex
from workbench.domain.model import Term, TermStatus
from workbench.storage import automaton_file, index_file, index_revision, termbase
from workbench.storage.engine import Database, open_database

TEXTS = {
    "ko": "센스타임은 딥시크와 원거테크놀러지의 발표에서 디지털 은행을 소개했다.",
    "en": "SenseTime and DeepSeek met the digital bank of Wenge Technology.",
}


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user cache folder (where a server's index is kept) inside the test's folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def seen(index: TermIndex) -> list[tuple[object, ...]]:
    """Every hit in the probe texts, as plain values."""
    return [
        (h.start, h.end, h.term, h.status, {k: [t.text for t in v] for k, v in h.targets.items()})
        for lang, text in TEXTS.items()
        for h in index.find(text, lang)
    ]


def fresh(db: Database) -> TermIndex:
    """The index made from the concepts read now, the way it was always made."""
    with db.sessions() as session:
        return TermIndex(termbase.iter_concepts(session))


def kept_file(db: Database) -> Path:
    with db.sessions() as session:
        state = index_revision.termbase_state(session)
    path = index_file.index_file_path(make_url(db.url), state.identity)
    assert path is not None
    return path


def add_sample(db: Database) -> list[int]:
    concepts = [
        [Term("ko", "센스타임"), Term("en", "SenseTime")],
        [Term("ko", "딥시크"), Term("en", "DeepSeek")],
        [Term("ko", "디지털 은행"), Term("en", "digital bank")],
    ]
    return [services.add_concept(db, terms).id or 0 for terms in concepts]


def test_the_kept_index_is_read_instead_of_the_term_base(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sample(db)
    first = services.load_term_index(db)
    assert kept_file(db).is_file()
    assert seen(first) == seen(fresh(db))

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the term base was read although the kept index is current")

    monkeypatch.setattr(termbase, "term_table", unread)
    assert seen(services.load_term_index(db)) == seen(fresh(db))


def test_changes_by_another_connection_are_read_again_and_only_those(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clients of one term base: what the other one changed is in the next index."""
    mine, theirs = open_database(db_url), open_database(db_url)
    try:
        sensetime, deepseek, bank = add_sample(mine)
        services.load_term_index(mine)
        services.add_concept(theirs, [Term("ko", "원거테크놀러지"), Term("en", "Wenge Technology")])
        concept = services.get_concept(theirs, sensetime)
        assert concept is not None
        concept.terms.append(Term("en", "Sense Time", status=TermStatus.DEPRECATED))
        services.update_concept(theirs, concept)
        services.delete_concept(theirs, deepseek)
        services.delete_term(theirs, bank, "en", "digital bank")
        read_again: list[set[int]] = []
        table = termbase.term_table

        def spy(session: object, concept_ids: object = None) -> object:
            if concept_ids is not None:
                read_again.append(set(concept_ids))  # type: ignore[call-overload]
            return table(session, concept_ids)  # type: ignore[arg-type]

        monkeypatch.setattr(termbase, "term_table", spy)
        index = services.load_term_index(mine)
        assert seen(index) == seen(fresh(mine))
        assert "원거테크놀러지" in {h.term for h in index.find(TEXTS["ko"], "ko")}
        assert "딥시크" not in {h.term for h in index.find(TEXTS["ko"], "ko")}
        assert read_again and read_again[0] == {sensetime, deepseek, bank, max(read_again[0])}
    finally:
        mine.dispose()
        theirs.dispose()


def test_a_change_made_by_another_process_is_seen(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        add_sample(db)
        before = services.load_term_index(db)
        assert not before.find("원거테크놀러지가", "ko")
        script = (
            "import sys\n"
            "from workbench import services\n"
            "from workbench.domain.model import Term\n"
            "db = services.open_database(sys.argv[1])\n"
            "services.add_concept(db, [Term('ko', '원거테크놀러지'), Term('en', 'Wenge')])\n"
        )
        subprocess.run([sys.executable, "-c", script, sqlite_url], check=True)
        after = services.load_term_index(db)
        assert [h.term for h in after.find("원거테크놀러지가", "ko")] == ["원거테크놀러지"]
        assert seen(after) == seen(fresh(db))
    finally:
        db.dispose()


@pytest.mark.parametrize("damage", ["truncated", "another term base", "not an archive"])
def test_a_damaged_or_foreign_file_is_not_trusted(
    db: Database, tmp_path: Path, damage: str
) -> None:
    add_sample(db)
    services.load_term_index(db)
    path = kept_file(db)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "another term base":
        other = open_database(f"sqlite:///{tmp_path / 'other.sqlite'}")
        services.add_concept(other, [Term("ko", "딥시크"), Term("en", "Something Else")])
        services.load_term_index(other)
        path.write_bytes(kept_file(other).read_bytes())
        other.dispose()
    else:
        path.write_text("hello")
    assert seen(services.load_term_index(db)) == seen(fresh(db))


def test_a_folder_that_cannot_be_written_only_costs_the_keeping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'termbase.sqlite'}")
    try:
        add_sample(db)
        monkeypatch.setattr(index_file.tempfile, "mkstemp", _refuse)
        assert seen(services.load_term_index(db)) == seen(fresh(db))
        assert not kept_file(db).exists()
    finally:
        db.dispose()


def _refuse(*args: object, **kwargs: object) -> None:
    raise PermissionError("read-only folder")


def revision(db: Database) -> int:
    with db.sessions() as session:
        return index_revision.termbase_state(session).revision


def test_every_way_of_writing_terms_is_seen_and_each_transaction_raises_it_once(
    db: Database, tmp_path: Path
) -> None:
    """Storage raises the revision (migration 0016: no triggers): imports, merges, added
    terms, a term base's last term deleted; an edit of no term leaves the kept index current."""
    sensetime, _, bank = add_sample(db)
    services.load_term_index(db)
    glossary = tmp_path / "news.csv"
    glossary.write_text(
        "ko,en\n원거테크놀러지,Wenge Technology\n센스타임,SenseTime Group\n딥시크,DeepSeek\n",
        encoding="utf-8",
    )
    before = revision(db)
    services.import_glossary(db, glossary, merge_by="terms")
    assert revision(db) == before + 1  # one transaction, one revision, however many concepts
    assert seen(services.load_term_index(db)) == seen(fresh(db))
    services.add_terms(db, bank, [Term("zh-Hans", "数字银行")])
    services.delete_term(db, bank, "ko", "디지털 은행")
    services.delete_term(db, bank, "en", "digital bank")
    services.delete_term(db, bank, "zh-Hans", "数字银行")  # the last: the concept goes too
    services.quick_add_term(db, "ko", "상하이", "en", "Shanghai")
    index = services.load_term_index(db)
    assert seen(index) == seen(fresh(db))
    assert "Wenge Technology" in {h.term for h in index.find(TEXTS["en"], "en")}
    assert "디지털 은행" not in {h.term for h in index.find(TEXTS["ko"], "ko")}
    concept = services.get_concept(db, sensetime)
    assert concept is not None
    before = revision(db)
    services.update_concept(db, replace(concept, note="a company in Hong Kong"))
    assert revision(db) == before  # its terms are as they were: the kept index stays current


def test_a_current_sqlite_file_is_read_and_kept_without_the_engine(sqlite_url: str) -> None:
    """load_term_index_at reads a current SQLite file with the sqlite3 driver: the same index
    as the engine's, whether the kept file is current, behind another client, or absent."""
    db = open_database(sqlite_url)
    try:
        sensetime, deepseek, _ = add_sample(db)
        assert seen(services.load_term_index_at(sqlite_url)) == seen(fresh(db))  # no file yet
        assert kept_file(db).is_file()
        services.add_concept(db, [Term("ko", "원거테크놀러지"), Term("en", "Wenge Technology")])
        services.delete_concept(db, deepseek)
        services.add_terms(db, sensetime, [Term("zh-Hans", "商汤科技")])
        behind = services.load_term_index_at(sqlite_url)  # the changed concepts read again
        assert seen(behind) == seen(fresh(db)) == seen(services.load_term_index(db))
        assert seen(services.load_term_index_at(sqlite_url)) == seen(fresh(db))  # current
    finally:
        db.dispose()


def _raw_term(db: Database, concept_id: int, lang: str, text: str) -> None:
    """A term written as a workbench from before migration 0016 or an SQL shell writes it:
    straight into the table, without raising the term base's revision."""
    columns = [c["name"] for c in inspect(db.engine).get_columns("term") if c["name"] != "id"]
    picked = ", ".join(
        {"concept_id": ":concept", "lang": ":lang", "text": ":text"}.get(c, c) for c in columns
    )
    with db.engine.begin() as connection:
        connection.execute(
            sql(
                f"INSERT INTO term ({', '.join(columns)}) SELECT {picked} FROM term "
                "WHERE id = (SELECT min(id) FROM term)"
            ),
            {"concept": concept_id, "lang": lang, "text": text},
        )


def _unraised_changes_are_seen(url: str, quick: bool) -> None:
    """Terms added and deleted without raising the revision are in the next index."""
    db = open_database(url)

    def found() -> set[str]:
        index = services.load_term_index_at(url) if quick else services.load_term_index(db)
        return {h.term for h in index.find(TEXTS["ko"], "ko")}

    try:
        sensetime, deepseek, _ = add_sample(db)
        assert found() == {"센스타임", "딥시크", "디지털 은행"}
        _raw_term(db, sensetime, "ko", "원거테크놀러지")
        assert found() == {"센스타임", "딥시크", "디지털 은행", "원거테크놀러지"}
        with db.engine.begin() as connection:
            connection.execute(sql("DELETE FROM term WHERE concept_id = :c"), {"c": deepseek})
        assert found() == {"센스타임", "디지털 은행", "원거테크놀러지"}
        assert seen(services.load_term_index(db)) == seen(fresh(db))
    finally:
        db.dispose()


def test_terms_added_or_deleted_without_raising_the_revision_are_seen(db_url: str) -> None:
    """An older workbench still open when the database was upgraded, or a raw SQL edit, writes
    terms without raising the revision: what it added or deleted is still seen."""
    _unraised_changes_are_seen(db_url, quick=False)


def test_the_sqlite3_quick_path_sees_them_too(sqlite_url: str) -> None:
    _unraised_changes_are_seen(sqlite_url, quick=True)


@pytest.mark.parametrize("path", ["engine", "sqlite3"])
def test_the_compiled_automata_are_kept_and_read_at_the_next_start(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The second start reads each language's automata from beside the kept index instead of
    compiling them; a term added since is still found (its keys' automata are compiled)."""
    db = open_database(sqlite_url)
    load = (
        (lambda: services.load_term_index(db))
        if path == "engine"
        else (lambda: services.load_term_index_at(sqlite_url))
    )
    try:
        add_sample(db)
        expected = seen(fresh(db))
        assert seen(load()) == expected
        folder = automaton_file.automaton_folder(kept_file(db))
        # Korean keys are looked for without spaces, English ones as written
        assert sorted(p.name for p in folder.iterdir()) == ["en.spaced.daac", "ko.spaceless.daac"]
        compile_ = term_keys._compile
        monkeypatch.setattr(term_keys, "_compile", _refuse)
        assert seen(load()) == expected  # nothing compiled
        monkeypatch.setattr(term_keys, "_compile", compile_)
        services.add_concept(db, [Term("ko", "원거테크놀러지"), Term("en", "Wenge Technology")])
        later = seen(load())
        assert later == seen(fresh(db))
        assert any(hit[2] == "원거테크놀러지" for hit in later)
    finally:
        db.dispose()


def test_automata_that_cannot_be_kept_are_compiled_each_time(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(sqlite_url)
    try:
        add_sample(db)
        monkeypatch.setattr(automaton_file.tempfile, "mkstemp", _refuse)
        assert seen(services.load_term_index(db)) == seen(fresh(db))
        assert seen(services.load_term_index(db)) == seen(fresh(db))
        assert not automaton_file.automaton_folder(kept_file(db)).exists() or not any(
            automaton_file.automaton_folder(kept_file(db)).iterdir()
        )
    finally:
        db.dispose()
