"""Stored times: every one UTC, made per row and read back with its zone."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Timezone-aware now, evaluated per row (never once at import time)."""
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """A stored time with its zone: SQLite drops it, and every stored time is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
