"""The harvest command: name and term pairs from parenthetical glosses, listed or accepted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import err, open_db, out

if TYPE_CHECKING:
    from workbench.domain.harvest import Candidate

app = typer.Typer()


def _candidate_json(candidate: Candidate) -> dict[str, object]:
    return {
        "source": candidate.source,
        "source_lang": candidate.source_lang,
        "gloss": candidate.gloss,
        "gloss_lang": candidate.gloss_lang,
        "count": candidate.count,
        "context": candidate.context,
        "confidence": round(candidate.confidence, 2),
        "evidence": candidate.evidence,
        "script": candidate.script,
        "known": candidate.known,
        "concept": candidate.concept,
        "conflict": candidate.conflict,
    }


def _candidate_line(candidate: Candidate) -> str:
    state = "known" if candidate.known else ""
    if candidate.conflict:
        state = "term base has " + " | ".join(candidate.conflict)
    return (
        f"{candidate.confidence:.2f}  {candidate.source} ({candidate.source_lang}) = "
        f"{candidate.gloss} ({candidate.gloss_lang})  x{candidate.count}"
        + (f"  [{state}]" if state else "")
    )


@app.command()
def harvest(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A text (UTF-8) whose names are glossed.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the candidates as JSON.")] = False,
    accept: Annotated[bool, typer.Option(help="Add the candidates to the term base.")] = False,
    min_confidence: Annotated[
        float,
        typer.Option(min=0, max=1, help="With --accept: only candidates at least this sure."),
    ] = 0.8,
    review: Annotated[
        bool, typer.Option(help="Review in the terminal UI: accept, edit, reject, save.")
    ] = False,
) -> None:
    """Name and term pairs from parenthetical glosses: 스쥔(史軍), 센스타임(SenseTime)."""
    from workbench import services, settings

    db = open_db(ctx)
    candidates = services.harvest_file(db, file)
    if review:
        from workbench.tui.app import make_app
        from workbench.tui.screens.harvest import HarvestScreen

        make_app(db, HarvestScreen(db, candidates, file.name)).run()
        return
    if as_json:
        shown = {"candidates": [_candidate_json(c) for c in candidates]}
        out.print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        for candidate in candidates:
            out.print(_candidate_line(candidate))
    if accept:
        result = services.accept_candidates(db, candidates, min_confidence, settings.author())
        err.print(
            f"accepted: {result.concepts_created} new concepts, {result.concepts_merged} merged, "
            f"{result.terms_added} terms added"
        )
