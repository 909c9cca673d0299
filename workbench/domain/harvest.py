"""Harvest name pairs from parenthetical glosses: 스쥔(史軍), 센스타임(SenseTime).

Korean, Chinese and Japanese news gloss foreign names in parentheses right after them. A
candidate pairs the term before the parenthesis with each gloss inside it; the span of the
term is decided with the gloss itself (the Mandarin transcription or Sino-Korean reading of a
Han gloss, the word count of a Latin name, the letters of an acronym), and what is not a name
(amounts, dates, counts, credits, asides, clauses) is rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.domain.chinese import chinese_scripts as chinese_scripts
from workbench.domain.chinese import han_variant as han_variant
from workbench.domain.korean import is_particle_sequence
from workbench.domain.model import Concept, TermStatus
from workbench.domain.normalize import clean_term, lookup_key
from workbench.domain.scripts import Script, script_of
from workbench.domain.transcription import mandarin_reading, sino_korean_reading

_PARENS = re.compile(r"[(（]([^()（）\n]{1,160})[)）]")
_SEPARATORS = re.compile(r"\s*[,，、;；/·・]\s*")
_DIGIT = re.compile(r"[0-9０-９]")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.&'’\- ]*")
_QUOTES = "'\"‘’“”「」『』"
_ASIDE_PREFIX = ("이하 ", "약칭 ", "영문명 ", "영어명 ", "한자 ", "중국명 ", "중국어명 ")
_CREDIT_WORDS = (
    "사진",
    "출처",
    "제공",
    "자료",
    "그래픽",
    "기자",
    "촬영",
    "편집",
    "photo",
    "source",
)
# Words that introduce a name but are not part of it: titles, roles, kinds of organisation.
_ROLE_WORDS = frozenset(
    " ".join(
        (
            "회장 부회장 사장 부사장 대표 이사 이사장 원장 총괄 총재 교수 연구원 전문가",
            "기자 블로거 창립자 공동창립자 최고경영자 CEO CTO 장관 대통령 주석 총리 대사",
            "의원 위원장 부장 국장 팀장 소장 센터장 학장 총장 감독 선수 작가 씨 등 및",
        )
    ).split()
)
MAX_NAME_WORDS = 5
CONTEXT_CHARS = 40


@dataclass(slots=True)
class Candidate:
    """A term and its gloss, as found in the text."""

    source: str
    source_lang: str
    gloss: str
    gloss_lang: str
    confidence: float
    context: str
    count: int = 1
    evidence: str = ""
    """What decided the span: mandarin, sino-korean, words, acronym or nearest."""
    script: str | None = None
    """traditional or simplified for a Han gloss (None when both scripts agree)."""
    known: bool = False
    concept: int | None = None
    conflict: list[str] = field(default_factory=list)
    """Terms the term base has for this source in the gloss language, when the gloss is new."""


def _script(text: str) -> Script | None:
    """The one script of a gloss or term (spaces and name punctuation aside), else None."""
    scripts = {
        script_of(c) for c in text if not c.isspace() and c not in ".-&'’·" and not c.isdigit()
    }
    if len(scripts) != 1:
        return None
    return scripts.pop()


def _language(script: Script, text: str) -> str:
    if script is Script.HANGUL:
        return "ko"
    if script is Script.KANA:
        return "ja"
    if script is Script.HAN:
        variant = han_variant(text)
        return {"traditional": "zh-Hant", "simplified": "zh-Hans"}.get(variant or "", "zh")
    return "en"


def _glosses(inside: str) -> list[str]:
    """The glosses in a parenthesis: asides after a colon and 'hereafter' prefixes removed."""
    head = re.split(r"\s*[:：]\s*", inside, maxsplit=1)[0]
    items = []
    for item in _SEPARATORS.split(head):
        item = item.strip().strip(_QUOTES).strip()
        for prefix in _ASIDE_PREFIX:
            if item.startswith(prefix):
                item = item[len(prefix) :].strip()
        if item:
            items.append(item)
    return items


def _is_name_like(gloss: str) -> bool:
    """Not an amount, date, count, credit or clause."""
    lowered = gloss.lower()
    if _DIGIT.search(gloss) and not re.fullmatch(r"[A-Za-z][A-Za-z0-9 .\-]*", gloss):
        return False  # 120명, 950억 원, 2025년, 3.5%; a Latin name with digits (GPT-4) passes
    if any(lowered.startswith(word) for word in _CREDIT_WORDS):
        return False
    script = _script(gloss)
    if script is None:
        return False
    if script is Script.LATIN:
        return bool(_LATIN_NAME.fullmatch(gloss)) and len(gloss.split()) <= 8
    if script is Script.HANGUL:
        words = gloss.split()
        return len(words) <= 3 and not gloss.endswith(("다", "요", "까"))
    return len(gloss) <= 12


def _words_before(text: str, end: int) -> list[tuple[int, int]]:
    """Spans of the Hangul words right before end, nearest last, stopping at punctuation."""
    spans: list[tuple[int, int]] = []
    position = end
    while len(spans) < MAX_NAME_WORDS:
        word_end = position
        while position > 0 and (
            script_of(text[position - 1]) is Script.HANGUL
            or (text[position - 1] in "-·" and position > 1 and _is_hangul_at(text, position - 2))
        ):
            position -= 1
        if position == word_end:
            break
        glued = (
            position > 0 and not text[position - 1].isspace() and text[position - 1] not in _QUOTES
        )
        if glued and spans:
            break  # 센스타임(SenseTime)과 원거…: a word glued to a bracket belongs to what precedes
        spans.append((position, word_end))
        if position == 0 or text[position - 1] != " ":
            break
        position -= 1
    spans.reverse()
    return spans


def _is_hangul_at(text: str, index: int) -> bool:
    return script_of(text[index]) is Script.HANGUL


def _usable_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words that may belong to a name: none after a role word or a word with a particle."""
    usable: list[tuple[int, int]] = []
    for index in range(len(spans) - 1, -1, -1):
        word = text[spans[index][0] : spans[index][1]]
        if usable and (word in _ROLE_WORDS or _ends_with_particle(word)):
            break  # the nearest word may itself be a role glossed (최고경영자(CEO))
        usable.insert(0, spans[index])
    return usable


