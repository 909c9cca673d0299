"""Use cases of spelling: the dictionaries of each language, the words added to them, checks.

A language is checked with a Hunspell dictionary (`LANG.aff` + `LANG.dic`, as Debian's
hunspell-* packages install them in /usr/share/hunspell; more folders in
WORKBENCH_HUNSPELL_PATH) through the system's libhunspell; without one, the word lists that
ship with pyspellchecker serve English and a few other languages, so English works after a
plain `pip install`. The words added to a language's dictionary are stored in the database
(shared by everyone on a PostgreSQL base) and apply to every variant of the language.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.matching import TermIndex
from workbench.domain.spelling import (
    Dictionary,
    Misspelling,
    american_spellings,
    checkable,
    misspellings,
    term_words,
)
from workbench.services.common import UsageError
from workbench.storage import spelling as stored
from workbench.storage.engine import Database

HUNSPELL_FOLDERS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
)
"""Where Hunspell dictionaries are looked for, after the folders of WORKBENCH_HUNSPELL_PATH."""
_WORD_LISTS = frozenset({"en", "es", "fr", "pt", "de", "it", "ru", "ar", "lv", "eu", "nl", "fa"})
"""The languages pyspellchecker ships a word list for."""
_DEFAULT_REGION = {"en": "US", "ko": "KR", "de": "DE", "fr": "FR", "es": "ES", "pt": "PT"}
MAX_SUGGESTIONS = 8


def _primary(lang: str) -> str:
    return lang.split("-", 1)[0].lower()


def _folders() -> list[Path]:
    extra = os.environ.get("WORKBENCH_HUNSPELL_PATH", "")
    return [Path(folder) for folder in [*extra.split(os.pathsep), *HUNSPELL_FOLDERS] if folder]


def hunspell_files(lang: str) -> Path | None:
    """The Hunspell dictionary (its path without .aff/.dic) that serves a language tag."""
    primary = _primary(lang)
    region = lang.split("-")[1].upper() if "-" in lang and len(lang.split("-")[1]) == 2 else ""
    names = [f"{primary}_{region}"] if region else []
    names += [primary, f"{primary}_{_DEFAULT_REGION.get(primary, primary.upper())}"]
    for folder in _folders():
        for name in names:
            if (folder / f"{name}.aff").is_file() and (folder / f"{name}.dic").is_file():
                return folder / name
        others = sorted(folder.glob(f"{primary}_*.dic")) if folder.is_dir() else []
        for dic in others:
            if dic.with_suffix(".aff").is_file():
                return dic.with_suffix("")
    return None


@cache
def _libhunspell() -> ctypes.CDLL | None:
    """The system's Hunspell library, its functions typed; None when it is not installed."""
    name = ctypes.util.find_library("hunspell-1.7") or ctypes.util.find_library("hunspell")
    for candidate in [name, "libhunspell-1.7.so.0", "libhunspell.so"]:
        if not candidate:
            continue
        try:
            lib = ctypes.CDLL(candidate)
        except OSError:
            continue
        handle, text = ctypes.c_void_p, ctypes.c_char_p
        word_list = ctypes.POINTER(ctypes.POINTER(text))
        lib.Hunspell_create.restype = handle
        lib.Hunspell_create.argtypes = [text, text]
        lib.Hunspell_spell.argtypes = [handle, text]
        lib.Hunspell_get_dic_encoding.restype = text
        lib.Hunspell_get_dic_encoding.argtypes = [handle]
        lib.Hunspell_suggest.argtypes = [handle, word_list, text]
        lib.Hunspell_free_list.argtypes = [handle, word_list, ctypes.c_int]
        return lib
    return None


