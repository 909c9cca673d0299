"""The review commands: what reviewers changed against the translator's confirmed version."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from workbench.cli.shared import open_db, out

app = typer.Typer(help="Review: changes against the translator's version.", no_args_is_help=True)


@app.command("report")
def review_report_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="An imported document's name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The segments changed since the translator confirmed them, with TER (sacrebleu)."""
    from workbench import services
    from workbench.domain.document import plain_text

    report = services.review_report(open_db(ctx), name)
    average = report.average
    if as_json:
        shown = {
            "document": report.name,
            "confirmed": report.confirmed,
            "changed": len(report.changes),
            "average_ter": None if average is None else round(average, 2),
            "signature": report.signature,
            "segments": [
                {
                    "segment": change.position,
                    "status": change.status.value,
                    "translator": change.translator,
                    "reviewer": change.reviewer,
                    "translated": plain_text(change.translated),
                    "current": plain_text(change.current),
                    "ter": round(change.ter, 2),
                }
                for change in report.changes
            ],
        }
        out.print(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for change in report.changes:
        who = f"{change.translator or '?'} → {change.reviewer or '?'}"
        out.print(f"#{change.position}  TER {change.ter:.1f}  {change.status.value}  ({who})")
        out.print(f"    translated: {plain_text(change.translated)}")
        out.print(f"    now:        {plain_text(change.current)}")
    mean = "" if average is None else f", average TER {average:.1f}"
    out.print(
        f"{report.name}: {len(report.changes)} of {report.confirmed} confirmed segments changed "
        f"in review{mean}"
    )
    out.print(f"TER signature: {report.signature}")