def _ends_with_particle(word: str) -> bool:
    """전문가인, 회사의, 중국에서, 과: a word that ends a phrase, not one inside a name."""
    if word[-1] not in "은는이가을를의에인와과로서도":
        return False
    return len(word) == 1 or any(
        is_particle_sequence(word[cut:]) for cut in range(max(len(word) - 3, 1), len(word))
    )


def _hangul_span(
    text: str, end: int, glosses: list[tuple[str, Script]]
) -> tuple[int, str, float] | None:
    """Where the Hangul name before end starts, the evidence for it, and a confidence."""
    words = _usable_words(text, _words_before(text, end))
    if not words:
        return None
    for gloss, script in glosses:
        if script is Script.HAN:
            readings = (
                ("mandarin", mandarin_reading(gloss)),
                ("sino-korean", sino_korean_reading(gloss)),
            )
            for count in range(len(words), 0, -1):
                joined = text[words[-count][0] : end].replace(" ", "")
                for evidence, reading in readings:
                    if joined == reading:
                        return words[-count][0], evidence, 0.95
    for gloss, script in glosses:
        if script is Script.LATIN and not _is_acronym(gloss):
            count = min(len(gloss.split()), len(words))
            return words[-count][0], "words", 0.85 if count == len(gloss.split()) else 0.75
    for gloss, script in glosses:
        if script is Script.LATIN and _is_acronym(gloss):
            return _acronym_span(text, words, end, len(gloss)), "acronym", 0.8
    return words[-1][0], "nearest", 0.6


def _is_acronym(gloss: str) -> bool:
    return gloss.isupper() and " " not in gloss and 2 <= len(gloss) <= 8


def _acronym_span(text: str, words: list[tuple[int, int]], end: int, letters: int) -> int:
    """Enough words for the acronym: about one or two syllables per letter."""
    start = words[-1][0]
    for word_start, _ in reversed(words):
        start = word_start
        if len(text[start:end].replace(" ", "")) >= letters:
            break
    return start


def _latin_span(text: str, end: int) -> int | None:
    """Start of the capitalised Latin name before end (Beijing Wenge Technology)."""
    words = list(re.finditer(r"[A-Za-z][A-Za-z0-9.&'’\-]*", text[max(0, end - 120) : end]))
    offset = max(0, end - 120)
    start: int | None = None
    expected_end = end
    for match in reversed(words):
        word_end = offset + match.end()
        gap = text[word_end:expected_end]
        if gap.strip() or len(gap) > 1:
            break
        if not (
            match.group()[0].isupper() or match.group().lower() in ("of", "and", "for", "the", "de")
        ):
            break
        start = offset + match.start()
        expected_end = start
    while start is not None and text[start:end].split()[0].lower() in (
        "of",
        "and",
        "for",
        "the",
        "de",
    ):
        start = text.index(" ", start) + 1
    return start


def _han_span(text: str, end: int) -> int | None:
    """Start of the run of Han characters before end (a Chinese or Japanese name)."""
    start = end
    while (
        start > 0 and script_of(text[start - 1]) in (Script.HAN, Script.KANA) and end - start < 10
    ):
        start -= 1
    return start if start < end else None


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    return " ".join(text[left:right].split())


