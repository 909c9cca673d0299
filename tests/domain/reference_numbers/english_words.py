"""English number words, and how a run of them reads: three hundred and twenty billion."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reference_numbers.digits import CORE, DIGIT_RUN, ONE, ZERO, add, mul, read_digits
from reference_numbers.scan import Scan

# word: (role in the grammar of English numbers, value, ordinal)
WORDS: dict[str, tuple[str, int, bool]] = {}
_CARDINALS = "zero one two three four five six seven eight nine ten eleven twelve thirteen "
_CARDINALS += "fourteen fifteen sixteen seventeen eighteen nineteen"
_ORDINALS = "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
_ORDINALS += "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
for _value, (_cardinal, _ordinal) in enumerate(
    zip(_CARDINALS.split(), _ORDINALS.split(), strict=True)
):
    _role = "unit" if _value < 10 else "teen"
    WORDS[_cardinal] = (_role, _value, False)
    WORDS[_ordinal] = (_role, _value, True)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TENTHS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
for _value, (_cardinal, _ordinal) in enumerate(zip(_TENS, _TENTHS.split(), strict=True), start=2):
    WORDS[_cardinal] = ("tens", _value * 10, False)
    WORDS[_ordinal] = ("tens", _value * 10, True)
del WORDS["_"]
WORDS.update(
    {
        "hundred": ("hundred", 100, False), "hundredth": ("hundred", 100, True),
        "thousand": ("scale", 10**3, False), "thousandth": ("scale", 10**3, True),
        "million": ("scale", 10**6, False), "millionth": ("scale", 10**6, True),
        "billion": ("scale", 10**9, False), "billionth": ("scale", 10**9, True),
        "trillion": ("scale", 10**12, False),
        # multipliers that follow a number like dozen: a decade, two decades, a century
        "dozen": ("dozen", 12, False), "decade": ("dozen", 10, False),
        "decades": ("dozen", 10, False), "century": ("dozen", 100, False),
    }
)  # fmt: skip
SCALE_WORDS = r"hundred|thousand|million|billion|trillion|dozen|decade|century"
ABBREVIATIONS = {"bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3}
ABBREVIATIONS.update({"tn": 10**12, "trn": 10**12})
_TOKEN = re.compile(
    rf"(?P<num>{CORE})(?:(?P<suffix>st|nd|rd|th|s)\b)?"
    r"(?:\s?(?P<abbr>bn|mn|tn|trn)\b|(?P<letter>[kmbKMB])\b)?|(?P<word>[A-Za-z]+)"
)
# "a second", "per second": the unit of time; "Second, ...": an enumerator, not a count
_SECOND_BEFORE = re.compile(r"(?i:\b(?:a|one|per|every|each|split|that)\s+)$")


@dataclass(slots=True)
class Phrase:
    """An English number being read word by word: three hundred and twenty billion."""

    start: int
    end: int
    total: Decimal = ZERO
    current: Decimal = ZERO
    last: str = ""
    spelled: bool = True
    ordinal: bool = False
    closed: bool = False
    hundred: bool = False
    large: Decimal | None = None
    lead_scale: Decimal = ONE
    lead_open: bool = True
    has_units: bool = False
    digits: str = ""

    def accepts(self, role: str, value: Decimal, joined_by_and: bool) -> bool:
        """True when a word or number with this role can continue the phrase."""
        if self.closed:
            return False
        if joined_by_and:
            return self.last in ("hundred", "scale") and role in ("unit", "teen", "tens", "num")
        if role in ("scale", "dozen"):
            fits = self.large is None or value < self.large
            return self.last in ("a", "num", "unit", "teen", "tens", "hundred") and fits
        if role == "hundred":
            return self.last in ("a", "num", "unit", "teen") and not self.hundred
        if role == "unit":
            return self.last in ("tens", "hundred", "scale") and value > 0
        if role in ("teen", "tens"):
            return self.last in ("hundred", "scale")
        if role == "num":
            return self.last == "scale" and self.large is not None and value < self.large
        return False

    def add(self, role: str, value: Decimal, end: int) -> None:
        """Take one more word or number into the phrase."""
        if role in ("scale", "dozen", "hundred"):
            amount = self.current or ONE
            self.has_units = True
            if self.lead_open:
                self.lead_scale = mul(self.lead_scale, value)
            if role == "scale":
                self.total = add(self.total, mul(amount, value))
                self.current, self.large, self.hundred = ZERO, value, False
            else:
                self.current = mul(amount, value)
                self.hundred = self.hundred or role == "hundred"
        else:
            if self.last:
                self.lead_open = False
            self.current = add(self.current, value)
        self.last, self.end = role, end

    @property
    def value(self) -> Decimal:
        """The number read so far."""
        return add(self.total, self.current)


def read_phrases(scan: Scan, start: int, end: int, has_currency: bool) -> list[Phrase]:
    """The numbers in a run of English number words and digits, split where grammar breaks."""
    phrases: list[Phrase] = []
    phrase: Phrase | None = None
    joined_by_and = False
    for token in _TOKEN.finditer(scan.folded, start, end):
        word = token.group("word")
        ordinal = False
        if word is not None:
            key = word.lower()
            if key == "and":
                joined_by_and = phrase is not None and phrase.last in ("hundred", "scale")
                if not joined_by_and:
                    phrase = None
                continue
            if key == "a":
                role, value = "a", ONE
            elif key in WORDS:
                role, number, ordinal = WORDS[key]
                value = Decimal(number)
                if key == "second" and (phrase is None or not phrase.accepts(role, value, False)):
                    window = scan.folded[max(0, token.start() - 8) : token.start()]
                    after = scan.folded[token.end() : token.end() + 1]
                    if after == "," or _SECOND_BEFORE.search(window):
                        phrase, joined_by_and = None, False
                        continue
            else:
                phrase, joined_by_and = None, False
                continue
        else:
            raw = token.group("num")
            read = read_digits(raw, False)
            if read is None:
                phrase, joined_by_and = None, False
                for piece in DIGIT_RUN.finditer(scan.folded, *token.span("num")):
                    part = Phrase(piece.start(), piece.end(), current=Decimal(piece.group()))
                    part.spelled, part.closed, part.last = False, True, "num"
                    phrases.append(part)
                continue
            role, value = "num", read
            ordinal = token.group("suffix") in ("st", "nd", "rd", "th")
        if phrase is None or not phrase.accepts(role, value, joined_by_and):
            if role in ("scale", "dozen", "hundred"):
                phrase, joined_by_and = None, False
                continue  # "million" alone is no number
            phrase = Phrase(token.start(), token.end())
            phrases.append(phrase)
        joined_by_and = False
        phrase.add(role, value, token.end())
        if role == "num":
            phrase.spelled = False
            phrase.digits = token.group("num")
            scale = token.group("abbr") or (token.group("letter") if has_currency else None)
            if scale:
                phrase.add("scale", Decimal(ABBREVIATIONS[scale.lower()]), token.end())
                phrase.closed = True
        if ordinal:
            phrase.ordinal = phrase.closed = True
    return phrases
