"""Use cases of the term base: import, export, search, add, recognise."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from workbench.domain.chinese import ScriptedTerm, targets_for_script
from workbench.domain.langtags import normalize_lang
from workbench.domain.matching import TermIndex, primary_language
from workbench.domain.model import Concept, Term, TermStatus
from workbench.domain.normalize import clean_term, fold_key, lookup_key
from workbench.domain.records import ImportResult, TermbaseStats
from workbench.formats.base import (
    FormatError,
    ProgressCallback,
    ReadOptions,
    WriteOptions,
    write_atomically,
)
from workbench.formats.glossary.columns import COLUMN_KINDS
from workbench.formats.registry import (
    glossary_format,
)
from workbench.services.common import (
    ConceptConflictError,
    NoticeCallback,
    UsageError,
    _lang_or_none,
    _list,
    _reporting,
    check_typed_text,
    configured_controls,
    configured_limits,
    refuse_controls,
)
from workbench.storage import termbase
from workbench.storage.engine import Database
from workbench.storage.termbase import MergeBy


def import_glossary(
    db: Database,
    path: Path,
    format_name: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    author: str | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    encoding: str | None = None,
    controls: str | None = None,
    on_notice: NoticeCallback | None = None,
    origin: str | None = None,
    merge_by: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import a glossary file in one transaction: a bad file changes nothing.

    encoding overrides what the file's bytes say (formats.encoding); controls is strip or
    refuse (domain.controls; default: the WORKBENCH_CONTROLS setting, else strip), and what
    was stripped is told to on_notice. Ids in the file mean something only within its origin:
    origin names it, else the file says (a TBX title; each entry of a workbench export), else
    it is the file's name. merge_by is auto, id, terms or none (storage.termbase.MergeBy).
    dry_run does all the work and counts, then rolls it back.
    """
    if not path.is_file():
        raise FormatError(path, "no such file")
    if path.stat().st_size == 0:
        raise FormatError(path, "file is empty")
    glossary = glossary_format(path, format_name)
    options = ReadOptions(
        source_lang=_lang_or_none(source_lang),
        target_lang=_lang_or_none(target_lang),
        on_progress=on_progress,
        encoding=encoding,
        limits=configured_limits(),
        controls=configured_controls(controls),
    )
    how = _merge_by(merge_by)
    # a file name that is not UTF-8 (surrogate escapes) is stored as its escaped text
    name = path.name.encode("utf-8", "backslashreplace").decode("utf-8")
    fallback = _origin_name(origin) if origin is not None else name
    concepts = _with_origin(glossary.read(path, options), fallback, origin is not None)
    # an OmegaT line has a status marker for its target term only
    source = options.source_lang
    unrated = frozenset({source}) if glossary.name == "omegat" and source else frozenset()
    if dry_run:
        with db.sessions() as session:
            result = termbase.import_concepts(session, concepts, author, how, unrated)
            session.rollback()
    else:
        with db.sessions.begin() as session:
            result = termbase.import_concepts(session, concepts, author, how, unrated)
    for notice in options.report.notices():
        if on_notice is not None:
            on_notice(f"{path}: {notice}")
    return result


def _merge_by(value: str | None) -> MergeBy:
    """The merge rule named by --merge-by; UsageError for another word."""
    if value is None:
        return MergeBy.AUTO
    try:
        return MergeBy(value.strip().lower())
    except ValueError:
        names = ", ".join(m.value for m in MergeBy)
        raise UsageError(f"--merge-by {value!r}: use one of {names}") from None


def _origin_name(value: str) -> str:
    """An origin named by the user: trimmed, not empty, as long as the column holds."""
    name = " ".join(value.split())
    if not name or len(name) > ORIGIN_CHARS:
        raise UsageError(f"--origin needs a name of 1 to {ORIGIN_CHARS} characters")
    refuse_controls(name, "--origin")
    return name


ORIGIN_CHARS = 255
"""The longest origin name (the concept.origin column); longer TBX titles are cut."""


def _with_origin(concepts: Iterable[Concept], fallback: str, override: bool) -> Iterator[Concept]:
    """The concepts with their origin: the one given (override), else what the file says
    about each, else fallback (the file's name)."""
    for concept in concepts:
        if override or not concept.origin:
            concept.origin = fallback
        concept.origin = concept.origin[:ORIGIN_CHARS]
        yield concept


