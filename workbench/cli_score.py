"""The score command: corpus BLEU, chrF and TER of a translation against a reference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from workbench import services
from workbench.cli import app, err, out
from workbench.domain.scoring import (
    METRICS,
    Score,
    ScoringError,
    SegmentScore,
    parse_metrics,
    score_corpus,
    target_language,
    tokenizer_for,
    worst_segments,
)


def _read_segments(path: Path) -> list[str]:
    """One segment per line of a UTF-8 text file (a final newline ends the last line)."""
    text = services.read_text_file(path)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _score_line(score: Score) -> str:
    return f"{score.name:<8} {score.value:6.2f}  {score.signature}"


def _segment_json(segment: SegmentScore) -> dict[str, object]:
    return {
        "line": segment.line,
        "score": segment.score,
        "hypothesis": segment.hypothesis,
        "reference": segment.reference,
    }


_HELP = (
    "Score HYP against REF with sacrebleu: corpus BLEU, chrF and TER with their signatures, "
    "and the segments with the lowest chrF.\n\n"
    "BLEU is tokenized for the target language: zh for Chinese, ja-mecab for Japanese when "
    "MeCab is installed (else char), char for Korean, 13a otherwise. For Korean, whose "
    "particles glue onto words, chrF (character n-grams) is the better metric; TER counts "
    "edits of space-separated words there, and of characters for Chinese and Japanese."
)


@app.command("score", help=_HELP)
def score_command(
    hyp: Annotated[Path, typer.Argument(help="The translation: UTF-8 text, one segment a line.")],
    ref: Annotated[Path, typer.Argument(help="The reference translation, line by line with HYP.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    metrics: Annotated[
        str, typer.Option(help="Metrics to compute, comma-separated: bleu, chrf, ter.")
    ] = ",".join(METRICS),
    tokenize: Annotated[
        str | None,
        typer.Option(
            help="BLEU tokenizer (sacrebleu's: 13a, zh, char, ja-mecab, ko-mecab, intl, none "
            "...); default from the target language."
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="Target language (default: detected from REF's script)."),
    ] = None,
    worst: Annotated[
        int, typer.Option(min=0, help="List this many segments with the lowest chrF.")
    ] = 5,
    chrf_word_order: Annotated[
        int, typer.Option(min=0, help="Word n-gram order for chrF; 2 gives chrF++.")
    ] = 0,
) -> None:
    """Corpus BLEU, chrF and TER of HYP against REF, and the lowest-scoring segments."""
    try:
        chosen = parse_metrics(metrics)
        hypotheses = _read_segments(hyp)
        references = _read_segments(ref)
        if len(hypotheses) != len(references):
            raise services.UsageError(
                f"{hyp} has {len(hypotheses)} lines but {ref} has {len(references)}: "
                "they must pair up line by line"
            )
        if not references:
            raise services.UsageError(f"{hyp} and {ref} are empty: nothing to score")
        if lang is None and ((tokenize is None and "bleu" in chosen) or "ter" in chosen):
            lang = target_language(references)
        if tokenize is None and "bleu" in chosen:
            note = tokenizer_for(lang).note
            if note:
                err.print(f"workbench: {note}")
        scores = score_corpus(hypotheses, references, chosen, tokenize, lang, chrf_word_order)
        lowest = worst_segments(hypotheses, references, worst, chrf_word_order)
    except ScoringError as error:
        raise services.UsageError(str(error)) from None
    if as_json:
        shown: dict[str, object] = {
            name: {"score": score.value, "signature": score.signature}
            for name, score in scores.items()
        }
        shown["worst"] = [_segment_json(segment) for segment in lowest]
        out.print(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for score in scores.values():
        out.print(_score_line(score))
    if lowest:
        out.print(f"\nlowest chrF, worst first ({len(lowest)} of {len(references)} segments):")
        for segment in lowest:
            out.print(f"{segment.line:>6}  {segment.score:6.2f}  {segment.hypothesis}")
            out.print(f"{'':>6}  {'ref':>6}  {segment.reference}")
