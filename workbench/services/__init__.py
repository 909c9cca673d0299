"""Use cases: each opens one unit of work on the database and returns plain data.

Names are loaded when first used, each from its module, so that a command imports only the use
cases it runs (`workbench docs` needs neither the formats nor term recognition). The list below
is the one place that says where each name lives: type checkers read it as imports, and
__getattr__ reads it to know which module to load. Add a name as a line in the block.
"""

from __future__ import annotations

import ast
import importlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.domain.records import ImportResult as ImportResult
    from workbench.domain.records import PostEdit as PostEdit
    from workbench.domain.records import TermbaseStats as TermbaseStats
    from workbench.services.analysis import Analysis as Analysis
    from workbench.services.analysis import analyze as analyze
    from workbench.services.analysis import read_grid as read_grid
    from workbench.services.comments import SegmentThreads as SegmentThreads
    from workbench.services.comments import add_comment as add_comment
    from workbench.services.comments import comment_on_segment as comment_on_segment
    from workbench.services.comments import document_threads as document_threads
    from workbench.services.comments import resolve_comment as resolve_comment
    from workbench.services.comments import segment_threads as segment_threads
    from workbench.services.common import SHIPPED_GLOSSARY as SHIPPED_GLOSSARY
    from workbench.services.common import BrokenCodesError as BrokenCodesError
    from workbench.services.common import ConceptConflictError as ConceptConflictError
    from workbench.services.common import ConflictError as ConflictError
    from workbench.services.common import UsageError as UsageError
    from workbench.services.common import read_text_file as read_text_file
    from workbench.services.documents import DocumentToOpen as DocumentToOpen
    from workbench.services.documents import document_to_open as document_to_open
    from workbench.services.documents import export_document as export_document
    from workbench.services.documents import export_document_glossary as export_document_glossary
    from workbench.services.documents import import_document as import_document
    from workbench.services.documents import target_only_keys as target_only_keys
    from workbench.services.editing import LockedError as LockedError
    from workbench.services.editing import Suggestion as Suggestion
    from workbench.services.editing import propagate as propagate
    from workbench.services.editing import save_segment as save_segment
    from workbench.services.editing import set_segment_note as set_segment_note
    from workbench.services.find import CheckCount as CheckCount
    from workbench.services.find import Overview as Overview
    from workbench.services.find import ReplaceConflict as ReplaceConflict
    from workbench.services.find import ReplaceResult as ReplaceResult
    from workbench.services.find import StatusCount as StatusCount
    from workbench.services.find import count_words as count_words
    from workbench.services.find import document_overview as document_overview
    from workbench.services.find import qa_by_check as qa_by_check
    from workbench.services.find import replace_in_targets as replace_in_targets
    from workbench.services.glossary import SameTermError as SameTermError
    from workbench.services.glossary import add_concept as add_concept
    from workbench.services.glossary import add_terms as add_terms
    from workbench.services.glossary import browse_glossary as browse_glossary
    from workbench.services.glossary import concept_summary as concept_summary
    from workbench.services.glossary import concepts_with_terms as concepts_with_terms
    from workbench.services.glossary import delete_concept as delete_concept
    from workbench.services.glossary import delete_term as delete_term
    from workbench.services.glossary import edit_concept as edit_concept
    from workbench.services.glossary import export_glossary as export_glossary
    from workbench.services.glossary import get_concept as get_concept
    from workbench.services.glossary import glossary_languages as glossary_languages
    from workbench.services.glossary import glossary_stats as glossary_stats
    from workbench.services.glossary import import_glossary as import_glossary
    from workbench.services.glossary import quick_add_term as quick_add_term
    from workbench.services.glossary import search_glossary as search_glossary
    from workbench.services.glossary import target_renderings as target_renderings
    from workbench.services.glossary import update_concept as update_concept
    from workbench.services.handles import Database as Database
    from workbench.services.handles import DatabaseError as DatabaseError
    from workbench.services.handles import FormatError as FormatError
    from workbench.services.handles import ProgressCallback as ProgressCallback
    from workbench.services.handles import check_glossary_path as check_glossary_path
    from workbench.services.handles import document_export_extension as document_export_extension
    from workbench.services.handles import document_extensions as document_extensions
    from workbench.services.handles import document_format_names as document_format_names
    from workbench.services.handles import document_format_titles as document_format_titles
    from workbench.services.handles import (
        formats_writing_any_document as formats_writing_any_document,
    )
    from workbench.services.handles import glossary_format_names as glossary_format_names
    from workbench.services.handles import open_database as open_database
    from workbench.services.harvesting import accept_candidates as accept_candidates
    from workbench.services.harvesting import harvest_file as harvest_file
    from workbench.services.history import EditOutcome as EditOutcome
    from workbench.services.history import redo_segment as redo_segment
    from workbench.services.history import undo_segment as undo_segment
    from workbench.services.korean_analyser import AnalyserBusy as AnalyserBusy
    from workbench.services.korean_analyser import AnalyserProcess as AnalyserProcess
    from workbench.services.korean_analyser import (
        analyser_without_waiting as analyser_without_waiting,
    )
    from workbench.services.korean_analyser import start_korean_analyser as start_korean_analyser
    from workbench.services.korean_analyser import stop_korean_analyser as stop_korean_analyser
    from workbench.services.library import document_segments as document_segments
    from workbench.services.library import last_position as last_position
    from workbench.services.library import list_documents as list_documents
    from workbench.services.library import list_documents_at as list_documents_at
    from workbench.services.library import set_last_position as set_last_position
    from workbench.services.library import stored_segment as stored_segment
    from workbench.services.lqa import LqaAnnotation as LqaAnnotation
    from workbench.services.lqa import LqaReport as LqaReport
    from workbench.services.lqa import add_annotation as add_annotation
    from workbench.services.lqa import annotate_segment as annotate_segment
    from workbench.services.lqa import load_scoring_profile as load_scoring_profile
    from workbench.services.lqa import lqa_report as lqa_report
    from workbench.services.lqa import remove_annotation as remove_annotation
    from workbench.services.lqa import segment_annotations as segment_annotations
    from workbench.services.memory import TmDedupeResult as TmDedupeResult
    from workbench.services.memory import TmImportResult as TmImportResult
    from workbench.services.memory import load_tm_index as load_tm_index
    from workbench.services.memory import segment_context as segment_context
    from workbench.services.memory import tm_counts as tm_counts
    from workbench.services.memory import tm_dedupe as tm_dedupe
    from workbench.services.memory import tm_export as tm_export
    from workbench.services.memory import tm_import as tm_import
    from workbench.services.memory import tm_lookup as tm_lookup
    from workbench.services.memory import tm_unit_for as tm_unit_for
    from workbench.services.predicting import learned_phrase_book as learned_phrase_book
    from workbench.services.pseudo import PseudoResult as PseudoResult
    from workbench.services.pseudo import pseudo_translate as pseudo_translate
    from workbench.services.qa import PostEditReport as PostEditReport
    from workbench.services.qa import QaReport as QaReport
    from workbench.services.qa import check_segment as check_segment
    from workbench.services.qa import grouped_by_check as grouped_by_check
    from workbench.services.qa import ignore_issue as ignore_issue
    from workbench.services.qa import ignore_issues as ignore_issues
    from workbench.services.qa import ignore_keys as ignore_keys
    from workbench.services.qa import issue_pieces as issue_pieces
    from workbench.services.qa import issue_text as issue_text
    from workbench.services.qa import load_qa_profile as load_qa_profile
    from workbench.services.qa import mark_spans as mark_spans
    from workbench.services.qa import post_edit_report as post_edit_report
    from workbench.services.qa import qa_context as qa_context
    from workbench.services.qa import run_document_qa as run_document_qa
    from workbench.services.qa import run_qa as run_qa
    from workbench.services.qa import segment_pair as segment_pair
    from workbench.services.qa import unignore_issue as unignore_issue
    from workbench.services.qa import unignore_issues as unignore_issues
    from workbench.services.qa import worst_first as worst_first
    from workbench.services.reading import read_document as read_document
    from workbench.services.restructuring import join_segments as join_segments
    from workbench.services.restructuring import split_segment as split_segment
    from workbench.services.review import ReviewChange as ReviewChange
    from workbench.services.review import ReviewReport as ReviewReport
    from workbench.services.review import TranslatorVersion as TranslatorVersion
    from workbench.services.review import review_report as review_report
    from workbench.services.review import target_diff as target_diff
    from workbench.services.review import translator_version as translator_version
    from workbench.services.spelling import Spelling as Spelling
    from workbench.services.spelling import add_spelling_word as add_spelling_word
    from workbench.services.spelling import added_spelling_words as added_spelling_words
    from workbench.services.spelling import dictionary_name as dictionary_name
    from workbench.services.spelling import load_spelling as load_spelling
    from workbench.services.spelling import missing_dictionary as missing_dictionary
    from workbench.services.spelling import misspelled as misspelled
    from workbench.services.spelling import remove_spelling_word as remove_spelling_word
    from workbench.services.spelling import spelling_suggestions as spelling_suggestions
    from workbench.services.term_index import find_terms as find_terms
    from workbench.services.term_index import load_term_index as load_term_index
    from workbench.services.term_index import load_term_index_at as load_term_index_at
    from workbench.services.tm_concordance import Concordance as Concordance
    from workbench.services.tm_concordance import TermHit as TermHit
    from workbench.services.tm_concordance import UnitHit as UnitHit
    from workbench.services.tm_concordance import concordance as concordance
    from workbench.services.tm_concordance import delete_tm_unit as delete_tm_unit
    from workbench.services.tm_concordance import edit_tm_unit as edit_tm_unit


@cache
def _homes() -> dict[str, str]:
    """name -> module, read from the TYPE_CHECKING imports of this file."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    return {
        alias.asname or alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }


if not TYPE_CHECKING:  # to a type checker the imports above are the module's names

    def __getattr__(name: str) -> object:
        """Load name from its module on first use (PEP 562), then keep it here."""
        module = _homes().get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_homes()})
