"""HTML and XHTML documents: read into segments, patched back on export.

Reading: the page is decoded in its declared encoding (BOM, XML declaration, `<meta
charset>`; else UTF-8, else windows-1252), tokenized, and its runs and attributes become
segments (blocks.py). `Segment.structure`: `kind` (text or attribute), `paragraph` (the
run), `sentence`/`sentences`, `span` (where the segment's text is in the decoded page),
`code_spans` (where each code's markup is), `before`/`after` (white space around a
sentence), `attribute` and `quote` for attributes.

Export patches the decoded original: a segment without a target, or whose target is its
source, keeps its characters exactly (references such as `&eacute;` included); a translated
one is written with `&`, `<` and `>` escaped, the references its source used for other
characters (`&nbsp;`, `&copy;`) written the same way, characters the page's encoding cannot
hold as numeric references, and its codes' markup as read (with translated attributes in
it). A run whose sentences were joined or split is written whole. When anything is
translated, the `lang`/`xml:lang` of `<html>` and a Content-Language `<meta>` name the target
language. Scripts, styles and comments are never touched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment, code_index, plain_text
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.html.blocks import segments_of
from workbench.formats.html.tokens import Token, decode_html, tokenize
from workbench.formats.languages import lang_option, source_language
from workbench.formats.strings.codec import Decoded, can_encode
from workbench.formats.strings.units import Patch, apply_patches, parse_span, span_text


def _language_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Where the page states its language: <html lang>, <html xml:lang>, Content-Language."""
    spans = []
    for token in tokens:
        if token.kind != "start":
            continue
        if token.name == "html":
            spans += [a.span for a in token.attributes if a.name in ("lang", "xml:lang") and a.span]
        elif token.name == "meta":
            equiv = token.attribute("http-equiv") or token.attribute("name")
            content = token.attribute("content")
            if equiv and equiv.value.lower() == "content-language" and content and content.span:
                spans.append(content.span)
    return spans


class HtmlFormat:
    """HTML and XHTML pages."""

    name: ClassVar[str] = "html"

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The page and its segments (tokenized whole before returning)."""
        data = read_bytes(path, options.on_progress)
        decoded = decode_html(data, path, options.encoding)
        tokens = tokenize(decoded.text)
        spans = _language_spans(tokens)
        stated = decoded.text[spans[0][0] : spans[0][1]] if spans else None
        source = lang_option(path, options.source_lang) or lang_option(path, stated)
        segments = segments_of(tokens, decoded.text, source or "en")
        listed = list(segments)
        if not any(plain_text(s.source).strip() for s in listed):
            raise FormatError(path, "no text to translate")
        if source is None:
            source = source_language(path, None, (plain_text(s.source) for s in listed))
            listed = list(segments_of(tokens, decoded.text, source))
        properties = {
            "encoding": decoded.encoding,
            "bom": "yes" if decoded.bom else "no",
            "lang_spans": ",".join(span_text(s) for s in spans),
        }
        if options.encoding:
            properties["given_encoding"] = options.encoding
        target = lang_option(path, options.target_lang)
        document = Document(path.name, self.name, source, target, original=data)
        document.properties = properties
        return document, iter(listed)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """The page with its translations patched in (the original bytes when none)."""
        path.write_bytes(self.export(document, segments, path))

    def export(self, document: Document, segments: Iterable[Segment], path: Path) -> bytes:
        if document.format != self.name or not document.original:
            message = f"a {document.format} document cannot be written as HTML"
            raise FormatError(path, f"{message}; export it to its own format")
        decoded = decode_html(document.original, path, document.properties.get("given_encoding"))
        text = decoded.text
        listed = list(segments)
        attributes = _attribute_patches(listed, decoded)
        writer = _Writer(text, decoded, attributes, path)
        patches = writer.runs(listed)
        if not patches and not attributes:
            return document.original
        lang = document.target_lang
        if lang and document.properties.get("lang_spans"):
            for value in document.properties["lang_spans"].split(","):
                start, end = parse_span(value)
                patches.append(Patch(start, end, lang))
        covered = [(p.start, p.end) for p in patches]
        for patch in attributes:
            if not any(a <= patch.start and patch.end <= b for a, b in covered):
                patches.append(patch)
        try:
            return decoded.encode(apply_patches(text, patches, path))
        except UnicodeEncodeError as error:
            raise FormatError(path, f"cannot encode the page: {error.reason}") from None


def _changed(segment: Segment) -> bool:
    return bool(segment.target) and segment.target != segment.source


class _Escaper:
    """Text as page characters: the source's references reused, the rest escaped."""

    def __init__(self, decoded: Decoded) -> None:
        self.decoded = decoded

    def text(self, value: str, references: dict[str, str], quote: str = "") -> str:
        pieces = []
        for char in value:
            if char in references:
                pieces.append(references[char])
            elif char == "&":
                pieces.append("&amp;")
            elif char == "<":
                pieces.append("&lt;")
            elif char == ">":
                pieces.append("&gt;")
            elif quote and char == quote:
                pieces.append("&quot;" if quote == '"' else "&#39;")
            elif char == "\xa0":
                pieces.append("&nbsp;")
            elif ord(char) > 0x7F and not can_encode(self.decoded, char):
                pieces.append(f"&#{ord(char)};")
            else:
                pieces.append(char)
        return "".join(pieces)


