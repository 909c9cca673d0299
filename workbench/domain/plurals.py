"""Plural categories of a language, from CLDR through Babel: one home for every reader."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR plural categories in their canonical order."""


@cache
def plural_categories(lang: str) -> tuple[str, ...] | None:
    """The CLDR categories a language uses, in canonical order; None for an unknown language."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        try:
            locale = Locale.parse(lang.split("-")[0])
        except (ValueError, TypeError, UnknownLocaleError):
            return None
    tags = set(locale.plural_form.tags) | {"other"}
    return tuple(category for category in CATEGORIES if category in tags)


def marks_plural(lang: str) -> bool:
    """False for languages whose nouns do not change with number (Korean, Chinese, Japanese).

    CLDR gives them the single plural category `other`; an unknown language is taken to mark it.
    """
    return plural_categories(lang) != ("other",)