def _pairs(text: str) -> Iterator[Candidate]:
    """Every (term, gloss) pair the text glosses, one per gloss, in text order."""
    for match in _PARENS.finditer(text):
        items = [g for g in _glosses(match.group(1)) if _is_name_like(g)]
        glosses = [(g, s) for g in items if (s := _script(g)) is not None]
        if not glosses:
            continue
        end = match.start()
        while end > 0 and text[end - 1] in _QUOTES:
            end -= 1
        if (
            end > 0
            and text[end - 1] == " "
            and end > 1
            and script_of(text[end - 2]) is Script.LATIN
        ):
            end -= 1  # "SenseTime (商湯科技)": English style puts a space before the parenthesis
        if end == 0:
            continue
        yield from _pairs_at(text, end, glosses, match.end())


def _pairs_at(
    text: str, end: int, glosses: list[tuple[str, Script]], paren_end: int
) -> Iterator[Candidate]:
    before = script_of(text[end - 1])
    if before is Script.HANGUL:
        found = _hangul_span(text, end, glosses)
        if found is None:
            return
        start, evidence, confidence = found
    elif before is Script.LATIN or before is Script.DIGIT:
        latin_start = _latin_span(text, end)
        if latin_start is None:
            return
        start, evidence, confidence = latin_start, "capitalised", 0.75
    elif before in (Script.HAN, Script.KANA):
        han_start = _han_span(text, end)
        if han_start is None:
            return
        start, evidence, confidence = han_start, "nearest", 0.6
    else:
        return
    source = clean_term(text[start:end])
    source_script = _script(source)
    if source_script is None:
        return
    context = _context(text, start, paren_end)
    hangul_glosses = [g for g, s in glosses if s is Script.HANGUL]
    for gloss, script in glosses:
        if script is source_script or lookup_key(gloss) == lookup_key(source):
            continue  # a qualifier in the same script, or a gloss that repeats the term
        inner = _reading_of(gloss, hangul_glosses) if script is Script.HAN else None
        if inner is not None:
            # (광저우·廣州): the Han gloss names the Hangul qualifier, not the term before
            yield _candidate(inner, Script.HANGUL, gloss, script, 0.9, context, "mandarin")
            continue
        yield _candidate(source, source_script, gloss, script, confidence, context, evidence)


def _reading_of(han: str, hangul_glosses: list[str]) -> str | None:
    """The Hangul gloss that reads as han (Mandarin or Sino-Korean), if any."""
    readings = (mandarin_reading(han), sino_korean_reading(han))
    for hangul in hangul_glosses:
        if hangul.replace(" ", "") in readings:
            return hangul
    return None


def _candidate(
    source: str,
    source_script: Script,
    gloss: str,
    gloss_script: Script,
    confidence: float,
    context: str,
    evidence: str,
) -> Candidate:
    return Candidate(
        source=source,
        source_lang=_language(source_script, source),
        gloss=gloss,
        gloss_lang=_language(gloss_script, gloss),
        confidence=confidence,
        context=context,
        evidence=evidence,
        script=han_variant(gloss) if gloss_script is Script.HAN else None,
    )


def harvest(text: str) -> list[Candidate]:
    """Candidates from text, one per (source, gloss) pair, counted, best evidence kept."""
    merged: dict[tuple[str, str], Candidate] = {}
    for candidate in _pairs(text):
        key = (candidate.source, candidate.gloss)
        seen = merged.get(key)
        if seen is None:
            merged[key] = candidate
            continue
        seen.count += 1
        if candidate.confidence > seen.confidence:
            seen.confidence, seen.evidence = candidate.confidence, candidate.evidence
    for candidate in merged.values():
        # a pair seen again is likelier to be a name than a one-off
        candidate.confidence = min(0.99, candidate.confidence + 0.02 * (candidate.count - 1))
    return list(merged.values())


def _same_language(tag: str, wanted: str) -> bool:
    """zh matches zh-Hant and zh-Hans; a tag with a script or region matches only itself."""
    return tag.split("-")[0].lower() == wanted.split("-")[0].lower() and (
        "-" not in wanted or tag == wanted
    )


def mark_known(candidate: Candidate, concepts: list[Concept]) -> None:
    """Known when a concept has both terms; a conflict when it renders the source otherwise."""
    gloss_key = lookup_key(candidate.gloss)
    for concept in concepts:
        if not any(_same_language(t.lang, candidate.source_lang) for t in concept.terms):
            continue
        candidate.concept = concept.id
        renderings = [t for t in concept.terms if _same_language(t.lang, candidate.gloss_lang)]
        usable = [t for t in renderings if t.status is not TermStatus.DEPRECATED]
        if any(lookup_key(t.text) == gloss_key for t in usable):
            candidate.known, candidate.conflict = True, []
            return
        candidate.conflict = [t.text for t in usable]