def _references(raw: str) -> dict[str, str]:
    """The characters a piece of the page wrote as references (other than & < > and quotes)."""
    found: dict[str, str] = {}
    position = raw.find("&")
    while position >= 0:
        end = raw.find(";", position, position + 12)
        if end > 0:
            reference = raw[position : end + 1]
            char = html.unescape(reference)
            if len(char) == 1 and char not in "&<>\"'" and reference != char:
                found.setdefault(char, reference)
        position = raw.find("&", position + 1)
    return found


def _attribute_patches(segments: list[Segment], decoded: Decoded) -> list[Patch]:
    """The translated attribute values, escaped for their quotes."""
    escaper = _Escaper(decoded)
    patches = []
    for segment in segments:
        if segment.structure.get("kind") != "attribute" or not _changed(segment):
            continue
        start, end = parse_span(segment.structure["span"])
        quote = segment.structure.get("quote", '"')
        references = _references(decoded.text[start:end])
        value = escaper.text(plain_text(segment.target), references, quote or '"')
        patches.append(Patch(start, end, value if quote else f'"{value}"'))
    return patches


class _Writer:
    """Patches for the translated runs, their codes written with the attributes inside."""

    def __init__(self, text: str, decoded: Decoded, attributes: list[Patch], path: Path) -> None:
        self.text = text
        self.escaper = _Escaper(decoded)
        self.attributes = attributes
        self.path = path

    def raw(self, start: int, end: int) -> str:
        """The page's characters from start to end, translated attributes inside applied."""
        inside = [p for p in self.attributes if start <= p.start and p.end <= end]
        if not inside:
            return self.text[start:end]
        shifted = [Patch(p.start - start, p.end - start, p.text) for p in inside]
        return apply_patches(self.text[start:end], shifted, self.path)

    def render(self, segment: Segment, text: str, references: dict[str, str]) -> str:
        """A segment text as page characters, its codes as their (patched) markup."""
        spans = segment.structure.get("code_spans", "")
        code_spans = [parse_span(v) for v in spans.split(",")] if spans else []
        pieces = []
        plain: list[str] = []
        for char in text:
            index = code_index(char)
            if index is None:
                plain.append(char)
                continue
            pieces.append(self.escaper.text("".join(plain), references))
            plain = []
            if index < len(code_spans):
                pieces.append(self.raw(*code_spans[index]))
            elif index < len(segment.codes):
                pieces.append(segment.codes[index].markup)
            else:
                message = f"segment {segment.unit_id}: inline code {index + 1} is not in its table"
                raise FormatError(self.path, message)
        pieces.append(self.escaper.text("".join(plain), references))
        return "".join(pieces)

    def runs(self, segments: list[Segment]) -> list[Patch]:
        patches = []
        texts = [s for s in segments if s.structure.get("kind") == "text"]
        for _paragraph, grouped in groupby(texts, key=lambda s: s.structure.get("paragraph")):
            run = list(grouped)
            if not any(_changed(s) for s in run):
                continue
            if "run" not in run[0].structure:
                continue
            whole = parse_span(run[0].structure["run"])
            references = _references(self.text[whole[0] : whole[1]])
            numbers = [s.structure.get("sentence") for s in run]
            intact = numbers == [str(i) for i in range(len(run))] and run[0].structure.get(
                "sentences"
            ) == str(len(run))
            if intact:
                for segment in run:
                    if _changed(segment):
                        start, end = parse_span(segment.structure["span"])
                        patches.append(
                            Patch(start, end, self.render(segment, segment.target, references))
                        )
                continue
            body = ""
            for number, segment in enumerate(run):
                if number:
                    body += segment.structure.get("before", " ")
                body += self.render(segment, segment.target or segment.source, references)
            patches.append(Patch(whole[0], whole[1], body))
        return patches
