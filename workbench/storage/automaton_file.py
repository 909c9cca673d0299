"""Compiled term automata kept in files beside the term index, one a language and kind.

A file holds the digest of the keys its automaton was made from and the library build that
made it; the term index reads it only when both are the same as now, and checks it again
(term_keys._trusted), so a stale, foreign or damaged file is compiled anew and replaced.
Written to a temporary file beside it and renamed, so that a reader sees the old file or the
new one, never a part.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from functools import cache
from pathlib import Path

_MAGIC = b"workbench-automaton 1\n"


class AutomatonFiles:
    """An AutomatonStore in a folder: name.daac for each automaton."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, name: str, digest: bytes) -> bytes | None:
        """The automaton kept under name if it was made from keys of this digest by this
        build of the library, else None."""
        try:
            data = (self.folder / f"{name}.daac").read_bytes()
        except OSError:
            return None
        header = _header(digest)
        return data[len(header) :] if data.startswith(header) else None

    def save(self, name: str, digest: bytes, data: bytes) -> None:
        """Keep data under name; nothing when the folder cannot be written (read-only, full):
        the automaton is then compiled again next time."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_header(digest))
                    out.write(data)
                os.replace(temporary, self.folder / f"{name}.daac")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return


def automaton_folder(index_path: Path) -> Path:
    """The folder of the automata of the term index kept in index_path."""
    return index_path.with_name(f"{index_path.name}.automata")


def _header(digest: bytes) -> bytes:
    return _MAGIC + _library_build() + b"\n" + digest


@cache
def _library_build() -> bytes:
    """The size and time of daachorse's compiled module: an upgrade may save differently."""
    spec = importlib.util.find_spec("daachorse.daachorse")
    stat = Path(spec.origin if spec and spec.origin else "").stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}".encode()
