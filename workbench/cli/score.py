"""The score command: BLEU, chrF and TER of a translation; a document's post-edit distances."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import MOST_ROWS, err, fail, open_db, out

if TYPE_CHECKING:
    from workbench.domain.scoring import Score, SegmentScore
    from workbench.services import PostEdit, PostEditReport

app = typer.Typer()


def _read_segments(path: Path) -> list[str]:
    """One segment per line of a UTF-8 text file (a final newline ends the last line)."""
    from workbench import services

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


def _post_edit_json(row: PostEdit) -> dict[str, object]:
    return {
        "segment": row.position,
        "score": row.score,
        "suggestion": row.suggestion,
        "origin": row.origin,
        "target": row.target,
    }


def _print_post_edits(report: PostEditReport, as_json: bool, worst: int) -> None:
    """A document's stored post-edit distances: average, count, signature, most edited."""
    from workbench.domain.document import plain_text

    most_edited = report.worst(worst)
    if as_json:
        signatures = report.signatures
        shown = {
            "document": report.name,
            "ter": {
                "score": report.average,
                "signature": signatures[0] if len(signatures) == 1 else signatures or None,
                "count": len(report.rows),
            },
            "segments": [_post_edit_json(row) for row in report.rows],
            "worst": [_post_edit_json(row) for row in most_edited],
        }
        out.print(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    if report.average is None:
        out.print(f"{report.name}: no post-edited suggestions stored yet")
        return
    out.print(
        f"{report.name}: post-edit distance (TER) {report.average:.2f} on average "
        f"over {len(report.rows)} segments"
    )
    for signature in report.signatures:
        out.print(f"signature: {signature}")
    if most_edited:
        out.print(f"\nmost edited, highest TER first ({len(most_edited)} of {len(report.rows)}):")
        for row in most_edited:
            origin = f"  ({row.origin})" if row.origin else ""
            out.print(f"{row.position:>6}  {row.score:6.2f}  {plain_text(row.target)}")
            out.print(f"{'':>6}  {'was':>6}  {plain_text(row.suggestion)}{origin}")


_HELP = (
    "Score HYP against REF with sacrebleu: corpus BLEU, chrF and TER with their signatures, "
    "and the segments with the lowest chrF. With --doc NAME instead: the post-edit distances "
    "(TER from the inserted TM suggestion to the confirmed target) stored for a document.\n\n"
    "BLEU is tokenized for the target language: zh for Chinese, ja-mecab for Japanese when "
    "MeCab is installed (else char), char for Korean, 13a otherwise. For Korean, whose "
    "particles glue onto words, chrF (character n-grams) is the better metric; TER counts "
    "edits of space-separated words there, and of characters for Chinese and Japanese."
)


@app.command("score", help=_HELP)
def score_command(
    ctx: typer.Context,
    hyp: Annotated[
        Path | None,
        typer.Argument(metavar="HYP", help="The translation: UTF-8 text, one segment a line."),
    ] = None,
    ref: Annotated[
        Path | None,
        typer.Argument(metavar="REF", help="The reference translation, line by line with HYP."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    doc: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="An imported document's stored post-edit distances instead."
        ),
    ] = None,
    metrics: Annotated[
        str | None,
        typer.Option(help="Metrics to compute, comma-separated: bleu, chrf, ter (default: all)."),
    ] = None,
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
        int,
        typer.Option(
            min=0,
            max=MOST_ROWS,
            help="List this many segments with the lowest chrF (with --doc: highest TER).",
        ),
    ] = 5,
    chrf_word_order: Annotated[
        int,
        typer.Option(min=0, max=6, help="Word n-gram order for chrF; 2 gives chrF++."),
    ] = 0,
) -> None:
    """Corpus BLEU, chrF and TER of HYP against REF, and the lowest-scoring segments."""
    from workbench import services
    from workbench.domain.scoring import (
        METRICS,
        ScoringError,
        parse_metrics,
        score_corpus,
        target_language,
        tokenizer_for,
        worst_segments,
    )

    if doc is not None:
        if hyp is not None or ref is not None:
            fail("give HYP and REF, or --doc NAME, not both")
        _print_post_edits(services.post_edit_report(open_db(ctx), doc), as_json, worst)
        return
    if hyp is None or ref is None:
        fail("give HYP and REF to score (or --doc NAME)")
    try:
        chosen = parse_metrics(metrics) if metrics is not None else METRICS
        hypotheses = _read_segments(hyp)
        references = _read_segments(ref)
        if len(hypotheses) != len(references):
            fail(
                f"{hyp} has {len(hypotheses)} lines but {ref} has {len(references)}: "
                "they must pair up line by line"
            )
        if not references:
            fail(f"{hyp} and {ref} are empty: nothing to score")
        if lang is None and ((tokenize is None and "bleu" in chosen) or "ter" in chosen):
            lang = target_language(references)
        if tokenize is None and "bleu" in chosen:
            note = tokenizer_for(lang).note
            if note:
                err.print(f"workbench: {note}")
        scores = score_corpus(hypotheses, references, chosen, tokenize, lang, chrf_word_order)
        lowest = worst_segments(hypotheses, references, worst, chrf_word_order)
    except ScoringError as error:
        fail(str(error))
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
