"""Search and browse the term base; add, edit and delete concepts and their terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from workbench import services, settings
from workbench.domain.model import Concept, Term, TermStatus
from workbench.services import Database
from workbench.tui.modals.concept_form import ConceptForm
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.modals.same_term import NEW_CONCEPT, SameTermModal

PAGE_SIZE = 200
"""Concepts fetched per page when browsing; the next page comes as the cursor nears the end."""
LOAD_AHEAD = 20
"""Rows before the end of the table at which the next page is fetched."""
SEARCH_LIMIT = 200
"""Most concepts a search shows; a longer query narrows it."""
SEARCH_DELAY = 0.25
"""Seconds of no typing before the search runs, so that each key does not query."""

STATUS_STYLE = {
    TermStatus.PREFERRED: "bold",
    TermStatus.ADMITTED: "",
    TermStatus.DEPRECATED: "red strike",
}
"""How a term's status shows in the table and the detail pane."""


@dataclass(frozen=True, slots=True)
class TermbaseChange:
    """A concept the screen added or changed (as now stored), or deleted (concept None)."""

    concept_id: int
    concept: Concept | None


def term_cell(terms: Sequence[Term]) -> Text:
    """The terms of one language in one table cell, preferred first, styled by status."""
    cell = Text(no_wrap=True, overflow="ellipsis")
    for number, term in enumerate(terms):
        if number:
            cell.append(" · ", style="dim")
        cell.append(term.text, style=STATUS_STYLE[term.status])
    return cell


def concept_detail(concept: Concept, langs: Sequence[str]) -> Text:
    """Everything about a concept, terms grouped by language (langs first)."""
    detail = Text()
    detail.append(concept.subject_field or "no subject field", style="bold")
    detail.append(f"  #{concept.id}" + (f" {concept.uid}" if concept.uid else ""), style="dim")
    present = concept.languages()
    ordered = [lang for lang in langs if lang in present]
    for lang in [*ordered, *(lang for lang in present if lang not in ordered)]:
        detail.append(f"\n\n{lang}", style="bold underline")
        for term in concept.terms_in(lang):
            detail.append("\n  ")
            detail.append(term.text, style=STATUS_STYLE[term.status])
            extra = [term.status.value, term.term_type, term.part_of_speech]
            detail.append("  " + ", ".join(str(e) for e in extra if e), style="dim")
            if term.note:
                detail.append(f"\n    {term.note}", style="italic")
    for lang, definition in concept.definitions.items():
        detail.append(f"\n\ndefinition{f' ({lang})' if lang else ''}: ", style="bold")
        detail.append(definition)
    if concept.note:
        detail.append("\n\nnote: ", style="bold").append(concept.note)
    detail.append(_stamps(concept), style="dim")
    return detail


def _stamps(concept: Concept) -> str:
    """Who created the concept and when, and who changed it last, if that is different."""
    lines = []
    for verb, moment, who in (
        ("created", concept.created_at, concept.created_by),
        ("changed", concept.updated_at, concept.updated_by),
    ):
        if moment is not None:
            lines.append(f"{verb} {moment:%Y-%m-%d %H:%M}" + (f" by {who}" if who else ""))
    if len(lines) == 2 and lines[1].split(maxsplit=1)[1] == lines[0].split(maxsplit=1)[1]:
        del lines[1]  # never changed since (an import stamps both with the same time)
    return "\n\n" + "\n".join(lines) if lines else ""


