"""Cookie sessions and how they die: sign-out, idle timeout, restarts and licence eviction.

Real Acumatica sessions do not fail request by request; they end:

- after ``session_idle_timeout`` idle seconds (about 20 minutes on a stock instance);
- all at once when the application restarts (an app-pool recycle, a deployment):
  ``expire_all`` (``POST /sandbox/expire-sessions``, ``Sandbox.expire_sessions()``), or at
  random after ``restart_rate`` of the entity requests (``SandboxApp`` calls ``expire_all`` once
  the request has been answered, so a session always serves the request that follows its sign-in);
- by licence eviction: at the API-user limit (``max_sessions``) a new sign-in answers 429 "API
  Login Limit" by default, or with ``evict_idle_sessions`` ends the session idle longest.

After any of these the session's next request answers 401 "You are not logged in.", as a real
instance answers a cookie it no longer knows.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import errors
from .options import SandboxOptions

if TYPE_CHECKING:
    from .auth import Stats


@dataclass
class Session:
    id: str
    user: str
    tenant: str
    branch: str | None
    locale: str | None
    last_seen: float


class SessionTable:
    """The live cookie sessions, counted against the licence's API users."""

    def __init__(self, options: SandboxOptions, clock: Callable[[], float], stats: Stats) -> None:
        self.options = options
        self.clock = clock
        self.stats = stats
        self.sessions: dict[str, Session] = {}

    def __len__(self) -> int:
        self.expire_idle()
        return len(self.sessions)

    def expire_idle(self) -> None:
        deadline = self.clock() - self.options.session_idle_timeout
        for sid in [s.id for s in self.sessions.values() if s.last_seen < deadline]:
            self.expire(sid)

    def get(self, session_id: str | None) -> Session | None:
        """The live session for a cookie value (touching it), or None."""
        if not session_id:
            return None
        session = self.sessions.get(session_id)
        if session is None:
            return None
        now = self.clock()
        if now - session.last_seen > self.options.session_idle_timeout:
            self.expire(session_id)
            return None
        session.last_seen = now
        return session

    def open(self, user: str, tenant: str, branch: str | None, locale: str | None) -> Session:
        """A new session, if the licence has a free API user (or one can be evicted)."""
        if len(self) >= self.options.max_sessions:
            if not self.options.evict_idle_sessions:
                self.stats.rejected_logins += 1
                self.stats.login_limit_hits += 1
                raise errors.login_limit()
            idle_longest = min(self.sessions.values(), key=lambda s: s.last_seen)
            del self.sessions[idle_longest.id]
            self.stats.evicted_sessions += 1
        session = Session(secrets.token_hex(12), user, tenant, branch, locale, self.clock())
        self.sessions[session.id] = session
        self.stats.logins += 1
        self.stats.max_open_sessions_seen = max(
            self.stats.max_open_sessions_seen, len(self.sessions)
        )
        return session

    def close(self, session_id: str | None) -> bool:
        """A sign-out: True when it ended a live session."""
        if session_id and self.sessions.pop(session_id, None) is not None:
            self.stats.logouts += 1
            return True
        return False

    def expire(self, session_id: str) -> None:
        """End a session as the server does when it goes stale (not a sign-out)."""
        if self.sessions.pop(session_id, None) is not None:
            self.stats.expired_sessions += 1

    def expire_all(self) -> int:
        """End every session, as an application restart does; returns how many ended."""
        ended = len(self.sessions)
        self.sessions.clear()
        self.stats.expired_sessions += ended
        self.stats.restarts += 1
        return ended
