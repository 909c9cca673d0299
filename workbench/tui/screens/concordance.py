"""Concordance: the TM units and term entries holding a word or phrase; insert, edit, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static, TextArea

from workbench import services
from workbench.domain.display import counted
from workbench.domain.document import plain_text
from workbench.domain.memory import TmUnit
from workbench.services import Concordance, Database, TermHit, UnitHit
from workbench.tui.background import background, in_thread
from workbench.tui.codes import shown_text
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.modals.edit_unit import EditUnitModal

SEARCH_DELAY = 0.3
"""Seconds of no typing before the search runs."""
SHOWN = 50
"""Most units listed."""
HIT_STYLE = "bold reverse"


@dataclass(slots=True)
class ConcordanceResult:
    """What the screen hands back: text to insert (if any), and the units changed or deleted."""

    insert: str | None = None
    changed: dict[int, TmUnit | None] = field(default_factory=dict)
    """Unit id -> the unit as now stored, or None when deleted."""


LEAD = 12
"""Characters kept before the first hit of a long text (the rest before it shown as …)."""


def marked(
    text: str, spans: tuple[tuple[int, int], ...], unit: TmUnit | None = None, lead: int = LEAD
) -> Text:
    """text with its hits highlighted, codes shown as labels, on one line; a long lead-in
    before the first hit is cut, so that the hit shows in a narrow column (keyword in context)."""
    codes = list(unit.codes) if unit is not None else []
    shown, at = Text(no_wrap=True, overflow="ellipsis"), 0
    if spans and spans[0][0] > lead + 1:
        at = spans[0][0] - lead
        shown.append("…", style="dim")
    for start, end in spans:
        shown.append(_one_line(shown_text(text[at:start], codes)))
        shown.append(_one_line(shown_text(text[start:end], codes)), style=HIT_STYLE)
        at = end
    shown.append(_one_line(shown_text(text[at:], codes)))
    return shown


def _one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ")


def _same_lang(tag: str, wanted: str) -> bool:
    tag, wanted = tag.casefold(), wanted.casefold()
    return tag == wanted or tag.startswith(f"{wanted}-") or wanted.startswith(f"{tag}-")


class ConcordanceScreen(Screen[ConcordanceResult]):
    """A search box; the units holding the text (hit marked, aligned translation beside); the
    term entries holding it; the selected row's text in the insert language, to insert whole
    or in part."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "concordance.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash", "focus_search", "Search", key_display="/", tooltip="Type a word or phrase"
        ),
        Binding("ctrl+l", "switch_language", "Language", tooltip="Search the other language"),
        Binding(
            "enter",
            "insert",
            "Insert",
            tooltip="Insert the row's translation, or the part selected in the box below, and "
            "close",
        ),
        Binding("e", "edit", "Edit", tooltip="Edit the selected TM unit"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected TM unit"),
        Binding("escape", "close", "Close", tooltip="Back to the editor"),
    ]
    """Keys of the concordance (e and d where a unit row is selected, not while typing)."""

    def __init__(
        self, db: Database, query: str, langs: tuple[str, str | None], insert_lang: str | None
    ) -> None:
        super().__init__()
        self.db = db
        self.query_text = query
        self.langs = langs
        """The languages to search in (the document's source, then target)."""
        self.lang = langs[0]
        """The language searched now."""
        self.insert_lang = insert_lang
        """The language inserted into the target (the document's target language)."""
        self.found: Concordance | None = None
        self.result = ConcordanceResult()
        self._timer: Timer | None = None
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.query_text, placeholder="Word or phrase…", id="concordance-query")
        yield Static("", id="concordance-summary")
        units: DataTable[Text] = DataTable(id="concordance-units", cursor_type="row")
        # text and translation side by side; each column is padded by a cell on both sides, and
        # the date (10 cells) and the scroll bar must still fit
        half = max((self.app.size.width - 20) // 2, 20)
        units.add_column("hit", width=half)
        units.add_column("translation", width=half)
        units.add_column("when", width=10)
        yield units
        terms: DataTable[Text] = DataTable(id="concordance-terms", cursor_type="row")
        terms.add_columns("term", "translations")
        yield terms
        with Horizontal(id="concordance-bottom"):
            yield TextArea("", read_only=True, soft_wrap=True, id="concordance-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Search at once when there is a text, else wait for one."""
        self.title = "Concordance"
        self._summary("type a word or phrase")
        if self.query_text.strip():
            self._search(self.query_text)
            self.query_one("#concordance-units", DataTable).focus()
        else:
            self.query_one(Input).focus()

    # --- searching ---------------------------------------------------------------------------

    @on(Input.Changed, "#concordance-query")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, lambda: self._search(event.value))

    @on(Input.Submitted, "#concordance-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._search(event.value)
        self.query_one("#concordance-units", DataTable).focus()

    def _search(self, text: str) -> None:
        self.query_text = text
        self._generation += 1
        if not text.strip():
            return
        self._summary(f"searching {self.lang}…")
        self._look_up(self._generation, text, self.lang)

    @background("Searching the concordance", group="concordance")
    async def _look_up(self, generation: int, text: str, lang: str) -> None:
        try:
            found = await in_thread(services.concordance, self.db, text, lang, SHOWN)
        except services.UsageError as error:
            if generation == self._generation:
                self._summary(str(error))
            return
        if generation == self._generation:
            self._show(found)

    def _show(self, found: Concordance) -> None:
        self.found = found
        units = self.query_one("#concordance-units", DataTable)
        units.clear()
        for number, hit in enumerate(found.units):
            stamp = hit.unit.changed_at or hit.unit.created_at
            units.add_row(
                marked(hit.text, hit.spans, hit.unit),
                Text(_one_line(shown_text(hit.other, list(hit.unit.codes))), no_wrap=True),
                Text(f"{stamp:%Y-%m-%d}" if stamp else "", style="dim"),
                key=str(number),
            )
        terms = self.query_one("#concordance-terms", DataTable)
        terms.clear()
        for number, term_hit in enumerate(found.terms):
            others = " · ".join(f"{t.lang} {t.text}" for t in term_hit.translations)
            terms.add_row(marked(term_hit.term.text, term_hit.spans), Text(others), key=str(number))
        more = "+" if found.more else ""
        shown = f" (showing {len(found.units)})" if found.unit_count > len(found.units) else ""
        self._summary(
            f"{found.lang}: {counted(found.unit_count, 'TM unit').replace(' ', more + ' ', 1)}"
            f"{shown} · {counted(len(found.terms), 'term')}"
            " · enter inserts · ctrl+l: other language"
        )
        self._show_detail()

    def _summary(self, text: str) -> None:
        self.query_one("#concordance-summary", Static).update(Text(text))

    # --- the selected row --------------------------------------------------------------------

    def selected_unit(self) -> UnitHit | None:
        """The unit row under the cursor (of the units table)."""
        table = self.query_one("#concordance-units", DataTable)
        if self.found is None or not self.found.units or table.row_count == 0:
            return None
        return self.found.units[min(table.cursor_row, len(self.found.units) - 1)]

    def selected_term(self) -> TermHit | None:
        """The term row under the cursor (of the terms table)."""
        table = self.query_one("#concordance-terms", DataTable)
        if self.found is None or not self.found.terms or table.row_count == 0:
            return None
        return self.found.terms[min(table.cursor_row, len(self.found.terms) - 1)]

    def insertable(self) -> str | None:
        """The selected row's text in the insert language, without codes (another table's)."""
        focused = self.focused
        term = self.selected_term() if focused is self.query_one("#concordance-terms") else None
        if term is not None:
            texts = [t.text for t in term.concept.terms if self._insert_lang(t.lang)]
            return texts[0] if texts else None
        hit = self.selected_unit()
        if hit is None:
            return None
        unit = hit.unit
        text = unit.target if self._insert_lang(unit.target_lang) else unit.source
        return plain_text(text)

    def _insert_lang(self, lang: str) -> bool:
        return self.insert_lang is None or _same_lang(lang, self.insert_lang)

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        detail = self.query_one("#concordance-detail", TextArea)
        detail.load_text(self.insertable() or "")

    # --- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """enter inserts from the tables and the detail, not from the search box."""
        return not (action == "insert" and isinstance(self.focused, Input))

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one(Input).focus()

    def action_switch_language(self) -> None:
        """Search the document's other language."""
        others = [lang for lang in self.langs if lang and lang != self.lang]
        if others:
            self.lang = others[0]
            self._search(self.query_one(Input).value)

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        """enter on a row (the table takes the key): insert it."""
        self.action_insert()

    def action_insert(self) -> None:
        """Insert the detail's selection, or the selected row's whole text, and close."""
        detail = self.query_one("#concordance-detail", TextArea)
        text = detail.selected_text if self.focused is detail else ""
        text = text or self.insertable() or ""
        if not text.strip():
            self.notify("Nothing to insert.", severity="warning")
            return
        self.result.insert = text
        self.dismiss(self.result)

    def action_edit(self) -> None:
        """Edit the selected unit's source and target."""
        hit = self.selected_unit()
        if hit is None:
            self.notify("No TM unit selected.")
            return
        self.app.push_screen(EditUnitModal(hit.unit), self._edited)

    def _edited(self, texts: tuple[str, str] | None) -> None:
        hit = self.selected_unit()
        if texts is not None and hit is not None:
            self._save(hit.unit.id, *texts)

    @background("Saving the TM unit", group="concordance-save")
    async def _save(self, unit_id: int, source: str, target: str) -> None:
        unit = await in_thread(services.edit_tm_unit, self.db, unit_id, source, target)
        self.result.changed[unit_id] = unit
        self.notify("TM unit saved.")
        self._search(self.query_text)

    def action_delete(self) -> None:
        """Delete the selected unit after asking."""
        hit = self.selected_unit()
        if hit is None:
            self.notify("No TM unit selected.")
            return
        unit_id = hit.unit.id

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(unit_id)

        question = f"Delete this TM unit?\n{hit.unit.source}\n{hit.unit.target}"
        self.app.push_screen(ConfirmModal(question, yes="Delete", no="Keep"), answered)

    @background("Deleting the TM unit", group="concordance-save")
    async def _delete(self, unit_id: int) -> None:
        await in_thread(services.delete_tm_unit, self.db, unit_id)
        self.result.changed[unit_id] = None
        self.notify("TM unit deleted.")
        self._search(self.query_text)

    def action_close(self) -> None:
        """Back to the editor (with the units changed here)."""
        self.dismiss(self.result)
