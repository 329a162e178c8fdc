"""Asynchronous client runtime: sessions, retries, throttling, actions, entity CRUD.

The one source of both transports: ``scripts/unasync.py`` derives ``_sync_client.py`` from this
file by renaming (``async def`` → ``def``, ``AsyncLock`` → ``Lock``, ...); the primitives that differ
more than by name live in ``_async_concurrency`` and ``_sync_concurrency``.
"""

from __future__ import annotations

import builtins
import contextvars
import dataclasses
import os
import random
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Protocol, TypeVar, overload
from urllib.parse import quote
from uuid import UUID

import httpx

from . import _answers, _wire
from ._async_concurrency import (
    AsyncEvent,
    AsyncLock,
    AsyncSemaphore,
    AsyncSessionWork,
    async_deadline,
    async_sleep,
)
from ._async_coordination import AsyncCoordination, Slot, connect
from .auth import Auth, AuthRequest, auth_from_env
from .coordination import Fleet, SharedSession, export_tokens, import_tokens
from .dialect import dialect_for
from .errors import (
    ActionTimeout,
    AcumaticaError,
    AuthError,
    ConcurrencyError,
    ConfigurationError,
    NotFound,
    PreconditionFailed,
    RateLimited,
    TransportError,
    UnexpectedAnswer,
    error_from_response,
)
from .query import FieldRef, Filter
from .session_policy import (
    Failure,
    NextStep,
    Renewal,
    RenewalDecision,
    SessionPolicy,
    SignInStep,
    StepDecision,
)

if TYPE_CHECKING:  # not at run time: importing the client stays cheap without the models
    from .values import Unset

__all__ = ["AsyncBaseClient", "AsyncEntityApi", "WireModel"]

# The generated package this runtime was copied into (``<package>._runtime``): it names the logger.
LOGGER_NAME = __name__.rpartition("._runtime")[0] or __name__.rpartition(".")[0]
PutMode = Literal["upsert", "insert", "update"]
# The largest answer read by default (decompressed): far above any real page of records.
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
FieldSpec = _wire.FieldSpec
_Timeout = float | httpx.Timeout | None
_C = TypeVar("_C", bound="AsyncBaseClient")
_W = TypeVar("_W", bound="WireModel")
_T = TypeVar("_T")
_E = TypeVar("_E", bound=AcumaticaError)


@dataclasses.dataclass(frozen=True)
class _Exchange:
    """One request as the caller asked for it, handed down the sending layers."""

    method: str
    url: str
    params: Mapping[str, str] | None
    content: bytes | None
    headers: Mapping[str, str] | None
    timeout: float | httpx.Timeout | None
    authenticated: bool
    idempotent: bool
    retry_until: float | None = None  # client clock: no retry after it (an action's deadline)


@dataclasses.dataclass(frozen=True)
class _Answer:
    """What the sending layers got: the response, and why an error answer was not resent."""

    response: httpx.Response
    note: str | None = None


class WireModel(Protocol):
    """What the runtime needs from a model class: the wire codec."""

    @classmethod
    def from_dict(cls: type[_W], data: dict[str, Any], /, *, lenient: bool = ...) -> _W: ...

    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=WireModel)


