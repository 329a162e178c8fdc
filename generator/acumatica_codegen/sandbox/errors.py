"""Error answers shaped like Acumatica's (ASP.NET Web API ``HttpError`` bodies).

Every failure the sandbox reports goes through here, so a client sees the same shapes it will
meet on a real instance: ``message``, and for server-side exceptions ``exceptionMessage``,
``exceptionType`` and ``stackTrace``; ``modelState`` for a request that could not be read.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from .values import dumps

JSON = "application/json; charset=utf-8"

NO_ENTITY = "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException"
PX_EXCEPTION = "PX.Data.PXException"


class SandboxHTTPError(Exception):
    """Raised inside a handler; the app turns it into the response it carries."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(body.get("exceptionMessage") or body.get("message"))
        self.status = status
        self.body = body
        self.headers = headers or {}

    def response(self) -> Response:
        return json_response(self.body, self.status, self.headers)


def article(word: str) -> str:
    """``"an"`` or ``"a"`` for ``word``: "an Employee", "an int", "a UnitsOfMeasure", "a guid"."""
    lowered = word.lower()
    if lowered.startswith(("uni", "use", "usu", "usr", "eu", "one")):
        return "a"
    return "an" if lowered[:1] in ("a", "e", "i", "o", "u") else "a"


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(body), status_code=status, headers=headers, media_type=JSON)


def _stack(where: str) -> str:
    return f"   at {where}\r\n   at PX.Api.ContractBased.Soap.ContractBasedControllerBase.Execute()"


def exception_error(
    status: int, exception_message: str, exception_type: str, where: str, **headers: str
) -> SandboxHTTPError:
    """A server-side exception, as Acumatica reports it (``message`` is always the generic one)."""
    body = {
        "message": "An error has occurred.",
        "exceptionMessage": exception_message,
        "exceptionType": exception_type,
        "stackTrace": _stack(where),
    }
    return SandboxHTTPError(status, body, dict(headers))


def no_entity(entity: str) -> SandboxHTTPError:
    """500 ``NoEntitySatisfiesTheConditionException``: a record asked for by key does not exist."""
    return exception_error(
        500,
        "No entity satisfies the condition.",
        NO_ENTITY,
        f"PX.Api.ContractBased.EntityService.GetByKeys({entity})",
    )


def not_logged_in() -> SandboxHTTPError:
    return SandboxHTTPError(401, {"message": "You are not logged in."})


def invalid_token(description: str) -> SandboxHTTPError:
    header = f'Bearer error="invalid_token", error_description="{description}"'
    return SandboxHTTPError(
        401,
        {"message": "Authorization has been denied for this request."},
        {"WWW-Authenticate": header},
    )


def bad_request(problem: str, key: str = "entity") -> SandboxHTTPError:
    """400 for a body or parameter that cannot be read (Web API model binding failed)."""
    return SandboxHTTPError(
        400, {"message": "The request is invalid.", "modelState": {key: [problem]}}
    )


def bad_guid_message(raw: Any, path: str = "id") -> str:
    """How Web API model binding (Json.NET) words an ``id`` that is not a GUID."""
    shown = f'"{raw}"' if isinstance(raw, str) else dumps(raw).decode()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return (
        f"Error converting value {shown} to type 'System.Nullable`1[System.Guid]'. Path '{path}'."
    )


def bad_guid(raw: Any, key: str = "entity.id") -> SandboxHTTPError:
    """400 for an ``id`` that is not a GUID: the body is refused before any lookup."""
    return bad_request(bad_guid_message(raw), key)


def not_found(path: str) -> SandboxHTTPError:
    return SandboxHTTPError(
        404, {"message": f"No HTTP resource was found that matches the request URI '{path}'."}
    )


def method_not_allowed(method: str) -> SandboxHTTPError:
    return SandboxHTTPError(
        405, {"message": f"The requested resource does not support http method '{method}'."}
    )


def precondition_failed(message: str) -> SandboxHTTPError:
    return exception_error(
        412, message, "PX.Api.ContractBased.PreconditionFailedException", "EntityService.Put"
    )


def login_limit() -> SandboxHTTPError:
    # No Retry-After: Acumatica sends none; a slot frees only when another client signs out.
    return exception_error(
        429, "API Login Limit", PX_EXCEPTION, "PX.Api.Services.LoginService.Login"
    )


def internal(exc: BaseException) -> SandboxHTTPError:
    """An unexpected failure inside the sandbox: still an answer, never a crash."""
    return exception_error(500, f"{type(exc).__name__}: {exc}"[:500], "System.Exception", "Sandbox")
