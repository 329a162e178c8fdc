"""Switches that make the sandbox answer as a misbehaving or misconfigured site does.

For testing how a client handles a bad day (issue 13); each is off by default:

- ``redirect_stale_to_login`` (``--redirect-stale-to-login``): a request whose cookie session is
  missing or gone answers ``302 Found`` with ``Location: /Frames/Login.aspx?ReturnUrl=...`` and a
  small HTML body, as an Acumatica site does on some paths, instead of 401.
- ``html_errors`` (``--html-errors``): every error answer (status 400 and up; not the
  ``/sandbox/...`` routes) is an HTML page (``text/html``), as IIS serves its own error pages, in
  place of the JSON body; the status and headers stay.
- ``stale_every_request`` (``--stale-every-request``): every signed-in entity request ends its
  session and answers the stale-session 500 ``PX.Data.PXException`` "You are not logged in.";
  sign-in itself works, so a client that renews on every failure storms the login.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import errors

LOGIN_PAGE = "/Frames/Login.aspx"
NOT_LOGGED_IN = "You are not logged in."  # the stale-session 500 of ``stale_every_request``


class LoginRedirect(errors.SandboxHTTPError):
    """302 to the sign-in page, with the body IIS sends along ("Object moved")."""

    def __init__(self, path: str) -> None:
        location = f"{LOGIN_PAGE}?ReturnUrl={quote(path, safe='')}"
        super().__init__(302, {"message": "Object moved"}, {"Location": location})

    def response(self) -> Response:
        location = html.escape(self.headers["Location"])
        body = (
            "<html><head><title>Object moved</title></head><body>\r\n"
            f'<h2>Object moved to <a href="{location}">here</a>.</h2>\r\n</body></html>\r\n'
        )
        return Response(body, 302, self.headers, media_type="text/html")


def html_page(status: int, message: str) -> bytes:
    """An error page in the style of ASP.NET on IIS."""
    shown = html.escape(message or "An error has occurred.")
    return (
        "<!DOCTYPE html>\r\n<html>\r\n<head>\r\n<title>Runtime Error</title>\r\n</head>\r\n"
        "<body bgcolor=\"white\">\r\n<span><h1>Server Error in '/' Application.<hr width=100% "
        "size=1 color=silver></h1>\r\n"
        f"<h2><i>{shown}</i></h2></span>\r\n<b>HTTP Error {status}</b>\r\n</body>\r\n</html>\r\n"
    ).encode()


class HtmlErrorPages:
    """ASGI middleware: error answers (status >= 400) become HTML pages (``html_errors``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/sandbox/"):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] >= 400:
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await send_page(start, b"".join(chunks))

        async def send_page(start: Message, body: bytes) -> None:
            page = html_page(start["status"], _message_of(body))
            headers = [
                (name, value)
                for name, value in start.get("headers", [])
                if name.lower() not in (b"content-type", b"content-length")
            ]
            headers += [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(page)).encode()),
            ]
            await send(
                {"type": "http.response.start", "status": start["status"], "headers": headers}
            )
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, capture)


def _message_of(body: bytes) -> str:
    """The most telling message of a JSON error body (the page shows it as IIS would)."""
    from .values import loads

    try:
        data = loads(body)
    except (ValueError, RecursionError):
        return ""
    if not isinstance(data, dict):
        return ""
    for name in ("exceptionMessage", "message", "error_description", "error"):
        if isinstance(data.get(name), str):
            return str(data[name])
    return ""
