"""No input crashes the sandbox: every answer to a hostile request is an Acumatica-shaped error.

A seeded fuzzer throws random methods, paths, query options and bodies (built from the endpoint's
own field names, with values of every wrong type) at a live sandbox. An answer that comes from the
sandbox's catch-all (``exceptionType`` ``System.Exception``) is a bug: it means some input reached
code that did not expect it.
"""

from __future__ import annotations

import json
import random
from typing import Any

import httpx
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, signed_in, wrap

sandbox = Sandbox.fixture(WEBSHOP_24, action_polls=1, max_sessions=5)

ENDPOINT = load_endpoint(WEBSHOP_24)
ENTITIES = [e.name for e in ENDPOINT.top_level_entities]
FIELDS = sorted({f.wire_name for e in ENDPOINT.entities for f in e.fields})
SEGMENTS = [
    *ENTITIES, "SO", "000001", "files", "a.txt", "$adHocSchema", "status", "CancelSalesOrder",
    "ReleaseSalesInvoice", "%00", "..", "%2F", "%C3%BC", "", "swagger.json", "x" * 300,
    "3fa85f64-5717-4562-b3fc-2c963f66afa6", "{id}", "null", "-1",
]  # fmt: skip
FILTER_TOKENS = [
    *FIELDS[:40], "eq", "ne", "gt", "and", "or", "not", "(", ")", "'x'", "''", "12", "1.5m", "true",
    "null", "datetimeoffset'2024-01-01'", "guid'nope'", "substringof(", "startswith(", ",", "/",
    "cf.String(f='A.B')", "'", "$", "MainContact/Email", "Details/InventoryID",
]  # fmt: skip
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 2**70, 1.5, "", "text", "2024-02-30", [], [1, {"a": 1}], {}, {"value": None},
    {"value": "x"}, {"value": [1]}, {"value": {"nested": 1}}, {"value": 1e308}, {"error": "x"},
    {"delete": True}, {"id": "nope"}, "\u0000\ud7ff", {"type": "CustomDecimalField", "value": "x"},
]  # fmt: skip


