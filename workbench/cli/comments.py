"""The comments commands: list a document's comment threads, add, reply, resolve."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from workbench.cli.shared import MOST_ROWS, fail, open_db, out

app = typer.Typer(help="Comments on a document's segments.", no_args_is_help=True)
NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="An imported document's name.")]


@app.command("list")
def comments_list_command(
    ctx: typer.Context,
    name: NameArgument,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    open_only: Annotated[bool, typer.Option("--open", help="Only threads not resolved.")] = False,
) -> None:
    """The comment threads of a document, segment by segment."""
    from workbench import services

    found = services.document_threads(open_db(ctx), name)
    rows = []
    for entry in found:
        for thread in entry.threads:
            if open_only and thread.resolved:
                continue
            rows.append(
                {
                    "segment": entry.position,
                    "thread": thread.first.id,
                    "resolved": thread.resolved,
                    "comments": [
                        {"id": c.id, "author": c.author, "text": c.text} for c in thread.comments
                    ],
                }
            )
    if as_json:
        out.print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        state = " (resolved)" if row["resolved"] else ""
        out.print(f"#{row['segment']} thread {row['thread']}{state}")
        for comment in row["comments"]:  # type: ignore[attr-defined]
            out.print(f"  [{comment['id']}] {comment['author'] or 'unknown'}: {comment['text']}")


@app.command("add")
def comments_add_command(
    ctx: typer.Context,
    name: NameArgument,
    text: Annotated[str, typer.Argument(help="The comment.")],
    segment: Annotated[
        int, typer.Option("--segment", min=1, max=MOST_ROWS, help="The segment's number.")
    ],
    reply_to: Annotated[
        int | None,
        typer.Option(min=1, max=MOST_ROWS, help="Reply to this comment's thread (its id)."),
    ] = None,
) -> None:
    """Comment on a segment, or reply to a comment."""
    from workbench import services, settings

    comment = services.add_comment(open_db(ctx), name, segment, text, settings.author(), reply_to)
    out.print(f"comment {comment.id} added to segment {segment}")


@app.command("resolve")
def comments_resolve_command(
    ctx: typer.Context,
    comment_id: Annotated[str, typer.Argument(metavar="ID", help="A comment of the thread.")],
    reopen: Annotated[bool, typer.Option("--reopen", help="Open the thread again.")] = False,
) -> None:
    """Resolve the thread a comment belongs to (or reopen it)."""
    from workbench import services

    if not comment_id.isdigit() or len(comment_id) > 12:
        fail(f"{comment_id!r} is not a comment id (see: workbench comments list NAME)")
    first = services.resolve_comment(open_db(ctx), int(comment_id), resolved=not reopen)
    out.print(f"thread {first.id} {'reopened' if reopen else 'resolved'}")
