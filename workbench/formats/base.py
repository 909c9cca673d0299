"""What every glossary format shares: the error type, options and the reader/writer protocol."""

from __future__ import annotations

import errno
import io
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from workbench.domain.controls import CONTROLS_ENV, ControlPolicy
from workbench.domain.document import Document, Segment
from workbench.domain.limits import Limits
from workbench.domain.model import Concept

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes done, bytes total) while a file is read or written."""


MESSAGE_LENGTH = 300
"""Characters a FormatError message may take: it is one line on a terminal."""
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def one_line(message: str, length: int = MESSAGE_LENGTH) -> str:
    """A message made fit for one terminal line: line breaks become spaces, other control
    characters are escaped, and it is cut to length (parsers quote file content in theirs)."""
    flat = _BREAKS.sub(" ", message.strip())
    flat = _CONTROLS.sub(lambda match: repr(match.group())[1:-1], flat)
    return flat if len(flat) <= length else flat[: length - 1] + "…"


class FormatError(Exception):
    """Bad input: names the file and, where known, the line and column; always one line."""

    def __init__(
        self, path: Path | str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = one_line(str(path), 1000)
        self.message = one_line(message)
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ReadReport:
    """What a reader changed in what it read, for the user to be told."""

    controls_stripped: int = 0
    first_stripped: str | None = None
    """Where the first stripped control character was (`entry 3`, `line 12`)."""

    def stripped(self, count: int, where: str) -> None:
        """Record count control characters stripped at where."""
        self.controls_stripped += count
        self.first_stripped = self.first_stripped or where

    def notices(self) -> list[str]:
        """One sentence per change, for the end of an import."""
        if not self.controls_stripped:
            return []
        return [
            f"stripped {self.controls_stripped} control character"
            f"{'s' if self.controls_stripped != 1 else ''} (first in {self.first_stripped}; "
            f"{CONTROLS_ENV}=refuse refuses such files instead)"
        ]


@dataclass(slots=True)
class ReadOptions:
    """Settings for reading a glossary; languages are needed by formats whose files lack them."""

    source_lang: str | None = None
    target_lang: str | None = None
    on_progress: ProgressCallback | None = None
    encoding: str | None = None
    """The file's encoding as the user gave it (`--encoding`); see formats.encoding."""
    limits: Limits = field(default_factory=Limits)
    controls: ControlPolicy = ControlPolicy.STRIP
    """Strip control characters (counted in report) or refuse the file (domain.controls)."""
    report: ReadReport = field(default_factory=ReadReport)


@dataclass(slots=True)
class WriteOptions:
    """Settings for writing a glossary."""

    langs: list[str] = field(default_factory=list)
    """Languages to write, in column order; the first is the source for two-column formats."""
    terms_per_lang: dict[str, int] = field(default_factory=dict)
    """Most terms any concept has in each language (sizes the repeated CSV columns)."""
    bom: bool = False
    """Write a UTF-8 byte order mark (Excel needs it to recognise UTF-8 CSV)."""
    columns: list[str] | None = None
    """CSV/TSV/XLSX: the kinds of column to write (glossary.columns.COLUMN_KINDS), all of them
    even when empty; None writes every column that carries data."""
    formula_guard: bool = True
    """CSV/TSV: put an apostrophe before cells a spreadsheet would run as formulas (OWASP);
    our reader takes it off again."""


class GlossaryFormat(Protocol):
    """A glossary file format: reads concepts from a file and writes them to one."""

    @property
    def name(self) -> str:
        """The format's name in the registry."""
        ...

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield concepts one by one, raising FormatError for bad input."""
        ...

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write concepts to path and return how many were written."""
        ...


class CountingReader(io.RawIOBase):
    """A binary file wrapper that reports how far reading has got."""

    def __init__(self, path: Path, on_progress: ProgressCallback | None) -> None:
        self._file = path.open("rb")
        self._total = path.stat().st_size
        self._done = 0
        self._on_progress = on_progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._file.readinto(buffer)
        self._done += count
        if self._on_progress is not None:
            self._on_progress(self._done, self._total)
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def open_counted(path: Path, on_progress: ProgressCallback | None = None) -> io.BufferedReader:
    """Open path for binary reading, reporting progress through on_progress."""
    return io.BufferedReader(CountingReader(path, on_progress), buffer_size=1 << 16)


