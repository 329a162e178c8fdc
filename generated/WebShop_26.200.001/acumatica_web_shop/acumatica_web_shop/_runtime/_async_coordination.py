"""What the asyncio client asks of a fleet coordinator, and the one that keeps to this process.

``scripts/unasync.py`` derives ``_sync_coordination.py`` from this file, as it derives the sync
client. The client calls a coordinator at four points only (see ``AsyncBaseClient``):

- ``enter``/``leave`` around each request it sends (a fleet-wide slot and a place in the
  requests-per-minute window; ``priority`` for sign-in and sign-out, which must not queue behind
  the requests that wait for them);
- ``session`` when it must sign in or renew: the fleet's current session, or one it signs in for
  the fleet (``sign_in`` runs at most once across the fleet per stale session);
- ``leave_session`` at close: whether to sign out (this worker was the session's last user), and
  the fleet's newest session, which is the one to sign out.

``generation`` is the fleet's session generation as last seen (None when unknown), so a worker
can take up a renewed session before it sends a request on the old one.
"""

from __future__ import annotations

import collections
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from ._async_concurrency import AsyncLock, AsyncSemaphore, async_sleep
from .auth import Auth
from .coordination import WINDOW, Fleet, SharedSession
from .errors import ConfigurationError

__all__ = ["AsyncCoordination", "AsyncLocalCoordination", "AsyncLocalLimits", "connect"]

# A slot as ``enter`` gives it: a Redis lease's name, "" for none needed, None for a local one.
Slot = str | None


class AsyncCoordination(Protocol):
    """A fleet coordinator (see the module docstring)."""

    @property
    def generation(self) -> int | None: ...

    async def enter(self, *, priority: bool = False) -> Slot: ...

    async def leave(self, slot: Slot) -> None: ...

    async def session(
        self, seen: int, sign_in: Callable[[], Awaitable[SharedSession]]
    ) -> tuple[SharedSession, bool]: ...

    async def leave_session(self) -> tuple[bool, SharedSession | None]: ...

    async def close(self) -> None:
        """Release the connections; never raises (the client is closing)."""


class AsyncLocalLimits:
    """Concurrent requests and requests per minute, kept in this process."""

    def __init__(self, concurrent: int | None, per_minute: int | None) -> None:
        self._slots = AsyncSemaphore(concurrent) if concurrent else None
        self._per_minute = per_minute
        self._starts: collections.deque[float] = collections.deque()
        self._window_lock = AsyncLock()
        self._clock: Callable[[], float] = time.monotonic

    async def enter(self) -> None:
        if self._per_minute is not None:
            await self._take_start(self._per_minute)
        if self._slots is not None:
            await self._slots.acquire()

    def leave(self) -> None:
        if self._slots is not None:
            self._slots.release()

    async def _take_start(self, per_minute: int) -> None:
        """A place in the sliding minute: now if it has room, else when its oldest start leaves."""
        while True:
            async with self._window_lock:
                now = self._clock()
                starts = self._starts
                while starts and starts[0] <= now - WINDOW:
                    starts.popleft()
                if len(starts) < per_minute:
                    starts.append(now)
                    return
                wait = starts[0] + WINDOW - now
            await async_sleep(wait)


class AsyncLocalCoordination:
    """The fleet is this process: its limits kept here, its sessions signed in here."""

    def __init__(self, fleet: Fleet) -> None:
        self._limits = AsyncLocalLimits(fleet.concurrent_requests, fleet.requests_per_minute)
        self._signed_in = 0

    @property
    def generation(self) -> int | None:
        return None  # nobody else renews: this worker's own session is the fleet's

    async def enter(self, *, priority: bool = False) -> Slot:
        await self._limits.enter()
        return None

    async def leave(self, slot: Slot) -> None:
        self._limits.leave()

    async def session(
        self, seen: int, sign_in: Callable[[], Awaitable[SharedSession]]
    ) -> tuple[SharedSession, bool]:
        state = await sign_in()
        self._signed_in += 1
        state.generation = self._signed_in
        return state, True

    async def leave_session(self) -> tuple[bool, SharedSession | None]:
        return True, None  # the client's own session: it signs it out

    async def close(self) -> None:
        return None


def connect(fleet: Fleet, site_url: str, auth: Auth, logger: logging.Logger) -> AsyncCoordination:
    """The coordinator for ``fleet``: Redis when it has a ``redis_url``, else this process."""
    if fleet.redis_url is None:
        return AsyncLocalCoordination(fleet)
    try:
        from ._async_redis_coordination import AsyncRedisCoordination
    except ImportError as exc:
        raise ConfigurationError(
            f"Fleet(redis_url=...) needs redis-py ({exc}): install the package with its redis "
            "extra, e.g. pip install 'your-client-package[redis]' (or pip install 'redis>=5')"
        ) from None
    return AsyncRedisCoordination(fleet, site_url, auth, logger)
