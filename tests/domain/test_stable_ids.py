"""Stable ids made in bulk for an import have the form of the one-at-a-time ones."""

from __future__ import annotations

import re

from workbench.domain.model import new_stable_id, new_stable_ids

# a uuid4's first 16 hex digits: the 13th is its version, 4
FORM = re.compile(r"wb-[0-9a-f]{12}4[0-9a-f]{3}")


def test_one_id_has_the_form() -> None:
    assert FORM.fullmatch(new_stable_id())


def test_ids_in_bulk_have_the_same_form_and_differ() -> None:
    ids = new_stable_ids(5000)
    assert len(ids) == 5000
    assert all(FORM.fullmatch(i) for i in ids)
    assert len(set(ids)) == 5000
    # every other digit is random: each position takes more than one value
    assert all(len({i[p] for i in ids}) > 1 for p in range(3, 19) if p != 15)


def test_no_ids() -> None:
    assert new_stable_ids(0) == []
