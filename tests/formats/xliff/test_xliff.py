"""XLIFF 1.2 and 2.x: real files, round trips, schema validity, translate-toolkit, bad input."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import SHARED
from lxml import etree
from translate.storage import xliff as toolkit_xliff

from workbench.domain.document import (
    Document,
    InlineCode,
    Segment,
    SegmentStatus,
    code_char,
    code_index,
    code_indexes,
)
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.registry import document_format
from workbench.formats.xliff.document import Xliff2Format, Xliff12Format

CORPUS = SHARED / "corpus" / "xliff"
SCHEMAS = SHARED / "schemas"
X12, X2 = Xliff12Format(), Xliff2Format()
NEW, DRAFT, TRANSLATED = SegmentStatus.NEW, SegmentStatus.DRAFT, SegmentStatus.TRANSLATED
REVIEWED, APPROVED = SegmentStatus.REVIEWED, SegmentStatus.APPROVED
REJECTED = SegmentStatus.REJECTED
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"
PAIRED = frozenset({"g", "mrk", "pc"})  # one element, two codes (start and end tag)


@dataclass(frozen=True)
class Counts:
    """What a corpus file holds, as segments see it."""

    units: int
    segments: int
    targets: int
    """Segments with a non-empty target."""
    notes: int = 0
    """Unit-level notes (file-, group- and header-level notes belong to no segment)."""
    untranslatable: int = 0
    """Segments of translate="no" units."""
    inline: tuple[tuple[str, int], ...] = ()
    """Inline elements in the segments' sources and targets, by element."""


def inline(**counts: int) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items()))


# From corpus/SOURCES.md. Where the counts differ, the comment says why: SOURCES counts every
# inline element under <source>, <seg-source> and <target> (and under <mtc:match>), while a
# segmented 1.2 unit is read from its <mrk mtype="seg"> elements only, and codes between
# those marks stay in the unit, outside any segment.
CORPUS_COUNTS: dict[str, Counts] = {
    "deepin_angular_i18n/messages.ja.xlf": Counts(226, 226, 226, inline=inline(x=40)),
    "deepin_angular_i18n/messages.ko.xlf": Counts(226, 226, 226, inline=inline(x=40)),
    "deepin_angular_i18n/messages.zh_CN.xlf": Counts(226, 226, 226, inline=inline(x=40)),
    "disfr/Crafted00.xliff": Counts(0, 0, 0),
    "disfr/Crafted00a.xliff": Counts(1, 1, 0),
    "disfr/Crafted01.xliff": Counts(2, 2, 2),
    "disfr/Crafted02.xliff": Counts(
        7, 7, 7, inline=inline(bpt=2, ept=2, bx=2, ex=2, g=2, ph=4, x=4, it=4)
    ),
    "disfr/Crafted03.xliff": Counts(
        7, 7, 7, inline=inline(bpt=4, ept=4, bx=4, ex=4, g=4, ph=8, x=8, it=8)
    ),
    # mrk=14 are the 7 segments' marks in seg-source and target; of g=4, ph=4 only the
    # inner <g id="404.3"> lies inside a mark.
    "disfr/Crafted04.xliff": Counts(4, 7, 7, inline=inline(g=2)),
    # g=11: pt1..pt4 in source and seg-source, three in the target; only pt3 lies inside a
    # mark, and the target lacks it. mrk=6 are the 3 segments' marks.
    "disfr/Language_Support.doc.sdlxliff": Counts(
        7, 7, 3, untranslatable=4, inline=inline(x=10, g=1)
    ),
    # One of the 2 notes is in the <phase> of the header.
    "disfr/Xliff1.xliff": Counts(3, 3, 3, notes=1),
    # Unit 37's <source> repeats its seg-source codes (bpt=3 ...); mrk=4 are 2 segments'
    # marks; the only note is in the header.
    "disfr/Xliff2.xliff": Counts(5, 6, 4, untranslatable=1, inline=inline(bpt=2, ept=2, ph=2)),
    "disfr/empty-xliff12.xliff": Counts(0, 0, 0),
    "navcog_xcode_export/zh-Hans.xliff": Counts(337, 337, 335, notes=230),
    # The OASIS test suite's invalid files that are read, leniently (see LENIENT below).
    "oasis_xliff20_testsuite/invalid/Bad-gls_glossEntry-w-o-translation-or-definition.xlf": (
        Counts(1, 1, 1)
    ),
    # 2 of the 4 notes are the file's and the group's.
    "oasis_xliff20_testsuite/invalid/bad_DuplicateNoteIdsInUnit.xlf": Counts(1, 1, 0, notes=2),
    "oasis_xliff20_testsuite/invalid/bad_EcBeforeSc.xlf": Counts(
        1, 2, 0, inline=inline(ec=1, sc=1)
    ),
    "oasis_xliff20_testsuite/invalid/bad_FileIdNotUnique.xlf": Counts(2, 2, 2),
    "oasis_xliff20_testsuite/invalid/bad_InvalidStateValue.xlf": Counts(1, 1, 0),
    "oasis_xliff20_testsuite/invalid/bad_NoTrgLang.xlf": Counts(1, 1, 1),
    "oasis_xliff20_testsuite/invalid/bad_SegmentIdNotUnique.xlf": Counts(1, 2, 0),
    "oasis_xliff20_testsuite/invalid/bad_UnitWithoutSegment.xlf": Counts(0, 0, 0),
    "oasis_xliff20_testsuite/invalid/bad_WrongLangOnTarget.xlf": Counts(1, 1, 1),
    "oasis_xliff20_testsuite/valid/Good-gls_glossEntry-w-translation-or-definition.xlf": (
        Counts(1, 1, 1)
    ),
    # 2 of the 4 notes are the file's and the group's.
    "oasis_xliff20_testsuite/valid/allExtensions.xlf": Counts(
        3, 3, 1, notes=2, inline=inline(ph=2, pc=1, sc=1, sm=1, cp=1, ec=3, em=1, mrk=1)
    ),
    "oasis_xliff20_testsuite/valid/almostEmpty.xlf": Counts(0, 0, 0),
    # Both notes are the file's and the group's.
    "oasis_xliff20_testsuite/valid/everything-core.xlf": Counts(4, 5, 2, inline=inline(pc=1, ph=1)),
    "oasis_xliff20_testsuite/valid/sample1.xlf": Counts(1, 1, 1, inline=inline(mrk=2)),
    "oasis_xliff20_testsuite/valid/sourceOnly.xlf": Counts(1, 1, 0),
    # sm=8, em=8: 4 sm and 2 em are in <ignorable>s, which are no segments.
    "oasis_xliff20_testsuite/valid/testTranslateWithTarget.xlf": Counts(
        2, 6, 6, untranslatable=3, inline=inline(sm=4, em=6)
    ),
    "oasis_xliff20_testsuite/valid/toSegment.xlf": Counts(1, 4, 1, inline=inline(pc=1)),
    "oasis_xliff20_testsuite/valid/withCDataSections.xlf": Counts(1, 1, 1),
    "oasis_xliff20_testsuite/valid/withGlossary.xlf": Counts(1, 2, 2, inline=inline(mrk=4)),
    # ph=2 are inside the <mtc:match>.
    "oasis_xliff20_testsuite/valid/withMatches.xlf": Counts(1, 1, 1, inline=inline(mrk=2)),
    # 2 of the 3 notes are the file's and the group's.
    "oasis_xliff20_testsuite/valid/withNotes.xlf": Counts(1, 1, 1, notes=1, inline=inline(sc=2)),
    "oasis_xliff20_testsuite/valid/withReorderedCodes.xlf": Counts(
        5, 9, 9, inline=inline(pc=4, ph=39, mrk=1)
    ),
    "oasis_xliff20_testsuite/valid/withTBXExtension.xlf": Counts(1, 1, 0, inline=inline(mrk=1)),
    "oasis_xliff20_testsuite/valid/withXmlSpace.xlf": Counts(1, 1, 1),
    "okapi/BinUnitTest01.xlf": Counts(3, 3, 0, untranslatable=1),
    "okapi/JMP-11-Test01.xlf": Counts(9, 9, 9, notes=3),
    # ph=3, sub=2: the <sub>s and the <ph> nested in one are part of their <ph>'s code.
    "okapi/Manual-12-AltTrans.xlf": Counts(7, 7, 2, untranslatable=1, inline=inline(ph=2)),
    "okapi/NSTest01.xlf": Counts(2, 2, 0, untranslatable=1),
    # mrk=4 are the marks of two segmented units without targets (2 segments each).
    "okapi/RB-12-Test02.xlf": Counts(9, 11, 7, inline=inline(g=6, x=4)),
    # The note is the header's.
    "okapi/Typo3Draft.xlf": Counts(6, 6, 4, inline=inline(g=2)),
    "okapi/htmltest.html.xlf": Counts(8, 8, 8, inline=inline(x=2, g=2)),
    "okapi/lqiTest.xlf": Counts(2, 2, 0, inline=inline(mrk=2)),
    "okapi/sample12.xlf": Counts(4, 4, 2, inline=inline(g=2)),
    # Read with a target language given: the file's "xx" is no language (see REFUSED).
    "omegat/en-xx.xlf": Counts(8, 8, 3, notes=3, untranslatable=1),
    "omegat/ex.14.5.xlf": Counts(2, 2, 0, inline=inline(mrk=1)),
    "omegat/ex.9.5.xlf": Counts(8, 8, 1, untranslatable=1, inline=inline(sc=2)),
    "omegat/file-XLIFFFilter-SMP.xlf": Counts(1, 1, 1, inline=inline(mrk=2)),
    "omegat/file-XLIFFFilter-cdata-bugs418.xlf": Counts(4, 4, 2),
    "omegat/file-XLIFFFilter-tags.xlf": Counts(
        10, 10, 10, inline=inline(mrk=4, bpt=5, ept=5, it=5, ph=2, g=2, x=1)
    ),
    "omegat/file-XLIFFFilter.xlf": Counts(6, 6, 2),
    "omegat/file-XLIFFFilter1-multiple-file-tag.xlf": Counts(2, 2, 0),
    # x=15, bx=3, ex=3, mrk=8: four units are segmented and their codes lie outside the
    # marks; three have a seg-source without marks, read from <source> (x in source, target).
    "omegat/file-xliff-BUGS1221.xlf": Counts(7, 7, 7, inline=inline(x=6)),
    "openxliff/OpenXLIFF_Java_es.xlf": Counts(519, 519, 519),
    "translate-toolkit/states.xlf": Counts(8, 8, 8),
    "translate-toolkit/test_2-test_odf2xliff-reference.xlf": Counts(
        10, 10, 0, inline=inline(g=4, x=3)
    ),
    "translate-toolkit/test_inline-test_odf2xliff_inline-reference.xlf": Counts(
        4, 4, 0, inline=inline(g=4)
    ),
}
# Files that are read only with the languages given (the file names none, or no real one).
GIVEN_LANGUAGES = {
    "omegat/en-xx.xlf": DocumentReadOptions(target_lang="fr"),
}
# Broken on purpose, or spec violations we do not guess around: file -> (line, message part).
REFUSED: dict[str, tuple[int | None, str]] = {
    "navcog_xcode_export/ko.xliff": (310, "error parsing attribute name"),
    "omegat/file-XLIFFFilter-invalid-content.xlf": (7, "PCDATA invalid Char value 8"),
    # Truncated, and its <file> names no source language: that is found first.
    "weblate/memory-invalid.xliff": (3, "names no source language"),
    "omegat/en-xx.xlf": (3, "unknown language 'xx'"),
    # Nothing to translate: XLIFF requires a <file>.
    "oasis_xliff20_testsuite/invalid/bad_NoFile.xlf": (None, "no <file>"),
    # Which of the two sources would be translated? Refused rather than guessed.
    "oasis_xliff20_testsuite/invalid/bad_TwoSourceInUnit.xlf": (7, "more than one <source>"),
}
# The OASIS invalid files that are read, and why that is safe: nothing is located by the
# duplicated ids (export finds units and segments by position); codes are kept as they are
# (an <ec> before its <sc> is two codes); a bad state reads as initial and is rewritten
# valid when the segment changes; a glossary entry without translation is kept as it is;
# the target language comes from trgLang (or the user), not from <target xml:lang>.
LENIENT = {
    "Bad-gls_glossEntry-w-o-translation-or-definition.xlf": "glossary entry kept as it is",
    "bad_DuplicateNoteIdsInUnit.xlf": "note ids are not used",
    "bad_EcBeforeSc.xlf": "the <ec> and the <sc> are two codes",
    "bad_FileIdNotUnique.xlf": "files are found by position",
    "bad_InvalidStateValue.xlf": "an unknown state reads as the default, initial",
    "bad_NoTrgLang.xlf": "the target language can be given on import",
    "bad_SegmentIdNotUnique.xlf": "segments are found by position",
    "bad_UnitWithoutSegment.xlf": "a unit without segment has nothing to translate",
    "bad_WrongLangOnTarget.xlf": "trgLang is the target language",
}


