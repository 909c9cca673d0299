"""Shared by the use cases: errors, paths and small helpers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from workbench.domain.langtags import normalize_lang
from workbench.domain.model import Concept
from workbench.formats.base import FormatError, ProgressCallback, read_bytes
from workbench.formats.encoding import decode

REPO_ROOT = Path(__file__).resolve().parents[2]


SHIPPED_GLOSSARY = REPO_ROOT / "glossaries" / "waic-2025.csv"


class UsageError(Exception):
    """A request that cannot be carried out as given (bad language list, missing option)."""


def _reporting(
    concepts: Iterator[Concept], total: int, on_progress: ProgressCallback | None
) -> Iterator[Concept]:
    for done, concept in enumerate(concepts, 1):
        if on_progress is not None and done % 1000 == 0:
            on_progress(done, total)
        yield concept
    if on_progress is not None:
        on_progress(total, total)


def read_text_file(path: Path) -> str:
    """A text file's content, decoded as every reader decodes (formats.encoding)."""
    if not path.is_file():
        raise FormatError(path, "no such file")
    return decode(read_bytes(path), path).text


def _lang_or_none(lang: str | None) -> str | None:
    return normalize_lang(lang) if lang else None


def _list(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "no terms at all"
