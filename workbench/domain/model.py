"""Domain objects shared by every layer: concepts and their terms."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

LOCAL_ORIGIN = "local"
"""The origin of concepts made in the workbench (glossary add, the term base screen, quick-add)."""


def new_stable_id() -> str:
    """A persistent concept id for exports: random, so that no other term base has it."""
    return f"wb-{uuid.uuid4().hex[:16]}"


def new_stable_ids(count: int) -> list[str]:
    """count ids of new_stable_id's form (a uuid4's first 16 hex digits, the version digit 4
    among them), from one read of the random source: an import makes one per concept."""
    randoms = os.urandom(8 * count)
    ids = []
    for start in range(0, 8 * count, 8):
        bits = int.from_bytes(randoms[start : start + 8])
        ids.append(f"wb-{bits & ~_VERSION_DIGIT | 0x4 << 12:016x}")
    return ids


_VERSION_DIGIT = 0xF << 12
"""Where a uuid4's version digit lies in its first 64 bits."""


class TermStatus(StrEnum):
    """How a terminologist rates a term: use it, may use it, or avoid it."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"

    @property
    def rank(self) -> int:
        """Sort key: preferred first, deprecated last."""
        return _STATUS_RANK[self]


_STATUS_RANK = {TermStatus.PREFERRED: 0, TermStatus.ADMITTED: 1, TermStatus.DEPRECATED: 2}


class TermType(StrEnum):
    """The form of a term (TBX termType picklist, reduced to what translators use)."""

    FULL_FORM = "fullForm"
    ABBREVIATION = "abbreviation"
    ACRONYM = "acronym"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


# TBX-Basic's partOfSpeech picklist, plus common spellings of its values; others are "other".
_BASIC_PARTS_OF_SPEECH = {pos: pos for pos in ("adjective", "noun", "other", "verb", "adverb")} | {
    "n": "noun",
    "propernoun": "noun",
    "v": "verb",
    "adj": "adjective",
    "adv": "adverb",
}


def basic_part_of_speech(part_of_speech: str) -> str:
    """The TBX-Basic picklist value for a part of speech (`Proper noun` is noun, `nom` other)."""
    key = part_of_speech.lower().replace(" ", "").replace("_", "").replace("-", "")
    return _BASIC_PARTS_OF_SPEECH.get(key, "other")


@dataclass(slots=True)
class Term:
    """One designation of a concept in one language."""

    lang: str
    text: str
    status: TermStatus = TermStatus.PREFERRED
    part_of_speech: str | None = None
    term_type: TermType | None = None
    case_sensitive: bool = False
    note: str | None = None
    source: str | None = None

    def key(self) -> tuple[str, str]:
        """Identity of a term inside a concept: language and exact text."""
        return (self.lang, self.text)


@dataclass(frozen=True, slots=True)
class DataCategory:
    """A data category of a term-base entry with no field of its own, kept as the file had it
    (TBX `<descrip type="context">`, `<xref>`, `<admin type="customerSubset">` ...) so that an
    export writes it back where it was: on the concept, a language (lang) or a term (lang and
    term)."""

    name: str
    """The data category: context, externalCrossReference, customerSubset, note ..."""
    markup: str
    """The element as it came, in TBX's DCA form (no namespace): what TBX export writes."""
    text: str = ""
    """Its text, for formats and screens that show the value only."""
    lang: str | None = None
    term: str | None = None
    group: str | None = None
    """Set when markup is the rest of a group (descripGrp ...) whose first child is a value the
    model holds (a definition with its source): export writes the group around that value."""

    def key(self) -> tuple[str, str | None, str | None, str | None, str]:
        """What it says, wherever it came from: a context typed in a spreadsheet is the one
        a TBX file had with its source beside it (a merge does not add it twice)."""
        return (self.name, self.lang, self.term, self.group, self.text)


@dataclass(slots=True)
class Concept:
    """A unit of meaning with its terms in any number of languages."""

    terms: list[Term] = field(default_factory=list)
    uid: str | None = None
    """External identifier (TBX conceptEntry id, CSV id column); None when the file had none."""
    subject_field: str | None = None
    definitions: dict[str, str] = field(default_factory=dict)
    """Definitions keyed by language tag; the empty key holds a language-neutral one."""
    note: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    created_by: str | None = None
    updated_by: str | None = None
    id: int | None = None
    """Database id; None until the concept is stored."""
    categories: list[DataCategory] = field(default_factory=list)
    """What the file said that no field holds (see DataCategory), in the file's order."""
    version: int = 0
    """The stored version this copy was read at: saving it is refused once another save moved
    the stored one on (optimistic concurrency, as for segments)."""
    origin: str | None = None
    """Where uid comes from: a file's identity (TBX title, file name) or LOCAL_ORIGIN; an id
    means the same concept only within one origin. None: stored before origins were kept."""
    stable_id: str | None = None
    """The term base's own persistent id (new_stable_id), written by exports where uid is
    missing or cannot be used, and recognised on import in any origin."""

    def languages(self) -> list[str]:
        """Languages that have at least one term, in first-seen order."""
        return list(dict.fromkeys(term.lang for term in self.terms))

    def terms_in(self, lang: str) -> list[Term]:
        """Terms in one language, preferred first."""
        return sorted((t for t in self.terms if t.lang == lang), key=lambda t: t.status.rank)