def read_file(
    path: Path, options: DocumentReadOptions | None = None
) -> tuple[Document, list[Segment]]:
    """A document and all its segments."""
    document, segments = X12.read(path, options or DocumentReadOptions())
    return document, list(segments)


def corpus(shared: Path, name: str) -> tuple[Document, list[Segment]]:
    """A corpus file, read."""
    return read_file(shared / "corpus" / "xliff" / name, GIVEN_LANGUAGES.get(name))


def with_target_lang(document: Document) -> Document:
    """The document, with a target language for files that name none."""
    return replace(document, target_lang=document.target_lang or "fr")


def formats(document: Document) -> Xliff12Format | Xliff2Format:
    """The format that exports a document back into its own original."""
    return X2 if document.format == "xliff2" else X12


def counts(segments: list[Segment]) -> Counts:
    """The counts of what was read."""
    units = {s.structure["unit"]: s for s in reversed(segments)}
    elements: Counter[str] = Counter()
    for segment in segments:
        for text in (segment.source, segment.target):
            for index in code_indexes(text):
                code = segment.codes[index]
                if not (code.kind == "close" and code.element in PAIRED):
                    elements[code.element] += 1
    return Counts(
        units=len(units),
        segments=len(segments),
        targets=sum(1 for s in segments if s.target),
        notes=sum(len(s.note.splitlines()) for s in units.values() if s.note),
        untranslatable=sum(1 for s in segments if s.structure.get("translate") == "no"),
        inline=tuple(sorted(elements.items())),
    )


def by_unit(segments: list[Segment], unit_id: str) -> list[Segment]:
    """The segments of one unit."""
    return [s for s in segments if s.unit_id == unit_id]


