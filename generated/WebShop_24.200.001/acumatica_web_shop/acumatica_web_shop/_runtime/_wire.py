"""What travels on the wire, shared by the sync and async clients (no I/O here).

JSON encoding (``Decimal`` stays an exact JSON number), query parameters, retry timing, and the
request/response log with every secret redacted.
"""

from __future__ import annotations

import http.cookiejar
import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import IO, Any, TypeVar
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit
from uuid import UUID

from .dialect import CONTRACT_4, Dialect
from .query import FieldSpec as FieldSpec  # re-exported: generated API modules import it here
from .query import Filter, field_params

_E = TypeVar("_E", bound=BaseException)
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Statuses worth a backoff and another try: the server did not process the request (409: a long
# operation is running for the screen in this session).
RETRY_STATUSES = frozenset({409, 429, 502, 503, 504})
PUT_MODE_HEADERS: dict[str, dict[str, str]] = {
    "upsert": {},
    "insert": {"If-None-Match": "*"},
    "update": {"If-Match": "*"},
}
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
# A 500 that says the session is gone: the server refused the request before running any of it
# (Acumatica's PXUndefinedCompanyException, "You are not logged in", "The session has expired").
# Nothing broader: a business message about a cash-drawer session or a disabled login is not one.
STALE_SESSION_TYPES = ("pxundefinedcompanyexception",)
STALE_SESSION_MESSAGE = re.compile(
    r"\b(?:you are|user is) not logged in\b|\b(?:the|your) session (?:has )?expired\b"
    r"|^session (?:has )?expired\b",
    re.IGNORECASE,
)
# A lost session can also surface mid-request as a null reference: the request may have run in
# part, so only an idempotent one is resent (a non-idempotent one signs in again and raises).
STALE_SESSION_POSSIBLE_TYPES = ("system.nullreferenceexception",)
# The longest ``Retry-After`` waited for; a server asking for more gets its error raised at once
# (``RateLimited.retry_after`` says how long), for the application to schedule the retry.
MAX_RETRY_AFTER = 120.0

# Keys whose values never reach a log line: credential names in any case ("Password" too), and
# OAuth's short lower-case names exactly (so an entity field called "Code" still shows).
# A key is secret when, lower-cased without separators, it contains one of these: the OAuth
# fields, and entity fields such as AccessToken, SharedSecret, WebDAVPassword or UsrApiKey.
_SECRET_KEY_PARTS = (
    "password", "passwd", "secret", "token", "apikey", "privatekey", "credential", "codeverifier"
)  # fmt: skip
_SECRET_KEYS_EXACT = frozenset({"code", "pwd"})  # OAuth's authorization code; short spellings
_KEY_SEPARATORS = re.compile(r"[^a-z0-9]")
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
REDACTED = "***"


# JSON ----------------------------------------------------------------------------------------


def dumps(data: Any) -> bytes:
    """Encode ``data`` as compact UTF-8 JSON; ``Decimal`` becomes a JSON number, digit for digit."""
    numbers: list[str] = []
    nonce = os.urandom(4).hex()  # placeholders no string in ``data`` can imitate

    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError(_not_a_number(data))
            numbers.append(str(value))
            return f"\x00{nonce}{len(numbers) - 1}\x00"
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, UUID):
            return str(value)
        to_dict = getattr(value, "to_dict", None)
        if callable(to_dict):
            return to_dict()
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    try:
        text = json.dumps(
            data, ensure_ascii=False, separators=(",", ":"), default=default, allow_nan=False
        )
    except ValueError as exc:
        if "JSON compliant" not in str(exc):  # float('inf') or float('nan'), anywhere
            raise
        raise ValueError(_not_a_number(data)) from None
    if numbers:
        placeholder = re.compile(r'"\\u0000' + nonce + r'(\d+)\\u0000"')
        text = placeholder.sub(lambda m: numbers[int(m.group(1))], text)
    return text.encode("utf-8")


def _not_a_number(data: Any) -> str:
    """Why ``data`` cannot be sent: the path of its first infinite or NaN number (on failure only)."""
    path, value = _first_non_finite(data, "")
    where = path.lstrip(".") or "the value"
    return (
        f"{where} is {value}: not a number JSON can carry (Acumatica takes finite numbers only);"
        " set a finite value, or None to clear the field"
    )


def _first_non_finite(data: Any, path: str) -> tuple[str, Any]:
    if isinstance(data, Decimal) and not data.is_finite():
        return path, data
    if isinstance(data, float) and not math.isfinite(data):
        return path, data
    if hasattr(data, "to_dict") and callable(data.to_dict):
        data = data.to_dict()
    items: Iterable[tuple[str, Any]] = ()
    if isinstance(data, Mapping):
        items = ((f"{path}.{key}", value) for key, value in data.items())
    elif isinstance(data, (list, tuple)):
        items = ((f"{path}[{index}]", value) for index, value in enumerate(data))
    for item_path, value in items:
        found = _first_non_finite(value, item_path)
        if found[0]:
            return found
    return "", None


