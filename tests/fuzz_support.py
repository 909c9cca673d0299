"""Fuzzing the importers: real corpus files of every registered format, mutated with a fixed
seed, imported through the services; shared by tests/formats/test_fuzz.py (bounded, in CI)
and benchmarks/fuzz.py (the larger run whose table goes in the report).

For each format the registry knows (and TMX), seed files are the corpus files with one of its
extensions (smallest first). Each mutation is imported through the real use case into a
SQLite database; the outcome is one of:
- ok: imported (the mutation did not break the file);
- refused: FormatError or UsageError, one line, and the database exactly as before;
- traceback: any other exception (the bug this looks for), with its type and where;
- hang: the import took longer than the time allowed;
- changed: refused, but the database is not as it was.
"""

from __future__ import annotations

import io
import random
import signal
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbench import services
from workbench.formats.registry import DOCUMENT_FORMATS, GLOSSARY_FORMATS, Entry
from workbench.storage.engine import Database

MAX_SEED_BYTES = 256 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OUTCOMES = ("ok", "refused", "traceback", "hang", "changed")


@dataclass(frozen=True, slots=True)
class Target:
    """One importer: a registered format (by kind and name), or TMX."""

    kind: str
    """glossary, document or tm."""
    name: str
    extensions: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}"


def targets() -> list[Target]:
    """Every registered glossary and document format, and the TMX importer."""
    found = [Target("glossary", e.name, e.extensions) for e in GLOSSARY_FORMATS]
    found += [Target("document", e.name, e.extensions) for e in DOCUMENT_FORMATS]
    return [*found, Target("tm", "tmx", (".tmx",))]


def entry_of(target: Target) -> Entry | None:
    entries = GLOSSARY_FORMATS if target.kind == "glossary" else DOCUMENT_FORMATS
    return next((e for e in entries if e.name == target.name), None)


def seeds(corpus: Path, target: Target, limit: int) -> list[Path]:
    """Up to limit corpus files with the target's extensions, smallest first, all folders."""
    files = [
        path
        for path in corpus.rglob("*")
        if path.suffix.lower() in target.extensions
        and not path.name.startswith(".")
        and path.is_file()
        and path.stat().st_size <= MAX_SEED_BYTES
    ]
    entry = entry_of(target)
    if entry is not None and entry.sniff is not None:
        # a format told apart by content: its own files first
        files.sort(key=lambda p: not entry.sniff(p.read_bytes()[:4096]))  # type: ignore[misc]
        own = [p for p in files if entry.sniff(p.read_bytes()[:4096])]  # type: ignore[misc]
        files = own or files
    files.sort(key=lambda p: (p.stat().st_size, str(p)))
    # real files first (the hostile ones are refused whole, mutated or not), and spread the
    # picks over the sizes rather than take only the tiniest
    real = [p for p in files if "hostile" not in p.parts]
    files = real if len(real) >= limit else real + [p for p in files if p not in real]
    if len(files) > limit:
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def made_seed(target: Target, work: Path) -> Path | None:
    """A small file written by the format's own writer (glossaries: a few concepts; documents:
    a few segments from another format), so that every format has a seed in its own layout.
    None when the writer cannot make one (a format that only patches an original)."""
    from workbench.domain.document import Document, Segment, SegmentStatus
    from workbench.domain.model import Concept, Term, TermStatus
    from workbench.formats.base import WriteOptions
    from workbench.formats.registry import document_format, glossary_format

    path = work / f"made-{target.name}{target.extensions[0]}"
    try:
        if target.kind == "glossary":
            concepts = [
                Concept(uid="c1", terms=[Term("en", "Save"), Term("ko", "저장")], note="menu"),
                Concept(
                    terms=[Term("en", "-ing"), Term("ko", "진행", TermStatus.ADMITTED)],
                    subject_field="grammar",
                ),
                Concept(
                    uid="c3",
                    terms=[Term("en", "World AI Conference"), Term("ko", "세계인공지능대회")],
                ),
            ]
            options = WriteOptions(langs=["en", "ko"], terms_per_lang={"en": 1, "ko": 1})
            glossary_format(path, target.name).write(concepts, path, options)
        elif target.kind == "document":
            document = Document("made.txt", "txt", "en", "ko", original=b"")
            done = SegmentStatus.TRANSLATED
            segments = [
                Segment("Save the file.", "파일을 저장한다.", status=done, unit_id="1"),
                Segment("Open it again.", "", unit_id="2", note="a note"),
                Segment("The end.", "끝.", status=SegmentStatus.DRAFT, unit_id="3"),
            ]
            for position, segment in enumerate(segments, 1):
                segment.position = position
            document_format(path, target.name).write(document, segments, path)
        else:
            from workbench.domain.memory import TmUnitData
            from workbench.formats.tmx import write_tmx

            units = [TmUnitData(source_lang="en", target_lang="ko", source="Save", target="저장")]
            write_tmx(units, path, "en")
    except Exception:  # a writer that needs an original of its own makes no seed
        path.unlink(missing_ok=True)
        return None
    return path if path.exists() and path.stat().st_size else None


# --- mutations -----------------------------------------------------------------------------


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))] if data else data


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice(
        [
            b"\x00",
            b"\xff\xfe",
            b"<",
            b"&",
            b"]]>",
            b'"',
            b"\x1b[2J",
            b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
            bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))),
        ]
    )
    return data[:at] + junk + data[at:]


def _ascii_cut(data: bytes, rng: random.Random) -> int:
    """A random position between characters (before an ASCII byte), so UTF-8 stays valid."""
    for _ in range(20):
        at = rng.randrange(len(data) + 1)
        if at == len(data) or data[at] < 0x80:
            return at
    return len(data)