# Reading the corpus


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_file_imports_with_documented_counts(shared: Path, name: str) -> None:
    """Units, segments, targets, notes and inline elements match corpus/SOURCES.md."""
    _document, segments = corpus(shared, name)
    assert counts(segments) == CORPUS_COUNTS[name]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_broken_corpus_file_is_refused_with_its_line(shared: Path, name: str) -> None:
    """Broken files (and spec violations we will not guess around) give one clear error."""
    line, message = REFUSED[name]
    with pytest.raises(FormatError) as caught:
        read_file(shared / "corpus" / "xliff" / name)
    assert message in caught.value.message
    assert caught.value.line == line
    assert caught.value.path.endswith(name)


def test_every_corpus_file_is_checked(shared: Path) -> None:
    """No XLIFF file of the corpus escapes the tables above."""
    root = shared / "corpus" / "xliff"
    found = {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.suffix in (".xlf", ".xliff", ".sdlxliff")
    }
    assert found == set(CORPUS_COUNTS) | set(REFUSED)
    invalid = {p.name for p in (root / "oasis_xliff20_testsuite" / "invalid").glob("*.xlf")}
    refused = {Path(name).name for name in REFUSED}
    assert invalid == set(LENIENT) | (refused & invalid)
    assert all(f"oasis_xliff20_testsuite/invalid/{name}" in CORPUS_COUNTS for name in LENIENT)


def test_truncated_file_fails_at_its_end_once_languages_are_given(shared: Path) -> None:
    """weblate/memory-invalid.xliff has no </xliff>: the segments before it come, then the error."""
    options = DocumentReadOptions(source_lang="en", target_lang="cs")
    _document, segments = X12.read(CORPUS / "weblate" / "memory-invalid.xliff", options)
    seen = []
    with pytest.raises(FormatError) as caught:
        seen.extend(segments)
    assert len(seen) == 5
    assert caught.value.line == 29
    assert "Premature end of data" in caught.value.message


def test_languages_versions_and_the_given_languages_win(shared: Path) -> None:
    """Languages come normalised from the file; the user's win; the version is a property."""
    document, _ = corpus(shared, "okapi/sample12.xlf")
    assert (document.source_lang, document.target_lang) == ("en-US", "fr-FR")
    assert document.properties == {"xliff_version": "1.2"}
    assert document.original == (CORPUS / "okapi" / "sample12.xlf").read_bytes()
    document, _ = corpus(shared, "deepin_angular_i18n/messages.zh_CN.xlf")
    assert document.target_lang == "zh-CN"
    document, _ = read_file(
        CORPUS / "navcog_xcode_export" / "zh-Hans.xliff", DocumentReadOptions(target_lang="zh-Hans")
    )
    assert (document.source_lang, document.target_lang) == ("en", "zh-Hans")
    document, _ = corpus(shared, "oasis_xliff20_testsuite/valid/sourceOnly.xlf")
    assert (document.format, document.target_lang) == ("xliff2", None)
    assert document.properties == {"xliff_version": "2.0"}


def test_either_format_reads_either_version(shared: Path) -> None:
    """The file's version decides (a sniffer fooled by its:version="2.0" does no harm)."""
    path = CORPUS / "okapi" / "htmltest.html.xlf"
    document, segments = X2.read(path, DocumentReadOptions())
    assert document.format == "xliff"
    assert len(list(segments)) == 8
    document, _ = X12.read(CORPUS / "omegat" / "ex.9.5.xlf", DocumentReadOptions())
    assert document.format == "xliff2"
    assert document_format(CORPUS / "disfr" / "Crafted02.xliff").name == "xliff"
    assert document_format(CORPUS / "openxliff" / "OpenXLIFF_Java_es.xlf").name == "xliff2"


def test_statuses_of_translate_toolkit_states(shared: Path) -> None:
    """states.xlf: one unit per state, approved="yes" on all, as translate-toolkit marks every
    unit it counts as translated: the state decides (formats/statuses.py)."""
    _document, segments = corpus(shared, "translate-toolkit/states.xlf")
    assert [s.status for s in segments] == [
        APPROVED,  # no state: approved="yes" is all it says
        DRAFT,  # needs-work
        REJECTED,  # rejected
        DRAFT,  # needs-review
        TRANSLATED,  # unreviewed: translate-toolkit's translated
        APPROVED,  # final
        TRANSLATED,  # translated: approved="yes" is how tools count it translated
        APPROVED,  # fake: unknown, as if there were no state
    ]


@pytest.mark.parametrize(
    ("attributes", "target", "status"),
    [
        ("", "", NEW),
        ('approved="yes"', "", NEW),
        ("", "t", TRANSLATED),
        ('approved="yes"', "t", APPROVED),
        ('state="new"', "t", NEW),
        ('state="needs-translation"', "t", NEW),
        ('state="needs-adaptation"', "t", DRAFT),
        ('state="needs-l10n"', "t", DRAFT),
        ('state="needs-review-translation"', "t", DRAFT),
        ('state="needs-review-adaptation"', "t", DRAFT),
        ('state="needs-review-l10n"', "t", DRAFT),
        ('state="translated"', "t", TRANSLATED),
        ('state="signed-off"', "t", REVIEWED),
        ('state="signed-off" approved="yes"', "t", REVIEWED),
        ('state="translated" approved="yes"', "t", TRANSLATED),
        ('state="final" approved="yes"', "t", APPROVED),
        ('state="final"', "t", APPROVED),
        ('state="x-rejected"', "t", REJECTED),
        ('state="needs-review-translation" approved="yes"', "t", DRAFT),
    ],
)
def test_status_of_a_12_unit(tmp_path: Path, attributes: str, target: str, status: str) -> None:
    """XLIFF 1.2 state (on <target>) and approved (on the unit) give the status."""
    state = re.search(r'state="[^"]+"', attributes)
    approved = attributes.replace(state.group(0), "") if state else attributes
    unit = (
        f'<trans-unit id="1" {approved}><source>s</source>'
        f"<target {state.group(0) if state else ''}>{target}</target></trans-unit>"
    )
    (segment,) = read_file(write_12(tmp_path, unit))[1]
    assert segment.status == status


@pytest.mark.parametrize(
    ("attributes", "target", "status"),
    [
        ("", "", NEW),
        ('state="final"', "", NEW),
        ("", "t", DRAFT),
        ('state="initial"', "t", DRAFT),
        ('state="translated"', "t", TRANSLATED),
        ('state="reviewed"', "t", REVIEWED),
        ('state="final"', "t", APPROVED),
        ('state="initial" subState="workbench:rejected"', "t", REJECTED),
        ('state="badState"', "t", DRAFT),
    ],
)
def test_status_of_a_2_segment(tmp_path: Path, attributes: str, target: str, status: str) -> None:
    """XLIFF 2 state defaults to initial: a draft, once there is a target."""
    segment = f"<segment {attributes}><source>s</source><target>{target}</target></segment>"
    unit = f'<unit id="1">{segment}</unit>'
    (segment,) = read_file(write_2(tmp_path, unit))[1]
    assert segment.status == status


def test_inline_codes_markup_and_display(shared: Path) -> None:
    """Each code keeps its exact XML; the label is equiv-text, the native code, or its tag."""
    _document, segments = corpus(shared, "disfr/Crafted02.xliff")
    units = {s.unit_id: s for s in segments}
    bpt = units["202"]
    assert bpt.source == f"bpt/ept: abc {code_char(0)}text{code_char(1)} def."
    assert bpt.target == f"bpt/ept: ABC {code_char(0)}TEXT{code_char(1)} DEF."
    assert bpt.codes == [
        InlineCode("open", "bpt", "202r1", '<bpt id="202.1" rid="202r1">[CODE]</bpt>', "[CODE]"),
        InlineCode("close", "ept", "202r1", '<ept id="202.2" rid="202r1">[/CODE]</ept>', "[/CODE]"),
    ]
    g = units["204"]
    assert [(c.kind, c.markup, c.display) for c in g.codes] == [
        ("open", '<g id="204.1">', "g 204.1"),
        ("close", "</g>", "/g 204.1"),
    ]
    assert [c.kind for c in units["207"].codes] == ["standalone", "standalone"]  # <it>
    _document, segments = corpus(shared, "deepin_angular_i18n/messages.ko.xlf")
    placeholder = next(s for s in segments if s.codes)
    assert placeholder.codes[0].element == "x"
    assert placeholder.codes[0].display == "{{ count }}"
    assert placeholder.codes[0].markup == '<x equiv-text="{{ count }}" id="INTERPOLATION"/>'


