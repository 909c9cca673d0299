"""Per-segment form checks: emptiness, punctuation, brackets, quotes, spacing, case, length."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from workbench.domain.checks.facts import PairBatch, without_codes
from workbench.domain.checks.markup import links, placeholders
from workbench.domain.checks.quotes import QUOTE_CHAR, Quotes, read_quotes
from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.checks.screens import blank_targets, holding
from workbench.domain.document import CODE_BASE, MAX_CODES
from workbench.domain.langtags import CJK_LANGS, primary_lang
from workbench.domain.numbers import NumberKind
from workbench.domain.scripts import Script, is_cjk, script_of


def _show(text: str) -> str:
    """Whitespace made visible for a message."""
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\u3000", "\\u3000")


@check("untranslated", Severity.ERROR, blank_targets)
def untranslated(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Target is empty."""
    if not context.facts(pair).source_plain.strip():
        return
    if not pair.target:
        yield "target is empty"
    elif not pair.target.strip():
        yield "target is only whitespace"


_NAME_TOKEN = re.compile(r"\S+")
_MAX_NAME_WORDS = 4
"""Capitalised words a name may have (Beijing Wenge Technology Co); codes do not count."""
_TOKEN_EDGES = ".,;:!?\"'“”‘’()[]{}「」（）<>·•|"
_UNITS = frozenset(
    "kg g mg t km m cm mm nm µm km/h m/s mph ms s h min kb mb gb tb kib mib gib px pt em rem "
    "ml l dl hz khz mhz ghz kw w v mah dpi fps bps kbps mbps °c °f".split()
)
"""Unit symbols written in lower case after a number (12 kg, 5 km/h)."""
_FILE_OR_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,6}")
"""example.com, config.yaml, index.html."""


def _is_code(core: str) -> bool:
    """A token that is a code rather than a word: WAIC, GPT-4o, KR-11, x86_64, ko-KR."""
    letters = [c for c in core if c.isalpha()]
    if any(c.isdigit() for c in core) or any(c in "_-/.@#+" for c in core):
        return True
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_name_token(token: str) -> bool:
    """A brand, acronym, code, number, sign, unit or file name: SenseTime, 2025, ￥, kg."""
    core = token.strip(_TOKEN_EDGES)
    if not any(c.isalpha() for c in core):
        return True  # numbers, currency signs and other symbols: 3.5%, RMB ￥, →
    if core.lower() in _UNITS or _FILE_OR_DOMAIN.fullmatch(core):
        return True
    if not all(script_of(c) in (Script.LATIN, Script.DIGIT) or not c.isalpha() for c in core):
        return False
    return any(c.isupper() or c.isdigit() for c in core)


def is_untranslatable(text: str, numbers: Sequence[tuple[int, int]] = ()) -> bool:
    """True for text that stays as it is: names, codes, numbers, dates, URLs or placeholders.

    numbers are spans of text (without codes) read as numbers or dates, so that 2024년 5월 1일
    or 2024年5月1日 count as one date.
    """
    rest = without_codes(text)
    urls, emails = links(rest)
    for found in (*urls, *emails, *placeholders(rest)[0]):
        rest = rest.replace(found, " " * len(found))  # the numbers' offsets stay valid
    for start, end in numbers:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    if not any(c.isalpha() for c in rest):
        return True
    tokens = [token for token in _NAME_TOKEN.findall(rest) if token.strip(_TOKEN_EDGES)]
    words = [t for t in tokens if not _is_code(t.strip(_TOKEN_EDGES))]
    return len(words) <= _MAX_NAME_WORDS and all(_is_name_token(t) for t in tokens)