class AsyncBaseClient:
    """Signs in lazily, signs out always; every request throttled, retried and logged.

    - ``url``: the site (``https://erp.example.com/AcumaticaERP``); ``ACUMATICA_URL`` by default.
    - ``auth``: ``CookieAuth``, ``OAuth2Password`` or ``OAuth2Token``; from the environment by
      default (``ACUMATICA_USERNAME``, ``ACUMATICA_PASSWORD``, ... see ``auth``).
    - ``timeout``: seconds (or an ``httpx.Timeout``) per HTTP request; each call can override it.
      Not given: 60 s, or with ``http_client=`` that client's own timeout.
    - ``max_concurrency``: requests in flight at once, shared by every entity, every action and
      every task or thread using this client.
    - ``max_retries``: retries of a 429, a 502/503/504 or a connection failure, with exponential
      backoff and jitter, honouring ``Retry-After``; idempotent requests only, except when the
      server never took the request (429, connection refused).
    - ``http_client``: your own ``httpx.AsyncClient`` (proxies, certificates); not closed by us.
      Several clients may share it: each keeps its session cookies to itself.
    - ``log_file``: append every request and response as JSON lines, secrets redacted (as does
      ``ACUMATICA_LOG=debug`` through the logger named after the generated package).
    - ``action_poll_interval``/``action_timeout``: the longest wait between two polls of an
      action's status (the first comes after a tenth of a second, each next one twice as late,
      or when the server's ``Retry-After`` says), and for how long in all before ``ActionTimeout``.
    - ``max_response_bytes``: the largest answer read (decompressed), 256 MiB by default; a larger
      one raises ``UnexpectedAnswer`` as it streams in, so a gzip bomb costs no memory. None: no limit.
    - ``lenient_decoding``: a value of the wrong type in an answer (``"abc"`` for a decimal) is kept
      as sent, logged and listed in the record's ``decode_errors``, instead of ``DecodeError``.
    - ``fleet``: a ``Fleet`` shared by many worker processes (licence limits and signed-in
      sessions kept together, in Redis); by default this client keeps its own, as alone.

    ``last_response`` is the raw ``httpx.Response`` last received by the caller (per task or
    thread); ``request()`` sends any request with every safeguard.
    """

    endpoint_name: ClassVar[str] = ""
    endpoint_version: ClassVar[str] = ""
    # The system contract of the endpoint (from its document): the query dialect it speaks.
    contract_version: ClassVar[int] = 4
    # Seconds a refused sign-in (wrong or changed credentials) is answered from memory.
    sign_in_retry_after: ClassVar[float] = 30.0

    def __init__(
        self,
        url: str | None = None,
        *,
        auth: Auth | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_concurrency: int = 10,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        log_file: str | os.PathLike[str] | None = None,
        action_poll_interval: float = 1.0,
        action_timeout: float = 600.0,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        lenient_decoding: bool = False,
        fleet: Fleet | None = None,
    ) -> None:
        site = url or os.environ.get("ACUMATICA_URL")
        if not site:
            raise ConfigurationError("pass url= or set ACUMATICA_URL")
        if not self.endpoint_name or not self.endpoint_version:
            raise ConfigurationError(
                "use the generated Client class, which knows its endpoint name and version"
            )
        if max_concurrency < 1:
            raise ConfigurationError("max_concurrency must be at least 1")
        try:
            parsed = httpx.URL(site)
        except httpx.InvalidURL as exc:
            raise ConfigurationError(f"url {site!r} is not a URL: {exc}") from exc
        if parsed.userinfo:  # it would show in every message and log; never the URL itself
            raise ConfigurationError(
                "url carries credentials (user:password@): give the instance's address alone,"
                " and the credentials as auth= or through the environment"
            )
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise ConfigurationError(
                f"url must be the instance's address, like https://erp.example.com/AcumaticaERP,"
                f" not {site!r}"
            )
        instance, found, _ = parsed.path.partition("/entity")
        if found and parsed.path[len(instance) + len(found) :][:1] in ("", "/"):
            address = str(parsed.copy_with(path=instance or "/", query=None, fragment=None))
            raise ConfigurationError(
                f"url is the instance's address, without /entity/...: use {address.rstrip('/')}"
                " (the client adds its endpoint and version itself)"
            )
        self.url = site.rstrip("/")
        self.dialect = dialect_for(self.contract_version)
        self._site_prefix = self.url + "/"
        self.base_url = (
            f"{self.url}/entity/{quote(self.endpoint_name)}/{quote(self.endpoint_version)}"
        )
        self.auth = auth if auth is not None else auth_from_env()
        self.timeout = timeout
        self.max_concurrency = max_concurrency
        self.max_retries = max_retries
        self.backoff_base = 0.5
        self.backoff_cap = 30.0
        self.action_poll_interval = action_poll_interval
        self.action_timeout = action_timeout
        self.max_response_bytes = max_response_bytes
        self.lenient_decoding = lenient_decoding
        self._owns_http = http_client is None
        if http_client is None:
            # As many connections as requests can be in flight: none idle, none waited for.
            limits = httpx.Limits(
                max_connections=max_concurrency, max_keepalive_connections=max_concurrency
            )
            own_timeout = DEFAULT_TIMEOUT if timeout is None else timeout
            http_client = httpx.AsyncClient(
                timeout=own_timeout, limits=limits, cookies=_wire.DiscardingCookieJar()
            )
        self._http = http_client
        # Our own session cookies: an injected client may be shared by several of our clients
        # (one proxy, one pool), and its jar would make them all one user. Its jar is never read.
        self._cookies = _wire.SessionCookies()
        self._throttle = AsyncSemaphore(max_concurrency)
        self._session_work = AsyncSessionWork()
        self._auth_lock = AsyncLock()
        self._sleep: Callable[[float], Awaitable[None]] = async_sleep
        self._clock: Callable[[], float] = time.monotonic
        self._random: Callable[[], float] = random.random
        # Every sign-in decision (when to sign in, renew, resend, give up); this class carries
        # them out.
        # Read at each decision: the class's value, or one set on this client later.
        self._policy = SessionPolicy(lambda: self.sign_in_retry_after)
        # Cleared while the session is renewed: requests wait for it rather than fail on the old one.
        self._not_renewing = AsyncEvent()
        self._not_renewing.set()
        self._closed = False
        self._last_response: contextvars.ContextVar[httpx.Response | None]
        self._last_response = contextvars.ContextVar(f"{LOGGER_NAME}.last_response", default=None)
        self._log = _wire.ExchangeLog(LOGGER_NAME, log_file, self.auth.secrets)
        # Private: ``logging.getLogger("<package>")`` reaches it, and ``client.logger`` stays free
        # for an entity named Logger (custom endpoints name entities anything).
        self._logger = self._log.logger
        # Fleet coordination (issue 12): a slot per request (_take_slot/_give_slot), the fleet's
        # session at sign-in and renewal (_fleet_session), its last user signs out (_leave_fleet).
        # None, the default, is the in-process behaviour above at no extra cost.
        self._fleet: AsyncCoordination | None = None
        self._fleet_generation = 0  # the fleet session this client uses (negative: its own)
        if fleet is not None:
            self._fleet = connect(fleet, self.url, self.auth, self._logger, self._http)

    # Lifecycle -------------------------------------------------------------------------------

    async def __aenter__(self: _C) -> _C:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is None:
            await self.close()
            return
        try:
            await self.close()
        except Exception:  # the exception on its way out is the one that matters
            self._logger.warning("closing %s failed", self.url, exc_info=True)

    async def close(self) -> None:
        """Sign out (if signed in) and release the connections; safe to call twice.

        A failed sign-out is logged as a warning, never raised.
        """
        if self._closed:
            return
        await self._shielded(self._close_now)

    async def _close_now(self) -> None:
        try:
            async with self._auth_lock:
                # Closed first, under the lock: a request waiting to sign in again sees it and
                # stops, so no session starts after this sign-out.
                self._closed = True
                await self._leave_fleet()
                await self._sign_out()
        finally:
            self._closed = True
            try:
                self._log.close()
            finally:
                if self._fleet is not None:
                    await self._fleet.close()  # never raises
                if self._owns_http:
                    await self._http.aclose()

    # unasync: async-only
    async def aclose(self) -> None:
        """Same as ``close()``."""
        await self.close()

    # unasync: end

    def __del__(self) -> None:
        if getattr(self, "_signed_in", False) and not getattr(self, "_closed", True):
            warnings.warn(
                f"{type(self).__name__} for {self.url} was garbage collected while signed in: "
                "use it as a context manager or call close()",
                ResourceWarning,
                stacklevel=1,
                source=self,
            )

    @property
    def signed_in(self) -> bool:
        return self._signed_in

    @property
    def _signed_in(self) -> bool:
        return self._policy.signed_in

    @_signed_in.setter
    def _signed_in(self, value: bool) -> None:
        """Forget the session without signing out (a test that leaks one on purpose)."""
        if value:
            raise ValueError("a client signs in by sending a request, not by a flag")
        self._policy.signed_out()

    @property
    def _session(self) -> int:
        """The current session's number: bumped at every sign-in."""
        return self._policy.session

    def __repr__(self) -> str:
        if getattr(self, "_closed", True):
            state = "closed"
        else:
            state = "signed in" if self._signed_in else "not signed in"
        return f"<{type(self).__name__} {getattr(self, 'base_url', '?')} {state}>"

    @property
    def last_response(self) -> httpx.Response | None:
        """The last HTTP response the caller (this task or thread) received through this client."""
        return self._last_response.get()

    # Requests --------------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> httpx.Response:
        """Send one request (``path`` relative to ``base_url``, or absolute) with every safeguard.

        Raises an ``AcumaticaError`` for an error answer; the response otherwise.
        """
        all_headers = dict(headers or {})
        if json is not None:
            content = _wire.dumps(json)
            all_headers = {**_wire.JSON_HEADERS, **all_headers}
        return await self._request(
            method,
            self.resolve(path),
            params=params,
            content=content,
            headers=all_headers,
            timeout=timeout,
        )

    def resolve(self, path: str) -> str:
        """An absolute URL: ``http...`` as is, ``/...`` from the site root, else under ``base_url``."""
        if path.startswith(("http://", "https://")):
            return path
        if path.startswith("/"):
            site = httpx.URL(self.url + "/")
            # Hrefs normally carry the instance's folder (/AcumaticaERP/entity/...); add it if not.
            folder = site.path.rstrip("/")
            if folder and not path.startswith(f"{folder}/") and path.startswith(_SITE_ROUTES):
                path = folder + path
            return str(site.join(path))
        return f"{self.base_url}/{path}"

    async def download_file(
        self,
        file: Any,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> bytes:
        """The bytes of an attachment: a ``FileLink``, a ``{"href": ...}`` dict or the href itself."""
        if isinstance(file, str):
            href = file
        elif isinstance(file, Mapping):
            href = str(file["href"])
        else:
            href = str(file.href)
        response = await self._request("GET", self.resolve(href), timeout=timeout)
        return response.content

    async def _request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        model: Any = None,
        authenticated: bool = True,
        idempotent: bool | None = None,
        retry_until: float | None = None,
    ) -> httpx.Response:
        """One request with every safeguard, in layers as httpx sends (each calls the next):
        retries with backoff (``_send_handling_retries``), the session's sign-in, renewal and
        resend (``_send_handling_session``), one exchange through the throttle (``_send``).
        An error answer becomes an ``AcumaticaError`` here, at the top, secrets scrubbed; a
        redirect (never followed) an ``UnexpectedAnswer``. ``retry_until`` (client clock): no
        retry after it (an action's deadline)."""
        if self._closed:
            raise AcumaticaError("the client is closed", method=method, url=url)
        method = method.upper()
        if idempotent is None:
            idempotent = method in _wire.IDEMPOTENT_METHODS
        exchange = _Exchange(
            method, url, params, content, headers, timeout, authenticated, idempotent, retry_until
        )
        answer = await self._send_handling_retries(exchange)
        response = answer.response
        if response.status_code < 300:
            return response
        if response.is_redirect:  # no answer of the API: never followed, never a success
            raise _answers.unexpected_redirect(response)
        body = _wire.try_loads(response.content)
        sent = _wire.with_query(url, params) if params else url  # the URL as sent, query too
        error = error_from_response(
            method, sent, response.status_code, response.headers, body, model, note=answer.note
        )
        raise self._scrubbed(error)

    async def _send_handling_retries(self, exchange: _Exchange) -> _Answer:
        """Retry what the server did not process (429, 502-504, a lost connection) with backoff;
        a connection failure it gives up on becomes a ``TransportError``."""
        attempt = 0
        while True:
            try:
                answer = await self._send_handling_session(exchange)
            except httpx.TransportError as exc:
                in_time = exchange.retry_until is None or self._clock() < exchange.retry_until
                if (
                    attempt < self.max_retries
                    and in_time
                    and _may_retry_transport(exc, exchange.idempotent)
                ):
                    await self._sleep(self._backoff(attempt, None))
                    attempt += 1
                    continue
                # The cause keeps its text, but no secret (an httpx error quoting a header).
                exc.args = tuple(self._scrub(a) if isinstance(a, str) else a for a in exc.args)
                raise TransportError(
                    f"no answer: {self._scrub(f'{type(exc).__name__}: {exc}')}",
                    method=exchange.method,
                    url=exchange.url,
                    timed_out=isinstance(exc, httpx.TimeoutException),
                    may_have_run=not _never_sent(exc),
                ) from exc
            delay = self._retry_delay(exchange, answer.response, attempt)
            if delay is None:
                return answer
            status = answer.response.status_code
            method, url = exchange.method, exchange.url
            self._logger.info("%s %s got %s: retry in %.1f s", method, url, status, delay)
            await self._sleep(delay)
            attempt += 1

    def _retry_delay(
        self, exchange: _Exchange, response: httpx.Response, attempt: int
    ) -> float | None:
        """Seconds to wait before sending again after ``response``, or None not to: only
        statuses where the server ran nothing, idempotent requests unless it is a 429, never
        sooner than ``Retry-After`` and never for one beyond ``MAX_RETRY_AFTER`` (it would
        only fail again)."""
        status = response.status_code
        if attempt >= self.max_retries or status not in _wire.RETRY_STATUSES:
            return None
        if not (exchange.idempotent or status == 429):
            return None
        retry_after = _wire.parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > _wire.MAX_RETRY_AFTER:
            return None
        return self._backoff(attempt, retry_after)

    async def _send_handling_session(self, exchange: _Exchange) -> _Answer:
        """Send on a session, signing in first if need be; after a 401, a redirect to the sign-in
        page (as a 401: the session is lost) or a stale-session 500 carry out the session
        policy's decision: sign in again, take up the fleet's session, resend, wait for another
        request's renewal, or hand the answer back with the reason it was not resent."""
        method, url = exchange.method, exchange.url
        if not exchange.authenticated:
            response, _ = await self._send(exchange)
            return _Answer(response)
        renewals = 0  # times this request signed in again itself
        resent = 0  # resent because another request (or worker) signed in again meanwhile
        while True:
            await self._ensure_signed_in(method, url)
            response, session = await self._send(exchange, wait_for_renewal=True)
            status = response.status_code
            if status < 300:
                if url.startswith(self._site_prefix):  # a foreign href proves nothing
                    self._policy.succeeded(session)
                return _Answer(response)
            to_sign_in = _answers.redirects_to_sign_in(response)
            body = None if to_sign_in else _wire.try_loads(response.content)  # decoded once
            stale = None if to_sign_in else _wire.stale_session(status, body)
            if status != 401 and not to_sign_in and stale is None:
                if url.startswith(self._site_prefix) and _answers.proves_session(response, body):
                    self._policy.succeeded(session)  # refused for what it asked: the session works
                return _Answer(response)
            failure = Failure(session, status, stale, exchange.idempotent, to_sign_in)
            self._policy.failed(failure)
            allowed = self._policy.may_renew(failure, renewals)
            renewal = await self._renew(session, allowed, method, url, status)
            step = self._policy.next_step(failure, renewal, resent)
            if renewal.renewal is Renewal.RENEW:
                renewals += 1
                if step.step is NextStep.RESEND:
                    self._logger.info("%s %s answered %s: signed in again", method, url, status)
                else:
                    self._logger.warning("%s %s answered %s: %s", method, url, status, step.reason)
            elif step.step is NextStep.WAIT_FOR_RENEWAL and await self._replaced_soon(session):
                step = StepDecision(NextStep.RESEND)
            if step.step is not NextStep.RESEND:
                return _Answer(response, step.reason or None)
            if renewal.renewal is not Renewal.RENEW:
                resent += 1  # sent on a session that another request has since replaced

    async def _send(
        self, exchange: _Exchange, *, wait_for_renewal: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send once through the throttle; the response and the session it was sent on."""
        method, url, content = exchange.method, exchange.url, exchange.content
        slot = await self._take_slot(wait_for_renewal)
        try:
            # Built once through the throttle, so it carries the session current at sending time.
            # Credentials go to this site only, never to a foreign href.
            session = self._policy.session
            own_site = url.startswith(self._site_prefix)
            all_headers = self.auth.headers() if exchange.authenticated and own_site else {}
            all_headers.update(exchange.headers or {})
            params = exchange.params
            request = self._http.build_request(
                method,
                _wire.with_query(url, params) if params else url,
                content=content,
                headers=all_headers,
                timeout=self._timeout(exchange.timeout),
            )
            # This client's cookies only, whatever the (possibly shared) httpx client holds.
            request.headers.pop("Cookie", None)
            if own_site and self._cookies.header:
                request.headers["Cookie"] = self._cookies.header
            started = time.perf_counter()
            seconds = self._total_seconds(exchange.timeout)
            try:
                # Never followed: a redirect is judged by _request (a lost session, or an error).
                # The deadline bounds the attempt in all: connect, status line, headers, body.
                async with async_deadline(self._http, request, seconds):
                    response = await self._http.send(request, stream=True, follow_redirects=False)
                    await self._read(response, started, seconds)
            except httpx.TransportError as exc:
                self._log_failure(request, content, started, exc)
                raise
        finally:
            await self._give_slot(slot)
        # A late answer on a replaced session must not bring its cookies back.
        if own_site and "set-cookie" in response.headers and session == self._policy.session:
            self._cookies.update(response.headers.get_list("set-cookie"))
        self._last_response.set(response)
        if self._log.enabled:
            self._log.exchange(
                method,
                str(request.url),
                request.headers.multi_items(),
                content or b"",
                response.status_code,
                response.headers.multi_items(),
                response.content,
                time.perf_counter() - started,
            )
        return response, session

    async def _read(self, response: httpx.Response, started: float, seconds: float | None) -> None:
        """Read the body of a streamed answer, within ``max_response_bytes`` (counted after
        decompression: a gzip bomb stops early) and ``seconds`` from ``started`` in all: a server
        that drips its answer times out like a silent one. The answer is closed either way."""
        limit = self.max_response_bytes
        chunks: builtins.list[bytes] = []
        size = 0
        try:
            declared = response.headers.get("Content-Length", "")
            if limit is not None and declared.isdigit() and int(declared) > limit:
                raise self._too_large(response)
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if limit is not None and size > limit:
                    raise self._too_large(response)
                chunks.append(chunk)
                if seconds is not None and time.perf_counter() - started > seconds:
                    raise httpx.ReadTimeout(
                        f"the answer took more than {seconds:g} s in all", request=response.request
                    )
        finally:
            await response.aclose()
        response._content = b"".join(chunks)

    def _too_large(self, response: httpx.Response) -> UnexpectedAnswer:
        return UnexpectedAnswer(
            f"the answer is larger than max_response_bytes ({self.max_response_bytes} bytes):"
            " not read; raise the client's max_response_bytes if it is genuine",
            **_answers.where(response),
        )

    def _total_seconds(self, timeout: float | httpx.Timeout | None) -> float | None:
        """How long one attempt may take in all: the timeout, or an ``httpx.Timeout``'s read part."""
        chosen = self._timeout(timeout)
        if isinstance(chosen, httpx._client.UseClientDefault):
            chosen = self._http.timeout
        if isinstance(chosen, httpx.Timeout):
            return chosen.read
        return None if chosen is None else float(chosen)

    def _scrub(self, text: str) -> str:
        """``text`` without any secret the credentials hold (a token the server echoes)."""
        return _wire.scrub(text, self.auth.secrets())

    def _scrubbed(self, error: _E) -> _E:
        """``error`` with no secret in its message, wherever the server put one."""
        return _wire.scrub_error(error, self.auth.secrets())

    async def _take_slot(self, wait_for_renewal: bool) -> Slot:
        """A throttle slot. While the session is being renewed, a request that needs it gives
        its slot back and waits for the renewal: sent meanwhile, it would only fail.
        With a fleet, then the fleet's slot too (session work, which the others wait for, first)."""
        while True:
            await self._throttle.acquire()
            if not wait_for_renewal or self._not_renewing.is_set():
                break
            self._throttle.release()
            await self._not_renewing.wait()
        if self._fleet is None:
            return None
        try:
            return await self._fleet.enter(priority=not wait_for_renewal)
        except BaseException:
            self._throttle.release()
            raise

    async def _give_slot(self, slot: Slot) -> None:
        try:
            if self._fleet is not None:
                await self._fleet.leave(slot)
        finally:
            self._throttle.release()

    def _log_failure(
        self,
        request: httpx.Request,
        content: bytes | None,
        started: float,
        exc: httpx.TransportError,
    ) -> None:
        elapsed = time.perf_counter() - started
        headers = request.headers.multi_items()
        method, url = request.method, str(request.url)
        error = type(exc).__name__
        self._log.exchange(method, url, headers, content or b"", None, (), b"", elapsed, error)

    def _timeout(
        self, timeout: float | httpx.Timeout | None
    ) -> float | httpx.Timeout | httpx._client.UseClientDefault:
        """The call's timeout, else the client's, else the (owned or injected) httpx client's."""
        if timeout is not None:
            return timeout
        if self.timeout is not None:
            return self.timeout
        return httpx.USE_CLIENT_DEFAULT

    def _capped_timeout(self, seconds: float) -> float | httpx.Timeout:
        """The client's timeout with no part longer than ``seconds``."""
        base = self._timeout(None)
        if isinstance(base, httpx._client.UseClientDefault):
            base = self._http.timeout
        if seconds > _LONGEST_CAP:  # an endless action wait caps nothing (sockets reject inf)
            return base
        if isinstance(base, httpx.Timeout):
            parts = (base.connect, base.read, base.write, base.pool)
            connect, read, write, pool = (seconds if p is None else min(p, seconds) for p in parts)
            return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)
        return min(float(base), seconds)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        return _wire.backoff_delay(
            attempt, retry_after, base=self.backoff_base, cap=self.backoff_cap, random=self._random
        )

    # Session ---------------------------------------------------------------------------------

    async def _ensure_signed_in(self, method: str, url: str) -> None:
        fleet_moved = self._fleet is not None and self._fleet_moved()
        step = self._policy.sign_in_step(self.auth.needs_renewal(time.time()), fleet_moved)
        if step is SignInStep.READY:
            return
        attempts_seen = self._policy.sign_in_attempts

        async def sign_in() -> None:
            async with self._auth_lock:
                if self._closed:
                    raise AcumaticaError("the client is closed", method=method, url=url)
                fleet_moved = self._fleet_moved()
                step = self._policy.sign_in_step(self.auth.needs_renewal(time.time()), fleet_moved)
                if step is SignInStep.READY:
                    return  # another request did it meanwhile
                self._raise_refusal(attempts_seen)
                if step is SignInStep.SIGN_IN:
                    await self._attempt_sign_in(self._sign_in)
                else:
                    await self._attempt_sign_in(lambda: self._renew_locked(method, url))

        await self._shielded(sign_in)

    def _raise_refusal(self, attempts_seen: int) -> None:
        """Share a failed sign-in instead of repeating it (lock held; see ``SessionPolicy``)."""
        refusal = self._policy.shared_refusal(attempts_seen, self._clock())
        if refusal is not None:
            raise refusal

    async def _attempt_sign_in(self, work: Callable[[], Awaitable[None]]) -> None:
        """A sign-in or a renewal, counted when it ends (lock held): calls that arrived while it
        ran share its outcome."""
        try:
            await work()
        except AcumaticaError as exc:
            self._policy.sign_in_failed(exc, self._clock())
            raise

    async def _sign_in(self) -> None:
        if self._fleet is not None:
            await self._fleet_session(self._sign_in_here)
        else:
            await self._sign_in_here()

    async def _sign_in_here(self) -> None:
        request = self.auth.sign_in_request(self.url, time.time())
        if request is not None:
            await self._authenticate(request)
        self._policy.signed_in_now(renewal=False, now=self._clock())

    async def _renew(
        self, session: int, allowed: bool, method: str, url: str, status: int
    ) -> RenewalDecision:
        """After a 401 or a stale session on ``session``: the policy's decision (``allowed``:
        whether the request may sign in again), carried out under the lock: a renewal in progress
        is waited for, a ``RENEW`` is done. ``method``/``url``/``status``: the failure."""
        attempts_seen = self._policy.sign_in_attempts

        async def renew() -> RenewalDecision:
            async with self._auth_lock:
                if self._closed:
                    raise AcumaticaError("the client is closed", method=method, url=url)
                decision = self._policy.renewal(
                    session, allowed, self._clock(), self._fleet_moved()
                )
                if decision.renewal is Renewal.TAKE_UP:
                    # Another worker of the fleet has signed in again: use its session.
                    await self._attempt_sign_in(lambda: self._renew_locked(method, url, status))
                elif decision.renewal is Renewal.RENEW:
                    self._raise_refusal(attempts_seen)
                    await self._attempt_sign_in(lambda: self._renew_locked(method, url, status))
                    # The fleet's session taken up meanwhile is not this request's renewal.
                    decision = self._policy.carried_out(decision)
                return decision

        return await self._shielded(renew)

    async def _shielded(self, work: Callable[[], Awaitable[_T]]) -> _T:
        """Run session work (sign in, renew, sign out) to its end, whatever befalls the caller."""
        return await self._session_work.run(work)

    async def _replaced_soon(self, session: int) -> bool:
        """Whether another request signs in again within a moment. A 401 that may not renew
        itself often comes on a session another request's stale 500 has just ended, whose
        answer that request is still reading: wait for its renewal rather than fail."""
        deadline = time.monotonic() + _RENEWAL_GRACE
        while True:
            if not self._not_renewing.is_set():  # a renewal is running: wait for its end
                await self._not_renewing.wait()
            if self._policy.session != session or self._fleet_moved():
                return True
            if time.monotonic() >= deadline:
                return False
            await async_sleep(_RENEWAL_POLL)

    async def _renew_locked(self, method: str, url: str, status: int | None = None) -> None:
        self._not_renewing.clear()
        try:
            await self._renew_session(method, url, status)
        finally:
            self._not_renewing.set()

    async def _renew_session(self, method: str, url: str, status: int | None) -> None:
        if self._fleet is not None:
            await self._fleet_session(lambda: self._renew_here(method, url, status))
        else:
            await self._renew_here(method, url, status)

    async def _renew_here(self, method: str, url: str, status: int | None) -> None:
        if self.auth.signs_out_before_renewal and self._policy.signed_in:
            await self._sign_out()
        request = self.auth.renewal_request(self.url, time.time())
        if request is None:
            raise AuthError(
                "the credentials expired and cannot be renewed",
                method=method,
                url=url,
                status=status,
                credentials_refused=True,
            )
        try:
            await self._authenticate(request)
        except AuthError:
            if not self.auth.renewal_refused():
                raise
            request = self.auth.renewal_request(self.url, time.time())
            if request is None:
                raise
            await self._authenticate(request)
        self._policy.signed_in_now(renewal=True, now=self._clock())

    def _fleet_moved(self) -> bool:
        """Another worker of the fleet has renewed the session since this client took it up."""
        if self._fleet is None:
            return False
        generation = self._fleet.generation
        return generation is not None and generation != self._fleet_generation

    async def _fleet_session(self, work: Callable[[], Awaitable[None]]) -> None:
        """Sign in or renew through the fleet (lock held): take up the fleet's session when
        another worker has renewed it already, else ``work`` signs in for the whole fleet."""
        assert self._fleet is not None
        if self._fleet_generation < 0 and self._signed_in:
            await self._sign_out()  # our own, from while the fleet was out of reach: end it

        async def sign_in() -> SharedSession:
            await work()
            return SharedSession(0, self._cookies.snapshot(), export_tokens(self.auth))

        state, signed_in = await self._fleet.session(self._fleet_generation, sign_in)
        self._fleet_generation = state.generation
        if not signed_in:
            self._take_up(state)

    def _take_up(self, state: SharedSession) -> None:
        """Use a session another worker of the fleet signed in, as if this client had."""
        self._cookies.replace(state.cookies)
        import_tokens(self.auth, state.tokens)
        self._policy.took_up_session()

    async def _leave_fleet(self) -> None:
        """At close (lock held): leave the fleet's session. Only its last user signs it out
        (``_sign_out`` next); the others just forget it. Never raises."""
        if self._fleet is None:
            return
        try:
            sign_out, newest = await self._fleet.leave_session()
        except Exception as exc:
            self._logger.warning("leaving the fleet's session failed: %r", exc)
            sign_out, newest = False, None
        if self._fleet_generation < 0:
            return  # a session of this client's own (Redis was away): signed out as usual
        if not sign_out:
            self._signed_in = False
            self._cookies.clear()
        elif newest is not None and (
            newest.generation != self._fleet_generation or not self._signed_in
        ):
            self._take_up(newest)  # the fleet's newest session is the one to end

    async def _authenticate(self, request: AuthRequest) -> None:
        if request.form is not None:
            content = httpx.QueryParams(request.form).__str__().encode("ascii")
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        else:
            content = _wire.dumps(request.json)
            headers = dict(_wire.JSON_HEADERS)
        headers.update(request.headers)
        try:
            response = await self._request(
                request.method, request.url, content=content, headers=headers, authenticated=False
            )
        except (RateLimited, TransportError):
            raise  # busy or unreachable: the credentials may be fine
        except AcumaticaError as exc:
            reason = exc.exception_message or exc.message or getattr(exc, "error", None)
            if reason is None and isinstance(exc, UnexpectedAnswer):
                reason = exc.summary  # a redirect or a page where the sign-in answer was due
            reason = self._scrub(reason) if reason else None  # a password the server echoes
            summary = f"signing in failed: {reason}" if reason else "signing in failed"
            raise AuthError(
                summary,
                method=exc.method,
                url=exc.url,
                status=exc.status,
                # Remembered only if the credentials themselves were refused, not a 503 or a
                # timeout.
                credentials_refused=_wire.refuses_credentials(exc.status, reason),
            ) from exc
        try:
            self.auth.accept(_wire.try_loads(response.content), time.time())
        except AuthError as exc:
            # A token the server issued and we cannot use (expires_in "abc"): ended, not leaked.
            if self.auth.sign_out_request(self.url) is not None and self.auth.headers():
                self._policy.signed_out()
                await self._end_session()
            self.auth.discard_issued()
            self._scrubbed(exc)
            raise

    async def _sign_out(self) -> None:
        """End the session (lock held). Never raises: signing out must not hide the real error."""
        if not self._policy.signed_in:
            return
        self._policy.signed_out()
        await self._end_session()

    async def _end_session(self) -> None:
        """Sign the credentials' session out (lock held), even one the policy never counted (a
        token issued that proved unusable). Never raises."""
        request = self.auth.sign_out_request(self.url)
        if request is not None:
            sign_out = _Exchange(
                request.method,
                request.url,
                None,
                b"",
                request.headers,
                _LOGOUT_TIMEOUT,
                True,
                False,
            )
            for _attempt in range(2):
                try:
                    response, _ = await self._send(sign_out)
                except httpx.TransportError as exc:
                    failure = self._scrub(str(exc))
                    self._logger.warning("signing out of %s failed: %s", self.url, failure)
                    continue
                except Exception as exc:  # a closed httpx client, a full disk under the log
                    failure = self._scrub(repr(exc))
                    self._logger.warning("signing out of %s failed: %s", self.url, failure)
                    break
                if response.status_code < 500:
                    break
        self._cookies.clear()

    # Actions ---------------------------------------------------------------------------------

    async def invoke(
        self,
        entity_name: str,
        action_name: str,
        entity: Mapping[str, Any] | WireModel,
        parameters: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
    ) -> httpx.Response:
        """Run ``POST /{entity_name}/{action_name}`` and wait for it to finish (202 → 204).

        For actions outside the contract. ``entity`` is a model or its wire dict; a parameter
        value that is not already a ``{"value": ...}`` wrapper is wrapped. ``timeout`` bounds the
        whole wait (default: the client's ``action_timeout``): the POST and each status poll get
        at most the time left (at least a second), and ``ActionTimeout`` is raised once it has
        passed, or when the POST got no answer in time (the action may then have started).
        A 202 without a ``Location`` to poll raises ``AcumaticaError`` rather than passing for
        done: the action was accepted, and only reading the record tells whether it finished.
        """
        wire_entity = dict(entity) if isinstance(entity, Mapping) else entity.to_dict()
        wrapped = {
            name: value if isinstance(value, Mapping) else {"value": value}
            for name, value in (parameters or {}).items()
        }
        body = {"entity": wire_entity, "parameters": wrapped}
        url = f"{self.base_url}/{_segment(entity_name)}/{_segment(action_name)}"
        started = self._clock()
        deadline = started + (self.action_timeout if timeout is None else timeout)
        content = _wire.dumps(body)
        # The POST too is bounded by the action's deadline, not only the status polls.
        post_timeout = self._capped_timeout(max(deadline - started, MIN_POLL_TIMEOUT))
        try:
            response = await self._request(
                "POST", url, content=content, headers=_wire.JSON_HEADERS, timeout=post_timeout
            )
        except TransportError as exc:
            if not (exc.timed_out and exc.may_have_run):
                raise
            # Out of time, and the server may have the action: a blind retry could run it twice.
            raise ActionTimeout(
                f"{action_name}: no answer to the POST after {self._clock() - started:.1f} s "
                f"({exc.summary}); it may have started: read the record before running it again",
                method="POST",
                url=url,
            ) from exc
        location = response.headers.get("Location")
        if response.status_code == 202 and not location:
            raise AcumaticaError(
                f"{action_name} was accepted (202) without a Location to follow: "
                "read the record to see whether it ran",
                method="POST",
                url=url,
                status=202,
            )
        interval = min(FIRST_POLL_INTERVAL, self.action_poll_interval)
        while response.status_code == 202 and location:
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise ActionTimeout(
                    f"{action_name} still running after {self._clock() - started:.1f} s",
                    method="POST",
                    url=url,
                    status=202,
                )
            poll_url = self._status_url(location, action_name, response)
            # Soon at first, then less often; as the server asks, if it says (Retry-After).
            # Never past the deadline: the last wait is cut short, then polled once more.
            asked = _wire.parse_retry_after(response.headers.get("Retry-After"))
            await self._sleep(min(interval if asked is None else asked, remaining))
            interval = min(interval * 2, self.action_poll_interval)
            # A hanging status request must not outlive the deadline by a whole request timeout.
            left = max(deadline - self._clock(), MIN_POLL_TIMEOUT)
            try:
                response = await self._request(
                    "GET", poll_url, timeout=self._capped_timeout(left), retry_until=deadline
                )
            except TransportError as exc:
                if not exc.timed_out or self._clock() < deadline:
                    raise
                raise ActionTimeout(
                    f"{action_name}: no answer to its status poll after "
                    f"{self._clock() - started:.1f} s ({exc.summary}); it may still finish",
                    method="GET",
                    url=poll_url,
                ) from exc
            location = response.headers.get("Location") or location
        _answers.no_content(response, f"{action_name} answered")
        return response

    def _status_url(self, location: str, action_name: str, response: httpx.Response) -> str:
        """Where to poll an action: the 202's ``Location``, on this instance's site and path
        only, so its cookies and tokens never go elsewhere."""
        try:
            resolved = self.resolve(location.strip())
        except (httpx.InvalidURL, ValueError, TypeError):
            resolved = location
        refused = _answers.outside_instance(resolved, self._site_prefix)
        if refused is None:
            return resolved
        raise UnexpectedAnswer(
            f"{action_name}: the server asked to poll {_wire.redact_url(location)[:200]!r},"
            f" {refused}: not followed; read the record to see whether the action ran",
            **_answers.where(response),
        )


