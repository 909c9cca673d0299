"""Every command, mistyped: one line on stderr naming the command's help, exit 2, no traceback.

The commands and their options are read from the typer app itself, so a command added later is
walked too: a bogus option, a missing argument or option value, bad and huge numbers, a value
given to a flag and an extra argument.
"""

from __future__ import annotations

import subprocess
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

import pytest
import typer
from tests_support import run

from workbench.cli import app
from workbench.tui.app import WorkbenchApp

HUGE = "99999999999999999999"


def _no_terminal_ui(*args: object, **kwargs: object) -> None:
    raise AssertionError("a mistyped command line must not open the terminal UI")


def _leaf_commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    children = getattr(command, "commands", None)
    if not children:
        return [(path, command)]
    return [
        leaf for name, child in children.items() for leaf in _leaf_commands(child, (*path, name))
    ]


def _value_type(command: Any, name: str) -> object:
    """The parameter's declared type without None or list around it (int for `int | None`)."""
    declared = typing.get_type_hints(command.callback)[name]
    if isinstance(declared, UnionType):
        declared = next(arg for arg in typing.get_args(declared) if arg is not NoneType)
    if typing.get_origin(declared) is list:
        declared = typing.get_args(declared)[0]
    return declared


def _filler(command: Any, name: str) -> str:
    """A valid-looking value for a parameter, so that only the case under test is wrong."""
    return "1" if _value_type(command, name) in (int, float) else "x"


@dataclass(frozen=True)
class Case:
    """One mistyped command line and a piece of the error line it must give."""

    args: tuple[str, ...]
    expected: str
    help_of: str
    parse_only: bool = True
    """Refused while parsing: before the database is opened, with a pointer to the help."""


def _cases() -> list[Case]:
    root = typer.main.get_command(app)
    cases = [
        Case(("bogus-command",), "no such command 'bogus-command'", "workbench"),
        Case(("--no-such-option", "docs"), "no such option '--no-such-option'", "workbench"),
        Case(("--db",), "'--db' requires an argument", "workbench"),
    ]
    for name, group in root.commands.items():
        if getattr(group, "commands", None):
            cases.append(Case((name, "bogus"), "no such command 'bogus'", f"workbench {name}"))
    for path, command in _leaf_commands(root):
        where = " ".join(("workbench", *path))
        options = [p for p in command.params if p.param_type_name == "option" and p.name != "help"]
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        required_options = [
            token
            for option in options
            if option.required
            for token in (option.opts[0], _filler(command, option.name))
        ]
        fillers = ["x" for argument in arguments if argument.required]
        cases.append(Case((*path, "--no-such-option"), "no such option '--no-such-option'", where))
        if any(p.required for p in command.params):
            cases.append(Case(path, "missing", where))
        extra = ["x"] * (len(arguments) + 1)
        if not any(argument.nargs == -1 for argument in arguments):  # NAME... takes any number
            cases.append(
                Case((*path, *required_options, *extra), "unexpected extra argument", where)
            )
        for option in options:
            flag = option.opts[0]
            if getattr(option, "is_flag", False):
                cases.append(
                    Case((*path, f"{flag}=maybe"), f"'{flag}' does not take a value", where)
                )
                continue
            cases.append(Case((*path, flag), f"'{flag}' requires an argument", where))
            kind = _value_type(command, option.name)
            if kind in (int, float):
                # only the number is wrong: refused while parsing when the option has a range,
                # else by the use case; either way the line names the option
                ranged = getattr(option, "max", None) is not None
                for bad in ("abc", HUGE, "-" + HUGE):
                    args = (*path, *fillers, *required_options, flag, bad)
                    parse_only = ranged or bad == "abc"
                    cases.append(Case(args, flag.lstrip("-"), where, parse_only=parse_only))
    return cases


CASES = _cases()


def test_the_walk_reaches_every_command_and_each_kind_of_mistake() -> None:
    leaves = [path for path, _ in _leaf_commands(typer.main.get_command(app))]
    assert len(leaves) >= 19  # glossary 6, tm 4, terms 1, and 8 top-level commands
    assert {("glossary", "search"), ("tm", "lookup"), ("terms", "find"), ("score",)} <= set(leaves)
    for path in leaves:
        mine = [case for case in CASES if case.args[: len(path)] == path]
        assert len(mine) >= 2, path  # a bogus option and an extra argument at least
    kinds = {case.expected.split("'")[0] for case in CASES}
    assert {"missing", "no such option ", "no such command ", "limit", "worst"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=lambda case: " ".join(case.args)[:80])
def test_a_mistyped_command_line_is_one_line_and_exit_2(
    case: Case, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "never-opened.sqlite"))
    monkeypatch.setattr(WorkbenchApp, "run", _no_terminal_ui)
    code, out, err = run(capsys, *case.args)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("workbench: error: ")
    assert case.expected in err
    if case.parse_only:
        assert err.endswith(f"(see: {case.help_of} --help)\n")
        assert not (tmp_path / "never-opened.sqlite").exists()  # refused before any work


def test_a_real_process_gives_the_same_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "glossary", "search", "a", "--limit", HUGE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "workbench: error: invalid value for '--limit': Input should be less than or equal "
        "to 1000000 (see: workbench glossary search --help)\n"
    )


def test_a_close_miss_suggests_the_command_or_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "glossary", "serch", "x")
    assert code == 2 and "did you mean 'search'?" in err and err.count("\n") == 1
    code, _, err = run(capsys, "docs", "--jsn")
    assert code == 2 and "did you mean --json?" in err and err.count("\n") == 1


def test_a_group_without_a_command_shows_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "glossary")
    assert code == 2 and "Usage: workbench glossary" in out and "search" in out