def test_prefixed_and_absent_namespaces(shared: Path) -> None:
    """Typo3 uses an xlf: prefix, NSTest x:, disfr files no namespace: all read the same."""
    _document, segments = corpus(shared, "okapi/Typo3Draft.xlf")
    bold = by_unit(segments, "3")[0]
    assert bold.codes[0].markup == '<g id="1" ctype="bold">'
    assert (
        bold.target
        == f"Dies ist ein Satz mit einem {code_char(0)}fettgedruckten Wort{code_char(1)}"
    )
    cdata = by_unit(segments, "4")[0]
    assert cdata.source == "This is a sentence with a <b>bold</b>word."
    assert cdata.codes == []
    _document, segments = corpus(shared, "okapi/NSTest01.xlf")
    assert [s.structure.get("translate") for s in segments] == ["no", None]


def test_segmented_units_keep_marks_whitespace_and_codes(shared: Path) -> None:
    """Crafted04: one segment per <mrk mtype="seg">, found again in the target by mid."""
    _document, segments = corpus(shared, "disfr/Crafted04.xliff")
    three = by_unit(segments, "403")
    assert [s.source for s in three] == [
        "Multiple sentences.",
        "In a trans-unit.",
        "Broken into segments.",
    ]
    assert [s.target for s in three] == [
        "MULTIPLE SENTENCES.",
        "IN A trans-unit.",
        "BROKEN INTO SEGMENTS.",
    ]
    assert [s.structure["mid"] for s in three] == ["403a", "403b", "403c"]
    assert [s.structure["segment"] for s in three] == ["0", "1", "2"]
    inner = by_unit(segments, "404")[1]
    assert inner.source == f"In a single {code_char(0)}g{code_char(1)}."
    assert inner.codes[0].markup == '<g id="404.3">'


def test_notes_context_and_alternatives(shared: Path) -> None:
    """Notes keep `from`; context-groups become lines; the best alt-trans is kept."""
    _document, segments = corpus(shared, "disfr/Xliff1.xliff")
    assert any(s.note and s.note.startswith("reviewer: I believe") for s in segments)
    _document, segments = corpus(shared, "deepin_angular_i18n/messages.ko.xlf")
    assert segments[0].context is not None
    assert segments[0].context.splitlines()[0].startswith("sourcefile: ")
    assert segments[0].context.splitlines()[1].startswith("linenumber: ")
    _document, segments = corpus(shared, "disfr/Xliff2.xliff")
    remove = by_unit(segments, "2")[0]
    assert remove.structure["alt_target"] == "Supprimer l'entrée"
    assert remove.structure["alt_source"] == "Remove Entry"
    assert remove.structure["alt_quality"] == "99"
    assert remove.structure["alt_origin"] == "v11/messages.xml"
    _document, segments = corpus(shared, "okapi/JMP-11-Test01.xlf")
    german = [s for s in segments if s.unit_id == "S_XStr_Language"]
    assert "alt_target" not in german[0].structure  # its alternatives are German, not French


def test_xliff2_glossary_matches_and_notes(shared: Path) -> None:
    """Glossary entries go to the segment their ref names, as JSON; the best match too."""
    _document, segments = corpus(shared, "oasis_xliff20_testsuite/valid/withGlossary.xlf")
    (entry,) = json.loads(segments[0].structure["glossary"])
    assert entry == {
        "term": "doppelgänger",
        "translations": ["double", "alter-ego"],
        "definition": "A ghostly double or counterpart of a living person.",
    }
    assert "glossary" not in segments[1].structure
    _document, segments = corpus(shared, "oasis_xliff20_testsuite/valid/withMatches.xlf")
    assert segments[0].structure["alt_target"] == "Texte"  # its <ph> is no code of the segment
    assert segments[0].structure["alt_source"] == "Text"
    _document, segments = corpus(shared, "oasis_xliff20_testsuite/valid/allExtensions.xlf")
    assert [s.note for s in segments] == ["note-unit", "note", None]


def test_xliff2_codes_use_original_data(shared: Path) -> None:
    """everything-core: <pc> and <ph> get their labels from <originalData>."""
    _document, segments = corpus(shared, "oasis_xliff20_testsuite/valid/everything-core.xlf")
    codes = segments[-1].codes
    assert [(c.kind, c.element, c.id, c.display) for c in codes] == [
        ("open", "pc", "1", "[b [#$tu3]   ]"),
        ("close", "pc", "1", "[/b [#t3end]   ]"),
        ("standalone", "ph", "2", "[rtl-data   ]"),
    ]
    assert segments[0].structure["substate"] == "my:state"
    assert segments[0].structure["segment_id"] == "1"


def test_unit_ids_are_unique_in_a_document(shared: Path) -> None:
    """Ids that repeat across <file>s get the file's number; units without id have none."""
    for name in CORPUS_COUNTS:
        _document, segments = corpus(shared, name)
        first = {s.structure["unit"]: s.unit_id for s in segments if s.unit_id}
        assert len(set(first.values())) == len(first), name
    _document, segments = corpus(shared, "oasis_xliff20_testsuite/invalid/bad_FileIdNotUnique.xlf")
    assert [s.unit_id for s in segments] == ["1", "1@2"]
    assert [s.structure["file"] for s in segments] == ["0", "1"]
    _document, segments = corpus(shared, "omegat/file-XLIFFFilter.xlf")
    assert [s.unit_id for s in segments].count(None) == 6


# Writing back into the original


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_export_without_change_gives_the_original(shared: Path, tmp_path: Path, name: str) -> None:
    """Nothing changed: the original bytes, also when the segments carry no fingerprint."""
    document, segments = corpus(shared, name)
    out = tmp_path / "out.xlf"
    formats(document).write(document, segments, out)
    assert out.read_bytes() == document.original
    # Without the fingerprints each unit is read again and compared, with the same result.
    bare = [replace(s, structure=_without(s.structure, "fingerprint")) for s in segments]
    formats(document).write(document, bare, out)
    assert out.read_bytes() == document.original


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_one_changed_target_leaves_the_rest_canonically_equal(
    shared: Path, tmp_path: Path, name: str
) -> None:
    """Change one segment: outside its unit, the file is the same canonical XML as before."""
    document, segments = corpus(shared, name)
    if not segments:
        return
    document = with_target_lang(document)
    changed = [replace(segments[0], target="변경된 번역 & <새>", status=TRANSLATED), *segments[1:]]
    out = tmp_path / "out.xlf"
    formats(document).write(document, changed, out)
    unit = int(segments[0].structure["unit"])
    before = canonical_without_unit(document.original, unit, document.format)
    after = canonical_without_unit(out.read_bytes(), unit, document.format)
    assert after == before
    _again, reread = read_file(out, DocumentReadOptions(target_lang=document.target_lang))
    assert reread[0].target == "변경된 번역 & <새>"
    assert [s.target for s in reread[1:]] == [s.target for s in segments[1:]]


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_new_targets_with_reordered_codes_read_back_the_same(
    shared: Path, tmp_path: Path, name: str
) -> None:
    """Set every target (codes reordered) and status, export, import: the same segments."""
    document, segments = corpus(shared, name)
    document = with_target_lang(document)
    written = translated(segments)
    out = tmp_path / "out.xlf"
    formats(document).write(document, written, out)
    _again, reread = read_file(out, DocumentReadOptions(target_lang=document.target_lang))
    assert [essentials(s) for s in reread] == [essentials(s) for s in written]


