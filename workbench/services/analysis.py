"""Analysis for quoting: each document's segments, words and characters per match band."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.analysis import LOWEST_SCORE, Band, BandTable, RateGrid, band_of, grid_from
from workbench.domain.analysis import repetition_key as _repetition_key
from workbench.domain.document import Segment, is_translatable
from workbench.domain.memory import TmIndex, segment_context
from workbench.formats.base import FormatError
from workbench.services.common import UsageError
from workbench.services.library import document_segments
from workbench.services.memory import load_tm_index
from workbench.storage.engine import Database


@dataclass(frozen=True, slots=True)
class Analysis:
    """The band table of each document, in the order given, and of them all."""

    documents: list[BandTable]
    total: BandTable
    grid: RateGrid | None = None
    """The rate grid given, for weighted words; None: no grid."""
    languages: list[tuple[str, str | None]] = field(default_factory=list)
    """Each document's source and target language."""


def read_grid(path: Path) -> RateGrid:
    """A rate grid from a TOML file with a [rates] table; FormatError naming the file if bad."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FormatError(path, error.strerror or str(error)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise FormatError(path, f"not a TOML file: {error}") from None
    rates = table.get("rates")
    if not isinstance(rates, dict):
        raise FormatError(path, "no [rates] table (band = percentage of the full rate)")
    try:
        return grid_from(rates)
    except ValueError as error:
        raise FormatError(path, f"[rates] {error}") from None


def analyze(db: Database, names: Sequence[str], grid: RateGrid | None = None) -> Analysis:
    """Count each document's translatable segments by band against the TM as it stands.

    A segment repeating one of an earlier document of names is a cross-file repetition; the
    TM is looked up with the segment's surroundings, so that a unit stored in context is 101.
    """
    if not names:
        raise UsageError("give the name of at least one document (see: workbench docs)")
    if len(set(names)) != len(names):
        raise UsageError("a document is named twice")
    read = [document_segments(db, name) for name in names]  # every name checked first
    indexes: dict[tuple[str, str], TmIndex] = {}
    seen: dict[str, str] = {}
    """Repetition key -> the document it was first seen in."""
    tables: list[BandTable] = []
    total = BandTable("total")
    languages = []
    for document, segments in read:
        table = BandTable(document.name)
        target_lang = document.target_lang
        pair = (document.source_lang, target_lang) if target_lang else None
        if pair is not None and pair not in indexes:
            indexes[pair] = load_tm_index(db, *pair)
        index = indexes.get(pair) if pair is not None else None
        here: set[str] = set()
        for row, segment in enumerate(segments):
            if not is_translatable(segment):
                continue
            score = _best_score(index, segment, segments, row, pair)
            key = _repetition_key(segment.source)
            first = seen.setdefault(key, document.name)
            repeated = None
            if first != document.name:
                repeated = Band.CROSS_REPETITION
            elif key in here:
                repeated = Band.REPETITION
            here.add(key)
            band = band_of(score, repeated)
            table.bands[band].add_text(segment.source)
            total.bands[band].add_text(segment.source)
        tables.append(table)
        languages.append((document.source_lang, target_lang))
    return Analysis(tables, total, grid, languages)


def _best_score(
    index: TmIndex | None,
    segment: Segment,
    segments: list[Segment],
    row: int,
    pair: tuple[str, str | None] | None,
) -> int | None:
    """The best TM score of a segment (101 in context), None below LOWEST_SCORE or no TM."""
    if index is None or pair is None or pair[1] is None:
        return None
    context = segment_context(segments, row)
    found = index.lookup(
        segment.source, pair[0], pair[1], limit=1, minimum=LOWEST_SCORE, context=context
    )
    return found[0].score if found else None
