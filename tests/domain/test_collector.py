"""The cyclic collector is paused inside the block and as it was after it."""

from __future__ import annotations

import gc

import pytest

from workbench.domain import collector


def test_paused_blocks_restore_the_collector_nested_and_on_error() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer one's pause
    assert gc.isenabled()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # disabled before, disabled after
    finally:
        gc.enable()
