"""The asyncio primitives ``_async_client`` uses; ``_sync_concurrency`` holds their thread twins.

``scripts/unasync.py`` derives ``_sync_client.py`` from ``_async_client.py`` by renaming
(``AsyncLock`` → ``Lock``, ``async_sleep`` → ``sleep``, ``async def`` → ``def``, ...). What cannot be a
rename is written twice, here and in ``_sync_concurrency``, with the same names less ``Async``.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import httpx

__all__ = [
    "AsyncEvent",
    "AsyncLock",
    "AsyncSemaphore",
    "AsyncSessionWork",
    "async_deadline",
    "async_sleep",
]

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


@asynccontextmanager
async def async_deadline(
    http: httpx.AsyncClient, request: httpx.Request, seconds: float | None
) -> AsyncIterator[None]:
    """Bound the block (connect, TLS, writes, the status line, the headers, the body) to
    ``seconds`` in all, ending in ``httpx.ReadTimeout`` as a silent server would: a server that
    drips its headers cannot hold the call. The block is cancelled at the deadline, so this holds
    for any transport; httpx closes the connection of a cancelled exchange. ``http`` is unused
    here (the thread twin needs it)."""
    if seconds is None:
        yield
        return
    if sys.version_info >= (3, 11):
        bound = asyncio.timeout(seconds)
        try:
            async with bound:
                yield
        except TimeoutError as exc:
            if not bound.expired():
                raise
            raise httpx.ReadTimeout(_too_long(seconds), request=request) from exc
    else:  # pragma: no cover - Python 3.10: no asyncio.timeout, so its core, by hand
        async with _cancelled_after(seconds) as expired:
            try:
                yield
            except asyncio.CancelledError as exc:
                if not expired():
                    raise
                raise httpx.ReadTimeout(_too_long(seconds), request=request) from exc


@asynccontextmanager
async def _cancelled_after(seconds: float) -> AsyncIterator[Callable[[], bool]]:
    """Cancel the current task after ``seconds`` unless the block ended; yields "did it fire?"."""
    task = asyncio.current_task()
    assert task is not None  # an async with runs in a task
    fired = False

    def expire() -> None:
        nonlocal fired
        fired = True
        task.cancel()

    handle = asyncio.get_running_loop().call_later(seconds, expire)
    try:
        yield lambda: fired
    finally:
        handle.cancel()


def _too_long(seconds: float) -> str:
    return f"the answer took more than {seconds:g} s in all"