def read_bytes(path: Path, on_progress: ProgressCallback | None = None) -> bytes:
    """The whole file, in one read (one buffer of its size: reading it in pieces cost a
    second copy and seconds on big files); FormatError when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from None
    if on_progress is not None:
        on_progress(len(data), len(data))
    return data


@dataclass(slots=True)
class DocumentReadOptions:
    """Settings for reading a document: languages given by the user win over the file's."""

    source_lang: str | None = None
    target_lang: str | None = None
    on_progress: ProgressCallback | None = None
    encoding: str | None = None
    """The file's encoding as the user gave it (`--encoding`); see formats.encoding."""
    limits: Limits = field(default_factory=Limits)
    target_file: Path | None = None
    """An existing translation of a monolingual file (app strings): its values become targets."""
    accept_changes: bool = False
    """Accept tracked changes (Word, OpenDocument) instead of refusing a file that has them."""
    translate_urls: bool = False
    """Offer the addresses of an office file's external hyperlinks for translation too."""


class DocumentFormat(Protocol):
    """A translatable document format: reads segments from a file and writes them back."""

    @property
    def name(self) -> str:
        """The format's name in the registry, which documents read by it record."""
        ...

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document's header (languages, properties, original bytes) and its segments,
        streamed in order; FormatError (with the line) for bad input, raised by either."""
        ...

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Write the document with the segments' targets filled in, keeping all else as read."""
        ...


TEMPORARY_MARK = ".~workbench-"
"""In the name of every temporary file an export writes: `.NAME.~workbench-PID-XXXX.EXT`."""
_TEMPORARY = re.compile(r"^\..+\.~workbench-(\d+)-[^.]+(\.[^.]*)?$")
_STARTED = time.time()
"""When this process began (near enough: when the formats were first imported)."""
_DAY = 24 * 3600


def write_atomically(
    path: Path, write: Callable[[Path], int], *, original: bytes | None = None
) -> int:
    """Write to a temporary sibling of path and move it into place only on success.

    A failed or interrupted export must leave no half file behind (and keep an older one).
    What was written is checked first (formats/xml_check.py: XML well-formed, XLIFF valid;
    original is the file a document came from, whose own schema errors are tolerated): a
    FormatError naming path, and path untouched, when it fails.
    The temporary file's name says whose it is (`.NAME.~workbench-PID-XXXX.EXT`), so that a
    later export to the same folder removes what a killed one left (remove_stale_temporaries).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    handle, name = tempfile.mkstemp(
        prefix=f".{path.name}{TEMPORARY_MARK}{os.getpid()}-", suffix=path.suffix, dir=path.parent
    )
    # mkstemp makes the file -rw-------; an export is the user's file, made as any other
    os.fchmod(handle, _mode_for(path))
    os.close(handle)
    temporary = Path(name)
    try:
        count = write(temporary)
        from workbench.formats.xml_check import problem_in  # lxml: loaded by exports only

        problem = problem_in(temporary, path.suffix, original)
        if problem is not None:
            message, line = problem
            raise FormatError(path, f"{message}; nothing written", line)
        temporary.replace(path)
    except Exception as error:
        failed = _failed_write(error, path)
        if failed is None:
            raise
        raise failed from error
    finally:
        temporary.unlink(missing_ok=True)
    return count


def _mode_for(path: Path) -> int:
    """The permissions the file gets: an existing file's own, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux shows it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # the portable way: set and put back at once
    os.umask(mask)
    return mask


def _failed_write(error: Exception, path: Path) -> OSError | None:
    """lxml's failed write (a full disk, a size limit) as the OSError it is: IO_ENOSPC → ENOSPC.

    lxml is looked up, not imported: a writer that raised its error has loaded it already.
    """
    etree = sys.modules.get("lxml.etree")
    if etree is None or not isinstance(error, etree.SerialisationError):
        return None
    code: object = getattr(errno, str(error).removeprefix("IO_"), None)
    return OSError(code, os.strerror(code), str(path)) if isinstance(code, int) else None


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files of exports that were killed, and return them.

    Stale means: named by write_atomically, last written before this process started, and
    the process that wrote it is gone (a running export's file is never touched).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name) if TEMPORARY_MARK in entry.name else None
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime >= _STARTED:
                continue
            if _alive(int(match.group(1)), entry.stat().st_mtime):
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove: leave it
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int, written: float) -> bool:
    """Whether the process with this id may still be writing (on this machine)."""
    if os.name == "nt":
        # os.kill(pid, 0) would send CTRL+C there: a day without a write must do instead
        return time.time() - written < _DAY
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a value we cannot check: assume in use
    return True
