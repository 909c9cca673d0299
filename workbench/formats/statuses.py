"""Segment statuses in every bilingual format: the one map, both ways.

Each format says the editor's status in its own words, chosen so that the tools reading the
file count it as the translator meant (translate-toolkit's `pocount` and Weblate read XLIFF 1.2
`approved="yes"` as "translated", anything else with a target as "fuzzy"; Okapi reads
`approved`; Trados and memoQ read only their own attributes):

| editor     | XLIFF 1.2 `state`, `approved` | XLIFF 2 `state` (`subState`) | PO `fuzzy` |
|------------|-------------------------------|------------------------------|------------|
| new        | new, -                        | initial, no target           | no msgstr  |
| draft      | needs-review-translation, -   | initial                      | fuzzy      |
| translated | translated, yes               | translated                   | -          |
| reviewed   | signed-off, yes               | reviewed                     | -          |
| approved   | final, yes                    | final                        | -          |
| rejected   | x-rejected, -                 | initial (workbench:rejected) | fuzzy      |

| editor     | Trados `sdl:seg conf` | memoQ `mq:status`  |
|------------|-----------------------|--------------------|
| new        | (none)                | NotStarted         |
| draft      | Draft                 | PartiallyEdited    |
| translated | Translated            | ManuallyConfirmed  |
| reviewed   | ApprovedTranslation   | Reviewer1Confirmed |
| approved   | ApprovedSignOff       | Reviewer2Confirmed |
| rejected   | RejectedTranslation   | Rejected           |

"-" on the XLIFF 1.2 unit means no `approved`, or `approved="no"` when the file had one. TMX
and the bilingual CSV's `status` column: TMX has no status (a memory holds what was
translated); the CSV writes the editor's own word. Reading also knows what the other tools
write (translate-toolkit's needs-work, unreviewed; memoQ's Pretranslated, Proofread ...).
A 1.2 `state` decides over `approved`; `approved="yes"` without a known state is approved.
"""

from __future__ import annotations

from workbench.domain.document import SegmentStatus

NEW, DRAFT, TRANSLATED = SegmentStatus.NEW, SegmentStatus.DRAFT, SegmentStatus.TRANSLATED
REVIEWED, APPROVED, REJECTED = (
    SegmentStatus.REVIEWED,
    SegmentStatus.APPROVED,
    SegmentStatus.REJECTED,
)

PROGRESS = (NEW, REJECTED, DRAFT, TRANSLATED, REVIEWED, APPROVED)
"""Statuses from least to most advanced (a 1.2 <target> holds one state for its segments)."""

# XLIFF 1.2 target states; the last four are translate-toolkit's names, found in its files.
STATES_12 = {
    "new": NEW,
    "needs-translation": NEW,
    "needs-adaptation": DRAFT,
    "needs-l10n": DRAFT,
    "needs-review-translation": DRAFT,
    "needs-review-adaptation": DRAFT,
    "needs-review-l10n": DRAFT,
    "translated": TRANSLATED,
    "signed-off": REVIEWED,
    "final": APPROVED,
    "x-rejected": REJECTED,
    "rejected": REJECTED,
    "needs-work": DRAFT,
    "needs-review": DRAFT,
    "unreviewed": TRANSLATED,
}
STATE_NAMES_12 = {
    NEW: "new",
    DRAFT: "needs-review-translation",
    TRANSLATED: "translated",
    REVIEWED: "signed-off",
    APPROVED: "final",
    REJECTED: "x-rejected",
}


def approved_12(status: SegmentStatus) -> bool:
    """Whether a 1.2 unit carries approved="yes": every confirmed status, as tools count."""
    return status.confirmed


def status_12(
    target: str, state: str | None, approved: bool, own: SegmentStatus | None
) -> SegmentStatus:
    """A 1.2 segment's status: an empty target is new; a dialect's own status (Trados, memoQ)
    wins; a known state decides; without one a target is translated, approved if so marked."""
    if not target:
        return NEW
    if own is not None:
        return own
    status = STATES_12.get(state or "")
    if status is None:
        return APPROVED if approved else TRANSLATED
    return status


