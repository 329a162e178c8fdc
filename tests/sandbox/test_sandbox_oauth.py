"""OAuth 2.0: password, refresh_token and authorization-code grants; Bearer tokens; expiry."""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import httpx
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24

CLIENT_ID = "4A1D2B3C-0000-4000-8000-000000000001@Company"
SECRET = "topsecret"
sandbox = Sandbox.fixture(
    WEBSHOP_24, oauth_clients={CLIENT_ID: SECRET}, users={"admin": "123", "ops": "pw"}
)


def token(sandbox: Sandbox, **form: str) -> httpx.Response:
    return httpx.post(f"{sandbox.url}/identity/connect/token", data=form)


def password_grant(sandbox: Sandbox, scope: str = "api offline_access") -> dict[str, str]:
    response = token(
        sandbox, grant_type="password", client_id=CLIENT_ID, client_secret=SECRET,
        username="admin", password="123", scope=scope,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def test_password_grant_gives_a_bearer_token_for_entity_routes(sandbox: Sandbox) -> None:
    grant = password_grant(sandbox)
    assert grant["token_type"] == "Bearer"
    assert grant["expires_in"] == 3600
    assert grant["refresh_token"]
    response = httpx.get(f"{sandbox.url}{BASE_24}/Customer", headers=bearer(grant["access_token"]))
    assert response.status_code == 200


def test_without_offline_access_there_is_no_refresh_token(sandbox: Sandbox) -> None:
    assert "refresh_token" not in password_grant(sandbox, scope="api")


def test_refresh_token_grant_replaces_the_access_token(sandbox: Sandbox) -> None:
    grant = password_grant(sandbox)
    refreshed = token(
        sandbox, grant_type="refresh_token", client_id=CLIENT_ID, client_secret=SECRET,
        refresh_token=grant["refresh_token"],
    )  # fmt: skip
    assert refreshed.status_code == 200
    new_access = refreshed.json()["access_token"]
    assert new_access != grant["access_token"]
    url = f"{sandbox.url}{BASE_24}/Customer"
    assert httpx.get(url, headers=bearer(new_access)).status_code == 200
    assert httpx.get(url, headers=bearer(grant["access_token"])).status_code == 401


def test_client_credentials_in_a_basic_header_work_too(sandbox: Sandbox) -> None:
    basic = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
    response = httpx.post(
        f"{sandbox.url}/identity/connect/token",
        data={"grant_type": "password", "username": "ops", "password": "pw", "scope": "api"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200


def test_oauth_errors_follow_rfc_6749(sandbox: Sandbox) -> None:
    cases = [
        ({"grant_type": "password", "client_id": CLIENT_ID, "client_secret": "wrong"}, "invalid_client"),
        ({"grant_type": "password", "client_id": CLIENT_ID, "client_secret": SECRET,
          "username": "admin", "password": "bad"}, "invalid_grant"),
        ({"grant_type": "refresh_token", "client_id": CLIENT_ID, "client_secret": SECRET,
          "refresh_token": "nope"}, "invalid_grant"),
        ({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": SECRET},
         "unsupported_grant_type"),
        ({}, "invalid_client"),
    ]  # fmt: skip
    for form, error in cases:
        response = token(sandbox, **form)
        assert response.status_code == 400
        assert response.json()["error"] == error


def test_authorization_code_flow_with_pkce(sandbox: Sandbox) -> None:
    verifier = "a-very-long-random-verifier-string-for-pkce-0123456789"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    redirect_uri = "http://localhost:5000/callback"
    authorize = httpx.get(
        f"{sandbox.url}/identity/connect/authorize",
        params={
            "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect_uri,
            "scope": "api offline_access", "state": "xyz", "code_challenge": challenge.decode(),
            "code_challenge_method": "S256",
        },
    )  # fmt: skip
    assert authorize.status_code == 302
    location = urlsplit(authorize.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == redirect_uri
    query = parse_qs(location.query)
    assert query["state"] == ["xyz"]
    code = query["code"][0]
    exchange = dict(
        grant_type="authorization_code", client_id=CLIENT_ID, client_secret=SECRET, code=code,
        redirect_uri=redirect_uri, code_verifier=verifier,
    )  # fmt: skip
    granted = token(sandbox, **exchange)
    assert granted.status_code == 200, granted.text
    assert granted.json()["refresh_token"]
    headers = bearer(granted.json()["access_token"])
    assert httpx.get(f"{sandbox.url}{BASE_24}/StockItem", headers=headers).status_code == 200
    # A code is good for one exchange only.
    assert token(sandbox, **exchange).json()["error"] == "invalid_grant"


def test_authorization_code_must_match_redirect_uri_and_verifier(sandbox: Sandbox) -> None:
    redirect_uri = "https://app.example.com/cb"

    def code() -> str:
        response = httpx.get(
            f"{sandbox.url}/identity/connect/authorize",
            params={"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect_uri,
                    "code_challenge": "abc", "code_challenge_method": "plain"},
        )  # fmt: skip
        return parse_qs(urlsplit(response.headers["location"]).query)["code"][0]

    base = {"grant_type": "authorization_code", "client_id": CLIENT_ID, "client_secret": SECRET}
    wrong_uri = token(sandbox, **base, code=code(), redirect_uri="https://evil.example.com/cb",
                      code_verifier="abc")  # fmt: skip
    assert wrong_uri.json()["error"] == "invalid_grant"
    wrong_verifier = token(
        sandbox, **base, code=code(), redirect_uri=redirect_uri, code_verifier="x"
    )
    assert wrong_verifier.json()["error"] == "invalid_grant"
    right = token(sandbox, **base, code=code(), redirect_uri=redirect_uri, code_verifier="abc")
    assert right.status_code == 200


def test_authorize_refuses_unknown_clients_by_redirecting_an_error(sandbox: Sandbox) -> None:
    response = httpx.get(
        f"{sandbox.url}/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": "stranger",
            "redirect_uri": "http://x.test/cb",
        },
    )
    assert response.status_code == 302
    assert "error=unauthorized_client" in response.headers["location"]
    bad_redirect = httpx.get(
        f"{sandbox.url}/identity/connect/authorize",
        params={"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": "not a url"},
    )
    assert bad_redirect.status_code == 400


def test_unknown_bearer_tokens_answer_401(sandbox: Sandbox) -> None:
    response = httpx.get(f"{sandbox.url}{BASE_24}/Customer", headers=bearer("made-up"))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_logout_with_a_bearer_token_revokes_it(sandbox: Sandbox) -> None:
    grant = password_grant(sandbox)
    headers = bearer(grant["access_token"])
    assert httpx.post(f"{sandbox.url}/entity/auth/logout", headers=headers).status_code == 204
    assert httpx.get(f"{sandbox.url}{BASE_24}/Customer", headers=headers).status_code == 401


def test_expired_tokens_answer_401_and_refresh_revives_access() -> None:
    with Sandbox(WEBSHOP_24, token_lifetime=0.3) as short:
        grant = token(
            short, grant_type="password", client_id="any@Company", client_secret="any",
            username="admin", password="123", scope="api offline_access",
        ).json()  # fmt: skip
        url = f"{short.url}{BASE_24}/Customer"
        assert httpx.get(url, headers=bearer(grant["access_token"])).status_code == 200
        time.sleep(0.4)
        expired = httpx.get(url, headers=bearer(grant["access_token"]))
        assert expired.status_code == 401
        assert "expired" in expired.headers["www-authenticate"]
        refreshed = token(
            short, grant_type="refresh_token", client_id="any@Company",
            refresh_token=grant["refresh_token"],
        ).json()  # fmt: skip
        assert httpx.get(url, headers=bearer(refreshed["access_token"])).status_code == 200


def test_token_tenant_comes_from_the_client_id() -> None:
    with Sandbox(WEBSHOP_24) as open_sandbox:

        def client_for(client_id: str) -> httpx.Client:
            grant = token(
                open_sandbox,
                grant_type="password",
                client_id=client_id,
                username="admin",
                password="123",
            ).json()
            return httpx.Client(base_url=open_sandbox.url, headers=bearer(grant["access_token"]))

        first, second = client_for("app@First"), client_for("app@Second")
        assert (
            first.put(f"{BASE_24}/StockItem", json={"InventoryID": {"value": "X"}}).status_code
            == 200
        )
        assert len(first.get(f"{BASE_24}/StockItem").json()) == 1
        assert second.get(f"{BASE_24}/StockItem").json() == []