class HunspellDictionary:
    """A Hunspell dictionary read by the system's libhunspell (one caller at a time)."""

    def __init__(self, lib: ctypes.CDLL, files: Path) -> None:
        self._lib = lib
        self._handle = lib.Hunspell_create(
            os.fsencode(files.with_suffix(".aff")), os.fsencode(files.with_suffix(".dic"))
        )
        if not self._handle:
            raise OSError(f"{files}: Hunspell could not read the dictionary")
        self._encoding = (lib.Hunspell_get_dic_encoding(self._handle) or b"UTF-8").decode()
        self._lock = threading.Lock()
        self.name = f"Hunspell {files.name}"

    def _encoded(self, word: str) -> bytes | None:
        try:
            return word.encode(self._encoding)
        except (UnicodeEncodeError, LookupError):
            return None

    def correct(self, word: str) -> bool:
        """True when Hunspell knows the word (a word the dictionary cannot spell passes)."""
        encoded = self._encoded(word)
        if encoded is None:
            return True
        with self._lock:
            return bool(self._lib.Hunspell_spell(self._handle, encoded))

    def suggest(self, word: str) -> list[str]:
        """Hunspell's suggestions, best first."""
        encoded = self._encoded(word)
        if encoded is None:
            return []
        found = ctypes.POINTER(ctypes.c_char_p)()
        with self._lock:
            count = self._lib.Hunspell_suggest(self._handle, ctypes.byref(found), encoded)
            words = [found[i].decode(self._encoding, "replace") for i in range(count)]
            if count:
                self._lib.Hunspell_free_list(self._handle, ctypes.byref(found), count)
        return words[:MAX_SUGGESTIONS]


class WordListDictionary:
    """pyspellchecker's word list of a language: known words, and candidates by frequency."""

    def __init__(self, lang: str) -> None:
        from spellchecker import SpellChecker

        self._checker = SpellChecker(language=lang, case_sensitive=False)
        # The lists come from film subtitles: words of software and the web are added from ours.
        self._checker.word_frequency.load_words(_supplement(lang))
        self._lock = threading.Lock()
        self.name = f"pyspellchecker {lang}"

    def correct(self, word: str) -> bool:
        """True when the word (in any case) is in the list."""
        return word.lower() in self._checker

    def suggest(self, word: str) -> list[str]:
        """Known words one or two edits away, the most frequent first, in the word's case."""
        with self._lock:
            candidates = self._checker.candidates(word.lower()) or set()
            frequency = self._checker.word_usage_frequency
            ranked = sorted(candidates - {word.lower()}, key=lambda c: (-frequency(c), c))
        if word[:1].isupper():
            ranked = [c[:1].upper() + c[1:] for c in ranked]
        return ranked[:MAX_SUGGESTIONS]


def _supplement(lang: str) -> list[str]:
    """The words we ship beside pyspellchecker's list of a language (none for most)."""
    path = Path(__file__).with_name("words") / f"{lang}.txt"
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


@cache
def _base_dictionary(lang: str) -> HunspellDictionary | WordListDictionary | None:
    """The dictionary of a language tag, read once per process; None when there is none."""
    lib = _libhunspell()
    files = hunspell_files(lang) if lib is not None else None
    if lib is not None and files is not None:
        return HunspellDictionary(lib, files)
    if _primary(lang) in _WORD_LISTS:
        return WordListDictionary(_primary(lang))
    return None


class _WithAdded:
    """A dictionary that also knows the words added to it (in any case), and British spellings
    where it is American and the language is English without a region, or British English."""

    def __init__(self, base: Dictionary, added: frozenset[str], british: bool) -> None:
        self._base = base
        self._added = added
        self._british = british

    def correct(self, word: str) -> bool:
        if word.casefold() in self._added or self._base.correct(word):
            return True
        return self._british and any(self._base.correct(w) for w in american_spellings(word))

    def suggest(self, word: str) -> list[str]:
        return self._base.suggest(word)


def _british(lang: str, base: HunspellDictionary | WordListDictionary) -> bool:
    """True when British spellings pass through an American dictionary: English without a
    region (or en-GB) checked with en_US or pyspellchecker's (American) list."""
    tag = lang.lower().replace("_", "-")
    american = base.name.endswith(("en_US", " en"))
    return american and (tag == "en" or tag.startswith(("en-gb", "en-au", "en-nz", "en-ie")))


@dataclass(frozen=True, slots=True)
class Spelling:
    """The dictionaries and the words added to them (the QA resource "spelling")."""

    added: dict[str, frozenset[str]]
    """Casefolded added words by primary language subtag."""

    def dictionary(self, lang: str) -> Dictionary | None:
        """The dictionary of a language with its added words; None when there is none."""
        if not checkable(lang):
            return None
        base = _base_dictionary(lang)
        if base is None:
            return None
        added = self.added.get(_primary(lang), frozenset())
        return _WithAdded(base, added, _british(lang, base))

    def with_word(self, lang: str, word: str) -> Spelling:
        """The same, with one more added word (as the database now has it)."""
        added = dict(self.added)
        added[_primary(lang)] = added.get(_primary(lang), frozenset()) | {word.casefold()}
        return Spelling(added)


