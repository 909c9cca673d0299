"""Reading a stored document for a screen: the first segments at once, the rest behind them."""

from __future__ import annotations

from collections.abc import Callable

from workbench.domain.document import Document, Segment
from workbench.services.common import UsageError
from workbench.storage import documents
from workbench.storage.engine import Database
from workbench.storage.qa import document_id, segment_at

HeadCallback = Callable[[Document, list[Segment], int], object]
"""Called (in the reading thread) with the header, the first segments and the position the
document was last left at, once read."""


def read_document(
    db: Database, name: str, head: int, on_head: HeadCallback
) -> tuple[Document, list[Segment]]:
    """A stored document's header (without its original file) and segments in order.

    on_head gets the first `head` segments (all of them, for a shorter document) before the
    rest is read, so that an editor can show a screenful of a long document at once: they are
    the first query's rows, and the rest follows in larger batches. The head is the start of
    the full list.
    """
    with db.sessions() as session:
        found = documents.document_header(session, name)
        if found is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        document, last_position = found
        assert document.id is not None
        segments: list[Segment] = []
        told = False
        for segment in documents.iter_segments(session, document.id, first=head):
            segments.append(segment)
            if not told and len(segments) == head:
                on_head(document, list(segments), last_position)
                told = True
        if not told:
            on_head(document, list(segments), last_position)
        return document, segments


def segment_id_at(db: Database, name: str, position: int) -> int:
    """The id of the segment at a position of a document; UsageError naming what is missing."""
    with db.sessions() as session:
        found = document_id(session, name)
        if found is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        segment = segment_at(session, found, position)
    if segment is None or segment.id is None:
        raise UsageError(f"{name} has no segment {position}")
    return segment.id
