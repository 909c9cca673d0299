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
from collections.abc import Awaitable, Callable
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


def report_failure(node: DOMNode, what: str, error: Exception) -> None:
    """The one place a failed background task is told to the translator."""
    if isinstance(node, ShowsFailure):
        node.show_failure(what, error)
    if node.is_attached:
        node.app.notify(f"{what} failed: {error}", severity="error", timeout=10)


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
