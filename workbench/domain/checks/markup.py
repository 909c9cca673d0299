"""Checks that protected markup survives translation: placeholders, inline codes, tags, URLs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from workbench.domain.checks.facts import CODE_RANGE, PairBatch
from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.checks.screens import holding
from workbench.domain.display import counted
from workbench.domain.document import InlineCode

# `%%` is matched first so that it is consumed and never counted; the space flag is left out
# because "3.5% of" would otherwise read as the conversion "% o".
_PRINTF = re.compile(
    r"%%"
    r"|%(?P<variable>(?:[1-9]\d*\$)?#@[A-Za-z_]\w*@)"  # Apple .stringsdict: %#@files@, %1$#@n@
    r"|%\((?P<name>[A-Za-z_]\w*)\)[-+0#]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%(?P<number>[1-9]\d*\$)?[-+0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?(?P<type>[diouxXeEfFgGaAcspn@])"
)
_SIMPLE_BRACE = re.compile(
    r"\{(?:[A-Za-z_][\w-]*|\d+)?(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}", re.ASCII
)
_ICU_HEAD = re.compile(
    r"\s*([A-Za-z_]\w*|\d+)\s*,\s*"
    r"(plural|select|selectordinal|number|date|time|spellout|ordinal|duration)\s*(?:,|$)"
)
_JINJA = re.compile(r"\{\{\s*(.+?)\s*\}\}")
_DOLLAR = re.compile(r"\$\{\s*([^{}]+?)\s*\}")

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%]"
_URL = re.compile(
    rf"(?:(?:https?|ftp)://|www\.){_URL_CHARS}+(?:\({_URL_CHARS}*\){_URL_CHARS}*)*", re.ASCII
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", re.ASCII
)
_URL_TRAILING = ".,;:!?'"

_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*?)?\s*(/?)>")
_VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "area", "col"})


def _compare(source: Counter[str], target: Counter[str], what: str) -> Iterator[str]:
    """Messages for items whose counts differ between source and target."""
    for item, count in source.items():
        found = target.get(item, 0)
        if found == 0:
            yield f'{what} "{item}" in source, missing in target'
        elif found < count:
            yield f'{what} "{item}" {counted(count, "time")} in source, {found} in target'
    for item, count in target.items():
        expected = source.get(item, 0)
        if expected == 0:
            yield f'{what} "{item}" in target, not in source'
        elif count > expected:
            yield f'{what} "{item}" {counted(count, "time")} in target, {expected} in source'


def _brace_end(text: str, start: int) -> int:
    """Index just past the brace matching text[start], or -1 when it is never closed."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def _brace_spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, normalised form, kind) of {name}, {0}, ${var}, {{ var }} and ICU arguments.

    kind is "brace" for a whole placeholder, "icu" for an ICU argument whose branches hold text.
    """
    index = text.find("{")
    while index != -1:
        if text.startswith("{{", index) and (jinja := _JINJA.match(text, index)):
            yield index, jinja.end(), "{{ " + " ".join(jinja.group(1).split()) + " }}", "brace"
            index = text.find("{", jinja.end())
            continue
        if index > 0 and text[index - 1] == "$" and (dollar := _DOLLAR.match(text, index - 1)):
            yield index - 1, dollar.end(), "${" + dollar.group(1) + "}", "brace"
            index = text.find("{", dollar.end())
            continue
        if simple := _SIMPLE_BRACE.match(text, index):
            yield index, simple.end(), simple.group(), "brace"
            index = text.find("{", simple.end())
            continue
        end = _brace_end(text, index)
        # Only the argument and its type count: branch texts are translated and the target
        # language may have other plural categories than the source.
        if end != -1 and (icu := _ICU_HEAD.match(text, index + 1, end - 1)):
            yield index, end, f"{{{icu.group(1)}, {icu.group(2)}}}", "icu"
            index = text.find("{", end)
            continue
        index = text.find("{", index + 1)


def _brace_placeholders(text: str) -> Iterator[str]:
    """{name}, {0}, ${var}, {{ var }} and ICU arguments, normalised for comparison."""
    return (normalised for _start, _end, normalised, _kind in _brace_spans(text))


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Where printf and brace placeholders stand: the digits of %2$@ and {0} are no numbers."""
    spans: list[tuple[int, int]] = []
    if "%" in text:
        spans += [m.span() for m in _PRINTF.finditer(text) if m.group() != "%%"]
    if "{" in text:
        spans += [(start, end) for start, end, _, kind in _brace_spans(text) if kind == "brace"]
    return spans


