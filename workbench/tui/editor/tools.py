"""The editor's tools, in the order the footer and the command palette show their keys."""

from __future__ import annotations

from workbench.tui.editor.comments import CommentsTool
from workbench.tui.editor.concordance import ConcordanceTool
from workbench.tui.editor.export import Export
from workbench.tui.editor.filtering import Filtering
from workbench.tui.editor.find_replace import FindReplace
from workbench.tui.editor.inserting import Inserting
from workbench.tui.editor.lqa import LqaTool
from workbench.tui.editor.overview import Overview
from workbench.tui.editor.predicting import Predicting
from workbench.tui.editor.qa import QaTool
from workbench.tui.editor.quick_add import QuickAdd
from workbench.tui.editor.restructuring import Restructuring
from workbench.tui.editor.review import ReviewTool
from workbench.tui.editor.spelling import SpellingTool
from workbench.tui.editor.termbase import TermbaseTool
from workbench.tui.editor.tool import EditorTool

TOOLS: tuple[type[EditorTool], ...] = (
    Inserting,
    Predicting,
    Restructuring,
    QuickAdd,
    TermbaseTool,
    ConcordanceTool,
    ReviewTool,
    CommentsTool,
    LqaTool,
    QaTool,
    SpellingTool,
    Filtering,
    FindReplace,
    Overview,
    Export,
)
"""Every tool of the editor; a new tool is one more line here."""
