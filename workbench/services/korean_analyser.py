"""The Korean analyser in a process of its own, for the editor.

Kiwi holds the interpreter while it loads its model and warms up (seconds, once per process):
in the editor's process that freezes the screen at the first Korean word whose ending the
rules do not know, whichever thread asked (the document's QA, most often). Started at the
first such question, the process loads on the other core and answers domain.korean's
splits_after over a pipe, one JSON line each way; while the asking thread waits, the others run.
If it fails, the answer comes from this process, so a failure costs time, never another hit.

Run as `python -m workbench.services.korean_analyser` it is that process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from workbench.domain import korean

_READY = "ready"
_WARM_UP = ("센스타임스럽다", 4)
"""A word whose ending the rules do not know: the first analysis is what takes longest."""


class AnalyserBusy(Exception):
    """The analyser process is still loading, and this thread does not wait for it."""


_impatient = threading.local()


@contextmanager
def analyser_without_waiting() -> Iterator[None]:
    """Within it, a question the analyser process cannot answer yet raises AnalyserBusy in
    this thread instead of waiting (the editor's screen thread then asks from another)."""
    before = getattr(_impatient, "on", False)
    _impatient.on = True
    try:
        yield
    finally:
        _impatient.on = before


class AnalyserProcess:
    """The analyser process, started at the first question; splits_after asks it (from any
    thread: the questions take turns)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._failed = False
        self._ready = threading.Event()
        self._starter: threading.Thread | None = None
        """Set once the process answers (or has failed: then this process answers)."""

    def splits_after(self, word: str, position: int) -> bool:
        """korean.splits_after(word, position), answered by the process."""
        if not self._ready.is_set() and getattr(_impatient, "on", False):
            self._start_in_background()
            raise AnalyserBusy
        with self._lock:
            answer = None if self._failed else self._ask(word, position)
        return korean.splits_after(word, position) if answer is None else answer

    def _ask(self, word: str, position: int) -> bool | None:
        """The process's answer; None when it has failed (it is not asked again)."""
        try:
            process = self._process or self._start()
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps([word, position]) + "\n")
            process.stdin.flush()
            answer = process.stdout.readline().strip()
            if answer not in ("0", "1"):
                raise OSError("the analyser process stopped")
        except (OSError, ValueError):
            self._failed = True
            self._ready.set()
            self.close()
            return None
        return answer == "1"

    def _start_in_background(self) -> None:
        """Start the process from a thread of its own, once (every impatient question while
        it loads would otherwise add a thread waiting for the same start)."""
        if self._starter is None:
            self._starter = threading.Thread(target=self.wait_ready, daemon=True)
            self._starter.start()

    def wait_ready(self) -> None:
        """Start the process if it is not running, and return once it answers."""
        with self._lock:
            if not self._failed and self._process is None:
                try:
                    self._start()
                except (OSError, ValueError):
                    self._failed = True
                    self.close()
            self._ready.set()

    def _start(self) -> subprocess.Popen[str]:
        """Start the process and wait until it has loaded (the caller's thread waits, not
        the interpreter)."""
        process = self._process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        assert process.stdout is not None
        if process.stdout.readline().strip() != _READY:
            raise OSError("the analyser process did not start")
        self._ready.set()
        return process

    @property
    def running(self) -> bool:
        """Whether the process has been started and not stopped."""
        return self._process is not None

    def close(self) -> None:
        """Stop the process (it also stops when this one does: its input closes)."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()


def start_korean_analyser() -> AnalyserProcess:
    """Answer the Korean analyser's questions with a process of its own from now on (started
    at the first question: most documents' words need none)."""
    analyser = AnalyserProcess()
    korean.use_analyser(analyser.splits_after)
    return analyser


def stop_korean_analyser(analyser: AnalyserProcess) -> None:
    """Stop the process; this process's analyser answers from now on."""
    korean.use_analyser(korean.splits_after)
    analyser.close()


def _serve(requests: IO[str], answers: IO[str]) -> None:
    """Load and warm the analyser, say so, then answer each request line until input ends."""
    korean.splits_after(*_WARM_UP)
    answers.write(_READY + "\n")
    answers.flush()
    for line in requests:
        word, position = json.loads(line)
        answers.write("1\n" if korean.splits_after(word, position) else "0\n")
        answers.flush()


if __name__ == "__main__":
    # UTF-8 both ways, whatever the locale (the parent writes and reads UTF-8)
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    _serve(sys.stdin, sys.stdout)
