"""Which language a text is in: decided by script first, by a statistical model within a script.

Hangul, kana and Han settle Korean, Japanese and Chinese without a model (Traditional and
Simplified Chinese told apart by OpenCC). Text in Latin or another alphabet goes to langdetect
(seeded, restricted to the languages of that script), or to lingua when it is installed and
asked for. Short texts, texts made only of names or codes, and texts that mix scripts are left
undecided by the QA verdict rather than flagged.

The QA verdict (looks_like, looks_like_many) does not sample: langdetect's profiles score every
n-gram of the text (ngram_profiles), for a whole batch of targets in one pass, and a target is
called wrong only on strong evidence. Finding a document's language (detect_language,
detect_document_language) asks langdetect itself, once per document.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, Literal

import langcodes
import numpy as np
import numpy.typing as npt

from workbench.domain.chinese import han_variant, han_variants
from workbench.domain.langtags import normalize_lang
from workbench.domain.ngram_profiles import ProfileScorer
from workbench.domain.scripts import Script, script_of

Backend = Literal["langdetect", "lingua"]
Method = Literal["script", "langdetect", "lingua"]

MIN_LATIN_LETTERS = 20
"""Fewer letters of an alphabet than this decide nothing. On the corpus English lines below
20 letters (three or four words: "Why?", "Mike: All right.") langdetect is right on 79 % and
lingua on 85 %, calling the rest Welsh, Afrikaans, German or Norwegian; from 20 letters on they
are right on 99.2 % and 99.7 %."""
MIN_CJK_CHARS = 4
"""Fewer Hangul, Han and kana characters than this decide nothing: 1-3 characters are a name,
an abbreviation (中, 韓) or an interjection (네, 예) as often as a sentence."""
LATIN_LETTERS_PER_CJK_CHAR = 2.0
"""How many letters of an alphabet weigh as much as one CJK character when scripts are compared:
the aligned Korean-English corpora have 2.0 and 2.4 English letters per Hangul syllable."""
RELIABLE_PROBABILITY = 0.8
"""A detection is reliable at this probability or more (with enough letters). A document whose
letters are 80 % in one script is in that script's language; on the English corpus lines of
20 letters and more, langdetect is right on over 99 % of those it rates 0.8 or higher."""
WRONG_PROBABILITY: Mapping[Backend, float] = {"langdetect": 0.9, "lingua": 0.5}
"""A target in the expected script is flagged only when another language is this probable.
With langdetect's profiles that language's posterior must be 0.9 (and the evidence below
strong): a text that is plainly not French but could be English, Afrikaans or Norwegian is not
called any of them. lingua's confidences are spread thinner (0.91 for a plain English sentence)
and its top language is rarely wrong on sentences: above 0.5 it outweighs all other languages
together, and on the corpus English lines it then misplaces 2 in 1,650 while finding 87 % of
them in a French target (at 0.9 it would find 54 %)."""
WRONG_EVIDENCE = 16.0
"""With langdetect's profiles, a target in the expected script is flagged only when another
language is this much more likely (the natural log of the likelihood ratio over all the text's
n-grams: e^16, nine million to one) ..."""
WRONG_EVIDENCE_PER_NGRAM = 0.18
"""... and at least this much per n-gram, so that the evidence runs through the text rather than
piling up over a long one; the language it names must also be at least WRONG_PROBABILITY
probable. Set on benchmarks/langid.py and qa_shapes.py: English corpus lines checked as French
are caught at 94.3 % (langdetect's sampling: 94.2 %; at 0.2 per n-gram: 94.0 %), English lines
checked as English are flagged as often as before (2 of 1,720), and of 2,870 English catalogue
lines made of invented names and product words 34 are flagged (1.2 %; langdetect's sampling
flagged 396, calling them Catalan or Romanian), while all 130 with a French sentence are."""
MIXED_SCRIPT_SHARE = 0.3
"""A text whose letters (weighted as above) are at least 30 % in the expected script is mixed,
not wrong: a gloss in the other script stays well below that share; in the corpus the Korean
lines it spares are bilingual headlines (an English title, then the Korean one)."""
MIN_KANA_SHARE = 0.1
"""Japanese when kana are at least 10 % of the Han and kana: Japanese prose is mostly kana, and
kanji-heavy headlines still have a particle or a katakana word; Chinese has none."""
MIN_HAN_FOR_NOT_JAPANESE = 20
"""Han-only text this long is Chinese even when Japanese is expected: Japanese names and
headlines can be all kanji, a Japanese sentence of 20 characters without kana hardly exists."""
DOCUMENT_SAMPLE_CHARS = 20_000
"""Characters of a document sampled from its start: a few pages, enough for the script shares,
and twice what langdetect reads of a text (10,000 characters)."""
SEED = 0
"""langdetect draws n-grams at random; a fixed seed makes every run give the same answer."""
VERDICT_CACHE_SIZE = 4096
"""Verdicts remembered by text: documents repeat segments, and a model run costs a millisecond."""

_CJK = (Script.HANGUL, Script.HAN, Script.KANA)
# URLs and e-mail addresses are not language; lone surrogates are not even text (and would
# break OpenCC and lingua, which take UTF-8).
_NOT_LANGUAGE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\ud800-\udfff]", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_UPPER_ASCII = re.compile("[A-Z]")
_LOWER_ASCII = re.compile("[a-z]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
"""_WORD for ASCII text, where it takes the same words: plain ranges test faster than classes."""
# The character ranges of scripts.script_of for Hangul, Han and kana, as regex classes so that
# counting runs in C.
_HANGUL_CLASS = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_HAN_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f\u3007"
_KANA_CLASS = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d"
_CJK_SCRIPTS = tuple(re.compile(f"[{c}]") for c in (_HANGUL_CLASS, _HAN_CLASS, _KANA_CLASS))
_CJK_CHAR = re.compile(f"[{_HANGUL_CLASS}{_HAN_CLASS}{_KANA_CLASS}]")
_CJK_RUN = re.compile(f"[{_HANGUL_CLASS}{_HAN_CLASS}{_KANA_CLASS}]+")
_HAN_RUN = re.compile(f"[{_HAN_CLASS}]+")
# What script_of may place outside Latin: anything beyond Latin-1, Latin Extended-A/B, Latin
# Extended Additional and the full-width Latin letters.
_BEYOND_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\uff21-\uff5a]")
# Lower-case words that belong inside names and titles (Bank of China, Société de la ...).
_NAME_CONNECTORS = frozenset(
    "of and for the a an to in on at de du des la le el del y et und van von der di da".split()
)
# Languages that BCP-47 and the models spell differently.
_MODEL_ALIASES = {"nb": "no", "nn": "no"}


class Group(StrEnum):
    """Writing systems compared before any model runs."""

    CJK = "cjk"
    LATIN = "latin"
    OTHER = "other"


class Verdict(StrEnum):
    """What the QA check concludes about a target's language."""

    OK = "ok"
    WRONG = "wrong"
    UNDECIDED = "undecided"


class BackendUnavailableError(RuntimeError):
    """The optional detection backend asked for is not installed."""


@dataclass(frozen=True, slots=True)
class Detection:
    """The language of a text, how probable it is and what decided it."""

    lang: str
    """BCP-47 tag (ko, ja, zh-Hant, zh-Hans, zh, en, fr ...); und when there are no letters."""
    probability: float
    """Share of the text in the language's script, times the model's probability when a model
    decided (0-1)."""
    method: Method
    reliable: bool
    """Probability of at least RELIABLE_PROBABILITY and enough letters to go by."""


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    """The QA answer to 'is this target in the expected language?'."""

    status: Verdict
    lang: str | None
    """The detected language, None when nothing was detected."""
    probability: float
    reason: str

    @property
    def wrong(self) -> bool:
        """True when the target should be flagged."""
        return self.status is Verdict.WRONG


@dataclass(frozen=True, slots=True)
class _Letters:
    """Letters of a text counted by script, and the text of each alphabet group for a model."""

    hangul: int = 0
    han: int = 0
    kana: int = 0
    latin: int = 0
    other: int = 0
    latin_in_names: int = 0
    """Latin letters in words with a capital (SenseTime, FDA): names inside a CJK sentence."""
    latin_text: str = ""
    other_text: str = ""
    han_text: str = ""
    """The Han runs, for OpenCC to tell Traditional from Simplified."""

    def __add__(self, more: _Letters) -> _Letters:
        return _Letters(
            self.hangul + more.hangul,
            self.han + more.han,
            self.kana + more.kana,
            self.latin + more.latin,
            self.other + more.other,
            self.latin_in_names + more.latin_in_names,
            f"{self.latin_text}\n{more.latin_text}",
            f"{self.other_text}\n{more.other_text}",
            f"{self.han_text}\n{more.han_text}",
        )

    @property
    def cjk(self) -> int:
        return self.hangul + self.han + self.kana

    def weight(self, group: Group) -> float:
        """Letters of a group, alphabets scaled to CJK characters."""
        if group is Group.CJK:
            return float(self.cjk)
        count = self.latin if group is Group.LATIN else self.other
        return count / LATIN_LETTERS_PER_CJK_CHAR

    def share(self, group: Group) -> float:
        """The group's part of all letters (weighted), 0 when there are none."""
        alphabets = (self.latin + self.other) / LATIN_LETTERS_PER_CJK_CHAR
        total = self.cjk + alphabets
        return self.weight(group) / total if total else 0.0

    def main_group(self) -> Group:
        """The group with most weighted letters; CJK wins ties, as it is the surer evidence."""
        cjk, latin, other = (self.weight(g) for g in (Group.CJK, Group.LATIN, Group.OTHER))
        if cjk >= latin and cjk >= other:
            return Group.CJK
        return Group.LATIN if latin >= other else Group.OTHER

    def count(self, group: Group) -> int:
        """Unweighted letters of a group."""
        if group is Group.LATIN:
            return self.latin
        return self.cjk if group is Group.CJK else self.other


def _letters(text: str) -> _Letters:
    """Count letters by script, and keep each script's text for the model that reads it."""
    if _BEYOND_LATIN.search(text) is None:
        return _latin_letters(_without_links(text))
    text = _without_links(text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(" ", text)
    rest = _CJK_RUN.sub(" ", text)  # a run as one space: the models read spaces as one
    if any(map(str.isalpha, _BEYOND_LATIN.findall(rest))):
        return _letters_by_char(text)  # Cyrillic, Greek, Arabic ...: rare enough
    # The kana block holds punctuation too (・ U+30FB): only letters are evidence.
    hangul, han, kana = (_count(pattern, text) for pattern in _cjk_letters())
    latin = _count(_latin_alphabet(), rest)  # rest has no letter of another alphabet
    latin_text = rest if latin else ""
    han_text = " ".join(_HAN_RUN.findall(text)) if han else ""
    return _Letters(
        hangul, han, kana, latin, 0, _letters_in_names(latin_text), latin_text, "", han_text
    )


_SURROGATE = re.compile("[\ud800-\udfff]")
# What _letters_many leaves to _letters: a text with a link or a lone surrogate.
_ODD = re.compile("[@\ud800-\udfff]|://|www\\.", re.IGNORECASE)


def _letters_many(texts: Sequence[str]) -> list[_Letters]:
    """_letters of each text, each with a character beyond the Latin blocks: the characters of
    each script counted for all the texts at once, in C (a call per text and script cost more
    than the counting)."""
    if not texts:
        return []
    joined = "\0".join(texts)  # NUL: no letter, no CJK run; the texts split apart again
    if joined.count("\0") >= len(texts) or _ODD.search(joined) is not None:
        return [_letters(text) for text in texts]
    rest = _CJK_RUN.sub(" ", joined)  # a run as one space: the models read spaces as one
    if any(map(str.isalpha, _BEYOND_LATIN.findall(rest))):
        return [_letters(text) for text in texts]  # Cyrillic, Greek, Arabic ...: rare enough
    hangul, han, kana = (_counts(pattern, joined, texts) for pattern in _cjk_letters())
    rests = rest.split("\0")
    latin = _counts(_latin_alphabet(), rest, rests)
    # A text whose letters (of the rest) are all a-z has no word with a capital: every word
    # with a letter is in lower case. Most CJK targets have only a placeholder's s or none.
    lower = _counts(_LOWER_ASCII, rest, rests)
    return [
        _Letters(
            hangul[n],
            han[n],
            kana[n],
            latin[n],
            0,
            _letters_in_names(rests[n]) if latin[n] > lower[n] else 0,
            rests[n] if latin[n] else "",
            "",
            " ".join(_HAN_RUN.findall(texts[n])) if han[n] else "",
        )
        for n in range(len(texts))
    ]


def _counts(pattern: re.Pattern[str], joined: str, texts: Sequence[str]) -> list[int]:
    """How many characters of each text pattern takes; joined: the texts joined by NULs,
    which pattern does not take."""
    if pattern.search(joined) is None:  # most texts are in one script: the others end here
        return [0] * len(texts)
    left = pattern.sub("", joined).split("\0")
    return [len(text) - len(rest) for text, rest in zip(texts, left, strict=True)]


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of text pattern (runs of one character class) takes, counted in C."""
    if pattern.search(text) is None:  # most texts are in one script: the others end here
        return 0
    return len(text) - len(pattern.sub("", text))


def _letters_only(ranges: str) -> re.Pattern[str]:
    """A class of the letters (str.isalpha) among the characters of a regex class body, as
    ranges (a class of many single characters is slow to test)."""
    whole = re.compile(f"[{ranges}]")
    bounds = [(ord(low), ord(high)) for low, high in re.findall(r"(.)-(.)", ranges)]
    bounds += [(ord(c), ord(c)) for c in re.sub(r".-.", "", ranges)]
    letters = sorted(
        code
        for low, high in bounds
        for code in range(low, high + 1)
        if chr(code).isalpha() and whole.match(chr(code))
    )
    runs: list[list[int]] = []
    for code in letters:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    body = "".join(re.escape(chr(low)) + "-" + re.escape(chr(high)) for low, high in runs)
    return re.compile(f"[{body}]+")  # runs: re.sub then makes one piece per run


@cache
def _cjk_letters() -> tuple[re.Pattern[str], ...]:
    """The letters of the Hangul, Han and kana classes (not their punctuation or gaps)."""
    return tuple(_letters_only(c) for c in (_HANGUL_CLASS, _HAN_CLASS, _KANA_CLASS))


@cache
def _latin_alphabet() -> re.Pattern[str]:
    """The letters of the blocks script_of counts as Latin (and digits' neighbours)."""
    return _letters_only("\x00-\u024f\u1e00-\u1eff\uff21-\uff5a")


def _letters_by_char(text: str) -> _Letters:
    """_letters one character at a time, for texts with letters of other alphabets."""
    counts = dict.fromkeys(Script, 0)
    latin: list[str] = []
    other: list[str] = []
    han: list[str] = []
    for char in text:
        script = script_of(char)
        han.append(char if script is Script.HAN else " ")
        if script in _CJK:
            counts[script] += char.isalpha()
            latin.append(" ")
            other.append(" ")
        elif script is Script.LATIN:
            counts[script] += 1
            latin.append(char)
            other.append(" ")
        elif script is Script.OTHER_LETTER:
            counts[script] += 1
            latin.append(" ")
            other.append(char)
        else:
            latin.append(char)
            other.append(char)
    latin_text = "".join(latin) if counts[Script.LATIN] else ""
    return _Letters(
        counts[Script.HANGUL],
        counts[Script.HAN],
        counts[Script.KANA],
        counts[Script.LATIN],
        counts[Script.OTHER_LETTER],
        _letters_in_names(latin_text),
        latin_text,
        "".join(other) if counts[Script.OTHER_LETTER] else "",
        " ".join("".join(han).split()) if counts[Script.HAN] else "",
    )


def _without_links(text: str) -> str:
    """Text without URLs and e-mail addresses (_NOT_LANGUAGE), skipping the search if it can."""
    # _NOT_LANGUAGE backtracks at every word; without these it has nothing to take.
    if "@" in text or "://" in text or "www." in text.lower():
        return _NOT_LANGUAGE.sub(" ", text)
    return text


def _latin_letters(text: str) -> _Letters:
    """_letters of a text with no character beyond the Latin blocks, counted in C.

    Every letter there is Latin and every other character goes to the Latin text as it is, so
    the text is its own Latin text: most English, French or German targets take this path.
    """
    latin = sum(map(str.isalpha, text))
    if not latin:
        return _Letters()
    return _Letters(latin=latin, latin_in_names=_letters_in_names(text), latin_text=text)


@lru_cache(maxsize=8)  # asked twice of each target, by _letters and by _names_only
def _words(latin_text: str) -> tuple[str, ...]:
    """The words of a text, apostrophes inside them kept (don't, Xi’an)."""
    pattern = _ASCII_WORD if latin_text.isascii() else _WORD
    return tuple(pattern.findall(latin_text))


def _letters_in_names(latin_text: str) -> int:
    """Letters in words with a capital (SenseTime, FDA)."""
    if latin_text.isascii() and not _UPPER_ASCII.search(latin_text):
        return 0  # every ASCII letter is cased: no capital, no word of a name
    capitalised = "".join(word for word in _words(latin_text) if not word.islower())
    # Letters only: \w takes in numeric signs such as ¼ as well.
    return sum(map(str.isalpha, capitalised))


def _chinese(variants: Iterable[str | None]) -> str:
    """zh-Hant or zh-Hans by majority of the texts that differ between the scripts, else zh."""
    votes = [v for v in variants if v is not None]
    traditional = votes.count("traditional")
    simplified = len(votes) - traditional
    if traditional == simplified:
        return "zh"
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _cjk_language(letters: _Letters) -> str:
    """ko, ja or zh from the CJK letters (the Chinese script variant is decided apart)."""
    if letters.hangul >= letters.han + letters.kana:
        return "ko"  # Hanja words in Korean are outnumbered by the Hangul around them
    if letters.kana and letters.kana >= MIN_KANA_SHARE * (letters.han + letters.kana):
        return "ja"
    return "zh"


def _script_detection(letters: _Letters, variants: Iterable[str | None]) -> Detection:
    """Korean, Japanese or Chinese by script, with the share of the text in that script."""
    lang = _cjk_language(letters)
    own = {"ko": letters.hangul, "ja": letters.han + letters.kana, "zh": letters.han}[lang]
    if lang == "ko":
        own += letters.han  # Hanja in a Korean text are Korean
    # Latin names in a Korean or Chinese sentence (Judy와 Betty는) are part of it, not a rival.
    rivals = letters.latin - letters.latin_in_names + letters.other
    probability = own / (letters.cjk + rivals / LATIN_LETTERS_PER_CJK_CHAR)
    if lang == "zh":
        lang = _chinese(variants)
    reliable = letters.cjk >= MIN_CJK_CHARS and probability >= RELIABLE_PROBABILITY
    return Detection(lang, probability, "script", reliable)


@cache
def _model_lang(code: str) -> str:
    """A model's language code as a BCP-47 tag (zh-cn -> zh-Hans, tl -> fil)."""
    special = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}
    return special.get(code) or normalize_lang(code)


@cache
def _group_of_lang(tag: str) -> Group:
    """The script group a language is written in (likely script from CLDR via langcodes)."""
    script = langcodes.Language.get(tag).maximize().script
    if script in ("Kore", "Hang", "Jpan", "Hira", "Kana", "Hans", "Hant", "Hani"):
        return Group.CJK
    return Group.LATIN if script == "Latn" else Group.OTHER


@cache
def _langdetect_factories() -> Mapping[Group, Any]:
    """Seeded langdetect factories for Latin and for other alphabets, from its bundled profiles."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    full = DetectorFactory()
    full.load_profile(PROFILES_DIRECTORY)
    factories = {}
    for group in (Group.LATIN, Group.OTHER):
        # A factory holding only one script's profiles is the same as a zero prior for the
        # others, and faster: every n-gram updates 31 languages instead of 55.
        keep = sorted(
            (lang, index)
            for index, lang in enumerate(full.langlist)
            if _group_of_lang(_model_lang(lang)) is group
        )
        factory = DetectorFactory()
        factory.langlist = [lang for lang, _ in keep]
        factory.word_lang_prob_map = {
            word: [probs[index] for _, index in keep]
            for word, probs in full.word_lang_prob_map.items()
            if any(probs[index] for _, index in keep)
        }
        factory.seed = SEED  # on this instance only: other users of langdetect keep theirs
        factories[group] = factory
    return factories


def _langdetect(text: str, group: Group) -> tuple[str, float]:
    """langdetect's best language and probability within a script group."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factories()[group].create()
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0  # no n-gram of the text is in any profile
    if not ranked:
        return "und", 0.0
    return _model_lang(str(ranked[0].lang)), float(ranked[0].prob)


@cache
def _lingua_languages(group: Group) -> frozenset[Any]:
    """lingua's languages of a script group."""
    try:
        from lingua import Language
    except ImportError as error:
        raise BackendUnavailableError(
            "the lingua backend needs the lingua-language-detector package"
        ) from error
    latin = frozenset(Language.all_with_latin_script())
    if group is Group.LATIN:
        return latin
    return (
        frozenset(Language.all()) - latin - {Language.CHINESE, Language.JAPANESE, Language.KOREAN}
    )


@cache
def _lingua_detector(group: Group) -> Any:
    """A lingua detector for one script group (its models load on first use)."""
    languages = _lingua_languages(group)  # raises when lingua is not installed
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*languages).build()


def _lingua(text: str, group: Group) -> tuple[str, float]:
    """lingua's best language and its confidence within a script group."""
    values = _lingua_detector(group).compute_language_confidence_values(text)
    if not values or not values[0].value:
        return "und", 0.0
    return _model_lang(values[0].language.iso_code_639_1.name.lower()), float(values[0].value)


@cache
def _model_languages(backend: Backend, group: Group) -> tuple[str, ...]:
    """The languages a backend's model tells apart within a script group, as BCP-47 tags."""
    if backend == "lingua":
        languages = _lingua_languages(group)
        return tuple(sorted(_model_lang(lang.iso_code_639_1.name.lower()) for lang in languages))
    return tuple(_model_lang(code) for code in _langdetect_factories()[group].langlist)


def available_backends() -> tuple[Backend, ...]:
    """The detection backends installed here: langdetect always, lingua when present."""
    try:
        _lingua_languages(Group.LATIN)
    except BackendUnavailableError:
        return ("langdetect",)
    return ("langdetect", "lingua")


def _require(backend: Backend) -> None:
    """Fail at once, not on the first Latin text, when the backend asked for is missing."""
    if backend == "lingua":
        _lingua_languages(Group.LATIN)


def _model_detection(letters: _Letters, group: Group, backend: Backend) -> Detection:
    """The language of the text's letters in an alphabet group, by the backend's model."""
    text = letters.latin_text if group is Group.LATIN else letters.other_text
    model = _lingua if backend == "lingua" else _langdetect
    lang, model_probability = model(text, group)
    probability = letters.share(group) * model_probability
    reliable = letters.count(group) >= MIN_LATIN_LETTERS and probability >= RELIABLE_PROBABILITY
    return Detection(lang, probability, backend, reliable)


def _detect(letters: _Letters, variants: Iterable[str | None], backend: Backend) -> Detection:
    """Script group first; CJK by script, alphabets by the backend's model."""
    if not letters.cjk and not letters.latin and not letters.other:
        return Detection("und", 0.0, "script", False)
    group = letters.main_group()
    if group is Group.CJK:
        return _script_detection(letters, variants)
    return _model_detection(letters, group, backend)


def detect_language(text: str, backend: Backend = "langdetect") -> Detection:
    """The language of one text: by script for CJK, by the backend's model for alphabets."""
    _require(backend)
    letters = _letters(text)
    return _detect(letters, [han_variant(letters.han_text)] if letters.han else [], backend)


def detect_document_language(
    paragraphs: Iterable[str], backend: Backend = "langdetect"
) -> Detection:
    """The language of a document from a sample of its paragraphs, by script share first."""
    _require(backend)
    letters = _Letters()
    variants: list[str | None] = []
    sampled = 0
    for paragraph in paragraphs:
        counted = _letters(paragraph)
        letters += counted
        if counted.han:
            variants.append(han_variant(counted.han_text))
        sampled += len(paragraph)
        if sampled >= DOCUMENT_SAMPLE_CHARS:
            break
    return _detect(letters, variants, backend)


def _names_only(latin_text: str) -> bool:
    """True when every word is capitalised, an acronym or a connector: names, not a sentence."""
    if latin_text.isascii():
        # An ASCII word has a cased letter: capitalised unless all in lower case.
        lower = [word for word in _words(latin_text) if word.islower()]
        return _NAME_CONNECTORS.issuperset(lower)
    for word in _words(latin_text):
        # islower() settles most words without looking at each letter
        capitalised = not word.islower() and any(c.isupper() for c in word)
        if not capitalised and word.lower() not in _NAME_CONNECTORS:
            return False
    return True


@cache  # asked of every target, for a few languages
def _same_language(detected: str, expected: str) -> bool:
    """Same language subtag: zh-Hant against zh-Hans is a script question, not a language one."""
    base = detected.split("-")[0]
    return _MODEL_ALIASES.get(base, base) == _MODEL_ALIASES.get(expected, expected)


def _expected_share(letters: _Letters, lang: str, group: Group) -> float:
    """Weighted share of the letters in the expected language's own script.

    Han is Japanese only beside kana and Chinese only without them, so a Japanese text does not
    pass for mixed Chinese; Hanja do not count for Korean, so a Chinese text does not pass either.
    """
    if group is not Group.CJK:
        return letters.share(group)
    own = {
        "ko": letters.hangul,
        "ja": letters.kana + letters.han if letters.kana else 0,
        "zh": 0 if letters.kana else letters.han,
    }.get(lang, 0)
    total = sum(letters.weight(g) for g in Group)
    return own / total if total else 0.0


def _verdict(status: Verdict, detection: Detection | None, reason: str) -> LanguageVerdict:
    """A verdict carrying the detection's language and probability."""
    if detection is None:
        return LanguageVerdict(status, None, 0.0, reason)
    return LanguageVerdict(status, detection.lang, detection.probability, reason)


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is are was were for with that this from by on as be".split()),
    "fr": frozenset("le la les des du une est dans pour que qui avec sur pas sont".split()),
    "de": frozenset("der die das und ist nicht mit für von den dem ein eine auf sind".split()),
    "es": frozenset("el la los las del una que por con para está son como más".split()),
    "it": frozenset("il lo la gli che per con una sono della delle non è".split()),
    "pt": frozenset("o os as que não uma com para por são está do da dos das".split()),
    "nl": frozenset("de het een van en is niet met voor zijn op dat die".split()),
}
"""Words so common in a language that two distinct ones in a text decide it (no other
language of the same script shares two of them often enough to matter in QA)."""
FUNCTION_WORDS_NEEDED = 2


