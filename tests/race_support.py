"""Races between real processes: each prepares (opens its own connection, reads), then all
are released at once from one barrier."""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from typing import Any

_CONTEXT = multiprocessing.get_context("fork")
TIMEOUT_S = 120

Prepare = Callable[..., Callable[[], object]]
"""Called with a side's arguments before the barrier; returns what that side runs after it."""


def _side(index: int, barrier: Any, results: Any, prepare: Prepare, args: Sequence[object]) -> None:
    try:
        go = prepare(*args)
        barrier.wait(TIMEOUT_S)
        results.put((index, "ok", go()))
    except BaseException as error:  # the parent asserts on what each side saw
        results.put((index, type(error).__name__, f"{error}\n{traceback.format_exc()}"))


def race(prepare: Prepare, *sides: Sequence[object]) -> list[tuple[str, object]]:
    """Run each side in its own process; for each, in order, ("ok", what it returned) or
    (the class name of what it raised, its message and traceback)."""
    barrier = _CONTEXT.Barrier(len(sides))
    results = _CONTEXT.Queue()
    processes = [
        _CONTEXT.Process(target=_side, args=(index, barrier, results, prepare, args))
        for index, args in enumerate(sides)
    ]
    for process in processes:
        process.start()
    found = {}
    for _ in processes:
        index, kind, value = results.get(timeout=TIMEOUT_S)
        found[index] = (kind, value)
    for process in processes:
        process.join(TIMEOUT_S)
    return [found[index] for index in range(len(sides))]
