"""The fleet's limits and shared sessions kept in Redis (redis-py's asyncio client).

``scripts/unasync.py`` derives ``_sync_redis_coordination.py`` from this file. Needs the generated
package's ``redis`` extra; nothing imports this module unless a ``Fleet`` has a ``redis_url``.

Every decision is one Lua script, so it is atomic on the server and uses the server's clock (the
workers' clocks may disagree):

- ``ENTER``: a request's slot. Slots are a sorted set of leases (expiry as score): a dead worker's
  slots expire. The minute is a sorted set of start times. Waiters queue in arrival order (a
  global ticket), and only the first ``free`` of them may enter: first come, first served, so no
  worker starves. Session work (``priority``) skips the queue; while the session is being renewed
  (its lock exists) nobody else enters, since they would only send the stale session.
- ``JOIN``: the session seat with the fewest live users; ``LEAVE``: the last user of a seat takes
  its session to sign out.
- ``REAP``: a seat whose users all died (every membership's lease ended, nobody signing in) still
  holds a session on the server, an API-user seat of the licence. The first worker to see it takes
  its record (so one worker alone signs it out) and moves the seat's generation on (so a worker
  that was only idle takes up a new session rather than send on the ended one). Run before a
  worker joins a seat and every few seconds while it sends (or waits to), which also renews its own
  membership, so a busy worker never looks dead.
- The renewal lock is ``SET NX PX`` (a lease) released by ``UNLOCK`` only by its holder.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ._async_concurrency import async_deadline, async_sleep
from ._async_coordination import AsyncLocalLimits, Slot
from .auth import Auth
from .coordination import (
    WINDOW,
    Fleet,
    FleetUnavailable,
    Sealer,
    SharedSession,
    fleet_namespace,
    new_token,
    orphan_sign_out,
    sealing_key,
)
from .errors import AcumaticaError

__all__ = ["AsyncRedisCoordination"]


# Seconds between tries to reach Redis again once it has failed.
RECONNECT_AFTER = 2.0
# How long a polling waiter sleeps at least and at most.
MIN_POLL = 0.003
MAX_POLL = 0.25
# A queued waiter that has not polled for this long (ms) is taken for dead and leaves the queue.
WAITER_LEASE_MS = 2000
# Seconds added to the minute's window: a request reaches the server a moment after its start is
# counted here, and two starts exactly a minute apart must not arrive less than a minute apart.
WINDOW_SLACK = 1.0
# Seconds a shared session record is kept without use (then a sign-in starts a new one).
SESSION_RECORD_TTL = 24 * 3600
# Seconds between a worker's looks for orphaned sessions (at most; a third of the lease if less,
# which also keeps its own membership alive when no limit makes each request renew it).
REAP_EVERY = 5.0
# Seconds the sign-out of an orphaned session may take: it holds up one request.
ORPHAN_SIGN_OUT_TIMEOUT = 10.0

ENTER = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local token, climit, rlimit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[7]))
local dead = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)
for _, waiter in ipairs(dead) do
  redis.call('ZREM', KEYS[3], waiter)
  redis.call('ZREM', KEYS[4], waiter)
end
local generation = tonumber(redis.call('GET', KEYS[6]) or '0')
if ARGV[10] == '1' then
  redis.call('ZADD', KEYS[8], now + tonumber(ARGV[9]), ARGV[8])
end
local free = 1000000000
if climit > 0 then free = climit - redis.call('ZCARD', KEYS[1]) end
local wait = 0
if rlimit > 0 then
  local room = rlimit - redis.call('ZCARD', KEYS[2])
  if room <= 0 then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    wait = tonumber(oldest[2]) + tonumber(ARGV[7]) - now
  end
  if room < free then free = room end
end
local rank = 0
if ARGV[6] ~= '1' then
  if redis.call('EXISTS', KEYS[7]) == 1 then free = 0 end
  if not redis.call('ZSCORE', KEYS[3], token) then
    redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[5]), token)
  end
  redis.call('ZADD', KEYS[4], now + tonumber(ARGV[5]), token)
  rank = redis.call('ZRANK', KEYS[3], token)
end
if rank < free then
  redis.call('ZREM', KEYS[3], token)
  redis.call('ZREM', KEYS[4], token)
  if climit > 0 then redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), token) end
  if rlimit > 0 then redis.call('ZADD', KEYS[2], now, token) end
  return {1, generation, 0, 0}
end
if wait < 0 then wait = 0 end
return {0, generation, wait, rank - free}
"""

