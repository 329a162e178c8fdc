"""The asyncio primitives ``_async_client`` uses; ``_sync_concurrency`` holds their thread twins.

``scripts/unasync.py`` derives ``_sync_client.py`` from ``_async_client.py`` by renaming
(``AsyncLock`` → ``Lock``, ``async_sleep`` → ``sleep``, ``async def`` → ``def``, ...). What cannot be a
rename is written twice, here and in ``_sync_concurrency``, with the same names less ``Async``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

__all__ = ["AsyncEvent", "AsyncLock", "AsyncSemaphore", "AsyncSessionWork", "async_sleep"]

_T = TypeVar("_T")

AsyncLock = asyncio.Lock
AsyncSemaphore = asyncio.Semaphore
AsyncEvent = asyncio.Event
async_sleep = asyncio.sleep


class AsyncSessionWork:
    """Runs session work (sign in, renew, sign out) to its end even if the calling task is
    cancelled: a session the server made is then known (and signed out at close), and a sign-out
    is sent. The caller still sees its cancellation."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Future[Any]] = set()  # the loop keeps only weak references

    async def run(self, work: Callable[[], Awaitable[_T]]) -> _T:
        task = asyncio.ensure_future(work())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            task.add_done_callback(_outcome_seen)  # finished for the client, not the caller
            raise


def _outcome_seen(task: asyncio.Future[Any]) -> None:
    """Retrieve a shielded task's outcome, so asyncio reports no exception 'never retrieved'."""
    if not task.cancelled():
        task.exception()
