"""Where the numbers, dates and times of a segment and its translation differ."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from reference_numbers.digits import plain
from reference_numbers.english import MONTH_NAMES
from reference_numbers.extract import extract_numbers
from reference_numbers.loose import clock_words, duration_words, loose, roman_numeral
from reference_numbers.mention import NumberKind, NumberMention
from reference_numbers.readings import reading
from reference_numbers.scan import fold, language


class DifferenceKind(StrEnum):
    """How a source number and its translation disagree."""

    MISSING = "missing"
    EXTRA = "extra"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class NumberDifference:
    """One disagreement between a segment and its translation, with a message for people."""

    kind: DifferenceKind
    source: NumberMention | None
    target: NumberMention | None
    message: str


_NUMBER_KINDS = frozenset(
    (NumberKind.CARDINAL, NumberKind.ORDINAL, NumberKind.PERCENT, NumberKind.MONEY, NumberKind.YEAR)
)
_COUNTABLE = frozenset((NumberKind.CARDINAL, NumberKind.ORDINAL))


def _date_words(mention: NumberMention) -> str:
    """A date in English words: March 1, 2024; August 15; March 2024."""
    month = MONTH_NAMES[mention.month - 1] if mention.month else None
    if month and mention.day:
        text = f"{month} {mention.day}"
        return f"{text}, {mention.year}" if mention.year else text
    parts = [part for part in (month, str(mention.year) if mention.year else None) if part]
    return " ".join(parts) if parts else f"day {mention.day}"


def _describe(mention: NumberMention) -> str:
    """How a mention is named in a message: 320000000000 (3천200억), 8월 15일 (August 15)."""
    written = " ".join(mention.text.split())
    if mention.kind is NumberKind.DATE:
        normal = _date_words(mention)
    elif mention.kind is NumberKind.TIME:
        normal = f"{mention.hour or 0:02d}:{mention.minute or 0:02d}"
    else:
        normal = plain(mention.value)
        # a number leads with its value, a date or time with what the translator wrote
        return normal if written == normal else f"{normal} ({written})"
    return written if written == normal else f"{written} ({normal})"


def _class(mention: NumberMention) -> str:
    return {NumberKind.DATE: "date", NumberKind.TIME: "time"}.get(mention.kind, "number")


def _same_day(a: NumberMention, b: NumberMention) -> bool:
    if (a.month, a.day) == (b.month, b.day):
        return a.month is not None or a.day is not None
    swapped = (a.ambiguous or b.ambiguous) and (a.month, a.day) == (b.day, b.month)
    return swapped and a.day is not None


def _same_time(a: NumberMention, b: NumberMention) -> bool:
    if (a.minute or 0) != (b.minute or 0) or a.hour is None or b.hour is None:
        return False
    if a.hour == b.hour:
        return True
    return (a.ambiguous or b.ambiguous) and a.hour % 12 == b.hour % 12


def _open(
    mentions: list[NumberMention], is_open: list[bool], kinds: frozenset[NumberKind] | None
) -> Iterator[int]:
    """The indexes of the mentions still open, of the given kinds."""
    for index, mention in enumerate(mentions):
        if is_open[index] and (kinds is None or mention.kind in kinds):
            yield index


def _take(mentions: list[NumberMention], is_open: list[bool], value: Decimal) -> bool:
    """Close the first number still open with this value; False when there is none."""
    for index in _open(mentions, is_open, _NUMBER_KINDS):
        if mentions[index].value == value:
            is_open[index] = False
            return True
    return False


class _Pairing:
    """Source and target mentions not yet explained, and the differences found so far."""

    def __init__(
        self,
        source: list[NumberMention],
        target: list[NumberMention],
        texts: tuple[str, str] | None = None,
    ) -> None:
        self.source, self.target = source, target
        self.texts = texts
        """The source and target the mentions were read in, to describe them; None if unknown."""
        self.source_open = [True] * len(source)
        self.target_open = [True] * len(target)
        self.differences: list[NumberDifference] = []

    def open_source(self, kinds: frozenset[NumberKind] | None = None) -> Iterator[int]:
        return _open(self.source, self.source_open, kinds)

    def open_target(self, kinds: frozenset[NumberKind] | None = None) -> Iterator[int]:
        return _open(self.target, self.target_open, kinds)

    def take_source(self, value: Decimal) -> bool:
        return _take(self.source, self.source_open, value)

    def take_target(self, value: Decimal) -> bool:
        return _take(self.target, self.target_open, value)

    def close(self, source: int | None, target: int | None) -> None:
        if source is not None:
            self.source_open[source] = False
        if target is not None:
            self.target_open[target] = False

    def note(
        self, kind: DifferenceKind, source: int | None, target: int | None, message: str
    ) -> None:
        self.differences.append(
            NumberDifference(
                kind,
                None if source is None else self.source[source],
                None if target is None else self.target[target],
                message,
            )
        )

    def dates(self) -> None:
        """Dates match on all their parts; a year written elsewhere in the other text will do."""
        dates = frozenset((NumberKind.DATE,))
        for i in list(self.open_source(dates)):
            for j in self.open_target(dates):
                s, t = self.source[i], self.target[j]
                if _same_day(s, t) and s.year == t.year:
                    self.close(i, j)
                    break
        for i in list(self.open_source(dates)):
            s = self.source[i]
            for j in self.open_target(dates):
                t = self.target[j]
                if not _same_day(s, t) or (s.year is None) == (t.year is None):
                    continue
                self.close(i, j)
                if s.year is not None and not self.take_target(Decimal(s.year)):
                    message = f"year {s.year} of date {_describe(s)} missing in target"
                    self.note(DifferenceKind.MISSING, i, j, message)
                elif t.year is not None and not self.take_source(Decimal(t.year)):
                    message = f"year {t.year} of date {_describe(t)} in target not in source"
                    self.note(DifferenceKind.EXTRA, i, j, message)
                break

    def times(self) -> None:
        times = frozenset((NumberKind.TIME,))
        for i in list(self.open_source(times)):
            for j in self.open_target(times):
                if _same_time(self.source[i], self.target[j]):
                    self.close(i, j)
                    break

    def values(self, absolute: bool = False) -> None:
        """Numbers match on value, whatever their kind or unit (5년 = five years = 5 years)."""
        index: dict[Decimal, list[int]] = {}
        for j in self.open_target(_NUMBER_KINDS):
            value = self.target[j].value
            index.setdefault(abs(value) if absolute else value, []).append(j)
        for i in list(self.open_source(_NUMBER_KINDS)):
            value = self.source[i].value
            candidates = index.get(abs(value) if absolute else value)
            if candidates:
                self.close(i, candidates.pop(0))

    def parts(self) -> None:
        """A lone month or hour matches the plain number (8월 = the eighth month, 3시 = three)."""
        partial = frozenset((NumberKind.DATE, NumberKind.TIME))
        for i in list(self.open_source(partial)):
            if any(map(self.take_target, _lone_part(self.source[i]))):
                self.close(i, None)
        for j in list(self.open_target(partial)):
            if any(map(self.take_source, _lone_part(self.target[j]))):
                self.close(None, j)

    def forgive(self, target_folded: str, family: str) -> None:
        """Small numbers in words come and go in translation: one of, a, both, 一个, 세 명."""
        for i in list(self.open_source(_COUNTABLE)):
            s = self.source[i]
            if s.spelled and abs(s.value) <= 1:
                self.close(i, None)
            elif s.spelled and family == "other" and abs(s.value) <= 10:
                # Second -> Seconde, third -> tercer: number words of a language not read here
                self.close(i, None)
            elif s.value == s.value.to_integral_value() and 0 <= s.value <= 10:
                pattern = loose(family, int(s.value))
                if pattern is not None and pattern.search(target_folded):
                    self.close(i, None)
        for j in list(self.open_target(_COUNTABLE)):
            t = self.target[j]
            if not t.spelled or abs(t.value) > 10:
                continue
            # kept when a source number it may stand for is still unexplained (3 and "four")
            counterpart = any(
                (t.unit and s.unit == t.unit) or (abs(t.value) > 1 and abs(s.value) <= 10)
                for s in map(self.source.__getitem__, self.open_source(_COUNTABLE))
            )
            if not counterpart:
                self.close(None, j)

    def paraphrases(self) -> None:
        """Numbers the other text says in words of another kind, both ways: 7시 30분 and
        half past seven (or seven-thirty), 30분 and half an hour, 50% and half (절반), 14 and
        Louis XIV. The mentions read inside such words close too (thirty, in seven-thirty)."""
        if self.texts is None:
            return
        source_text, target_text = self.texts
        for mentions, is_open, other_text, other, other_open in (
            (self.source, self.source_open, target_text, self.target, self.target_open),
            (self.target, self.target_open, source_text, self.source, self.source_open),
        ):
            for index in list(_open(mentions, is_open, None)):
                found = _paraphrase(mentions[index], other_text)
                if found is None:
                    continue
                is_open[index] = False
                for other_index in list(_open(other, other_open, None)):
                    mention = other[other_index]
                    if found.start() <= mention.start and mention.end <= found.end():
                        other_open[other_index] = False

    def report(self) -> list[NumberDifference]:
        """Pair what is left as changed numbers, then name the missing and the extra ones."""
        for cls in ("date", "time"):
            sources = [i for i in self.open_source() if _class(self.source[i]) == cls]
            targets = [j for j in self.open_target() if _class(self.target[j]) == cls]
            for i, j in zip(sources, targets, strict=False):
                self.changed(i, j)
        for same in (_same_kind_and_unit, _same_kind, _any):
            for i in list(self.open_source(_NUMBER_KINDS)):
                s = self.source[i]
                candidates = self.open_target(_NUMBER_KINDS)
                partner = next((j for j in candidates if same(s, self.target[j])), None)
                if partner is not None:
                    self.changed(i, partner)
        for i in list(self.open_source()):
            s = self.source[i]
            if _class(s) == "number":
                message = f"{_describe(s)} in source not found in target"
            else:
                message = f"{_class(s)} {_describe(s)} missing in target"
            self.note(DifferenceKind.MISSING, i, None, message)
        for j in list(self.open_target()):
            t = self.target[j]
            prefix = "" if _class(t) == "number" else f"{_class(t)} "
            self.note(
                DifferenceKind.EXTRA,
                None,
                j,
                f"{prefix}{_describe(t)} in target not found in source",
            )
        return sorted(self.differences, key=_position)

    def changed(self, i: int, j: int) -> None:
        s, t = self.source[i], self.target[j]
        message = f"{_class(s)} {_describe(s)} in source, {_describe(t)} in target"
        if self.texts is not None and _class(s) == "number" == _class(t):
            # "fourth" against 超过三次 (more than three times) may agree: name both readings
            source, target = reading(self.texts[0], s), reading(self.texts[1], t)
            if NumberKind.ORDINAL in (s.kind, t.kind) or source.qualified or target.qualified:
                message = (
                    f"number {source.reading} ({source.written}) in source, "
                    f"{target.reading} ({target.written}) in target"
                )
        self.note(DifferenceKind.CHANGED, i, j, message)
        self.close(i, j)


def _paraphrase(mention: NumberMention, other: str) -> re.Match[str] | None:
    """Where the other text says the mention's number in words of another kind, if it does."""
    if mention.kind is NumberKind.TIME and mention.hour is not None:
        return clock_words(mention.hour, mention.minute or 0).search(other)
    if mention.kind is NumberKind.DATE or mention.value != mention.value.to_integral_value():
        return None
    value = int(mention.value)
    if mention.unit is not None:
        pattern = duration_words(value, mention.unit)
        if pattern is not None:
            return pattern.search(other)
    numeral = roman_numeral(value)
    return None if numeral is None else numeral.search(other)


