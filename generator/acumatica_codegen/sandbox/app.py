"""The sandbox ASGI app: Acumatica's contract-based REST API, simulated from endpoint IRs.

Routes (``{E}/{V}`` is an endpoint name and version; names match without regard to case):

    GET  /entity                                   endpoints and the build version
    POST /entity/auth/login | /entity/auth/logout  cookie sessions (ASP.NET_SessionId)
    POST /identity/connect/token                   OAuth 2.0: password, refresh_token, authorization_code
    GET  /identity/connect/authorize               auto-approves and redirects with ?code=
    GET  /entity/{E}/{V}/swagger.json              the document itself (no sign-in; ?company= checked)
    GET  /entity/{E}/{V}/{Entity}                  list: $filter $select $expand $custom $top $skip
    PUT  /entity/{E}/{V}/{Entity}                  upsert (If-None-Match: * insert, If-Match: * update)
    PATCH /entity/{E}/{V}/{Entity}                 update the fields sent (by id or keys; ``patch``)
    GET|DELETE /entity/{E}/{V}/{Entity}/{id}  or  /{Entity}/{key1}/{key2}
    GET  /entity/{E}/{V}/{Entity}/$adHocSchema
    POST /entity/{E}/{V}/{Entity}/{Action}         202 + Location .../{Action}/status/{guid}
                                                   (declared actions; any name with the catch-all)
    GET  /entity/{E}/{V}/{Entity}/{Action}/status/{guid}   202 ``action_polls`` times, then 204
    PUT  /entity/{E}/{V}/{Entity}/{keys...}/files/{name}   attach a file
    PUT  /entity/{E}/{V}/files/{screen}/{Entity}/{id}/{name}  attach by the record's files:put link
    GET  /entity/{E}/{V}/files/{fileId}            the file's bytes
    GET  /sandbox/stats, POST /sandbox/reset       for tests; no sign-in
    POST /sandbox/expire-sessions                  every cookie session ends (an app restart)

Injected lock violations (``conflict_rate``, on PUT, DELETE and actions) answer 500 with
``exceptionType`` ``PX.Data.PXLockViolationException`` and "Another process has updated the
'{Entity}' record. Your changes will be lost."; nothing is written. ``rate_limit`` answers 429 with
``Retry-After`` once more entity requests than that came in the last second.

Injected long operations (``long_operation_rate``, on every entity request) answer 409 "A long
operation is running for this screen in the current session. Please try again later."; nothing
runs. Contract-5 endpoints read their query options as ``contract5`` says.

Injected failures (``fail_rate``, per-request failures: your code sees some errors) answer 500
with ``exceptionType`` ``PX.Data.PXException`` and ``exceptionMessage`` "The session has expired.
Please sign in again." and end the caller's cookie session: a client must sign in again. Sessions
that die as real ones do (idle timeout, restarts, eviction) are ``sessions``' business; licence
limits on requests are ``limits``'; the misbehaviour switches are ``misbehaviour``'s.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import math
import random
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..ir import Action, Endpoint, Entity
from . import contract5, errors, misbehaviour, patch
from .auth import SESSION_COOKIE, AuthState, Caller, OAuthError
from .entities import NEW_KEY, EntityService, Shape, blank_key, guid_or_none, parse_shape
from .limits import LicenceLimits
from .options import SandboxOptions
from .store import Record, Store, TenantStore
from .values import loads

MAX_BODY = 64 * 1024 * 1024  # bigger bodies answer 413 instead of exhausting memory
STALE_SESSION = "The session has expired. Please sign in again."
LONG_OPERATION = (
    "A long operation is running for this screen in the current session. Please try again later."
)
_VERSION = re.compile(r"^(\d+)\.(\d+)\.\d+$")
_ACTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")  # what the custom action route accepts

Handler = Callable[[Request], Awaitable[Response]]


# ------------------------------------------------------------------------------------ state


@dataclass
class LoadedEndpoint:
    """One endpoint the sandbox serves: its IR, the document's JSON text, and the service."""

    endpoint: Endpoint
    document_json: bytes
    service: EntityService
    entities: dict[str, Entity] = field(default_factory=dict)  # lower-case name -> top-level entity

    def entity(self, name: str) -> Entity | None:
        return self.entities.get(name.lower())


@dataclass
class ActionRun:
    entity: str
    action: str
    polls_left: int


