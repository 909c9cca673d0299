"""Shared by the use cases: errors, paths and small helpers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from workbench.domain.controls import (
    CONTROLS_ENV,
    ControlPolicy,
    control_name,
    control_policy,
    first_control,
)
from workbench.domain.langtags import normalize_lang
from workbench.domain.limits import LimitError, Limits
from workbench.domain.model import Concept
from workbench.formats.base import FormatError, ProgressCallback, read_bytes
from workbench.formats.encoding import decode


def _package_file(*parts: str) -> Path:
    """A data file shipped in the package, as a path (a wheel installs its files unpacked)."""
    found = resources.files("workbench").joinpath(*parts)
    if not isinstance(found, Path):  # only a zip import would give something else
        raise RuntimeError(f"workbench must be installed as files to read {'/'.join(parts)}")
    return found


SHIPPED_GLOSSARY = _package_file("samples", "waic-2025.csv")
"""The sample glossary, package data (glossaries/waic-2025.csv is the copy users browse)."""


NoticeCallback = Callable[[str], None]
"""Told what an import changed without refusing it (control characters stripped)."""


class UsageError(Exception):
    """A request that cannot be carried out as given (bad language list, missing option)."""


class ConflictError(Exception):
    """Someone else saved the segment since it was read; the refused text is kept."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


class BrokenCodesError(Exception):
    """Targets whose inline codes are missing, extra or badly nested: export refused."""

    def __init__(self, name: str, positions: Sequence[int]) -> None:
        count = len(positions)
        super().__init__(
            f"{name}: {count} segment{'s' if count != 1 else ''} with missing, extra or badly"
            " nested inline codes; nothing written (fix them, or --force to write anyway)"
        )
        self.positions = list(positions)


class ConceptConflictError(Exception):
    """Someone else saved the concept since it was read: the save is refused, nothing changed."""

    def __init__(self, message: str, concept_id: int, changed: str = "") -> None:
        super().__init__(message)
        self.concept_id = concept_id
        self.changed = changed or message
        """What happened, without the advice (an editor that gives the edit back says more)."""


def configured_limits() -> Limits:
    """The limits in force: the defaults, with WORKBENCH_LIMIT_<NAME> variables put in."""
    try:
        return Limits.from_environment(os.environ)
    except ValueError as error:
        raise UsageError(str(error)) from None


def configured_controls(given: str | None = None) -> ControlPolicy:
    """What glossary and TM imports do with control characters: given, else the setting."""
    try:
        if given:
            return control_policy(given, "--controls")
        return control_policy(os.environ.get(CONTROLS_ENV))
    except ValueError as error:
        raise UsageError(str(error)) from None


def check_typed_text(text: str, what: str, limits: Limits) -> None:
    """Refuse a term typed by the user over the term limit or with a control character."""
    try:
        limits.check("term", text)
    except LimitError as error:
        raise UsageError(f"{what}: {error}") from None
    refuse_controls(text, what)


def refuse_controls(text: str, what: str) -> None:
    """Refuse text typed by the user with a control character (tab, LF and CR are text): it
    would be stored unseen and break the XML the text is later written into."""
    at = first_control(text)
    if at >= 0:
        raise UsageError(f"{what} holds the control character {control_name(text[at])}")


def _reporting(
    concepts: Iterator[Concept], total: int, on_progress: ProgressCallback | None
) -> Iterator[Concept]:
    for done, concept in enumerate(concepts, 1):
        if on_progress is not None and done % 1000 == 0:
            on_progress(done, total)
        yield concept
    if on_progress is not None:
        on_progress(total, total)


def read_text_file(path: Path) -> str:
    """A text file's content, decoded as every reader decodes (formats.encoding)."""
    if not path.is_file():
        raise FormatError(path, "no such file")
    return decode(read_bytes(path), path).text


def _lang_or_none(lang: str | None) -> str | None:
    return normalize_lang(lang) if lang else None


def _list(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "no terms at all"
