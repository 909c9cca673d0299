"""Words added to the spelling dictionaries, one list per language, shared on the base."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from workbench.storage.schema import SpellingWordRow


def added_words(session: Session, lang: str | None = None) -> list[tuple[str, str]]:
    """(language, word) of every added word, or of one language's, sorted."""
    query = select(SpellingWordRow.lang, SpellingWordRow.word)
    if lang is not None:
        query = query.where(SpellingWordRow.lang == lang)
    rows = session.execute(query.order_by(SpellingWordRow.lang, SpellingWordRow.word))
    return [(row.lang, row.word) for row in rows]


def add_word(session: Session, lang: str, word: str, author: str | None) -> bool:
    """Add a word to a language's list; False when it was there already."""
    exists = session.execute(
        select(SpellingWordRow.id).where(SpellingWordRow.lang == lang, SpellingWordRow.word == word)
    ).first()
    if exists is not None:
        return False
    session.execute(insert(SpellingWordRow).values(lang=lang, word=word, author=author))
    return True


def remove_word(session: Session, lang: str, word: str) -> bool:
    """Take a word off a language's list; False when it was not there."""
    result = session.execute(
        delete(SpellingWordRow).where(SpellingWordRow.lang == lang, SpellingWordRow.word == word)
    )
    return bool(getattr(result, "rowcount", 0))
