"""Xcode String Catalogs (.xcstrings): every language of an app in one JSON file.

The source language is the catalog's `sourceLanguage`; the target language must be given
(the catalog holds many). A key's source is its source-language string unit, or the key
itself when it has none (as Xcode does). Variations (plural, device, nested) are forms:
plural ones follow the target language's categories, device ones are kept as in the
source; each substitution (`%#@name@`) is its own plural unit. Existing target values come
in with their state (translated -> translated, needs_review/stale -> draft, new -> new);
`shouldTranslate: false` keys are kept and not offered; `comment` is the note.

Export writes the target language's string units (state `translated` for confirmed
segments, `needs_review` otherwise) and serialises the catalog as Xcode does (two-space
indent, `" : "`), which reproduces Xcode's files exactly; an untouched catalog is written
back byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any, ClassVar, cast

from workbench.domain.document import Document, Segment, SegmentStatus, with_markup
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.strings.codec import Decoded
from workbench.formats.strings.document import Parsed, StringsFormat
from workbench.formats.strings.plurals import is_plural_set
from workbench.formats.strings.units import CodedText, Form, Unit

_STATES = {
    "translated": SegmentStatus.TRANSLATED,
    "needs_review": SegmentStatus.DRAFT,
    "stale": SegmentStatus.DRAFT,
    "new": SegmentStatus.NEW,
}

Json = dict[str, Any]


def _variants(
    node: Json, kinds: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], tuple[str, ...], Json]]:
    """(kinds, names, stringUnit) of every string unit under a localization or variation."""
    if "stringUnit" in node:
        yield kinds, (), cast(Json, node["stringUnit"])
    for kind, options in cast(Json, node.get("variations", {})).items():
        for name, sub in cast(Json, options).items():
            for inner_kinds, names, unit in _variants(cast(Json, sub), (kind,)):
                yield kinds + inner_kinds, (name, *names), unit


def _form(name: str | None, value: str) -> Form:
    builder = CodedText()
    builder.text(value)
    text, codes = builder.result()
    return Form(name, text, None, codes)


def _unit(
    key: str,
    source: Json | None,
    target: Json | None,
    fallback: str | None,
    data: Json,
    note: str | None,
    offered: bool,
    line: int,
) -> Unit | None:
    """A unit from the source localization (or its text), with the target's values."""
    variants = list(_variants(source)) if source is not None else []
    if not variants:
        if fallback is None:
            return None
        variants = [((), (), {"value": fallback})]
    kinds = variants[0][0]
    if any(v[0] != kinds for v in variants):
        kinds = variants[-1][0]
        variants = [v for v in variants if v[0] == kinds]
    names = ["/".join(v[1]) or None for v in variants]
    forms = [
        _form(name, str(unit.get("value", "")))
        for name, (_k, _n, unit) in zip(names, variants, strict=True)
    ]
    plural = kinds == ("plural",) and is_plural_set([n or "" for n in names])
    unit = Unit(
        key, forms, line, note=note, translatable=offered, plural=plural, zero_explicit=True
    )
    unit.data = {k: str(v) for k, v in data.items()}
    unit.data["xc_kinds"] = ",".join(kinds)
    if target is not None:
        for target_kinds, target_names, string_unit in _variants(target):
            if target_kinds != kinds:
                continue
            name = "/".join(target_names) or None
            form = _form(name, str(string_unit.get("value", "")))
            form.status = _STATES.get(str(string_unit.get("state", "")), SegmentStatus.DRAFT)
            unit.targets[name] = form
    return unit


