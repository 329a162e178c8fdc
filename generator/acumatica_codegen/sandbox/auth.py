"""Who is calling: cookie sessions (``/entity/auth/login``) and OAuth 2.0 grants.

Sessions (``sessions.SessionTable``) are counted against ``max_sessions`` like Acumatica's
license counts API users, and die as real ones do (idle timeout, restarts, eviction). OAuth access
tokens carry their own tenant and expire after ``token_lifetime``; they do not take a login slot (a
client cannot log them out) and survive a restart.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from . import errors
from .options import SandboxOptions
from .sessions import Session, SessionTable

SESSION_COOKIE = "ASP.NET_SessionId"


@dataclass
class Stats:
    """Counters served at ``GET /sandbox/stats``."""

    max_open_sessions_seen: int = 0
    logins: int = 0
    logouts: int = 0
    requests: int = 0
    rejected_logins: int = 0  # every refused sign-in: bad credentials and the login limit
    login_limit_hits: int = 0  # 429 "API Login Limit" answers
    expired_sessions: int = 0  # ended by idle timeout, a restart or an injected failure
    evicted_sessions: int = 0  # ended at the login limit to let a new sign-in in
    restarts: int = 0  # every session ended at once (restart_rate, /sandbox/expire-sessions)
    injected_failures: int = 0
    injected_conflicts: int = 0
    injected_long_operations: int = 0  # 409 answers from ``long_operation_rate``
    rate_limited: int = 0  # 429 answers from ``rate_limit``
    tokens_issued: int = 0
    in_flight: int = 0
    max_in_flight_seen: int = 0
    # Licence limits (``limits``): peaks, and requests that waited (delayed) or got 429 (declined).
    peak_concurrent_requests: int = 0
    peak_queued_requests: int = 0
    busiest_minute_requests: int = 0
    delayed_requests: int = 0
    declined_requests: int = 0


@dataclass
class Grant:
    """One OAuth authorization: its current access token and (optionally) a refresh token."""

    client_id: str
    user: str
    tenant: str
    scope: str
    access_token: str
    expires_at: float
    refresh_token: str | None = None


@dataclass
class Caller:
    """The identity an entity request runs as."""

    user: str
    tenant: str
    session: Session | None = None
    grant: Grant | None = None


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    user: str
    tenant: str
    scope: str
    expires_at: float
    code_challenge: str | None = None
    code_challenge_method: str | None = None


class OAuthError(Exception):
    """An RFC 6749 error answer: 400 ``{"error": ..., "error_description": ...}``."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass
class AuthState:
    options: SandboxOptions
    clock: Callable[[], float] = time.monotonic
    stats: Stats = field(default_factory=Stats)
    grants_by_access: dict[str, Grant] = field(default_factory=dict)
    grants_by_refresh: dict[str, Grant] = field(default_factory=dict)
    codes: dict[str, _Code] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sessions = SessionTable(self.options, self.clock, self.stats)

    # ------------------------------------------------------------------ cookie sessions

    @property
    def open_sessions(self) -> int:
        return len(self.sessions)

    def check_tenant(self, tenant: str | None) -> str:
        """The tenant to use; raises the login error Acumatica gives for an unknown one."""
        if not tenant:
            return self.options.default_tenant
        if self.options.tenants is not None and tenant not in self.options.tenants:
            raise errors.exception_error(
                500,
                f"The tenant '{tenant}' does not exist.",
                errors.PX_EXCEPTION,
                "LoginService.Login",
            )
        return tenant

    def login(
        self,
        name: str,
        password: str,
        tenant: str | None,
        branch: str | None,
        locale: str | None,
        current: str | None,
    ) -> Session:
        """Sign in; reuses the caller's live session instead of taking a second slot."""
        if self.options.users.get(name) != password or not name:
            self.stats.rejected_logins += 1
            raise errors.exception_error(
                500,
                "Invalid credentials. Please try again.",
                errors.PX_EXCEPTION,
                "LoginService.Login",
            )
        try:
            tenant_name = self.check_tenant(tenant)
        except errors.SandboxHTTPError:
            self.stats.rejected_logins += 1
            raise
        existing = self.session(current)
        if existing is not None and existing.user == name and existing.tenant == tenant_name:
            existing.branch, existing.locale = branch or existing.branch, locale or existing.locale
            return existing
        if existing is not None:
            self.logout(existing.id)
        return self.sessions.open(name, tenant_name, branch, locale)

    def logout(self, session_id: str | None) -> bool:
        return self.sessions.close(session_id)

    def session(self, session_id: str | None) -> Session | None:
        """The live session for a cookie value (touching it), or None."""
        return self.sessions.get(session_id)

    def expire(self, session_id: str) -> None:
        """End a session as the server would when it goes stale (not a logout)."""
        self.sessions.expire(session_id)

    def expire_all(self) -> int:
        """End every cookie session at once, as an application restart does."""
        return self.sessions.expire_all()

    # ------------------------------------------------------------------ OAuth 2.0

    def check_client(self, client_id: str | None, client_secret: str | None) -> str:
        if not client_id:
            raise OAuthError("invalid_client", "client_id is required")
        clients = self.options.oauth_clients
        if clients is not None and clients.get(client_id) != (client_secret or ""):
            raise OAuthError("invalid_client", "unknown client or wrong secret")
        return client_id

    def check_client_id(self, client_id: str | None) -> str:
        """A client id at the authorize step (no secret yet): known, when clients are configured."""
        if not client_id:
            raise OAuthError("invalid_request", "client_id is required")
        if self.options.oauth_clients is not None and client_id not in self.options.oauth_clients:
            raise OAuthError("unauthorized_client", "unknown client")
        return client_id

    def client_tenant(self, client_id: str) -> str:
        """Acumatica client ids end in ``@Tenant``; the grant belongs to that tenant."""
        _, at, tenant = client_id.rpartition("@")
        try:
            return self.check_tenant(tenant if at else None)
        except errors.SandboxHTTPError:
            raise OAuthError("invalid_client", f"the tenant '{tenant}' does not exist") from None

    def _issue(self, client_id: str, user: str, tenant: str, scope: str) -> Grant:
        grant = Grant(
            client_id=client_id,
            user=user,
            tenant=tenant,
            scope=scope,
            access_token=secrets.token_urlsafe(24),
            expires_at=self.clock() + self.options.token_lifetime,
        )
        if "offline_access" in scope.split():
            grant.refresh_token = secrets.token_urlsafe(24)
            self.grants_by_refresh[grant.refresh_token] = grant
        self.grants_by_access[grant.access_token] = grant
        self.stats.tokens_issued += 1
        return grant

    def token_response(self, grant: Grant) -> dict[str, object]:
        body: dict[str, object] = {
            "access_token": grant.access_token,
            "expires_in": int(round(grant.expires_at - self.clock())),
            "token_type": "Bearer",
            "scope": grant.scope,
        }
        if grant.refresh_token:
            body["refresh_token"] = grant.refresh_token
        return body

    def password_grant(
        self, client_id: str, username: str | None, password: str | None, scope: str | None
    ) -> Grant:
        if not username or self.options.users.get(username) != (password or ""):
            raise OAuthError("invalid_grant", "invalid_username_or_password")
        return self._issue(client_id, username, self.client_tenant(client_id), scope or "api")

    def refresh_grant(self, client_id: str, refresh_token: str | None) -> Grant:
        grant = self.grants_by_refresh.get(refresh_token or "")
        if grant is None or grant.client_id != client_id:
            raise OAuthError("invalid_grant", "unknown or revoked refresh token")
        # A refresh keeps the grant (Acumatica reuses its session) and replaces the access token.
        self.grants_by_access.pop(grant.access_token, None)
        grant.access_token = secrets.token_urlsafe(24)
        grant.expires_at = self.clock() + self.options.token_lifetime
        self.grants_by_access[grant.access_token] = grant
        self.stats.tokens_issued += 1
        return grant

    def authorize(
        self,
        client_id: str,
        redirect_uri: str,
        scope: str,
        user: str,
        code_challenge: str | None,
        code_challenge_method: str | None,
    ) -> str:
        code = secrets.token_urlsafe(18)
        self.codes[code] = _Code(
            client_id,
            redirect_uri,
            user,
            self.client_tenant(client_id),
            scope,
            self.clock() + 300,
            code_challenge,
            code_challenge_method,
        )
        return code

    def code_grant(
        self, client_id: str, code: str | None, redirect_uri: str | None, verifier: str | None
    ) -> Grant:
        issued = self.codes.pop(code or "", None)  # a code is good for one exchange
        if issued is None or issued.expires_at < self.clock() or issued.client_id != client_id:
            raise OAuthError("invalid_grant", "unknown, used or expired authorization code")
        if redirect_uri != issued.redirect_uri:
            raise OAuthError(
                "invalid_grant", "redirect_uri does not match the authorization request"
            )
        if issued.code_challenge:
            if not verifier:
                raise OAuthError("invalid_grant", "code_verifier is required")
            if issued.code_challenge_method == "S256":
                digest = hashlib.sha256(verifier.encode()).digest()
                computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            else:
                computed = verifier
            if not secrets.compare_digest(computed, issued.code_challenge):
                raise OAuthError("invalid_grant", "code_verifier does not match")
        return self._issue(client_id, issued.user, issued.tenant, issued.scope)

    def bearer(self, token: str) -> Grant:
        grant = self.grants_by_access.get(token)
        if grant is None:
            raise errors.invalid_token("The access token is not valid.")
        if grant.expires_at <= self.clock():
            raise errors.invalid_token("The access token expired.")
        return grant

    def revoke(self, token: str) -> None:
        grant = self.grants_by_access.pop(token, None)
        if grant is not None and grant.refresh_token:
            self.grants_by_refresh.pop(grant.refresh_token, None)

    def snapshot(self) -> dict[str, int]:
        data = {"open_sessions": self.open_sessions}
        data.update(vars(self.stats))
        stats = self.stats
        data["too_many_requests"] = (
            stats.login_limit_hits + stats.rate_limited + stats.declined_requests
        )  # every 429 answered
        data["active_tokens"] = sum(
            g.expires_at > self.clock() for g in self.grants_by_access.values()
        )
        return data
