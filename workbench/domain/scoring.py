"""Translation quality scores (BLEU, chrF, TER) from sacrebleu, each with its signature.

The BLEU tokenizer follows the target language: Chinese gets sacrebleu's "zh", Japanese
"ja-mecab" when MeCab is installed (else "char"), Korean "char" and everything else "13a".
Korean and Chinese are written without spaces between the parts of a word (particles glue onto
names), so chrF, which compares character n-grams, is the better metric for them. TER splits
Han and kana into characters for Chinese and Japanese (sacrebleu's "asian support"); without
that a Chinese sentence is one token and TER can only say 0 or 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from workbench.domain.langid import detect_document_language
from workbench.domain.langtags import normalize_lang

METRICS = ("bleu", "chrf", "ter")
"""The metrics score_corpus knows, in the order they are reported."""
DEFAULT_TOKENIZER = "13a"
"""sacrebleu's default (mteval-v13a) for languages written with spaces between words."""
CHRF_PLUS_PLUS_WORD_ORDER = 2
"""chrF with word n-grams up to this order is chrF++ (Popović 2017)."""
_SPLIT_INTO_CHARACTERS = frozenset({"zh", "ja"})


class ScoringError(ValueError):
    """A scoring request that cannot be carried out (unknown metric or tokenizer, bad input)."""


@dataclass(frozen=True, slots=True)
class Score:
    """One metric's score and the sacrebleu signature that makes it reproducible."""

    name: str
    """sacrebleu's name for the metric as configured: BLEU, chrF2, chrF2++, TER."""
    value: float
    """0-100; higher is better except for TER, which counts edits."""
    signature: str


@dataclass(frozen=True, slots=True)
class TokenizerChoice:
    """The BLEU tokenizer for a language, and why it is not the usual one when it is not."""

    name: str
    """A sacrebleu tokenizer name (13a, zh, char, ja-mecab ...)."""
    note: str | None = None
    """Set when a fallback was taken, to tell the user."""


@dataclass(frozen=True, slots=True)
class SegmentScore:
    """A segment's sentence-level chrF, with its 1-based line number and its texts."""

    line: int
    score: float
    hypothesis: str
    reference: str


@cache
def _ja_mecab_available() -> bool:
    """True when sacrebleu's ja-mecab tokenizer can be built (MeCab and ipadic installed)."""
    try:
        BLEU(tokenize="ja-mecab")
    except (ImportError, RuntimeError, AssertionError, OSError):
        return False
    return True


def _primary(lang: str | None) -> str:
    """The primary language subtag in lower case (zh-Hant -> zh); empty for none or und."""
    if not lang:
        return ""
    primary = normalize_lang(lang).split("-")[0].lower()
    return "" if primary == "und" else primary


def target_language(references: Iterable[str], lang: str | None = None) -> str:
    """The target language: lang when given (normalised), else detected from the references."""
    if lang:
        return normalize_lang(lang)
    return detect_document_language(references).lang


def tokenizer_for(lang: str | None) -> TokenizerChoice:
    """The BLEU tokenizer for a target language (BCP-47 tag; None or und for unknown)."""
    primary = _primary(lang)
    if primary == "zh":
        return TokenizerChoice("zh")
    if primary == "ja":
        if _ja_mecab_available():
            return TokenizerChoice("ja-mecab")
        return TokenizerChoice(
            "char",
            "ja-mecab is not installed (pip install 'sacrebleu[ja]'): "
            "BLEU uses the char tokenizer for Japanese",
        )
    if primary == "ko":
        # ko-mecab needs mecab-ko and its dictionary; char gives the same score everywhere.
        return TokenizerChoice("char")
    return TokenizerChoice(DEFAULT_TOKENIZER)


def _bleu(tokenize: str) -> BLEU:
    if tokenize not in BLEU.TOKENIZERS:
        known = ", ".join(BLEU.TOKENIZERS)
        raise ScoringError(f"unknown tokenizer {tokenize!r} (choose from {known})")
    try:
        return BLEU(tokenize=tokenize)
    except (ImportError, RuntimeError) as error:
        reason = next((line for line in str(error).splitlines() if line.strip()), "")
        raise ScoringError(f"tokenizer {tokenize!r} cannot be used here: {reason}") from None


