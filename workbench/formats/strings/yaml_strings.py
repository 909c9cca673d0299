"""YAML string files (Rails i18n and alike), patched in place so comments and layout stay.

PyYAML composes the file into nodes that know where each scalar starts and ends; export
rewrites only the scalars whose text changed (ruamel.yaml's round trip was tried and not
taken: on the corpus it changed lines nobody translated). Decisions:
- a root mapping with one key that is a language tag (`en:`) is the locale: keys are shown
  without it, it is the source language, and a translated export names the target language;
- a mapping whose keys are plural categories with `other` among them is one plural (`zero`
  kept as in Rails, where it is for the number 0 in every language);
- only string scalars are offered: numbers, booleans, nulls, symbols (`:year`) and tagged
  values are kept; an alias is offered once, where its anchor is;
- a changed value keeps its quoting style where the new text allows (plain, single- or
  double-quoted, literal block); otherwise it is written double-quoted. A folded block
  (`>`) becomes double-quoted, since folding would change the text;
- comment lines right above a key are its note.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import ClassVar

import yaml

from workbench.formats.base import FormatError
from workbench.formats.strings.codec import Decoded
from workbench.formats.strings.document import Parsed, StringsFormat
from workbench.formats.strings.plurals import CATEGORIES
from workbench.formats.strings.units import CodedText, Form, Patch, Unit

_STR = "tag:yaml.org,2002:str"
_INDICATORS = set("!&*-?:,[]{}#|>@`\"'%")
_RESOLVER = yaml.resolver.Resolver()
_BREAKS = re.compile("[\n\r\t\x85\u2028\u2029]")
_YAML_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
MAX_DEPTH = 256


def _one_line(text: str) -> bool:
    """No character YAML reads as a line break (U+2028 and U+0085 are, too) or a tab."""
    return _BREAKS.search(text) is None


def _plain_allowed(text: str, flow: bool) -> bool:
    """Whether text can be written as a plain scalar and read back the same."""
    if not text or text != text.strip() or not _one_line(text):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    resolved: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return resolved == _STR


def double_quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in _YAML_ESCAPES.items():
        quoted = quoted.replace(char, escape)
    return quoted


class YamlSyntax:
    """Scalars in the style they had when the new text allows it."""

    def escape(self, text: str, structure: dict[str, str]) -> str:
        return text

    def finish(self, value: str, structure: dict[str, str]) -> str:
        style = structure.get("yaml_style", "")
        flow = structure.get("yaml_flow") == "yes"
        if style == "" and _plain_allowed(value, flow):
            return value
        if style == "'" and _one_line(value) and value == value.strip(" "):
            return "'" + value.replace("'", "''") + "'"
        if style == "|" and not flow and value.strip() and "\t" not in value:
            indent = " " * int(structure.get("yaml_indent", "2"))
            lines = [indent + line if line else "" for line in value.split("\n")]
            if not lines[0].strip() or lines[-1] != lines[-1].rstrip():
                return double_quoted(value + structure.get("yaml_tail", ""))
            return structure["yaml_header"] + "\n" + "\n".join(lines)
        return double_quoted(value + structure.get("yaml_tail", ""))

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        between = "\n" + " " * int(structure["yaml_key_column"])
        return between.join(f"{name}: {value}" for name, value in forms)


def _comment_note(text: str, offset: int) -> str | None:
    """The comment lines right above the line of offset, as a note."""
    start = text.rfind("\n", 0, offset) + 1
    lines: list[str] = []
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        line = text[previous : start - 1].strip()
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
        start = previous
    return "\n".join(reversed(lines)) or None


class _Walker:
    """Collects the string scalars of a composed YAML document as units."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self.units: list[Unit] = []
        self._seen: set[int] = set()

    def node(
        self, node: yaml.Node, key: str, depth: int, flow: bool = False, key_at: int | None = None
    ) -> None:
        if id(node) in self._seen:
            return  # an alias: offered where its anchor is
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            raise FormatError(self.path, f"nested deeper than {MAX_DEPTH} levels", self._line(node))
        at = int(node.start_mark.index) if key_at is None else key_at
        if isinstance(node, yaml.ScalarNode):
            self.scalar(node, key, flow, at)
        elif isinstance(node, yaml.SequenceNode):
            inner = flow or bool(node.flow_style)
            for index, item in enumerate(node.value):
                self.node(item, f"{key}[{index}]", depth + 1, inner)
        elif isinstance(node, yaml.MappingNode):
            self.mapping(node, key, depth, flow or bool(node.flow_style), at)

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1

    def mapping(
        self, node: yaml.MappingNode, key: str, depth: int, flow: bool, key_at: int
    ) -> None:
        pairs = node.value
        names = [k.value for k, _v in pairs if isinstance(k, yaml.ScalarNode)]
        if (
            len(pairs) >= 2
            and not flow
            and len(names) == len(pairs)
            and "other" in names
            and set(names) <= set(CATEGORIES)
            and all(self._offered(v) for _k, v in pairs)
        ):
            self.plural(node, key, key_at)
            return
        for name, value in pairs:
            if not isinstance(name, yaml.ScalarNode) or name.value == "<<":
                continue
            path = f"{key}.{name.value}" if key else str(name.value)
            self.node(value, path, depth + 1, flow, int(name.start_mark.index))

    def _offered(self, node: yaml.Node) -> bool:
        """A string scalar a translator should see (not a symbol, number, null or tag)."""
        return (
            isinstance(node, yaml.ScalarNode)
            and node.tag == _STR
            and not (node.style is None and str(node.value).startswith(":"))
            and bool(str(node.value).strip())
        )

    def _form(self, name: str | None, node: yaml.ScalarNode) -> tuple[Form, dict[str, str]]:
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        value = str(node.value)
        data = {"yaml_style": node.style or ""}
        if node.style in ("|", ">"):
            raw = self.text[start:end]
            end = start + len(raw.rstrip("\n"))
            trimmed = value.rstrip("\n")
            data["yaml_tail"] = value[len(trimmed) :]
            value = trimmed
            header_end = self.text.index("\n", start)
            data["yaml_header"] = self.text[start:header_end]
            body = self.text[header_end + 1 : end]
            first = next((line for line in body.split("\n") if line.strip()), "")
            data["yaml_indent"] = str(len(first) - len(first.lstrip(" ")))
        builder = CodedText()
        builder.text(value)
        text, codes = builder.result()
        return Form(name, text, (start, end), codes), data

    def scalar(self, node: yaml.ScalarNode, key: str, flow: bool, key_at: int) -> None:
        if not self._offered(node):
            return
        form, data = self._form(None, node)
        if flow:
            data["yaml_flow"] = "yes"
        note = _comment_note(self.text, key_at)
        self.units.append(Unit(key, [form], self._line(node), note=note, data=data))

    def plural(self, node: yaml.MappingNode, key: str, key_at: int) -> None:
        forms = [self._form(str(name.value), value)[0] for name, value in node.value]
        first_key = node.value[0][0]
        start = int(first_key.start_mark.index)
        end = forms[-1].span[1] if forms[-1].span else start
        data = {"yaml_style": "", "yaml_key_column": str(first_key.start_mark.column)}
        note = _comment_note(self.text, key_at)
        self.units.append(
            Unit(
                key,
                forms,
                self._line(node),
                (start, end),
                note,
                plural=True,
                zero_explicit=True,
                data=data,
            )
        )