def test_export_keeps_encoding_bom_and_line_ends(shared: Path, tmp_path: Path) -> None:
    """windows-1252 stays windows-1252 (Hangul as references), a BOM stays, CRLF stays CRLF."""
    document, segments = corpus(shared, "okapi/RB-12-Test02.xlf")
    out = tmp_path / "out.xlf"
    X12.write(document, [replace(segments[0], target="한국어 é"), *segments[1:]], out)
    data = out.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1252"?>\r\n')
    assert b"&#54620;&#44397;&#50612; \xe9" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    document, segments = corpus(shared, "disfr/Language_Support.doc.sdlxliff")
    X12.write(document, translated(segments), out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf<?xml")


def test_export_of_utf16_and_of_a_prolog_with_comments(tmp_path: Path) -> None:
    """A UTF-16 file is written in UTF-16; comments and a DOCTYPE before the root stay."""
    path = write_12(tmp_path, UNIT)
    text = path.read_text("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(text.encode("utf-16"))
    document, segments = read_file(path)
    out = tmp_path / "out.xlf"
    X12.write(document, [replace(segments[0], target="Korea")], out)
    assert out.read_bytes().startswith(b"\xff\xfe")
    assert read_file(out)[1][0].target == "Korea"
    head = "<!-- made by hand -->\n<!DOCTYPE xliff [\n<!ELEMENT note ANY>\n]>\n<?tool x?>\n"
    path = write_12(tmp_path, UNIT, head, "prolog.xlf")
    document, segments = read_file(path)
    X12.write(document, [replace(segments[0], target="Korea")], out)
    original, written = path.read_text("utf-8"), out.read_text("utf-8")
    assert written.startswith(original[: original.index("<xliff")])
    assert written.endswith("</xliff>\n")


def test_segmented_export_keeps_the_whitespace_between_marks(shared: Path, tmp_path: Path) -> None:
    """Crafted04 unit 403: new targets go into the marks; the spaces between them stay."""
    document, segments = corpus(shared, "disfr/Crafted04.xliff")
    changed = [
        replace(s, target=f"<{s.structure['mid']}>") if s.unit_id == "403" else s for s in segments
    ]
    out = tmp_path / "out.xliff"
    X12.write(document, changed, out)
    target = etree.parse(str(out)).find(".//trans-unit[@id='403']/target")
    assert target is not None
    assert etree.tostring(target, encoding="unicode", with_tail=False) == (
        '<target><mrk mtype="seg" mid="403a">&lt;403a&gt;</mrk>  '
        '<mrk mtype="seg" mid="403b">&lt;403b&gt;</mrk>  '
        '<mrk mtype="seg" mid="403c">&lt;403c&gt;</mrk>  </target>'
    )


def test_segmented_export_builds_a_missing_target_from_seg_source(
    shared: Path, tmp_path: Path
) -> None:
    """RB-12-Test02 unit 11 has no target: it is built from <seg-source>, one mark each."""
    document, segments = corpus(shared, "okapi/RB-12-Test02.xlf")
    changed = [
        replace(s, target=f"Phrase {s.structure['mid']}.", status=REVIEWED)
        if s.unit_id == "11"
        else s
        for s in segments
    ]
    out = tmp_path / "out.xlf"
    X12.write(document, changed, out)
    _again, reread = read_file(out)
    assert [(s.target, s.status) for s in by_unit(reread, "11")] == [
        ("Phrase 0.", REVIEWED),
        ("Phrase 1.", REVIEWED),
    ]
    unit = etree.parse(str(out)).getroot().find(f".//{{{NS12}}}trans-unit[@id='11']")
    assert unit is not None
    names = [etree.QName(child).localname for child in unit if isinstance(child.tag, str)]
    assert names == ["source", "seg-source", "target"]


def test_trados_confirmation_levels_follow_the_status(shared: Path, tmp_path: Path) -> None:
    """sdlxliff: each segment's sdl:seg conf is rewritten with the status; read back the same."""
    document, segments = corpus(shared, "disfr/Language_Support.doc.sdlxliff")
    assert [s.status for s in segments if s.target] == [TRANSLATED] * 3
    changed = [replace(s, status=APPROVED) if s.target else s for s in segments]
    out = tmp_path / "out.sdlxliff"
    X12.write(document, changed, out)
    assert out.read_bytes().count(b'conf="ApprovedSignOff"') == 3
    _again, reread = read_file(out)
    assert [s.status for s in reread if s.target] == [APPROVED] * 3


def test_xliff2_export_adds_targets_and_trglang(shared: Path, tmp_path: Path) -> None:
    """sourceOnly.xlf has no trgLang: the export names the document's target language."""
    options = DocumentReadOptions(target_lang="ko")
    document, segments = read_file(CORPUS / "oasis_xliff20_testsuite/valid/sourceOnly.xlf", options)
    out = tmp_path / "out.xlf"
    X2.write(document, [replace(segments[0], target="번역", status=TRANSLATED)], out)
    root = etree.parse(str(out)).getroot()
    assert root.get("trgLang") == "ko"
    _again, (segment,) = read_file(out)
    assert (segment.target, segment.status) == ("번역", TRANSLATED)


def test_rejected_status_survives_xliff2(shared: Path, tmp_path: Path) -> None:
    """XLIFF 2 has no rejected state: it travels as initial + subState workbench:rejected."""
    document, segments = corpus(shared, "oasis_xliff20_testsuite/valid/everything-core.xlf")
    out = tmp_path / "out.xlf"
    X2.write(document, [replace(segments[0], status=REJECTED), *segments[1:]], out)
    segment = etree.parse(str(out)).getroot().find(f".//{{{NS2}}}segment")
    assert segment is not None
    assert (segment.get("state"), segment.get("subState")) == ("initial", "workbench:rejected")
    assert read_file(out)[1][0].status == REJECTED
    X2.write(document, [replace(segments[0], status=REVIEWED), *segments[1:]], out)
    segment = etree.parse(str(out)).getroot().find(f".//{{{NS2}}}segment")
    assert segment is not None
    assert (segment.get("state"), segment.get("subState")) == ("reviewed", None)


def test_codes_that_no_longer_nest_become_isolated_forms(shared: Path, tmp_path: Path) -> None:
    """An end tag moved before its start: <g> becomes <bx/>/<ex/>, <pc> becomes <sc/>/<ec/>."""
    document, segments = corpus(shared, "disfr/Crafted02.xliff")
    g = next(s for s in segments if s.unit_id == "204")
    swapped = replace(g, target=f"{code_char(1)}X{code_char(0)}")
    out = tmp_path / "out.xliff"
    X12.write(document, [swapped if s is g else s for s in segments], out)
    target = etree.parse(str(out)).find(".//trans-unit[@id='204']/target")
    assert etree.tostring(target, encoding="unicode", with_tail=False) == (
        '<target xml:lang="x-xyz"><ex id="204.1"/>X<bx id="204.1"/></target>'
    )
    document, segments = corpus(shared, "oasis_xliff20_testsuite/valid/toSegment.xlf")
    pc = segments[3]
    out = tmp_path / "out2.xlf"
    X2.write(document, [*segments[:3], replace(pc, target=f"{code_char(1)}X{code_char(0)}")], out)
    target = etree.parse(str(out)).getroot().findall(f".//{{{NS2}}}target")[-1]
    assert etree.tostring(target, encoding="unicode", with_tail=False) == (
        f'<target xmlns="{NS2}"><ec id="1" isolated="yes"/>X<sc id="1" isolated="yes"/></target>'
    )


def test_segments_from_another_document_are_refused(shared: Path, tmp_path: Path) -> None:
    """Export finds units by position; segments without one cannot be put back."""
    document, segments = corpus(shared, "okapi/sample12.xlf")
    stranger = Segment("x", "y", unit_id="1")
    with pytest.raises(FormatError, match="no place in the original"):
        X12.write(document, [*segments, stranger], tmp_path / "out.xlf")
    far = replace(segments[0], structure=segments[0].structure | {"unit": "99", "fingerprint": ""})
    with pytest.raises(FormatError, match="no place in the original"):
        X12.write(document, [far], tmp_path / "out.xlf")
    _other, foreign = corpus(shared, "disfr/Crafted02.xliff")
    with pytest.raises(FormatError, match="is not where the original has it"):
        X12.write(document, [replace(foreign[0], target="x")], tmp_path / "out.xlf")


def test_a_changed_target_loses_its_state_qualifier(tmp_path: Path) -> None:
    """state-qualifier said how the old target was made (here: machine translation)."""
    unit = (
        '<trans-unit id="1"><source>원거테크놀러지</source>'
        '<target state="needs-review-translation" state-qualifier="mt-suggestion">Wenge</target>'
        "</trans-unit>"
    )
    document, segments = read_file(write_12(tmp_path, unit))
    out = tmp_path / "out.xlf"
    X12.write(document, [replace(segments[0], target="Beijing Wenge Technology")], out)
    target = etree.parse(str(out)).getroot().find(f".//{{{NS12}}}target")
    assert target is not None
    assert dict(target.attrib) == {"state": "needs-review-translation"}
    assert target.text == "Beijing Wenge Technology"


# A new file from segments of another format


def scratch_document(format_name: str = "md") -> tuple[Document, list[Segment]]:
    """The running example as a Markdown document: emphasis and a code span are codes."""
    strong = [
        InlineCode("open", "md-strong", "1", "**", "**"),
        InlineCode("close", "md-strong", "1", "**", "**"),
        InlineCode("standalone", "md-code", "2", "`x < y`", "x < y"),
    ]
    c = code_char
    segments = [
        Segment(
            f"{c(0)}원거테크놀러지{c(1)}(Beijing Wenge Technology, 中科聞歌) & {c(2)}",
            f"{c(0)}Beijing Wenge Technology{c(1)} (中科聞歌) & {c(2)}",
            strong,
            TRANSLATED,
            unit_id="p1",
            note="organisation\nChinese name in traditional script",
        ),
        Segment("스쥔(史軍)", "Shi Jun", [], APPROVED, unit_id="p2"),
        Segment("센스타임(SenseTime)", "", [], NEW, unit_id="p3"),
        Segment("  8월 15일  ", "  August 15  ", [], REVIEWED, unit_id="p4"),
        Segment(
            f"{c(0)}세계인공지능대회{c(1)}",
            f"WAIC {c(0)}!{c(1)}",
            strong[:2],
            REJECTED,
            unit_id="p5",
        ),
        Segment("code()", "code()", [], DRAFT, unit_id="p 6", structure={"translate": "no"}),
        Segment("20만", "200,000", [], TRANSLATED, unit_id="p1"),
    ]
    document = Document("waic.md", format_name, "ko", "en", segments)
    return document, segments


@pytest.mark.parametrize("writer", [X12, X2], ids=["xliff12", "xliff21"])
def test_scratch_export_reads_back(tmp_path: Path, writer: Xliff12Format | Xliff2Format) -> None:
    """Segments of a Markdown document become XLIFF; reading it gives them back."""
    document, segments = scratch_document()
    out = tmp_path / "out.xlf"
    writer.write(document, segments, out)
    again, reread = read_file(out)
    assert again.format == writer.name
    assert (again.source_lang, again.target_lang) == ("ko", "en")
    assert [(s.source, s.target, s.status, s.note) for s in reread] == [
        (s.source, s.target, s.status, s.note) for s in segments
    ]
    assert [c.display for c in reread[0].codes] == ["**", "**", "x < y"]
    assert [c.kind for c in reread[0].codes] == ["open", "close", "standalone"]
    assert [s.unit_id for s in reread] == ["p1", "p2", "p3", "p4", "p5", "u6", "p1-2"]
    assert [s.structure.get("translate") for s in reread] == [None] * 5 + ["no", None]


def test_scratch_export_writes_markup_as_native_code(tmp_path: Path) -> None:
    """1.2: bpt/ept/ph hold the Markdown, equiv-text its label; 2.x: <data> and disp."""
    document, segments = scratch_document()
    out = tmp_path / "out.xlf"
    X12.write(document, segments[:1], out)
    source = etree.parse(str(out)).getroot().find(f".//{{{NS12}}}source")
    assert etree.tostring(source, encoding="unicode", with_tail=False).endswith(
        '<bpt id="1" rid="1" equiv-text="**">**</bpt>원거테크놀러지'
        '<ept id="2" rid="1" equiv-text="**">**</ept>(Beijing Wenge Technology, 中科聞歌) &amp; '
        '<ph id="3" equiv-text="x &lt; y">`x &lt; y`</ph></source>'
    )
    X2.write(document, segments[:1], out)
    unit = etree.parse(str(out)).getroot().find(f".//{{{NS2}}}unit")
    assert unit is not None
    data = unit.findall(f"{{{NS2}}}originalData/{{{NS2}}}data")
    assert [(d.get("id"), d.text) for d in data] == [("d1", "**"), ("d2", "**"), ("d3", "`x < y`")]


def test_scratch_xliff_document_keeps_its_xliff_markup(tmp_path: Path) -> None:
    """A document made as XLIFF 1.2 (no original) writes its own codes as they are."""
    codes = [
        InlineCode("open", "g", "1", '<g id="1">'),
        InlineCode("close", "g", "1", "</g>"),
        InlineCode("standalone", "x", "2", '<x id="2"/>'),
    ]
    c = code_char
    segment = Segment(f"a {c(0)}b{c(1)} {c(2)}", f"{c(2)} A {c(0)}B{c(1)}", codes, TRANSLATED)
    document = Document("x.xlf", "xliff", "en", "ko", [segment])
    out = tmp_path / "out.xlf"
    X12.write(document, [segment], out)
    assert '<target xml:lang="ko" state="translated"><x id="2"/> A <g id="1">B</g></target>' in (
        out.read_text("utf-8")
    )


def test_xliff2_scratch_export_needs_a_target_language(tmp_path: Path) -> None:
    """Targets without a language cannot be written as XLIFF 2."""
    document, segments = scratch_document()
    document.target_lang = None
    with pytest.raises(FormatError, match="target language"):
        X2.write(document, segments, tmp_path / "out.xlf")


def test_12_document_exported_as_xliff2(shared: Path, tmp_path: Path) -> None:
    """Another XLIFF version is another format: a new file, codes kept as native data."""
    document, segments = corpus(shared, "disfr/Crafted02.xliff")
    out = tmp_path / "out.xlf"
    X2.write(document, segments, out)
    again, reread = read_file(out)
    assert again.format == "xliff2"
    assert [(s.source, s.target) for s in reread] == [(s.source, s.target) for s in segments]
    assert reread[1].codes[0].display == "[CODE]"


# Schemas, translate-toolkit


class _LocalSchemas(etree.Resolver):
    """Serves xml.xsd from the local copy: schema loading never touches the network."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        if system_url.endswith("/xml.xsd"):
            copy = SCHEMAS / "xliff20/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"
            return self.resolve_filename(str(copy), context)
        return None


@dataclass(frozen=True)
class Schemas:
    transitional: etree.XMLSchema
    strict: etree.XMLSchema
    xliff2: etree.XMLSchema
    """The 2.0 core with every module (glossary, matches, metadata ...)."""


@pytest.fixture(scope="module")
def schemas() -> Schemas:
    """The official XSDs, loaded offline."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"{SHARED} is absent (it is there in CI and beside a full checkout)")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())

    def load(path: Path) -> etree.XMLSchema:
        return etree.XMLSchema(etree.parse(str(path), parser))

    modules = sorted((SCHEMAS / "xliff20" / "modules").glob("*.xsd"))
    imports = "".join(
        f'<xs:import namespace="{namespace_of(m)}" schemaLocation="{m.as_uri()}"/>' for m in modules
    )
    core = (SCHEMAS / "xliff20" / "xliff_core_2.0.xsd").as_uri()
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{NS2}" schemaLocation="{core}"/>{imports}</xs:schema>'
    )
    return Schemas(
        load(SCHEMAS / "xliff12" / "xliff-core-1.2-transitional.xsd"),
        load(SCHEMAS / "xliff12" / "xliff-core-1.2-strict.xsd"),
        etree.XMLSchema(etree.fromstring(driver.encode(), parser)),
    )


def namespace_of(schema: Path) -> str:
    """A schema's target namespace."""
    found = re.search(rb'targetNamespace="([^"]+)"', schema.read_bytes())
    assert found is not None
    return found.group(1).decode()


def assert_valid(schema: etree.XMLSchema, path: Path) -> None:
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("name", ["md", "xliff"])
def test_scratch_exports_are_schema_valid(schemas: Schemas, tmp_path: Path, name: str) -> None:
    """What we build validates: 1.2 transitional and strict, 2.0 core with modules."""
    document, segments = scratch_document(name)
    if name == "xliff":  # no XLIFF markup to keep: every code is Markdown
        document.format = "xliff"
    out = tmp_path / "out.xlf"
    X12.write(document, segments, out)
    assert_valid(schemas.transitional, out)
    assert_valid(schemas.strict, out)
    X2.write(replace(document, format="md"), segments, out)
    assert_valid(schemas.xliff2, out)


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_reexported_corpus_files_stay_valid(
    shared: Path, schemas: Schemas, tmp_path: Path, name: str
) -> None:
    """A file valid before (transitional 1.2, strict where it was, 2.0) is valid after."""
    path = CORPUS / name
    document, segments = corpus(shared, name)
    document = with_target_lang(document)
    out = tmp_path / "out.xlf"
    formats(document).write(document, translated(segments), out)
    checks = (
        [schemas.xliff2] if document.format == "xliff2" else [schemas.transitional, schemas.strict]
    )
    checked = 0
    for schema in checks:
        if schema.validate(etree.parse(str(path))):
            assert_valid(schema, out)
            checked += 1
    if name.startswith("oasis_xliff20_testsuite/valid/"):
        assert checked == 1


def test_translate_toolkit_reads_our_12_export(shared: Path, tmp_path: Path) -> None:
    """translate-toolkit finds the same sources and targets in what we write."""
    document, segments = scratch_document()
    out = tmp_path / "out.xlf"
    X12.write(document, segments, out)
    store = toolkit_xliff.xlifffile.parsestring(out.read_bytes())
    expected = [(markdown(s.source, s), markdown(s.target, s) or None) for s in segments]
    assert [(u.source, u.target or None) for u in store.units] == expected
    document, segments = corpus(shared, "navcog_xcode_export/zh-Hans.xliff")
    changed = [replace(s, target=f"{s.source} 번역", status=TRANSLATED) for s in segments]
    X12.write(document, changed, out)
    store = toolkit_xliff.xlifffile.parsestring(out.read_bytes())
    # translate-toolkit folds line breaks where xml:space is not "preserve"
    found = [(" ".join(u.source.split()), " ".join(u.target.split())) for u in store.units]
    assert found == [(" ".join(s.source.split()), " ".join(s.target.split())) for s in changed]


def markdown(text: str, segment: Segment) -> str:
    """Text with each code as its markup (what bpt/ept/ph hold as native code)."""
    return "".join(segment.codes[i].markup if (i := code_index(c)) is not None else c for c in text)


# Bad and hostile input


def write_12(tmp_path: Path, units: str, head: str = "", name: str = "t.xlf") -> Path:
    """An XLIFF 1.2 file holding these units."""
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<xliff version="1.2" xmlns="{NS12}">\n'
        '<file original="t" source-language="ko" target-language="en" datatype="plaintext">\n'
        f"<body>\n{units}\n</body>\n</file>\n</xliff>\n",
        "utf-8",
    )
    return path


