"""Predictive typing's learned phrases: a phrase table built from confirmed translations."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from workbench.domain.document import plain_text
from workbench.domain.predict import Origin, PhraseBook, learned_phrases
from workbench.storage import memory
from workbench.storage.engine import Database

LEARNED_FROM = 20_000
"""The newest TM units of the language pair the phrase table is learned from."""


def learned_phrase_book(
    db: Database, source_lang: str, target_lang: str, confirmed: Iterable[str] = ()
) -> PhraseBook:
    """Phrases seen at least twice in the targets of the newest TM units of the pair and in
    the document's confirmed targets (confirmed), most frequent first."""
    with db.sessions() as session:
        targets = memory.recent_targets(session, source_lang, target_lang, LEARNED_FROM)
    counts = learned_phrases(plain_text(t) for t in chain(targets, confirmed))
    return PhraseBook((phrase, Origin.LEARNED, n) for phrase, n in counts.items())