def _ter(lang: str | None, case_sensitive: bool = False) -> TER:
    split = _primary(lang) in _SPLIT_INTO_CHARACTERS
    return TER(normalized=split, asian_support=split, case_sensitive=case_sensitive)


def parse_metrics(text: str) -> tuple[str, ...]:
    """Metric names from a comma-separated list, in report order; unknown names refused."""
    wanted = {name.strip().lower() for name in text.split(",") if name.strip()}
    unknown = sorted(wanted - set(METRICS))
    if unknown:
        raise ScoringError(
            f"unknown metric {', '.join(unknown)} (choose from {', '.join(METRICS)})"
        )
    if not wanted:
        raise ScoringError(f"no metric given (choose from {', '.join(METRICS)})")
    return tuple(name for name in METRICS if name in wanted)


def _check_aligned(hypotheses: Sequence[str], references: Sequence[str]) -> None:
    if len(hypotheses) != len(references):
        raise ScoringError(
            f"{len(hypotheses)} hypotheses but {len(references)} references: "
            "they must pair up line by line"
        )


def score_corpus(
    hypotheses: Sequence[str],
    references: Sequence[str],
    metrics: Sequence[str] = METRICS,
    tokenize: str | None = None,
    lang: str | None = None,
    chrf_word_order: int = 0,
) -> dict[str, Score]:
    """Corpus BLEU, chrF and TER of hypotheses against one reference each, keyed by metric.

    tokenize overrides the BLEU tokenizer that lang (else the references' script) selects.
    """
    _check_aligned(hypotheses, references)
    unknown = [name for name in metrics if name not in METRICS]
    if unknown:
        raise ScoringError(f"unknown metric {', '.join(unknown)}")
    if chrf_word_order < 0:
        raise ScoringError("the chrF word order cannot be negative")
    if lang is None and ((tokenize is None and "bleu" in metrics) or "ter" in metrics):
        lang = target_language(references)
    built: dict[str, Metric] = {}
    for name in METRICS:
        if name not in metrics:
            continue
        if name == "bleu":
            built[name] = _bleu(tokenize or tokenizer_for(lang).name)
        elif name == "chrf":
            built[name] = CHRF(word_order=chrf_word_order)
        else:
            built[name] = _ter(lang)
    scores: dict[str, Score] = {}
    for name, metric in built.items():
        result = metric.corpus_score(list(hypotheses), [list(references)])
        scores[name] = Score(result.name, result.score, str(metric.get_signature()))
    return scores


def worst_segments(
    hypotheses: Sequence[str],
    references: Sequence[str],
    count: int,
    chrf_word_order: int = 0,
) -> list[SegmentScore]:
    """The count segments with the lowest sentence chrF, worst first (ties by line number).

    Lines blank in both files are left out: they keep the files aligned and have nothing to fix.
    """
    _check_aligned(hypotheses, references)
    if count <= 0:
        return []
    chrf = CHRF(word_order=chrf_word_order)
    scored = [
        SegmentScore(line, chrf.sentence_score(hyp, [ref]).score, hyp, ref)
        for line, (hyp, ref) in enumerate(zip(hypotheses, references, strict=True), start=1)
        if hyp.strip() or ref.strip()
    ]
    scored.sort(key=lambda segment: (segment.score, segment.line))
    return scored[:count]


def post_edit_distance(suggestion: str, final: str, lang: str | None) -> Score:
    """TER from an inserted TM/MT suggestion to the final target: the share of words edited.

    Case-sensitive, because a translator who changed the case did edit the text; Chinese and
    Japanese are compared character by character.
    """
    ter = _ter(lang, case_sensitive=True)
    result = ter.sentence_score(suggestion, [final])
    return Score(result.name, result.score, str(ter.get_signature()))
