"""What the thread client asks of a fleet coordinator, and the one that keeps to this process.

Derived from ``_async_coordination.py`` by ``scripts/unasync.py``: edit that file, then run
``python scripts/unasync.py`` (CI checks that this file is current).
"""

from __future__ import annotations

import collections
import logging
import time
from collections.abc import Callable
from typing import Protocol

from ._sync_concurrency import Lock, Semaphore, sleep
from .auth import Auth
from .coordination import WINDOW, Fleet, SharedSession
from .errors import ConfigurationError

__all__ = ["Coordination", "LocalCoordination", "LocalLimits", "connect"]

# A slot as ``enter`` gives it: a Redis lease's name, "" for none needed, None for a local one.
Slot = str | None


class Coordination(Protocol):
    """A fleet coordinator (see the module docstring)."""

    @property
    def generation(self) -> int | None: ...

    def enter(self, *, priority: bool = False) -> Slot: ...

    def leave(self, slot: Slot) -> None: ...

    def session(
        self, seen: int, sign_in: Callable[[], SharedSession]
    ) -> tuple[SharedSession, bool]: ...

    def leave_session(self) -> tuple[bool, SharedSession | None]: ...

    def close(self) -> None:
        """Release the connections; never raises (the client is closing)."""


class LocalLimits:
    """Concurrent requests and requests per minute, kept in this process."""

    def __init__(self, concurrent: int | None, per_minute: int | None) -> None:
        self._slots = Semaphore(concurrent) if concurrent else None
        self._per_minute = per_minute
        self._starts: collections.deque[float] = collections.deque()
        self._window_lock = Lock()
        self._clock: Callable[[], float] = time.monotonic

    def enter(self) -> None:
        if self._per_minute is not None:
            self._take_start(self._per_minute)
        if self._slots is not None:
            self._slots.acquire()

    def leave(self) -> None:
        if self._slots is not None:
            self._slots.release()

    def _take_start(self, per_minute: int) -> None:
        """A place in the sliding minute: now if it has room, else when its oldest start leaves."""
        while True:
            with self._window_lock:
                now = self._clock()
                starts = self._starts
                while starts and starts[0] <= now - WINDOW:
                    starts.popleft()
                if len(starts) < per_minute:
                    starts.append(now)
                    return
                wait = starts[0] + WINDOW - now
            sleep(wait)


class LocalCoordination:
    """The fleet is this process: its limits kept here, its sessions signed in here."""

    def __init__(self, fleet: Fleet) -> None:
        self._limits = LocalLimits(fleet.concurrent_requests, fleet.requests_per_minute)
        self._signed_in = 0

    @property
    def generation(self) -> int | None:
        return None  # nobody else renews: this worker's own session is the fleet's

    def enter(self, *, priority: bool = False) -> Slot:
        self._limits.enter()
        return None

    def leave(self, slot: Slot) -> None:
        self._limits.leave()

    def session(
        self, seen: int, sign_in: Callable[[], SharedSession]
    ) -> tuple[SharedSession, bool]:
        state = sign_in()
        self._signed_in += 1
        state.generation = self._signed_in
        return state, True

    def leave_session(self) -> tuple[bool, SharedSession | None]:
        return True, None  # the client's own session: it signs it out

    def close(self) -> None:
        return None


def connect(fleet: Fleet, site_url: str, auth: Auth, logger: logging.Logger) -> Coordination:
    """The coordinator for ``fleet``: Redis when it has a ``redis_url``, else this process."""
    if fleet.redis_url is None:
        return LocalCoordination(fleet)
    try:
        from ._sync_redis_coordination import RedisCoordination
    except ImportError as exc:
        raise ConfigurationError(
            f"Fleet(redis_url=...) needs redis-py ({exc}): install the package with its redis "
            "extra, e.g. pip install 'your-client-package[redis]' (or pip install 'redis>=5')"
        ) from None
    return RedisCoordination(fleet, site_url, auth, logger)
