"""Add or edit a concept: its terms with language, status and type, its subject and note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.domain.normalize import clean_term

STATUS_OPTIONS = [(status.value, status) for status in TermStatus]
TYPE_OPTIONS = [
    ("full form", TermType.FULL_FORM),
    ("abbreviation", TermType.ABBREVIATION),
    ("acronym", TermType.ACRONYM),
    ("short form", TermType.SHORT_FORM),
    ("variant", TermType.VARIANT),
    ("phrase", TermType.PHRASE),
]
NEW_CONCEPT_ROWS = 4
"""A new concept offers this many of the screen's languages as empty rows to fill."""


class FormError(ValueError):
    """What is wrong with the form, and the input to fix it."""

    def __init__(self, message: str, widget: Input | None = None) -> None:
        super().__init__(message)
        self.widget = widget


class TermFields(Horizontal):
    """One term of the form: language, text, status, type, part of speech, and remove."""

    def __init__(self, term: Term | None = None, lang: str = "") -> None:
        super().__init__(classes="term-fields")
        self.original = term
        """The stored term this row edits, whose other fields (note, source) it keeps."""
        self._lang = term.lang if term else lang

    def compose(self) -> ComposeResult:
        term = self.original
        yield Input(self._lang, placeholder="lang", classes="term-lang", compact=True)
        yield Input(
            term.text if term else "", placeholder="term", classes="term-text", compact=True
        )
        yield Select(
            STATUS_OPTIONS,
            value=term.status if term else TermStatus.PREFERRED,
            allow_blank=False,
            classes="term-status",
            compact=True,
        )
        yield Select(
            TYPE_OPTIONS,
            value=term.term_type if term and term.term_type else Select.NULL,
            prompt="type",
            classes="term-type",
            compact=True,
        )
        pos = term.part_of_speech if term and term.part_of_speech else ""
        yield Input(pos, placeholder="pos", classes="term-pos", compact=True)
        yield Button("✕", classes="term-remove", compact=True)

    @property
    def text_input(self) -> Input:
        """The term's text field."""
        return self.query_one(".term-text", Input)

    def to_term(self) -> Term | None:
        """The term as filled in; None for a row left empty; FormError if it cannot be one."""
        lang_input = self.query_one(".term-lang", Input)
        text = clean_term(self.text_input.value)
        if not text:
            return None
        try:
            lang = normalize_lang(lang_input.value)
        except UnknownLanguageError as error:
            raise FormError(f"{text}: {error}", lang_input) from None
        status = self.query_one(".term-status", Select).value
        term_type = self.query_one(".term-type", Select).value
        term = replace(
            self.original or Term(lang, text),
            lang=lang,
            text=text,
            status=status if isinstance(status, TermStatus) else TermStatus.PREFERRED,
            term_type=term_type if isinstance(term_type, TermType) else None,
            part_of_speech=self.query_one(".term-pos", Input).value.strip() or None,
        )
        return term


class ConceptForm(ModalScreen[Concept | None]):
    """The terms of a concept, one row each, with its subject and note.

    Dismisses with the concept as edited (not saved: the caller saves it) or None on cancel.
    """

    CSS_PATH = Path(__file__).parent.parent / "styles" / "termbase.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+n", "add_row", "Add term", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s (or enter in a field) saves, ctrl+n adds a term row, escape cancels."""

    def __init__(
        self, concept: Concept | None, langs: Sequence[str] = (), notice: str = ""
    ) -> None:
        super().__init__()
        self.concept = concept
        self.langs = list(langs)
        self.notice = notice
        """Shown above the buttons when the form opens (why an edit came back)."""

    def compose(self) -> ComposeResult:
        concept = self.concept
        title = f"Concept {concept.id}" if concept and concept.id else "New concept"
        with Vertical(id="concept-form"):
            yield Static(title, id="concept-form-title", markup=False)
            with Horizontal(id="concept-form-header", classes="term-fields"):
                for name in ("lang", "text", "status", "type", "pos", "remove"):
                    yield Label("" if name == "remove" else name, classes=f"term-{name}")
            with VerticalScroll(id="concept-form-terms"):
                if concept is not None:
                    for term in concept.terms:
                        yield TermFields(term)
                else:
                    for lang in self.langs[:NEW_CONCEPT_ROWS] or [""]:
                        yield TermFields(lang=lang)
            yield Button("+ term (ctrl+n)", id="concept-form-add", compact=True)
            with Horizontal(classes="concept-form-field"):
                yield Label("Subject")
                subject = concept.subject_field if concept else None
                yield Input(subject or "", id="concept-form-subject", compact=True)
            with Horizontal(classes="concept-form-field"):
                yield Label("Note")
                note = concept.note if concept else None
                yield Input(note or "", id="concept-form-note", compact=True)
            yield Static(self.notice, id="concept-form-error", markup=False)
            with Horizontal(id="concept-form-buttons"):
                yield Button(
                    "Save (ctrl+s)", variant="primary", id="concept-form-save", compact=True
                )
                yield Button("Cancel (esc)", id="concept-form-cancel", compact=True)

    def on_mount(self) -> None:
        """Start in the first empty term, or the first term."""
        rows = list(self.query(TermFields))
        empty = [row for row in rows if not row.text_input.value]
        if rows:
            (empty or rows)[0].text_input.focus()

    def _rows(self) -> list[TermFields]:
        return list(self.query(TermFields))

    async def action_add_row(self) -> None:
        """Add an empty term row in the next language not yet used."""
        used = {row.query_one(".term-lang", Input).value for row in self._rows()}
        lang = next((lang for lang in self.langs if lang not in used), "")
        row = TermFields(lang=lang)
        await self.query_one("#concept-form-terms", VerticalScroll).mount(row)
        row.text_input.focus()

    @on(Button.Pressed, "#concept-form-add")
    async def _add_pressed(self) -> None:
        await self.action_add_row()

    @on(Button.Pressed, ".term-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        row = next(a for a in event.button.ancestors if isinstance(a, TermFields))
        row.remove()

    @on(Button.Pressed, "#concept-form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#concept-form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def on_input_submitted(self) -> None:
        """Enter in any field saves."""
        self.action_save()

    def to_concept(self) -> Concept:
        """The concept as filled in; FormError when it cannot be saved as it is."""
        terms: list[Term] = []
        seen: set[tuple[str, str]] = set()
        for row in self._rows():
            term = row.to_term()
            if term is None:
                continue
            if term.key() in seen:
                raise FormError(f"{term.text} ({term.lang}) is there twice", row.text_input)
            seen.add(term.key())
            terms.append(term)
        if not terms:
            raise FormError("A concept needs at least one term.")
        subject = self.query_one("#concept-form-subject", Input).value.strip() or None
        note = self.query_one("#concept-form-note", Input).value.strip() or None
        base = self.concept or Concept()
        return replace(base, terms=terms, subject_field=subject, note=note)

    def action_save(self) -> None:
        """Dismiss with the concept, or show what is wrong."""
        for field in self.query(Input):
            field.remove_class("-invalid")
        try:
            concept = self.to_concept()
        except FormError as error:
            self.query_one("#concept-form-error", Static).update(str(error))
            if error.widget is not None:
                error.widget.add_class("-invalid")
                error.widget.focus()
            return
        self.dismiss(concept)

    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