def _has_function_words(text: str, lang: str) -> bool:
    """True when text holds enough distinct function words of lang."""
    words = FUNCTION_WORDS.get(lang)
    if words is None:
        return False
    return len(words.intersection(text.lower().split())) >= FUNCTION_WORDS_NEEDED


def looks_like(text: str, expected_lang: str, backend: Backend = "langdetect") -> LanguageVerdict:
    """Is text in expected_lang? ok, wrong, or undecided when the evidence is too thin to alarm.

    Undecided: short texts, texts that are only names, codes, numbers or URLs, mixed-script texts
    with a good share in the expected script, and Latin text the model cannot place firmly.
    """
    return looks_like_many([text], expected_lang, backend)[0]


def looks_like_many(
    texts: Sequence[str], expected_lang: str, backend: Backend = "langdetect"
) -> list[LanguageVerdict]:
    """looks_like of each text, the model's part done for all of them at once."""
    _require(backend)
    return _verdicts(texts, _normal_tag(expected_lang), backend)


_NO_LETTERS = LanguageVerdict(Verdict.UNDECIDED, None, 0.0, "no letters")
_TOO_SHORT = LanguageVerdict(Verdict.UNDECIDED, None, 0.0, "too short")
_NAMES_ONLY = LanguageVerdict(Verdict.UNDECIDED, None, 0.0, "names only")
_BY_FUNCTION_WORDS = LanguageVerdict(Verdict.OK, None, 0.0, "function words")


