"""Switches for testing a client's handling of a bad site: 302 to the sign-in page, HTML error
pages, a stale session on every request (issue 13)."""

from __future__ import annotations

import httpx
from acumatica_codegen.sandbox import Sandbox
from acumatica_codegen.sandbox.misbehaviour import html_page
from sandbox_helpers import BASE_24, WEBSHOP_24, cli_sandbox, signed_in


def test_a_lost_session_redirects_to_the_sign_in_page() -> None:
    with Sandbox(WEBSHOP_24, redirect_stale_to_login=True) as sb:
        answer = httpx.get(f"{sb.url}{BASE_24}/Customer")
        assert answer.status_code == 302
        assert answer.headers["Location"] == (
            "/Frames/Login.aspx?ReturnUrl=%2Fentity%2FWebShop%2F24.200.001%2FCustomer"
        )
        assert answer.headers["content-type"].startswith("text/html")
        assert "Object moved" in answer.text
        client = signed_in(sb.url)
        assert client.get(f"{BASE_24}/Customer").status_code == 200  # a live session works
        sb.expire_sessions()
        assert client.get(f"{BASE_24}/Customer").status_code == 302


def test_html_errors_turn_every_error_answer_into_a_page() -> None:
    with Sandbox(WEBSHOP_24, html_errors=True) as sb:
        assert httpx.get(f"{sb.url}{BASE_24}/Customer").status_code == 401
        client = signed_in(sb.url)
        missing = client.get(f"{BASE_24}/Customer/NOPE")
        assert missing.status_code == 500
        assert missing.headers["content-type"] == "text/html; charset=utf-8"
        assert missing.text.startswith("<!DOCTYPE html>")
        assert "No entity satisfies the condition." in missing.text
        saved = client.put(f"{BASE_24}/Customer", json={"CustomerID": {"value": "C1"}})
        assert saved.status_code == 200  # successes stay JSON
        assert saved.headers["content-type"].startswith("application/json")
        refused = client.put(f"{BASE_24}/SalesOrder", json={"CustomerID": {"value": "NOPE"}})
        assert refused.status_code == 422
        assert "raised at least one error" in refused.text
        assert httpx.get(f"{sb.url}/sandbox/stats").json()["open_sessions"] == 1  # still JSON


def test_stale_every_request_answers_the_stale_session_500_and_ends_the_session() -> None:
    with Sandbox(WEBSHOP_24, stale_every_request=True) as sb:
        client = signed_in(sb.url)
        for _ in range(3):
            stale = client.get(f"{BASE_24}/Customer")
            assert stale.status_code == 500
            assert stale.json()["exceptionMessage"] == "You are not logged in."
            assert sb.stats()["open_sessions"] == 0
            assert (
                client.post(
                    "/entity/auth/login", json={"name": "admin", "password": "123"}
                ).status_code
                == 204
            )  # sign-in itself works
        stats = sb.stats()
        assert stats["injected_failures"] == 3 and stats["logins"] == 4


def test_the_command_takes_the_switches() -> None:
    args = ["--port", "0", "--redirect-stale-to-login", "--html-errors", "--stale-every-request"]
    with cli_sandbox(str(WEBSHOP_24), *args) as first:
        url = first.removeprefix("Sandbox listening on ")
        assert httpx.get(f"{url}{BASE_24}/Customer").status_code == 302
        client = signed_in(url)
        stale = client.get(f"{BASE_24}/Customer")
        assert stale.status_code == 500 and "You are not logged in." in stale.text
        assert stale.headers["content-type"].startswith("text/html")


def test_endpoint_and_entity_names_match_without_regard_to_case() -> None:
    with Sandbox(WEBSHOP_24) as sb:
        client = signed_in(sb.url)
        for path in ("/entity/WEBSHOP/24.200.001/customer", "/entity/webshop/24.200.001/CUSTOMER"):
            assert client.get(path).status_code == 200, path
        swagger = httpx.get(f"{sb.url}/entity/webShop/24.200.001/swagger.json")
        assert swagger.status_code == 200


def test_an_error_page_shows_the_message_as_text_not_markup() -> None:
    page = html_page(500, "<script>alert(1)</script>").decode()
    assert "&lt;script&gt;" in page and "<script>" not in page
