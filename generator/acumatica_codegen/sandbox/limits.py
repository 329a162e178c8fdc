"""Licence limits on API requests: how many run at once, and how many start per minute.

An Acumatica licence caps the tenant's concurrent API requests and its API requests per minute
(License Monitoring Console, SM604000). Requests over a cap are not refused at once: they wait in
a queue (the console counts them as delayed) and are refused only when the wait grows too long
(declined). The sandbox does the same for every request but its own ``/sandbox/...`` routes:

- ``max_concurrent_requests``: at most N requests are served at once; the others wait, first come
  first served, for a free slot;
- ``max_requests_per_minute``: at most N requests start in any 60 seconds (a sliding window); the
  others are given the first later start the window allows, and wait for it;
- a request whose wait would exceed ``request_queue_timeout`` seconds answers **429** with
  ``exceptionType`` ``PX.Data.PXException``, a ``Retry-After`` header, and "API Concurrent
  Request Limit: ..." or "API Request Limit: ..." (the wording this sandbox uses; a real instance
  words it per version).

``Stats`` records the peaks for ``/sandbox/stats``: ``peak_concurrent_requests``,
``peak_queued_requests``, ``busiest_minute_requests`` (most requests started within any 60 s),
``delayed_requests`` and ``declined_requests``.
"""

from __future__ import annotations

import asyncio
import collections
import math
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from . import errors
from .options import SandboxOptions

if TYPE_CHECKING:
    from .auth import Stats

WINDOW = 60.0  # seconds of the requests-per-minute window


class LicenceLimits:
    """Admits requests under the licence's caps; ``enter`` before serving, ``leave`` after."""

    def __init__(
        self,
        options: SandboxOptions,
        stats: Stats,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.options = options
        self.stats = stats
        self.clock = clock
        self.sleep = sleep  # with ``clock``, replaceable so that tests need not wait a minute
        self.running = 0
        self.waiting: collections.deque[asyncio.Future[None]] = collections.deque()
        self.starts: collections.deque[float] = collections.deque()  # reserved start times
        self.recent: collections.deque[float] = collections.deque()  # actual starts, last 60 s

    async def enter(self) -> None:
        """Wait for the request's turn; raises the 429 SandboxHTTPError when it would wait too long."""
        deadline = self.clock() + self.options.request_queue_timeout
        start = self._reserve_start(deadline)
        delayed = False
        try:
            wait = start - self.clock() if start is not None else 0.0
            if wait > 0:
                delayed = True
                await self.sleep(wait)
            if self._over_concurrency():
                delayed = True
                await self._wait_for_slot(deadline)
            else:
                self.running += 1
        except BaseException:
            if start is not None:
                self._unreserve(start)
            raise
        if delayed:
            self.stats.delayed_requests += 1
        self._started()

    def leave(self) -> None:
        """The request is answered: its slot goes to the longest waiter, if any."""
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes on; ``running`` stays the same
                return
        self.running -= 1

    # -- requests per minute -------------------------------------------------------------------

    def _reserve_start(self, deadline: float) -> float | None:
        """The time this request may start under the per-minute cap (reserved), or None."""
        limit = self.options.max_requests_per_minute
        if limit is None:
            return None
        now = self.clock()
        starts = self.starts
        while starts and starts[0] <= now - WINDOW:
            starts.popleft()
        start = now if len(starts) < limit else max(now, starts[-limit] + WINDOW)
        if start > deadline:
            self._decline(
                f"API Request Limit: the licence allows {limit} requests per minute, and this "
                f"one could start only in {start - now:.1f} s.",
                start - now,
            )
        starts.append(start)
        return start

    def _unreserve(self, start: float) -> None:
        try:
            self.starts.remove(start)
        except ValueError:  # already out of the window
            pass

    def _started(self) -> None:
        now = self.clock()
        recent = self.recent
        recent.append(now)
        while recent and recent[0] <= now - WINDOW:
            recent.popleft()
        stats = self.stats
        stats.busiest_minute_requests = max(stats.busiest_minute_requests, len(recent))
        stats.peak_concurrent_requests = max(stats.peak_concurrent_requests, self.running)

    # -- concurrent requests -------------------------------------------------------------------

    def _over_concurrency(self) -> bool:
        limit = self.options.max_concurrent_requests
        if limit is None:
            return False
        if any(waiter.done() for waiter in self.waiting):  # timed out or gone: not in line
            self.waiting = collections.deque(w for w in self.waiting if not w.done())
        return self.running >= limit or bool(self.waiting)  # first come, first served

    async def _wait_for_slot(self, deadline: float) -> None:
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting.append(waiter)
        self.stats.peak_queued_requests = max(self.stats.peak_queued_requests, len(self.waiting))
        try:
            await asyncio.wait_for(asyncio.shield(waiter), max(0.0, deadline - self.clock()))
        except asyncio.TimeoutError:
            if waiter.done():  # the slot arrived as the wait ended: keep it
                return
            waiter.cancel()
            limit = self.options.max_concurrent_requests
            self._decline(
                f"API Concurrent Request Limit: the licence allows {limit} concurrent requests, "
                f"and this one waited {self.options.request_queue_timeout:g} s for a slot.",
                1.0,
            )
        except BaseException:  # the client went away while waiting
            if waiter.done() and not waiter.cancelled():
                self.leave()  # pass on the slot it was given
            else:
                waiter.cancel()
            raise

    def _decline(self, message: str, retry_after: float) -> None:
        self.stats.declined_requests += 1
        raise errors.exception_error(
            429,
            message,
            errors.PX_EXCEPTION,
            "PX.Api.RequestThrottle.Enter",
            **{"Retry-After": str(max(1, math.ceil(retry_after)))},
        )