def random_body(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.15:
        return rng.choice(ODD_VALUES)
    if roll < 0.25:
        return [random_body(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    body: dict[str, Any] = {}
    if depth == 0 and rng.random() < 0.5:
        body = {"OrderType": {"value": "SO"}, "OrderNbr": {"value": rng.choice(["000001", "N2"])}}
        plausible = [
            "text",
            3,
            2.5,
            True,
            None,
            "2024-01-01",
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        ]
        for _ in range(rng.randint(0, 8)):
            body[rng.choice(FIELDS)] = {"value": rng.choice(plausible)}
        if rng.random() < 0.5:
            return body
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(
            [*FIELDS, "id", "custom", "delete", "entity", "parameters", "files", "_links"]
        )
        body[name] = random_body(rng, depth + 1) if rng.random() < 0.5 else rng.choice(ODD_VALUES)
    return body


def random_path(rng: random.Random) -> str:
    """Mostly the shapes real routes have, with hostile pieces in them; sometimes pure junk."""
    entity = rng.choice(ENTITIES)
    actions = [a.name for a in ENDPOINT.entity(entity).actions] or ["Anything"]
    junk = lambda: rng.choice(SEGMENTS)  # noqa: E731
    shapes = [
        [entity],
        [entity, junk()],
        [entity, "SO", rng.choice(["000001", junk()])],
        [entity, rng.choice(actions)],
        [entity, rng.choice(actions), "status", junk()],
        [entity, junk(), "files", junk()],
        [entity, "SO", "000001", "files", rng.choice(["a.txt", "", "%2F", "b c.pdf"])],
        ["files", junk()],
        ["files", junk(), entity, junk(), junk()],
        [junk() for _ in range(rng.randint(0, 5))],
    ]
    return BASE_24 + "/" + "/".join(rng.choice(shapes))


def random_request(rng: random.Random) -> tuple[str, str, dict[str, str], bytes, dict[str, str]]:
    method = rng.choice(["GET", "PUT", "POST", "DELETE", "PATCH", "GET", "PUT", "POST"])
    path = random_path(rng)
    params = {}
    for option in ("$filter", "$select", "$expand", "$custom", "$top", "$skip"):
        if rng.random() < 0.15:
            pool = (
                FILTER_TOKENS
                if option == "$filter"
                else [*FIELDS[:30], ",", "/", ".", "-3", "x", "files"]
            )
            params[option] = " ".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
    headers = {}
    if rng.random() < 0.2:
        headers[rng.choice(["If-None-Match", "If-Match"])] = rng.choice(["*", "", "abc"])
    roll = rng.random()
    if roll < 0.75:
        content = json.dumps(random_body(rng)).encode()
    elif roll < 0.9:
        content = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
    else:
        content = b""
    return method, path, params, content, headers


def assert_acumatica_shaped(response: httpx.Response, request: Any) -> None:
    assert response.status_code in {200, 202, 204, 400, 401, 404, 405, 412, 413, 422, 500}, request
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict), request
        if response.status_code == 422:
            assert "error" in body, request
        else:
            assert "message" in body, request
        assert body.get("exceptionType") != "System.Exception", (request, body)


def test_random_requests_always_get_an_acumatica_shaped_answer(sandbox: Sandbox) -> None:
    rng = random.Random(20240501)
    client = signed_in(sandbox.url)
    try:
        client.put(
            f"{BASE_24}/SalesOrder",
            json={**wrap(OrderType="SO", OrderNbr="000001"), "Details": [{}]},
        )
        for _ in range(1500):
            method, path, params, content, headers = random_request(rng)
            response = client.request(method, path, params=params, content=content, headers=headers)
            assert_acumatica_shaped(response, (method, path, params, content[:200], headers))
            if response.status_code == 401:  # an injected logout path; sign in again
                client.post("/entity/auth/login", json={"name": "admin", "password": "123"})
    finally:
        client.post("/entity/auth/logout")
        client.close()
    assert httpx.get(f"{sandbox.url}/entity").status_code == 200


def test_hostile_login_and_token_bodies_are_answered(sandbox: Sandbox) -> None:
    rng = random.Random(7)
    client = httpx.Client(base_url=sandbox.url)
    for _ in range(200):
        body = (
            json.dumps(random_body(rng)).encode()
            if rng.random() < 0.7
            else bytes(rng.randrange(256) for _ in range(20))
        )
        content_type = rng.choice(
            ["application/json", "application/x-www-form-urlencoded", "text/plain"]
        )
        for path in ("/entity/auth/login", "/identity/connect/token"):
            response = client.post(path, content=body, headers={"Content-Type": content_type})
            assert response.status_code in {204, 400, 401, 429, 500}, (path, body)
            if response.status_code != 204:
                payload = response.json()
                assert payload.get("exceptionType") != "System.Exception", (path, body, payload)
        client.post("/entity/auth/logout")
    client.close()
    sandbox.reset()


def test_deeply_nested_json_is_a_bad_request_not_a_crash(sandbox: Sandbox) -> None:
    deep = b"{" + b'"a":[' * 100_000 + b"]" * 100_000 + b"}"
    with httpx.Client(base_url=sandbox.url) as client:
        for path in ("/entity/auth/login", "/identity/connect/token"):
            response = client.post(path, content=deep, headers={"Content-Type": "text/plain"})
            assert response.status_code in (400, 500), path
            assert response.json().get("exceptionType") != "System.Exception"
        client.post("/entity/auth/login", json={"name": "admin", "password": "123"})
        response = client.put(f"{BASE_24}/StockItem", content=deep)
        assert response.status_code == 400
        client.post("/entity/auth/logout")


def test_odd_query_strings_on_service_routes(sandbox: Sandbox) -> None:
    for params in (
        {"redirect_uri": "http://x/%zz"},
        {"response_type": "code", "client_id": ""},
        {},
    ):
        response = httpx.get(f"{sandbox.url}/identity/connect/authorize", params=params)
        assert response.status_code in {302, 400}
    assert httpx.get(f"{sandbox.url}/nothing/here").status_code == 404
    assert httpx.delete(f"{sandbox.url}/entity").status_code == 405
    huge = httpx.get(f"{sandbox.url}{BASE_24}/swagger.json", params={"company": "x" * 5000})
    assert huge.status_code == 200
