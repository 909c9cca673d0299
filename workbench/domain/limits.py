"""How big an input may be: the one home of the size limits every reader and use case checks.

Each limit has a name, a default and an environment variable that overrides it
(`WORKBENCH_LIMIT_<NAME>`, e.g. `WORKBENCH_LIMIT_TERM=2000`, sizes in bytes may end in K, M
or G). Over a limit, input is refused with a message naming the limit and how to raise it
(`LimitError`, which readers turn into a FormatError with the file and line).

    limits = Limits.from_environment(os.environ)     # the services do this once per command
    limits.check("term", text)                        # LimitError when text is too long
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

ENV_PREFIX = "WORKBENCH_LIMIT_"
XML_DEPTH = 256
"""How deep XML elements may nest: libxml2's own ceiling, which holds because no parser of
ours enables huge trees; not configurable (libxml2 offers no lower one through lxml)."""
_KIB = 1024
_MIB = _KIB * _KIB
_GIB = _KIB * _MIB
_SIZE = re.compile(r"\s*(\d+)\s*([KMG]?)i?B?\s*", re.IGNORECASE)
_UNITS = {"": 1, "K": _KIB, "M": _MIB, "G": _GIB}


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force; every field can be overridden from the environment."""

    term: int = 1_000
    """Characters in one term (a glossary entry, `glossary add`)."""
    segment: int = 100_000
    """Characters in one segment's source or target."""
    cell: int = 131_072
    """Characters in one cell of a CSV, TSV or XLSX table, or one note or definition."""
    line: int = 1_000_000
    """Characters in one line of a text file (.txt, .md, .po, .csv ...)."""
    zip_member: int = 256 * _MIB
    """Bytes one member of a zip package (XLSX, DOCX ...) may inflate to."""
    zip_total: int = 1 * _GIB
    """Bytes all members of a zip package may inflate to together."""
    zip_ratio: int = 100
    """How many times larger than its compressed size a member over 1 MiB may inflate to."""
    zip_members: int = 10_000
    """Members in one zip package."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Limits:
        """The defaults, with each WORKBENCH_LIMIT_<NAME> found in environ put in."""
        changes: dict[str, int] = {}
        for item in fields(cls):
            value = environ.get(ENV_PREFIX + item.name.upper())
            if value is not None and value.strip():
                changes[item.name] = parse_size(value, ENV_PREFIX + item.name.upper())
        return replace(cls(), **changes)

    def check(self, name: str, text: str) -> str:
        """text, or LimitError when it is longer than the limit called name."""
        limit: int = getattr(self, name)
        if len(text) > limit:
            raise LimitError(name, limit, len(text))
        return text


class LimitError(ValueError):
    """Input over a limit; the message names the limit, its value and how to raise it."""

    def __init__(
        self, name: str, limit: int, actual: int | None = None, unit: str = "characters"
    ) -> None:
        self.name = name
        self.limit = limit
        self.actual = actual
        size = f" of {actual:,} {unit}" if actual is not None else ""
        super().__init__(
            f"{describe(name)}{size} is over the limit of {limit:,}"
            f"{'' if actual is not None else ' ' + unit} "
            f"(limit {name}; set {ENV_PREFIX}{name.upper()} to raise it)"
        )


_DESCRIPTIONS = {
    "term": "a term",
    "segment": "a segment",
    "cell": "a cell",
    "line": "a line",
    "zip_member": "a zip member",
    "zip_total": "the zip package",
    "zip_ratio": "a zip member's compression ratio",
    "zip_members": "the number of zip members",
    "xml_depth": "the XML nesting depth",
}


def describe(name: str) -> str:
    """What a limit measures, for messages."""
    return _DESCRIPTIONS.get(name, name)


def parse_size(text: str, what: str) -> int:
    """A positive whole number, optionally with a K, M or G suffix (1024-based)."""
    match = _SIZE.fullmatch(text)
    if match is None or int(match.group(1)) <= 0:
        raise ValueError(f"{what}={text!r} is not a positive number (e.g. 5000, 512M, 2G)")
    return int(match.group(1)) * _UNITS[match.group(2).upper()]
