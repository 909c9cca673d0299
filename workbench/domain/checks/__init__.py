"""QA checks: small functions registered with a stable id, a severity and a one-line title.

A segment check sees one source/target pair; a document check sees all pairs of a document.
Each check is a generator of Issues; `run_checks` applies the enabled ones of a profile.
"""

# Imported for their registrations: each module adds its checks to the registry.
from workbench.domain.checks import (  # noqa: F401
    consistency,
    content,
    form,
    markup,
    script,
    spelling,
    subtitles,
)
from workbench.domain.checks.registry import (
    CHECKS,
    DOCUMENT_CHECKS,
    CheckContext,
    Issue,
    Pair,
    Profile,
    Severity,
    check,
    document_check,
    run_checks,
)

__all__ = [
    "CHECKS",
    "DOCUMENT_CHECKS",
    "CheckContext",
    "Issue",
    "Pair",
    "Profile",
    "Severity",
    "check",
    "document_check",
    "run_checks",
]
