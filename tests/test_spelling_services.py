"""Words added to the spelling dictionaries: per language, shared by everyone on the base."""

from __future__ import annotations

from workbench import services
from workbench.services.spelling import WordListDictionary
from workbench.storage.engine import Database, open_database


def test_a_word_added_by_one_client_is_known_to_another(db: Database, db_url: str) -> None:
    other = open_database(db_url)  # another translator on the same base
    try:
        before = services.load_spelling(other)
        assert services.misspelled(before, "Kublaa opens", "en-GB")[0].word == "Kublaa"
        assert services.add_spelling_word(db, "en-US", "Kublaa", "kim")
        assert not services.add_spelling_word(db, "en", "Kublaa", "lee")  # once per language
        assert services.misspelled(services.load_spelling(other), "Kublaa opens", "en-GB") == []
        assert services.added_spelling_words(other, "en") == [("en", "Kublaa")]
        assert services.added_spelling_words(other, "ko") == []
        assert services.remove_spelling_word(other, "en", "Kublaa")
        assert services.misspelled(services.load_spelling(db), "Kublaa", "en") != []
    finally:
        other.dispose()


def test_english_is_checked_after_a_plain_install() -> None:
    """pyspellchecker is a dependency, so English always has a dictionary: the spelling tests
    run everywhere (they once skipped themselves when it was missing, hiding a broken install)."""
    assert services.dictionary_name("en") is not None
    assert services.missing_dictionary("en") is None


def test_the_english_word_list_knows_the_words_of_software_and_the_web() -> None:
    """pyspellchecker's English list (from film subtitles) lacks 'app', 'dataset', 'smartphone':
    on a machine without Hunspell every UI string and tech article was flagged for them."""
    checker = WordListDictionary("en")
    for word in ["app", "Apps", "smartphone", "datasets", "chatbot", "logout", "wifi", "fintech"]:
        assert checker.correct(word), word
    assert not checker.correct("appz")
    assert "apps" in checker.suggest("appps")
