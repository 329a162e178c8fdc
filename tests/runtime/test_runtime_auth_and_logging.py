"""OAuth flows, credentials from the environment, and the redacted request/response log."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from runtime_fake import CLIENT_SECRET, PASSWORD, SITE, Record, is_entity


def bearer_of(request: httpx.Request) -> str:
    return request.headers.get("Authorization", "")


# OAuth ---------------------------------------------------------------------------------------


def test_oauth_password_grant_then_bearer_on_every_request(make_client, orders, rt, server):
    auth = rt.auth.OAuth2Password("app@Company", CLIENT_SECRET, "admin", PASSWORD)
    with make_client(auth=auth) as client:
        orders(client).list()
        orders(client).list()
    token_request = server.requests[0]
    form = {k: v[0] for k, v in parse_qs(token_request.content.decode()).items()}
    assert form == {
        "grant_type": "password",
        "client_id": "app@Company",
        "client_secret": CLIENT_SECRET,
        "username": "admin",
        "password": PASSWORD,
        "scope": "api offline_access",
    }
    entity_requests = [r for r in server.requests if is_entity(r)]
    assert all(bearer_of(r).startswith("Bearer access-") for r in entity_requests)
    assert server.token_grants == ["password"]


def test_oauth_refreshes_on_401(make_client, orders, rt, server):
    auth = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    with make_client(auth=auth) as client:
        orders(client).list()
        first = auth.access_token
        server.expire_tokens()
        orders(client).list()
    assert server.token_grants == ["password", "refresh_token"]
    assert auth.access_token != first


def test_oauth_token_refreshes_before_use_when_expired(make_client, orders, rt, server):
    # A refresh token the server knows, and an access token that expired an hour ago.
    seed = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    with make_client(auth=seed) as client:
        orders(client).list()
    token = rt.auth.OAuth2Token(
        "stale-access",
        refresh_token=seed.refresh_token,
        client_id="app",
        client_secret=CLIENT_SECRET,
        expires_at=time.time() - 3600,
    )
    server.token_grants.clear()
    with make_client(auth=token) as client:
        orders(client).list()
    assert server.token_grants == ["refresh_token"]
    assert token.access_token.startswith("access-")
    assert token.expires_at is not None and token.expires_at > time.time()


def test_oauth_token_without_refresh_token_fails_clearly_on_401(make_client, orders, rt, server):
    with make_client(auth=rt.auth.OAuth2Token("never-issued")) as client:
        with pytest.raises(rt.errors.AuthError, match="cannot be renewed"):
            orders(client).list()


def test_oauth_bad_client_secret_is_an_auth_error_without_secrets(make_client, orders, rt):
    auth = rt.auth.OAuth2Password("app", "wrong-" + CLIENT_SECRET, "admin", PASSWORD)
    with pytest.raises(rt.errors.AuthError) as caught:
        with make_client(auth=auth) as client:
            orders(client).list()
    text = f"{caught.value} {vars(caught.value)}"
    assert CLIENT_SECRET not in text and PASSWORD not in text
    assert caught.value.status == 400


def test_authorization_url_and_exchange_code(rt, server):
    url = rt.auth.authorization_url(SITE, "app", "https://app.example.com/callback", state="xyz")
    parts = urlsplit(url)
    assert parts.path == "/AcumaticaERP/identity/connect/authorize"
    assert parse_qs(parts.query) == {
        "response_type": ["code"],
        "client_id": ["app"],
        "redirect_uri": ["https://app.example.com/callback"],
        "scope": ["api offline_access"],
        "state": ["xyz"],
    }
    with httpx.Client(transport=server.transport()) as http:
        token = rt.auth.exchange_code(
            "the-code",
            url=SITE,
            client_id="app",
            client_secret=CLIENT_SECRET,
            redirect_uri="https://app.example.com/callback",
            http_client=http,
        )
        assert isinstance(token, rt.auth.OAuth2Token) and token.refresh_token
        with pytest.raises(rt.errors.AuthError):
            rt.auth.exchange_code(
                "bad",
                url=SITE,
                client_id="app",
                client_secret=CLIENT_SECRET,
                redirect_uri="x",
                http_client=http,
            )


def test_async_exchange_code(rt, server):
    import asyncio

    async def main():  # type: ignore[no-untyped-def]
        async with httpx.AsyncClient(transport=server.async_transport()) as http:
            return await rt.auth.aexchange_code(
                "the-code",
                url=SITE,
                client_id="app",
                client_secret=CLIENT_SECRET,
                redirect_uri="x",
                http_client=http,
            )

    assert asyncio.run(main()).access_token.startswith("access-")


# Environment ---------------------------------------------------------------------------------


def test_url_and_cookie_auth_from_environment(rt, server, monkeypatch):
    monkeypatch.setenv("ACUMATICA_URL", SITE)
    monkeypatch.setenv("ACUMATICA_USERNAME", "admin")
    monkeypatch.setenv("ACUMATICA_PASSWORD", PASSWORD)
    monkeypatch.setenv("ACUMATICA_TENANT", "Company")
    monkeypatch.setenv("ACUMATICA_BRANCH", "HQ")
    monkeypatch.delenv("ACUMATICA_CLIENT_ID", raising=False)

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    with Client(http_client=httpx.Client(transport=server.transport())) as client:
        assert isinstance(client.auth, rt.auth.CookieAuth)
        client.request("GET", "SalesOrder")
    login = json.loads(server.requests[0].content)
    assert login == {"name": "admin", "password": PASSWORD, "tenant": "Company", "branch": "HQ"}
    assert client.base_url == f"{SITE}/entity/Shop/1.0.0"


def test_oauth_from_environment_when_client_id_is_set(rt, monkeypatch):
    for name, value in {
        "ACUMATICA_CLIENT_ID": "app",
        "ACUMATICA_CLIENT_SECRET": CLIENT_SECRET,
        "ACUMATICA_USERNAME": "admin",
        "ACUMATICA_PASSWORD": PASSWORD,
    }.items():
        monkeypatch.setenv(name, value)
    auth = rt.auth.auth_from_env()
    assert isinstance(auth, rt.auth.OAuth2Password) and auth.client_id == "app"


def test_missing_environment_names_the_variables(rt, monkeypatch):
    for name in (
        "ACUMATICA_URL",
        "ACUMATICA_USERNAME",
        "ACUMATICA_PASSWORD",
        "ACUMATICA_CLIENT_ID",
    ):
        monkeypatch.delenv(name, raising=False)

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    with pytest.raises(rt.errors.ConfigurationError, match="ACUMATICA_URL"):
        Client()
    with pytest.raises(
        rt.errors.ConfigurationError, match="ACUMATICA_USERNAME, ACUMATICA_PASSWORD"
    ):
        Client(SITE)


# Logging -------------------------------------------------------------------------------------


def all_secrets(server, auth) -> list[str]:  # type: ignore[no-untyped-def]
    cookies = list(server.sessions) + [f"s{n}" for n in range(1, 5)]
    return [PASSWORD, CLIENT_SECRET, *auth.secrets(), *server.tokens, *server.refresh_tokens] + [
        f"ASP.NET_SessionId={c}" for c in cookies
    ]


def test_log_file_has_every_exchange_in_full_with_secrets_redacted(
    make_client, orders, rt, server, tmp_path
):
    log = tmp_path / "wire.jsonl"
    cookie_auth = rt.auth.CookieAuth("admin", PASSWORD)
    with make_client(auth=cookie_auth, log_file=log) as client:
        orders(client).put(Record(OrderNbr="L1", Note="hello"))
        orders(client).list()
    oauth = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    with make_client(auth=oauth, log_file=log) as client:
        orders(client).list()
        server.expire_tokens()
        orders(client).list()
    lines = log.read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["method"] for r in records[:4]] == ["POST", "PUT", "GET", "POST"]
    login = records[0]
    assert login["request"]["body"] == {"name": "admin", "password": "***"}
    put = records[1]
    assert put["request"]["body"] == {"OrderNbr": {"value": "L1"}, "Note": {"value": "hello"}}
    assert put["response"]["body"]["OrderNbr"] == {"value": "L1"}
    assert put["request"]["headers"]["cookie"] == "***"
    token = next(r for r in records if r["url"].endswith("/identity/connect/token"))
    assert token["request"]["body"]["client_secret"] == "***"
    assert token["response"]["body"]["access_token"] == "***"
    bearer = next(r for r in records if "authorization" in r["request"]["headers"])
    assert bearer["request"]["headers"]["authorization"] == "***"
    text = log.read_text()
    for secret in all_secrets(server, oauth):
        assert secret not in text, secret


def test_acumatica_log_debug_sends_json_lines_to_the_package_logger(
    make_client, orders, server, monkeypatch, caplog
):
    monkeypatch.setenv("ACUMATICA_LOG", "debug")
    caplog.set_level(logging.DEBUG, logger="acumatica_codegen.runtime")
    with make_client() as client:
        orders(client).list()
    lines = [r.getMessage() for r in caplog.records if r.name == "acumatica_codegen.runtime"]
    exchanges = [json.loads(line) for line in lines if line.startswith("{")]
    assert [e["method"] for e in exchanges] == ["POST", "GET", "POST"]
    assert all(PASSWORD not in line for line in lines)
    assert all("ASP.NET_SessionId=s" not in line for line in lines)


def test_without_acumatica_log_only_short_debug_lines(
    make_client, orders, server, monkeypatch, caplog
):
    monkeypatch.delenv("ACUMATICA_LOG", raising=False)
    caplog.set_level(logging.DEBUG, logger="acumatica_codegen.runtime")
    with make_client() as client:
        orders(client).list()
    lines = [r.getMessage() for r in caplog.records if r.name == "acumatica_codegen.runtime"]
    assert lines and not any(line.startswith("{") for line in lines)
    assert any(
        "GET https://erp.example.com/AcumaticaERP/entity/Shop/1.0.0/SalesOrder -> 200" in line
        for line in lines
    )


def test_oauth_password_signs_in_again_when_the_refresh_token_is_refused(
    make_client, orders, rt, server
):
    auth = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    with make_client(auth=auth) as client:
        orders(client).list()
        auth.refresh_token = "revoked-refresh-token"
        server.expire_tokens()
        orders(client).list()
    assert server.token_grants == ["password", "refresh_token", "password"]


def test_bearer_token_is_never_sent_to_another_host(make_client, rt, server):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "cdn.example.com":
            seen.append(request)
            return httpx.Response(200, content=b"file")
        return server.handle(request)

    auth = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    with make_client(auth=auth, transport=httpx.MockTransport(handler)) as client:
        client.request("GET", "SalesOrder")
        assert client.download_file("https://cdn.example.com/files/1") == b"file"
    assert "Authorization" not in seen[0].headers
    assert any("Authorization" in r.headers for r in server.requests)


def test_oauth_token_without_refresh_token_is_used_until_it_really_expires(
    make_client, orders, rt, server
):
    server.tokens["still-valid"] = time.time() + 20  # inside the 30 s renewal margin
    token = rt.auth.OAuth2Token("still-valid", expires_at=time.time() + 20)
    with make_client(auth=token) as client:
        orders(client).list()
        orders(client).list()
        assert server.token_grants == []
        server.expire_tokens()
        with pytest.raises(rt.errors.AuthError, match="cannot be renewed") as caught:
            orders(client).list()
    error = caught.value
    assert (error.method, error.status) == ("GET", 401)
    assert error.url.endswith("/entity/Shop/1.0.0/SalesOrder")
    assert "still-valid" not in f"{error} {vars(error)}"
