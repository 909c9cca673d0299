"""Work off the UI thread: blocking calls in a thread, results shown on the UI, failures said once.

A screen or widget marks an async method with `@background("what it does")`. The method runs
as a Textual worker on the event loop; it hands each blocking call (the database, a QA run)
to a thread with `await in_thread(call, ...)` and then changes the screen directly, so no
Message class is needed to carry a result back. An exception it raises becomes one notice,
"<what it does> failed: <reason>", here and nowhere else; a widget that also wants to show the
failure in place (a panel saying "not available") implements `ShowsFailure`.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Concatenate, ParamSpec, Protocol, TypeVar, runtime_checkable

from textual.dom import DOMNode
from textual.worker import Worker

P = ParamSpec("P")
R = TypeVar("R")
Node = TypeVar("Node", bound=DOMNode)


@runtime_checkable
class ShowsFailure(Protocol):
    """A widget that shows in place that its background work failed (besides the notice)."""

    def show_failure(self, what: str, error: Exception) -> None:
        """Show that what failed, and why."""


async def in_thread(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """call(*args, **kwargs) in a thread, awaited; the UI goes on meanwhile."""
    return await asyncio.to_thread(call, *args, **kwargs)


KEYS_QUIET = 0.4
"""Seconds without a key that count as a pause in the translator's keys."""

KEYS_WAIT = 4.0
"""Seconds work waits for such a pause at most."""


async def keys_pause(node: DOMNode) -> None:
    """Return once no key has come for KEYS_QUIET seconds, or after KEYS_WAIT.

    For a call that holds the interpreter for a long moment (a C library's: decoding a
    word list), which no thread can interrupt: made in a pause,
    it is less likely to hold up the answer to a key.
    """
    started = time.monotonic()
    while True:
        now = time.monotonic()
        quiet = now - getattr(node.app, "last_key", 0.0)
        if quiet >= KEYS_QUIET or now - started >= KEYS_WAIT:
            return
        await asyncio.sleep(min(KEYS_QUIET - quiet, KEYS_WAIT - (now - started)))


class CostGauge:
    """Whether a call is cheap enough to make on the UI thread, from how long it took lately.

    A lookup that takes a millisecond is best made at once, so that its result is drawn in
    the same frame as the key that asked for it; one that may take tens of milliseconds (a
    large translation memory) goes to a thread. Until a call has been timed it counts as dear.
    """

    def __init__(self, budget: float) -> None:
        self.budget = budget
        """Seconds a call may take and still be made on the UI thread."""
        self.recent = float("inf")
        """The latest duration, and more when it was longer: slow calls are remembered."""

    @property
    def cheap(self) -> bool:
        """Whether the calls lately took less than the budget."""
        return self.recent < self.budget

    def timed(self, call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """call(*args, **kwargs), its duration taken into account."""
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            took = time.perf_counter() - started
            self.recent = took if self.recent == float("inf") else max(took, self.recent / 2)


class CollectorPause:
    """Python's cycle collector held off while large data is read in threads, then frozen.

    A full collection pauses every thread while it walks all objects: reading a term base of
    20,000 concepts stopped the UI thread five times for 60-220 ms. Holding it off during the
    reads, then freezing what was read (gc.freeze: long-lived, never walked again), keeps the
    editor drawing meanwhile and shortens the pauses that come later.
    """

    _holders = 0
    _was_enabled = False

    @classmethod
    def hold(cls) -> None:
        """Hold the collector off until a matching release."""
        if cls._holders == 0:
            cls._was_enabled = gc.isenabled()
            gc.disable()
        cls._holders += 1

    @classmethod
    def release(cls) -> None:
        """Let the collector run again once every holder has released it."""
        cls._holders -= 1
        if cls._holders == 0 and cls._was_enabled:
            gc.freeze()
            gc.enable()

    @classmethod
    @contextmanager
    def held(cls) -> Iterator[None]:
        """The collector held off for the duration of a with block."""
        cls.hold()
        try:
            yield
        finally:
            cls.release()


def report_failure(node: DOMNode, what: str, error: Exception) -> None:
    """The one place a failed background task is told to the translator."""
    if isinstance(node, ShowsFailure):
        node.show_failure(what, error)
    if node.is_attached:
        node.app.notify(f"{what} failed: {error}", severity="error", timeout=10, markup=False)


def background(
    what: str, *, group: str = "default"
) -> Callable[
    [Callable[Concatenate[Node, P], Awaitable[None]]],
    Callable[Concatenate[Node, P], Worker[None]],
]:
    """Run an async method as a worker of its node.

    what names the task for the failure notice ("Reading the document"). Workers are not
    cancelled by newer ones (a thread cannot be stopped anyway): a method that a newer call
    makes stale checks that itself before it shows its result.
    """

    def decorate(
        method: Callable[Concatenate[Node, P], Awaitable[None]],
    ) -> Callable[Concatenate[Node, P], Worker[None]]:
        def start(node: Node, *args: P.args, **kwargs: P.kwargs) -> Worker[None]:
            async def run() -> None:
                try:
                    await method(node, *args, **kwargs)
                except Exception as error:  # said once, here; the editor goes on without it
                    report_failure(node, what, error)

            return node.run_worker(run, name=what, group=group, exit_on_error=False)

        return wraps(method)(start)  # type: ignore[return-value]

    return decorate
