"""Our own sentence rules (`rules/workbench.srx`), read from the package once and compiled."""

from __future__ import annotations

from functools import cache
from importlib import resources

from workbench.domain.sentences import Span, SrxSegmenter

RULES_RESOURCE = ("rules", "workbench.srx")
"""Where the rules are, under workbench/formats/ (package data, so an installed wheel has them)."""


@cache
def default_segmenter() -> SrxSegmenter:
    """The segmenter for our own rules, shipped in the package."""
    resource = resources.files(__package__).joinpath(*RULES_RESOURCE)
    return SrxSegmenter.from_xml(resource.read_bytes())


def split_sentences(text: str, lang: str) -> list[Span]:
    """Split text into sentences by our rules for lang, whose primary subtag decides them."""
    return default_segmenter().split(text, lang)