def _same_kind_and_unit(a: NumberMention, b: NumberMention) -> bool:
    return a.kind == b.kind and a.unit == b.unit


def _same_kind(a: NumberMention, b: NumberMention) -> bool:
    return a.kind == b.kind


def _any(a: NumberMention, b: NumberMention) -> bool:
    return True


def _lone_part(mention: NumberMention) -> list[Decimal]:
    """The plain numbers a date or time with one part may be written as."""
    if mention.kind is NumberKind.TIME and not mention.minute and mention.hour is not None:
        hours = {mention.hour}
        if mention.ambiguous or mention.hour > 12:
            hours.add(mention.hour % 12 or 12)
        return [Decimal(hour) for hour in sorted(hours)]
    if mention.kind is NumberKind.DATE:
        parts = [part for part in (mention.year, mention.month, mention.day) if part is not None]
        if len(parts) == 1:
            return [Decimal(parts[0])]
    return []


def _position(difference: NumberDifference) -> tuple[int, int]:
    source, target = difference.source, difference.target
    return (source.start if source else 1 << 62, target.start if target else -1)


def same_numbers(source: list[NumberMention], target: list[NumberMention]) -> bool:
    """True when both sides hold only numbers, with the same values: all of them pair up.

    The pairing would close every mention by value and report nothing; most translations
    are like this, so it is decided without it.
    """
    if len(source) != len(target):
        return False
    if any(m.kind not in _NUMBER_KINDS for m in source) or any(
        m.kind not in _NUMBER_KINDS for m in target
    ):
        return False
    return sorted(m.value for m in source) == sorted(m.value for m in target)


