"""QA profiles as TOML text: which checks run, their severities, thresholds and ignored issues.

    [checks]
    disabled = ["wrong_language"]          # or: enabled = ["term_missing", ...]

    [severity]
    number_mismatch = "warning"

    [settings]
    "length_ratio.ko-en" = "1.0,4.0"       # names start with the id of the check that reads them

    [ignore]
    hashes = ["3f5c0a9e1b2d4c6e"]           # issue_hash of each false alarm

An ignored issue is keyed to the segment's content, so editing the segment brings it back.
The file is read by the service; this module only parses its text.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.domain.checks.registry import CHECKS, DOCUMENT_CHECKS, Issue, Profile, Severity

SECTIONS = ("checks", "severity", "settings", "ignore")
HASH_LENGTH = 16
"""Hex digits of an issue hash: 64 bits, ample to tell a document's issues apart."""
_HASH = re.compile(rf"[0-9a-f]{{{HASH_LENGTH}}}")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class ProfileError(ValueError):
    """A profile that cannot be used: names the key and, where known, the line and column."""

    def __init__(
        self,
        message: str,
        key: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.line = line
        self.column = column


@dataclass(slots=True)
class QaProfile:
    """A profile and the content hashes of the issues marked as false alarms."""

    profile: Profile = field(default_factory=Profile)
    ignored: frozenset[str] = frozenset()

    def keeps(self, issue: Issue, source: str, target: str) -> bool:
        """False when the issue was marked ignored for exactly this source and target."""
        return issue_hash(issue.check, source, target) not in self.ignored


def known_checks() -> list[str]:
    """Every registered check id, segment checks first."""
    return [*CHECKS, *DOCUMENT_CHECKS]


def check_title(check_id: str) -> str:
    """The one-line title of a registered check (its docstring's first line)."""
    registered = CHECKS.get(check_id) or DOCUMENT_CHECKS.get(check_id)
    return registered.title if registered is not None else check_id


def issue_hash(check_id: str, source: str, target: str) -> str:
    """The key of an ignore mark: the check id and the segment's exact source and target."""
    digest = hashlib.sha256("\x1f".join((check_id, source, target)).encode("utf-8"))
    return digest.hexdigest()[:HASH_LENGTH]


def parse_profile(text: str) -> QaProfile:
    """A QA profile from TOML text; ProfileError names the offending key (and line)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        if position is None:
            if "(at end of document)" in message:
                reason = message.replace("(at end of document)", "at the end").strip()
                raise ProfileError(reason, None, max(len(text.splitlines()), 1)) from None
            raise ProfileError(message) from None
        reason = message[: position.start()].strip()
        raise ProfileError(reason, None, int(position[1]), int(position[2])) from None
    try:
        return _profile(data)
    except ProfileError as error:
        if error.key is not None and error.line is None:
            error.line = _line_of(text, error.key)
        raise


def _profile(data: Mapping[str, Any]) -> QaProfile:
    for section in data:
        if section not in SECTIONS:
            raise ProfileError(
                f"unknown section [{section}] (known: {', '.join(SECTIONS)})", section
            )
    checks = _table(data, "checks")
    severity = _table(data, "severity")
    settings = _table(data, "settings")
    ignore = _table(data, "ignore")
    profile = Profile(
        enabled=_enabled(checks),
        severities={k: _severity(k, v) for k, v in severity.items() if _known(k)},
        settings={k: _setting(k, v) for k, v in settings.items()},
    )
    for key in ignore:
        if key != "hashes":
            raise ProfileError(f"unknown key {key!r} in [ignore] (known: hashes)", key)
    return QaProfile(profile, frozenset(_hashes(ignore.get("hashes", []))))


def _table(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ProfileError(f"{name} must be a table: [{name}]", name)
    return table


def _known(check_id: str) -> bool:
    if check_id not in CHECKS and check_id not in DOCUMENT_CHECKS:
        raise ProfileError(
            f"unknown check {check_id!r} (known: {', '.join(sorted(known_checks()))})", check_id
        )
    return True


def _ids(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProfileError(f"{key} must be a list of check ids", key)
    return [item for item in value if _known(item)]


def _enabled(checks: Mapping[str, Any]) -> set[str] | None:
    for key in checks:
        if key not in ("enabled", "disabled"):
            raise ProfileError(f"unknown key {key!r} in [checks] (known: enabled, disabled)", key)
    if "enabled" in checks and "disabled" in checks:
        raise ProfileError("give either enabled or disabled in [checks], not both", "disabled")
    if "enabled" in checks:
        return set(_ids("enabled", checks["enabled"]))
    if "disabled" in checks:
        disabled = set(_ids("disabled", checks["disabled"]))
        return {check_id for check_id in known_checks() if check_id not in disabled}
    return None


def _severity(check_id: str, value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ProfileError(f"severity of {check_id} must be one of {choices}", check_id) from None


def _setting(name: str, value: Any) -> Any:
    owner = re.split(r"[._]", name)
    if not any("_".join(owner[:n]) in known_checks() for n in range(1, len(owner) + 1)):
        raise ProfileError(
            f"setting {name!r} belongs to no check (names start with a check id)", name
        )
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list) and all(isinstance(v, bool | int | float | str) for v in value):
        return value
    raise ProfileError(f"setting {name!r} must be a string, a number, true/false or a list", name)


def _hashes(value: Any) -> Iterator[str]:
    if not isinstance(value, list):
        raise ProfileError("hashes must be a list of issue hashes", "hashes")
    for item in value:
        if not isinstance(item, str) or not _HASH.fullmatch(item):
            raise ProfileError(
                f"{item!r} in hashes is not an issue hash ({HASH_LENGTH} hex digits)", "hashes"
            )
        yield item


def _line_of(text: str, key: str) -> int | None:
    """The first line that assigns key or opens it as a table, to point at in the error."""
    pattern = re.compile(
        rf"""^\s*(?:\[\s*{re.escape(key)}\s*\]|["']?{re.escape(key)}["']?\s*=)"""
        rf"""|["']{re.escape(key)}["']"""
    )
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return number
    return None