def _splice(data: bytes, rng: random.Random) -> bytes:
    """A slice of the file deleted, or copied elsewhere: markup out of place, valid text."""
    start, end = sorted((_ascii_cut(data, rng), _ascii_cut(data, rng)))
    if rng.random() < 0.5:
        return data[:start] + data[end:]
    at = _ascii_cut(data, rng)
    return data[:at] + data[start:end] + data[at:]


def _zip_member(data: bytes, rng: random.Random) -> bytes:
    """Rewrite a zip package with one member's content mutated (its XML, not its deflate)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as old:
            items = old.infolist()
            victim = rng.choice(items).filename
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
                for item in items:
                    content = old.read(item)
                    if item.filename == victim:
                        content = rng.choice((_flip, _truncate, _insert, _splice))(content, rng)
                    new.writestr(item, content)
        return out.getvalue()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return _flip(data, rng)


def mutations(data: bytes, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """count mutations of data, the same ones for the same seed."""
    rng = random.Random(seed)
    kinds: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
        ("flip", _flip),
        ("truncate", _truncate),
        ("insert", _insert),
        ("splice", _splice),
        ("splice", _splice),
    ]
    if data.startswith(ZIP_MAGIC):
        kinds += [("zip-member", _zip_member), ("zip-member", _zip_member)]
    for _ in range(count):
        name, mutate = rng.choice(kinds)
        yield name, mutate(data, rng)


# --- running imports -----------------------------------------------------------------------


class Hang(BaseException):
    """Raised by the alarm when an import takes too long (not an Exception: nothing in the
    code under test may swallow it)."""


@dataclass(slots=True)
class Result:
    """What happened to one mutated file."""

    target: str
    seed: str
    mutation: str
    outcome: str
    detail: str = ""
    seconds: float = 0.0


@dataclass(slots=True)
class Tally:
    """Outcomes per target."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    bad: list[Result] = field(default_factory=list)

    def add(self, result: Result) -> None:
        row = self.counts.setdefault(result.target, dict.fromkeys(OUTCOMES, 0))
        row[result.outcome] += 1
        if result.outcome in ("traceback", "hang", "changed"):
            self.bad.append(result)


def snapshot(db: Database) -> tuple[object, ...]:
    """What a refused import must leave exactly as it was."""
    stats = services.glossary_stats(db)
    docs = tuple((d.name, d.segments) for d in services.list_documents(db))
    return stats.concepts, stats.terms, docs, tuple(sorted(services.tm_counts(db).items()))


def _import(db: Database, target: Target, path: Path, langs: bool, name: str) -> None:
    source, target_lang = ("en", "ko") if langs else (None, None)
    if target.kind == "glossary":
        services.import_glossary(db, path, target.name, source, target_lang)
    elif target.kind == "document":
        services.import_document(db, path, target.name, source, target_lang, name=name)
    else:
        services.tm_import(db, path)


def _with_alarm(seconds: float, run: Callable[[], None]) -> None:
    def ring(_signal: int, _frame: object) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def import_one(
    db: Database, target: Target, path: Path, langs: bool, name: str, timeout: float
) -> tuple[str, str]:
    """Import path; (outcome, detail) by the module docstring's list."""
    before = snapshot(db)
    try:
        _with_alarm(timeout, lambda: _import(db, target, path, langs, name))
    except Hang:
        return "hang", f"over {timeout:.0f} s"
    except (services.FormatError, services.UsageError) as error:
        message = str(error)
        if "\n" in message:
            return "traceback", f"multi-line message: {message[:200]!r}"
        if snapshot(db) != before:
            return "changed", message[:200]
        return "refused", message[:200]
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        return (
            "traceback",
            f"{type(error).__name__}: {str(error)[:160]} at {where.filename}:{where.lineno}",
        )
    return "ok", ""


def needs_languages(db: Database, target: Target, seed: Path, timeout: float) -> bool:
    """Whether the unmutated seed imports only when languages are given."""
    outcome, detail = import_one(db, target, seed, False, f"probe-{seed.name}", timeout)
    return outcome == "refused" and ("lang" in detail or "language" in detail)


def fuzz(
    db_factory: Callable[[], Database],
    corpus: Path,
    work: Path,
    seeds_per_target: int,
    mutations_per_seed: int,
    timeout: float = 10.0,
    only: Callable[[Target], bool] = lambda target: True,
    on_result: Callable[[Result], None] | None = None,
) -> Tally:
    """Run the fuzzer over every target; a fresh database per target."""
    tally = Tally()
    number = 0
    for target in targets():
        if not only(target):
            continue
        db = db_factory()
        made = made_seed(target, work)
        chosen = seeds(corpus, target, seeds_per_target)
        try:
            for seed_index, seed in enumerate([*([made] if made else []), *chosen]):
                langs = needs_languages(db, target, seed, timeout)
                data = seed.read_bytes()
                for mutation, mutated in mutations(data, mutations_per_seed, seed_index * 7919):
                    number += 1
                    path = work / f"m{number}{seed.suffix}"
                    path.write_bytes(mutated)
                    started = time.perf_counter()
                    outcome, detail = import_one(db, target, path, langs, f"d{number}", timeout)
                    result = Result(
                        target.label,
                        seed.name,
                        mutation,
                        outcome,
                        detail,
                        time.perf_counter() - started,
                    )
                    tally.add(result)
                    if on_result is not None:
                        on_result(result)
                    path.unlink()
        finally:
            db.dispose()
    return tally