def _latin_verdict(
    text: str, latin: int, expected: str, expected_group: Group
) -> LanguageVerdict | None:
    """The verdict on a text all in the Latin blocks, with latin letters, when it needs no
    model, else None.

    The same steps as _by_letters takes for such a text (every letter is Latin), without
    counting the letters of each script: most targets of a Latin-script language end here.
    """
    if not latin:
        return _NO_LETTERS
    if latin < MIN_LATIN_LETTERS:
        return _TOO_SHORT
    if _names_only(text):
        return _NAMES_ONLY
    if expected_group is Group.LATIN and _has_function_words(text, expected):
        return _BY_FUNCTION_WORDS
    return None


@lru_cache(maxsize=256)
def _normal_tag(lang: str) -> str:
    """normalize_lang, remembered: QA asks it for the same few tags on every segment."""
    return normalize_lang(lang)


_verdict_cache: OrderedDict[tuple[str, str, Backend], LanguageVerdict] = OrderedDict()
"""Verdicts by (text, tag, backend), the most recent last: repeated segments are decided once."""


def _verdicts(texts: Sequence[str], tag: str, backend: Backend) -> list[LanguageVerdict]:
    """The verdicts on texts for a normalised tag: cheap evidence first, then the model for
    the texts that need it, all of them in one pass."""
    expected = tag.split("-")[0]
    expected_group = _group_of_lang(tag)  # sr-Latn is written in Latin, sr in Cyrillic
    found: list[LanguageVerdict | None] = []
    waiting: list[tuple[int, _Letters, Group]] = []
    chinese: list[tuple[int, _Letters]] = []
    beyond: list[tuple[int, str]] = []  # texts with a character beyond the Latin blocks
    for text in texts:
        cached = _verdict_cache.get((text, tag, backend))
        if cached is not None:
            _verdict_cache.move_to_end((text, tag, backend))
            found.append(cached)
            continue
        if _BEYOND_LATIN.search(text) is not None:
            beyond.append((len(found), text))
            found.append(None)
            continue
        settled = _latin_before_model(text, expected, expected_group, backend)
        if isinstance(settled, LanguageVerdict):
            found.append(settled)
        else:
            waiting.append((len(found), *settled))
            found.append(None)
    for (position, _), letters in zip(beyond, _letters_many([t for _, t in beyond]), strict=True):
        settled = _by_letters(letters, expected, expected_group, backend)
        if isinstance(settled, LanguageVerdict):
            found[position] = settled
        elif settled[1] is Group.CJK:
            chinese.append((position, letters))
        else:
            waiting.append((position, *settled))
    waiting.sort(key=itemgetter(0))  # the model's batch in text order, as one text at a time
    variants = han_variants([letters.han_text for _, letters in chinese])
    for (position, letters), variant in zip(chinese, variants, strict=True):
        detection = _script_detection(letters, [variant])
        found[position] = _after_detection(
            letters, Group.CJK, detection, expected, expected_group, True
        )
    if waiting:
        for (position, letters, group), (detection, strong) in zip(
            waiting, _model_detections(waiting, expected, backend), strict=True
        ):
            found[position] = _after_detection(
                letters, group, detection, expected, expected_group, strong
            )
    verdicts = [verdict for verdict in found if verdict is not None]
    _verdict_cache.update(zip(zip(texts, repeat(tag), repeat(backend)), verdicts, strict=True))
    while len(_verdict_cache) > VERDICT_CACHE_SIZE:
        _verdict_cache.popitem(last=False)
    return verdicts


