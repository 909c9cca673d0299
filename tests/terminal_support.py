"""The editor in a real pseudo-terminal, typed at as a person would; for end-to-end tests."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path


class Terminal:
    """The editor in a pseudo-terminal of 100x30, typed at as a person would."""

    def __init__(self, url: str, cwd: Path, *args: str) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "WORKBENCH_AUTHOR": "kim"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workbench", "--db", url, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = b""

    def read(self, seconds: float) -> None:
        """Collect what the app drew for a while."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, keys: str) -> None:
        """Send keys as a terminal would."""
        os.write(self.master, keys.encode("utf-8"))

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        os.close(self.master)


def wait_for(condition: Callable[[], bool], terminal: Terminal, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        terminal.read(0.2)
    raise AssertionError(f"timed out; the terminal showed: {terminal.screen[-2000:]!r}")
