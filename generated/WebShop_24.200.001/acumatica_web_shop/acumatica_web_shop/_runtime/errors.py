"""Errors raised by a generated client: one hierarchy, never a secret.

Every error carries the request ``method``, the ``url`` (query secrets masked), the HTTP ``status``
and the fields of Acumatica's ``HttpError`` answer (``message``, ``exception_message``,
``exception_type``, ``model_state``). None of them ever holds a password, a token or a cookie.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from ._wire import parse_retry_after, redact_url

# What the generated package re-exports at its top (acumatica_codegen.runtime_source reads it).
__all__ = [
    "AcumaticaError",
    "ActionTimeout",
    "AuthError",
    "ConcurrencyError",
    "ConfigurationError",
    "LoginLimit",
    "LongOperationRunning",
    "NotFound",
    "PreconditionFailed",
    "RateLimited",
    "ServerError",
    "TransportError",
    "ValidationError",
    "UnexpectedAnswer",
    "DecodeError",
]

# What Acumatica says when another session changed the record between our read and our write,
# or when SQL Server chose the write as a deadlock victim: both roll back, both can be retried.
CONCURRENCY_MARKERS = ("another process has updated", "pxlockviolationexception", "deadlocked")
NOT_FOUND_MARKERS = ("noentitysatisfiestheconditionexception", "no entity satisfies the condition")
LOGIN_LIMIT_MARKER = "api login limit"


class AcumaticaError(Exception):
    """Base of every error the client raises."""

    def __init__(
        self,
        summary: str,
        *,
        method: str | None = None,
        url: str | None = None,
        status: int | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(summary)
        self.summary = summary
        self.method = method
        self.url = redact_url(url) if url is not None else None
        self.status = status
        http_error = body if isinstance(body, Mapping) else {}
        self.message: str | None = _text(http_error.get("message"))
        self.exception_message: str | None = _text(http_error.get("exceptionMessage"))
        self.exception_type: str | None = _text(http_error.get("exceptionType"))
        self.model_state: dict[str, list[str]] = _model_state(http_error.get("modelState"))

    def __str__(self) -> str:
        where = " ".join(part for part in (self.method, self.url) if part)
        status = f"{self.status} " if self.status is not None else ""
        detail = self.exception_message or self.message
        text = f"{status}{self.summary}"
        if detail and detail not in self.summary:
            text = f"{text}: {detail}"
        return f"{text} ({where})" if where else text


class ConfigurationError(AcumaticaError):
    """The client cannot start: no URL, no credentials, a bad option."""


class TransportError(AcumaticaError):
    """The request never got an HTTP answer (connection refused, reset, timed out).

    ``timed_out`` tells a timeout from a refused or dropped connection; ``may_have_run`` is true
    when the request may have reached the server (a read timeout, a connection dropped after
    sending): a write is then not safe to send again before reading the record.
    """

    timed_out: bool = False
    may_have_run: bool = False


class AuthError(AcumaticaError):
    """401/403, or signing in failed.

    ``credentials_refused``: the server refused the credentials themselves (a wrong or changed
    password, an unknown OAuth client, expired credentials); the client then answers sign-ins
    from memory for ``sign_in_retry_after`` seconds instead of asking again.
    """

    credentials_refused: bool = False


class NotFound(AcumaticaError):
    """404, or Acumatica's 500 ``NoEntitySatisfiesTheConditionException``."""


class PreconditionFailed(AcumaticaError):
    """412: ``put(mode="insert")`` found the record, or ``mode="update"`` did not."""


