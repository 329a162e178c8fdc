"""Cookie sessions: sign-in, sign-out, the login limit, 401 without a session, and the stats."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, signed_in

sandbox = Sandbox.fixture(
    WEBSHOP_24,
    max_sessions=2,
    users={"admin": "123", "clerk": "s3cret"},
    tenants=["Company", "Other"],
)


@pytest.fixture(autouse=True)
def fresh(sandbox: Sandbox) -> None:
    sandbox.reset()


def stats(sandbox: Sandbox) -> dict[str, Any]:
    return httpx.get(f"{sandbox.url}/sandbox/stats").json()


def test_login_sets_the_session_cookie_and_logout_ends_it(sandbox: Sandbox) -> None:
    with httpx.Client(base_url=sandbox.url) as client:
        response = client.post(
            "/entity/auth/login",
            json={
                "name": "admin",
                "password": "123",
                "tenant": "Company",
                "branch": "HQ",
                "locale": "en-US",
            },
        )
        assert response.status_code == 204
        assert response.content == b""
        assert "ASP.NET_SessionId" in client.cookies
        assert client.get(f"{BASE_24}/Customer").status_code == 200
        assert stats(sandbox)["open_sessions"] == 1
        assert client.post("/entity/auth/logout").status_code == 204
        assert client.get(f"{BASE_24}/Customer").status_code == 401
    counters = stats(sandbox)
    assert (counters["open_sessions"], counters["logins"], counters["logouts"]) == (0, 1, 1)


def test_login_accepts_company_and_form_bodies(sandbox: Sandbox) -> None:
    with httpx.Client(base_url=sandbox.url) as client:
        response = client.post(
            "/entity/auth/login", data={"name": "clerk", "password": "s3cret", "company": "Other"}
        )
        assert response.status_code == 204
        client.post("/entity/auth/logout")


def test_requests_without_a_session_answer_401(sandbox: Sandbox) -> None:
    response = httpx.get(f"{sandbox.url}{BASE_24}/Customer")
    assert response.status_code == 401
    assert response.json() == {"message": "You are not logged in."}
    forged = httpx.get(f"{sandbox.url}{BASE_24}/Customer", cookies={"ASP.NET_SessionId": "forged"})
    assert forged.status_code == 401


def test_wrong_credentials_are_refused_like_acumatica(sandbox: Sandbox) -> None:
    response = httpx.post(
        f"{sandbox.url}/entity/auth/login", json={"name": "admin", "password": "no"}
    )
    assert response.status_code == 500
    body = response.json()
    assert body["exceptionMessage"] == "Invalid credentials. Please try again."
    assert set(body) == {"message", "exceptionMessage", "exceptionType", "stackTrace"}
    unknown_tenant = httpx.post(
        f"{sandbox.url}/entity/auth/login",
        json={"name": "admin", "password": "123", "tenant": "Nope"},
    )
    assert unknown_tenant.status_code == 500
    assert stats(sandbox)["rejected_logins"] == 2
    assert stats(sandbox)["open_sessions"] == 0


def test_one_login_past_max_sessions_answers_429_api_login_limit(sandbox: Sandbox) -> None:
    first, second = signed_in(sandbox.url), signed_in(sandbox.url)
    try:
        third = httpx.post(
            f"{sandbox.url}/entity/auth/login", json={"name": "admin", "password": "123"}
        )
        assert third.status_code == 429
        assert third.json()["exceptionMessage"] == "API Login Limit"
        assert third.json()["message"] == "An error has occurred."
        counters = stats(sandbox)
        assert counters["open_sessions"] == 2
        assert counters["max_open_sessions_seen"] == 2
        assert counters["rejected_logins"] == counters["login_limit_hits"] == 1
    finally:
        for client in (first, second):
            client.post("/entity/auth/logout")
    assert stats(sandbox)["open_sessions"] == 0
    # A freed slot can be taken again.
    again = signed_in(sandbox.url)
    again.post("/entity/auth/logout")


def test_signing_in_again_on_a_live_session_reuses_it(sandbox: Sandbox) -> None:
    client = signed_in(sandbox.url)
    try:
        cookie = client.cookies["ASP.NET_SessionId"]
        again = client.post("/entity/auth/login", json={"name": "admin", "password": "123"})
        assert again.status_code == 204
        assert client.cookies["ASP.NET_SessionId"] == cookie
        assert stats(sandbox)["open_sessions"] == 1
    finally:
        client.post("/entity/auth/logout")


def test_tenants_have_separate_data(sandbox: Sandbox) -> None:
    company = signed_in(sandbox.url, tenant="Company")
    other = signed_in(sandbox.url, tenant="Other")
    try:
        put = company.put(f"{BASE_24}/StockItem", json={"InventoryID": {"value": "ONLY-HERE"}})
        assert put.status_code == 200
        assert len(company.get(f"{BASE_24}/StockItem").json()) == 1
        assert other.get(f"{BASE_24}/StockItem").json() == []
        assert other.get(f"{BASE_24}/StockItem/ONLY-HERE").status_code == 500
    finally:
        company.post("/entity/auth/logout")
        other.post("/entity/auth/logout")


def test_idle_sessions_expire_and_free_their_slot() -> None:
    # A sandbox of its own: a short idle timeout on the module's would end other tests' sessions
    # whenever the machine is slow.
    with Sandbox(WEBSHOP_24, session_idle_timeout=0.3) as sandbox:
        client = signed_in(sandbox.url)
        time.sleep(0.5)
        assert client.get(f"{BASE_24}/Customer").status_code == 401
        counters = stats(sandbox)
        assert counters["open_sessions"] == 0
        assert counters["expired_sessions"] == 1
        client.close()


def test_logout_without_a_session_is_harmless(sandbox: Sandbox) -> None:
    response = httpx.post(f"{sandbox.url}/entity/auth/logout", headers={"Content-Length": "0"})
    assert response.status_code == 204
    assert stats(sandbox)["logouts"] == 0


def test_stats_need_no_sign_in_and_count_requests(sandbox: Sandbox) -> None:
    before = stats(sandbox)["requests"]
    httpx.get(f"{sandbox.url}/entity")
    httpx.get(f"{sandbox.url}{BASE_24}/Customer")
    counters = stats(sandbox)
    assert counters["requests"] == before + 2
    assert set(counters) >= {
        "open_sessions", "max_open_sessions_seen", "logins", "logouts", "requests", "rejected_logins",
    }  # fmt: skip
    assert sandbox.stats()["requests"] == counters["requests"]


def test_swagger_json_needs_no_sign_in_and_checks_the_company(sandbox: Sandbox) -> None:
    url = f"{sandbox.url}{BASE_24}/swagger.json"
    assert httpx.get(url).status_code == 200
    assert httpx.get(url, params={"company": "Other"}).status_code == 200
    unknown = httpx.get(url, params={"company": "Nope"})
    assert unknown.status_code == 500
    assert "Nope" in unknown.json()["exceptionMessage"]
