"""Text normalisation shared by storage lookups and term recognition."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean_term(text: str) -> str:
    """The stored form of a term: NFC, trimmed, inner whitespace collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def lookup_key(text: str) -> str:
    """A search key that ignores case, width forms and spacing (ＣＥＯ, ceo and CEO agree)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