def export_glossary(
    db: Database,
    path: Path,
    format_name: str | None = None,
    langs: Sequence[str] | None = None,
    bom: bool = False,
    on_progress: ProgressCallback | None = None,
    *,
    formula_guard: bool = True,
    columns: Sequence[str] | None = None,
) -> int:
    """Write the term base (or its langs) to path; the file appears only when complete.

    formula_guard: CSV/TSV cells a spreadsheet would run as formulas get a leading apostrophe.
    columns: CSV/TSV/XLSX, the kinds of column to write (see COLUMN_KINDS), empty or not;
    None writes every column that carries data.
    """
    glossary = glossary_format(path, format_name)
    if columns is not None:
        unknown = [c for c in columns if c.lower() not in COLUMN_KINDS]
        if unknown:
            raise UsageError(
                f"unknown column {unknown[0]!r} (choose from {', '.join(COLUMN_KINDS)})"
            )
        if glossary.name not in ("csv", "tsv", "xlsx"):
            raise UsageError("--columns applies to CSV, TSV and XLSX glossaries")
    with db.sessions() as session:
        present = termbase.languages(session)
        chosen = [normalize_lang(lang) for lang in langs] if langs else present
        missing = [lang for lang in chosen if lang not in present]
        if missing:
            raise UsageError(
                f"no terms in {', '.join(missing)} (the term base has {_list(present)})"
            )
        if glossary.name == "omegat" and len(chosen) != 2:
            raise UsageError("an OmegaT glossary holds two languages: give --langs SOURCE,TARGET")
        options = WriteOptions(
            langs=chosen,
            terms_per_lang=termbase.terms_per_lang(session),
            bom=bom,
            formula_guard=formula_guard,
            columns=None if columns is None else [c.lower() for c in columns],
        )
        total = termbase.stats(session).concepts
        concepts = _reporting(termbase.iter_concepts(session, langs=chosen), total, on_progress)
        return write_atomically(path, lambda tmp: glossary.write(concepts, tmp, options))


class SameTermError(UsageError):
    """A term to add is already a term of stored concepts: add to one of them, or insist."""

    def __init__(self, term: Term, concepts: list[Concept]) -> None:
        first = concepts[0]
        others = f" (and {len(concepts) - 1} more)" if len(concepts) > 1 else ""
        super().__init__(
            f"{term.lang} {term.text!r} is already a term of concept {first.id} "
            f"({concept_summary(first)}){others}"
        )
        self.term = term
        self.concepts = concepts


def concept_summary(concept: Concept, most: int = 3) -> str:
    """A concept in a few words: its first terms in each language."""
    shown = [f"{lang}: {concept.terms_in(lang)[0].text}" for lang in concept.languages()]
    return " · ".join(shown[:most]) + (" …" if len(shown) > most else "")


def _is_han(char: str) -> bool:
    """A Chinese character, which folding may change to its simplified form."""
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def concepts_with_terms(
    db: Database, terms: Sequence[Term], index: TermIndex | None = None
) -> list[tuple[Term, list[Concept]]]:
    """For each term that is already a term of stored concepts, those concepts.

    The same term is the same language (zh-Hans and zh-Hant are one, en-GB is en) and the
    same text as term recognition folds it (domain.normalize.fold_key: case, width, spacing,
    quotes, Chinese script): what would show as one hit in the editor. index is the editor's
    recognition index, asked too when given (it knows terms added since it was read).
    """
    found: list[tuple[Term, list[Concept]]] = []
    with db.sessions() as session:
        for term in terms:
            key, lang = fold_key(term.text), primary_language(term.lang)
            lookup = lookup_key(term.text)
            # the lookup key folds all but quotes and Chinese script, one character for one:
            # when those may differ, every term as long is compared (rare, and few)
            finer = key != lookup or any(c in "'\"" or _is_han(c) for c in key)
            ids = {
                concept_id
                for concept_id, _lang, text in termbase.terms_like(session, lang, lookup, finer)
                if fold_key(text) == key
            }
            if index is not None:
                ids |= {
                    hit.concept
                    for hit in index.find(term.text, term.lang)
                    if hit.start == 0 and hit.end == len(term.text) and fold_key(hit.term) == key
                }
            concepts = list(termbase.iter_concepts(session, concept_ids=ids)) if ids else []
            if concepts:
                found.append((term, concepts))
    return found


def add_concept(
    db: Database,
    terms: Sequence[Term],
    subject_field: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    author: str | None = None,
    *,
    into: int | None = None,
    new: bool = False,
) -> Concept:
    """Create a concept from terms given on the command line or in the TUI.

    SameTermError when a term is already a term of a stored concept (concepts_with_terms),
    unless new insists on a concept of its own; into adds the terms to that concept instead.
    """
    if not terms:
        raise UsageError("a concept needs at least one term")
    limits = configured_limits()
    for term in terms:
        check_typed_text(term.text, f"the {term.lang} term", limits)
    _check_typed_fields(subject_field, definition, note)
    _refuse_two_statuses(terms)
    if into is not None:
        if subject_field or definition or note:
            raise UsageError(
                "adding terms to a concept takes terms only: "
                "edit its subject, definition and note in glossary browse"
            )
        return add_terms(db, into, terms, author)
    concept = Concept(
        terms=list(terms),
        subject_field=subject_field,
        definitions={"": definition} if definition else {},
        note=note,
    )
    with db.sessions.begin() as session:
        # in turn with imports and other adds: nobody stores the same term between the check
        # (its own connection reads what is committed) and this insert
        termbase.take_turn(session)
        if not new:
            same = concepts_with_terms(db, terms)
            if same:
                raise SameTermError(same[0][0], same[0][1])
        concept_id = termbase.add_concept(session, concept, author)
        stored = termbase.get_concept(session, concept_id)
    assert stored is not None
    return stored