def _latin_before_model(
    text: str, expected: str, expected_group: Group, backend: Backend
) -> LanguageVerdict | tuple[_Letters, Group]:
    """For a text all in the Latin blocks: the verdict when length, names or function words
    settle it; else its letters, for the model to place."""
    plain = _without_links(text)
    latin = sum(map(str.isalpha, plain))
    settled = _latin_verdict(plain, latin, expected, expected_group)
    if settled is not None:
        return settled
    # Every letter is Latin, and the steps that could settle it did not: the model's.
    if expected_group is Group.LATIN and not _knows(backend, Group.LATIN, expected):
        return _verdict(Verdict.UNDECIDED, None, f"{backend} does not know {expected}")
    return _Letters(latin=latin, latin_text=plain), Group.LATIN


def _by_letters(
    letters: _Letters, expected: str, expected_group: Group, backend: Backend
) -> LanguageVerdict | tuple[_Letters, Group]:
    """The verdict on a text with a character beyond the Latin blocks when script, length,
    names or function words settle it; else its letters and their script group, for OpenCC
    or the model to place."""
    if not letters.cjk and not letters.latin and not letters.other:
        return _verdict(Verdict.UNDECIDED, None, "no letters")
    group = letters.main_group()
    if group is Group.CJK:
        if letters.cjk < MIN_CJK_CHARS:
            return _verdict(Verdict.UNDECIDED, None, "too short")
        if letters.han and _cjk_language(letters) == "zh":
            return letters, group  # Traditional or Simplified: OpenCC's, for all such at once
        detection = _script_detection(letters, [])  # the Han variant tells only Chinese apart
        return _after_detection(letters, group, detection, expected, expected_group, True)
    if letters.count(group) < MIN_LATIN_LETTERS:
        return _verdict(Verdict.UNDECIDED, None, "too short")
    if group is Group.LATIN and _names_only(letters.latin_text):
        return _verdict(Verdict.UNDECIDED, None, "names only")
    if group is expected_group and _has_function_words(letters.latin_text, expected):
        # Two or more of the language's commonest words settle it without a model run
        # (a model run costs a millisecond; QA checks every target of a document).
        return _verdict(Verdict.OK, None, "function words")
    if group is expected_group and not _knows(backend, group, expected):
        return _verdict(Verdict.UNDECIDED, None, f"{backend} does not know {expected}")
    return letters, group