def placeholders(text: str) -> tuple[Counter[str], list[str]]:
    """Every placeholder in text as a multiset, and the unnumbered printf ones in order."""
    found: Counter[str] = Counter()
    positional: list[str] = []
    if "%" in text:
        for match in _PRINTF.finditer(text):
            token = match.group()
            if token == "%%":
                continue
            found[token] += 1
            if (
                match.group("name") is None
                and match.group("number") is None
                and (match.group("variable") is None)
            ):
                positional.append(token)
    if "{" in text:
        found.update(_brace_placeholders(text))
    return found, positional


def _printf_sequence(text: str) -> list[str] | None:
    """The printf placeholders of text in order, or None when it may hold brace ones too."""
    if "{" in text:
        return None
    if "%" not in text:
        return []
    return [token for match in _PRINTF.finditer(text) if (token := match.group()) != "%%"]


_PRINTF_TOKENS = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _PRINTF.pattern))
"""_PRINTF without groups: findall lists the tokens themselves, in C."""
_MAY_HOLD_PLACEHOLDERS = holding(re.compile("[%{]"), "source", "target")


def _placeholders_differ(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose placeholders placeholder_mismatch would compare: those with braces,
    or whose printf conversions (%% included) differ or come in another order."""
    sources, targets = batch.texts("source"), batch.texts("target")
    return [
        position
        for position in _MAY_HOLD_PLACEHOLDERS(batch, context)
        if "{" in sources[position]
        or "{" in targets[position]
        or _PRINTF_TOKENS.findall(sources[position]) != _PRINTF_TOKENS.findall(targets[position])
    ]


@check("placeholder_mismatch", Severity.ERROR, _placeholders_differ)
def placeholder_mismatch(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Placeholders differ between source and target.

    Named and numbered placeholders may move; unnumbered printf conversions bind by position,
    so their order must stay (swapping two of the same conversion, `%s` and `%s`, is fine).
    """
    if not pair.target.strip():
        return
    source_sequence = _printf_sequence(pair.source)
    if source_sequence is not None and source_sequence == _printf_sequence(pair.target):
        return  # the same conversions in the same order: nothing differs, nothing moved
    source, source_positional = placeholders(pair.source)
    target, target_positional = placeholders(pair.target)
    if source == target:
        if source_positional != target_positional:
            yield (
                f"printf placeholders reordered: {' '.join(source_positional)} in source, "
                f"{' '.join(target_positional)} in target"
            )
        return
    yield from _compare(source, target, "placeholder")


def _code_label(index: int, codes: Sequence[InlineCode]) -> str:
    """The code as the editor shows it (⟨1⟩ ⟨/1⟩ ⟨2/⟩), or its position without a table."""
    if index >= len(codes):
        return f"⟨{index + 1}⟩"
    code = codes[index]
    if code.kind == "open":
        return f"⟨{code.id}⟩"
    if code.kind == "close":
        return f"⟨/{code.id}⟩"
    return f"⟨{code.id}/⟩"


def _nesting_errors(indexes: Sequence[int], codes: Sequence[InlineCode]) -> Iterator[str]:
    """Closing codes before their opening one and pairs that overlap in the target."""
    stack: list[int] = []
    opened: set[str] = set()
    for index in indexes:
        if index >= len(codes):
            continue
        code = codes[index]
        if code.kind == "open":
            stack.append(index)
            opened.add(code.id)
        elif code.kind == "close":
            open_ids = [codes[i].id for i in stack]
            if open_ids and open_ids[-1] == code.id:
                stack.pop()
            elif code.id in open_ids:
                inner = stack[open_ids.index(code.id) + 1 :]
                labels = ", ".join(_code_label(i, codes) for i in inner)
                yield f"{_code_label(index, codes)} closes before {labels} in target"
                stack = stack[: open_ids.index(code.id)]
            elif code.id not in opened:
                open_label = f"⟨{code.id}⟩"
                yield f"{_code_label(index, codes)} comes before {open_label} in target"


def _tag_sequence(text: str) -> list[tuple[str, str, str]]:
    """The literal tags of text in order: equal sequences make equal multisets, found in C."""
    return _HTML_TAG.findall(text) if "<" in text else []


def _html_tags(text: str) -> Counter[str]:
    """Literal HTML/XML tags by kind and name (attributes may be translated, so not compared)."""
    found: Counter[str] = Counter()
    if "<" not in text:
        return found
    for match in _HTML_TAG.finditer(text):
        closing, name, self_closing = match.groups()
        lowered = name.lower()
        if self_closing or lowered in _VOID_ELEMENTS:
            found[f"<{name}/>"] += 1
        elif closing:
            found[f"</{name}>"] += 1
        else:
            found[f"<{name}>"] += 1
    return found


_MAY_HOLD_CODES = holding(re.compile(f"[{CODE_RANGE}]"), "source", "target")
_MAY_HOLD_TAGS = holding(re.compile("<"), "source", "target")


def _tags_differ(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs with inline codes, or whose literal tags differ."""
    sources, targets = batch.texts("source"), batch.texts("target")
    tagged = [
        position
        for position in _MAY_HOLD_TAGS(batch, context)
        if _tag_sequence(sources[position]) != _tag_sequence(targets[position])
    ]
    return sorted({*_MAY_HOLD_CODES(batch, context), *tagged})


@check("tag_mismatch", Severity.ERROR, _tags_differ)
def tag_mismatch(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Inline codes or literal HTML/XML tags missing, extra or badly nested in the target."""
    if not pair.target.strip():
        return
    facts = context.facts(pair)
    yield from code_errors(facts.source_codes, facts.target_codes, pair.codes)
    if _tag_sequence(pair.source) != _tag_sequence(pair.target):
        yield from _compare(_html_tags(pair.source), _html_tags(pair.target), "tag")


def code_errors(
    source_codes: Sequence[int], target_codes: Sequence[int], codes: Sequence[InlineCode]
) -> Iterator[str]:
    """How the target's inline codes break the source's: missing, extra or badly nested.

    The codes are indexes into the segment's code table (domain.document.code_indexes). A
    well-nested reordering is no error here (tag_order warns of it): a translation may need it.
    Export refuses a document with any of these (services.documents), QA reports them.
    """
    if not source_codes and not target_codes:
        return
    source_labels = Counter(_code_label(i, codes) for i in source_codes)
    target_labels = Counter(_code_label(i, codes) for i in target_codes)
    yield from _compare(source_labels, target_labels, "code")
    yield from _nesting_errors(target_codes, codes)


@check("tag_order", Severity.WARNING, holding(re.compile(f"[{CODE_RANGE}]"), "source"))
def tag_order(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Inline codes in another order than in the source, still properly nested."""
    facts = context.facts(pair)
    source_codes, target_codes = facts.source_codes, facts.target_codes
    if len(source_codes) < 2 or source_codes == target_codes:
        return
    if Counter(source_codes) != Counter(target_codes):
        return
    if any(True for _ in _nesting_errors(target_codes, pair.codes)):
        return
    before = " ".join(_code_label(i, pair.codes) for i in source_codes)
    after = " ".join(_code_label(i, pair.codes) for i in target_codes)
    yield f"codes reordered: {before} in source, {after} in target"


def _may_link(text: str) -> bool:
    """False when text holds nothing links() could find."""
    return "://" in text or "www." in text or "@" in text


def links(text: str) -> tuple[Counter[str], Counter[str]]:
    """URLs and e-mail addresses in text, each as a multiset."""
    urls: Counter[str] = Counter()
    emails: Counter[str] = Counter()
    if "://" in text or "www." in text:
        for match in _URL.finditer(text):
            urls[match.group().rstrip(_URL_TRAILING)] += 1
        text = _URL.sub(" ", text)
    if "@" in text:
        emails.update(match.group().rstrip(".") for match in _EMAIL.finditer(text))
    return urls, emails


def protected_spans(text: str) -> list[tuple[int, int, str]]:
    """Where text has what a translation keeps as it is: (start, end, kind), in order.

    kind is printf, brace, icu (an ICU argument: its branch texts are translated), url,
    email or tag (a literal HTML/XML tag); overlapping finds keep the one starting first.
    """
    found: list[tuple[int, int, str]] = []
    if "%" in text:
        found += [(m.start(), m.end(), "printf") for m in _PRINTF.finditer(text)]
    if "{" in text:
        found += [(start, end, kind) for start, end, _form, kind in _brace_spans(text)]
    if "://" in text or "www." in text:
        for match in _URL.finditer(text):
            url = match.group().rstrip(_URL_TRAILING)
            found.append((match.start(), match.start() + len(url), "url"))
    if "@" in text:
        for match in _EMAIL.finditer(text):
            email = match.group().rstrip(".")
            found.append((match.start(), match.start() + len(email), "email"))
    if "<" in text:
        found += [(m.start(), m.end(), "tag") for m in _HTML_TAG.finditer(text)]
    spans: list[tuple[int, int, str]] = []
    for span in sorted(found):
        if not spans or span[0] >= spans[-1][1]:
            spans.append(span)
    return spans


@check("url_mismatch", Severity.ERROR, holding(re.compile(r"://|www\.|@"), "source", "target"))
def url_mismatch(pair: Pair, context: CheckContext) -> Iterable[str]:
    """URLs or e-mail addresses not carried over unchanged."""
    if not _may_link(pair.source) and not _may_link(pair.target):
        return  # the common case, decided without building the four multisets
    if not pair.target.strip():
        return
    source_urls, source_emails = links(pair.source)
    target_urls, target_emails = links(pair.target)
    yield from _compare(source_urls, target_urls, "URL")
    yield from _compare(source_emails, target_emails, "e-mail address")