def add_terms(
    db: Database, concept_id: int, terms: Sequence[Term], author: str | None = None
) -> Concept:
    """Add terms to a stored concept (those it has already are skipped) and return it."""
    checked = _checked_terms(terms)
    with db.sessions.begin() as session:
        if termbase.get_concept(session, concept_id) is None:
            raise UsageError(f"there is no concept {concept_id}")
        termbase.add_terms(session, concept_id, checked, author)
        stored = termbase.get_concept(session, concept_id)
    assert stored is not None
    return stored


MAX_SEARCH_CHARS = 10_000
"""The longest search text: SQLite refuses a LIKE pattern over 50,000 bytes; 10,000 characters
of the folded key stay under that at four bytes a character, escapes included."""


def search_glossary(
    db: Database, text: str, lang: str | None = None, limit: int = 50
) -> list[Concept]:
    """Concepts with a term containing text, best first."""
    length = len(lookup_key(text))
    if length > MAX_SEARCH_CHARS:
        raise UsageError(
            f"search text of {length:,} characters is too long (at most {MAX_SEARCH_CHARS:,})"
        )
    with db.sessions() as session:
        return termbase.search_concepts(session, text, _lang_or_none(lang), limit)


def glossary_stats(db: Database) -> TermbaseStats:
    """Counts of concepts and terms by language and status."""
    with db.sessions() as session:
        return termbase.stats(session)


# --- editing the term base -----------------------------------------------------------------


def _checked_terms(terms: Sequence[Term]) -> list[Term]:
    """Copies of terms with normalised languages and clean texts; UsageError if one is empty."""
    checked = []
    limits = configured_limits()
    for term in terms:
        text = clean_term(term.text)
        if not text:
            raise UsageError(f"a term in {term.lang or 'no language'} has no text")
        check_typed_text(text, f"the {term.lang} term", limits)
        checked.append(replace(term, lang=normalize_lang(term.lang), text=text))
    if not checked:
        raise UsageError("a concept needs at least one term")
    _refuse_two_statuses(checked)
    return checked


def _refuse_two_statuses(terms: Sequence[Term]) -> None:
    """Refuse one term given twice with different statuses (--term X --deprecated X): which
    one is meant cannot be guessed, and keeping either would drop the other silently."""
    seen: dict[tuple[str, str], Term] = {}
    for term in terms:
        key = (normalize_lang(term.lang), clean_term(term.text))
        first = seen.setdefault(key, term)
        if first.status != term.status:
            raise UsageError(
                f"the {key[0]} term {key[1]!r} is given as both {first.status.value} and "
                f"{term.status.value}: give it once"
            )


def get_concept(db: Database, concept_id: int) -> Concept | None:
    """One concept with all its terms, or None when there is none with that id."""
    with db.sessions() as session:
        return termbase.get_concept(session, concept_id)


def browse_glossary(db: Database, after_id: int = 0, limit: int = 200) -> list[Concept]:
    """A page of concepts in id order after after_id; pass the last id shown for the next."""
    with db.sessions() as session:
        return termbase.concept_page(session, after_id, limit)


def glossary_languages(db: Database) -> list[str]:
    """Languages that have terms, most terms first."""
    with db.sessions() as session:
        return termbase.languages(session)


def update_concept(db: Database, concept: Concept, author: str | None = None) -> Concept:
    """Store an edited concept (fields and terms) and return it as stored.

    ConceptConflictError (nothing saved) when someone saved the concept since concept.version
    was read: the caller keeps the edit and offers it again over the stored concept.
    """
    if concept.id is None:
        raise UsageError("this concept was never stored: add it instead")
    edited = replace(concept, terms=_checked_terms(concept.terms))
    with db.sessions.begin() as session, _concept_conflicts():
        if not termbase.update_concept(session, edited, author):
            raise UsageError(f"concept {concept.id} no longer exists")
        stored = termbase.get_concept(session, concept.id)
    assert stored is not None
    return stored


def _check_typed_fields(subject: str | None, definition: str | None, note: str | None) -> None:
    """Refuse a typed subject, definition or note holding a control character."""
    for field, value in (("subject", subject), ("definition", definition), ("note", note)):
        refuse_controls(value or "", f"the {field}")


