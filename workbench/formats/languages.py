"""Languages of a document as readers settle them: a tag given or stated, else detected."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workbench.domain.langid import detect_document_language
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.formats.base import FormatError


def lang_option(path: Path, tag: str | None) -> str | None:
    """A language tag (given by the user or stated by the file) normalised; None when absent."""
    if tag is None or not tag.strip():
        return None
    try:
        return normalize_lang(tag)
    except UnknownLanguageError as error:
        raise FormatError(path, str(error)) from None


def source_language(path: Path, given: str | None, paragraphs: Iterable[str]) -> str:
    """The language given, or else the one detected; FormatError when detection is unsure."""
    lang = lang_option(path, given)
    if lang is not None:
        return lang
    detection = detect_document_language(paragraphs)
    if not detection.reliable:
        raise FormatError(
            path,
            f"cannot tell the source language ({detection.lang} with probability "
            f"{detection.probability:.2f}): give --source-lang",
        )
    return detection.lang
