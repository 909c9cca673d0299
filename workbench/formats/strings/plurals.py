"""Plural categories of a language (CLDR, from Babel) and how target forms map to source forms.

Decision (as Weblate and translate-toolkit do): a plural string gets one segment per plural
form of the *target* language. A target form is translated from the source form of the same
category, or else from the source's `other`; source categories the target language lacks are
not written (Korean, Chinese and Japanese have only `other`, so `one`/`other` becomes `other`).
Explicit forms (ICU `=0`, `=1`; `zero` where the format uses it for the number 0 in every
language, as Rails, i18next and .stringsdict do) are kept as they are in the source.
Without a known target language the source's forms are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.domain.plurals import CATEGORIES as CATEGORIES
from workbench.domain.plurals import plural_categories as plural_categories


def is_plural_set(forms: Sequence[str]) -> bool:
    """Whether names are the forms of a plural: CLDR categories (or =N), `other` among them."""
    return "other" in forms and all(form in CATEGORIES or _explicit(form) for form in forms)


def _explicit(form: str) -> bool:
    return form.startswith("=") and form[1:].isdigit()


def target_forms(source: Sequence[str], lang: str | None, zero_explicit: bool) -> list[str]:
    """The forms a translation into lang writes, given the source's forms (see module doc)."""
    categories = plural_categories(lang) if lang else None
    if categories is None:
        return list(source)
    kept = [f for f in source if _explicit(f) or (zero_explicit and f == "zero")]
    return kept + [c for c in categories if c not in kept]


def source_form_for(form: str, source: Sequence[str]) -> str:
    """The source form a target form is translated from: the same one, or else `other`."""
    if form in source:
        return form
    return "other" if "other" in source else source[-1]
