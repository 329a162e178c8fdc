"""What a sandbox run can be told: limits, fault injection, users, OAuth clients."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .key_rules import split_target

DEFAULT_USERS = {"admin": "123"}  # the password Acumatica's demo instances ship with
DEFAULT_TENANT = "Company"

# Options that take a whole number, and those that take any number (None allowed where the
# annotation says so): checked by type first, so "two" is named as such, not compared with 1.
_WHOLE_NUMBERS = ("max_sessions", "action_polls", "seed")
_NUMBERS = (
    "latency_ms",
    "fail_rate",
    "conflict_rate",
    "long_operation_rate",
    "rate_limit",
    "token_lifetime",
    "session_idle_timeout",
    "restart_rate",
    "request_queue_timeout",
)
_MAY_BE_NONE = ("seed", "rate_limit")


def _check_number(name: str, value: Any, whole: bool) -> None:
    if value is None and name in _MAY_BE_NONE:
        return
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        wanted = "a whole number" if whole else "a number"
        raise ValueError(f"{name} must be {wanted}, not {value!r}")


@dataclass(frozen=True)
class SandboxOptions:
    """Behaviour knobs of one sandbox; every one has a CLI option of the same name."""

    max_sessions: int = 2  # the trial license allows two API users at a time
    action_polls: int = 2  # a status poll answers 202 this many times, then 204
    latency_ms: float = 0.0  # added before every answer
    # Per-request failures: this share of entity requests answers 500 like a stale session (and
    # ends it), so your code sees some errors. Sessions dying as real ones do: ``restart_rate``.
    fail_rate: float = 0.0
    conflict_rate: float = (
        0.0  # share of writes that lose a race ("Another process has updated...")
    )
    # Share of entity requests that answer 409 "A long operation is running for this screen in the
    # current session" (nothing runs): a client retries what it may resend, never an action's POST.
    long_operation_rate: float = 0.0
    rate_limit: float | None = None  # entity requests per second; more answer 429 + Retry-After
    seed: int | None = None  # makes --fail-rate, --conflict-rate and generated ids reproducible
    users: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_USERS))
    # Tenants that exist; None accepts any tenant name (each gets its own empty store).
    tenants: tuple[str, ...] | None = None
    # OAuth clients (client_id -> secret); None accepts any client id and secret.
    oauth_clients: dict[str, str] | None = None
    token_lifetime: float = 3600.0  # seconds an access token lives (Acumatica: one hour)
    session_idle_timeout: float = 1200.0  # idle seconds before a cookie session ends by itself
    # Share of entity requests after which the instance "restarts" (an app-pool recycle): every
    # cookie session ends once the request has been answered; the next request of each is a 401.
    restart_rate: float = 0.0
    # At the API-user limit, a new sign-in ends the session idle longest instead of answering 429
    # "API Login Limit" (Acumatica's default is the 429).
    evict_idle_sessions: bool = False
    # Licence limits: API requests served at once (more wait in a queue) and per sliding minute
    # (more wait for the window); a request that would wait longer than ``request_queue_timeout``
    # answers 429. None: no limit.
    max_concurrent_requests: int | None = None
    max_requests_per_minute: int | None = None
    request_queue_timeout: float = 10.0
    # A screen refuses a linked key that does not exist ("'Customer ID' cannot be found in the
    # system."); False accepts any value, for loose tests.
    reference_checks: bool = True
    # Misbehaviour switches (issue 13), for testing a client's handling of a bad day:
    redirect_stale_to_login: bool = False  # a lost session answers 302 to /Frames/Login.aspx
    html_errors: bool = False  # error answers are HTML pages, as IIS serves them
    stale_every_request: bool = False  # every entity request answers the stale-session 500
    build_version: str | None = None  # GET /entity "acumaticaBuildVersion"; derived when None
    # Entities whose last key field is numbered when a new record leaves it out, besides document
    # numbers (…Nbr) and int/GUID identities: e.g. ("Customer",) for an automatic CustomerID.
    auto_number: tuple[str, ...] = ()
    # Entities whose last key is never numbered (a manual numbering sequence): it must be given.
    manual_number: tuple[str, ...] = ()
    # "Entity.Field" -> the value a new record gets for that key when it leaves it out, over the
    # screen defaults of ``key_rules.SCREEN_DEFAULTS``; None or "" removes one (the key is needed).
    key_defaults: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in _WHOLE_NUMBERS:
            _check_number(name, getattr(self, name), whole=True)
        if self.build_version is not None and not isinstance(self.build_version, str):
            raise ValueError(
                f"build_version must be text such as '25.100.0100', not {self.build_version!r}"
            )
        for name in _NUMBERS:
            number = getattr(self, name)
            _check_number(name, number, whole=False)
            if number is not None and not math.isfinite(number):
                raise ValueError(f"{name} must be a finite number, not {number}")
        if self.max_sessions < 1:
            raise ValueError("max_sessions must be at least 1")
        if self.action_polls < 0:
            raise ValueError("action_polls must be 0 or more")
        if self.latency_ms < 0:
            raise ValueError("latency_ms must be 0 or more")
        if not 0.0 <= self.fail_rate <= 1.0:
            raise ValueError("fail_rate must be between 0.0 and 1.0")
        if not 0.0 <= self.conflict_rate <= 1.0:
            raise ValueError("conflict_rate must be between 0.0 and 1.0")
        if not 0.0 <= self.long_operation_rate <= 1.0:
            raise ValueError("long_operation_rate must be between 0.0 and 1.0")
        if self.rate_limit is not None and self.rate_limit <= 0:
            raise ValueError("rate_limit must be positive")
        if not 0.0 <= self.restart_rate <= 1.0:
            raise ValueError("restart_rate must be between 0.0 and 1.0")
        if self.token_lifetime <= 0 or self.session_idle_timeout <= 0:
            raise ValueError("token_lifetime and session_idle_timeout must be positive")
        for name in ("max_concurrent_requests", "max_requests_per_minute"):
            limit = getattr(self, name)
            if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
                raise ValueError(f"{name} must be a whole number, not {limit!r}")
            if limit is not None and limit < 1:
                raise ValueError(f"{name} must be at least 1 (or None for no limit)")
        if self.request_queue_timeout < 0:
            raise ValueError("request_queue_timeout must be 0 or more")
        for name in (
            "evict_idle_sessions",
            "reference_checks",
            "redirect_stale_to_login",
            "html_errors",
            "stale_every_request",
        ):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, not {getattr(self, name)!r}")
        if not self.users:
            raise ValueError("at least one user is needed")
        both = {n.lower() for n in self.auto_number} & {n.lower() for n in self.manual_number}
        if both:
            raise ValueError(
                "auto_number (--auto-number) and manual_number (--manual-number) both name "
                + ", ".join(sorted(both))
            )
        for target in self.key_defaults:
            if not isinstance(target, str) or split_target(target) is None:
                raise ValueError(
                    f"key_defaults (--key-default): expected ENTITY.FIELD, got {target!r}"
                )

    @property
    def default_tenant(self) -> str:
        return self.tenants[0] if self.tenants else DEFAULT_TENANT