class SandboxState:
    """Everything one sandbox remembers; reset by ``POST /sandbox/reset``."""

    def __init__(self, endpoints: list[tuple[Endpoint, bytes]], options: SandboxOptions) -> None:
        self.options = options
        self.loaded: dict[tuple[str, str], LoadedEndpoint] = {}
        self.auth = AuthState(options)
        # Outlives reset(): the requests in flight hold its slots.
        self.limits = LicenceLimits(options, self.auth.stats)
        self.reset()
        for endpoint, document_json in endpoints:
            service = EntityService(
                endpoint,
                self.new_id,
                options.auto_number,
                options.manual_number,
                options.key_defaults,
                options.reference_checks,
            )
            loaded = LoadedEndpoint(endpoint, document_json, service)
            loaded.entities = {e.name.lower(): e for e in endpoint.top_level_entities}
            self.loaded[(endpoint.name.lower(), endpoint.version.lower())] = loaded

    def reset(self) -> None:
        seed = self.options.seed
        in_flight = self.auth.stats.in_flight  # requests being served now still end
        self.auth = AuthState(self.options)
        self.auth.stats.in_flight = in_flight
        self.limits.stats = self.auth.stats
        self.store = Store()
        self.actions: dict[str, ActionRun] = {}
        self.fail_rng = random.Random(seed)
        self.restart_rng = random.Random(f"restarts-{seed}")
        self.conflict_rng = random.Random(f"conflicts-{seed}")
        self.long_operation_rng = random.Random(f"long-operations-{seed}")
        self.recent: collections.deque[float] = collections.deque()  # for rate_limit
        self.id_rng: random.Random | None = (
            random.Random(f"ids-{seed}") if seed is not None else None
        )

    def new_id(self) -> str:
        if self.id_rng is None:
            return str(uuid.uuid4())
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    def endpoint(self, name: str, version: str) -> LoadedEndpoint | None:
        return self.loaded.get((name.lower(), version.lower()))

    def build_version(self) -> str:
        if self.options.build_version:
            return self.options.build_version
        versions = sorted(
            (int(m.group(1)), int(m.group(2)))
            for key in self.loaded
            if (m := _VERSION.match(key[1]))
        )
        major, minor = versions[-1] if versions else (24, 200)
        return f"{major}.{minor}.0100"

    def should_fail(self) -> bool:
        rate = self.options.fail_rate
        return rate > 0 and self.fail_rng.random() < rate

    def should_restart(self) -> bool:
        rate = self.options.restart_rate
        return rate > 0 and self.restart_rng.random() < rate

    def check_conflict(self, entity: Entity) -> None:
        """Maybe lose a write to "another process", as Acumatica's lock violations do."""
        rate = self.options.conflict_rate
        if rate > 0 and self.conflict_rng.random() < rate:
            self.auth.stats.injected_conflicts += 1
            raise errors.exception_error(
                500,
                f"Another process has updated the '{entity.name}' record. Your changes will be lost.",
                "PX.Data.PXLockViolationException",
                "PX.Data.PXCache.PersistUpdated",
            )

    def check_long_operation(self) -> None:
        """Maybe answer 409: a long operation is running for this screen in the session."""
        rate = self.options.long_operation_rate
        if rate > 0 and self.long_operation_rng.random() < rate:
            self.auth.stats.injected_long_operations += 1
            raise errors.SandboxHTTPError(409, {"message": LONG_OPERATION})

    def check_rate(self) -> None:
        """429 with Retry-After once more than ``rate_limit`` requests came in the last second."""
        limit = self.options.rate_limit
        if limit is None:
            return
        now = time.monotonic()
        recent = self.recent
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= limit:
            self.auth.stats.rate_limited += 1
            wait = max(1, math.ceil(recent[0] + 1.0 - now))
            raise errors.exception_error(
                429,
                "API Request Limit: the number of requests exceeds the license limit.",
                errors.PX_EXCEPTION,
                "PX.Api.RequestThrottle.Enter",
                **{"Retry-After": str(wait)},
            )
        recent.append(now)


# ---------------------------------------------------------------------------------- helpers


def guarded(fn: Handler) -> Handler:
    """Every error becomes an answer shaped like Acumatica's; nothing escapes to the server."""

    @functools.wraps(fn)
    async def wrapper(request: Request) -> Response:
        try:
            return await fn(request)
        except errors.SandboxHTTPError as error:
            return error.response()
        except Exception as unexpected:  # noqa: BLE001 - the sandbox must never crash
            return errors.internal(unexpected).response()

    return wrapper


async def read_body(request: Request) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY:
            raise errors.SandboxHTTPError(413, {"message": "The request body is too large."})
    return b"".join(chunks)


async def read_json(request: Request) -> Any:
    body = await read_body(request)
    if not body.strip():
        raise errors.bad_request("The request body is empty.")
    try:
        return loads(body)
    except (ValueError, RecursionError) as problem:
        raise errors.bad_request(f"Unexpected content while parsing JSON: {problem}") from None