class TermbaseScreen(Screen[list[TermbaseChange]]):
    """A search box, the concepts with one column per language, the selected one in full.

    Dismisses with the changes made, one per concept in its final state, so that the caller
    can bring its term index up to date.
    """

    CSS_PATH = Path(__file__).parent.parent / "styles" / "termbase.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "close", "Close"),
    ]
    """Keys of the term base; enter on a row edits it too."""

    class Opened(Message):
        """The term base's languages (most terms first) and size were read."""

        def __init__(self, langs: list[str], total: int) -> None:
            super().__init__()
            self.langs = langs
            self.total = total

    class Loaded(Message):
        """A search's results, or a page of the browse (to append when more is True)."""

        def __init__(
            self, generation: int, concepts: list[Concept], append: bool, more: bool
        ) -> None:
            super().__init__()
            self.generation = generation
            self.concepts = concepts
            self.append = append
            self.more = more

    class LoadFailed(Message):
        """The term base could not be read."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Saved(Message):
        """A concept was added, changed or deleted in the database."""

        def __init__(self, change: TermbaseChange, created: bool) -> None:
            super().__init__()
            self.change = change
            self.created = created

    class SameTerm(Message):
        """A new concept's term is already in the term base: ask where it belongs."""

        def __init__(self, concept: Concept, term: str, concepts: list[Concept]) -> None:
            super().__init__()
            self.concept = concept
            self.term = term
            self.concepts = concepts

    class SaveFailed(Message):
        """Saving or deleting failed; the database is as it was."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class SaveConflict(Message):
        """Someone saved the concept after the form was opened: nothing was saved."""

        def __init__(self, edited: Concept, reason: str, current: Concept | None) -> None:
            super().__init__()
            self.edited = edited
            self.reason = reason
            self.current = current

    def __init__(self, db: Database, query: str = "", langs: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.db = db
        self.query_text = query.strip()
        """The query whose results the table shows; empty when browsing."""
        self.langs = langs
        self.author = settings.author()
        self.columns: list[str] = []
        """The table's languages, in column order."""
        self.concepts: dict[int, Concept] = {}
        """The concepts in the table, by id."""
        self.total = 0
        """Concepts in the term base."""
        self._changes: dict[int, Concept | None] = {}
        self._generation = 0
        """Bumped by each new search, so that late results of an older one are dropped."""
        self._loading = False
        self._more = False
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            self.query_text,
            placeholder="Search terms in any language (/)",
            id="termbase-search",
        )
        yield Static("loading…", id="termbase-summary")
        with Horizontal(id="termbase-body"):
            yield DataTable(id="concepts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="termbase-detail"):
                yield Static(id="termbase-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        """Read the term base's languages, then the first results, off the UI thread."""
        self.title = "Term base"
        self.query_one(DataTable).focus()
        self._open()

    @property
    def changes(self) -> list[TermbaseChange]:
        """What was added, changed or deleted here, one entry per concept."""
        return [TermbaseChange(i, concept) for i, concept in self._changes.items()]

    # --- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def _open(self) -> None:
        try:
            found = services.glossary_stats(self.db)
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.LoadFailed(str(error)))
            return
        self.post_message(self.Opened(list(found.terms_by_lang), found.concepts))

    def on_termbase_screen_opened(self, message: Opened) -> None:
        """Make the language columns, then load what the query asks for."""
        self.total = message.total
        self._ensure_columns([*self.langs, *message.langs])
        self._request()

    def _request(self, append: bool = False) -> None:
        """Fetch the next page of the browse, or (not appending) the current query afresh."""
        if not append:
            self._generation += 1
        after = max(self.concepts) if append and self.concepts else 0
        self._loading = True
        self._fetch(self._generation, self.query_text, after)

    @work(thread=True, exclusive=True, group="load")
    def _fetch(self, generation: int, query: str, after_id: int) -> None:
        try:
            if query:
                concepts = services.search_glossary(self.db, query, limit=SEARCH_LIMIT)
                more = False
            else:
                concepts = services.browse_glossary(self.db, after_id, PAGE_SIZE)
                more = len(concepts) == PAGE_SIZE
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.LoadFailed(str(error)))
            return
        self.post_message(self.Loaded(generation, concepts, after_id > 0, more))

    def on_termbase_screen_loaded(self, message: Loaded) -> None:
        """Show the results, unless a newer search has started since."""
        if message.generation != self._generation:
            return
        self._loading = False
        self._more = message.more
        table = self.query_one(DataTable)
        if not message.append:
            table.clear()
            self.concepts.clear()
        self._ensure_columns([lang for c in message.concepts for lang in c.languages()])
        for concept in message.concepts:
            if concept.id is not None and concept.id not in self.concepts:
                self.concepts[concept.id] = concept
                table.add_row(*self._cells(concept), key=str(concept.id))
        self._refresh_summary()
        self._show_detail()

    def on_termbase_screen_load_failed(self, message: LoadFailed) -> None:
        """Say why the term base cannot be shown."""
        self._loading = False
        self.query_one("#termbase-summary", Static).update("The term base could not be read.")
        self.notify(f"Term base: {message.reason}", severity="error", timeout=10)

    # --- the table ---------------------------------------------------------------------------

    def _ensure_columns(self, langs: Sequence[str]) -> None:
        """Add a column for each language not shown yet, in the order given."""
        table = self.query_one(DataTable)
        fresh = [lang for lang in dict.fromkeys(langs) if lang not in self.columns]
        self.columns.extend(fresh)
        width = self._column_width()
        for lang in fresh:
            table.add_column(lang, key=lang, width=width, default="")

    def _column_width(self) -> int:
        """Share the table's width among the first few languages; the rest scroll."""
        shown = min(max(len(self.columns), 1), 4)
        width = self.query_one(DataTable).size.width or 80
        return max(12, min(32, (width - 2) // shown - 2))

    def _cells(self, concept: Concept) -> list[Text]:
        return [term_cell(concept.terms_in(lang)) for lang in self.columns]

    def _selected(self) -> Concept | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.concepts.get(int(row_key.value or 0))

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        """Show the selected concept in full, and fetch the next page near the end."""
        concept = self._selected()
        detail = self.query_one("#termbase-detail-text", Static)
        if concept is None:
            detail.update("No concept selected." if self.concepts else "")
            return
        detail.update(concept_detail(concept, self.columns))
        table = self.query_one(DataTable)
        if self._more and not self._loading and table.cursor_row >= table.row_count - LOAD_AHEAD:
            self._request(append=True)

    def _refresh_summary(self) -> None:
        shown = len(self.concepts)
        if self.query_text:
            limit = " (the first: type more to narrow)" if shown >= SEARCH_LIMIT else ""
            text = f"{shown} concepts with a term containing “{self.query_text}”{limit}"
        else:
            text = f"{self.total:,} concepts · {shown:,} loaded"
        self.query_one("#termbase-summary", Static).update(Text(text))

    # --- searching ---------------------------------------------------------------------------

    @on(Input.Changed, "#termbase-search")
    def _search_soon(self) -> None:
        """Search once typing pauses."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._search)

    @on(Input.Submitted, "#termbase-search")
    def _search_and_browse(self) -> None:
        """Enter searches at once and moves to the results."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search()
        self.query_one(DataTable).focus()

    def _search(self) -> None:
        query = self.query_one("#termbase-search", Input).value.strip()
        if query == self.query_text:
            return
        self.query_text = query
        if self.columns:  # else the query runs once the term base is opened
            self._request()

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#termbase-search", Input).focus()

    # --- editing -----------------------------------------------------------------------------

    def action_new(self) -> None:
        """Add a concept through the form."""
        self.app.push_screen(ConceptForm(None, self.columns), self._save_from_form)

    @on(DataTable.RowSelected)
    def _edit_selected(self) -> None:
        """Enter on a row edits it."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the selected concept through the form."""
        concept = self._selected()
        if concept is None:
            self.notify("No concept selected.")
            return
        self.app.push_screen(ConceptForm(concept, self.columns), self._save_from_form)

    def _save_from_form(self, concept: Concept | None) -> None:
        if concept is not None:
            self._save(concept)

    @work(thread=True, group="save")
    def _save(self, concept: Concept, choice: int | None = None) -> None:
        """Store the concept; a new one goes into concept choice, or stands alone (NEW_CONCEPT)
        once asked (SameTerm) about a term the term base has already."""
        try:
            if concept.id is None:
                stored = services.add_concept(
                    self.db,
                    concept.terms,
                    None if choice else concept.subject_field,  # adding to one: terms only
                    None,
                    None if choice else concept.note,
                    self.author,
                    into=choice or None,
                    new=choice == NEW_CONCEPT,
                )
            else:
                stored = services.update_concept(self.db, concept, self.author)
        except services.SameTermError as error:
            self.post_message(self.SameTerm(concept, error.term.text, error.concepts))
            return
        except services.ConceptConflictError as error:
            if concept.id is None:  # terms added to a concept someone changed meanwhile
                self.post_message(self.SaveFailed(str(error)))
            else:
                current = services.get_concept(self.db, concept.id)
                self.post_message(self.SaveConflict(concept, error.changed, current))
            return
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.SaveFailed(str(error)))
            return
        assert stored.id is not None
        created = concept.id is None and not choice  # not when added to another concept
        self.post_message(self.Saved(TermbaseChange(stored.id, stored), created))

    def action_delete(self) -> None:
        """Delete the selected concept after asking."""
        concept = self._selected()
        if concept is None or concept.id is None:
            self.notify("No concept selected.")
            return
        concept_id, version = concept.id, concept.version
        name = concept.terms[0].text if concept.terms else f"#{concept_id}"
        question = f"Delete the concept “{name}” and its {len(concept.terms)} terms?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(concept_id, version)

        self.app.push_screen(ConfirmModal(question, yes="Delete", no="Keep"), answered)

    @work(thread=True, group="save")
    def _delete(self, concept_id: int, version: int) -> None:
        try:
            services.delete_concept(self.db, concept_id, expected_version=version)
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.SaveFailed(str(error)))
            return
        self.post_message(self.Saved(TermbaseChange(concept_id, None), created=False))

    def on_termbase_screen_saved(self, message: Saved) -> None:
        """Show the change in the table and remember it for the caller."""
        change = message.change
        self._changes.pop(change.concept_id, None)  # re-inserted: the order of last changes
        self._changes[change.concept_id] = change.concept
        if change.concept is None:
            self._remove_row(change.concept_id)
            self.total -= 1
            self.notify("Concept deleted.")
        else:
            self._put_row(change.concept)
            self.total += 1 if message.created else 0
            self.notify("Concept added." if message.created else "Concept saved.")
        self._refresh_summary()
        self._show_detail()

    def _remove_row(self, concept_id: int) -> None:
        if self.concepts.pop(concept_id, None) is not None:
            self.query_one(DataTable).remove_row(str(concept_id))

    def _put_row(self, concept: Concept) -> None:
        """Update the concept's row, or add it at the end and move there."""
        assert concept.id is not None
        table = self.query_one(DataTable)
        key = str(concept.id)
        self._ensure_columns(concept.languages())
        if concept.id in self.concepts:
            for lang, cell in zip(self.columns, self._cells(concept), strict=True):
                table.update_cell(key, lang, cell)
        else:
            table.add_row(*self._cells(concept), key=key)
        self.concepts[concept.id] = concept
        table.move_cursor(row=table.get_row_index(key))

    def on_termbase_screen_same_term(self, message: SameTerm) -> None:
        """Offer the concepts that have the term: add to one, make a new one, or cancel."""
        concept = message.concept

        def chosen(answer: int | None) -> None:
            if answer is not None:
                self._save(concept, answer)

        self.app.push_screen(SameTermModal(message.term, message.concepts), chosen)

    def on_termbase_screen_save_failed(self, message: SaveFailed) -> None:
        """Say why nothing was saved."""
        self.notify(f"Not saved: {message.reason}", severity="error", timeout=10)

    def on_termbase_screen_save_conflict(self, message: SaveConflict) -> None:
        """Show the concept as the other person saved it, and give the edit back in the form.

        The form reopens at the stored version with what this user typed, so that saving it
        again is a choice made knowing that it replaces the other save.
        """
        self.notify(f"Not saved: {message.reason}.", severity="warning", timeout=10)
        current = message.current
        if current is None:
            return  # deleted meanwhile: the notice says so, there is nothing to edit
        self._put_row(current)
        self._show_detail()
        notice = (
            f"Saved by {current.updated_by or 'someone else'} after you opened it (their version "
            "is in the table). Your edit is below: save it to replace theirs, or escape."
        )
        edit = replace(message.edited, version=current.version)
        self.app.push_screen(ConceptForm(edit, self.columns, notice), self._save_from_form)

    def action_close(self) -> None:
        """Leave, handing the changes to the caller."""
        self.dismiss(self.changes)