def load_spelling(db: Database) -> Spelling:
    """The dictionaries with the words added to them in the database."""
    with db.sessions() as session:
        rows = stored.added_words(session)
    added: dict[str, set[str]] = {}
    for lang, word in rows:
        added.setdefault(lang, set()).add(word.casefold())
    return Spelling({lang: frozenset(words) for lang, words in added.items()})


def dictionary_name(lang: str) -> str | None:
    """What checks a language's spelling (e.g. "Hunspell en_US"), None when nothing does."""
    base = _base_dictionary(lang) if checkable(lang) else None
    return None if base is None else base.name


def missing_dictionary(lang: str, unspaced: bool = True) -> str | None:
    """Why a language's spelling is not checked, in a sentence; None when it is.

    unspaced=False says nothing of languages written without spaces (never checked).
    """
    if not checkable(lang):
        if not unspaced:
            return None
        return f"spelling is not checked in {lang}: it is written without spaces between words"
    if dictionary_name(lang) is not None:
        return None
    primary = _primary(lang)
    library = "" if _libhunspell() is not None else "the Hunspell library (libhunspell) and "
    return (
        f"no spelling dictionary for {lang}: install {library}a Hunspell dictionary "
        f"(Debian: apt install hunspell-{primary}), or put {primary}.aff and {primary}.dic in "
        "a folder named by WORKBENCH_HUNSPELL_PATH"
    )


def _checked_word(lang: str, word: str) -> tuple[str, str]:
    """(primary language, word) of a word to add or remove; UsageError when it is not one."""
    word = word.strip()
    if not word or any(char.isspace() for char in word) or len(word) > 255:
        raise UsageError(f"not a word: {word!r} (one word, without spaces, up to 255 characters)")
    try:
        return _primary(normalize_lang(lang)), word
    except UnknownLanguageError as error:
        raise UsageError(str(error)) from None


def add_spelling_word(db: Database, lang: str, word: str, author: str | None = None) -> bool:
    """Add a word to a language's dictionary for everyone; False when it was there."""
    primary, word = _checked_word(lang, word)
    with db.sessions.begin() as session:
        return stored.add_word(session, primary, word, author)


def remove_spelling_word(db: Database, lang: str, word: str) -> bool:
    """Take a word added earlier off a language's dictionary; False when it was not there."""
    primary, word = _checked_word(lang, word)
    with db.sessions.begin() as session:
        return stored.remove_word(session, primary, word)


def added_spelling_words(db: Database, lang: str | None = None) -> list[tuple[str, str]]:
    """(language, word) of the words added, of one language or all."""
    primary = None
    if lang is not None:
        try:
            primary = _primary(normalize_lang(lang))
        except UnknownLanguageError as error:
            raise UsageError(str(error)) from None
    with db.sessions() as session:
        return stored.added_words(session, primary)


def misspelled(
    spelling: Spelling,
    text: str,
    lang: str,
    source: str = "",
    terms: TermIndex | None = None,
    skip: Collection[str] = (),
    source_lang: str | None = None,
) -> list[Misspelling]:
    """The misspelled words of a text (plain, or as shown with code labels) in a language.

    Words of the text's term-base hits and of the renderings of the source's (in source_lang),
    words copied from the source and skip (casefolded words, such as those ignored for the
    session) are passed.
    """
    dictionary = spelling.dictionary(lang)
    if dictionary is None:
        return []
    known = set(skip)
    if terms is not None:
        source_hits = terms.find(source, source_lang) if source and source_lang else []
        known |= term_words(terms.find(text, lang), source_hits, lang)
    return misspellings(text, lang, dictionary, source=source, known=known)


def spelling_suggestions(spelling: Spelling, word: str, lang: str) -> Sequence[str]:
    """Spellings a word may have meant, best first (none without a dictionary)."""
    dictionary = spelling.dictionary(lang)
    return [] if dictionary is None else dictionary.suggest(word)
