"""The editor's side panels, top to bottom; a new panel is one more line here."""

from __future__ import annotations

from workbench.services import Database
from workbench.tui.widgets.changes_panel import ChangesPanel
from workbench.tui.widgets.comments_panel import CommentsPanel
from workbench.tui.widgets.editor_panel import EditorPanel
from workbench.tui.widgets.lqa_panel import LqaPanel
from workbench.tui.widgets.qa_panel import QaPanel
from workbench.tui.widgets.segment_info_panel import SegmentInfoPanel
from workbench.tui.widgets.term_panel import TermPanel
from workbench.tui.widgets.tm_panel import TmPanel


def side_panels(db: Database, author: str, document_name: str) -> list[EditorPanel]:
    """The panels beside the segment: where it comes from, term hits, TM matches, QA issues."""
    return [
        SegmentInfoPanel(id="editor-info"),
        TermPanel(id="editor-terms"),
        TmPanel(db, author, id="editor-tm"),
        QaPanel(db, document_name, id="editor-qa"),
        ChangesPanel(db, id="editor-changes"),
        CommentsPanel(db, id="editor-comments"),
        LqaPanel(db, id="editor-lqa"),
    ]
