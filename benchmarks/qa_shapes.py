"""Generated segment pairs of several data shapes and the term base they mention, for QA runs.

Used by benchmarks/qa.py (speed against pofilter) and benchmarks/qa_compare.py (the same
issues before and after a change). Every shape draws on one term base of concepts with a
Korean, an English and a Simplified Chinese term (some English ones deprecated), and plants
errors in about one pair in ten: a changed number, a missing or deprecated term, a lost
placeholder, a tag dropped, a target left in the wrong language.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from workbench.domain.checks import Pair
from workbench.domain.model import Concept, Term, TermStatus

HANGUL = [chr(c) for c in range(0xAC00, 0xAC00 + 3000, 7)]
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 6000, 5)]
SYLLABLES = (
    "zor vex quan tix lu mo ra van trel bri dax kel sym nova plex tor vin ga rix pol "
    "mer qua ly zen fi nor ka stel bo rho cy tan vel oz ur dre sa mik tal"
).split()
PRODUCT_WORDS = (
    "cartridge hub adapter dock bundle refill sensor module kit edition drive cable "
    "charger mount lens case panel router stick pad tray filter valve socket"
).split()
UI_KO = ["저장", "열기", "삭제", "설정", "취소", "확인", "다시 시도", "내보내기", "검색", "닫기"]
UI_EN = ["Save", "Open", "Delete", "Settings", "Cancel", "OK", "Retry", "Export", "Search", "Close"]
WORDS = "the company said its new model was released today for many users in the city".split()
LONG_WORDS = (
    "the company said that its new service would be offered to customers across the region "
    "after a long period of testing with partners and that the results were better than "
    "expected in most of the markets where it had been tried over the last year"
).split()
KO_FILLER = "회사는 새로운 서비스를 지역 고객에게 제공한다고 밝혔으며 시험 결과가 좋았다".split()
ZH_FILLER = "公司 表示 新 服务 将 在 测试 后 向 该 地区 客户 提供 结果 好于 预期".split()
FRENCH = "la société a dit que le nouveau modèle est disponible pour les clients de la ville"


def invented_word(rng: random.Random, capital: bool = True) -> str:
    """A made-up name or product word of two or three syllables (no language's words)."""
    word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3)))
    return word.capitalize() if capital else word


def make_concepts(count: int, rng: random.Random) -> list[Concept]:
    """Concepts with a Korean, an English and a Simplified Chinese term; every 20th English
    term has a deprecated synonym."""
    concepts = []
    seen: set[str] = set()
    for number in range(count):
        ko = "".join(rng.choices(HANGUL, k=rng.randint(2, 4)))
        en = invented_word(rng)
        while en in seen:
            en = invented_word(rng) + str(number)
        seen.add(en)
        zh = "".join(rng.choices(HAN, k=rng.randint(2, 4)))
        terms = [Term("ko", ko), Term("en", en), Term("zh-Hans", zh)]
        if number % 20 == 0:
            terms.append(Term("en", f"Old{en.lower()}", status=TermStatus.DEPRECATED))
        concepts.append(Concept(id=number + 1, terms=terms))
    return concepts


def _terms(concept: Concept) -> tuple[str, str, str]:
    by_lang = {t.lang: t.text for t in concept.terms if t.status is not TermStatus.DEPRECATED}
    return by_lang["ko"], by_lang["en"], by_lang["zh-Hans"]


def _deprecated(concept: Concept) -> str | None:
    return next((t.text for t in concept.terms if t.status is TermStatus.DEPRECATED), None)


def _window(words: list[str], rng: random.Random, count: int) -> list[str]:
    """count consecutive words of a passage, from a random place (read on cyclically)."""
    start = rng.randrange(len(words))
    return [words[(start + offset) % len(words)] for offset in range(count)]


def _plant(target: str, position: int, number: int, name: str, concept: Concept) -> str:
    """Errors in about one pair in ten: number, term missing or deprecated, placeholder."""
    if position % 10 == 0:
        target = target.replace(f"{number:,}", f"{number + 1:,}", 1)
        target = target.replace(str(number), str(number + 1), 1)
    if position % 13 == 0:
        target = target.replace(name, "Somebody", 1)
    if position % 17 == 0:
        target = target.replace("%s", "", 1)
    if position % 19 == 0 and (old := _deprecated(concept)):
        target = target.replace(name, old, 1)
    return target


def sentences(position: int, concepts: list[Concept], rng: random.Random) -> Pair:
    """ko -> en news sentences with function words, numbers, a placeholder and a tag."""
    concept = rng.choice(concepts)
    ko, en, _ = _terms(concept)
    number = rng.randint(1, 5000)
    source = f"{ko}는 {number}명에게 %s 모델을 <b>공개</b>했다."
    target = f"{en} released the %s <b>model</b> to {number} people."
    target = _plant(target, position, number, en, concept)
    return Pair(source, target, "ko", "en", position, f"u{position}")


