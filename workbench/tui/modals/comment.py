"""Comment on a segment: a new thread, a reply to one, or resolving (reopening) one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from workbench.domain.comments import Thread

CommentChoice = tuple[str, str, int | None]
"""("add", text, the thread replied to or None) or ("resolve", "", the thread's first id)."""


class CommentModal(ModalScreen[CommentChoice | None]):
    """The text of a comment and which thread it goes to; Resolve toggles the chosen thread."""

    DEFAULT_CSS = """
    CommentModal {
        align: center middle;
    }
    CommentModal > #comment-dialog {
        width: 70;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $accent;
        background: $surface;
    }
    CommentModal #comment-buttons {
        height: auto;
        margin-top: 1;
    }
    CommentModal Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, threads: Sequence[Thread]) -> None:
        super().__init__()
        self.threads = list(threads)

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-dialog"):
            yield Input(placeholder="comment (enter adds it)", id="comment-text", compact=True)
            with RadioSet(id="comment-thread", compact=True):
                yield RadioButton("a new thread", True, id="thread-new")
                for number, thread in enumerate(self.threads, 1):
                    first = thread.first
                    state = " (resolved)" if thread.resolved else ""
                    label = f"reply to {number}: {first.author or 'unknown'}: {first.text}"
                    yield RadioButton(label[:60] + state, id=f"thread-{first.id}")
            with Horizontal(id="comment-buttons"):
                yield Button("Add", variant="primary", id="comment-add", compact=True)
                yield Button("Resolve / reopen", id="comment-resolve", compact=True)
                yield Button("Cancel", id="comment-cancel", compact=True)
            yield Static(id="comment-error", classes="dialog-error")

    def on_mount(self) -> None:
        """Title the dialog and start in the text."""
        self.query_one("#comment-dialog").border_title = "Comment"
        self.query_one("#comment-text", Input).focus()

    def chosen_thread(self) -> int | None:
        """The first comment's id of the thread chosen, None for a new thread."""
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or pressed.id in (None, "thread-new"):
            return None
        return int(str(pressed.id).removeprefix("thread-"))

    @on(Button.Pressed, "#comment-add")
    @on(Input.Submitted)
    def _add(self) -> None:
        text = self.query_one("#comment-text", Input).value.strip()
        if not text:
            self.query_one("#comment-error", Static).update("Type the comment first.")
            return
        self.dismiss(("add", text, self.chosen_thread()))

    @on(Button.Pressed, "#comment-resolve")
    def _resolve(self) -> None:
        thread = self.chosen_thread()
        if thread is None:
            self.query_one("#comment-error", Static).update("Choose the thread to resolve.")
            return
        self.dismiss(("resolve", "", thread))

    @on(Button.Pressed, "#comment-cancel")
    def action_cancel(self) -> None:
        """Close without commenting."""
        self.dismiss(None)
