"""Many workers, one licence: what a fleet of client processes shares, and how it is kept.

An Acumatica licence limits the whole tenant: API users signed in at once, concurrent API requests
and requests per minute. A client alone keeps ``max_concurrency`` and one session per process;
``Fleet`` makes every worker that is given the same ``Fleet`` settings (same ``redis_url`` and
``name``) keep the limits together:

- ``concurrent_requests``: requests in flight across the fleet (slots are leases: a worker killed
  mid-request loses its slot after ``lease`` seconds, never for good);
- ``requests_per_minute``: a sliding window over the fleet, checked atomically in Redis, first
  come first served (no worker starves);
- ``sessions``: API users the fleet signs in at once; workers share these sessions (cookies or
  OAuth tokens kept in Redis, sealed with a key only the workers have), so eight workers cost one
  seat. A stale session is renewed once for the fleet (a lock with a lease); the others wait and
  use the new one. The last worker to leave a session signs it out; a session whose users all
  died (their leases ended) is signed out by the next worker that touches the fleet.

Without ``redis_url`` the limits are kept in this process only (the same code path, no Redis).
When Redis cannot be reached a worker keeps to ``1/fleet_size`` of each limit on its own, says so
once in the log, and goes back to the fleet's limits when Redis answers again.

This module holds what both transports share and does no I/O: the settings, the session record
and its sealing. ``_async_coordination`` / ``_sync_coordination`` hold the in-process
coordinator, ``_async_redis_coordination`` / ``_sync_redis_coordination`` the Redis one.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import math
import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from .auth import EXPIRY_MARGIN, Auth, AuthRequest, OAuth2Token
from .errors import AcumaticaError, ConfigurationError

__all__ = ["Fleet", "FleetUnavailable"]

# Seconds of the requests-per-minute window.
WINDOW = 60.0


class FleetUnavailable(AcumaticaError):
    """The fleet's coordination cannot give this worker what it needs (e.g. Redis is unreachable
    and the session budget is too small to give each worker a session of its own)."""


@dataclass(frozen=True)
class Fleet:
    """How the workers of one integration share the licence; pass as ``Client(fleet=...)``.

    - ``redis_url``: ``redis://host:6379/0`` (``rediss://`` for TLS); ``None`` keeps the limits in
      this process. Needs the ``redis`` extra of the generated package.
    - ``name``: the fleet; workers with the same name and site share limits and sessions.
    - ``concurrent_requests``, ``requests_per_minute``: the licence's limits (None: no limit).
    - ``sessions``: API users the fleet may have signed in at once (each shared by many workers).
    - ``fleet_size``: how many workers run; when Redis is unreachable each keeps to its share.
    - ``lease``: seconds a dead worker's slot, lock or session membership outlives it. Keep it
      above your request timeout (each attempt is bounded by it in all, headers and body
      included): a slot whose lease ends is given to another request. 90 by default, above the
      clients' 60 s default timeout.
    - ``key``: the secret that seals shared sessions in Redis; by default derived from the
      credentials' secrets (every worker has them, Redis alone does not).
    - ``wait_timeout``: seconds a request waits for a slot before ``FleetUnavailable``.
    """

    redis_url: str | None = None
    name: str = "acumatica"
    concurrent_requests: int | None = None
    requests_per_minute: int | None = None
    sessions: int = 1
    fleet_size: int = 1
    lease: float = 90.0
    key: str | bytes | None = field(default=None, repr=False)
    wait_timeout: float = 300.0

    def __post_init__(self) -> None:
        for name in ("concurrent_requests", "requests_per_minute"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ConfigurationError(f"Fleet {name} must be a whole number or None")
            if value is not None and value < 1:
                raise ConfigurationError(f"Fleet {name} must be at least 1 (or None: no limit)")
        for name in ("sessions", "fleet_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigurationError(f"Fleet {name} must be a whole number, at least 1")
        for name in ("lease", "wait_timeout"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
                raise ConfigurationError(f"Fleet {name} must be a positive number of seconds")
        if self.redis_url is not None and not self.redis_url.startswith(
            ("redis://", "rediss://", "unix://")
        ):
            raise ConfigurationError(
                f"Fleet redis_url must look like redis://host:6379/0, not {self.redis_url!r}"
            )

    def local_share(self) -> tuple[int | None, int | None]:
        """This worker's share of the limits when it must keep them alone: (concurrent, per minute).

        Rounded down (the fleet must stay under the licence), but never below one."""
        concurrent = self.concurrent_requests
        per_minute = self.requests_per_minute
        return (
            None if concurrent is None else max(1, concurrent // self.fleet_size),
            None if per_minute is None else max(1, per_minute // self.fleet_size),
        )


@dataclass
class SharedSession:
    """A signed-in session as the fleet shares it: cookies or OAuth tokens, and its generation.

    ``generation`` numbers the fleet's sign-ins (renewals included); a worker whose generation is
    not the fleet's uses the fleet's session. A negative generation is a session of this worker's
    own (signed in while the fleet could not be reached)."""

    generation: int
    cookies: dict[str, str]
    tokens: dict[str, Any]

    def to_bytes(self) -> bytes:
        record = {"generation": self.generation, "cookies": self.cookies, "tokens": self.tokens}
        return json.dumps(record, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> SharedSession:
        record = json.loads(data)
        return cls(int(record["generation"]), dict(record["cookies"]), dict(record["tokens"]))

    def __repr__(self) -> str:  # never the cookies or tokens
        return f"SharedSession(generation={self.generation})"


def orphan_sign_out(auth: Auth, site_url: str, orphan: SharedSession) -> AuthRequest | None:
    """The sign-out of a shared session whose users all died: what ``auth`` would send to end it,
    with the orphan's cookies and tokens instead of this worker's. None when these credentials
    never sign out (an ``OAuth2Token`` given from elsewhere: its grant is not the fleet's to end)
    or the record names no session."""
    if not (orphan.tokens.get("access_token") if isinstance(auth, OAuth2Token) else orphan.cookies):
        return None  # nothing names the session: a sign-out would end nothing (or ours)
    theirs = copy.copy(auth)  # this worker's own tokens stay as they are
    import_tokens(theirs, orphan.tokens)
    request = theirs.sign_out_request(site_url)
    if request is None:
        return None
    headers = {**theirs.headers(), **request.headers}
    if orphan.cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in orphan.cookies.items())
    return request._replace(headers=headers)


def export_tokens(auth: Auth) -> dict[str, Any]:
    """The OAuth tokens a sign-in or refresh gave (nothing for a cookie session)."""
    if not isinstance(auth, OAuth2Token):
        return {}
    return {
        "access_token": auth.access_token,
        "refresh_token": auth.refresh_token,
        "expires_at": auth.expires_at,
    }


def import_tokens(auth: Auth, tokens: dict[str, Any]) -> None:
    """Use the fleet's tokens (a single-use refresh token included: it is the fleet's now)."""
    if not isinstance(auth, OAuth2Token) or not tokens.get("access_token"):
        return
    auth.access_token = str(tokens["access_token"])
    auth.refresh_token = tokens.get("refresh_token") or auth.refresh_token
    expires_at = tokens.get("expires_at")
    auth.expires_at = None if expires_at is None else float(expires_at)
    # As OAuth2Token.accept does: renew shortly before expiry.
    auth._renew_at = None if auth.expires_at is None else auth.expires_at - EXPIRY_MARGIN


class Sealer:
    """Seals a shared session for Redis: encrypted and authenticated with the standard library.

    HMAC-SHA256 as a pseudo-random function in counter mode (a random 16-byte nonce per record)
    gives the key stream, and an HMAC-SHA256 tag over nonce and ciphertext (encrypt-then-MAC, a
    separate derived key) is checked before anything is decrypted. No third-party cipher is
    needed, so the ``redis`` extra stays redis-py alone."""

    def __init__(self, key: bytes) -> None:
        self._stream_key = hmac.new(key, b"acumatica-fleet stream", hashlib.sha256).digest()
        self._tag_key = hmac.new(key, b"acumatica-fleet tag", hashlib.sha256).digest()

    def seal(self, plain: bytes) -> bytes:
        nonce = os.urandom(16)
        body = _xor(plain, self._stream(nonce, len(plain)))
        tag = hmac.new(self._tag_key, nonce + body, hashlib.sha256).digest()
        return base64.b64encode(nonce + tag + body)

    def open(self, sealed: bytes) -> bytes | None:
        """The plain record, or None when it was sealed with another key (or tampered with)."""
        try:
            raw = base64.b64decode(sealed, validate=True)
        except ValueError:
            return None
        nonce, tag, body = raw[:16], raw[16:48], raw[48:]
        expected = hmac.new(self._tag_key, nonce + body, hashlib.sha256).digest()
        if len(raw) < 48 or not hmac.compare_digest(tag, expected):
            return None
        return _xor(body, self._stream(nonce, len(body)))

    def _stream(self, nonce: bytes, size: int) -> bytes:
        blocks = (
            hmac.new(self._stream_key, nonce + n.to_bytes(8, "big"), hashlib.sha256).digest()
            for n in range(-(-size // 32))
        )
        return b"".join(blocks)[:size]


def _xor(data: bytes, stream: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def sealing_key(fleet: Fleet, auth: Auth) -> bytes:
    """The fleet's ``key``, else one derived from the credentials' lasting secrets (a password or
    a client secret): every worker of the fleet has them, Redis alone does not."""
    if fleet.key is not None:
        return fleet.key.encode() if isinstance(fleet.key, str) else fleet.key
    lasting = [getattr(auth, name, None) for name in ("_password", "_client_secret")]
    material = [s for s in lasting if isinstance(s, str) and s]
    if not material:
        raise ConfigurationError(
            "Fleet needs key= to seal shared sessions: these credentials have no password or "
            "client secret to derive one from (give every worker the same secret)"
        )
    return hashlib.sha256("\0".join(["acumatica-fleet", *material]).encode()).digest()


def fleet_namespace(fleet: Fleet, site_url: str, auth: Auth) -> tuple[str, str]:
    """Redis key prefixes: (the licence's limits: fleet name and site; its sessions: also who
    signs in, so two users or tenants never share a session)."""
    site = hashlib.sha256(site_url.encode()).hexdigest()[:12]
    who = hashlib.sha256(repr(auth).encode()).hexdigest()[:12]
    limits = f"{fleet.name}:{site}"
    return limits, f"{limits}:{who}"


def new_token() -> str:
    """A unique name for one slot, waiter or worker."""
    return secrets.token_hex(8)
