"""workbench analyze: segments, words and characters per match band, for quoting."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import fail, open_db, out

if TYPE_CHECKING:
    from workbench.domain.analysis import ReportRow
    from workbench.services import Analysis

app = typer.Typer()

COLUMNS = ("band", "segments", "words", "characters", "CJK chars", "rate %", "weighted")


@app.command("analyze")
def analyze_command(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="Documents (see docs).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    as_html: Annotated[bool, typer.Option("--html", help="Print an HTML page.")] = False,
    grid: Annotated[
        Path | None,
        typer.Option(
            help="Rate grid (TOML: [rates] band = % of the full rate) for weighted words."
        ),
    ] = None,
) -> None:
    """Segments, words and characters per match band against the TM, per document and total.

    Bands: 101 (in context), repetitions within a document and across the documents given,
    100, 95-99, 85-94, 75-84, 50-74, no match. Words count a Korean eojeol as one word and
    each Han or kana character as one; characters leave out spaces and inline codes.
    """
    from workbench import services

    if sum((as_json, as_csv, as_html)) > 1:
        fail("give one of --json, --csv, --html")
    rates = services.read_grid(grid) if grid is not None else None
    analysis = services.analyze(open_db(ctx), names, rates)
    if as_json:
        out.print(_json(analysis))
    elif as_csv:
        out.print(_csv(analysis), end="")
    elif as_html:
        out.print(_html(analysis))
    else:
        out.print(_text(analysis))


def _tables(analysis: Analysis) -> list[tuple[str, list[ReportRow]]]:
    from workbench.domain.analysis import report_rows

    tables = [(t.name, report_rows(t, analysis.grid)) for t in analysis.documents]
    if len(analysis.documents) > 1:
        tables.append(("total", report_rows(analysis.total, analysis.grid)))
    return tables


def _cells(row: ReportRow) -> list[str]:
    counts = row.counts
    cells = [row.band, str(counts.segments), str(counts.words), str(counts.characters)]
    cells.append(str(counts.cjk))
    cells.append("" if row.rate is None else f"{row.rate:g}")
    cells.append("" if row.weighted is None else f"{row.weighted:.1f}")
    return cells


def _text(analysis: Analysis) -> str:
    lines = []
    with_grid = analysis.grid is not None
    columns = COLUMNS if with_grid else COLUMNS[:5]
    for name, rows in _tables(analysis):
        cells = [list(columns), *(_cells(row)[: len(columns)] for row in rows)]
        widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
        lines.append(name)
        for line in cells:
            first = line[0].ljust(widths[0])
            rest = (cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True))
            lines.append("  " + "  ".join([first, *rest]))
        lines.append("")
    return "\n".join(lines).rstrip()


def _row_json(row: ReportRow) -> dict[str, object]:
    counts = row.counts
    found: dict[str, object] = {
        "segments": counts.segments,
        "words": counts.words,
        "characters": counts.characters,
        "cjk_characters": counts.cjk,
    }
    if row.rate is not None:
        found["rate_percent"] = row.rate
    if row.weighted is not None:
        found["weighted_words"] = round(row.weighted, 2)
    return found


def _json(analysis: Analysis) -> str:
    from workbench.domain.analysis import report_rows

    def table(rows: list[ReportRow]) -> dict[str, object]:
        return {
            "bands": {row.band: _row_json(row) for row in rows[:-1]},
            "total": _row_json(rows[-1]),
        }

    documents = [
        {"name": t.name, "source_lang": langs[0], "target_lang": langs[1]}
        | table(report_rows(t, analysis.grid))
        for t, langs in zip(analysis.documents, analysis.languages, strict=True)
    ]
    found = {"documents": documents, "total": table(report_rows(analysis.total, analysis.grid))}
    return json.dumps(found, ensure_ascii=False, indent=2)


def _csv(analysis: Analysis) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["document", *COLUMNS])
    for name, rows in _tables(analysis):
        writer.writerows([name, *_cells(row)] for row in rows)
    return buffer.getvalue()


def _html(analysis: Analysis) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>Analysis</title>',
        "<style>table{border-collapse:collapse;margin-bottom:1.5em}"
        "td,th{border:1px solid #999;padding:2px 8px}td{text-align:right}"
        "td:first-child{text-align:left}</style></head><body>",
    ]
    for name, rows in _tables(analysis):
        parts.append(f"<h2>{html.escape(name)}</h2><table>")
        parts.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS) + "</tr>")
        for row in rows:
            cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in _cells(row))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
