"""Choose a file to open or a path to save to, by typing it or from a folder tree."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static

STYLES = Path(__file__).resolve().parents[1] / "styles" / "import_export.tcss"
"""The stylesheet of the import and export dialogs, the picker included."""


class PickerTree(DirectoryTree):
    """A folder tree that shows folders and files with the wanted suffixes, never hidden ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "parent", "Up a folder"),
    ]
    """Backspace shows the parent folder: the tree alone cannot climb above its root."""

    # Emoji icons are two cells wide in some terminals and one in others: misaligned over SSH.
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(
        self, path: Path, suffixes: tuple[str, ...] = (), *, id: str | None = None
    ) -> None:
        super().__init__(path, id=id)
        self.suffixes = tuple(suffix.lower() for suffix in suffixes)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Folders, and files whose suffix is wanted (any file when none are named)."""
        return [path for path in paths if self._shown(path)]

    def _shown(self, path: Path) -> bool:
        if path.name.startswith("."):
            return False
        if self._safe_is_dir(path):
            return True
        return not self.suffixes or path.suffix.lower() in self.suffixes

    def action_parent(self) -> None:
        """Show the folder above the current root."""
        root = Path(self.path).expanduser().resolve()
        if root.parent != root:
            self.path = root.parent


def _folder_of(start: Path) -> Path:
    """A folder to show first: start itself, its parent, or else the working directory."""
    start = start.expanduser()
    for candidate in (start, start.parent):
        if candidate.is_dir():
            return candidate.resolve()
    return Path.cwd()


class FilePicker(ModalScreen[Path | None]):
    """A path input and a folder tree; dismisses with the chosen path, or None on escape.

    Typed relative paths are taken from the folder the tree shows. Opening needs an existing
    file; saving needs an existing folder (the caller asks before overwriting a file).
    """

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape closes the picker without a choice."""

    def __init__(
        self,
        title: str,
        start: Path,
        *,
        must_exist: bool,
        suffixes: tuple[str, ...] = (),
        default_name: str = "",
    ) -> None:
        super().__init__()
        self.picker_title = title
        self.folder = _folder_of(start)
        self.must_exist = must_exist
        self.suffixes = suffixes
        self.default_name = default_name

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog", classes="dialog"):
            yield Label(Text(self.picker_title), classes="dialog-title")
            # The input comes first so that tab goes from it to the tree and back.
            yield Input(
                str(self.folder / self.default_name) if self.default_name else "",
                placeholder="type a path, or tab to the tree and pick a file",
                id="picker-path",
            )
            yield PickerTree(self.folder, self.suffixes, id="picker-tree")
            yield Static("", id="picker-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Label(
                    "tab: tree/path · backspace: up · esc: cancel",
                    classes="dialog-hint",
                )
                yield Button("Choose", variant="primary", id="picker-choose")
                yield Button("Cancel", id="picker-cancel")

    def on_mount(self) -> None:
        """Start in the path input: typing a path must work without ever touching the tree."""
        self.query_one("#picker-path", Input).focus()

    @property
    def path_input(self) -> Input:
        """The input holding the path that will be chosen."""
        return self.query_one("#picker-path", Input)

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """A file chosen in the tree fills the input; enter there accepts it."""
        event.stop()
        self.path_input.value = str(event.path)
        self.path_input.cursor_position = len(self.path_input.value)
        self._show_error("")
        self.path_input.focus()

    @on(DirectoryTree.DirectorySelected)
    def _folder_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        """When saving, the file name typed so far moves into the folder chosen in the tree."""
        event.stop()
        if not self.must_exist:
            name = Path(self.path_input.value.strip()).name or self.default_name
            self.path_input.value = str(event.path / name)

    @on(Input.Submitted, "#picker-path")
    @on(Button.Pressed, "#picker-choose")
    def _accept(self) -> None:
        """Check the typed path and dismiss with it, or say what is wrong with it."""
        typed = self.path_input.value.strip()
        if not typed:
            self._show_error("type a path, or pick a file in the tree")
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = Path(self.query_one(PickerTree).path) / path
        problem = self._problem(path)
        if problem is None:
            self.dismiss(path)
            return
        if path.is_dir():
            # A folder typed in the input is where the translator wants to look next.
            self.query_one(PickerTree).path = path.resolve()
        self._show_error(problem)

    def _problem(self, path: Path) -> str | None:
        """Why path cannot be chosen, or None."""
        if path.is_dir():
            return f"{path} is a folder: choose a file in it"
        if self.must_exist and not path.exists():
            return f"no such file: {path}"
        if self.must_exist and not path.is_file():
            return f"not a file: {path}"
        if not self.must_exist and not path.parent.is_dir():
            return f"folder does not exist: {path.parent}"
        return None

    def _show_error(self, message: str) -> None:
        self.query_one("#picker-error", Static).update(Text(message))

    @on(Button.Pressed, "#picker-cancel")
    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
