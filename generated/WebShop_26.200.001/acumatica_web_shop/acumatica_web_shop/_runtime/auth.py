"""How a client signs in: cookie sessions and OAuth 2.0.

An ``Auth`` says *what* to send (login, token refresh, logout) and digests the answers; the client
(sync or async) does the sending, so one implementation serves both.

Credentials can come from the environment: ``ACUMATICA_URL``, ``ACUMATICA_USERNAME``,
``ACUMATICA_PASSWORD``, ``ACUMATICA_TENANT``, ``ACUMATICA_BRANCH``, ``ACUMATICA_CLIENT_ID``,
``ACUMATICA_CLIENT_SECRET``.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple, overload
from urllib.parse import urlencode

import httpx

from .errors import AuthError, ConfigurationError

# What the generated package re-exports at its top (acumatica_codegen.runtime_source reads it).
__all__ = [
    "Auth",
    "CookieAuth",
    "OAuth2Password",
    "OAuth2Token",
    "aexchange_code",
    "authorization_url",
    "exchange_code",
]

DEFAULT_SCOPE = "api offline_access"
# Renew a token this many seconds (at most a quarter of its lifetime) before it expires.
EXPIRY_MARGIN = 30.0
# What a bearer token may be (RFC 6750's b64token, which JWTs and Acumatica's tokens are): a token
# with a newline or a space would break the header and show itself in the error that follows.
_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")


class AuthRequest(NamedTuple):
    """One sign-in/out request to send: JSON body (``json``) or form body (``form``)."""

    method: str
    url: str
    json: Any = None
    form: Mapping[str, str] | None = None
    headers: Mapping[str, str] = {}


class Auth:
    """Base of the sign-in strategies. Times are ``time.time()`` seconds."""

    #: Re-signing in must first end the old session (cookie sessions count against the license).
    signs_out_before_renewal = False

    def sign_in_request(self, site_url: str, now: float) -> AuthRequest | None:
        """What to send before the first request; None when the credentials are usable as they are."""
        raise NotImplementedError

    def renewal_request(self, site_url: str, now: float) -> AuthRequest | None:
        """What to send after a 401, a stale session or an expiry; None when nothing can renew."""
        return self.sign_in_request(site_url, now)

    def accept(self, answer: Any, now: float) -> None:
        """Digest the JSON answer to a sign-in or renewal request."""

    def renewal_refused(self) -> bool:
        """The renewal was refused: True if ``renewal_request`` now has another way to try."""
        return False

    def discard_issued(self) -> None:
        """Forget what the last sign-in answer gave (a token ``accept`` refused after storing it,
        so the client could end it first)."""

    def needs_renewal(self, now: float) -> bool:
        """True when the credentials have expired (or are about to)."""
        return False

    def headers(self) -> dict[str, str]:
        """Headers for every entity request."""
        return {}

    def sign_out_request(self, site_url: str) -> AuthRequest | None:
        """What to send on close; logout carries ``Content-Length: 0``."""
        return AuthRequest("POST", f"{site_url}/entity/auth/logout", headers=_EMPTY_BODY)

    def secrets(self) -> tuple[str, ...]:
        """Every secret value this object holds, so logs can scrub them."""
        return ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(...)"


_EMPTY_BODY = {"Content-Length": "0"}


class CookieAuth(Auth):
    """Username and password: ``POST /entity/auth/login`` opens a session cookie.

    ``CookieAuth(username="integration", password="...")``, as ``OAuth2Password`` takes them;
    ``name=`` is the same thing under the login body's own word, kept for older code.
    """

    signs_out_before_renewal = True

    @overload
    def __init__(
        self,
        username: str,
        password: str,
        tenant: str | None = None,
        branch: str | None = None,
        locale: str | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self,
        *,
        name: str,
        password: str,
        tenant: str | None = None,
        branch: str | None = None,
        locale: str | None = None,
    ) -> None: ...

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        tenant: str | None = None,
        branch: str | None = None,
        locale: str | None = None,
        *,
        name: str | None = None,
    ) -> None:
        if (username is None) == (name is None):
            raise TypeError(
                "CookieAuth needs the user name once: username=... (name=... is its older alias)"
            )
        if password is None:
            raise TypeError("CookieAuth needs password=...")
        self.username: str = username if username is not None else str(name)
        self._password = password
        self.tenant = tenant
        self.branch = branch
        self.locale = locale

    @property
    def name(self) -> str:
        """The user name (``username``), under the login body's word."""
        return self.username

    @classmethod
    def from_env(cls) -> CookieAuth:
        """From ``ACUMATICA_USERNAME``, ``ACUMATICA_PASSWORD``, ``ACUMATICA_TENANT``, ``ACUMATICA_BRANCH``."""
        name, password = _require("ACUMATICA_USERNAME", "ACUMATICA_PASSWORD")
        return cls(name, password, tenant=_env("ACUMATICA_TENANT"), branch=_env("ACUMATICA_BRANCH"))

    def sign_in_request(self, site_url: str, now: float) -> AuthRequest:
        body = {"name": self.username, "password": self._password}
        optional = {"tenant": self.tenant, "branch": self.branch, "locale": self.locale}
        body.update({key: value for key, value in optional.items() if value is not None})
        return AuthRequest("POST", f"{site_url}/entity/auth/login", json=body)

    def secrets(self) -> tuple[str, ...]:
        return (self._password,)

    def __repr__(self) -> str:
        return f"CookieAuth(username={self.username!r}, tenant={self.tenant!r}, branch={self.branch!r})"