async def read_form_or_json(request: Request) -> dict[str, Any]:
    """Login and token bodies: JSON or application/x-www-form-urlencoded."""
    content_type = request.headers.get("content-type", "")
    if "json" in content_type:
        data = await read_json(request)
        if not isinstance(data, dict):
            raise errors.bad_request("Expected a JSON object.")
        return data
    body = await read_body(request)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise errors.bad_request("The request body is not UTF-8.") from None
    if text.lstrip().startswith("{"):
        try:
            data = loads(body)
        except (ValueError, RecursionError) as problem:
            raise errors.bad_request(f"Unexpected content while parsing JSON: {problem}") from None
        if isinstance(data, dict):
            return data
    return dict(parse_qsl(text, keep_blank_values=True))


def text_field(data: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if value is not None:
            return value if isinstance(value, str) else str(value)
    return None


def no_content(headers: dict[str, str] | None = None) -> Response:
    return Response(status_code=204, headers=headers)


# --------------------------------------------------------------------------------- the app


class SandboxApp:
    """Handlers over one SandboxState; ``build()`` returns the Starlette application."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def build(self) -> Starlette:
        # The entity route comes first: it is where nearly every request goes, and it cannot
        # match the service routes below (they have fewer path segments).
        routes = [
            Route(
                "/entity/{endpoint}/{version}/{rest:path}",
                guarded(self.endpoint_request),
                methods=["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"],
            ),
            Route("/entity", guarded(self.list_endpoints), methods=["GET"]),
            Route("/entity/", guarded(self.list_endpoints), methods=["GET"]),
            Route("/entity/auth/login", guarded(self.login), methods=["POST"]),
            Route("/entity/auth/logout", guarded(self.logout), methods=["POST"]),
            Route("/identity/connect/token", guarded(self.token), methods=["POST"]),
            Route("/identity/connect/authorize", guarded(self.authorize), methods=["GET"]),
            Route("/sandbox/stats", guarded(self.stats), methods=["GET"]),
            Route("/sandbox/reset", guarded(self.reset), methods=["POST"]),
            Route("/sandbox/expire-sessions", guarded(self.expire_sessions), methods=["POST"]),
        ]

        async def http_error(request: Request, exc: Exception) -> Response:
            status = exc.status_code if isinstance(exc, HTTPException) else 500
            if status == 405:
                return errors.method_not_allowed(request.method).response()
            if status == 404:
                return errors.not_found(str(request.url)).response()
            return errors.internal(exc).response()

        app = Starlette(
            routes=routes,
            exception_handlers={HTTPException: http_error, Exception: http_error},
        )
        app.router.redirect_slashes = False  # Acumatica answers 404, not a redirect
        return app

    # -- service routes ---------------------------------------------------------------------

    async def list_endpoints(self, request: Request) -> Response:
        build = self.state.build_version()
        endpoints = [
            {
                "name": loaded.endpoint.name,
                "version": loaded.endpoint.version,
                "href": f"/entity/{loaded.endpoint.name}/{loaded.endpoint.version}/",
            }
            for _, loaded in sorted(self.state.loaded.items())
        ]
        body = {
            "version": {"acumaticaBuildVersion": build, "databaseVersion": build},
            "endpoints": endpoints,
        }
        return errors.json_response(body)

    async def stats(self, request: Request) -> Response:
        return errors.json_response(self.state.auth.snapshot())

    async def reset(self, request: Request) -> Response:
        self.state.reset()
        return no_content()

    async def expire_sessions(self, request: Request) -> Response:
        ended = self.state.auth.expire_all()
        return errors.json_response({"expired_sessions": ended})

    # -- cookie sessions --------------------------------------------------------------------

    async def login(self, request: Request) -> Response:
        data = await read_form_or_json(request)
        auth = self.state.auth
        session = auth.login(
            name=text_field(data, "name", "username") or "",
            password=text_field(data, "password") or "",
            tenant=text_field(data, "tenant", "company"),
            branch=text_field(data, "branch"),
            locale=text_field(data, "locale"),
            current=request.cookies.get(SESSION_COOKIE),
        )
        response = no_content()
        response.set_cookie(SESSION_COOKIE, session.id, path="/", httponly=True, samesite="lax")
        response.set_cookie(".ASPXAUTH", session.id[::-1], path="/", httponly=True, samesite="lax")
        response.set_cookie("UserBranch", session.branch or "1", path="/")
        response.set_cookie("Locale", f"Culture={session.locale or 'en-US'}", path="/")
        return response

    async def logout(self, request: Request) -> Response:
        await read_body(request)
        token = _bearer(request)
        if token:
            self.state.auth.revoke(token)
        self.state.auth.logout(request.cookies.get(SESSION_COOKIE))
        response = no_content()
        for name in (SESSION_COOKIE, ".ASPXAUTH", "UserBranch", "Locale"):
            response.delete_cookie(name, path="/")
        return response

    # -- OAuth 2.0 ----------------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        try:
            data = await read_form_or_json(request)
        except errors.SandboxHTTPError:
            return _oauth_error(OAuthError("invalid_request", "the body could not be read"))
        auth = self.state.auth
        client_id, client_secret = text_field(data, "client_id"), text_field(data, "client_secret")
        basic = _basic_credentials(request)
        if basic is not None:
            client_id, client_secret = basic
        try:
            client = auth.check_client(client_id, client_secret)
            grant_type = text_field(data, "grant_type")
            if grant_type == "password":
                grant = auth.password_grant(
                    client, text_field(data, "username"), text_field(data, "password"),
                    text_field(data, "scope"),
                )  # fmt: skip
            elif grant_type == "refresh_token":
                grant = auth.refresh_grant(client, text_field(data, "refresh_token"))
            elif grant_type == "authorization_code":
                grant = auth.code_grant(
                    client, text_field(data, "code"), text_field(data, "redirect_uri"),
                    text_field(data, "code_verifier"),
                )  # fmt: skip
            else:
                raise OAuthError(
                    "unsupported_grant_type", f"grant_type {grant_type!r} is not supported"
                )
        except OAuthError as problem:
            return _oauth_error(problem)
        headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
        return errors.json_response(auth.token_response(grant), headers=headers)

    async def authorize(self, request: Request) -> Response:
        """Auto-approves as the user named by ``username`` (default: the first configured user)."""
        query = request.query_params
        redirect_uri = query.get("redirect_uri") or ""
        parts = urlsplit(redirect_uri)
        if not parts.scheme or not parts.netloc:
            raise errors.bad_request("redirect_uri must be an absolute URL", "redirect_uri")
        state = query.get("state")

        def redirect(params: dict[str, str]) -> Response:
            if state is not None:
                params["state"] = state
            joined = "&".join(filter(None, [parts.query, urlencode(params)]))
            location = urlunsplit((parts.scheme, parts.netloc, parts.path, joined, parts.fragment))
            return RedirectResponse(location, status_code=302)

        if query.get("response_type") != "code":
            return redirect({"error": "unsupported_response_type"})
        users = self.state.options.users
        user = query.get("username") or next(iter(users))
        if user not in users or ("password" in query and users[user] != query["password"]):
            return redirect({"error": "access_denied"})
        try:
            client = self.state.auth.check_client_id(query.get("client_id"))
            code = self.state.auth.authorize(
                client, redirect_uri, query.get("scope") or "api", user,
                query.get("code_challenge"), query.get("code_challenge_method"),
            )  # fmt: skip
        except OAuthError as problem:
            return redirect({"error": problem.error})
        return redirect({"code": code})

    # -- the endpoint ------------------------------------------------------------------------

    def authenticate(self, request: Request) -> Caller:
        token, session_id = _credentials(request.scope)
        if token:
            grant = self.state.auth.bearer(token)
            return Caller(grant.user, grant.tenant, grant=grant)
        session = self.state.auth.session(session_id)
        if session is None:
            if self.state.options.redirect_stale_to_login:
                raise misbehaviour.LoginRedirect(request.url.path)
            raise errors.not_logged_in()
        return Caller(session.user, session.tenant, session=session)

    async def endpoint_request(self, request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.scope["path"].encode()
        segments = [unquote(s) for s in raw.decode("latin-1").split("/")]
        # ["", "entity", E, V, *rest]
        loaded = self.state.endpoint(segments[2], segments[3]) if len(segments) > 3 else None
        if loaded is None:
            raise errors.not_found(str(request.url))
        rest = segments[4:]
        while rest and rest[-1] == "":
            rest.pop()
        method = request.method
        if rest == ["swagger.json"]:
            if method != "GET":
                raise errors.method_not_allowed(method)
            company = request.query_params.get("company")
            if company:
                self.state.auth.check_tenant(company)
            return Response(loaded.document_json, media_type=errors.JSON)
        caller = self.admit(request)
        tenant = self.state.store.tenant(caller.tenant)
        if not rest:
            raise errors.not_found(str(request.url))
        if rest[0].lower() == "files" and loaded.entity("files") is None:
            return await self.files_route(request, loaded, tenant, rest[1:])
        entity = loaded.entity(rest[0])
        if entity is None:
            raise errors.not_found(str(request.url))
        try:
            return await self.entity_request(request, loaded, tenant, entity, rest[1:])
        finally:
            if self.state.should_restart():  # after the answer: the next request finds it gone
                self.state.auth.expire_all()

    def admit(self, request: Request) -> Caller:
        """Who is calling (401 if nobody), after the rate limit and the injected stale sessions."""
        caller = self.authenticate(request)
        self.state.check_rate()
        every = self.state.options.stale_every_request
        if every or self.state.should_fail():
            self.state.auth.stats.injected_failures += 1
            if caller.session is not None:
                self.state.auth.expire(caller.session.id)
            message = misbehaviour.NOT_LOGGED_IN if every else STALE_SESSION
            raise errors.exception_error(500, message, errors.PX_EXCEPTION, "PX.Data.PXGraph.Load")
        return caller

    async def entity_request(
        self,
        request: Request,
        loaded: LoadedEndpoint,
        tenant: TenantStore,
        entity: Entity,
        args: list[str],
    ) -> Response:
        """``/{Entity}/...``: list, upsert, by id or keys, actions and their status, files."""
        method = request.method
        self.state.check_long_operation()
        if not args:
            if method == "GET":
                return self.get_list(request, loaded, tenant, entity)
            if method == "PUT":
                self.state.check_conflict(entity)
                return await self.put_entity(request, loaded, tenant, entity)
            if method == "PATCH":
                return await self.patch_entity(request, loaded, tenant, entity)
            raise errors.method_not_allowed(method)
        if args == ["$adHocSchema"]:
            if method != "GET":
                raise errors.method_not_allowed(method)
            return self.ad_hoc_schema(loaded, tenant, entity)
        if method == "POST":
            if len(args) != 1:
                raise errors.not_found(str(request.url))
            return await self.invoke_action(request, loaded, tenant, entity, args[0])
        is_poll = len(args) == 3 and args[1] == "status" and args[2] in self.state.actions
        if is_poll and method == "GET":
            return self.poll_action(loaded, entity, args[0], args[2])
        if method == "GET" and self._is_status_address(entity, args):
            # .../{Action}/status/{unknown id}: no such run (finished and gone, or never started)
            raise errors.not_found(str(request.url))
        if len(args) >= 3 and args[-2] == "files":
            if method != "PUT":
                raise errors.method_not_allowed(method)
            record = loaded.service.find_by_keys(tenant, entity, args[:-2])
            return await self.put_file(request, loaded, tenant, entity, record, args[-1])
        if method == "GET":
            record = loaded.service.find_by_keys(tenant, entity, args)
            return self.answer_record(request, loaded, tenant, entity, record)
        if method == "DELETE":
            record = loaded.service.find_by_keys(tenant, entity, args)
            self.state.check_conflict(entity)
            loaded.service.delete(tenant, entity, record)
            return no_content()
        raise errors.method_not_allowed(method)

    # -- entity operations ---------------------------------------------------------------------

    def shape(self, request: Request, loaded: LoadedEndpoint, entity: Entity) -> Shape:
        query = request.query_params
        select, expand, custom = query.get("$select"), query.get("$expand"), query.get("$custom")
        if loaded.endpoint.is_contract_5:
            level = contract5.parse_query(select, expand, custom)
            contract5.check_query(loaded.service, entity, level)
            return level.shape()
        shape = parse_shape(select, expand, custom)
        loaded.service.check_shape(entity, shape)
        return shape

    def answer_record(
        self,
        request: Request,
        loaded: LoadedEndpoint,
        tenant: TenantStore,
        entity: Entity,
        record: Record,
    ) -> Response:
        shape = self.shape(request, loaded, entity)
        return errors.json_response(loaded.service.render(tenant, entity, record, shape))

    def get_list(
        self, request: Request, loaded: LoadedEndpoint, tenant: TenantStore, entity: Entity
    ) -> Response:
        query = request.query_params
        shape = self.shape(request, loaded, entity)
        top, skip = _count(query.get("$top"), "$top"), _count(query.get("$skip"), "$skip") or 0
        service = loaded.service
        records: Any = tenant.table(
            service.endpoint.name, service.endpoint.version, entity.name
        ).records.values()
        text = query.get("$filter")
        if text and text.strip():
            predicate = service.compile_filter(entity, text)
            records = (r for r in records if predicate(r))
        page: list[dict[str, Any]] = []
        for index, record in enumerate(records):
            if index < skip:
                continue
            if top is not None and len(page) >= top:
                break
            page.append(service.render(tenant, entity, record, shape, len(page) + 1))
        return errors.json_response(page)

    async def put_entity(
        self, request: Request, loaded: LoadedEndpoint, tenant: TenantStore, entity: Entity
    ) -> Response:
        body = await read_json(request)
        if not isinstance(body, dict):
            raise errors.bad_request(
                f"Expected a JSON object describing {errors.article(entity.name)} {entity.name}."
            )
        mode = "upsert"
        if request.headers.get("if-none-match", "").strip() == "*":
            mode = "insert"
        elif request.headers.get("if-match", "").strip() == "*":
            mode = "update"
        shape = self.shape(request, loaded, entity)
        record, _ = loaded.service.upsert(tenant, entity, body, mode)
        return errors.json_response(loaded.service.render(tenant, entity, record, shape))

    async def patch_entity(
        self, request: Request, loaded: LoadedEndpoint, tenant: TenantStore, entity: Entity
    ) -> Response:
        if not patch.supported(self.state.build_version()):
            raise errors.method_not_allowed("PATCH")
        patch.check_headers(request.headers)
        body = await read_json(request)
        if not isinstance(body, dict):
            raise errors.bad_request(
                f"Expected a JSON object describing {errors.article(entity.name)} {entity.name}."
            )
        shape = self.shape(request, loaded, entity)
        record = patch.target(loaded.service, tenant, entity, body)
        self.state.check_conflict(entity)
        record, _ = loaded.service.upsert(tenant, entity, {**body, "id": record["id"]}, "update")
        return errors.json_response(loaded.service.render(tenant, entity, record, shape))

    def ad_hoc_schema(
        self, loaded: LoadedEndpoint, tenant: TenantStore, entity: Entity
    ) -> Response:
        service = loaded.service
        table = tenant.table(service.endpoint.name, service.endpoint.version, entity.name)
        custom: dict[str, dict[str, Any]] = {}
        for record in table.records.values():
            for view, view_fields in (record.get("custom") or {}).items():
                for name, wrapper in view_fields.items():
                    custom.setdefault(view, {})[name] = {
                        "type": wrapper.get("type", "CustomStringField"),
                        "value": None,
                        "viewName": view,
                        "fieldName": name,
                    }
        template = service.render(tenant, entity, {"id": str(uuid.UUID(int=0))}, Shape(), top=False)
        template["custom"] = custom
        return errors.json_response(template)

    # -- actions -------------------------------------------------------------------------------

    async def invoke_action(
        self,
        request: Request,
        loaded: LoadedEndpoint,
        tenant: TenantStore,
        entity: Entity,
        name: str,
    ) -> Response:
        action = _find_action(entity, name)
        if action is None and (not entity.has_custom_action or not _ACTION_NAME.match(name)):
            raise errors.not_found(str(request.url))
        action_name = action.name if action is not None else name
        body = await read_json(request)
        if not isinstance(body, dict):
            raise errors.bad_request(
                'Expected {"entity": {...}, "parameters": {...}}.', "invocation"
            )
        target = body.get("entity")
        if target is not None and not isinstance(target, dict):
            raise errors.bad_request("'entity' must be an object.", "invocation.entity")
        parameters = body.get("parameters")
        if parameters is not None and not isinstance(parameters, dict):
            raise errors.bad_request("'parameters' must be an object.", "invocation.parameters")
        if action is not None and parameters:
            _check_parameters(action, parameters)
        record = self._action_target(loaded, tenant, entity, target or {})
        self.state.check_conflict(entity)
        if record is not None:
            _apply_effect(loaded.service, entity, record, action_name)
        polls = self.state.options.action_polls
        if polls == 0:
            return no_content()
        run_id = self.state.new_id()
        self.state.actions[run_id] = ActionRun(entity.name, action_name, polls)
        base = loaded.service.base
        location = f"{base}/{entity.name}/{action_name}/status/{run_id}"
        return Response(status_code=202, headers={"Location": location})

    @staticmethod
    def _is_status_address(entity: Entity, args: list[str]) -> bool:
        """``{Action}/status/{id}`` of an action of ``entity`` (not a lookup by three keys)."""
        if len(args) != 3 or args[1] != "status":
            return False
        if _find_action(entity, args[0]) is not None:
            return True
        # The custom-action catch-all: only when three key values could not be meant instead.
        return (
            entity.has_custom_action and len(entity.keys) != 3 and bool(_ACTION_NAME.match(args[0]))
        )

    def _action_target(
        self, loaded: LoadedEndpoint, tenant: TenantStore, entity: Entity, target: dict[str, Any]
    ) -> Record | None:
        """The record an action applies to: by ``id``, else by every key field.

        A record that cannot be located (no ``id`` and a key missing, or nothing matches) is a
        500 NoEntitySatisfiesTheConditionException, as a GET by keys answers. Only an entity whose
        keys the IR does not know may run without a record (the sandbox cannot tell which).
        """
        service = loaded.service
        if target.get("id") is not None:
            record_id = guid_or_none(target["id"])
            if record_id is None:
                raise errors.bad_guid(target["id"], "invocation.entity.id")
            record = service.find(tenant, entity, record_id)
            if record is None:
                raise errors.no_entity(entity.name)
            return record
        if not entity.keys:
            return None
        values = [_unwrap(target.get(key)) for key in entity.keys]
        if any(blank_key(v) or v == NEW_KEY for v in values):
            raise errors.no_entity(entity.name)
        return service.find_by_keys(tenant, entity, [str(v) for v in values])

    def poll_action(
        self, loaded: LoadedEndpoint, entity: Entity, action: str, run_id: str
    ) -> Response:
        run = self.state.actions[run_id]
        if run.polls_left > 0:
            run.polls_left -= 1
            location = (
                f"{loaded.service.base}/{entity.name}/{quote(action, safe='')}/status/{run_id}"
            )
            return Response(status_code=202, headers={"Location": location})
        return no_content()

    # -- files -----------------------------------------------------------------------------------

    async def put_file(
        self,
        request: Request,
        loaded: LoadedEndpoint,
        tenant: TenantStore,
        entity: Entity,
        record: Record,
        filename: str,
    ) -> Response:
        if not filename or "/" in filename or "\\" in filename:
            raise errors.bad_request("The file name is not valid.", "filename")
        content = await read_body(request)
        current = loaded.service.find(tenant, entity, record["id"])  # it may have changed meanwhile
        if current is None:
            raise errors.no_entity(entity.name)
        content_type = request.headers.get("content-type") or "application/octet-stream"
        loaded.service.attach(tenant, entity, current, filename, content, content_type)
        return no_content()

    async def files_route(
        self, request: Request, loaded: LoadedEndpoint, tenant: TenantStore, args: list[str]
    ) -> Response:
        if request.method == "GET" and len(args) == 1:
            stored = tenant.files.get(args[0].lower())
            if stored is None:
                try:
                    stored = tenant.files.get(str(uuid.UUID(args[0])))
                except ValueError:
                    stored = None
            if stored is None:
                raise errors.exception_error(
                    500, "The file does not exist.", errors.PX_EXCEPTION, "FilesController.Get"
                )
            disposition = f"attachment; filename*=UTF-8''{_quote_filename(stored.name)}"
            return Response(
                stored.content,
                media_type=stored.content_type,
                headers={"Content-Disposition": disposition},
            )
        if request.method == "PUT" and len(args) == 4:
            _screen, view, record_id, filename = args
            candidates = (
                [loaded.entity(view)] if loaded.entity(view) else list(loaded.entities.values())
            )
            for entity in candidates:
                if entity is None:
                    continue
                record = loaded.service.find(tenant, entity, record_id)
                if record is not None:
                    return await self.put_file(request, loaded, tenant, entity, record, filename)
            raise errors.no_entity(view)
        if request.method not in ("GET", "PUT"):
            raise errors.method_not_allowed(request.method)
        raise errors.not_found(str(request.url))


# ------------------------------------------------------------------------------ small helpers


_SESSION_COOKIE_PREFIX = SESSION_COOKIE + "="


def _credentials(scope: Scope) -> tuple[str | None, str | None]:
    """The Bearer token and the session cookie of a request, read straight from its headers.

    One pass over the raw headers: the hot path of every entity request, where building
    starlette's Headers and parsing every cookie costs more than the rest of a simple GET.
    """
    token = session_id = None
    for name, raw in scope["headers"]:
        if name == b"authorization":
            scheme, _, value = raw.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and value.strip():
                token = value.strip()
        elif name == b"cookie":
            for part in raw.decode("latin-1").split(";"):
                part = part.strip()
                if part.startswith(_SESSION_COOKIE_PREFIX):
                    session_id = part[len(_SESSION_COOKIE_PREFIX) :].strip('"')
    return token, session_id


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    import base64
    import binascii

    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, _, secret = decoded.partition(":")
    return unquote(client_id), unquote(secret)


def _oauth_error(problem: OAuthError) -> Response:
    body = {"error": problem.error, "error_description": problem.description}
    return errors.json_response(body, problem.status)


def _count(raw: str | None, name: str) -> int | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise errors.bad_request(
            f"{name} must be a whole number, 0 or more; got {raw!r}", "parameters"
        )
    return value


def _unwrap(raw: Any) -> Any:
    return raw.get("value") if isinstance(raw, dict) else None


def _quote_filename(name: str) -> str:
    return quote(name, safe="")


def _find_action(entity: Entity, name: str) -> Action | None:
    lowered = name.lower()
    return next((a for a in entity.actions if a.name.lower() == lowered), None)


def _check_parameters(action: Action, parameters: dict[str, Any]) -> None:
    from ..ir import FieldKind
    from .values import ValueProblem, coerce

    by_name = {p.wire_name: p for p in action.parameters}
    problems: dict[str, list[str]] = {}
    for name, raw in parameters.items():
        param = by_name.get(name)
        if param is None or param.kind is not FieldKind.VALUE or raw is None:
            continue
        if not isinstance(raw, dict):
            problems[f"invocation.parameters.{name}"] = ["Expected an object with a 'value'."]
            continue
        try:
            coerce(raw.get("value"), param.scalar)
        except ValueProblem as problem:
            problems[f"invocation.parameters.{name}"] = [str(problem)]
    if problems:
        raise errors.SandboxHTTPError(
            400, {"message": "The request is invalid.", "modelState": problems}
        )


# A released document that still has a balance to pay is Open on a stock instance (AR301000,
# SO303000, AP301000): "Released" is the status of documents with no balance (inventory
# transactions, cash transactions, adjustments); a cash sale is paid when released: Closed.
RELEASED_STATUS: dict[str, str] = {
    "SalesInvoice": "Open",
    "Invoice": "Open",
    "Bill": "Open",
    "CashSale": "Closed",
}


def action_effect(action_name: str, entity_name: str = "") -> dict[str, Any]:
    """What an action does to a record, read from its name (the first rule that fits wins).

    RemoveHold…/…FromHold/Open…/Reopen… → Open; Release… → Released (Open for the invoices and
    bills of ``RELEASED_STATUS``, which keep a balance); Cancel… → Canceled; Void… → Voided;
    …Hold… (PutOnHold, Hold…) → On Hold; Confirm… → Confirmed; others: nothing.
    """
    name = action_name.lower()
    if any(part in name for part in ("removehold", "fromhold", "fromcredithold")):
        return {"Status": "Open", "Hold": False}
    if name.startswith(("open", "reopen")):
        return {"Status": "Open", "Hold": False}
    if name.startswith("release"):
        return {"Status": RELEASED_STATUS.get(entity_name, "Released")}
    for prefix, status in (("cancel", "Canceled"), ("void", "Voided")):
        if name.startswith(prefix):
            return {"Status": status}
    if "hold" in name:
        return {"Status": "On Hold", "Hold": True}
    if name.startswith("confirm"):
        return {"Status": "Confirmed"}
    return {}


def _apply_effect(service: EntityService, entity: Entity, record: Record, action_name: str) -> None:
    from ..ir import FieldKind, Scalar

    changed = False
    for name, value in action_effect(action_name, entity.name).items():
        fld = entity.fields_by_wire_name.get(name)
        if fld is None or fld.kind is not FieldKind.VALUE:
            continue
        if isinstance(value, bool) and fld.scalar is not Scalar.BOOL:
            continue
        if isinstance(value, str) and fld.scalar is Scalar.STRING_SELECT:
            # contract 5: a select answers with its id and description (the sandbox has no
            # separate codes, so both are the status text)
            record[name] = {"id": value, "description": value}
            changed = True
            continue
        if isinstance(value, str) and fld.scalar is not Scalar.STRING:
            continue
        record[name] = value
        changed = True
    if changed:
        service.touch(entity, record)


# ---------------------------------------------------------------------------- the middleware


class SandboxMiddleware:
    """Counts requests and in-flight requests, admits them under the licence limits, and adds
    ``latency_ms`` before every answer (a request holds its concurrency slot meanwhile)."""

    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stats = self.state.auth.stats
        counted = not scope["path"].startswith("/sandbox/")
        if counted:
            stats.requests += 1
            stats.in_flight += 1
            if stats.in_flight > stats.max_in_flight_seen:
                stats.max_in_flight_seen = stats.in_flight
        limits = self.state.limits
        admitted = False
        try:
            if counted:
                try:
                    await limits.enter()
                except errors.SandboxHTTPError as refused:
                    await refused.response()(scope, receive, send)
                    return
                admitted = True
            latency = self.state.options.latency_ms
            if latency > 0:
                await asyncio.sleep(latency / 1000.0)
            await self.app(scope, receive, send)
        finally:
            if admitted:
                limits.leave()
            if counted:
                self.state.auth.stats.in_flight -= 1


def load_documents(
    paths: list[Path], key_overrides: dict[str, Any] | None = None
) -> list[tuple[Endpoint, bytes]]:
    """Read each document: its IR (via the builder) and its JSON for ``swagger.json``."""
    from ..builder import load_endpoint
    from ..errors import SpecError

    loaded = []
    for path in paths:
        endpoint = load_endpoint(path, key_overrides=key_overrides)
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            raise SpecError(str(path), "", f"cannot read: {problem}") from None
        loaded.append((endpoint, text.encode("utf-8")))
    return loaded


def create_app(
    documents: list[tuple[Endpoint, bytes]], options: SandboxOptions | None = None
) -> tuple[ASGIApp, SandboxState]:
    """The ASGI app for ``documents`` ((IR, document JSON) pairs) and the state behind it."""
    state = SandboxState(documents, options or SandboxOptions())
    app: ASGIApp = SandboxMiddleware(SandboxApp(state).build(), state)
    if state.options.html_errors:
        app = misbehaviour.HtmlErrorPages(app)
    return app, state