@cache
def _knows(backend: Backend, group: Group, expected: str) -> bool:
    """Whether the backend's model of a script group knows the expected language."""
    return any(_same_language(t, expected) for t in _model_languages(backend, group))


def _model_detections(
    waiting: list[tuple[int, _Letters, Group]], expected: str, backend: Backend
) -> list[tuple[Detection, bool]]:
    """The model's detection of each waiting text, and whether its evidence against the
    expected language is strong enough to call the text wrong."""
    if backend == "lingua":
        found = []
        for _, letters, group in waiting:
            detection = _model_detection(letters, group, backend)
            found.append((detection, detection.probability >= WRONG_PROBABILITY[backend]))
        return found
    results: list[tuple[Detection, bool] | None] = [None] * len(waiting)
    for group in (Group.LATIN, Group.OTHER):
        members = [n for n, (_, _, g) in enumerate(waiting) if g is group]
        if not members:
            continue
        texts = [_model_text(waiting[n][1], group) for n in members]
        for n, result in zip(members, _profile_detections(texts, group, expected), strict=True):
            letters = waiting[n][1]
            lang, posterior, strong = result
            probability = letters.share(group) * posterior
            reliable = (
                letters.count(group) >= MIN_LATIN_LETTERS and probability >= RELIABLE_PROBABILITY
            )
            detection = Detection(lang, probability, "langdetect", reliable)
            results[n] = (detection, strong and probability >= WRONG_PROBABILITY[backend])
    return [result for result in results if result is not None]


