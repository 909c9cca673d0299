"""BCP-47 language tags, normalised where data enters the system."""

from __future__ import annotations

from functools import lru_cache


class UnknownLanguageError(ValueError):
    """A language tag that is not valid BCP-47 or names no known language."""


CANONICAL = frozenset(
    {
        *("ko", "ko-KR", "en", "en-US", "en-GB", "ja", "ja-JP"),
        *("zh", "zh-Hans", "zh-Hant", "zh-CN", "zh-TW", "zh-HK"),
        *("de", "de-DE", "fr", "fr-FR", "es", "es-ES", "it", "pt", "pt-BR", "pt-PT"),
        *("ru", "vi", "th", "id", "ar", "nl", "pl", "tr", "sv", "uk"),
    }
)
"""Common tags that are valid and canonical as written (langcodes says so: a test asks it):
normalised without loading langcodes, whose tables take 0.15 s, longer than `terms find`."""


@lru_cache(maxsize=4096)
def normalize_lang(tag: str) -> str:
    """Return the canonical form of a language tag (`zh_hant` -> `zh-Hant`, `iw` -> `he`)."""
    if tag in CANONICAL:
        return tag
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