REJECTED_SUBSTATE = "workbench:rejected"
"""XLIFF 2 has no rejected state: ours is written as state initial with this subState."""
STATES_2 = {"translated": TRANSLATED, "reviewed": REVIEWED, "final": APPROVED}
STATE_NAMES_2 = {
    NEW: "initial",
    DRAFT: "initial",
    TRANSLATED: "translated",
    REVIEWED: "reviewed",
    APPROVED: "final",
    REJECTED: "initial",
}


def substate_2(status: SegmentStatus) -> str | None:
    """The 2.x subState that tells our rejected from a draft; None for the others."""
    return REJECTED_SUBSTATE if status is REJECTED else None


def status_2(target: str, state: str | None, substate: str | None) -> SegmentStatus:
    """A 2.x segment's status: state defaults to initial, a draft once there is a target."""
    if not target:
        return NEW
    if substate == REJECTED_SUBSTATE:
        return REJECTED
    return STATES_2.get(state or "initial", DRAFT)


def po_fuzzy(status: SegmentStatus) -> bool | None:
    """Whether a PO entry is fuzzy: yes for work not done, no once confirmed, None for new
    (an empty msgstr keeps whatever flag it had)."""
    if status in (DRAFT, REJECTED):
        return True
    return False if status.confirmed else None


def po_status(target: str, fuzzy: bool) -> SegmentStatus:
    """What a msgstr and the fuzzy flag say about a segment."""
    if not target:
        return NEW
    return DRAFT if fuzzy else TRANSLATED


SDL_LEVELS = {
    "unspecified": NEW,
    "draft": DRAFT,
    "translated": TRANSLATED,
    "rejectedtranslation": REJECTED,
    "approvedtranslation": REVIEWED,
    "rejectedsignoff": REJECTED,
    "approvedsignoff": APPROVED,
}
"""Trados `sdl:seg conf`, lower-cased, as read."""
SDL_LEVEL_NAMES = {
    DRAFT: "Draft",
    TRANSLATED: "Translated",
    REVIEWED: "ApprovedTranslation",
    APPROVED: "ApprovedSignOff",
    REJECTED: "RejectedTranslation",
}
"""What Trados `conf` export writes; new has none."""

MEMOQ_STATUSES = {
    "notstarted": NEW,
    "partiallyedited": DRAFT,
    "edited": DRAFT,
    "pretranslated": DRAFT,
    "machinetranslated": DRAFT,
    "assembledfromfragments": DRAFT,
    "manuallyconfirmed": TRANSLATED,
    "confirmed": TRANSLATED,
    "editorconfirmed": TRANSLATED,
    "translatorconfirmed": TRANSLATED,
    "translationapproved": TRANSLATED,
    "reviewer1confirmed": REVIEWED,
    "reviewer2confirmed": APPROVED,
    "proofread": APPROVED,
    "rejected": REJECTED,
    "reviewer1rejected": REJECTED,
    "reviewer2rejected": REJECTED,
}
"""memoQ `mq:status`, lower-cased, as read."""
MEMOQ_STATUS_NAMES = {
    NEW: "NotStarted",
    DRAFT: "PartiallyEdited",
    TRANSLATED: "ManuallyConfirmed",
    REVIEWED: "Reviewer1Confirmed",
    APPROVED: "Reviewer2Confirmed",
    REJECTED: "Rejected",
}

CSV_STATUSES: dict[str, SegmentStatus] = {
    **{status.value: status for status in SegmentStatus},
    **dict.fromkeys(("untranslated", "needstranslation", "initial", "empty"), NEW),
    **dict.fromkeys(
        ("fuzzy", "needswork", "needsreview", "needsreviewtranslation", "needsadaptation"),
        DRAFT,
    ),
    **dict.fromkeys(("final", "signedoff"), APPROVED),
}
"""A bilingual CSV's status cell (folded by `lenient_key`): ours, and other tools' words."""
