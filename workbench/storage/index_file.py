"""The term index's data kept in a file, so that a command starts without deriving it again.

One uncompressed numpy archive (no pickles: the file may sit in a shared folder, and loading
it must not run code): every column of the term table and of what the index derives, strings
as one UTF-8 text with the offsets of each, and the term base's identity and revision the
data belongs to. Written to a temporary file beside it and renamed, so that a reader sees the
old file or the new one, never a part.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Sequence
from itertools import repeat
from operator import is_, ne
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt
from platformdirs import user_cache_path

from workbench.domain.model import TermStatus, TermType
from workbench.domain.term_table import IndexData, TermTable

if TYPE_CHECKING:
    from sqlalchemy import URL

FORMAT = 3
"""Raised whenever what the file holds or how it is read changes: an older file is rebuilt."""
SEPARATOR = "\x00"
"""Between the strings of a column, when none holds it: one split reads them back, several
times faster than a slice per string (the column's ends are kept only when one holds it)."""
_STATUSES = list(TermStatus)
_TYPES = list(TermType)


def index_file_path(url: URL, identity: str) -> Path | None:
    """Where the term index of a database is kept: beside a SQLite file, in the user's cache
    folder for a server (one file per server, database and identity); None for a database in
    memory."""
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return sqlite_index_path(Path(url.database))
    place = url.render_as_string(hide_password=True) + "\n" + identity
    name = hashlib.sha256(place.encode("utf-8")).hexdigest()[:32]
    return user_cache_path("workbench") / "term-index" / f"{name}.npz"


def sqlite_index_path(database: Path) -> Path:
    """Where the term index of a SQLite database file is kept: beside it."""
    return database.with_name(f"{database.name}.term-index")


class KeptIndex(NamedTuple):
    """A kept file's index data, the revision it is of, and that revision's token."""

    revision: int
    data: IndexData
    token: str


def read_index_file(path: Path, identity: str) -> KeptIndex | None:
    """The revision, index data and token kept in path for the term base of identity; None
    when there is no such file, or it is of another term base, another format, or damaged."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        if int(arrays["format"][0]) != FORMAT or _text(arrays, "identity")[0] != identity:
            return None
        return KeptIndex(int(arrays["revision"][0]), _data(arrays), _text(arrays, "token")[0])
    except (OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile, UnicodeDecodeError):
        return None


def write_index_file(
    path: Path, identity: str, revision: int, data: IndexData, token: str = ""
) -> bool:
    """Keep data (the term base of identity at revision, whose token is token) in path; False
    if it cannot be written there (a read-only folder, a full disk): the index is then made
    afresh next time."""
    table = data.table
    arrays: dict[str, npt.NDArray[Any]] = {
        "format": np.array([FORMAT], dtype=np.int64),
        "revision": np.array([revision], dtype=np.int64),
        "concept": np.array(table.concept, dtype=np.int64),
        "status": _codes(_STATUSES, table.status, np.int8),
        "term_type": _codes([*_TYPES, None], table.term_type, np.int8),  # None: the last
        "term_case_sensitive": np.array(table.case_sensitive, dtype=np.bool_),
        "case_sensitive": data.case_sensitive,
        "left": data.left,
        "right": data.right,
        "loose": data.loose,
        "words_at": data.words_at,
        "words": data.words,
    }
    langs = sorted(set(table.lang))
    arrays["lang.code"] = _codes(langs, table.lang, np.int32)
    # clean_term leaves a stored term as it is, nearly always: keep only the others
    differs = np.fromiter(map(ne, table.text, data.entry_text), dtype=np.bool_, count=len(table))
    cleaned = np.flatnonzero(differs).tolist()
    arrays["entry_text.rows"] = np.array(cleaned, dtype=np.int64)
    for name, values in (
        ("identity", [identity]),
        ("token", [token]),
        ("lang", langs),
        ("text", table.text),
        ("key", data.key),
        ("entry_text", [data.entry_text[n] for n in cleaned]),
        ("part_of_speech", table.part_of_speech),
        ("note", table.note),
        ("source", table.source),
    ):
        arrays.update(_strings(name, values))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, **arrays)  # type: ignore[arg-type]
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def _codes(values: Sequence[object], column: Sequence[Any], dtype: type) -> npt.NDArray[Any]:
    """The position in values of each value of column (the last one for None)."""
    code = {value: number for number, value in enumerate(values)}
    if None in code:
        code[None] = -1
    return np.fromiter(map(code.__getitem__, column), dtype=dtype, count=len(column))


def _strings(name: str, values: Sequence[str | None]) -> dict[str, npt.NDArray[Any]]:
    """Strings (None allowed) as one UTF-8 text, split by SEPARATOR (or with each one's end
    when a string holds it), and where None stood."""
    absent = list(values).count(None)  # counted in C: a column is nearly always all or none
    if absent in (0, len(values)):
        none = np.full(len(values), bool(absent), dtype=np.bool_)
    else:
        none = np.fromiter(map(is_, values, repeat(None)), dtype=np.bool_, count=len(values))
    if not absent:
        strings = cast(Sequence[str], values)
    else:
        strings = [""] * len(values) if absent == len(values) else [v or "" for v in values]
    arrays = {f"{name}.none": none}
    text = SEPARATOR.join(strings)
    if text.count(SEPARATOR) != max(len(strings) - 1, 0):  # a string holds it: ends instead
        text = "".join(strings)
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
        arrays[f"{name}.ends"] = np.cumsum(lengths, dtype=np.int64)
    arrays[f"{name}.text"] = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    return arrays


def _text(arrays: dict[str, npt.NDArray[Any]], name: str) -> list[str]:
    text = arrays[f"{name}.text"].tobytes().decode("utf-8", "surrogatepass")
    count = len(arrays[f"{name}.none"])
    if f"{name}.ends" not in arrays:
        strings = text.split(SEPARATOR) if count else []
        if len(strings) != count:
            raise ValueError(f"{name}: {len(strings)} strings for {count} rows")
        return strings
    ends = arrays[f"{name}.ends"].tolist()
    starts = [0, *ends[:-1]] if ends else []
    return [text[start:end] for start, end in zip(starts, ends, strict=True)]


def _optional(arrays: dict[str, npt.NDArray[Any]], name: str) -> list[str | None]:
    if arrays[f"{name}.none"].all():  # notes and sources are mostly absent
        return [None] * len(arrays[f"{name}.none"])
    none = arrays[f"{name}.none"].tolist()
    return [
        None if missing else value for value, missing in zip(_text(arrays, name), none, strict=True)
    ]


def _picked(values: Sequence[object], codes: npt.NDArray[Any]) -> list[Any]:
    """values[code] for each code, in C (-1 picks the last value)."""
    table = np.empty(len(values), dtype=object)
    table[:] = values
    picked: list[Any] = table[codes].tolist()
    return picked


def _data(arrays: dict[str, npt.NDArray[Any]]) -> IndexData:
    statuses = _picked(_STATUSES, arrays["status"])
    types = _picked([*_TYPES, None], arrays["term_type"])  # -1: no type
    langs = _text(arrays, "lang")
    texts = _text(arrays, "text")
    entry_texts = list(texts)
    for row, text in zip(
        arrays["entry_text.rows"].tolist(), _text(arrays, "entry_text"), strict=True
    ):
        entry_texts[row] = text
    table = TermTable(
        arrays["concept"].tolist(),
        _picked(langs, arrays["lang.code"]),
        texts,
        statuses,
        _optional(arrays, "part_of_speech"),
        types,
        arrays["term_case_sensitive"].tolist(),
        _optional(arrays, "note"),
        _optional(arrays, "source"),
    )
    data = IndexData(
        table,
        _text(arrays, "key"),
        entry_texts,
        arrays["case_sensitive"],
        arrays["left"],
        arrays["right"],
        arrays["loose"],
        arrays["words_at"],
        arrays["words"],
    )
    if len({len(table), len(data.key), len(data.entry_text), len(data.left)}) != 1:
        raise ValueError("columns of different lengths")
    return data
