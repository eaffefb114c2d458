"""Jobs of a sweep end when the process that launched them dies.

A killed ``carework run -m`` would otherwise leave its launcher's worker processes (joblib's
loky workers, about 0.5 GB each) finishing their runs and then idling with nobody to report
to. Each worker process watches its parent. Once the parent is gone (the worker has been
handed to another process), a job in flight is sent SIGTERM, which
``sim.cli.run.exit_on_sigterm`` turns into an exit that removes its unfinished run folder (a
relaunched sweep redoes it), and then the process ends, whether it was running a job or not.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

POLL_SECONDS = 1.0  # how often a worker checks its parent, seconds
GRACE_SECONDS = 30.0  # how long a job in flight has to clean up once told to stop, seconds


class ParentWatch:
    """Ends this process once its parent has died, letting a job in flight clean up first.

    Attributes:
        parent: Process id of the parent when the watch started.
    """

    def __init__(self, poll_seconds: float = POLL_SECONDS) -> None:
        self.parent = os.getppid()
        self._poll = poll_seconds
        self._busy = threading.Event()
        threading.Thread(target=self._watch, name="end-with-parent", daemon=True).start()

    @contextmanager
    def job(self) -> Iterator[None]:
        """Mark a job in flight for the duration of the ``with`` block."""
        self._busy.set()
        try:
            yield
        finally:
            self._busy.clear()

    def _watch(self) -> None:
        while os.getppid() == self.parent:
            time.sleep(self._poll)
        if self._busy.is_set():
            os.kill(os.getpid(), signal.SIGTERM)
            deadline = time.monotonic() + GRACE_SECONDS
            while self._busy.is_set() and time.monotonic() < deadline:
                time.sleep(0.1)
        os._exit(128 + signal.SIGTERM)


_WATCH: ParentWatch | None = None


def watch_parent() -> ParentWatch:
    """This process's watch of its parent, started on first use."""
    global _WATCH
    if _WATCH is None:
        _WATCH = ParentWatch()
    return _WATCH
