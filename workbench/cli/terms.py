"""The terms command: find term-base terms in a text, with their approved target terms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import database_url, fail, out

if TYPE_CHECKING:
    from workbench.domain.matching import Hit

app = typer.Typer(help="Term recognition in text.", no_args_is_help=True)


def _hit_json(hit: Hit) -> dict[str, object]:
    from workbench.domain.model import TermStatus

    usable: dict[str, list[str]] = {}
    deprecated: dict[str, list[str]] = {}
    for lang, targets in hit.targets.items():
        for target in targets:
            bucket = deprecated if target.status is TermStatus.DEPRECATED else usable
            bucket.setdefault(lang, []).append(target.text)
    return {
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "lang": hit.lang,
        "term": hit.term,
        "status": hit.status.value,
        "concept": hit.concept,
        "targets": usable,
        "deprecated_targets": deprecated,
        "confidence": hit.confidence,
        "partial": hit.partial,
    }


def _hit_line(hit: Hit) -> str:
    from workbench.domain.model import TermStatus

    targets = "  ".join(
        f"{lang}: " + " | ".join(t.text for t in terms if t.status is not TermStatus.DEPRECATED)
        for lang, terms in hit.targets.items()
    )
    flags = [hit.status.value] if hit.status is not TermStatus.PREFERRED else []
    if hit.partial:
        flags.append(f"partial {hit.confidence:.1f}")
    shown = f"{hit.start}-{hit.end}  {hit.text}"
    if hit.text != hit.term:
        shown += f" ({hit.term})"
    return (
        shown
        + (f" [{', '.join(flags)}]" if flags else "")
        + (f"  ->  {targets}" if targets else "")
    )


@app.command("find")
def terms_find(
    ctx: typer.Context,
    lang: Annotated[str, typer.Option(help="Language of the text (ko, en, zh ...).")],
    text: Annotated[str | None, typer.Argument(help="Text to look for terms in.")] = None,
    file: Annotated[Path | None, typer.Option(help="Read the text from a file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
    show_count: Annotated[bool, typer.Option("--count", help="Count hits per term.")] = False,
    overlapping: Annotated[bool, typer.Option(help="Report overlapping hits too.")] = False,
    partial: Annotated[
        bool, typer.Option(help="Report terms glued inside longer words, with lower confidence.")
    ] = False,
    target_langs: Annotated[
        str | None, typer.Option("--targets", help="Target languages to show, e.g. en,zh-Hant.")
    ] = None,
) -> None:
    """Find term-base terms in TEXT or --file, with their approved target terms."""
    from workbench import services

    if (text is None) == (file is None):
        fail("give either TEXT or --file PATH")
    content = services.read_text_file(file) if file is not None else str(text)
    index = services.load_term_index_at(database_url(ctx))
    wanted = target_langs.split(",") if target_langs else None
    hits = services.find_terms(index, content, lang, overlapping, partial, wanted)
    if show_count:
        counts: dict[tuple[str, int], int] = {}
        for hit in hits:
            counts[(hit.term, hit.concept)] = counts.get((hit.term, hit.concept), 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if as_json:
            rows = [{"term": t, "concept": c, "count": n} for (t, c), n in ranked]
            out.print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for (term, _), number in ranked:
                out.print(f"{number:>6}  {term}")
        return
    if as_json:
        out.print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        out.print(_hit_line(hit))
