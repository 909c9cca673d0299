"""The LQA commands: annotate MQM errors on segments, and a document's MQM score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import MOST_ROWS, fail, open_db, out

if TYPE_CHECKING:
    from workbench.services import LqaReport

app = typer.Typer(help="LQA: MQM error annotation and scoring.", no_args_is_help=True)
NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="An imported document's name.")]


@app.command("add")
def lqa_add_command(
    ctx: typer.Context,
    name: NameArgument,
    category: Annotated[
        str, typer.Argument(help="MQM dimension or dimension/type, e.g. accuracy/omission.")
    ],
    severity: Annotated[str, typer.Argument(help="neutral, minor, major or critical.")],
    segment: Annotated[
        int, typer.Option("--segment", min=1, max=MOST_ROWS, help="The segment's number.")
    ],
    note: Annotated[str | None, typer.Option(help="What is wrong.")] = None,
    excerpt: Annotated[str | None, typer.Option(help="The part of the target in error.")] = None,
) -> None:
    """Annotate an error on a segment."""
    from workbench import services, settings

    found = services.add_annotation(
        open_db(ctx), name, segment, category, severity, note, excerpt, settings.author()
    )
    out.print(f"LQA {found.id}: {found.severity.value} {found.category} on segment {segment}")


@app.command("remove")
def lqa_remove_command(
    ctx: typer.Context,
    annotation_id: Annotated[str, typer.Argument(metavar="ID", help="An annotation's id.")],
) -> None:
    """Delete an annotation."""
    from workbench import services

    if not annotation_id.isdigit() or len(annotation_id) > 12:
        fail(f"{annotation_id!r} is not an annotation id (see: workbench lqa report NAME)")
    services.remove_annotation(open_db(ctx), int(annotation_id))
    out.print(f"LQA {annotation_id} removed")


@app.command("categories")
def lqa_categories_command() -> None:
    """The MQM Core dimensions and their error types."""
    from workbench.domain.mqm import MQM_CORE

    for dimension, kinds in MQM_CORE.items():
        out.print(f"{dimension}: {', '.join(kinds)}")


def _report_json(report: LqaReport) -> dict[str, object]:
    score = report.score
    return {
        "document": report.name,
        "evaluated_segments": report.evaluated_segments,
        "evaluation_words": score.evaluation_words,
        "errors": score.errors,
        "penalty_total": score.penalty,
        "per_word_penalty": round(score.per_word, 6),
        "normed_penalty": round(score.normed, 3),
        "reference_words": report.profile.reference_words,
        "quality_score": round(score.quality, 3),
        "threshold": score.threshold,
        "passed": score.passed,
        "by_dimension": score.counts,
        "annotations": [
            {
                "id": a.id,
                "segment": a.position,
                "category": a.category,
                "severity": a.severity.value,
                "excerpt": a.excerpt,
                "note": a.note,
                "author": a.author,
            }
            for a in report.annotations
        ],
    }


@app.command("report")
def lqa_report_command(
    ctx: typer.Context,
    name: NameArgument,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    profile: Annotated[
        Path | None,
        typer.Option(help="A scoring profile (TOML): threshold, severities, weights."),
    ] = None,
) -> None:
    """The MQM score (MQM 2.0 raw scoring model): error points per word, pass or fail;
    exit 1 when it fails."""
    from workbench import services

    report = services.lqa_report(open_db(ctx), name, profile)
    score = report.score
    if as_json:
        out.print(json.dumps(_report_json(report), ensure_ascii=False, indent=2))
    else:
        for a in report.annotations:
            excerpt = f" “{a.excerpt}”" if a.excerpt else ""
            note = f": {a.note}" if a.note else ""
            out.print(
                f"#{a.position}  [{a.id}] {a.severity.value} {a.category}{excerpt}{note}"
                f" ({a.author or 'unknown'})"
            )
        for dimension, counts in sorted(score.counts.items()):
            shown = ", ".join(f"{n} {level}" for level, n in counts.items())
            out.print(f"{dimension}: {shown}")
        verdict = "PASS" if score.passed else "FAIL"
        out.print(
            f"{report.name}: {score.errors} errors, {score.penalty:g} penalty points over "
            f"{score.evaluation_words} words ({score.normed:.1f} per "
            f"{report.profile.reference_words:,}); quality {score.quality:.2f} "
            f"(threshold {score.threshold:g}): {verdict}"
        )
    if not score.passed:
        raise SystemExit(1)