def parse_catalog(text: str, path: Path) -> Json:
    try:
        catalog = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(path, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    if not isinstance(catalog, dict) or not isinstance(catalog.get("strings"), dict):
        raise FormatError(path, 'not a String Catalog: no "strings" object', 1)
    return cast(Json, catalog)


class XcstringsFormat(StringsFormat):
    """Xcode String Catalogs: one language pair of a many-language catalog."""

    name: ClassVar[str] = "xcstrings"

    def syntax(self, decoded: Decoded) -> Any:
        raise NotImplementedError  # export builds the catalog itself

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        catalog = parse_catalog(decoded.text, path)
        source_lang = str(catalog.get("sourceLanguage", "en"))
        if target_lang is None:
            languages = sorted(
                {
                    lang
                    for entry in catalog["strings"].values()
                    for lang in cast(Json, entry).get("localizations", {})
                }
                - {source_lang}
            )
            shown = ", ".join(languages) or "none yet"
            raise FormatError(
                path, f"a String Catalog holds many languages ({shown}): give --target-lang"
            )
        target_key = _catalog_lang(catalog, target_lang)
        units = []
        lines = _key_lines(decoded.text)
        for key, raw in catalog["strings"].items():
            entry = cast(Json, raw)
            localizations = cast(Json, entry.get("localizations", {}))
            source = cast("Json | None", localizations.get(source_lang))
            target = cast("Json | None", localizations.get(target_key))
            offered = entry.get("shouldTranslate", True) is not False
            note = entry.get("comment")
            line = lines.get(key, 1)
            unit = _unit(key, source, target, key, {"xc_key": key}, note, offered, line)
            if unit is not None:
                units.append(unit)
            for sub_name, sub in cast(Json, (source or {}).get("substitutions", {})).items():
                target_sub = cast(Json, (target or {}).get("substitutions", {})).get(sub_name)
                data = {"xc_key": key, "xc_sub": sub_name}
                sub_unit = _unit(
                    f"{key}/{sub_name}",
                    cast(Json, sub),
                    target_sub,
                    None,
                    data,
                    note,
                    offered,
                    line,
                )
                if sub_unit is not None:
                    units.append(sub_unit)
        parsed = Parsed(units, source_lang=source_lang)
        parsed.properties["xcstrings_target"] = target_key
        return parsed

    def _read_target(self, path: Path, target: str | None, encoding: str | None) -> Parsed:
        raise FormatError(path, "a String Catalog holds every language: import it alone")

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The catalog's segments, each marked with the target and status it was read with."""
        document, segments = super().read(path, options)
        return document, _fingerprinted(segments)

    def export(self, document: Document, segments: Iterable[Segment], path: Path) -> bytes:
        if document.format != self.name or not document.original:
            raise FormatError(
                path, f"a {document.format} document cannot be written as a String Catalog"
            )
        decoded = self.decode(document.original, path)
        catalog = parse_catalog(decoded.text, path)
        before = json.dumps(catalog, sort_keys=False)
        lang = document.properties.get("xcstrings_target") or document.target_lang or ""
        for _unit_index, run in groupby(segments, key=lambda s: s.structure.get("unit")):
            _write_unit(catalog, list(run), lang, path)
        if json.dumps(catalog, sort_keys=False) == before:
            return document.original
        text = json.dumps(catalog, indent=2, separators=(",", " : "), ensure_ascii=False)
        if decoded.text.endswith("\n"):
            text += "\n"
        return decoded.encode(text)


def _catalog_lang(catalog: Json, lang: str) -> str:
    """The catalog's own spelling of a language (zh-Hans, pt-BR), matched case-insensitively."""
    for entry in catalog["strings"].values():
        for name in cast(Json, entry).get("localizations", {}):
            if name.lower() == lang.lower():
                return str(name)
    return lang


def _key_lines(text: str) -> dict[str, int]:
    """The line of each key of "strings" (for messages), found cheaply."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if (
            stripped.startswith('"')
            and stripped.endswith(": {")
            and line.startswith('    "')
            and not line.startswith("     ")
        ):
            try:
                key = json.loads(stripped[: stripped.rindex(" : {")])
            except (json.JSONDecodeError, ValueError):
                continue
            lines.setdefault(str(key), number)
    return lines


def _fingerprint(segment: Segment) -> str:
    return f"{segment.status.value}:{segment.target}"


def _fingerprinted(segments: Iterator[Segment]) -> Iterator[Segment]:
    for segment in segments:
        segment.structure["fingerprint"] = _fingerprint(segment)
        yield segment


def _state(segment: Segment) -> str:
    """The catalog state of a segment's target."""
    if segment.status.confirmed:
        return "translated"
    return "new" if segment.status is SegmentStatus.NEW else "needs_review"


def _write_unit(catalog: Json, run: list[Segment], lang: str, path: Path) -> None:
    """Put a unit's targets into the catalog's target localization."""
    first = run[0].structure
    if first.get("translate") == "no" or not any(s.target for s in run):
        return
    if all(s.structure.get("fingerprint") == _fingerprint(s) for s in run):
        return  # as read: the catalog keeps its own values and states
    entry = cast(Json, catalog["strings"].get(first.get("xc_key", "")))
    if entry is None:
        raise FormatError(path, f"the catalog has no key {first.get('xc_key')!r}")
    localizations = cast(Json, entry.setdefault("localizations", {}))
    if lang not in localizations:
        localizations[lang] = {}
        ordered = list(localizations) == sorted(localizations)
        if ordered or list(localizations)[:-1] == sorted(list(localizations)[:-1]):
            entry["localizations"] = dict(sorted(localizations.items()))
            localizations = cast(Json, entry["localizations"])
    container = cast(Json, localizations[lang])
    sub = first.get("xc_sub")
    if sub is not None:
        source_sub = _source_substitution(entry, catalog, sub)
        subs = cast(Json, container.setdefault("substitutions", {}))
        container = cast(
            Json, subs.setdefault(sub, {k: v for k, v in source_sub.items() if k != "variations"})
        )
    kinds = [k for k in first.get("xc_kinds", "").split(",") if k]
    units = {}
    for segment in run:
        text = with_markup(segment.target or segment.source, segment.codes)
        units[segment.structure.get("form")] = {
            "state": _state(segment) if segment.target else "needs_review",
            "value": text,
        }
    if not kinds:
        container["stringUnit"] = units[None]
        return
    variations: Json = {}
    for name, unit in units.items():
        node = variations
        names = (name or "").split("/")
        for depth, (kind, part) in enumerate(zip(kinds, names, strict=False)):
            options = cast(Json, node.setdefault(kind, {}))
            child = cast(Json, options.setdefault(part, {}))
            if depth == len(kinds) - 1:
                child["stringUnit"] = unit
            else:
                node = cast(Json, child.setdefault("variations", {}))
    container["variations"] = variations


def _source_substitution(entry: Json, catalog: Json, name: str) -> Json:
    source = cast(Json, entry.get("localizations", {})).get(
        str(catalog.get("sourceLanguage", "en")), {}
    )
    return cast(Json, cast(Json, source).get("substitutions", {}).get(name, {}))