def edit_concept(
    db: Database,
    concept_id: int,
    terms: Sequence[Term] = (),
    remove: Sequence[tuple[str, str]] = (),
    *,
    subject_field: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
    author: str | None = None,
) -> Concept:
    """Change one stored concept as the command line says, and return it as stored.

    terms are added, or take the status given when the concept has them already; remove
    names terms (language, text) to take away; a field given replaces the stored one (an
    empty one clears it). expected_version: the version the caller saw (`glossary search
    --json`); ConceptConflictError when someone saved since, or since this call read it.
    """
    _check_typed_fields(subject_field, definition, note)
    current = get_concept(db, concept_id)
    if current is None:
        raise UsageError(f"there is no concept {concept_id} (see: workbench glossary search)")
    kept = list(current.terms)
    for lang, text in remove:
        lang = normalize_lang(lang)
        found = [t for t in kept if (t.lang, t.text) == (lang, clean_term(text))]
        if not found:
            raise UsageError(f"concept {concept_id} has no {lang} term {text!r}")
        kept.remove(found[0])
    for term in _checked_terms(terms) if terms else []:
        same = [i for i, t in enumerate(kept) if t.key() == term.key()]
        if same:
            kept[same[0]] = replace(kept[same[0]], status=term.status)
        else:
            kept.append(term)
    definitions = dict(current.definitions)
    if definition is not None:
        definitions.pop("", None)
        if definition.strip():
            definitions[""] = definition.strip()
    edited = replace(
        current,
        terms=kept,
        subject_field=current.subject_field if subject_field is None else subject_field or None,
        note=current.note if note is None else note or None,
        definitions=definitions,
        version=current.version if expected_version is None else expected_version,
    )
    return update_concept(db, edited, author)


def delete_concept(db: Database, concept_id: int, expected_version: int | None = None) -> bool:
    """Delete a concept with its terms; False when it was already gone.

    With expected_version (the version shown when deletion was asked for), ConceptConflictError
    when someone changed it since: nothing is deleted.
    """
    with db.sessions.begin() as session, _concept_conflicts():
        return termbase.delete_concept(session, concept_id, expected_version)


@contextmanager
def _concept_conflicts() -> Iterator[None]:
    """Storage's refusal of a stale concept save as the services' ConceptConflictError."""
    try:
        yield
    except termbase.ConceptConflictError as error:
        raise ConceptConflictError(str(error), error.concept_id, error.changed) from None


def delete_term(
    db: Database, concept_id: int, lang: str, text: str, author: str | None = None
) -> Concept | None:
    """Delete one term and return its concept as left, or None when that was its last term."""
    with db.sessions.begin() as session:
        if not termbase.delete_term(session, concept_id, normalize_lang(lang), text, author):
            raise UsageError(f"concept {concept_id} has no {lang} term {text!r}")
        return termbase.get_concept(session, concept_id)


def quick_add_term(
    db: Database,
    source_lang: str,
    source_text: str,
    target_lang: str,
    target_text: str,
    status: TermStatus = TermStatus.PREFERRED,
    author: str | None = None,
    *,
    into: int | None = None,
    new: bool = False,
) -> Concept:
    """Record a source term and its rendering, as the editor's quick-add does.

    into adds both to that concept (the editor asks when concepts_with_terms finds one), new
    makes a concept of their own. Neither: when exactly one concept has the source term
    (ignoring case, width and spacing), the target term joins that concept unless it is there
    already; otherwise (no concept, or a homonym in several) a new concept holds both.
    """
    source, target = _checked_terms(
        [Term(source_lang, source_text, status), Term(target_lang, target_text, status)]
    )
    if into is not None:
        return add_terms(db, into, [source, target], author)
    if new:
        with db.sessions.begin() as session:
            concept_id = termbase.add_concept(session, Concept(terms=[source, target]), author)
            stored = termbase.get_concept(session, concept_id)
        assert stored is not None
        return stored
    with db.sessions.begin() as session:
        # in turn: two quick adds of one new source term at once make one concept, not two
        termbase.take_turn(session)
        found = termbase.find_concepts_by_term(session, source.text, source.lang)
        if len(found) == 1 and found[0].id is not None:
            concept_id = found[0].id
            termbase.add_terms(session, concept_id, [target], author)
        else:
            concept_id = termbase.add_concept(session, Concept(terms=[source, target]), author)
        stored = termbase.get_concept(session, concept_id)
    assert stored is not None
    return stored


def target_renderings(terms: Sequence[Term], target_lang: str) -> list[ScriptedTerm]:
    """A concept's renderings to offer for a target: for zh-Hans, zh-Hant, zh-TW and zh-HK in
    the target's Chinese script only, converted and marked when the term base has only the
    other script (domain.chinese.targets_for_script)."""
    return targets_for_script(terms, target_lang)