def loads(content: bytes | str) -> Any:
    """Decode a JSON answer; numbers with a fraction become ``Decimal`` (money stays exact)."""
    if not content:
        return None
    return json.loads(content, parse_float=Decimal)


def try_loads(content: bytes) -> Any:
    """Decode JSON if it is JSON, else return the text (error pages, plain messages)."""
    try:
        return loads(content)
    except (ValueError, RecursionError):
        return content.decode("utf-8", "replace")


# Query parameters ----------------------------------------------------------------------------


def query_params(
    *,
    filter: str | Filter | None = None,
    select: FieldSpec | None = None,
    expand: FieldSpec | None = None,
    custom: FieldSpec | None = None,
    top: int | None = None,
    skip: int | None = None,
    dialect: Dialect = CONTRACT_4,
) -> dict[str, str]:
    """The OData query parameters Acumatica understands, omitting the ones not given, written in
    the ``dialect`` of the endpoint's contract."""
    params: dict[str, str] = {}
    if filter is not None:
        params["$filter"] = filter.render(dialect) if isinstance(filter, Filter) else filter
    params.update(field_params(select, expand, custom, dialect))
    if top is not None:
        params["$top"] = str(top)
    if skip:
        params["$skip"] = str(skip)
    return params


def with_query(url: str, params: Mapping[str, str]) -> str:
    """``url`` with ``params`` appended, readable in logs (``$filter=Status%20eq%20'Open'``) and
    encoded once, instead of httpx merging them into a parsed URL on every request."""
    if not params:
        return url
    query = urlencode(params, quote_via=quote, safe="$'(),/:*")
    return f"{url}{'&' if '?' in url else '?'}{query}"


# Retry timing --------------------------------------------------------------------------------


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    return max(seconds, 0.0)


def backoff_delay(
    attempt: int,
    retry_after: float | None,
    *,
    base: float,
    cap: float,
    random: Callable[[], float],
) -> float:
    """Exponential backoff with jitter; the server's ``Retry-After`` wins when it says more."""
    exponential = min(cap, base * 2.0**attempt)
    delay = exponential / 2 + random() * exponential / 2
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


def stale_session(status: int, body: Any) -> str | None:
    """Whether a 500 comes from a lost session: ``"certain"`` when the server says so (it ran
    nothing), ``"possible"`` for a bare null reference (it may have run part of the request),
    else None (never for "not found", validation or concurrency answers)."""
    if status != 500 or not isinstance(body, Mapping) or "modelState" in body:
        return None
    kind = str(body.get("exceptionType") or "").lower()
    messages = [str(body.get(k) or "") for k in ("exceptionMessage", "message")]
    if any(marker in kind for marker in STALE_SESSION_TYPES):
        return "certain"
    if any(marker in m.lower() for m in messages for marker in STALE_SESSION_TYPES):
        return "certain"
    if any(STALE_SESSION_MESSAGE.search(m.strip()) for m in messages):
        return "certain"
    if kind in STALE_SESSION_POSSIBLE_TYPES or any(
        "object reference not set to an instance" in m.lower() for m in messages
    ):
        return "possible"
    return None


def looks_like_stale_session(status: int, body: Any, idempotent: bool) -> bool:
    """A 500 after which the request can be sent again on a new session."""
    kind = stale_session(status, body)
    return kind == "certain" or (kind == "possible" and idempotent)


# Redaction -----------------------------------------------------------------------------------


class SessionCookies:
    """The cookies of one client's session: a name → value map and the ``Cookie`` header it makes.

    Acumatica sets a handful of cookies at sign-in (``ASP.NET_SessionId``, ``.ASPXAUTH``,
    ``UserBranch``, ...) and expires them at sign-out. ``http.cookiejar``'s policy machinery costs
    more per request than the rest of the client, and a jar shared through an injected httpx client
    would mix users, so each client keeps just this.
    """

    __slots__ = ("_values", "_lock", "header")

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()  # threads of one client update it at once
        self.header = ""  # replaced whole, so a reader always sees a complete header

    def update(self, set_cookie_lines: Iterable[str]) -> None:
        """Take the ``Set-Cookie`` lines of a response (an expired cookie is removed)."""
        with self._lock:
            for line in set_cookie_lines:
                pair, _, attributes = line.partition(";")
                name, has_value, value = pair.strip().partition("=")
                if not name or not has_value:
                    continue
                if _cookie_expired(value.strip(), attributes):
                    self._values.pop(name, None)
                else:
                    self._values[name] = value.strip()
            self.header = "; ".join(f"{name}={value}" for name, value in self._values.items())

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.header = ""

    def snapshot(self) -> dict[str, str]:
        """The cookies by name (a copy), to share the session with other workers of a fleet."""
        with self._lock:
            return dict(self._values)

    def replace(self, values: Mapping[str, str]) -> None:
        """Use these cookies instead (another worker's session, shared through the fleet)."""
        with self._lock:
            self._values = dict(values)
            self.header = "; ".join(f"{name}={value}" for name, value in self._values.items())

    def __bool__(self) -> bool:
        return bool(self._values)