def write_2(tmp_path: Path, units: str, name: str = "t.xlf") -> Path:
    """An XLIFF 2.0 file holding these units."""
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="{NS2}" '
        f'srcLang="ko" trgLang="en">\n<file id="f1">\n{units}\n</file>\n</xliff>\n',
        "utf-8",
    )
    return path


UNIT = '<trans-unit id="1"><source>한국</source></trans-unit>'


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", None, ""),
        (b"   \n", None, ""),
        (b"not xml at all", 1, ""),
        (b'<?xml version="1.0"?>\n<html><body/></html>', 2, "root element <html> is not <xliff>"),
        (b'<?xml version="1.0"?>\n<xliff xmlns="urn:x"/>', 2, "not XLIFF's"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file '
            b'source-language="ko"><body><trans-unit id="1"><source>caf\xe9</source>'
            b"</trans-unit></body></file></xliff>",
            2,
            "",
        ),
        (b'<?xml version="1.0" encoding="no-such-codec"?>\n<xliff/>', 1, ""),
        (
            b'<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="ko"><body>\n'
            b'<trans-unit id="1"><source>a<g id="1">b</source></trans-unit></body></file></xliff>',
            3,
            "mismatch",
        ),
        (
            b'<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="ko"><body>\n'
            b'<trans-unit id="1"><source>a &nope; b</source></trans-unit></body></file></xliff>',
            3,
            "nope",
        ),
        (
            b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="zz-top">'
            b"<body/></file></xliff>",
            3,
            "unknown language",
        ),
        (b"\xff\xfe\x00\x00garbage", 1, ""),
    ],
    ids=[
        "empty",
        "blank",
        "text",
        "not-xliff",
        "foreign-namespace",
        "latin1-as-utf8",
        "bad-codec",
        "broken-tag-in-segment",
        "undeclared-entity",
        "unknown-language",
        "garbage",
    ],
)
def test_bad_input_is_a_format_error(
    tmp_path: Path, content: bytes, line: int | None, message: str
) -> None:
    """Broken files give FormatError with the line of the problem, never another exception."""
    path = tmp_path / "bad.xlf"
    path.write_bytes(content)
    with pytest.raises(FormatError) as caught:
        read_file(path)
    if line is not None:
        assert caught.value.line == line
    assert message in caught.value.message


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        read_file(tmp_path / "absent.xlf")