def _model_text(letters: _Letters, group: Group) -> str:
    return letters.latin_text if group is Group.LATIN else letters.other_text


@cache
def _profile_scorer(group: Group) -> ProfileScorer:
    """langdetect's profiles of a script group's languages, for scoring texts in full."""
    factory = _langdetect_factories()[group]
    return ProfileScorer(factory.langlist, factory.word_lang_prob_map)


@cache
def _profile_langs(group: Group, expected: str) -> tuple[list[str], npt.NDArray[np.bool_]]:
    """The languages of a group's profiles as BCP-47 tags, and which are the expected one."""
    langs = [_model_lang(code) for code in _profile_scorer(group).langs]
    return langs, np.array([_same_language(lang, expected) for lang in langs], dtype=np.bool_)


def _profile_detections(
    texts: list[str], group: Group, expected: str
) -> list[tuple[str, float, bool]]:
    """For each text: its most likely language by the profiles, that language's posterior
    probability, and whether the evidence against the expected language is strong."""
    scores = _profile_scorer(group).score(texts)
    langs, own = _profile_langs(group, expected)
    loglik = scores.loglik
    best = loglik.argmax(axis=1)
    top = loglik[np.arange(len(texts)), best]
    posterior = 1.0 / np.exp(loglik - top[:, None]).sum(axis=1)
    # where a language of another script is expected, any evidence is against it
    no_rival = np.full(len(texts), np.inf)
    margin = top - loglik[:, own].max(axis=1) if own.any() else no_rival
    per_ngram = margin / np.maximum(scores.ngrams, 1)
    strong = (margin >= WRONG_EVIDENCE) & (per_ngram >= WRONG_EVIDENCE_PER_NGRAM)
    return [
        # nothing the profiles know: as langdetect, no language
        (langs[b], p, s) if n else ("und", 0.0, False)
        for n, b, p, s in zip(
            scores.ngrams.tolist(), best.tolist(), posterior.tolist(), strong.tolist(), strict=True
        )
    ]


def _after_detection(
    letters: _Letters,
    group: Group,
    detection: Detection,
    expected: str,
    expected_group: Group,
    strong: bool,
) -> LanguageVerdict:
    """The verdict once the script or the model has placed the text."""
    if _same_language(detection.lang, expected):
        return _verdict(Verdict.OK, detection, "expected language")
    crossed = group is not expected_group or group is Group.CJK
    if crossed and _expected_share(letters, expected, expected_group) >= MIXED_SCRIPT_SHARE:
        return _verdict(Verdict.UNDECIDED, detection, "mixed scripts")
    if group is not expected_group:
        return _verdict(Verdict.WRONG, detection, f"written in {group} script")
    kanji_only = detection.lang.startswith("zh") and letters.han < MIN_HAN_FOR_NOT_JAPANESE
    if expected == "ja" and kanji_only:
        return _verdict(Verdict.UNDECIDED, detection, "kanji only")
    if group is Group.CJK or strong:
        return _verdict(Verdict.WRONG, detection, "another language")
    return _verdict(Verdict.UNDECIDED, detection, "not probable enough")
