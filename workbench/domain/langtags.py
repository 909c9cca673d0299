"""BCP-47 language tags, normalised where data enters the system."""

from __future__ import annotations

from functools import lru_cache


class UnknownLanguageError(ValueError):
    """A language tag that is not valid BCP-47 or names no known language."""


@lru_cache(maxsize=4096)
def normalize_lang(tag: str) -> str:
    """Return the canonical form of a language tag (`zh_hant` -> `zh-Hant`, `iw` -> `he`)."""
    import langcodes  # here, not above: its tables take longer to load than most commands run

    cleaned = tag.strip().replace("_", "-")
    if not cleaned:
        raise UnknownLanguageError("empty language tag")
    try:
        valid = langcodes.tag_is_valid(cleaned)
        standard: str = langcodes.standardize_tag(cleaned)
    except (ValueError, LookupError) as error:
        raise UnknownLanguageError(f"unknown language {tag!r}") from error
    if not valid:
        raise UnknownLanguageError(f"unknown language {tag!r}")
    return standard


def is_language_tag(text: str) -> bool:
    """True when text is a valid language tag (used to recognise CSV header cells)."""
    try:
        normalize_lang(text)
    except UnknownLanguageError:
        return False
    return True


CJK_LANGS = frozenset({"ko", "zh", "ja"})
"""Primary languages written in Hangul, Han or kana, whose rules differ (length, spacing)."""


def primary_lang(tag: str) -> str:
    """The primary language subtag, lower-case (`zh-Hant` -> `zh`)."""
    return tag.split("-", 1)[0].split("_", 1)[0].lower()
