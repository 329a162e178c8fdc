"""The thread primitives ``_sync_client`` uses; ``_async_concurrency`` holds their asyncio twins.

``_sync_client.py`` is derived from ``_async_client.py`` by ``scripts/unasync.py``, which renames
``AsyncLock`` to ``Lock``, ``async_sleep`` to ``sleep`` and so on: the names here are those.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["Event", "Lock", "Semaphore", "SessionWork", "sleep"]

_T = TypeVar("_T")

# Re-entrant: a thread that holds the session lock may sign out (close) through the same lock.
Lock = threading.RLock
Semaphore = threading.BoundedSemaphore
Event = threading.Event
sleep = time.sleep


class SessionWork:
    """Runs session work (sign in, renew, sign out) to its end even if the calling thread is
    interrupted: Ctrl-C raises ``KeyboardInterrupt`` wherever the main thread happens to be, and
    inside a sign-in it would lose the answer of a session the server has made. The work runs in
    a thread of its own, which Ctrl-C does not reach, so the session is known (and signed out at
    ``close()``) and a sign-out is sent; the caller still sees its interruption."""

    def run(self, work: Callable[[], _T]) -> _T:
        outcome: list[tuple[bool, Any]] = []

        def run_work() -> None:
            try:
                outcome.append((True, work()))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller below
                outcome.append((False, exc))

        # A daemon: an interpreter that exits without close() does not wait for a slow sign-in.
        thread = threading.Thread(target=run_work, name="acumatica-session-work", daemon=True)
        thread.start()
        thread.join()
        done, result = outcome[0]
        if done:
            return cast(_T, result)
        raise result
