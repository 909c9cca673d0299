"""Language tags: the common tags normalised without langcodes are what langcodes makes them."""

from __future__ import annotations

import langcodes
import pytest

from workbench.domain.langtags import CANONICAL, UnknownLanguageError, normalize_lang


@pytest.mark.parametrize("tag", sorted(CANONICAL))
def test_a_tag_kept_as_written_is_valid_and_standard_for_langcodes(tag: str) -> None:
    assert langcodes.tag_is_valid(tag)
    assert langcodes.standardize_tag(tag) == tag == normalize_lang(tag)


@pytest.mark.parametrize(
    ("tag", "standard"),
    [("zh_hant", "zh-Hant"), ("iw", "he"), (" ko ", "ko"), ("EN-us", "en-US"), ("kor", "ko")],
)
def test_other_tags_are_standardised_by_langcodes(tag: str, standard: str) -> None:
    assert normalize_lang(tag) == standard


@pytest.mark.parametrize("tag", ["", "xx-nonsense-tag-1", "ko--KR"])
def test_bad_tags_are_refused(tag: str) -> None:
    with pytest.raises(UnknownLanguageError):
        normalize_lang(tag)
