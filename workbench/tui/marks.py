"""The one-character marks and colours that stand for a segment's status across the screens."""

from __future__ import annotations

from workbench.domain.document import SegmentStatus

STATUS_MARK: dict[SegmentStatus, tuple[str, str]] = {
    SegmentStatus.NEW: ("·", "grey50"),
    SegmentStatus.DRAFT: ("d", "yellow"),
    SegmentStatus.TRANSLATED: ("T", "green"),
    SegmentStatus.REVIEWED: ("R", "cyan"),
    SegmentStatus.APPROVED: ("A", "bright_green"),
    SegmentStatus.REJECTED: ("X", "red"),
}
"""The grid's mark for each status, in a colour that also tells the overview's bars apart."""

COMMENT_MARK: dict[bool, tuple[str, str]] = {
    True: ("✎", "bold magenta"),
    False: ("✎", "grey50"),
}
"""The grid's mark of a segment with comments: an open thread (True), or only resolved ones."""