class OAuth2Token(Auth):
    """A bearer token obtained elsewhere; refreshed with its refresh token when it expires or on 401."""

    def __init__(
        self,
        access_token: str,
        refresh_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        expires_at: float | datetime | None = None,
    ) -> None:
        if access_token:  # one of yours: refused here rather than shown in a header error later
            _checked_token(access_token, "access_token", "OAuth2Token was given")
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.client_id = client_id
        self._client_secret = client_secret
        self.expires_at = expires_at.timestamp() if isinstance(expires_at, datetime) else expires_at
        self._renew_at = None if self.expires_at is None else self.expires_at - EXPIRY_MARGIN

    def sign_in_request(self, site_url: str, now: float) -> AuthRequest | None:
        return self.renewal_request(site_url, now) if self.needs_renewal(now) else None

    def renewal_request(self, site_url: str, now: float) -> AuthRequest | None:
        if not self.refresh_token or not self.client_id:
            return None
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self.refresh_token,
            "client_id": self.client_id,
        }
        if self._client_secret:
            form["client_secret"] = self._client_secret
        return AuthRequest("POST", token_url(site_url), form=form)

    def accept(self, answer: Any, now: float) -> None:
        """Take the token answer. A malformed token is refused unused; a malformed lifetime is
        refused after the token is stored, so the client can end it (then ``discard_issued``)."""
        if not isinstance(answer, Mapping) or not answer.get("access_token"):
            raise AuthError("the token endpoint answered without an access_token")
        access_token = _checked_token(answer["access_token"], "access_token")
        refresh_token = answer.get("refresh_token")
        if refresh_token:
            refresh_token = _checked_token(refresh_token, "refresh_token")
        self.access_token = access_token
        if refresh_token:
            self.refresh_token = refresh_token
        lifetime = _lifetime(answer.get("expires_in"))
        if lifetime is None:
            self.expires_at = self._renew_at = None
        else:
            self.expires_at = now + lifetime
            self._renew_at = self.expires_at - min(EXPIRY_MARGIN, lifetime / 4)

    def discard_issued(self) -> None:
        self.access_token = ""

    def needs_renewal(self, now: float) -> bool:
        """Shortly before expiry when a refresh can follow; never when none can: the token is
        sent until the server refuses it (401), so its last seconds are not lost."""
        return self._renewable() and self._renew_at is not None and now >= self._renew_at

    def _renewable(self) -> bool:
        return bool(self.refresh_token and self.client_id)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"} if self.access_token else {}

    def sign_out_request(self, site_url: str) -> AuthRequest | None:
        """None: the token belongs to the application (often stored for its user), and a logout
        would end its grant; closing the client must leave it usable for the next run."""
        return None

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.access_token, self.refresh_token, self._client_secret) if s)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(client_id={self.client_id!r})"


