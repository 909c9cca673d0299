"""The spelling commands: check a text, and the words added to a language's dictionary."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from workbench.cli.shared import err, fail, open_db, out

app = typer.Typer(help="Spelling dictionaries and the words added to them.", no_args_is_help=True)
LangOption = Annotated[str, typer.Option("--lang", help="The language, e.g. en or ko.")]


@app.command("check")
def spelling_check_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The text to check.")],
    lang: LangOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The words of TEXT the dictionary does not know, with suggestions; exit 1 when any."""
    from workbench import services
    from workbench.domain.langtags import normalize_lang

    lang = normalize_lang(lang)
    missing = services.missing_dictionary(lang)
    if missing is not None:
        fail(missing)
    spelling = services.load_spelling(open_db(ctx))
    found = services.misspelled(spelling, text, lang)
    rows = [
        {
            "word": m.word,
            "start": m.start,
            "end": m.end,
            "suggestions": list(services.spelling_suggestions(spelling, m.word, lang)),
        }
        for m in found
    ]
    if as_json:
        out.print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            suggestions = ", ".join(row["suggestions"]) or "no suggestion"  # type: ignore[arg-type]
            out.print(f"{row['word']}: {suggestions}")
        err.print(f"{len(rows)} misspelled ({services.dictionary_name(lang)})")
    if rows:
        raise SystemExit(1)


@app.command("add")
def spelling_add_command(
    ctx: typer.Context,
    word: Annotated[str, typer.Argument(help="The word to accept from now on.")],
    lang: LangOption,
) -> None:
    """Add a word to a language's dictionary, for everyone using the database."""
    from workbench import services, settings

    added = services.add_spelling_word(open_db(ctx), lang, word, settings.author())
    out.print(f"{word}: {'added' if added else 'already in the dictionary'}")


@app.command("remove")
def spelling_remove_command(
    ctx: typer.Context,
    word: Annotated[str, typer.Argument(help="A word added earlier.")],
    lang: LangOption,
) -> None:
    """Take a word added earlier off a language's dictionary."""
    from workbench import services

    if not services.remove_spelling_word(open_db(ctx), lang, word):
        fail(f"{word} was not added to the {lang} dictionary")
    out.print(f"{word}: removed")


@app.command("list")
def spelling_list_command(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option("--lang", help="Only this language.")] = None,
) -> None:
    """The words added to the dictionaries, and what checks each language."""
    from workbench import services

    for word_lang, word in services.added_spelling_words(open_db(ctx), lang):
        out.print(f"{word_lang}\t{word}")