def compare_numbers(
    source: str, source_lang: str, target: str, target_lang: str
) -> list[NumberDifference]:
    """Numbers, dates and times that differ between a segment and its translation.

    Mentions pair up by value, whatever the script or wording (3천200억 = 320 billion,
    8월 15일 = 15 August). A date pairs with a date on the same month and day; when only one
    side writes the year, the year must appear elsewhere on the other side (`2024년 3월 1일`
    against `In 2024 ... on March 1`), or the missing year is reported. Opposite signs pair
    (`-5%` against "down 5%"). Small numbers in words are forgiven: a spelled number up to ten
    extra in the target, a spelled one in the source, and a source number up to ten whose word
    appears in the target (2 and "both", 3 and 세). What is left pairs as changed, date with
    date, number with number of the same kind first; the rest is missing or extra.
    """
    return compare_mentions(
        extract_numbers(source, source_lang),
        extract_numbers(target, target_lang),
        target,
        target_lang,
        source=source,
    )


def compare_mentions(
    source_mentions: list[NumberMention],
    target_mentions: list[NumberMention],
    target: str,
    target_lang: str,
    *,
    source: str | None = None,
) -> list[NumberDifference]:
    """compare_numbers for mentions already read from both texts (the target's for its words).

    With the source text too, a changed number that is an ordinal or goes with a qualifier
    (more than, 以上, 이상) is described as it reads: "fourth" as 4th, 超过三次 as more than 3
    times.
    """
    if same_numbers(source_mentions, target_mentions):
        return []
    texts = (source, target) if source is not None else None
    pairing = _Pairing(source_mentions, target_mentions, texts)
    pairing.dates()
    pairing.times()
    pairing.values()
    pairing.values(absolute=True)
    pairing.parts()
    pairing.forgive(fold(target), language(target_lang).family)
    pairing.paraphrases()
    return pairing.report()
