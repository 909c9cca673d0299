"""Which words are asked about and flagged: codes, addresses, numbers, names never are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.checks import CheckContext, Pair, run_checks
from workbench.domain.spelling import (
    american_spellings,
    known_words,
    misspellings,
    spelling_words,
)


class Words:
    """A dictionary of a few words (and what it was asked)."""

    def __init__(self, *words: str) -> None:
        self.words = {w.lower() for w in words}
        self.asked: list[str] = []

    def correct(self, word: str) -> bool:
        self.asked.append(word)
        return word.lower() in self.words

    def suggest(self, word: str) -> list[str]:
        return sorted(self.words)


class Dictionaries:
    def __init__(self, words: Words) -> None:
        self.words = words

    def dictionary(self, lang: str) -> Words | None:
        return self.words if lang.startswith("en") else None


def words(text: str, lang: str = "en", source: str = "") -> list[str]:
    return [word for _, _, word in spelling_words(text, lang, source)]


def test_prose_words_are_asked_about_with_their_offsets() -> None:
    text = "The model’s “launch”, well-timed."
    found = list(spelling_words(text, "en"))
    assert [w for _, _, w in found] == ["The", "model’s", "launch", "well", "timed"]
    assert all(text[start:end] == word for start, end, word in found)


def test_codes_addresses_numbers_and_acronyms_are_never_asked_about() -> None:
    text = (
        "see https://wenge.example/a and www.wenge.example, mail ops@wenge.example, "
        "run foo_bar or getValue, open config.yaml in C:\\tmp, v2 3rd 320 NASA's %s {name} "
        "<b> a \ue000x\ue001 e.g. iPhone"
    )
    assert words(text) == ["see", "and", "mail", "run", "or", "open", "in"]


def test_other_scripts_and_words_copied_from_the_source_are_passed() -> None:
    assert words("Wenge 발표 新模型 announced", "en") == ["Wenge", "announced"]
    assert words("Wenge announced", "en", source="원거(Wenge)") == ["announced"]
    assert words("원거는 Wenge 모델을 발표했다", "ko") == ["원거는", "모델을", "발표했다"]
    assert words("这是新模型", "zh") == []


def test_misspellings_pass_known_words_and_normalise_apostrophes() -> None:
    dictionary = Words("the", "model's", "launch")
    found = misspellings(
        "The model’s Shanghaii launch wrold", "en", dictionary, known=known_words(["Shanghaii"])
    )
    assert [(m.word, m.start) for m in found] == [("wrold", 29)]
    assert "model's" in dictionary.asked


def test_the_spelling_check_flags_only_the_target_with_a_dictionary() -> None:
    context = CheckContext(resources={"spelling": Dictionaries(Words("a", "new", "model"))})
    pair = Pair("새 모델", "A new modle", "ko", "en")
    issues = [i for i in run_checks([pair], context) if i.check == "spelling"]
    assert [i.message for i in issues] == ['"modle" is not in the en dictionary']
    korean = Pair("A new modle", "새 모델", "en", "ko")
    assert not [i for i in run_checks([korean], context) if i.check == "spelling"]
    assert not [i for i in run_checks([pair], CheckContext()) if i.check == "spelling"]


@given(st.text(max_size=80))
def test_every_word_asked_about_is_where_it_says(text: str) -> None:
    for start, end, word in spelling_words(text, "en"):
        assert text[start:end] == word and len(word) >= 2
        assert not any(c.isdigit() or c.isspace() for c in word)


def test_british_endings_have_their_american_forms() -> None:
    assert american_spellings("organisers") == ["organizers"]
    assert american_spellings("colour") == ["color"]
    assert american_spellings("travelled") == ["traveled"]
    assert american_spellings("theatre") == ["theater"]
    assert american_spellings("rise") == []  # too short to be a British ending
    assert american_spellings("model") == []
