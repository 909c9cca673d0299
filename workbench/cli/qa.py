"""The qa command: check translations in a file or an imported document; mark false alarms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import err, fail, open_db, out

if TYPE_CHECKING:
    from collections.abc import Sequence

    from workbench.domain.checks import Issue
    from workbench.domain.document import InlineCode
    from workbench.services import QaReport

app = typer.Typer()

_MARK = re.compile(r"(\d{1,9}):([a-z_]+)")  # a position beyond 10^9 is no segment


def _marked(text: str, codes: Sequence[InlineCode], issue: Issue) -> str:
    """text as the QA screen shows it (codes as labels, end spaces visible), the issue's part
    marked «…»."""
    from workbench import services

    shown, marks = services.issue_text(text, codes, issue)
    for start, end in reversed(marks):
        shown = f"{shown[:start]}«{shown[start:end]}»{shown[end:]}"
    return shown


def _issue_json(report: QaReport, issue: Issue) -> dict[str, object]:
    from workbench.domain.checks.profile import issue_hash

    pair = report.pair_at(issue.position)
    return {
        "segment": issue.position,
        "id": issue.unit_id,
        "check": issue.check,
        "severity": issue.severity.value,
        "message": issue.message,
        "hash": issue_hash(issue.check, pair.source, pair.target),
    }


def _qa_json(report: QaReport, show_ignored: bool) -> dict[str, object]:
    shown: dict[str, object] = {
        "file": report.name,
        "segments": len(report.pairs),
        "issues": [_issue_json(report, issue) for issue in report.issues],
        "ignored": report.ignored,
    }
    if show_ignored:
        shown["ignored_issues"] = [_issue_json(report, issue) for issue in report.ignored_issues]
    return shown


def _print_qa(report: QaReport, show_ignored: bool) -> None:
    """Issues grouped by check: title and count, then each issue with its source and target."""
    from workbench import services
    from workbench.domain.checks.profile import check_title

    ranked = services.grouped_by_check(report.issues)
    for check_id, issues in ranked:
        out.print(
            f"{check_title(check_id)} [{check_id}, {issues[0].severity.value}]: {len(issues)}"
        )
        for issue in issues:
            pair = report.pair_at(issue.position)
            where = f"#{issue.position}" + (f" ({issue.unit_id})" if issue.unit_id else "")
            out.print(f"  {where}  {issue.message}")
            out.print(f"      source: {_marked(pair.source, pair.codes, issue)}")
            out.print(f"      target: {_marked(pair.target, pair.codes, issue)}")
        out.print()
    if show_ignored and report.ignored_issues:
        out.print(f"Ignored: {report.ignored}")
        for issue in report.ignored_issues:
            out.print(f"  #{issue.position}  {issue.check}  {issue.message}")
        out.print()
    counts = ", ".join(f"{len(issues)} {check_id}" for check_id, issues in ranked)
    summary = f"{report.name}: {len(report.pairs)} segments, {len(report.issues)} issues"
    ignored = f", {report.ignored} ignored" if report.ignored else ""
    out.print(summary + (f" ({counts})" if counts else "") + ignored)


def _marks(option: str, specs: list[str] | None) -> list[tuple[int, str]]:
    """POSITION:CHECK_ID values of a repeatable option."""
    marks = []
    for spec in specs or []:
        found = _MARK.fullmatch(spec.strip())
        if found is None:
            fail(f"{option} {spec!r}: give POSITION:CHECK_ID, e.g. 3:number_mismatch")
        marks.append((int(found[1]), found[2]))
    return marks


@app.command("qa")
def qa_command(
    ctx: typer.Context,
    file_or_name: Annotated[
        str,
        typer.Argument(
            metavar="FILE_OR_NAME",
            help="A bilingual XLIFF, PO, CSV/TSV or TMX file, or an imported document's name.",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the issues as JSON.")] = False,
    checks: Annotated[
        str | None, typer.Option(help="Only these checks, e.g. term_missing,number_mismatch.")
    ] = None,
    profile: Annotated[
        Path | None, typer.Option(help="A QA profile (TOML): checks, severities, ignores.")
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Source language, for files that do not say.")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Target language, for files that do not say.")
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            metavar="POSITION:CHECK_ID",
            help="Mark an imported document's issue as a false alarm, stored until the "
            "segment's text changes (repeatable).",
        ),
    ] = None,
    unignore: Annotated[
        list[str] | None,
        typer.Option(metavar="POSITION:CHECK_ID", help="Drop such a mark (repeatable)."),
    ] = None,
    show_ignored: Annotated[
        bool, typer.Option("--show-ignored", help="List the ignored issues too.")
    ] = False,
) -> None:
    """Check translations: terms, numbers, language, consistency; exit 1 when issues are found."""
    from workbench import services, settings

    wanted = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
    marks, unmarks = _marks("--ignore", ignore), _marks("--unignore", unignore)
    db = open_db(ctx)
    if unmarks:
        services.unignore_issues(db, file_or_name, unmarks)
    report = services.run_qa(db, file_or_name, wanted, profile, source_lang, target_lang)
    if marks:
        report = services.ignore_issues(db, report, marks, settings.author())
    if report.pairs and (wanted is None or "spelling" in wanted):
        missing = services.missing_dictionary(report.pairs[0].target_lang, unspaced=False)
        if missing is not None:
            err.print(f"{file_or_name}: {missing}")
    if as_json:
        out.print(json.dumps(_qa_json(report, show_ignored), ensure_ascii=False, indent=2))
    else:
        _print_qa(report, show_ignored)
    if report.issues:
        raise SystemExit(1)  # click would turn typer.Exit into a return value here
