"""A scriptable fake Acumatica behind ``httpx.MockTransport``, for faults that must be exact.

``FakeAcumatica`` keeps cookie sessions and bearer tokens, a tiny SalesOrder store keyed by
``OrderType``/``OrderNbr``, actions that answer 202 then 204, and counters the tests assert on
(open sessions, logins, logouts, requests in flight). ``fail_next(predicate, response)`` makes the
next matching request answer with a canned response (stale session 500, 429, 422, ...).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, unquote

import httpx

SITE = "https://erp.example.com/AcumaticaERP"
BASE = f"{SITE}/entity/Shop/1.0.0"
PATH_BASE = "/AcumaticaERP/entity/Shop/1.0.0"
PASSWORD = "pa55-WORD-secret-991"
CLIENT_SECRET = "cl1ent-SECRET-4471"
SESSION_COOKIE = "ASP.NET_SessionId"

Predicate = Callable[[httpx.Request], bool]


class Record:
    """Stand-in for a generated model: keeps the wire dict as it is."""

    def __init__(self, **fields: Any) -> None:
        self.data: dict[str, Any] = {
            k: v if isinstance(v, (dict, list)) or k == "id" else {"value": v}
            for k, v in fields.items()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], /, *, lenient: bool = False) -> Record:
        record = cls.__new__(cls)
        record.data = dict(data)
        return record

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)

    def value(self, name: str) -> Any:
        raw = self.data.get(name)
        return raw.get("value") if isinstance(raw, dict) else raw

    def iter_errors(self) -> Iterator[tuple[str, str]]:
        for key, raw in self.data.items():
            if isinstance(raw, dict) and raw.get("error"):
                yield key, str(raw["error"])
            if isinstance(raw, list):
                for index, item in enumerate(raw):
                    for field, wrapped in item.items():
                        if isinstance(wrapped, dict) and wrapped.get("error"):
                            yield f"{key}[{index}].{field}", str(wrapped["error"])


def stale_session_500() -> httpx.Response:
    return httpx.Response(
        500,
        json={
            "message": "An error has occurred.",
            "exceptionMessage": "You are not logged in. Session expired.",
            "exceptionType": "PX.Data.PXException",
        },
    )


def not_found_500() -> httpx.Response:
    return httpx.Response(
        500,
        json={
            "message": "An error has occurred.",
            "exceptionMessage": "No entity satisfies the condition.",
            "exceptionType": "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException",
        },
    )


def concurrency_500() -> httpx.Response:
    return httpx.Response(
        500,
        json={
            "message": "An error has occurred.",
            "exceptionMessage": "Another process has updated the 'SOOrder' record. "
            "Your changes will be lost.",
            "exceptionType": "PX.Data.PXLockViolationException",
        },
    )


class FakeAcumatica:
    def __init__(
        self,
        *,
        max_sessions: int = 2,
        action_polls: int = 2,
        latency: float = 0.0,
        token_lifetime: int = 3600,
    ) -> None:
        self.max_sessions = max_sessions
        self.action_polls = action_polls
        self.latency = latency
        self.token_lifetime = token_lifetime
        self.lock = threading.Lock()
        self.sessions: set[str] = set()
        self.tokens: dict[str, float] = {}  # access token -> expiry (time.time())
        self.refresh_tokens: set[str] = set()
        self.logins = 0
        self.logouts = 0
        self.token_grants: list[str] = []
        self.requests: list[httpx.Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.records: dict[str, dict[str, Any]] = {}
        self.action_status: dict[str, int] = {}
        self.files: dict[str, bytes] = {}
        self._faults: list[tuple[Predicate, httpx.Response | Callable[[], httpx.Response]]] = []
        self._counter = itertools.count(1)

    # test controls ---------------------------------------------------------------------

    def fail_next(
        self, predicate: Predicate, response: httpx.Response | Callable[[], httpx.Response]
    ) -> None:
        self._faults.append((predicate, response))

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        async def handle(request: httpx.Request) -> httpx.Response:
            self._enter()
            try:
                if self.latency:
                    await asyncio.sleep(self.latency)
                return self._answer(request)
            finally:
                self._leave()

        return httpx.MockTransport(handle)

    @property
    def open_sessions(self) -> int:
        return len(self.sessions)

    # dispatch --------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        self._enter()
        try:
            if self.latency:
                time.sleep(self.latency)
            return self._answer(request)
        finally:
            self._leave()

    def _enter(self) -> None:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def _answer(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
            for index, (predicate, response) in enumerate(self._faults):
                if predicate(request):
                    del self._faults[index]
                    return response() if callable(response) else response
        path = request.url.path
        if path == "/AcumaticaERP/entity/auth/login":
            return self._login(request)
        if path == "/AcumaticaERP/entity/auth/logout":
            return self._logout(request)
        if path == "/AcumaticaERP/identity/connect/token":
            return self._token(request)
        if not self._authorized(request):
            return httpx.Response(401, json={"message": "You are not logged in."})
        if path.startswith(PATH_BASE + "/"):
            return self._entity(request, path[len(PATH_BASE) + 1 :])
        return httpx.Response(404, json={"message": "No such route"})

    # auth ------------------------------------------------------------------------------

    def _login(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body.get("password") != PASSWORD:  # as Acumatica (and the sandbox) answer it
            return httpx.Response(
                500,
                json={
                    "message": "An error has occurred.",
                    "exceptionMessage": "Invalid credentials. Please try again.",
                    "exceptionType": "PX.Data.PXException",
                },
            )
        with self.lock:
            if len(self.sessions) >= self.max_sessions:
                return httpx.Response(
                    429,
                    json={
                        "message": "An error has occurred.",
                        "exceptionMessage": "API Login Limit reached",
                    },
                )
            session = f"s{next(self._counter)}"
            self.sessions.add(session)
            self.logins += 1
        return httpx.Response(204, headers={"Set-Cookie": f"{SESSION_COOKIE}={session}; path=/"})

    def _logout(self, request: httpx.Request) -> httpx.Response:
        session = self._cookie(request)
        with self.lock:
            self.logouts += 1
            self.sessions.discard(session or "")
        return httpx.Response(204)

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        grant = form.get("grant_type", "")
        self.token_grants.append(grant)
        if form.get("client_secret") != CLIENT_SECRET:
            return httpx.Response(400, json={"error": "invalid_client"})
        if grant == "password" and form.get("password") != PASSWORD:
            return httpx.Response(400, json={"error": "invalid_grant"})
        if grant == "refresh_token" and form.get("refresh_token") not in self.refresh_tokens:
            return httpx.Response(400, json={"error": "invalid_grant"})
        if grant == "authorization_code" and form.get("code") != "the-code":
            return httpx.Response(400, json={"error": "invalid_grant"})
        access = f"access-{uuid.uuid4().hex}"
        refresh = f"refresh-{uuid.uuid4().hex}"
        with self.lock:
            self.tokens[access] = time.time() + self.token_lifetime
            self.refresh_tokens.add(refresh)
        return httpx.Response(
            200,
            json={
                "access_token": access,
                "refresh_token": refresh,
                "expires_in": self.token_lifetime,
                "token_type": "Bearer",
            },
        )

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = {token: 0.0 for token in self.tokens}

    def _cookie(self, request: httpx.Request) -> str | None:
        for part in request.headers.get("Cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE:
                return value
        return None

    def _authorized(self, request: httpx.Request) -> bool:
        if self._cookie(request) in self.sessions:
            return True
        bearer = request.headers.get("Authorization", "")
        if bearer.startswith("Bearer "):
            return self.tokens.get(bearer[7:], 0.0) > time.time()
        return False

    # entities --------------------------------------------------------------------------

    def _entity(self, request: httpx.Request, tail: str) -> httpx.Response:
        parts = [unquote(p) for p in tail.split("/")]
        entity, rest = parts[0], parts[1:]
        if len(rest) == 3 and rest[1] == "status":
            return self._poll(rest[2])
        if entity == "files" and rest:
            return httpx.Response(200, content=self.files[rest[0]])
        if entity != "SalesOrder":
            return httpx.Response(404, json={"message": f"unknown entity {entity}"})
        method = request.method
        if len(rest) >= 2 and rest[-2] == "files" and method == "PUT":
            file_id = str(uuid.uuid4())
            self.files[file_id] = request.content
            return httpx.Response(204)
        if method == "PUT" and not rest:
            return self._put(request)
        if method == "PATCH" and not rest:
            return self._patch(request)
        if method == "GET" and not rest:
            return self._list(request)
        if method == "GET" and rest == ["$adHocSchema"]:
            usr_ref = {"type": "CustomStringField", "value": None}
            return httpx.Response(200, json={"custom": {"Document": {"UsrRef": usr_ref}}})
        if method == "POST" and len(rest) == 1:
            return self._action(request, rest[0])
        record = self._find(rest)
        if record is None:
            return not_found_500()
        if method == "GET":
            return httpx.Response(200, json=record)
        if method == "DELETE":
            del self.records[record["id"]]
            return httpx.Response(204)
        return httpx.Response(405)

    def _find(self, rest: list[str]) -> dict[str, Any] | None:
        if len(rest) == 1 and rest[0] in self.records:
            return self.records[rest[0]]
        for record in self.records.values():
            keys = [record["OrderType"]["value"], record["OrderNbr"]["value"]]
            if keys == rest:
                return record
        return None

    def _put(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if "OrderNbr" not in body:
            body["OrderNbr"] = {"value": f"SO{next(self._counter):06d}"}
        body.setdefault("OrderType", {"value": "SO"})
        found = self._find([body["OrderType"]["value"], body["OrderNbr"]["value"]])
        if request.headers.get("If-None-Match") == "*" and found is not None:
            return httpx.Response(412, json={"message": "exists"})
        if request.headers.get("If-Match") == "*" and found is None:
            return httpx.Response(412, json={"message": "missing"})
        record = found if found is not None else {"id": str(uuid.uuid4())}
        record.update({k: v for k, v in body.items() if k != "id"})
        self.records[record["id"]] = record
        return httpx.Response(200, json=record)

    def _patch(self, request: httpx.Request) -> httpx.Response:
        """Updates the record named by id or keys; never inserts (404, as Acumatica answers)."""
        body = json.loads(request.content)
        if "id" in body:
            found = self.records.get(body["id"])
        else:
            keys = [body.get(k, {}).get("value") for k in ("OrderType", "OrderNbr")]
            found = self._find([str(k) for k in keys])
        if found is None:
            message = "The specified record cannot be found in the system."
            return httpx.Response(404, json={"message": message})
        found.update({k: v for k, v in body.items() if k != "id"})
        return httpx.Response(200, json=found)

    def _list(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        rows = sorted(self.records.values(), key=lambda r: r["OrderNbr"]["value"])
        text = params.get("$filter")
        if text:  # only "Field eq 'value'" is understood here
            field, _, literal = text.partition(" eq ")
            wanted = literal.strip("'").replace("''", "'")
            rows = [r for r in rows if str((r.get(field) or {}).get("value")) == wanted]
        skip = int(params.get("$skip", 0))
        top = params.get("$top")
        rows = rows[skip:]
        if top is not None:
            rows = rows[: int(top)]
        return httpx.Response(200, json=rows)

    def _action(self, request: httpx.Request, action: str) -> httpx.Response:
        body = json.loads(request.content)
        assert set(body) == {"entity", "parameters"}
        job = str(uuid.uuid4())
        self.action_status[job] = 0
        return httpx.Response(
            202, headers={"Location": f"{PATH_BASE}/SalesOrder/{action}/status/{job}"}
        )

    def _poll(self, job: str) -> httpx.Response:
        self.action_status[job] += 1
        if self.action_status[job] <= self.action_polls:
            return httpx.Response(202)
        return httpx.Response(204, headers={"Location": f"{PATH_BASE}/never-follow-this"})


def is_entity(request: httpx.Request) -> bool:
    return request.url.path.startswith(PATH_BASE)


def is_put(request: httpx.Request) -> bool:
    return request.method == "PUT" and is_entity(request)