def _compose(text: str, path: Path) -> yaml.Node | None:
    """The file's one YAML document as nodes; FormatError with the line for bad YAML."""
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(error.problem or error).split())
        raise FormatError(path, f"not valid YAML: {problem}", line) from None
    except yaml.YAMLError as error:
        raise FormatError(path, f"not valid YAML: {' '.join(str(error).split())}") from None
    if len(documents) > 1:
        raise FormatError(path, "holds several YAML documents; give one per file")
    return documents[0] if documents else None


class YamlFormat(StringsFormat):
    """YAML string files (Rails i18n): values patched in place, comments and layout kept."""

    name: ClassVar[str] = "yaml"

    def syntax(self, decoded: Decoded) -> YamlSyntax:
        return YamlSyntax()

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        text = decoded.text
        root = _compose(text, path)
        if not isinstance(root, yaml.MappingNode):
            raise FormatError(path, "the file is not a YAML mapping of strings", 1)
        walker = _Walker(text, path)
        parsed = Parsed(walker.units)
        locale = _locale_root(root)
        if locale is not None:
            name, value = locale
            parsed.source_lang = str(name.value)
            start, end = int(name.start_mark.index), int(name.end_mark.index)
            parsed.language_patches = lambda lang: [Patch(start, end, lang)]
            parsed.properties["yaml_root"] = str(name.value)
            walker.node(value, "", 0)
            body: yaml.Node = value
        else:
            walker.node(root, "", 0)
            body = root
        if isinstance(body, yaml.MappingNode):
            parsed.insert = _Inserter(body).insert
        return parsed


def _locale_root(root: yaml.MappingNode) -> tuple[yaml.ScalarNode, yaml.Node] | None:
    """The root key when the file is one mapping under a language tag (`en:`)."""
    if len(root.value) != 1:
        return None
    name, value = root.value[0]
    if not isinstance(name, yaml.ScalarNode) or not isinstance(value, yaml.MappingNode):
        return None
    from langcodes import tag_is_valid

    tag = str(name.value).replace("_", "-")
    return (name, value) if tag_is_valid(tag) and len(tag) <= 16 else None


def _key_text(key: str) -> str:
    return key if _plain_allowed(key, False) else double_quoted(key)


class _Inserter:
    """Puts a key only the target file had at the end of the nearest mapping that exists."""

    def __init__(self, root: yaml.MappingNode) -> None:
        self.root = root

    def insert(self, key: str, value: str) -> Patch | None:
        if "[" in key:
            return None  # an item of a sequence the source does not have
        parts = key.split(".")
        node = self.root
        depth = 0
        while depth < len(parts) - 1:
            child = next(
                (
                    v
                    for k, v in node.value
                    if isinstance(k, yaml.ScalarNode) and k.value == parts[depth]
                ),
                None,
            )
            if not isinstance(child, yaml.MappingNode) or child.flow_style:
                break
            node, depth = child, depth + 1
        if node.flow_style or not node.value:
            return None
        column = int(node.value[0][0].start_mark.column)
        at = int(node.value[-1][1].end_mark.index)
        lines = []
        for level, part in enumerate(parts[depth:-1]):
            lines.append(" " * (column + 2 * level) + f"{_key_text(part)}:")
        indent = " " * (column + 2 * (len(parts) - 1 - depth))
        lines.append(f"{indent}{_key_text(parts[-1])}: {value}")
        return Patch(at, at, "".join("\n" + line for line in lines))