class AsyncEntityApi(Generic[M]):
    """CRUD, files and actions of one top-level entity; generated ``<Entity>Api`` classes set
    ``entity_name``, ``model`` and ``key_fields``."""

    entity_name: ClassVar[str]
    model: type[M]
    key_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client

    @property
    def client(self) -> AsyncBaseClient:
        return self._client

    def _url(self, *route: str) -> str:
        """The entity's URL, then route segments of ours (``$adHocSchema``, ``files``)."""
        tail = "".join(f"/{_segment(s)}" for s in route)
        return f"{self._client.base_url}/{_segment(self.entity_name)}{tail}"

    def _record_url(self, values: Sequence[object], *route: str, by_id: bool = False) -> str:
        """The URL of one record, by its ``id`` or its key values: each one checked (an empty one
        would address the list) and escaped whole (``/``, ``$``, dots), then route segments."""
        segments = []
        for index, value in enumerate(values):
            if by_id:
                what = "id"
            elif index < len(self.key_fields):
                what = f"key {self.key_fields[index]}"
            else:
                what = f"key value {index + 1}"
            segments.append(_key_segment(value, f"{self.entity_name} {what}"))
        tail = "".join(f"/{_segment(s)}" for s in route)
        return f"{self._url()}/{'/'.join(segments)}{tail}"

    def _parse(self, response: httpx.Response) -> M:
        """One record from a JSON answer; ``DecodeError`` for anything else."""
        return _answers.record(response, self.entity_name, self._decode)

    def _parse_list(self, response: httpx.Response) -> builtins.list[M]:
        """A list of records from a JSON answer; ``DecodeError`` for anything else (an empty
        body or an HTML page is never an empty list)."""
        return _answers.records(response, self.entity_name, self._decode)

    def _decode(self, data: dict[str, Any]) -> M:
        if not self._client.lenient_decoding:
            return self.model.from_dict(data)
        record = self.model.from_dict(data, lenient=True)
        for path, reason in getattr(record, "decode_errors", {}).items():
            self._client._logger.warning("%s.%s kept as sent: %s", self.entity_name, path, reason)
        return record

    async def put(
        self,
        entity: M,
        *,
        mode: PutMode = "upsert",
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> M:
        """Create or update (``mode="insert"``: only create; ``"update"``: only update).

        A write that loses a race ("Another process has updated...") is re-read and sent once more.
        Like every PUT it is resent after a lost connection: to create records whose key the
        server assigns (order numbers), prefer ``put_once``, which cannot create a second one.
        """
        params = self._query_params(select=select, expand=expand, custom=custom)
        return await self._put(entity, mode, params, timeout, idempotent=True)

    async def _put(
        self,
        entity: M,
        mode: PutMode,
        params: Mapping[str, str],
        timeout: float | httpx.Timeout | None,
        *,
        idempotent: bool,
    ) -> M:
        try:
            headers = {**_wire.JSON_HEADERS, **_wire.PUT_MODE_HEADERS[mode]}
        except KeyError as err:
            raise ValueError(f"mode must be 'upsert', 'insert' or 'update', not {mode!r}") from err
        body = entity.to_dict()
        return await self._write("PUT", body, headers, params, timeout, idempotent=idempotent)

    async def _write(
        self,
        method: str,
        body: Mapping[str, Any],
        headers: Mapping[str, str],
        params: Mapping[str, str],
        timeout: float | httpx.Timeout | None,
        *,
        idempotent: bool,
    ) -> M:
        """A PUT or PATCH of ``body``: one that loses a race ("Another process has updated...")
        is re-read and sent once more."""
        content = _wire.dumps(body)
        for attempt in range(2):
            try:
                response = await self._client._request(
                    method,
                    self._url(),
                    params=params,
                    content=content,
                    headers=headers,
                    timeout=timeout,
                    model=self.model,
                    idempotent=idempotent,
                )
                break
            except ConcurrencyError:
                if attempt:
                    raise
                await self._refresh(body, timeout)
        return self._parse(response)

    async def _refresh(self, body: Mapping[str, Any], timeout: _Timeout) -> None:
        """Read the record again so the server's cache holds the winner of the race."""
        record_id = body.get("id")
        keys = [_plain(body.get(name)) for name in self.key_fields]
        try:
            if record_id:
                url = self._record_url([record_id], by_id=True)
                await self._client._request("GET", url, timeout=timeout)
            elif keys and all(k is not None and str(k).strip() for k in keys):
                await self._client._request("GET", self._record_url(keys), timeout=timeout)
        except NotFound:
            pass

    async def put_once(
        self,
        entity: M,
        *,
        ref_field: str | FieldRef[Any],
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> M:
        """Create ``entity`` unless a record with the same ``ref_field`` value exists (then return it).

        ``ref_field`` is the caller's external reference (e.g. ``"ExternalRef"``): a batch that is
        retried after a crash finds what it created the first time instead of creating duplicates.
        It is not a lock: two processes writing the same reference at the same moment can both
        insert, so give each reference to one worker.
        """
        name = ref_field.path if isinstance(ref_field, FieldRef) else ref_field
        value = _plain(entity.to_dict().get(name))
        if value is None:
            raise ValueError(f"put_once needs {name} set on the entity")
        match: Filter = FieldRef[Any](name) == value
        params = self._query_params(select=select, expand=expand, custom=custom)
        retried = False
        while True:
            found = await self.list(
                filter=match,
                top=1,
                select=select,
                expand=expand,
                custom=custom,
                timeout=timeout,
            )
            if found:
                return found[0]
            try:
                # Not resent blindly: if the answer is lost, look again before inserting again.
                return await self._put(entity, "insert", params, timeout, idempotent=False)
            except (PreconditionFailed, TransportError):  # inserted meanwhile, or answer lost
                if retried:
                    raise
                retried = True

    async def list(
        self,
        *,
        filter: str | Filter | None = None,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        top: int | None = None,
        skip: int | None = None,
        page_size: int | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> builtins.list[M]:
        """Records matching ``filter``; with ``page_size`` fetched page by page ($top/$skip)."""
        if page_size is not None:
            pages = self.iter(
                filter=filter,
                select=select,
                expand=expand,
                custom=custom,
                top=top,
                skip=skip,
                page_size=page_size,
                timeout=timeout,
            )
            return [item async for item in pages]
        params = self._query_params(
            filter=filter, select=select, expand=expand, custom=custom, top=top, skip=skip
        )
        response = await self._client._request("GET", self._url(), params=params, timeout=timeout)
        return self._parse_list(response)

    async def iter(
        self,
        *,
        filter: str | Filter | None = None,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        top: int | None = None,
        skip: int | None = None,
        page_size: int = 100,
        timeout: float | httpx.Timeout | None = None,
    ) -> AsyncIterator[M]:
        """Yield matching records, fetching ``page_size`` at a time (use with ``async for``)."""
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        offset = skip or 0
        remaining = top
        while remaining is None or remaining > 0:
            count = page_size if remaining is None else min(page_size, remaining)
            params = self._query_params(
                filter=filter, select=select, expand=expand, custom=custom, top=count, skip=offset
            )
            url = self._url()
            response = await self._client._request("GET", url, params=params, timeout=timeout)
            rows = self._parse_list(response)
            for row in rows:  # noqa: UP028 - no ``yield from`` in a coroutine generator
                yield row
            if len(rows) < count:
                return
            offset += len(rows)
            if remaining is not None:
                remaining -= len(rows)

    async def get(
        self,
        id: UUID | str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> M:
        """The record with this ``id`` (``NotFound`` if none)."""
        params = self._query_params(select=select, expand=expand, custom=custom)
        url = self._record_url([id], by_id=True)
        response = await self._client._request("GET", url, params=params, timeout=timeout)
        return self._parse(response)

    async def _get_by_keys(
        self,
        keys: Sequence[object],
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> M:
        """The record with these key values, in ``key_fields`` order (``NotFound`` if none).
        Generated APIs of entities with keys wrap it as ``get_by_keys`` with one typed parameter
        per key; an entity without keys has no ``get_by_keys`` at all."""
        if not keys:
            raise ValueError("get_by_keys needs at least one key value")
        params = self._query_params(select=select, expand=expand, custom=custom)
        url = self._record_url(keys)
        response = await self._client._request("GET", url, params=params, timeout=timeout)
        return self._parse(response)

    async def delete(self, id: UUID | str, *, timeout: float | httpx.Timeout | None = None) -> None:
        """Delete the record with this ``id``."""
        await self._delete(self._record_url([id], by_id=True), timeout)

    async def _delete_by_keys(
        self,
        keys: Sequence[object],
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the record with these key values (wrapped as ``delete_by_keys``, as above)."""
        if not keys:
            raise ValueError("delete_by_keys needs at least one key value")
        await self._delete(self._record_url(keys), timeout)

    async def _delete(self, url: str, timeout: float | httpx.Timeout | None) -> None:
        """A delete that loses a race ("Another process has updated...") is sent once more."""
        for attempt in range(2):
            try:
                response = await self._client._request("DELETE", url, timeout=timeout)
                _answers.no_content(response, f"deleting a {self.entity_name}")
                return
            except ConcurrencyError:
                if attempt:
                    raise

    async def patch(
        self,
        entity: M,
        *,
        id: UUID | str | Unset | None = None,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> M:
        """Update only the fields set on ``entity`` (a PATCH) and return the updated record.

        The record is the one with ``id=`` (a model's ``id`` as read: ``None``/``UNSET`` do not
        count), else the entity's own ``id``, else its key fields (``key_fields``). PATCH never inserts: no such record raises ``NotFound``. PATCH came with
        the 2025 R1 platform and works there on every endpoint version; an older server answers
        405, raised as an ``AcumaticaError`` that says so (use ``put(mode="update")`` there).
        Like ``put`` it is resent after a lost connection, a 5xx gateway error or a 409 (a long
        operation running on the screen): setting the same fields twice changes nothing more; and
        one that loses a race ("Another process has updated...") is re-read and sent once more.
        """
        body = entity.to_dict()
        if id:  # not None, UNSET or empty
            body["id"] = str(id)
        elif not body.get("id") and not self._keys_set(body):
            keys = ", ".join(self.key_fields) or "no key fields"
            raise ValueError(
                f"patch needs the {self.entity_name} record: pass id=, or set its id or its keys"
                f" ({keys}) on the entity"
            )
        params = self._query_params(select=select, expand=expand, custom=custom)
        return await self._write(
            "PATCH", body, _wire.JSON_HEADERS, params, timeout, idempotent=True
        )

    def _keys_set(self, body: Mapping[str, Any]) -> bool:
        values = [_plain(body.get(name)) for name in self.key_fields]
        return bool(values) and all(v is not None and str(v).strip() for v in values)

    def _query_params(self, **query: Any) -> dict[str, str]:
        """The query parameters in the dialect of the client's contract."""
        return _wire.query_params(**query, dialect=self._client.dialect)

    async def ad_hoc_schema(self, *, timeout: float | httpx.Timeout | None = None) -> M:
        """The entity with every custom field the screen offers (``$adHocSchema``)."""
        url = self._url("$adHocSchema")
        response = await self._client._request("GET", url, timeout=timeout)
        return self._parse(response)

    @overload
    async def upload_file(
        self,
        record: M,
        filename: str,
        content: bytes,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None: ...

    @overload
    async def upload_file(
        self,
        filename: str,
        content: bytes,
        *,
        id: UUID | str | None = None,
        keys: Sequence[object] = (),
        timeout: float | httpx.Timeout | None = None,
    ) -> None: ...

    async def upload_file(
        self, *args: Any, timeout: float | httpx.Timeout | None = None, **old_form: Any
    ) -> None:
        """Attach a file to a record: ``upload_file(order, "label.pdf", content)``, the record
        as ``put``/``get`` return it (its keys, else its ``id``, address it).

        Deprecated: ``upload_file("label.pdf", content, id=... | keys=...)`` still works and
        warns."""
        if "record" in old_form or (args and not isinstance(args[0], str)):
            form = "upload_file(record, filename, content)"
            given = _file_arguments(form, ("record", "filename", "content"), args, old_form)
            url = self._record_url_of(given["record"], "files", keys_first=True)
        else:
            warnings.warn(
                "upload_file(filename, content, id=/keys=) is deprecated: pass the record first,"
                " upload_file(record, filename, content)",
                DeprecationWarning,
                stacklevel=2,
            )
            form = "upload_file(filename, content, id=, keys=)"
            given = _file_arguments(form, ("filename", "content", "id=", "keys="), args, old_form)
            id, keys = given.get("id"), given.get("keys", ())
            if (id is None) == (not keys):
                raise ValueError("give exactly one of id= or keys=")
            if id is not None:
                url = self._record_url([id], "files", by_id=True)
            else:
                url = self._record_url(keys, "files")
        filename, content = given["filename"], given["content"]
        if not isinstance(filename, str) or not isinstance(content, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"{form} takes the file name as text and the content as bytes, not"
                f" {type(filename).__name__} and {type(content).__name__}"
                " (text content: encode it, e.g. content.encode())"
            )
        name = _key_segment(filename, "upload_file's file name")  # ".." stays a name
        headers = {"Content-Type": "application/octet-stream"}
        response = await self._client._request(
            "PUT", f"{url}/{name}", content=bytes(content), headers=headers, timeout=timeout
        )
        _answers.no_content(response, f"uploading {filename!r}")

    async def download_file(self, file: Any, *, timeout: _Timeout = None) -> bytes:
        """The bytes of an attachment (a ``FileLink`` from ``entity.files``, or its href)."""
        return await self._client.download_file(file, timeout=timeout)

    async def invoke(
        self,
        action_name: str,
        entity: M,
        parameters: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run an action the contract does not describe; plain parameter values are wrapped."""
        await self._invoke_action(action_name, entity, parameters, timeout=timeout)

    async def _invoke_action(
        self,
        action_name: str,
        entity: M,
        parameters: Mapping[str, Any] | None,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> M | None:
        """Post the action and wait until the server says it finished (204). With ``reread``,
        then the record read again (Acumatica answers an action with no record): its address is
        checked before the action runs, so a record without id or keys fails before anything is
        done, and the read has the action's ``timeout`` too."""
        url = self._record_url_of(entity) if reread else None
        name = self.entity_name
        await self._client.invoke(name, action_name, entity, parameters, timeout=timeout)
        return None if url is None else await self._read_after_action(url, timeout)

    async def _read_after_action(self, url: str, timeout: float | None) -> M:
        """The record at ``url`` after an action. An error says the action finished: the caller
        must not run it again because reading the record failed."""
        try:
            response = await self._client._request("GET", url, timeout=timeout)
            return self._parse(response)
        except AcumaticaError as error:
            _answers.after_action(error)
            raise

    def _record_url_of(self, record: M, *route: str, keys_first: bool = False) -> str:
        """The URL of a record we hold: by its ``id``, else by its keys (``keys_first``: the
        other way round, for routes Acumatica documents by keys, such as files)."""
        body = record.to_dict()
        record_id = body.get("id")
        keys = [_plain(body.get(name)) for name in self.key_fields]
        has_keys = bool(keys) and all(k is not None and str(k).strip() for k in keys)
        if has_keys and (keys_first or not record_id):
            return self._record_url(keys, *route)
        if record_id:
            return self._record_url([record_id], *route, by_id=True)
        needs = (
            f"neither its id nor all its keys ({', '.join(self.key_fields)})" if keys else "no id"
        )
        raise ValueError(
            f"this {self.entity_name} record has {needs}: use the record put() or get() returned"
        )


# Seconds per HTTP request when neither the call, the client nor an injected httpx client says.
DEFAULT_TIMEOUT = 60.0
# The first wait before polling an action's status; each next one doubles, up to the client's
# action_poll_interval: most actions end within a second, some take minutes.
FIRST_POLL_INTERVAL = 0.1
# Signing out must not hold up an exit for long, least of all one caused by an error.
_LOGOUT_TIMEOUT = 10.0
# The shortest timeout a status poll gets, even at the deadline: one last look is worth a second.
MIN_POLL_TIMEOUT = 1.0
# A deadline further than this (a week) caps no request: socket timeouts overflow on infinity.
_LONGEST_CAP = 7 * 24 * 3600.0
# Site-rooted routes, to tell an href that lacks the instance's folder.
_SITE_ROUTES = ("/entity/", "/identity/")
# How long a request that may not sign in again waits for another request to do it, and how often
# it looks.
_RENEWAL_GRACE = 0.5
_RENEWAL_POLL = 0.01


def _segment(value: object) -> str:
    return quote(str(value), safe="$")


def _key_segment(value: object, what: str) -> str:
    """A record's id or key value as one path segment; empty ones, ``UNSET`` and values that
    are no id or key (a record, a dict, a list) are refused: sent as text they would address
    another record or none."""
    if type(value) in _PLAIN_KEY_TYPES:  # the common case, without the checks below
        return _key_text(str(value), what)
    from .model import Model  # here, not at import: the client imports without the models
    from .values import Unset

    if isinstance(value, Unset):
        raise ValueError(
            f"{what} is UNSET: the record has no value for it (use the record put() or get()"
            " returned, or read the field with select=)"
        )
    if isinstance(value, (Model, Mapping, list, tuple, set, frozenset, bytes, bytearray, bool)):
        kind = f"a {type(value).__name__} record" if isinstance(value, Model) else repr(value)
        raise TypeError(
            f"{what} must be text, a number or a UUID, not {kind[:60]}: pass the record's own"
            " value (record.id), or its key values to get_by_keys()/delete_by_keys()"
        )
    return _key_text("" if value is None else str(value), what)


# Id and key values that need no check beyond emptiness (their subclasses are checked in full).
_PLAIN_KEY_TYPES = frozenset({str, int, UUID})


def _key_text(text: str, what: str) -> str:
    if not text.strip():
        raise ValueError(f"{what} is empty: give the record's value (an empty one reads the list)")
    if text in (".", ".."):  # URL normalisation would drop them; escaped, they stay values
        return text.replace(".", "%2E")
    return quote(text, safe="")


def _file_arguments(
    form: str, names: tuple[str, ...], args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> dict[str, Any]:
    """The arguments of one form of ``upload_file``, given by position or by name."""
    required = [name for name in names if not name.endswith("=")]
    known = {name.rstrip("=") for name in names}
    unknown = sorted(set(kwargs) - known)
    if len(args) > len(required) or unknown:
        extra = unknown or [repr(arg) for arg in args[len(required) :]]
        raise TypeError(f"{form} got unexpected arguments: {', '.join(extra)}")
    values = {**dict(zip(required, args, strict=False)), **kwargs}
    missing = [name for name in required if name not in values]
    if missing:
        raise TypeError(f"{form} is missing {', '.join(missing)}")
    return values


def _plain(value: Any) -> Any:
    """A field's value from its wire form (``{"value": x}`` or bare)."""
    if isinstance(value, Mapping):
        return value.get("value")
    return value


def _may_retry_transport(exc: httpx.TransportError, idempotent: bool) -> bool:
    """Idempotent requests retry network failures and timeouts; others only when nothing was
    sent. A bad URL, a proxy refusal or our own protocol error would only fail again."""
    if idempotent:
        return isinstance(
            exc, (httpx.NetworkError, httpx.TimeoutException, httpx.RemoteProtocolError)
        )
    return _never_sent(exc)


def _never_sent(exc: httpx.TransportError) -> bool:
    """The request surely never reached the server: no connection was made for it."""
    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
