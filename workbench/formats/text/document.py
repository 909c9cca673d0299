"""The plain-text and Markdown document formats: decoding, blocks, languages, segments."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.languages import lang_option, source_language
from workbench.formats.text.blocks import TextBlock, line_bounds, plain_text_blocks, plain_view
from workbench.formats.text.decoding import DecodedText, decode_text
from workbench.formats.text.export import write_document
from workbench.formats.text.sentences import block_segments

# --- languages -----------------------------------------------------------------------------


# --- formats -------------------------------------------------------------------------------


def _document(
    path: Path, fmt: str, decoded: DecodedText, data: bytes, source: str, target: str | None
) -> Document:
    """The document header."""
    properties = {
        "encoding": decoded.encoding,
        "bom": "yes" if decoded.bom else "no",
        "newline": decoded.newline,
    }
    return Document(path.name, fmt, source, target, original=data, properties=properties)


def _languages(
    path: Path, options: DocumentReadOptions, blocks: list[TextBlock]
) -> tuple[str, str | None]:
    """Check that there is text to translate and settle the source and target languages."""
    if not any(plain_view(block)[0].strip() for block in blocks):
        raise FormatError(path, "no text to translate")
    paragraphs = (plain_view(block)[0] for block in blocks)
    return source_language(path, options.source_lang, paragraphs), lang_option(
        path, options.target_lang
    )


def _segments(blocks: list[TextBlock], lang: str, path: Path) -> Iterator[Segment]:
    """Every block's segments, in order, split as they are asked for."""
    for index, block in enumerate(blocks):
        yield from block_segments(block, index, lang, path)


class _TextDocumentFormat(ABC):
    """What plain text and Markdown share: decoding, segments, languages, export."""

    name: ClassVar[str]

    @abstractmethod
    def blocks(self, decoded: DecodedText, path: Path) -> list[TextBlock]:
        """The translatable blocks of the decoded file."""

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document and its segments; the file is decoded and parsed before returning."""
        data = read_bytes(path, options.on_progress)
        decoded = decode_text(data, path, options.encoding, options.limits)
        blocks = self.blocks(decoded, path)
        source, target = _languages(path, options, blocks)
        document = _document(path, self.name, decoded, data, source, target)
        return document, _segments(blocks, source, path)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Write the translated file (see the module docstring for the rules)."""
        write_document(document, segments, path)


class PlainTextFormat(_TextDocumentFormat):
    """Plain text: paragraphs separated by blank lines, one segment per sentence."""

    name: ClassVar[str] = "txt"

    def blocks(self, decoded: DecodedText, path: Path) -> list[TextBlock]:
        """Paragraphs: runs of lines that are not blank."""
        return list(plain_text_blocks(decoded.text, line_bounds(decoded.text)))


class MarkdownFormat(_TextDocumentFormat):
    """CommonMark with GFM tables and strikethrough: block text as segments, markup as codes."""

    name: ClassVar[str] = "md"

    def blocks(self, decoded: DecodedText, path: Path) -> list[TextBlock]:
        """Headings, paragraphs and table cells; code, HTML and front matter stay verbatim."""
        # Imported here so that plain text never loads markdown-it.
        from workbench.formats.text.markdown import MarkdownLayoutError, markdown_blocks

        try:
            return list(markdown_blocks(decoded.text, line_bounds(decoded.text)))
        except MarkdownLayoutError as error:
            raise FormatError(path, str(error), error.line) from None