def names(position: int, concepts: list[Concept], rng: random.Random) -> Pair:
    """ko -> en catalogue lines of invented names and product words, few function words."""
    first, second = rng.choice(concepts), rng.choice(concepts)
    ko1, en1, _ = _terms(first)
    ko2, en2, _ = _terms(second)
    number = rng.randint(2, 900)
    product = rng.choice(PRODUCT_WORDS)
    made = invented_word(rng, capital=rng.random() < 0.5)
    source = f"{ko1} {made} {product} %s, {ko2} 호환, {number}개"
    target = f"{en1} {made} {product} %s, {en2} compatible, {number} pack"
    if position % 23 == 0:
        target = f"{en1} {made} {product} %s, {FRENCH} {number}"
    target = _plant(target, position, number, en1, first)
    return Pair(source, target, "ko", "en", position, f"u{position}")


def ui(position: int, concepts: list[Concept], rng: random.Random) -> Pair:
    """ko -> en short interface strings: a verb, sometimes a name or a count."""
    concept = rng.choice(concepts)
    ko, en, _ = _terms(concept)
    choice = rng.randrange(len(UI_KO))
    number = rng.randint(1, 99)
    kind = position % 4
    if kind == 0:
        source, target = UI_KO[choice], UI_EN[choice]
    elif kind == 1:
        source, target = f"{ko} {UI_KO[choice]}", f"{UI_EN[choice]} {en}"
    elif kind == 2:
        source, target = f"{number}개 항목 {UI_KO[choice]}", f"{UI_EN[choice]} {number} items"
    else:
        source, target = f"{UI_KO[choice]}...", f"{UI_EN[choice]}..."
    target = _plant(target, position, number, en, concept)
    return Pair(source, target, "ko", "en", position, f"u{position}")


def long(position: int, concepts: list[Concept], rng: random.Random) -> Pair:
    """ko -> en long sentences (35-60 words) with two terms and two numbers."""
    first, second = rng.choice(concepts), rng.choice(concepts)
    ko1, en1, _ = _terms(first)
    ko2, en2, _ = _terms(second)
    number, year = rng.randint(10, 90000), rng.randint(1990, 2030)
    ko_words = _window(KO_FILLER, rng, rng.randint(8, 12))
    middle = " ".join(_window(LONG_WORDS, rng, rng.randint(30, 45)))
    source = f"{ko1}는 {year}년 {' '.join(ko_words)} {ko2}와 {number:,}명의 사용자를 확보했다."
    target = f"In {year}, {en1} said {middle}, and {en2} reached {number:,} users."
    target = _plant(target, position, number, en1, first)
    return Pair(source, target, "ko", "en", position, f"u{position}")


def chinese(position: int, concepts: list[Concept], rng: random.Random) -> Pair:
    """ko -> zh-Hans sentences with a term, a number and a placeholder."""
    concept = rng.choice(concepts)
    ko, _, zh = _terms(concept)
    number = rng.randint(1, 5000)
    filler = "".join(_window(ZH_FILLER, rng, rng.randint(1, 3)))
    source = f"{ko}는 {number}명에게 %s 모델을 공개했다."
    target = f"{zh}向{number}人发布了%s模型，{filler}。"
    if position % 23 == 0:
        target = f"{zh} released the %s model to {number} people."
    if position % 10 == 0:
        target = target.replace(str(number), str(number + 1), 1)
    if position % 13 == 0:
        target = target.replace(zh, "某人", 1)
    return Pair(source, target, "ko", "zh-Hans", position, f"u{position}")


def korean(position: int, concepts: list[Concept], rng: random.Random) -> Pair:
    """en -> ko sentences: Korean targets with particles after the terms."""
    concept = rng.choice(concepts)
    ko, en, _ = _terms(concept)
    number = rng.randint(1, 5000)
    filler = " ".join(_window(KO_FILLER, rng, rng.randint(3, 8)))
    particle = rng.choice(["는", "가", "의", "와", "에서는", "이다"])
    source = f"{en} released the %s model to {number} people."
    target = f"{ko}{particle} {number}명에게 %s 모델을 공개했다. {filler}."
    if position % 23 == 0:
        target = f"{en} released the %s model to {number} people."
    if position % 10 == 0:
        target = target.replace(str(number), str(number + 1), 1)
    if position % 13 == 0:
        target = target.replace(ko, "누군가", 1)
    return Pair(source, target, "en", "ko", position, f"u{position}")


SHAPES: dict[str, Callable[[int, list[Concept], random.Random], Pair]] = {
    "sentences": sentences,
    "names": names,
    "ui": ui,
    "long": long,
    "zh": chinese,
    "ko": korean,
}


def make_pairs(shape: str, count: int, concepts: list[Concept], seed: int = 11) -> list[Pair]:
    """count pairs of one shape."""
    rng = random.Random(f"{shape}-{seed}")
    make = SHAPES[shape]
    return [make(position, concepts, rng) for position in range(1, count + 1)]