JOIN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local best, fewest = 0, -1
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local users = redis.call('ZCARD', key)
  if fewest < 0 or users < fewest then best, fewest = i, users end
end
redis.call('ZADD', KEYS[best], now + tonumber(ARGV[2]), ARGV[1])
return best - 1
"""

LEAVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > 0 then return {0, ''} end
local record = redis.call('GET', KEYS[2])
redis.call('DEL', KEYS[2])
if not record then record = '' end
return {1, record}
"""

REAP = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local own = tonumber(ARGV[3])
local claimed = {}
for seat = 0, #KEYS / 4 - 1 do
  local users, record = KEYS[seat * 4 + 1], KEYS[seat * 4 + 2]
  if seat == own then redis.call('ZADD', users, now + tonumber(ARGV[2]), ARGV[1]) end
  redis.call('ZREMRANGEBYSCORE', users, '-inf', now)
  if redis.call('ZCARD', users) == 0 and redis.call('EXISTS', KEYS[seat * 4 + 3]) == 0 then
    local sealed = redis.call('GET', record)
    if sealed then
      redis.call('DEL', record)
      redis.call('INCR', KEYS[seat * 4 + 4])
      claimed[#claimed + 1] = seat
      claimed[#claimed + 1] = sealed
    end
  end
end
return claimed
"""

UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class _Down(Exception):
    """Redis cannot be reached (now, or recently): keep to the local share."""


class AsyncRedisCoordination:
    """A ``Fleet`` kept in Redis; one per client (one worker's membership)."""

    def __init__(
        self,
        fleet: Fleet,
        site_url: str,
        auth: Auth,
        logger: logging.Logger,
        http: httpx.AsyncClient,
    ) -> None:
        self.fleet = fleet
        self._logger = logger
        # What signing out an orphaned session needs (the client's own httpx client: its proxy,
        # certificates and transport).
        self._site_url = site_url
        self._auth = auth
        self._http = http
        self._sealer = Sealer(sealing_key(fleet, auth))
        # Short socket timeouts: a Redis that hangs must not hold requests longer than a refusal.
        # One retry on a fresh connection after a connection error: a pooled connection that a
        # Redis restart broke must not cost another RECONNECT_AFTER of local limits.
        self._redis: Redis = Redis.from_url(
            str(fleet.redis_url),
            socket_timeout=2.0,
            socket_connect_timeout=2.0,
            retry=Retry(NoBackoff(), 1),
            retry_on_error=[RedisConnectionError],
        )
        self._enter = self._redis.register_script(ENTER)
        self._join = self._redis.register_script(JOIN)
        self._leave = self._redis.register_script(LEAVE)
        self._unlock = self._redis.register_script(UNLOCK)
        self._reap_script = self._redis.register_script(REAP)
        limits, sessions = fleet_namespace(fleet, site_url, auth)
        self._limit_keys = [f"{limits}:{name}" for name in ("slots", "minute", "queue", "alive")]
        self._ticket_key = f"{limits}:ticket"
        self._seat_keys = [
            {name: f"{sessions}:{seat}:{name}" for name in ("gen", "lock", "users", "record")}
            for seat in range(fleet.sessions)
        ]
        self._worker = new_token()
        self._seat: int | None = None
        self._generation: int | None = None
        self._local = AsyncLocalLimits(*fleet.local_share())
        self._down_until: float | None = None  # while set, Redis is not asked before then
        self._state_lock = threading.Lock()  # held for no I/O: fine in asyncio too
        self._clock: Callable[[], float] = time.monotonic
        self._limited = fleet.concurrent_requests is not None or (
            fleet.requests_per_minute is not None
        )
        self._reap_every = min(fleet.lease / 3, REAP_EVERY)
        self._next_reap = 0.0  # client clock: the first request looks at once

    # Reaching Redis ---------------------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        """True while Redis is unreachable and this worker keeps to its local share."""
        return self._down_until is not None

    async def _call(self, work: Callable[[], Awaitable[Any]]) -> Any:
        """Run one Redis command or script; ``_Down`` if Redis is unreachable. Says so once
        when it goes, once when it comes back."""
        down_until = self._down_until
        if down_until is not None and self._clock() < down_until:
            raise _Down
        try:
            result = await work()
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            self._went_down(exc)
            raise _Down from exc
        if down_until is not None:
            self._came_back()
        return result

    def _went_down(self, exc: Exception) -> None:
        with self._state_lock:  # many threads fail at once: one says so
            first = self._down_until is None
            self._down_until = self._clock() + RECONNECT_AFTER
        if first:
            concurrent, per_minute = self.fleet.local_share()
            self._logger.warning(
                "fleet %r: Redis is unreachable (%s): keeping to this worker's share of "
                "the limits (%s concurrent, %s per minute, for a fleet of %d) until it answers",
                self.fleet.name,
                type(exc).__name__,
                concurrent or "no limit on",
                per_minute or "no limit on",
                self.fleet.fleet_size,
            )

    def _came_back(self) -> None:
        with self._state_lock:
            was_down = self._down_until is not None
            self._down_until = None
        if was_down:
            self._logger.warning("fleet %r: Redis answers again: fleet limits", self.fleet.name)

    # Requests ---------------------------------------------------------------------------------

    @property
    def generation(self) -> int | None:
        """The seat's session generation; 0 before joining one (so a worker that signed in on
        its own while Redis was away joins the fleet's session when Redis is back)."""
        if self.degraded:
            return None
        return 0 if self._seat is None else self._generation

    async def enter(self, *, priority: bool = False) -> Slot:
        await self._reap_if_due()
        if not self._limited:
            return ""
        token = new_token()
        seat = self._seat
        seat_keys = self._seat_keys[seat if seat is not None else 0]
        keys = [*self._limit_keys, self._ticket_key, seat_keys["gen"], seat_keys["lock"]]
        keys.append(seat_keys["users"])
        fleet = self.fleet
        args: list[Any] = [
            token,
            fleet.concurrent_requests or 0,
            fleet.requests_per_minute or 0,
            int(fleet.lease * 1000),
            WAITER_LEASE_MS,
            1 if priority else 0,
            int((WINDOW + WINDOW_SLACK) * 1000),
            self._worker,
            int(fleet.lease * 1000),
            0 if seat is None else 1,
        ]
        deadline = self._clock() + fleet.wait_timeout
        queued = False
        try:
            while True:
                try:
                    answer = await self._call(lambda: self._enter(keys=keys, args=args))
                except _Down:
                    await self._local.enter()
                    return None
                granted, generation, wait_ms, ahead = (int(x) for x in answer)
                if seat is not None:
                    self._generation = generation
                if granted:
                    return token
                queued = not priority
                if self._clock() > deadline:
                    raise FleetUnavailable(
                        f"fleet {fleet.name!r}: no request slot after {fleet.wait_timeout:g} s "
                        f"({ahead + 1} requests ahead in the fleet's queue)"
                    )
                await async_sleep(self._pause(wait_ms / 1000, ahead))
                await self._reap_if_due()
        except BaseException:
            if queued:  # leave the queue now rather than when its lease runs out
                await self._forget(token)
            raise

    def _pause(self, window_wait: float, ahead: int) -> float:
        """How long a waiter sleeps before it asks again: until the minute has room, plus the
        turns of those ahead of it; jittered, so waiters do not ask all at once."""
        per_turn = 60.0 / self.fleet.requests_per_minute if self.fleet.requests_per_minute else 0
        estimate = window_wait + max(ahead, 0) * max(per_turn, MIN_POLL)
        return min(MAX_POLL, max(MIN_POLL, estimate)) * (0.75 + random.random() / 2)

    async def _forget(self, token: str) -> None:
        queue, alive = self._limit_keys[2], self._limit_keys[3]
        try:
            await self._call(lambda: self._redis.zrem(queue, token))
            await self._call(lambda: self._redis.zrem(alive, token))
        except _Down:
            pass

    async def leave(self, slot: Slot) -> None:
        if slot is None:
            self._local.leave()
        elif slot and self.fleet.concurrent_requests is not None:
            slots = self._limit_keys[0]
            try:
                await self._call(lambda: self._redis.zrem(slots, slot))
            except _Down:
                pass  # its lease ends it

    # Sessions ---------------------------------------------------------------------------------

    async def session(
        self, seen: int, sign_in: Callable[[], Awaitable[SharedSession]]
    ) -> tuple[SharedSession, bool]:
        """The fleet's session if it is not the one ``seen`` (stale); else, under the seat's lock,
        ``sign_in()`` for the fleet. Without Redis, ``sign_in()`` for this worker alone."""
        try:
            if self._seat is None:
                await self._reap()  # an orphaned seat has no users: signed out, not joined
                keys = [seat["users"] for seat in self._seat_keys]
                args: list[str | int] = [self._worker, int(self.fleet.lease * 1000)]
                self._seat = int(await self._call(lambda: self._join(keys=keys, args=args)))
            state, signed_in = await self._fleet_session(self._seat_keys[self._seat], seen, sign_in)
            self._generation = state.generation
            return state, signed_in
        except _Down:
            return await self._own_session(sign_in)

    async def _fleet_session(
        self, keys: dict[str, str], seen: int, sign_in: Callable[[], Awaitable[SharedSession]]
    ) -> tuple[SharedSession, bool]:
        current = await self._stored(keys)
        if current is not None and current.generation != seen:
            return current, False
        lock = new_token()
        lease_ms = int(self.fleet.lease * 1000)
        deadline = self._clock() + self.fleet.wait_timeout
        while not await self._call(
            lambda: self._redis.set(keys["lock"], lock, nx=True, px=lease_ms)
        ):
            if self._clock() > deadline:
                raise FleetUnavailable(
                    f"fleet {self.fleet.name!r}: another worker has been signing in for "
                    f"{self.fleet.wait_timeout:g} s"
                )
            await async_sleep(random.uniform(0.01, 0.03))
            current = await self._stored(keys)
            if current is not None and current.generation != seen:
                return current, False
        try:
            current = await self._stored(keys)
            if current is not None and current.generation != seen:
                return current, False  # renewed between our look and our lock
            state = await sign_in()
            try:
                state.generation = int(await self._call(lambda: self._redis.incr(keys["gen"])))
                sealed = self._sealer.seal(state.to_bytes())
                await self._call(
                    lambda: self._redis.set(keys["record"], sealed, ex=SESSION_RECORD_TTL)
                )
            except _Down:
                state.generation = -1  # signed in, but the fleet cannot know: ours alone
            return state, True
        finally:
            try:
                await self._call(lambda: self._unlock(keys=[keys["lock"]], args=[lock]))
            except _Down:
                pass  # its lease ends it

    async def _stored(self, keys: dict[str, str]) -> SharedSession | None:
        """The fleet's session record, or None (none yet, or sealed with another key)."""
        sealed = await self._call(lambda: self._redis.get(keys["record"]))
        if sealed is None:
            return None
        plain = self._sealer.open(sealed)
        if plain is None:
            self._logger.warning(
                "fleet %r: the shared session in Redis is sealed with another key: signing in "
                "anew (give every worker the same credentials or Fleet key)",
                self.fleet.name,
            )
            return None
        return SharedSession.from_bytes(plain)

    async def _own_session(
        self, sign_in: Callable[[], Awaitable[SharedSession]]
    ) -> tuple[SharedSession, bool]:
        """Sign in for this worker alone, if the session budget allows each worker one."""
        fleet = self.fleet
        if fleet.sessions < fleet.fleet_size:
            raise FleetUnavailable(
                f"fleet {fleet.name!r}: Redis is unreachable, and {fleet.sessions} API "
                f"session(s) cannot give each of {fleet.fleet_size} workers one of its own: "
                "retry when Redis answers (or raise Fleet(sessions=...) if the licence allows)"
            )
        state = await sign_in()
        state.generation = -1
        return state, True

    # Orphaned sessions -----------------------------------------------------------------------

    async def _reap_if_due(self) -> None:
        """Every ``_reap_every`` seconds: sign out the sessions whose users all died."""
        now = self._clock()
        with self._state_lock:  # one thread or task of this worker looks; the others go on
            if now < self._next_reap:
                return
            self._next_reap = now + self._reap_every
        await self._reap()

    async def _reap(self) -> None:
        """Claim (``REAP``) and sign out every orphaned session of the fleet; renew this
        worker's own membership first. Never raises: a request is waiting."""
        self._next_reap = self._clock() + self._reap_every  # a look now is the next one due
        keys = [
            seat[name] for seat in self._seat_keys for name in ("users", "record", "lock", "gen")
        ]
        own = -1 if self._seat is None else self._seat
        args: list[str | int] = [self._worker, int(self.fleet.lease * 1000), own]
        try:
            claimed = await self._call(lambda: self._reap_script(keys=keys, args=args))
        except _Down:
            return  # the next look, when Redis answers, finds them still there
        for seat, sealed in zip(claimed[::2], claimed[1::2], strict=True):
            plain = self._sealer.open(sealed)
            if plain is None:  # sealed with another key: not ours to end (nor can we)
                continue
            await self._sign_out_orphan(int(seat), SharedSession.from_bytes(plain))

    async def _sign_out_orphan(self, seat: int, orphan: SharedSession) -> None:
        """End a claimed orphan on the server, through a fleet slot; logs no cookie or token."""
        request = orphan_sign_out(self._auth, self._site_url, orphan)
        if request is None:
            return
        name = self.fleet.name
        try:
            slot = await self.enter(priority=True)
        except AcumaticaError as exc:
            self._logger.warning(
                "fleet %r: no slot to sign out an orphaned session (%s): the server's idle "
                "timeout will end it",
                name,
                type(exc).__name__,
            )
            return
        try:
            sent = self._http.build_request(
                request.method, request.url, timeout=ORPHAN_SIGN_OUT_TIMEOUT
            )
            sent.headers.pop("Cookie", None)  # its cookies only, whatever the httpx client holds
            sent.headers.update(request.headers)
            # Bounded in all, and its body never read (the status is all it tells us): a server
            # that drips or inflates its answer cannot hold the request that found the orphan.
            async with async_deadline(self._http, sent, ORPHAN_SIGN_OUT_TIMEOUT):
                response = await self._http.send(sent, stream=True, follow_redirects=False)
                await response.aclose()
            outcome = f"answered {response.status_code}"
        except Exception as exc:  # unreachable, or a closed httpx client: a request is waiting
            outcome = f"failed ({type(exc).__name__}): the server's idle timeout will end it"
        finally:
            await self.leave(slot)
        self._logger.warning(
            "fleet %r: the workers of session %d (seat %d) all stopped without signing out "
            "(their leases ended); signing it out %s",
            name,
            orphan.generation,
            seat,
            outcome,
        )

    async def leave_session(self) -> tuple[bool, SharedSession | None]:
        """Leave this worker's seat: sign out (with the fleet's newest session) if it was the
        seat's last user. Not when Redis is unreachable: the others, or the lease, decide."""
        if self._seat is None:
            return True, None  # never joined: a session of its own, if any
        keys = self._seat_keys[self._seat]
        self._seat = None
        try:
            last, sealed = await self._call(
                lambda: self._leave(keys=[keys["users"], keys["record"]], args=[self._worker])
            )
        except _Down:
            return False, None
        plain = self._sealer.open(sealed) if sealed else None
        return bool(last), None if plain is None else SharedSession.from_bytes(plain)

    async def close(self) -> None:
        try:
            await self._redis.aclose()
        except Exception as exc:  # a connection already broken: nothing left to release
            self._logger.debug("closing the fleet's Redis connections: %r", exc)
