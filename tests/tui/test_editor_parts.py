"""The editor's tools, checked as a whole: every key runs a method of its tool, nothing clashes."""

from __future__ import annotations

from textual.actions import parse
from textual.widget import Widget

from workbench.tui.editor.saving import Saving
from workbench.tui.editor.tool import EditorPart, tool_bindings
from workbench.tui.editor.tools import TOOLS
from workbench.tui.screens.editor import EditorScreen


def test_every_tool_key_names_an_action_of_its_tool() -> None:
    missing = [
        f"{tool.__name__}: {binding.key} -> {binding.action}"
        for tool in TOOLS
        for binding in tool.KEYS
        if not callable(getattr(tool, f"action_{parse(binding.action)[1]}", None))
    ]
    assert missing == []


def test_tools_have_distinct_names_and_keys() -> None:
    names = [tool.NAME for tool in TOOLS]
    assert len(set(names)) == len(names) and "" not in names
    keys = [
        key.strip()
        for binding in EditorScreen.BINDINGS
        if not isinstance(binding, tuple)
        for key in binding.key.split(",")
    ]
    assert sorted(key for key in set(keys) if keys.count(key) > 1) == []


def test_no_part_overrides_what_textual_keeps_on_a_widget() -> None:
    """A tool's private helper named like a Widget internal (_closed, _refresh) breaks Textual."""
    textual_names = set(dir(Widget)) | set(vars(Widget()))
    every_subclass_has = set(vars(type("Plain", (Widget,), {})))  # set by Textual itself
    clashes = [
        f"{part.__name__}.{name}"
        for part in (*TOOLS, Saving)
        for klass in part.__mro__
        if issubclass(klass, EditorPart)
        for name in vars(klass)
        if name.startswith("_") and not name.startswith("__")
        if name in textual_names and name not in every_subclass_has
    ]
    assert clashes == []


def test_the_screen_runs_tool_keys_through_the_tool() -> None:
    bindings = tool_bindings(TOOLS)
    assert [b.action for b in bindings if b.key == "alt+t"] == ["tool('insert', 'insert_tm')"]
    assert [b.action for b in bindings if b.key == "pound_sign"] == [
        "tool('insert', \"insert_term(3, '£')\")"
    ]
    _, name, parameters = parse(bindings[-1].action)
    assert (name, parameters) == ("tool", ("export", "export"))
