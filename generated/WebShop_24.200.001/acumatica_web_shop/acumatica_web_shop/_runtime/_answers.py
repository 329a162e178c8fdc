"""What an answer must be for the operation that asked (no I/O here).

JSON where JSON is due (one record, a list of records), nothing or JSON on a delete, an upload or
a finished action, and never a redirect or an HTML page taken for success: the caller would
believe a write happened that did not, or read an empty list that is not empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import unquote

import httpx

from . import _wire
from .errors import (
    CONCURRENCY_MARKERS,
    NOT_FOUND_MARKERS,
    AcumaticaError,
    DecodeError,
    RequestInfo,
    ResponseInfo,
    UnexpectedAnswer,
)
from .values import json_kind

_T = TypeVar("_T")
_E = TypeVar("_E", bound=AcumaticaError)
# Where Acumatica sends a request whose session is gone (some paths answer 302, not 401).
_SIGN_IN_PAGE = re.compile(r"/frames/login\.aspx|/identity/(?:account/)?login", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def where(response: httpx.Response, body: Any = None) -> dict[str, Any]:
    """The request an answer belongs to, as an error names it; ``body``: the answer decoded,
    when it was (an answer refused unread has none)."""
    request = response.request
    return {
        "method": request.method,
        "url": str(request.url),
        "status": response.status_code,
        "body": body,
    }


def redirects_to_sign_in(response: httpx.Response) -> bool:
    """A 3xx to the sign-in page: the session is lost, the request was not run."""
    location = response.headers.get("Location", "")
    return response.is_redirect and bool(_SIGN_IN_PAGE.search(location))


def proves_session(response: httpx.Response, body: Any) -> bool:
    """Whether an error answer (``body`` decoded) shows the session worked: Acumatica read the
    request and refused what it asked (invalid, not found, a conflict, a long operation), in
    its own JSON. A renewed session that got only such answers is no futile renewal; a proxy's
    page, a 401, a 429 or an unknown 500 prove nothing."""
    if not isinstance(body, Mapping):
        return False
    status = response.status_code
    if status in _REFUSALS:
        return True
    text = " ".join(str(body.get(k) or "") for k in ("message", "exceptionMessage")).lower()
    markers = (*NOT_FOUND_MARKERS, *CONCURRENCY_MARKERS)
    return status == 500 and any(marker in text for marker in markers)


# Statuses Acumatica gives a request it read on a live session and refused for what it asked.
_REFUSALS = frozenset({400, 404, 409, 412, 422})


def unexpected_redirect(response: httpx.Response) -> UnexpectedAnswer:
    location = _shown_url(response.headers.get("Location", ""))
    if redirects_to_sign_in(response):
        summary = (
            f"redirected to the sign-in page ({location}): the session is lost and signing in "
            "again did not help; the request was not run"
        )
    else:
        summary = f"redirected to {location or 'nowhere'}: not an answer of the API; not followed"
    return UnexpectedAnswer(summary, **where(response))


def after_action(error: _E) -> _E:
    """``error`` of the read that follows a finished action (``reread=True``), saying so: the
    action ran, whatever the read says ("the request was not run" is about the read)."""
    summary = f"after the action finished, reading the record again: {error.summary}"
    if error.args[:1] == (error.summary,):
        error.args = (summary, *error.args[1:])
    error.summary = summary
    return error


def json_body(response: httpx.Response, expected: str) -> Any:
    """The decoded JSON body; ``DecodeError`` saying what came instead of ``expected``."""
    content = response.content
    if not content:
        raise DecodeError(f"expected {expected}, got an empty answer", **where(response))
    if _is_html(response):
        raise DecodeError(f"expected {expected}, got {_html_page(content)}", **where(response))
    try:
        return _wire.loads(content)
    except UnicodeDecodeError:
        reason = "not UTF-8 text"
    except RecursionError:
        reason = "nested too deeply"
    except ValueError as exc:
        reason = f"not JSON ({getattr(exc, 'msg', exc)})"
    raise DecodeError(f"expected {expected}, the answer is {reason}", **where(response))


def record(response: httpx.Response, entity: str, decode: Callable[[Any], _T]) -> _T:
    """One record of ``entity`` decoded by ``decode`` (a model's ``from_dict``)."""
    data = json_body(response, f"one {entity} record")
    if not isinstance(data, dict):
        summary = f"expected one {entity} record, got {json_kind(data)}"
        raise DecodeError(summary, entity=entity, **where(response, data))
    return _decoded(response, decode, data, "")


def records(response: httpx.Response, entity: str, decode: Callable[[Any], _T]) -> list[_T]:
    """A list of ``entity`` records, each decoded by ``decode``."""
    data = json_body(response, f"a list of {entity} records")
    if not isinstance(data, list):
        summary = f"expected a list of {entity} records, got {json_kind(data)}"
        raise DecodeError(summary, entity=entity, **where(response, data))
    result = []
    for index, row in enumerate(data):
        if not isinstance(row, dict):
            summary = f"expected {entity} records, got {json_kind(row)} at [{index}]"
            where_ = where(response, data)
            raise DecodeError(summary, entity=entity, field=f"[{index}]", **where_)
        result.append(_decoded(response, decode, row, f"[{index}]"))
    return result


def no_content(response: httpx.Response, expected: str) -> None:
    """A write that returns nothing worth reading (delete, upload, a finished action): nothing,
    or JSON; an HTML page or other text means something else answered."""
    content = response.content
    if not content.strip():
        return
    if _is_html(response):
        raise UnexpectedAnswer(f"{expected}: got {_html_page(content)}", **where(response))
    try:
        _wire.loads(content)
    except (ValueError, RecursionError) as exc:
        kind = response.headers.get("Content-Type", "") or "no content type"
        summary = f"{expected}: got a body that is not JSON ({kind})"
        raise UnexpectedAnswer(summary, **where(response)) from exc


def outside_instance(location: str, site_prefix: str) -> str | None:
    """Why an action's status URL may not be polled (None when it may): only URLs on the
    instance's own site and path are, so cookies and tokens never go elsewhere."""
    try:
        url = httpx.URL(location)
        own = httpx.URL(site_prefix)
    except (httpx.InvalidURL, ValueError, TypeError):
        return "not a URL"
    if url.userinfo:
        return "a URL carrying credentials"
    if (url.scheme, url.host, url.port) != (own.scheme, own.host, own.port):
        return "another site"
    segments = [unquote(segment) for segment in url.path.split("/")]
    if not url.path.startswith(own.path) or any(s in (".", "..") for s in segments):
        return "outside the instance's path"
    return None


def _decoded(response: httpx.Response, decode: Callable[[Any], _T], data: Any, index: str) -> _T:
    """``decode(data)``, its ``DecodeError`` completed with the request and the record's place."""
    try:
        return decode(data)
    except DecodeError as exc:
        exc.request = RequestInfo(response.request.method, str(response.request.url))
        exc.response = ResponseInfo(response.status_code, _wire.try_loads(response.content))
        exc.method, exc.url = exc.request.method, exc.request.url
        exc.status = exc.response.status
        if index:
            exc.field = f"{index}.{exc.field}" if exc.field else index
            exc.summary = f"{index} {exc.summary}"
            exc.args = (exc.summary,)
        raise


def _is_html(response: httpx.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return "html" in content_type or response.content.lstrip()[:1] == b"<"


def _html_page(content: bytes) -> str:
    title = _TITLE.search(content[:4096])
    if title is None:
        return "an HTML page"
    text = " ".join(title.group(1).decode("utf-8", "replace").split())[:80]
    return f"an HTML page ({text!r})"


def _shown_url(url: str) -> str:
    shown = _wire.redact_url(url)
    return shown if len(shown) <= 200 else shown[:197] + "..."
