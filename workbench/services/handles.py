"""What the outer layers (CLI, TUI) hold and catch, so that they never import storage or formats.

The database handle, its errors and the file-format errors are defined in the layers below;
the CLI and the TUI name them through here.
"""

from __future__ import annotations

from pathlib import Path

from workbench.formats.base import FormatError as FormatError
from workbench.formats.base import ProgressCallback as ProgressCallback
from workbench.formats.registry import document_export_extension as document_export_extension
from workbench.formats.registry import document_extensions as document_extensions
from workbench.formats.registry import document_format_names as document_format_names
from workbench.formats.registry import document_format_titles as document_format_titles
from workbench.formats.registry import (
    formats_writing_any_document as formats_writing_any_document,
)
from workbench.formats.registry import glossary_format
from workbench.formats.registry import glossary_format_names as glossary_format_names
from workbench.storage.engine import Database as Database
from workbench.storage.engine import DatabaseError as DatabaseError
from workbench.storage.engine import open_database as open_database


def check_glossary_path(path: Path) -> None:
    """FormatError unless path's extension names a glossary format."""
    glossary_format(path)