class RateLimited(AcumaticaError):
    """429: too many requests. ``retry_after`` is the server's wait in seconds, if it said."""

    def __init__(self, summary: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(summary, **kwargs)
        self.retry_after = retry_after


class LoginLimit(RateLimited):
    """429 "API Login Limit": every API session the license allows is in use."""


class ServerError(AcumaticaError):
    """5xx that none of the other classes describes."""


class ConcurrencyError(ServerError):
    """A write lost a race ("Another process has updated the record"); it can be retried."""


class ActionTimeout(AcumaticaError):
    """An action was still running (202) when the client's action timeout ran out.

    The server may still finish it: read the record again before running the action once more.
    """


class _ModelClass(Protocol):
    def from_dict(self, data: dict[str, Any], /, *, lenient: bool = ...) -> Any: ...


class ValidationError(AcumaticaError):
    """400/422: the server refused the data.

    ``field_errors`` maps every failing field, through detail lines, linked entities and custom
    fields (``"custom.Document.UsrRef"``), to its message, read from the answer itself so fields
    the model does not know count too: ``{"CustomerID": "...", "Details[3].InventoryID": "..."}``;
    ``error`` is the entity's
    own message; ``entity`` is the returned entity as a model when its class is known.
    """

    def __init__(
        self,
        summary: str,
        *,
        field_errors: dict[str, str] | None = None,
        error: str | None = None,
        entity: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(summary, **kwargs)
        self.field_errors: dict[str, str] = dict(field_errors or {})
        self.error = error
        self.entity = entity

    def __str__(self) -> str:
        text = super().__str__()
        problems = [f"{path}: {message}" for path, message in self.field_errors.items()]
        if self.error and self.error not in text:
            problems.insert(0, self.error)
        return f"{text}; " + "; ".join(problems) if problems else text


def walk_errors(entity: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``("Details[3].InventoryID", message)`` for every error in a raw 422 entity."""
    for key, value in entity.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            message = value.get("error")
            if message:
                yield path, str(message)
            if "value" not in value:  # a linked entity or a custom-field view: look inside
                yield from walk_errors(value, f"{path}.")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    item_path = f"{path}[{index}]"
                    if item.get("error"):
                        yield item_path, str(item["error"])
                    yield from walk_errors(item, f"{item_path}.")


def error_from_response(
    method: str,
    url: str,
    status: int,
    headers: Mapping[str, str],
    body: Any,
    model: _ModelClass | None = None,
) -> AcumaticaError:
    """Classify an error answer (status >= 400) into the hierarchy."""
    where: dict[str, Any] = {"method": method, "url": url, "status": status, "body": body}
    texts = _texts(body)
    if status in (400, 422):
        return _validation_error(status, body, model, where)
    if status in (401, 403):
        summary = "not signed in" if status == 401 else "forbidden"
        return AuthError(summary, **where)
    if status == 404 or (status >= 500 and _mentions(texts, NOT_FOUND_MARKERS)):
        return NotFound("no such record", **where)
    if status == 412:
        return PreconditionFailed("precondition failed", **where)
    if status == 429:
        retry_after = parse_retry_after(headers.get("Retry-After"))
        if _mentions(texts, (LOGIN_LIMIT_MARKER,)):
            return LoginLimit("API login limit reached", retry_after=retry_after, **where)
        return RateLimited("too many requests", retry_after=retry_after, **where)
    if status >= 500 and _mentions(texts, CONCURRENCY_MARKERS):
        return ConcurrencyError("record updated by another process", **where)
    if status >= 500:
        return ServerError("server error", **where)
    if status == 409:
        return LongOperationRunning("a long operation is running for this screen", **where)
    if status == 405 and method.upper() == "PATCH":
        return AcumaticaError(PATCH_NOT_SUPPORTED, **where)
    return AcumaticaError("unexpected answer", **where)


def _validation_error(
    status: int, body: Any, model: _ModelClass | None, where: dict[str, Any]
) -> ValidationError:
    if not isinstance(body, Mapping) or "exceptionMessage" in body or "message" in body:
        rejected = ValidationError("request rejected", **where)
        rejected.field_errors = {k: "; ".join(msgs) for k, msgs in rejected.model_state.items()}
        return rejected
    entity: Any = None
    if model is not None:
        try:
            # Lenient: the entity echoed is ours, with the values the server refused.
            entity = model.from_dict(dict(body), lenient=True)
        except Exception:  # a model that cannot read the answer must not hide the error
            entity = None
    # From the raw answer, never from the model: custom fields, fields and detail collections
    # the model does not know (a newer server) carry errors too.
    field_errors = dict(walk_errors(body))
    field_errors.pop("", None)  # the entity's own error, kept apart as ``error``
    field_errors.pop("error", None)
    return ValidationError(
        "validation failed",
        field_errors=field_errors,
        error=_text(body.get("error")),
        entity=entity,
        **where,
    )


def _texts(body: Any) -> str:
    if isinstance(body, Mapping):
        parts = (body.get(k) for k in ("message", "exceptionMessage", "exceptionType", "error"))
        return " ".join(str(p) for p in parts if p).lower()
    return str(body).lower() if body else ""


def _mentions(text: str, markers: tuple[str, ...]) -> bool:
    return any(marker in text for marker in markers)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _model_state(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, Mapping):
        return {}
    state: dict[str, list[str]] = {}
    for key, messages in value.items():
        if isinstance(messages, list):
            state[str(key)] = [str(m) for m in messages]
        else:
            state[str(key)] = [str(messages)]
    return state


class LongOperationRunning(ConcurrencyError):
    """409: "A long operation is running for this screen in the current session".

    The server ran nothing of the request. GET, PUT, PATCH and DELETE are retried with backoff
    (``max_retries``); an action's POST is not (raise and let the caller decide). A subclass of
    ``ConcurrencyError``, so code that retries lost races retries this too.
    """


# A 405 to a PATCH: the server predates the 2025 R1 platform, which brought PATCH.
PATCH_NOT_SUPPORTED = (
    "this server does not accept PATCH (it came with Acumatica 2025 R1 builds): "
    'update with put(mode="update") instead'
)


class UnexpectedAnswer(AcumaticaError):
    """An answer that is not what the operation expects: a redirect, an HTML page, a body on a
    call that expects none or one larger than ``max_response_bytes``. Never taken for success:
    the write (or read) it answered may not have happened."""


class DecodeError(UnexpectedAnswer):
    """An answer that cannot be read as the operation's type: not JSON, an object where a list is
    due, ``"abc"`` in a decimal field, a date that is no date.

    ``entity`` is the entity read (``"SalesOrder"``), ``field`` the path of the field within it
    (``"Details[3].OrderQty"``), both None when the body itself is unreadable.
    """

    def __init__(
        self,
        summary: str,
        *,
        entity: str | None = None,
        field: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(summary, **kwargs)
        self.entity = entity
        self.field = field