class OAuth2Password(OAuth2Token):
    """OAuth 2.0 resource-owner password grant; renews by refresh token, else by signing in again."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        username: str,
        password: str,
        scope: str = DEFAULT_SCOPE,
    ) -> None:
        super().__init__("", client_id=client_id, client_secret=client_secret)
        self.username = username
        self._password = password
        self.scope = scope

    @classmethod
    def from_env(cls) -> OAuth2Password:
        """From ``ACUMATICA_CLIENT_ID``/``_SECRET`` and ``ACUMATICA_USERNAME``/``_PASSWORD``."""
        client_id, secret, name, password = _require(
            "ACUMATICA_CLIENT_ID",
            "ACUMATICA_CLIENT_SECRET",
            "ACUMATICA_USERNAME",
            "ACUMATICA_PASSWORD",
        )
        return cls(client_id, secret, name, password)

    def sign_in_request(self, site_url: str, now: float) -> AuthRequest | None:
        if self.access_token and not self.needs_renewal(now):
            return None
        form = {
            "grant_type": "password",
            "client_id": self.client_id or "",
            "client_secret": self._client_secret or "",
            "username": self.username,
            "password": self._password,
            "scope": self.scope,
        }
        return AuthRequest("POST", token_url(site_url), form=form)

    def renewal_request(self, site_url: str, now: float) -> AuthRequest | None:
        if self.refresh_token:
            return super().renewal_request(site_url, now)
        self.access_token = ""
        return self.sign_in_request(site_url, now)

    def sign_out_request(self, site_url: str) -> AuthRequest | None:
        """This grant was opened by the client itself, so closing the client ends it."""
        return Auth.sign_out_request(self, site_url)

    def _renewable(self) -> bool:
        return True  # by refresh token, else with the password

    def renewal_refused(self) -> bool:
        """A refresh token that expired or was revoked: sign in with the password instead."""
        if not self.refresh_token:
            return False
        self.refresh_token = None
        return True

    def secrets(self) -> tuple[str, ...]:
        return super().secrets() + (self._password,)


def _checked_token(value: Any, name: str, source: str = "the token endpoint answered") -> str:
    """A bearer token, or ``AuthError`` describing it without showing it."""
    if isinstance(value, str) and _TOKEN.fullmatch(value):
        return value
    what = f"{len(value)} characters" if isinstance(value, str) else type(value).__name__
    raise AuthError(
        f"{source} a malformed {name} ({what}, not a bearer token): not used; check where it"
        " comes from (the identity server, a proxy rewriting its answer, a stored value)"
    )


def _lifetime(expires_in: Any) -> float | None:
    """Seconds a token lives, from ``expires_in``. Absent, zero or negative: not said (the token
    is renewed when refused), never renewed before every call."""
    if expires_in is None:
        return None
    try:
        lifetime = math.nan if isinstance(expires_in, bool) else float(expires_in)
    except (TypeError, ValueError):
        lifetime = math.nan
    if not math.isfinite(lifetime):
        shown = repr(expires_in)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise AuthError(f"the token endpoint answered expires_in={shown}, not a number of seconds")
    return lifetime if lifetime > 0 else None


def auth_from_env() -> Auth:
    """``OAuth2Password`` when ``ACUMATICA_CLIENT_ID`` is set, else ``CookieAuth``."""
    if _env("ACUMATICA_CLIENT_ID"):
        return OAuth2Password.from_env()
    return CookieAuth.from_env()


def token_url(site_url: str) -> str:
    return f"{site_url.rstrip('/')}/identity/connect/token"


def authorization_url(
    url: str,
    client_id: str,
    redirect_uri: str,
    *,
    scope: str = DEFAULT_SCOPE,
    state: str | None = None,
) -> str:
    """Where to send a user to approve this app (authorization-code flow)."""
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
    }
    if state is not None:
        query["state"] = state
    return f"{url.rstrip('/')}/identity/connect/authorize?{urlencode(query)}"


def _code_form(code: str, client_id: str, client_secret: str, redirect_uri: str) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "client_secret": client_secret,
    }


def _token_from_answer(response: httpx.Response, client_id: str, client_secret: str) -> OAuth2Token:
    if response.status_code != 200:
        raise AuthError(
            "the authorization code was refused",
            method="POST",
            url=str(response.request.url),
            status=response.status_code,
        )
    token = OAuth2Token("", client_id=client_id, client_secret=client_secret)
    token.accept(response.json(), time.time())
    return token


def exchange_code(
    code: str,
    *,
    url: str,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    http_client: httpx.Client | None = None,
) -> OAuth2Token:
    """Trade the code from the authorization redirect for a refreshable ``OAuth2Token``."""
    form = _code_form(code, client_id, client_secret, redirect_uri)
    if http_client is None:
        with httpx.Client() as owned:
            response = owned.post(token_url(url), data=form)
    else:
        response = http_client.post(token_url(url), data=form)
    return _token_from_answer(response, client_id, client_secret)


async def aexchange_code(
    code: str,
    *,
    url: str,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    http_client: httpx.AsyncClient | None = None,
) -> OAuth2Token:
    """``exchange_code`` for asyncio applications."""
    form = _code_form(code, client_id, client_secret, redirect_uri)
    if http_client is None:
        async with httpx.AsyncClient() as owned:
            response = await owned.post(token_url(url), data=form)
    else:
        response = await http_client.post(token_url(url), data=form)
    return _token_from_answer(response, client_id, client_secret)


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def _require(*names: str) -> tuple[str, ...]:
    values = tuple(os.environ.get(name, "") for name in names)
    missing = [name for name, value in zip(names, values, strict=True) if not value]
    if missing:
        raise ConfigurationError(
            f"set {', '.join(missing)} in the environment, or pass auth= to the client"
        )
    return values