def test_cut_anywhere_only_raises_format_error(shared: Path, tmp_path: Path) -> None:
    """A real file cut at any point either reads or raises FormatError."""
    data = (CORPUS / "disfr" / "Language_Support.doc.sdlxliff").read_bytes()
    path = tmp_path / "cut.sdlxliff"
    for cut in range(0, len(data), 331):
        path.write_bytes(data[:cut])
        with pytest.raises(FormatError):
            read_file(path)


def test_too_many_codes_in_a_segment(tmp_path: Path) -> None:
    """More codes than private-use characters: refused, with the line."""
    codes = "".join(f'<x id="{i}"/>' for i in range(0x1901))
    path = write_12(tmp_path, f'<trans-unit id="1">\n<source>{codes}</source></trans-unit>')
    with pytest.raises(FormatError, match="inline codes") as caught:
        read_file(path)
    assert caught.value.line == 6


def test_line_numbers_beyond_65535(tmp_path: Path) -> None:
    """Errors deep in a big file still name the right line."""
    units = "\n".join(UNIT for _ in range(70_000))
    path = write_12(tmp_path, units + "\n<trans-unit></oops>")
    with pytest.raises(FormatError) as caught:
        read_file(path)
    assert caught.value.line == 5 + 70_000


def test_progress_reaches_the_file_size(tmp_path: Path) -> None:
    path = write_12(tmp_path, "\n".join(UNIT for _ in range(5000)))
    seen: list[tuple[int, int]] = []
    _document, segments = X12.read(
        path, DocumentReadOptions(on_progress=lambda d, t: seen.append((d, t)))
    )
    assert sum(1 for _ in segments) == 5000
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def hostile_files(shared: Path) -> list[Path]:
    """The defusedxml test files: entity bombs, external entities, an external DTD."""
    files = sorted((shared / "corpus" / "hostile" / "defusedxml").glob("*.xml"))
    assert len(files) == 7
    return files


