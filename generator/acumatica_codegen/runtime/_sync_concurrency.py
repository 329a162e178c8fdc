"""The thread primitives ``_sync_client`` uses; ``_async_concurrency`` holds their asyncio twins.

``_sync_client.py`` is derived from ``_async_client.py`` by ``scripts/unasync.py``, which renames
``AsyncLock`` to ``Lock``, ``async_sleep`` to ``sleep`` and so on: the names here are those.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Event", "Lock", "Semaphore", "SessionWork", "sleep"]

_T = TypeVar("_T")

# Re-entrant: a thread that holds the session lock may sign out (close) through the same lock.
Lock = threading.RLock
Semaphore = threading.BoundedSemaphore
Event = threading.Event
sleep = time.sleep


class SessionWork:
    """Runs session work (sign in, renew, sign out). A thread cannot be cancelled half-way, so
    unlike its asyncio twin this needs no shield."""

    def run(self, work: Callable[[], _T]) -> _T:
        return work()