class DiscardingCookieJar(http.cookiejar.CookieJar):
    """The jar of an httpx client this runtime creates: it keeps nothing.

    ``SessionCookies`` holds the session; with an empty jar httpx no longer stores every
    ``Set-Cookie`` nor builds, for every request, a ``Cookie`` header that would be replaced.
    """

    def set_cookie(self, cookie: http.cookiejar.Cookie) -> None:
        return None

    def extract_cookies(self, response: Any, request: Any) -> None:
        return None


def _cookie_expired(value: str, attributes: str) -> bool:
    if not value:
        return True
    for attribute in attributes.split(";"):
        key, _, setting = attribute.strip().partition("=")
        key = key.lower()
        try:
            if key == "max-age" and int(setting) <= 0:
                return True
            if key == "expires" and parsedate_to_datetime(setting) <= datetime.now(timezone.utc):
                return True
        except (ValueError, TypeError):
            continue
    return False


# What Acumatica (and its identity server) say when they refuse the credentials themselves.
_REFUSAL_MARKERS = (
    "credential", "password", "locked", "disabled", "not allowed", "access denied", "invalid_",
    "unauthorized", "unknown user", "user name",
)  # fmt: skip


def refuses_credentials(status: int | None, reason: str | None) -> bool:
    """Whether a failed sign-in is a refusal of the credentials (a 400/401/403 from the token or
    login endpoint, or Acumatica's 500 "Invalid credentials"), not a server in trouble."""
    if status in (400, 401, 403):
        return True
    text = (reason or "").lower()
    return status == 500 and any(marker in text for marker in _REFUSAL_MARKERS)


def is_secret_key(key: str) -> bool:
    """Whether a JSON key, form field or query parameter holds a credential."""
    if key in _SECRET_KEYS_EXACT:
        return True
    folded = _KEY_SEPARATORS.sub("", key.lower())
    return any(part in folded for part in _SECRET_KEY_PARTS)


def redact_url(url: str) -> str:
    """The URL with the values of secret-looking query parameters and any password masked."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL (a malformed Location): masked wholesale where secrets hide
        base, query, _ = url.partition("?")
        return re.sub(r"//[^/]*@", f"//{REDACTED}@", base) + (f"?{REDACTED}" if query else "")
    if "@" in parts.netloc:  # user:password@host: the password never shows
        user, _, host = parts.netloc.rpartition("@")
        masked_user = f"{user.partition(':')[0]}:{REDACTED}" if ":" in user else user
        parts = parts._replace(netloc=f"{masked_user}@{host}")
        url = urlunsplit(parts)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(is_secret_key(key) for key, _ in pairs):
        return url
    masked = [(k, REDACTED if is_secret_key(k) else v) for k, v in pairs]
    return urlunsplit(parts._replace(query=urlencode(masked, safe="$*,/'()")))


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers for a log line: credentials and cookies masked."""
    result: dict[str, str] = {}
    for name, value in headers:
        shown = REDACTED if name.lower() in _SECRET_HEADERS else value
        result[name] = f"{result[name]}, {shown}" if name in result else shown
    return result