def _same_texts(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose source and target are the same but for surrounding whitespace."""
    pairs = zip(batch.texts("source"), batch.texts("target"), strict=True)
    return [position for position, (s, t) in enumerate(pairs) if s.strip() == t.strip()]


@check("same_as_source", Severity.WARNING, _same_texts)
def same_as_source(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Target is the same as the source."""
    target = pair.target.strip()
    if not target or target != pair.source.strip():
        return
    # Dates, times and numbers written with CJK characters (2024년 5월 1일, 三千) are numbers
    # to leave as they are; other numbers are read as parts of their tokens (GPT-4o).
    # The text is read in both languages: it is in one of them.
    facts = context.facts(pair)
    read = [
        *facts.numbers("target"),
        *(facts.numbers("source") if pair.source == pair.target else []),
    ]
    numbers = [
        (m.start, m.end)
        for m in read
        if m.kind in (NumberKind.DATE, NumberKind.TIME) or any(map(is_cjk, m.text))
    ]
    if not is_untranslatable(pair.target, numbers):
        yield "target is identical to source"


# Full-width forms count as their half-width equivalents; 「」『』 are quotation marks and are
# checked by quote_mismatch.
_BRACKET_FOLD = str.maketrans("（）［］｛｝", "()[]{}")
_OPENERS = {"(": ")", "[": "]", "{": "}", "【": "】", "〈": "〉", "《": "》"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
_CJK_ONLY_BRACKETS = frozenset("【〈《")
"""English drops these (titles go into italics), so their counts matter only between CJK."""
_BRACKET_CHARS = frozenset(_OPENERS) | frozenset(_CLOSERS) | frozenset("（）［］｛｝")
_BRACKET_CHAR = re.compile(f"[{re.escape(''.join(sorted(_BRACKET_CHARS)))}]")
"""Any bracket: one search in C tells most segments apart from those worth reading."""


def _bracket_problems(text: str) -> tuple[Counter[str], Counter[str]]:
    """Pairs per opening bracket, and unbalanced-bracket messages (without "in target")."""
    pairs: Counter[str] = Counter()
    problems: Counter[str] = Counter()
    stack: list[str] = []
    for char in text.translate(_BRACKET_FOLD):
        if char in _OPENERS:
            stack.append(char)
        elif char in _CLOSERS:
            opener = _CLOSERS[char]
            if opener in stack:
                while stack[-1] != opener:
                    problems[f'"{stack.pop()}" not closed'] += 1
                stack.pop()
                pairs[opener] += 1
            else:
                problems[f'"{char}" without "{opener}"'] += 1
    for opener in stack:
        problems[f'"{opener}" not closed'] += 1
    return pairs, problems


_GLOSS = re.compile(r"\(([^()]+)\)")


def _without_placeholder_braces(source: str, target: str) -> tuple[str, str]:
    """Both texts, without curly braces when either has brace placeholders (checked apart)."""
    if "{" in source or "{" in target:
        found = placeholders(source)[0] + placeholders(target)[0]
        if any(item.startswith(("{", "${")) for item in found):
            drop = str.maketrans("", "", "{}｛｝")
            return source.translate(drop), target.translate(drop)
    return source, target


def _dropped_glosses(source: str, target: str) -> int:
    """Source parentheses whose content the target gives without them: 센스타임(SenseTime)."""
    if "(" not in source:
        return 0
    target = target.translate(_BRACKET_FOLD)
    return sum(
        1
        for gloss in _GLOSS.findall(source.translate(_BRACKET_FOLD))
        if gloss.strip() and gloss in target and f"({gloss})" not in target
    )


_HANJA_GLOSS = re.compile(r"[가-힣]\(([\u3400-\u9fff\uf900-\ufaff]+)[^()]*\)")
"""A Korean word glossed in Han characters, the Han first: 현장법사(玄奘法師), 당대(唐代, 618)."""


def _hanja_glosses(text: str, lang: str, other: str) -> int:
    """Korean words glossed in Han characters that the other text does not write.

    Korean writing adds them for the reader; a translation has no use for them. A gloss the
    other text has too (中科聞歌 in both) counts as the bracket pair it is.
    """
    if primary_lang(lang) != "ko" or "(" not in text.translate(_BRACKET_FOLD):
        return 0
    glosses = _HANJA_GLOSS.findall(text.translate(_BRACKET_FOLD))
    return sum(1 for han in glosses if han not in other)


@check("bracket_mismatch", Severity.WARNING, holding(_BRACKET_CHAR, "source", "target"))
def bracket_mismatch(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Number of bracket pairs differs between source and target."""
    if not _BRACKET_CHAR.search(pair.source) and not _BRACKET_CHAR.search(pair.target):
        return
    if not pair.target.strip():
        return
    source_text, target_text = _without_placeholder_braces(pair.source, pair.target)
    source, _ = _bracket_problems(source_text)
    target, _ = _bracket_problems(target_text)
    source["("] -= _dropped_glosses(source_text, target_text)
    source["("] -= _hanja_glosses(source_text, pair.source_lang, target_text)
    target["("] -= _hanja_glosses(target_text, pair.target_lang, source_text)
    both_cjk = {primary_lang(pair.source_lang), primary_lang(pair.target_lang)} <= CJK_LANGS
    for opener, close in _OPENERS.items():
        if opener in _CJK_ONLY_BRACKETS and not both_cjk:
            continue
        if source[opener] != target[opener]:
            yield (
                f'"{opener}{close}" {_count(source[opener], "pair")} in source, '
                f"{target[opener]} in target"
            )


@check("bracket_unbalanced", Severity.ERROR, holding(_BRACKET_CHAR, "target"))
def bracket_unbalanced(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Brackets in the target are not balanced (where the source's are)."""
    if not _BRACKET_CHAR.search(pair.target):
        return
    source_text, target_text = _without_placeholder_braces(pair.source, pair.target)
    _, source = _bracket_problems(source_text)
    _, target = _bracket_problems(target_text)
    # An imbalance the source has too is the text's own ("1) first, 2) second").
    for problem in (target - source).elements():
        yield f"{problem} in target"


def _count(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@check("quote_mismatch", Severity.WARNING, holding(QUOTE_CHAR, "source", "target"))
def quote_mismatch(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Quotes in the target are unbalanced or quote a different number of passages."""
    compared = _quotes(pair)
    if compared is None:
        return
    source, target, broken = compared
    yield from broken
    if _agree(source.counts(), target.counts()):
        return
    if not broken and _agree(source.counts(short=False), target.counts(short=False)):
        return  # only quotations that mark a word or name differ: quote_emphasis notes them
    source_count, target_count = len(source.quotations), len(target.quotations)
    yield f"{_count(source_count, 'quotation')} in source, {target_count} in target"


@check("quote_emphasis", Severity.INFO, holding(QUOTE_CHAR, "source", "target"))
def quote_emphasis(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Quotes marking a word or name in one text are not in the other (emphasis, UI labels)."""
    compared = _quotes(pair)
    if compared is None:
        return
    source, target, broken = compared
    if broken or _agree(source.counts(), target.counts()):
        return
    if _agree(source.counts(short=False), target.counts(short=False)):
        source_short, target_short = source.short(), target.short()
        listed = source_short if len(source_short) > len(target_short) else target_short
        shown = ", ".join(q.shown for q in listed[:3]) + (", …" if len(listed) > 3 else "")
        yield (
            f"{_count(len(source_short), 'short quotation')} in source, "
            f"{len(target_short)} in target: {shown}"
        )


def _quotes(pair: Pair) -> tuple[Quotes, Quotes, list[str]] | None:
    """Both texts' quotes and the target's new quote problems; None when there is nothing to read.

    A problem the source has too (a quotation open at its end, continued in the next
    segment) is not the translation's.
    """
    if not QUOTE_CHAR.search(pair.source) and not QUOTE_CHAR.search(pair.target):
        return None
    if not pair.target.strip():
        return None
    source, target = read_quotes(pair.source), read_quotes(pair.target)
    excused = source.broken
    broken = [f"{p.message} in target" for p in target.problems if p.kind not in excused]
    return source, target, broken


def _agree(source: range, target: range) -> bool:
    """True when the texts may hold the same number of quotations."""
    return source.start < target.stop and target.start < source.stop


_END_FOLD = {
    "。": ".",
    "．": ".",
    "｡": ".",
    "？": "?",
    "！": "!",
    "：": ":",
    "；": ";",
    "，": ",",
    "、": ",",
    "､": ",",
    "～": "~",
    "〜": "~",
}
_END_MARKS = frozenset(".?!:;,…~") | frozenset(_END_FOLD)
_END_SKIP = frozenset("\"'”’」』)）]］}｝】》〉»*_") | frozenset(" \t\n\u3000\u00a0")
_TRAILING = _END_SKIP | frozenset(map(chr, range(CODE_BASE, CODE_BASE + MAX_CODES)))
"""What the final punctuation is read before: _END_SKIP and the code characters (one set test
a character, not a call)."""


ABBREVIATION = "abbreviation"
"""The folded mark of a final full stop that belongs to an abbreviation (Order No.)."""
_ABBREVIATIONS = frozenset(
    "No Nos Nr Vol Vols Fig Figs Ref Inc Ltd Co Corp Bros Dept Qty Tel Ext Jr Sr Mr Mrs Ms Dr "
    "Prof St Pcs pcs etc approx vs cf al e.g i.e".split()
)
"""Abbreviations a text may end with: its full stop may or may not end a sentence too."""


def _ends_with_abbreviation(text: str) -> bool:
    """True when the final full stop of text closes an abbreviation (Order No., Acme Co.)."""
    if not text[-2:-1].isascii() or not text[-2:-1].isalpha():
        return False  # Korean, Chinese and digits end no abbreviation: most texts stop here
    words = text[-9:-1].rsplit(None, 1)  # the longest abbreviation has six letters
    word = words[-1].lstrip("([\"'“‘") if words else ""
    return word in _ABBREVIATIONS or word.rpartition(".")[2] in _ABBREVIATIONS


_QUOTE_CLOSERS = "\"'”’」』»"


@lru_cache(maxsize=64)  # three checks ask it of the same source, two of the same target
def _final_punctuation(text: str) -> tuple[str, str]:
    """The final punctuation as written and folded (。 -> .), after closing quotes/brackets.

    A final full stop of an abbreviation is folded to ABBREVIATION: a translation may end
    with a full stop there or not (Order No. -> 注文番号).
    """
    end = len(text)
    while end and text[end - 1] in _TRAILING:
        end -= 1
    text = text[:end]
    if text.endswith("...") or text.endswith("…"):
        written = "..." if text.endswith("...") else "…"
        return written, "…"
    if text and text[-1] in _END_MARKS:
        # ?! and !? both read as a question with emphasis.
        if len(text) > 1 and {text[-1], text[-2]} <= {"?", "!", "？", "！"}:
            return text[-2:], "?"
        if text[-1] == "." and _ends_with_abbreviation(text):
            return ".", ABBREVIATION
        return text[-1], _END_FOLD.get(text[-1], text[-1])
    return "", ""


def _quoted_end(text: str) -> str:
    """The folded final mark when it stands inside closing quotes (…, "What?"), else ""."""
    stripped = without_codes(text).rstrip()
    if not stripped or stripped[-1] not in _QUOTE_CLOSERS:
        return ""
    inside = stripped.rstrip(_QUOTE_CLOSERS)
    return _final_punctuation(inside)[1] if inside and inside[-1] in _END_MARKS else ""


def _ends_a_quotation(text: str, mark: str) -> bool:
    """True when a quotation somewhere in text ends with the folded mark (“뭐라고요?"라며)."""
    return any(
        _END_FOLD.get(text[index - 1], text[index - 1]) == mark
        for index in range(1, len(text))
        if text[index] in _QUOTE_CLOSERS
    )


def _describe_end(written: str) -> str:
    return f'ends with "{written}"' if written else "ends without punctuation"


def _finals(batch: PairBatch) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The final punctuation of every source and target (blank targets: none)."""
    blank = batch.blank()
    sources = [_final_punctuation(text) for text in batch.texts("source")]
    targets = [
        ("", "") if empty else _final_punctuation(text)
        for text, empty in zip(batch.texts("target"), blank, strict=True)
    ]
    return sources, targets


def _ends_differ(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose final punctuation end_punctuation would look into."""
    sources, targets = batch.derived(_finals)
    blank = batch.blank()
    return [
        position
        for position, ((_, source), (_, target)) in enumerate(zip(sources, targets, strict=True))
        if source != target
        and source not in ("", ABBREVIATION)
        and not blank[position]
        and not (source == "." and target == ABBREVIATION)
    ]


@check("end_punctuation", Severity.WARNING, _ends_differ)
def end_punctuation(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Final punctuation of the target does not correspond to the source's."""
    if not pair.target.strip():
        return
    source_written, source_mark = _final_punctuation(pair.source)
    if not source_mark or source_mark == ABBREVIATION:
        return
    target_written, target_mark = _final_punctuation(pair.target)
    if source_mark == target_mark or (source_mark == "." and target_mark == ABBREVIATION):
        return
    # A translation may end on a quotation that the source quotes mid-sentence ("What?" she
    # asked / “뭐라고요?"라며 물었다.): the mark is the quotation's, and the source has it too.
    quoted = _quoted_end(pair.target)
    if quoted == target_mark and _ends_a_quotation(pair.source, quoted):
        return
    yield f'target {_describe_end(target_written)} where source ends with "{source_written}"'


def _ends_added(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose target ends with punctuation and source without."""
    sources, targets = batch.derived(_finals)
    return [
        position
        for position, ((_, source), (target, _)) in enumerate(zip(sources, targets, strict=True))
        if not source and target
    ]


@check("end_punctuation_added", Severity.INFO, _ends_added)
def end_punctuation_added(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Target ends with punctuation where the source has none."""
    if not pair.target.strip() or _final_punctuation(pair.source)[1]:
        return
    target_written, _ = _final_punctuation(pair.target)
    if target_written:
        yield f'target ends with "{target_written}" where source has no final punctuation'


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


def _describe_space(space: str) -> str:
    return f'"{_show(space)}"' if space else "none"


@lru_cache(maxsize=64)
def _unspaced(lang: str) -> bool:
    """Chinese and Japanese: written without spaces between words or sentences."""
    return primary_lang(lang) in ("zh", "ja")


def _edge_spaces(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs with whitespace at the start or end of the source or the target."""
    texts = zip(batch.texts("source"), batch.texts("target"), strict=True)
    return [
        position
        for position, (s, t) in enumerate(texts)
        if s[:1].isspace() or s[-1:].isspace() or t[:1].isspace() or t[-1:].isspace()
    ]


@check("leading_trailing_space", Severity.WARNING, _edge_spaces)
def leading_trailing_space(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Leading or trailing whitespace differs between source and target."""
    if not pair.target.strip():
        return
    for side, spaces in (("leading", _leading), ("trailing", _trailing)):
        source_space = spaces(pair.source)
        target_space = spaces(pair.target)
        if source_space == target_space:
            continue
        if not target_space and not source_space.strip(" ") and _unspaced(pair.target_lang):
            continue  # Chinese and Japanese join words and sentences without spaces
        yield (
            f"{side} whitespace: source {_describe_space(source_space)}, "
            f"target {_describe_space(target_space)}"
        )


_DOUBLE_SPACE = re.compile(r"(\S*)( {2,})(\S*)")


@check("double_space", Severity.INFO, holding(re.compile("  "), "target"))
def double_space(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Two or more spaces inside the target that the source does not have there."""
    target = pair.target.strip()
    if "  " not in target:
        return
    runs = list(_DOUBLE_SPACE.finditer(target))
    source = pair.source.strip()
    # Space-separated targets keep layout spacing the source has too ("Name:  value");
    # CJK text never uses ASCII double spaces.
    if primary_lang(pair.target_lang) not in CJK_LANGS:
        if len(_DOUBLE_SPACE.findall(source)) >= len(runs):
            return
        runs = [run for run in runs if run.group() not in source]
    for run in runs:
        before, spaces, after = run.groups()
        yield f'{len(spaces)} spaces in target between "{before}" and "{after}"'


_REPEATED = re.compile(r"(?<!\w)(\w+)(\s+\1)+(?!\w)", re.IGNORECASE)
# The same for ASCII text, twice as fast: ASCII classes test quicker than Unicode ones; \s
# spelled out, as in Unicode it also takes the separators \x1c-\x1f.
_REPEATED_ASCII = re.compile(r"(?<!\w)(\w+)([\s\x1c-\x1f]+\1)+(?!\w)", re.IGNORECASE | re.ASCII)


def _repeats(text: str) -> Iterator[tuple[str, str]]:
    """(word, text as written) for words written twice in a row, numbers left out."""
    if " " not in text:
        return
    pattern = _REPEATED_ASCII if text.isascii() else _REPEATED
    for match in pattern.finditer(text):
        word = match.group(1)
        if not word.isdigit():
            yield word.casefold(), match.group()


# The same matches without backtracking into the first word: a shorter one is followed by a
# letter, not a space. For screening a batch: the backtracking costs more than the check.
_REPEATED_WHOLE = re.compile(_REPEATED.pattern.replace(r"(\w+)", r"(\w++)", 1), re.IGNORECASE)
_REPEATED_WHOLE_ASCII = re.compile(
    _REPEATED_ASCII.pattern.replace(r"(\w+)", r"(\w++)", 1), re.IGNORECASE | re.ASCII
)


def _may_repeat(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose target has a word twice in a row (as _repeats reads it)."""
    ascii_only = batch.ascii("target")
    return batch.holding(_REPEATED_WHOLE_ASCII if ascii_only else _REPEATED_WHOLE, "target")


@check("repeated_word", Severity.WARNING, _may_repeat)
def repeated_word(pair: Pair, context: CheckContext) -> Iterable[str]:
    """The same word twice in a row in the target, where the source does not repeat it."""
    repeats = list(_repeats(pair.target))
    if not repeats:
        return
    in_source = {word for word, _ in _repeats(pair.source)}
    for word, written in repeats:
        if word not in in_source:
            yield f'"{_show(written)}" repeated in target'


_OPENING_SKIP = frozenset("\"'“‘「『(（[［«¿¡-–—*_ \t\n\u3000")
_SENTENCE_END = frozenset(".?!。？！")
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _first_significant(text: str) -> int:
    """Index of the first character that is not whitespace or opening punctuation."""
    index = 0
    while index < len(text) and text[index] in _OPENING_SKIP:
        index += 1
    return index


_LOWER_START = re.compile(
    rf"\0[{re.escape(''.join(sorted(_OPENING_SKIP)))}]*+"
    r"[^\0A-Z0-9\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff]"
)
"""A text whose first character after opening punctuation may be a lower-case Latin letter:
it is not A-Z, a digit, Hangul, kana or Han."""


@check("capitalization", Severity.INFO, holding(_LOWER_START, "target"))
def capitalization(pair: Pair, context: CheckContext) -> Iterable[str]:
    """The target starts lower-case where the source starts upper-case."""
    target_start = _first_significant(pair.target)
    if target_start >= len(pair.target):
        return
    first = pair.target[target_start]
    if script_of(first) is not Script.LATIN or not first.islower():
        return
    word = _FIRST_WORD.match(pair.target, target_start)
    # Lower-case brands (iPhone, eBay) and quoted names ('id' duplicado) keep their case at the
    # start of a sentence.
    if word and word.group().rstrip("'’-") in pair.source:
        return
    source_start = _first_significant(pair.source)
    if source_start >= len(pair.source):
        return
    source_first = pair.source[source_start]
    if source_first.isupper():
        yield f'target starts with lower-case "{first}" where source starts with "{source_first}"'
    elif not source_first.islower() and source_first.isalpha():
        # Scripts without case: a source that is a full sentence wants a capital in the target.
        source_end = _final_punctuation(pair.source)[0]
        if source_end and source_end[-1] in _SENTENCE_END:
            yield f'target starts with lower-case "{first}" where source is a sentence'


LENGTH_RATIO_DEFAULTS: dict[tuple[str, str], tuple[float, float]] = {
    ("ko", "en"): (0.6, 5.0),
    ("en", "ko"): (0.18, 1.8),
    ("zh", "en"): (1.5, 6.0),
    ("en", "zh"): (0.15, 0.8),
    ("ja", "en"): (1.0, 5.0),
    ("en", "ja"): (0.2, 1.0),
    ("ko", "zh"): (0.3, 1.2),
    ("zh", "ko"): (0.8, 3.0),
    ("ko", "ja"): (0.5, 1.8),
    ("ja", "ko"): (0.5, 2.0),
    ("zh", "ja"): (0.8, 2.5),
    ("ja", "zh"): (0.4, 1.3),
}
"""(min, max) of target/source length in characters without codes; en stands for any
language written with spaces. ko<->en are measured on real pairs (see the tests)."""
SAME_SCRIPT_RATIO = (0.5, 2.0)
LENGTH_RATIO_MIN_SOURCE = 20


def length_bounds(source_lang: str, target_lang: str, context: CheckContext) -> tuple[float, float]:
    """The (min, max) ratio for a language pair, from the profile (`length_ratio.ko-en`)."""
    name, default = _length_defaults(source_lang, target_lang)
    setting = context.profile.setting(name, None)
    if isinstance(setting, str):
        low, high = setting.split(",")
        return float(low), float(high)
    if setting is not None:
        low_value, high_value = setting
        return float(low_value), float(high_value)
    return default


@lru_cache(maxsize=256)
def _length_defaults(source_lang: str, target_lang: str) -> tuple[str, tuple[float, float]]:
    """The setting name and the default (min, max) ratio of a language pair."""
    source, target = primary_lang(source_lang), primary_lang(target_lang)
    key = (
        source if source in CJK_LANGS else "en",
        target if target in CJK_LANGS else "en",
    )
    return f"length_ratio.{source}-{target}", LENGTH_RATIO_DEFAULTS.get(key, SAME_SCRIPT_RATIO)


def _lengths_off(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose length ratio is outside its bounds (length_ratio's own test)."""
    bounds: dict[tuple[str, str], tuple[float, float]] = {}
    found = []
    texts = zip(batch.pairs, batch.plain("source"), batch.plain("target"), strict=True)
    for position, (pair, source, target) in enumerate(texts):
        source_length = len(source.strip())
        target_length = len(target.strip())
        if source_length < LENGTH_RATIO_MIN_SOURCE or not target_length:
            continue
        languages = (pair.source_lang, pair.target_lang)
        if languages not in bounds:
            bounds[languages] = length_bounds(*languages, context)
        low, high = bounds[languages]
        if not low <= target_length / source_length <= high:
            found.append(position)
    return found


@check("length_ratio", Severity.WARNING, _lengths_off)
def length_ratio(pair: Pair, context: CheckContext) -> Iterable[str]:
    """Target much shorter or longer than the source usually is for the language pair."""
    facts = context.facts(pair)
    source_length = len(facts.source_plain.strip())
    target_length = len(facts.target_plain.strip())
    if source_length < LENGTH_RATIO_MIN_SOURCE or not target_length:
        return
    low, high = length_bounds(pair.source_lang, pair.target_lang, context)
    ratio = target_length / source_length
    if not low <= ratio <= high:
        pair_name = f"{primary_lang(pair.source_lang)}-{primary_lang(pair.target_lang)}"
        yield (
            f"target/source length {ratio:.2f} ({target_length}/{source_length} characters), "
            f"outside {low:g}–{high:g} for {pair_name}"
        )
