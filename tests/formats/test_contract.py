"""The round-trip contract every glossary format keeps: export, import, same term base."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.formats.base import ReadOptions, WriteOptions
from workbench.formats.registry import glossary_extensions, glossary_format, glossary_format_names

P, A, D = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED

CONCEPTS = [
    Concept(
        uid="org-wenge",
        subject_field="organisation",
        note="Beijing AI company",
        definitions={"en": "A company in Beijing that builds language models."},
        terms=[
            Term("ko", "원거테크놀러지"),
            Term("zh-Hant", "中科聞歌"),
            Term("zh-Hans", "中科闻歌"),
            Term("en", "Beijing Wenge Technology", term_type=TermType.FULL_FORM),
            Term("en", "Wenge Tech", status=D, note="common but wrong"),
        ],
    ),
    Concept(
        uid="person-shi-jun",
        subject_field="person",
        terms=[
            Term("ko", "스쥔"),
            Term("ko", "사군", status=D),
            Term("zh-Hant", "史軍"),
            Term("en", "Shi Jun", part_of_speech="noun"),
        ],
    ),
    Concept(
        uid="event-waic",
        terms=[
            Term("ko", "세계인공지능대회"),
            Term("ko", "세계 인공지능 대회", status=A),
            Term("en", "World Artificial Intelligence Conference"),
            Term("en", "WAIC", status=A, term_type=TermType.ACRONYM, case_sensitive=True),
        ],
    ),
]
LANGS = ["ko", "zh-Hant", "zh-Hans", "en"]


def summary(concepts: list[Concept], langs: list[str]) -> list[set[tuple[str, str, str]]]:
    """What must survive a round trip: each concept's (language, text, status) triples."""
    return [
        {(t.lang, t.text, t.status.value) for t in c.terms if t.lang in langs}
        for c in concepts
        if any(t.lang in langs for t in c.terms)
    ]


@pytest.mark.parametrize("name", glossary_format_names())
def test_export_then_import_gives_the_same_concepts_terms_and_statuses(
    name: str, tmp_path: Path
) -> None:
    glossary = glossary_format(Path("x"), name)
    langs = ["ko", "en"] if name == "omegat" else LANGS  # OmegaT glossaries are bilingual
    path = tmp_path / f"glossary{glossary_extensions(name)[0]}"
    per_lang = {lang: max(len(c.terms_in(lang)) for c in CONCEPTS) for lang in LANGS}
    written = glossary.write(CONCEPTS, path, WriteOptions(langs=langs, terms_per_lang=per_lang))
    read = list(glossary.read(path, ReadOptions(source_lang="ko", target_lang="en")))
    assert written == len(read) == 3
    if name == "omegat":
        # every source synonym comes back (each had lines of its own), but the format has no
        # status for a source term: each reads as preferred
        expected = [
            {(lang, text, status if lang == "en" else "preferred") for (lang, text, status) in c}
            for c in summary(CONCEPTS, langs)
        ]
        assert summary(read, langs) == expected
        return
    assert summary(read, langs) == summary(CONCEPTS, langs)
    assert [c.uid for c in read] == [c.uid for c in CONCEPTS]
    assert read[0].subject_field == "organisation"
    assert read[0].definitions.get("en") == CONCEPTS[0].definitions["en"]
    waic = {t.text: t for t in read[2].terms}
    assert waic["WAIC"].term_type is TermType.ACRONYM and waic["WAIC"].case_sensitive


def test_every_registered_extension_resolves_to_a_format() -> None:
    for suffix, name in (
        (".tbx", "tbx"),
        (".csv", "csv"),
        (".tsv", "tsv"),
        (".xlsx", "xlsx"),
        (".tab", "omegat"),
        (".utf8", "omegat"),
    ):
        assert glossary_format(Path(f"file{suffix}")).name == name


def test_the_shipped_tbx_and_csv_glossaries_say_the_same() -> None:
    from workbench.services import SHIPPED_GLOSSARY

    users_copy = Path(__file__).resolve().parents[2] / "glossaries" / "waic-2025.csv"

    def by_uid(path: Path) -> dict[str | None, set[tuple[str, str, str]]]:
        concepts = glossary_format(path).read(path, ReadOptions())
        return {c.uid: {(t.lang, t.text, t.status.value) for t in c.terms} for c in concepts}

    from_csv = by_uid(SHIPPED_GLOSSARY)
    assert len(from_csv) >= 40
    assert by_uid(users_copy) == from_csv
    assert by_uid(users_copy.with_suffix(".tbx")) == from_csv


def test_every_document_extension_the_pickers_offer_has_a_reader() -> None:
    from workbench.formats.registry import document_extensions, document_format

    extensions = document_extensions()
    assert {".xlf", ".xliff", ".po", ".txt", ".md", ".csv", ".tsv"} <= set(extensions)
    for extension in extensions:
        assert document_format(Path(f"file{extension}")) is not None