def wrapped(data: bytes, tmp_path: Path, name: str) -> Path:
    """A hostile file's DOCTYPE in front of an XLIFF document that uses its entities."""
    doctype = re.search(rb"<!DOCTYPE\s+\S+\s*(.*?\]|[^\[>]*)\s*>", data, re.S)
    assert doctype is not None
    references = b"".join(re.findall(rb"&\w+;", data[doctype.end() :])).decode() or "x"
    head = f"<!DOCTYPE xliff {doctype.group(1).decode()}>\n"
    return write_12(
        tmp_path, f'<trans-unit id="1"><source>{references}</source></trans-unit>', head, name
    )


def test_hostile_files_are_refused(shared: Path, tmp_path: Path) -> None:
    """Each defusedxml file is refused at once: as it is, and its DOCTYPE around XLIFF."""
    for source in hostile_files(shared):
        data = source.read_bytes()
        paths = [tmp_path / source.name]
        paths[0].write_bytes(data)
        if b"<!ENTITY" in data:  # dtd.xml: see test_external_dtd_is_never_loaded
            paths.append(wrapped(data, tmp_path, f"{source.stem}.xlf"))
        for path in paths:
            started = time.perf_counter()
            with pytest.raises(FormatError) as caught:
                read_file(path)
            assert time.perf_counter() - started < 1, path.name
            if b"<!ENTITY" in data:
                assert caught.value.message == "the DTD declares entities; refused for safety"
            else:
                assert caught.value.message == "root element <html> is not <xliff>"


def test_external_dtd_is_never_loaded(shared: Path, tmp_path: Path) -> None:
    """XLIFF 1.0 files name a DTD: read without fetching it; its entities stay unknown."""
    (source,) = [p for p in hostile_files(shared) if p.name == "dtd.xml"]
    path = wrapped(source.read_bytes(), tmp_path, "dtd.xlf")
    started = time.perf_counter()
    assert [s.source for s in read_file(path)[1]] == ["x"]
    assert time.perf_counter() - started < 1
    dtd = tmp_path / "xliff.dtd"
    dtd.write_text('<!ENTITY secret "LEAKED">', "utf-8")
    head = f'<!DOCTYPE xliff SYSTEM "{dtd.as_uri()}">\n'
    leaky = write_12(tmp_path, '<trans-unit id="1"><source>a&secret;b</source></trans-unit>', head)
    with pytest.raises(FormatError, match="not declared; refused for safety"):
        read_file(leaky)
    note = '<trans-unit id="1"><source>a</source><note>&secret;</note></trans-unit>'
    with pytest.raises(FormatError, match="not declared; refused for safety"):
        read_file(write_12(tmp_path, note, head, "note.xlf"))


def test_parameter_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("LEAKED", "utf-8")
    head = f'<!DOCTYPE xliff [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>\n'
    with pytest.raises(FormatError, match="declares entities"):
        read_file(write_12(tmp_path, UNIT, head))


# Helpers for the round trips


def _without(mapping: dict[str, str], key: str) -> dict[str, str]:
    return {k: v for k, v in mapping.items() if k != key}


STATUS_CYCLE = [TRANSLATED, REVIEWED, APPROVED, DRAFT, REJECTED]


def translated(segments: list[Segment]) -> list[Segment]:
    """Every segment with a new target: its source's codes reordered, and a status per unit.

    The segments of a unit share a status, as a 1.2 <target> holds one state for them all.
    """
    result = []
    for segment in segments:
        unit = int(segment.structure["unit"])
        status = STATUS_CYCLE[unit % len(STATUS_CYCLE)]
        result.append(replace(segment, target=f"{reordered(segment)}·번역", status=status))
    return result


def reordered(segment: Segment) -> str:
    """The source with its top-level pieces in reverse order, codes that only the target had
    appended: start and end tags stay nested, so nothing has to become an isolated code."""
    pieces: list[str] = []
    depth = 0
    for char in segment.source:
        index = code_index(char)
        code = segment.codes[index] if index is not None and index < len(segment.codes) else None
        if depth == 0:
            pieces.append(char)
        else:
            pieces[-1] += char
        if code is not None and code.element in PAIRED:
            depth += 1 if code.kind == "open" else -1 if code.kind == "close" else 0
            depth = max(depth, 0)
    used = set(code_indexes(segment.source))
    extra = [code_char(i) for i in range(len(segment.codes)) if i not in used]
    return "".join(reversed(pieces)) + "".join(extra)


def essentials(segment: Segment) -> tuple[object, ...]:
    """What a round trip must keep."""
    return (
        segment.unit_id,
        segment.source,
        segment.target,
        [(c.kind, c.element, c.id, c.markup, c.display) for c in segment.codes],
        segment.status,
        segment.note,
        segment.context,
        # A changed status drops the subState that qualified the old one; a changed Trados
        # target is the translator's own, so the match facts of the replaced one go.
        {
            key: value
            for key, value in segment.structure.items()
            if key not in ("fingerprint", "substate") and not key.startswith("match_")
        },
    )


def canonical_without_unit(data: bytes, unit: int, format_name: str) -> bytes:
    """The document's canonical XML with one unit (and the languages a target adds) left out."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    name = "unit" if format_name == "xliff2" else "trans-unit"
    units = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name]
    removed = units[unit]
    parent = removed.getparent()
    assert parent is not None
    parent.remove(removed)
    for element in root.iter():
        for attribute in ("trgLang", "target-language"):
            element.attrib.pop(attribute, None)
    # C14N 2.0: version 1.0 refuses the relative namespace URIs of the OASIS test files.
    return etree.tostring(root, method="c14n2")