def redact_data(data: Any) -> Any:
    """A copy of decoded JSON with the values of secret-looking keys masked, at any depth."""
    if isinstance(data, Mapping):
        return {k: REDACTED if is_secret_key(str(k)) else redact_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [redact_data(item) for item in data]
    return data


def redact_body(content: bytes, content_type: str) -> Any:
    """A request or response body as it may appear in a log line."""
    if not content:
        return None
    content_type = content_type.lower()
    if "json" in content_type or content[:1] in (b"{", b"["):
        try:
            return redact_data(json.loads(content))
        except (ValueError, RecursionError):
            pass
    if "x-www-form-urlencoded" in content_type:
        pairs = parse_qsl(content.decode("utf-8", "replace"), keep_blank_values=True)
        return redact_data(dict(pairs))
    if content_type.startswith("text/") or not content_type:
        return content.decode("utf-8", "replace")
    return f"<{len(content)} bytes {content_type}>"


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every known secret value masked: the last line of defence for a log line or
    a message built from what a server answered."""
    for secret in secrets:
        if secret and len(secret) >= 4:  # shorter ones would mask ordinary text
            # As written, inside JSON, and URL-encoded in a query ($filter on a password...).
            # And as a repr shows it (an httpx error quoting a header with a newline in it).
            encoded = (
                json.dumps(secret)[1:-1],
                quote(secret, safe=""),
                quote_plus(secret),
                repr(secret)[1:-1],
            )
            for form in dict.fromkeys((secret, *encoded)):
                text = text.replace(form, REDACTED)
    return text


def scrub_error(error: _E, secrets: Iterable[str]) -> _E:
    """``error`` with every known secret masked in every text it shows (a server that echoes a
    password or a token in its answer)."""
    secrets = tuple(secrets)
    for name, value in list(vars(error).items()):
        if isinstance(value, str):
            setattr(error, name, scrub(value, secrets))
        elif isinstance(value, dict) and name in ("model_state", "field_errors"):
            setattr(error, name, {k: _scrubbed_value(v, secrets) for k, v in value.items()})
    error.args = tuple(scrub(a, secrets) if isinstance(a, str) else a for a in error.args)
    return error


def _scrubbed_value(value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, list):
        return [scrub(v, secrets) if isinstance(v, str) else v for v in value]
    return value


# Logging -------------------------------------------------------------------------------------


class ExchangeLog:
    """Logs each request/response under the package logger, optionally in full as JSON lines.

    Full logging is on when ``ACUMATICA_LOG=debug`` is set (lines go to the logger at DEBUG, and
    to stderr if the application configured no handler) or a ``log_file`` is given (lines are
    appended there). Known secret values are scrubbed from every line as a last line of defence.
    """

    def __init__(
        self,
        logger_name: str,
        log_file: str | os.PathLike[str] | None,
        secrets: Callable[[], Iterable[str]],
    ) -> None:
        self.logger = logging.getLogger(logger_name)
        level = os.environ.get("ACUMATICA_LOG", "").strip().lower()
        self._to_logger = level == "debug"
        if level in ("debug", "info"):
            _configure(self.logger, logging.DEBUG if level == "debug" else logging.INFO)
        self._file: IO[str] | None = None
        if log_file is not None:
            self._file = open(log_file, "a", encoding="utf-8")
        self._lock = threading.Lock()
        self._secrets = secrets

    @property
    def enabled(self) -> bool:
        """Whether ``exchange`` would write anything (checked first: logging off costs nothing)."""
        return self._file is not None or self.logger.isEnabledFor(logging.DEBUG)

    @property
    def full(self) -> bool:
        return self._file is not None or (
            self._to_logger and self.logger.isEnabledFor(logging.DEBUG)
        )

    def exchange(
        self,
        method: str,
        url: str,
        request_headers: Iterable[tuple[str, str]],
        request_body: bytes,
        status: int | None,
        response_headers: Iterable[tuple[str, str]],
        response_body: bytes,
        elapsed: float,
        error: str | None = None,
    ) -> None:
        """Record one HTTP exchange (``status`` None when no answer came)."""
        shown_url = redact_url(url)
        if self.logger.isEnabledFor(logging.DEBUG) and not self.full:
            self.logger.debug("%s %s -> %s (%.0f ms)", method, shown_url, status, elapsed * 1000)
        if not self.full:
            return
        req_headers = dict(request_headers)
        resp_headers = dict(response_headers)
        record: dict[str, Any] = {
            "time": round(time.time(), 3),
            "method": method,
            "url": shown_url,
            "request": {
                "headers": redact_headers(req_headers.items()),
                "body": redact_body(request_body, req_headers.get("content-type", "")),
            },
            "status": status,
            "elapsed_ms": round(elapsed * 1000, 1),
        }
        if status is not None:
            record["response"] = {
                "headers": redact_headers(resp_headers.items()),
                "body": redact_body(response_body, resp_headers.get("content-type", "")),
            }
        if error is not None:
            record["error"] = error
        self.write(record)

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one JSON line (scrubbed of known secrets) to the log file and/or the logger."""
        line = scrub(dumps(record).decode("utf-8"), self._secrets())
        if self._file is not None:
            with self._lock:
                self._file.write(line + "\n")
                self._file.flush()
        if self._to_logger:
            self.logger.debug(line)

    def close(self) -> None:
        if self._file is not None:
            with self._lock:
                self._file.close()
                self._file = None


def _configure(logger: logging.Logger, level: int) -> None:
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
