"""English plural inflection, one rule for term recognition and the consistency checks.

Term recognition finds a term followed by -s or -es (download -> downloads, box -> boxes) and a
term in consonant + y as -ies (company -> companies); `singular` gives back the form it would
find a word as, so that Download and Downloads can be told to be the same word.
"""

from __future__ import annotations

ENGLISH_PLURAL_SUFFIXES = ("s", "es")
"""What may follow a term in the text for it still to be the term (downloads, boxes)."""
_ES_AFTER = ("ss", "x", "z", "ch", "sh")
"""Endings whose plural takes -es (classes, boxes, churches)."""
_NOT_PLURAL = ("ss", "us", "is")
"""Endings of words whose final s is no plural (class, status, analysis)."""


def plural_keys(key: str) -> list[str]:
    """Plural forms that change the stem, so are looked for as keys of their own (companies)."""
    if len(key) > 2 and key.endswith("y") and key[-2] not in "aeiou" and key[-2].isalpha():
        return [key[:-1] + "ies"]
    return []


def singular(word: str) -> str:
    """The word as term recognition finds it: its plural inflection undone (Updates -> Update).

    Only what the plural rules above add is taken off, so that the term singular(word) is
    found in word: companies -> company, boxes -> box, downloads -> download, uses -> use.
    """
    lower = word.lower()
    if lower.endswith("ies") and plural_keys(lower[:-3] + "y") == [lower]:
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if len(word) > 3 and lower.endswith("es") and lower[:-2].endswith(_ES_AFTER):
        return word[:-2]
    if len(word) > 3 and lower.endswith("s") and not lower.endswith(_NOT_PLURAL):
        return word[:-1]
    return word
