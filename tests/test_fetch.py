"""fetch and endpoints: sign in, download, always sign out, validate, write atomically.

Two layers: a small fake instance behind ``httpx.MockTransport`` for answers a real server gives
only on a bad day (HTML error pages, timeouts, a document of the wrong endpoint), and the sandbox
over real HTTP for the CLI, where ``GET /sandbox/stats`` proves that every session is closed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from acumatica_codegen import fetch
from acumatica_codegen.errors import UserError
from testkit import run_cli

PASSWORD = "s3cret-PASSWORD-7781"
CLIENT_SECRET = "client-SECRET-5523"


def swagger_document(name: str = "Shop", version: str = "1.0.0") -> dict[str, Any]:
    return {
        "swagger": "2.0",
        "info": {"title": f"{name}/{version}", "version": "4"},
        "basePath": f"/entity/{name}/{version}",
        "paths": {"/Customer": {}},
        "definitions": {"Customer": {"type": "object", "properties": {}}},
    }


def openapi_document(name: str = "Shop", version: str = "1.0.0") -> dict[str, Any]:
    return {
        "openapi": "3.0.1",
        "info": {"title": f"{name}/{version}", "version": "4"},
        "servers": [{"url": f"http://localhost/inst/entity/{name}/{version}"}],
        "paths": {"/Customer": {}},
        "components": {"schemas": {"Customer": {"type": "object", "properties": {}}}},
    }


class FakeInstance:
    """Just enough of Acumatica for the fetcher; counts sessions so tests can prove none leak."""

    def __init__(self, documents: dict[tuple[str, str], bytes] | None = None) -> None:
        self.documents = documents or {("Shop", "1.0.0"): json.dumps(swagger_document()).encode()}
        self.users = {"admin": PASSWORD}
        self.sessions: set[str] = set()
        self.logins = 0
        self.logouts = 0
        self.requests: list[httpx.Request] = []
        self.override: dict[str, httpx.Response | Exception] = {}

    @property
    def open_sessions(self) -> int:
        return len(self.sessions)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/inst")  # an instance in a virtual directory
        if path in self.override:
            answer = self.override[path]
            if isinstance(answer, Exception):
                raise answer
            return answer
        if path == "/entity/auth/login":
            body = json.loads(request.content)
            if self.users.get(body.get("name")) != body.get("password"):
                return httpx.Response(
                    500,
                    json={
                        "message": "An error has occurred.",
                        "exceptionMessage": "Invalid credentials.",
                    },
                )
            self.logins += 1
            session = f"s{self.logins}"
            self.sessions.add(session)
            return httpx.Response(
                204, headers={"Set-Cookie": f"ASP.NET_SessionId={session}; path=/"}
            )
        if path == "/identity/connect/token":
            form = dict(httpx.QueryParams(request.content.decode()))
            if (
                form.get("client_id", "").partition("@")[0] != "client-1"
                or form.get("client_secret") != CLIENT_SECRET
            ):
                return httpx.Response(400, json={"error": "invalid_client"})
            if self.users.get(form.get("username", "")) != form.get("password"):
                return httpx.Response(400, json={"error": "invalid_grant"})
            self.logins += 1
            session = f"t{self.logins}"
            self.sessions.add(session)
            return httpx.Response(200, json={"access_token": session, "token_type": "Bearer"})
        if path == "/entity/auth/logout":
            assert request.headers.get("content-length") == "0"
            session = self._session(request)
            if session:
                self.sessions.discard(session)
                self.logouts += 1
            return httpx.Response(204)
        if path == "/entity":
            visible = [
                {"name": n, "version": v, "href": f"/entity/{n}/{v}/"} for n, v in self.documents
            ]
            if not self._session(request):
                visible = [e for e in visible if e["name"] == "Default"]
            return httpx.Response(
                200,
                json={"version": {"acumaticaBuildVersion": "24.105.0012"}, "endpoints": visible},
            )
        if path.endswith("/swagger.json"):
            if not self._session(request):
                return httpx.Response(401, json={"message": "You are not logged in."})
            _, _, name, version, _ = path.split("/")
            content = self.documents.get((name, version))
            if content is None:
                return httpx.Response(404, json={"message": "No HTTP resource was found."})
            return httpx.Response(
                200, content=content, headers={"Content-Type": "application/json"}
            )
        return httpx.Response(404)

    def _session(self, request: httpx.Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.startswith("Bearer "):
            token = auth[len("Bearer ") :]
            return token if token in self.sessions else None
        cookie = request.headers.get("cookie", "")
        for part in cookie.split(";"):
            key, _, value = part.strip().partition("=")
            if key == "ASP.NET_SessionId" and value in self.sessions:
                return value
        return None


def creds(password: str = PASSWORD, **extra: Any) -> fetch.Credentials:
    return fetch.Credentials(username="admin", password=password, **extra)


# ---------------------------------------------------------------------------------------------
# Against a fake instance (httpx.MockTransport)


def test_fetch_signs_in_downloads_and_signs_out() -> None:
    server = FakeInstance()
    document = fetch.fetch_document(
        "http://erp.local/inst/",
        "Shop",
        "1.0.0",
        creds(tenant="Company"),
        transport=server.transport(),
    )
    assert document.format == "swagger-2.0"
    assert document.build_version == "24.105.0012"
    assert json.loads(document.content)["info"]["title"] == "Shop/1.0.0"
    assert server.logins == 1 and server.logouts == 1 and server.open_sessions == 0
    swagger = next(r for r in server.requests if r.url.path.endswith("swagger.json"))
    assert swagger.url.path == "/inst/entity/Shop/1.0.0/swagger.json"
    assert swagger.url.params["company"] == "Company"
    login = next(r for r in server.requests if r.url.path.endswith("/auth/login"))
    assert json.loads(login.content) == {"name": "admin", "password": PASSWORD, "tenant": "Company"}


def test_fetch_accepts_openapi_documents() -> None:
    server = FakeInstance(
        {("Shop", "2.0.0"): json.dumps(openapi_document("Shop", "2.0.0")).encode()}
    )
    document = fetch.fetch_document(
        "http://erp.local", "Shop", "2.0.0", creds(), transport=server.transport()
    )
    assert document.format == "openapi-3.0.1"


def test_fetch_with_oauth_uses_password_grant_and_signs_out() -> None:
    server = FakeInstance()
    document = fetch.fetch_document(
        "http://erp.local",
        "Shop",
        "1.0.0",
        creds(client_id="client-1", client_secret=CLIENT_SECRET),
        transport=server.transport(),
    )
    assert document.name == "Shop"
    assert not any(r.url.path.endswith("/auth/login") for r in server.requests)
    assert server.logins == 1 and server.logouts == 1 and server.open_sessions == 0


@pytest.mark.parametrize(
    ("client_id", "tenant", "recorded"),
    [
        ("client-1@Shop Co", None, "Shop Co"),
        ("client-1@Shop Co", "Other", "Other"),
        ("client-1", None, None),
    ],
)
def test_oauth_fetch_records_the_tenant_the_client_id_names(
    client_id: str, tenant: str | None, recorded: str | None
) -> None:
    server = FakeInstance()
    document = fetch.fetch_document(
        "http://erp.local",
        "Shop",
        "1.0.0",
        creds(client_id=client_id, client_secret=CLIENT_SECRET, tenant=tenant),
        transport=server.transport(),
    )
    assert document.tenant == recorded and fetch.lock_record(document)["tenant"] == recorded
    downloads = [r for r in server.requests if r.url.path.endswith("swagger.json")]
    assert [r.url.params.get("company") for r in downloads] == [tenant]  # the query as before


def test_oauth_wrong_client_secret_is_one_sentence() -> None:
    server = FakeInstance()
    with pytest.raises(UserError, match="rejected OAuth client 'client-1'") as caught:
        fetch.fetch_document(
            "http://erp.local",
            "Shop",
            "1.0.0",
            creds(client_id="client-1", client_secret="nope"),
            transport=server.transport(),
        )
    assert "nope" not in str(caught.value)


def test_wrong_password_is_one_sentence_without_the_password() -> None:
    server = FakeInstance()
    with pytest.raises(UserError) as caught:
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds("wrong-pw-123"), transport=server.transport()
        )
    message = str(caught.value)
    assert "sign-in to http://erp.local as 'admin' failed" in message
    assert "Invalid credentials" in message
    assert "wrong-pw-123" not in message and "\n" not in message
    assert server.open_sessions == 0


def test_unknown_endpoint_names_the_versions_there_and_signs_out() -> None:
    server = FakeInstance()
    with pytest.raises(UserError, match=r"no endpoint Shop/9\.9\.9 .*Shop versions there: 1\.0\.0"):
        fetch.fetch_document(
            "http://erp.local", "Shop", "9.9.9", creds(), transport=server.transport()
        )
    assert server.logins == 1 and server.logouts == 1 and server.open_sessions == 0


def manufacturing_error(served_as: str) -> str:
    """The error of fetching Manufacturing/24.200.001 from an instance that spells it
    MANUFACTURING and serves that document under the name ``served_as``."""
    document = json.dumps(swagger_document("MANUFACTURING", "24.200.001")).encode()
    server = FakeInstance({(served_as, "24.200.001"): document})
    with pytest.raises(UserError) as caught:
        fetch.fetch_document(
            "http://erp.local", "Manufacturing", "24.200.001", creds(), transport=server.transport()
        )
    assert server.open_sessions == 0
    return str(caught.value)


def test_an_endpoint_spelled_in_another_case_suggests_the_instance_spelling() -> None:
    assert manufacturing_error("MANUFACTURING").endswith(
        "; the instance spells it MANUFACTURING (MANUFACTURING/24.200.001): "
        "use --endpoint MANUFACTURING --version 24.200.001"
    )


def test_a_document_served_under_another_spelling_says_which_spelling_to_use() -> None:
    # An instance that matches endpoint names in any case answers with its own spelling.
    message = manufacturing_error("Manufacturing")
    assert "answered the document of MANUFACTURING/24.200.001, not Manufacturing/" in message
    assert "(the document spells it MANUFACTURING: use --endpoint MANUFACTURING)" in message


def test_an_endpoint_name_close_to_one_there_is_suggested() -> None:
    server = FakeInstance({("Default", "24.200.001"): json.dumps(swagger_document()).encode()})
    with pytest.raises(
        UserError, match=r"no endpoint Defualt/24\.200\.001 .*did you mean Default\?"
    ):
        fetch.fetch_document(
            "http://erp.local", "Defualt", "24.200.001", creds(), transport=server.transport()
        )


def test_endpoints_whose_versions_mix_numbers_and_text_are_listed_in_order() -> None:
    # the old sort key compared the int 200 with the str "2b" and crashed the listing
    versions = ["24.200.001", "24.2b", "23.200.001", "24.200.001b"]
    server = FakeInstance({("Shop", v): b"{}" for v in versions})
    info = fetch.list_endpoints("http://erp.local", creds(), transport=server.transport())
    assert [e.version for e in info.endpoints] == [
        "23.200.001", "24.2b", "24.200.001", "24.200.001b"
    ]  # fmt: skip


def test_a_document_nested_too_deep_is_one_line_and_the_session_is_signed_out() -> None:
    deep = b'{"swagger": "2.0", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    server = FakeInstance({("Shop", "1.0.0"): deep})
    with pytest.raises(UserError) as caught:
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )
    assert "answered text that is not JSON (nested 5001 levels deep" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert server.open_sessions == 0


def test_html_error_page_is_reported_with_its_title() -> None:
    server = FakeInstance()
    server.override["/entity/Shop/1.0.0/swagger.json"] = httpx.Response(
        200,
        text="<!DOCTYPE html><html><head><title>Maintenance in progress</title></head></html>",
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    with pytest.raises(UserError, match="HTML page .*'Maintenance in progress'"):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )
    assert server.open_sessions == 0


def test_html_login_page_instead_of_the_api_means_a_wrong_url() -> None:
    server = FakeInstance()
    server.override["/entity/auth/login"] = httpx.Response(
        404, text="<html><title>Not Found</title></html>", headers={"Content-Type": "text/html"}
    )
    with pytest.raises(UserError, match="has no Acumatica sign-in .*check --url"):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )


def test_timeout_is_one_sentence_and_still_signs_out() -> None:
    server = FakeInstance()
    server.override["/entity/Shop/1.0.0/swagger.json"] = httpx.ReadTimeout("timed out")
    with pytest.raises(UserError, match=r"did not answer within 5 s; .*--timeout"):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport(), timeout=5
        )
    assert server.logins == 1 and server.logouts == 1 and server.open_sessions == 0


def test_connection_refused_is_one_sentence() -> None:
    server = FakeInstance()
    server.override["/entity/auth/login"] = httpx.ConnectError("[Errno 111] Connection refused")
    with pytest.raises(UserError, match="cannot connect to http://erp.local: .*refused"):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not json at all", "not JSON"),
        (b"[1, 2]", "not an endpoint document"),
        (b'{"hello": "world"}', "no 'swagger' or 'openapi' key"),
        (json.dumps({"swagger": "2.0", "info": {}}).encode(), "a swagger-2.0 document without"),
        (
            json.dumps({"openapi": "3.0.1", "paths": {}}).encode(),
            "an openapi-3.0.1 document without",
        ),
        (
            json.dumps(openapi_document() | {"info": {}, "servers": []}).encode(),
            "an openapi-3.0.1 document that does not name its endpoint",
        ),
        (
            json.dumps(swagger_document("Other", "1.0.0")).encode(),
            "document of Other/1.0.0, not Shop/1.0.0",
        ),
        (
            json.dumps(swagger_document("Shop", "2.0.0")).encode(),
            "document of Shop/2.0.0, not Shop/1.0.0",
        ),
        (
            json.dumps(
                openapi_document("Shop", "1.0.0") | {"servers": [{"url": "/entity/Shop/3.0.0"}]}
            ).encode(),
            "Shop/3.0.0, not Shop/1.0.0",
        ),
    ],
)
def test_download_that_is_not_this_endpoints_document_is_rejected(
    content: bytes, problem: str
) -> None:
    server = FakeInstance({("Shop", "1.0.0"): content})
    with pytest.raises(UserError, match=problem):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )
    assert server.open_sessions == 0


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (swagger_document() | {"info": "x"}, "whose 'info' is a string, not an object"),
        (openapi_document() | {"info": ["x"]}, "whose 'info' is a list, not an object"),
        (openapi_document() | {"components": "x"}, "whose 'components' is a string, not an object"),
        (openapi_document() | {"components": [1]}, "whose 'components' is a list, not an object"),
        (openapi_document() | {"servers": 5}, "whose 'servers' is a number, not a list"),
    ],
)
def test_wrong_typed_document_members_are_one_sentence(document: Any, problem: str) -> None:
    server = FakeInstance({("Shop", "1.0.0"): json.dumps(document).encode()})
    with pytest.raises(UserError, match=problem):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )
    assert server.open_sessions == 0


def test_bom_prefixed_document_is_accepted_and_kept_byte_for_byte() -> None:
    content = b"\xef\xbb\xbf" + json.dumps(swagger_document()).encode()
    server = FakeInstance({("Shop", "1.0.0"): content})
    document = fetch.fetch_document(
        "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
    )
    assert document.content == content
    assert document.sha256 == hashlib.sha256(content).hexdigest()


def test_endpoints_lists_more_when_signed_in_and_signs_out() -> None:
    documents = {
        ("Default", "24.200.001"): b"{}",
        ("Default", "23.200.001"): b"{}",
        ("Shop", "1.0.0"): b"{}",
    }
    server = FakeInstance(documents)
    anonymous = fetch.list_endpoints("http://erp.local", None, transport=server.transport())
    assert [(e.name, e.version) for e in anonymous.endpoints] == [
        ("Default", "23.200.001"),
        ("Default", "24.200.001"),
    ]
    assert server.logins == 0
    signed_in = fetch.list_endpoints("http://erp.local", creds(), transport=server.transport())
    assert ("Shop", "1.0.0") in [(e.name, e.version) for e in signed_in.endpoints]
    assert signed_in.build_version == "24.105.0012"
    assert server.logouts == 1 and server.open_sessions == 0


def test_progress_is_reported_while_downloading() -> None:
    server = FakeInstance()
    seen: list[tuple[int, int | None]] = []
    fetch.fetch_document(
        "http://erp.local",
        "Shop",
        "1.0.0",
        creds(),
        transport=server.transport(),
        progress=lambda received, total: seen.append((received, total)),
    )
    assert seen and seen[-1][0] == len(server.documents[("Shop", "1.0.0")])


def test_credentials_repr_hides_secrets() -> None:
    text = repr(creds(client_id="client-1", client_secret=CLIENT_SECRET))
    assert PASSWORD not in text and CLIENT_SECRET not in text


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://admin:pw@erp.example.com/inst/?company=X#top", "https://erp.example.com/inst"),
        ("http://localhost:8080/", "http://localhost:8080"),
    ],
)
def test_public_url_drops_credentials_query_and_fragment(url: str, public: str) -> None:
    assert fetch.public_url(url) == public


def test_pasted_endpoint_address_is_reduced_to_the_instance_root() -> None:
    server = FakeInstance()
    fetch.fetch_document(
        "http://erp.local/inst/entity/Default/24.200.001",
        "Shop",
        "1.0.0",
        creds(),
        transport=server.transport(),
    )
    assert server.requests[0].url.path == "/inst/entity/auth/login"


def test_not_a_url_is_a_user_error() -> None:
    with pytest.raises(UserError, match="is not an http"):
        fetch.list_endpoints("erp.local", None)
    with pytest.raises(UserError, match="is not an http"):
        fetch.list_endpoints("http://[::1", None)


@pytest.mark.parametrize("url", ["http://h:99999", "http://h:abc", "http://h:0", "http://h:-1"])
def test_an_invalid_port_is_a_user_error(url: str) -> None:
    with pytest.raises(UserError, match="has an invalid port"):
        fetch.list_endpoints(url, None)
    with pytest.raises(UserError, match="has an invalid port"):
        fetch.fetch_document(url, "Shop", "1.0.0", creds())


def test_public_url_keeps_an_invalid_port_as_written_without_user_info() -> None:
    assert fetch.public_url("http://me:pw@h:abc/inst/?q=1") == "http://h:abc/inst"


@pytest.mark.parametrize("timeout", [-1.0, 0.0, float("nan"), float("inf")])
def test_a_timeout_that_is_not_a_positive_number_is_a_user_error(timeout: float) -> None:
    server = FakeInstance()
    with pytest.raises(UserError, match="--timeout .* is not a usable number of seconds"):
        fetch.fetch_document(
            "http://erp.local",
            "Shop",
            "1.0.0",
            creds(),
            timeout=timeout,
            transport=server.transport(),
        )
    assert server.requests == []


# ---------------------------------------------------------------------------------------------
# Writing: atomic, with a lock record that holds no secret


def fetched(content: bytes | None = None) -> fetch.FetchedDocument:
    return fetch.FetchedDocument(
        name="Shop",
        version="1.0.0",
        content=content or json.dumps(swagger_document()).encode(),
        source_url="https://erp.example.com/inst",
        tenant="Company",
        build_version="24.105.0012",
        format="swagger-2.0",
    )


def test_write_document_writes_spec_and_lock(tmp_path: Path) -> None:
    document = fetched()
    spec, lock = fetch.write_document(document, tmp_path / "specs" / "Shop_1.0.0.json")
    assert spec.read_bytes() == document.content
    assert lock.name == "Shop_1.0.0.lock.json"
    record = json.loads(lock.read_text())
    assert record["url"] == "https://erp.example.com/inst"
    assert record["endpoint"] == "Shop" and record["version"] == "1.0.0"
    assert record["sha256"] == hashlib.sha256(document.content).hexdigest()
    assert record["server_build_version"] == "24.105.0012"
    assert record["fetched_at"].endswith("Z")
    assert sorted(p.name for p in spec.parent.iterdir()) == [
        "Shop_1.0.0.json",
        "Shop_1.0.0.lock.json",
    ]


def test_failed_write_leaves_the_previous_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Shop_1.0.0.json"
    target.write_bytes(b"previous")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(fetch.os, "replace", broken_replace)
    with pytest.raises(UserError, match="cannot write .*No space left"):
        fetch.write_document(fetched(), target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["Shop_1.0.0.json"]  # no temp file left


def _old_pair(tmp_path: Path) -> tuple[Path, Path]:
    spec = tmp_path / "Shop_1.0.0.json"
    spec.write_bytes(b"old spec")
    lock = tmp_path / "Shop_1.0.0.lock.json"
    lock.write_text('{"sha256": "old"}')
    return spec, lock


def _fail_replace_into(
    monkeypatch: pytest.MonkeyPatch, *targets: Path, times: int = 1
) -> list[tuple[str, str]]:
    """Make os.replace fail (``times`` times) when it renames something onto one of ``targets``."""
    real_replace = fetch.os.replace
    calls: list[tuple[str, str]] = []
    left = {str(target): times for target in targets}

    def replace(src: Any, dst: Any) -> None:
        calls.append((Path(src).name, Path(dst).name))
        if left.get(str(dst), 0) > 0:
            left[str(dst)] -= 1
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(fetch.os, "replace", replace)
    return calls


@pytest.mark.parametrize("hard_links", [True, False])
def test_failed_lock_rename_puts_the_previous_pair_back(
    hard_links: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, lock = _old_pair(tmp_path)
    if not hard_links:  # a file system without them: the old spec is kept as a copy

        def no_link(src: Any, dst: Any) -> None:
            raise OSError(1, "Operation not permitted", str(dst))

        monkeypatch.setattr(fetch.os, "link", no_link)
    calls = _fail_replace_into(monkeypatch, lock)
    with pytest.raises(UserError, match="cannot write .*Shop_1.0.0.lock.json.*No space left"):
        fetch.write_document(fetched(), spec)
    assert "Shop_1.0.0.json" in [dst for _, dst in calls]  # the new spec was in place once
    assert spec.read_bytes() == b"old spec"
    assert lock.read_text() == '{"sha256": "old"}'
    assert sorted(p.name for p in tmp_path.iterdir()) == [spec.name, lock.name]  # no leftovers


def test_failed_lock_rename_without_a_previous_spec_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "Shop_1.0.0.json"
    _fail_replace_into(monkeypatch, fetch.lock_path_for(spec))
    with pytest.raises(UserError, match="cannot write"):
        fetch.write_document(fetched(), spec)
    assert list(tmp_path.iterdir()) == []


def test_failed_spec_rename_keeps_the_previous_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, lock = _old_pair(tmp_path)
    _fail_replace_into(monkeypatch, spec)
    with pytest.raises(UserError, match="cannot write"):
        fetch.write_document(fetched(), spec)
    assert spec.read_bytes() == b"old spec"
    assert lock.read_text() == '{"sha256": "old"}'
    assert sorted(p.name for p in tmp_path.iterdir()) == [spec.name, lock.name]


def test_a_new_spec_never_sits_beside_the_old_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lock rename fails and so does putting the old spec back: the new spec stays, but the
    # old lock record must not stay beside it (no lock record is honest; a wrong one is not).
    spec, lock = _old_pair(tmp_path)
    real_replace = fetch.os.replace
    onto_spec: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        if str(dst) == str(spec):
            onto_spec.append(Path(src).name)
            if len(onto_spec) > 1:  # the new spec goes in; putting the old one back fails
                raise OSError(5, "Input/output error", str(dst))
        elif str(dst) == str(lock):  # neither the new lock nor the old one gets in
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(fetch.os, "replace", replace)
    with pytest.raises(UserError, match="cannot write .*No space left"):
        fetch.write_document(fetched(), spec)
    assert len(onto_spec) == 2
    assert spec.read_bytes() == fetched().content
    assert not lock.exists()
    assert [p.name for p in tmp_path.iterdir()] == [spec.name]  # no temp or backup file left


def test_rewriting_a_pair_replaces_both(tmp_path: Path) -> None:
    spec, lock = _old_pair(tmp_path)
    fetch.write_document(fetched(), spec)
    assert spec.read_bytes() == fetched().content
    assert json.loads(lock.read_text())["sha256"] == fetched().sha256
    assert sorted(p.name for p in tmp_path.iterdir()) == [spec.name, lock.name]


def test_a_symlinked_output_is_written_through_and_the_link_kept(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real_spec = shared / "Shop.json"
    real_spec.write_bytes(b"old spec")
    real_lock = shared / "Shop.lock.json"
    real_lock.write_text('{"sha256": "old"}')
    (tmp_path / "specs").mkdir()
    link = tmp_path / "specs" / "link.json"
    link.symlink_to(real_spec)
    lock_link = tmp_path / "specs" / "link.lock.json"
    lock_link.symlink_to(real_lock)
    spec, lock = fetch.write_document(fetched(), link)
    assert (spec, lock) == (link, lock_link)  # reported as given
    assert link.is_symlink() and lock_link.is_symlink()
    assert real_spec.read_bytes() == fetched().content
    assert json.loads(real_lock.read_text())["sha256"] == fetched().sha256
    assert sorted(p.name for p in shared.iterdir()) == ["Shop.json", "Shop.lock.json"]
    assert sorted(p.name for p in (tmp_path / "specs").iterdir()) == [
        "link.json",
        "link.lock.json",
    ]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new" / "Shop.json")
    fetch.write_document(fetched(), link)
    assert link.is_symlink() and (tmp_path / "new" / "Shop.json").read_bytes() == fetched().content


@pytest.mark.parametrize("where", ["spec", "lock"])
@pytest.mark.parametrize("kind", ["fifo", "directory", "device through a link"])
def test_what_is_not_a_regular_file_is_refused_not_replaced(
    tmp_path: Path, where: str, kind: str
) -> None:
    spec = tmp_path / "Shop.json"
    target = spec if where == "spec" else fetch.lock_path_for(spec)
    if kind == "fifo":
        os.mkfifo(target)
        said = "is a named pipe (FIFO), not a regular file"
    elif kind == "directory":
        target.mkdir()
        said = "is a directory, not a regular file"
    else:
        target.symlink_to("/dev/null")
        said = "is a character device (through the link to /dev/null), not a regular file"
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(UserError, match=re.escape(f"{target} {said}; refusing to replace it")):
        fetch.write_document(fetched(), spec)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not spec.is_file() or where == "lock"
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_loop_is_a_user_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(UserError, match="cannot write .*loop.json: Too many levels"):
        fetch.write_document(fetched(), loop)


def test_failed_fetch_writes_nothing(tmp_path: Path) -> None:
    server = FakeInstance({("Shop", "1.0.0"): b"<html>oops</html>"})
    with pytest.raises(UserError):
        fetch.fetch_document(
            "http://erp.local", "Shop", "1.0.0", creds(), transport=server.transport()
        )
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# The CLI against the sandbox over real HTTP: /sandbox/stats proves that no session leaks

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "specs" / "WebShop_24.200.001.json"
OLDER = REPO / "specs" / "WebShop_23.200.001.json"
SANDBOX_PASSWORD = "Sandbox-Pa55word-6602"  # distinctive, so a leak anywhere is found
OAUTH_CLIENT = "4A2B7C1D-0000-0000-0000-000000000001@Company"
OAUTH_SECRET = "oauth-secret-4471"


@pytest.fixture(scope="module")
def sandbox() -> Any:
    from acumatica_codegen.sandbox import Sandbox

    with Sandbox(
        [OLDER, EXAMPLE],
        port=0,
        users={"admin": SANDBOX_PASSWORD},
        oauth_clients={OAUTH_CLIENT: OAUTH_SECRET},
        tenants=("Company", "Branch2Co"),
        max_sessions=2,
    ) as running:
        yield running


def stats(sandbox: Any) -> dict[str, int]:
    return httpx.get(f"{sandbox.url}/sandbox/stats", timeout=10).json()


@pytest.fixture
def env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("USERNAME", "PASSWORD", "TENANT", "BRANCH", "CLIENT_ID", "CLIENT_SECRET", "URL"):
        monkeypatch.delenv(f"ACUMATICA_{name}", raising=False)
    monkeypatch.setenv("ACUMATICA_USERNAME", "admin")
    monkeypatch.setenv("ACUMATICA_PASSWORD", SANDBOX_PASSWORD)


def test_cli_fetch_writes_document_and_lock_and_closes_its_session(
    sandbox: Any, env_credentials: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats(sandbox)
    target = tmp_path / "specs" / "WebShop_24.200.001.json"
    code, out, err = run_cli(
        [
            "fetch",
            "--url",
            sandbox.url,
            "--endpoint",
            "WebShop",
            "--version",
            "24.200.001",
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 0, err
    assert json.loads(target.read_bytes()) == json.loads(EXAMPLE.read_bytes())
    lock = json.loads((tmp_path / "specs" / "WebShop_24.200.001.lock.json").read_text())
    assert lock["endpoint"] == "WebShop" and lock["version"] == "24.200.001"
    assert lock["url"] == sandbox.url.rstrip("/")
    assert lock["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert lock["format"] == "openapi-3.0.1"
    assert "Fetched WebShop/24.200.001" in out
    after = stats(sandbox)
    assert after["logins"] == before["logins"] + 1
    assert after["logouts"] == before["logouts"] + 1
    assert after["open_sessions"] == 0
    assert SANDBOX_PASSWORD not in out + err + json.dumps(lock)


def test_cli_fetch_default_path_is_specs_name_version(
    sandbox: Any,
    env_credentials: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(
        ["fetch", "--url", sandbox.url, "--endpoint", "WebShop", "--version", "24.200.001"], capsys
    )
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "specs").iterdir()) == [
        "WebShop_24.200.001.json",
        "WebShop_24.200.001.lock.json",
    ]
    code, out, _ = run_cli(
        ["fetch", "--url", sandbox.url, "--endpoint", "WebShop", "--version", "24.200.001"], capsys
    )
    assert code == 0 and "unchanged" in out


def test_cli_fetch_wrong_password_one_line_no_session_no_file(
    sandbox: Any,
    env_credentials: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ACUMATICA_PASSWORD", "not-the-password-991")
    before = stats(sandbox)
    target = tmp_path / "out.json"
    code, out, err = run_cli(
        [
            "fetch",
            "--url",
            sandbox.url,
            "--endpoint",
            "WebShop",
            "--version",
            "24.200.001",
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 2
    assert err.startswith("error: sign-in to ") and len(err.strip().splitlines()) == 1
    assert "Invalid credentials" in err
    assert "not-the-password-991" not in out + err
    assert "Traceback" not in err
    assert not target.exists() and list(tmp_path.iterdir()) == []
    after = stats(sandbox)
    assert after["rejected_logins"] == before["rejected_logins"] + 1
    assert after["open_sessions"] == 0


def test_cli_fetch_unknown_endpoint_signs_out_and_names_what_exists(
    sandbox: Any, env_credentials: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats(sandbox)
    code, _, err = run_cli(
        [
            "fetch",
            "--url",
            sandbox.url,
            "--endpoint",
            "WebShop",
            "--version",
            "9.9.9",
            "-o",
            str(tmp_path / "x.json"),
        ],
        capsys,
    )
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "no endpoint WebShop/9.9.9" in err
    assert "WebShop versions there: 23.200.001, 24.200.001" in err
    after = stats(sandbox)
    assert after["logins"] == before["logins"] + 1
    assert after["logouts"] == before["logouts"] + 1
    assert after["open_sessions"] == 0
    assert list(tmp_path.iterdir()) == []


def test_cli_fetch_with_oauth_client(
    sandbox: Any,
    env_credentials: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ACUMATICA_CLIENT_ID", OAUTH_CLIENT)
    monkeypatch.setenv("ACUMATICA_CLIENT_SECRET", OAUTH_SECRET)
    before = stats(sandbox)
    code, out, err = run_cli(
        [
            "fetch",
            "--url",
            sandbox.url,
            "--endpoint",
            "WebShop",
            "--version",
            "24.200.001",
            "-o",
            str(tmp_path / "x.json"),
        ],
        capsys,
    )
    assert code == 0, err
    after = stats(sandbox)
    assert after["tokens_issued"] == before["tokens_issued"] + 1
    assert after["logins"] == before["logins"]  # no cookie session was opened
    assert after["open_sessions"] == 0
    assert OAUTH_SECRET not in out + err + (tmp_path / "x.lock.json").read_text()
    assert json.loads((tmp_path / "x.lock.json").read_text())["tenant"] == "Company"  # @Company
    assert SANDBOX_PASSWORD not in out + err + (tmp_path / "x.lock.json").read_text()


def test_cli_fetch_with_wrong_oauth_secret(
    sandbox: Any,
    env_credentials: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ACUMATICA_CLIENT_ID", OAUTH_CLIENT)
    monkeypatch.setenv("ACUMATICA_CLIENT_SECRET", "wrong-secret-0000")
    code, _, err = run_cli(
        ["fetch", "--url", sandbox.url, "--endpoint", "WebShop", "--version", "24.200.001"], capsys
    )
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "rejected OAuth client" in err and "wrong-secret-0000" not in err
    assert stats(sandbox)["open_sessions"] == 0


def test_cli_fetch_at_the_login_limit_says_so(
    sandbox: Any, env_credentials: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    others = [httpx.Client(base_url=sandbox.url) for _ in range(2)]
    try:
        for other in others:
            other.post(
                "/entity/auth/login", json={"name": "admin", "password": SANDBOX_PASSWORD}
            ).raise_for_status()
        code, _, err = run_cli(
            [
                "fetch",
                "--url",
                sandbox.url,
                "--endpoint",
                "WebShop",
                "--version",
                "24.200.001",
                "-o",
                str(tmp_path / "x.json"),
            ],
            capsys,
        )
        assert code == 2 and "API login limit" in err and len(err.strip().splitlines()) == 1
    finally:
        for other in others:
            other.post("/entity/auth/logout", content=b"")
            other.close()
    assert stats(sandbox)["open_sessions"] == 0
    assert list(tmp_path.iterdir()) == []


def test_cli_fetch_without_password_and_no_terminal_is_a_clear_error(
    sandbox: Any,
    env_credentials: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("ACUMATICA_PASSWORD")
    code, _, err = run_cli(
        ["fetch", "--url", sandbox.url, "--endpoint", "WebShop", "--version", "24.200.001"], capsys
    )
    assert code == 2
    assert "no password for 'admin'" in err and "not a terminal" in err


def test_sigterm_mid_download_signs_out_like_ctrl_c(tmp_path: Path) -> None:
    from acumatica_codegen.sandbox import Sandbox

    script = Path(sys.executable).parent / "acumatica-codegen"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACUMATICA_")}
    env.update(ACUMATICA_USERNAME="admin", ACUMATICA_PASSWORD=SANDBOX_PASSWORD)
    target = tmp_path / "x.json"
    with Sandbox(EXAMPLE, port=0, users={"admin": SANDBOX_PASSWORD}, latency_ms=400) as slow:
        command = [str(script), "fetch", "--url", slow.url, "--endpoint", "WebShop"]
        command += ["--version", "24.200.001", "-o", str(target)]
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            deadline = time.monotonic() + 8
            while stats(slow)["open_sessions"] == 0:  # signed in: the download is under way
                assert process.poll() is None and time.monotonic() < deadline
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=4)
        finally:
            if process.poll() is None:
                process.kill()
        after = stats(slow)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert err.strip() == "Aborted." and "Traceback" not in err
    assert after["logins"] == 1 and after["logouts"] == 1 and after["open_sessions"] == 0
    assert not target.exists()


def test_cli_fetch_oauth_without_a_secret_and_no_terminal_is_refused_at_once(
    sandbox: Any,
    env_credentials: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = stats(sandbox)
    code, _, err = run_cli(
        ["fetch", "--url", sandbox.url, "--endpoint", "WebShop", "--version", "24.200.001"]
        + ["--client-id", OAUTH_CLIENT],
        capsys,
    )
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.strip() == (
        f"error: no client secret for OAuth client {OAUTH_CLIENT!r}: give --client-secret or set "
        "ACUMATICA_CLIENT_SECRET (stdin is not a terminal, so there is no prompt)"
    )
    after = stats(sandbox)
    assert after["requests"] == before["requests"]  # nothing was sent


def test_a_missing_client_secret_is_prompted_for_hidden_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from acumatica_codegen.commands import fetch as fetch_cmd

    asked: list[tuple[str, bool]] = []

    def prompt(text: str, hide_input: bool = False, err: bool = False) -> str:
        asked.append((text, hide_input))
        return CLIENT_SECRET

    monkeypatch.setattr(fetch_cmd, "_interactive", lambda: True)
    monkeypatch.setattr(fetch_cmd.click, "prompt", prompt)
    credentials = fetch_cmd.resolve_credentials(
        username="admin",
        password=PASSWORD,
        tenant=None,
        branch=None,
        client_id="c1@Co",
        client_secret=None,
        required=True,
    )
    assert credentials is not None and credentials.client_secret == CLIENT_SECRET
    assert asked == [("Client secret for c1@Co", True)]


def test_cli_fetch_needs_an_endpoint_and_a_url(
    env_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["fetch", "--endpoint", "WebShop", "--version", "1"], capsys)
    assert code == 2 and "no instance address" in err
    code, _, err = run_cli(["fetch", "--url", "http://127.0.0.1:9"], capsys)
    assert code == 2 and "--endpoint NAME --version VERSION" in err


def test_cli_fetch_refuses_a_device_before_signing_in(
    sandbox: Any, env_credentials: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    before = stats(sandbox)
    code, _, err = run_cli(
        ["fetch", "--url", sandbox.url, "--endpoint", "WebShop", "--version", "24.200.001"]
        + ["-o", str(link)],
        capsys,
    )
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"error: {link} is a character device (through the link to /dev/null)")
    assert err.rstrip().endswith("refusing to replace it: choose another path with -o")
    assert stats(sandbox)["logins"] == before["logins"]  # refused before signing in
    assert link.is_symlink() and [p.name for p in tmp_path.iterdir()] == ["null.json"]


@pytest.mark.parametrize("url", ["http://localhost:99999", "http://h:abc"])
@pytest.mark.parametrize("command", ["fetch", "endpoints"])
def test_cli_invalid_port_is_one_line(
    url: str, command: str, env_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [command, "--url", url]
    if command == "fetch":
        args += ["--endpoint", "WebShop", "--version", "24.200.001"]
    code, _, err = run_cli(args, capsys)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "has an invalid port" in err


@pytest.mark.parametrize("timeout", ["-1", "0", "nan", "inf"])
@pytest.mark.parametrize("command", ["fetch", "endpoints"])
def test_cli_non_positive_timeout_is_one_line(
    timeout: str, command: str, env_credentials: None, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [command, "--url", "http://127.0.0.1:9", "--timeout", timeout]
    if command == "fetch":
        args += ["--endpoint", "WebShop", "--version", "24.200.001"]
    code, _, err = run_cli(args, capsys)
    assert code == 2
    assert err.startswith("error: --timeout ") and err.count("\n") == 1, err
    assert "is not a usable number of seconds" in err


def test_cli_fetch_all_refreshes_configured_specs(
    sandbox: Any,
    env_credentials: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.acumatica-codegen]\n"
        f'url = "{sandbox.url}"\n'
        "[[tool.acumatica-codegen.endpoints]]\n"
        'spec = "specs/WebShop_24.200.001.json"\n',
        encoding="utf-8",
    )
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "WebShop_24.200.001.json").write_text("{}", encoding="utf-8")  # stale
    monkeypatch.chdir(tmp_path)
    before = stats(sandbox)
    code, out, err = run_cli(["fetch", "--all"], capsys)
    assert code == 0, err
    assert json.loads((tmp_path / "specs" / "WebShop_24.200.001.json").read_bytes()) == json.loads(
        EXAMPLE.read_bytes()
    )
    assert (tmp_path / "specs" / "WebShop_24.200.001.lock.json").is_file()
    assert "Fetched WebShop/24.200.001" in out
    after = stats(sandbox)
    assert after["logins"] == before["logins"] + 1 and after["open_sessions"] == 0


def test_cli_endpoints_anonymous_and_signed_in(
    sandbox: Any,
    env_credentials: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = stats(sandbox)
    code, out, err = run_cli(["endpoints", "--url", sandbox.url, "--json"], capsys)
    assert code == 0, err
    signed_in = json.loads(out)
    assert {"name": "WebShop", "version": "24.200.001"} in signed_in["endpoints"]
    after = stats(sandbox)
    assert after["logins"] == before["logins"] + 1 and after["open_sessions"] == 0
    monkeypatch.delenv("ACUMATICA_USERNAME")
    monkeypatch.delenv("ACUMATICA_PASSWORD")
    code, out, err = run_cli(["endpoints", "--url", sandbox.url], capsys)
    assert code == 0, err
    assert "not signed in" in out
    assert stats(sandbox)["logins"] == after["logins"]


@pytest.mark.parametrize(
    ("count", "phrase"), [(0, "0 endpoints"), (1, "1 endpoint"), (2, "2 endpoints")]
)
def test_cli_endpoints_counts_in_words(
    count: int, phrase: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from acumatica_codegen.commands import fetch as fetch_cmd

    monkeypatch.delenv("ACUMATICA_USERNAME", raising=False)
    published = tuple(fetch.EndpointRef(f"E{i}", "1.0.0") for i in range(count))
    monkeypatch.setattr(
        fetch_cmd, "list_endpoints", lambda *args, **kwargs: fetch.ServerInfo("24.1", published)
    )
    code, out, err = run_cli(["endpoints", "--url", "http://erp.local"], capsys)
    assert code == 0, err
    assert out.splitlines()[0].endswith(f"(build 24.1, not signed in): {phrase}")


def test_progress_shows_only_for_large_downloads(capsys: pytest.CaptureFixture[str]) -> None:
    from acumatica_codegen.commands import fetch as fetch_cmd

    small = fetch_cmd._Progress("Shop/1.0.0")
    small(10_000, 20_000)
    small.finish()
    assert capsys.readouterr().err == ""
    large = fetch_cmd._Progress("Default/24.200.001")
    large(1_310_720, 2_621_440)
    large(2_621_440, 2_621_440)
    large.finish()
    err = capsys.readouterr().err
    assert "Default/24.200.001: 1.2 MB / 2.5 MB (50%)" in err
    assert err.endswith("(100%)   \n")


def test_no_progress_when_stderr_is_not_a_terminal() -> None:
    from acumatica_codegen.commands import fetch as fetch_cmd

    assert fetch_cmd._progress("x") is None  # pytest captures stderr: not a terminal


def test_missing_credentials_are_prompted_for_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from acumatica_codegen.commands import fetch as fetch_cmd

    asked: list[tuple[str, bool]] = []

    def prompt(text: str, hide_input: bool = False, err: bool = False) -> str:
        asked.append((text, hide_input))
        return "admin" if text == "User name" else PASSWORD

    monkeypatch.setattr(fetch_cmd, "_interactive", lambda: True)
    monkeypatch.setattr(fetch_cmd.click, "prompt", prompt)
    credentials = fetch_cmd.resolve_credentials(
        username=None,
        password=None,
        tenant="T",
        branch=None,
        client_id=None,
        client_secret=None,
        required=True,
    )
    assert credentials == fetch.Credentials("admin", PASSWORD, tenant="T")
    assert asked == [("User name", False), ("Password for admin", True)]  # the password is hidden


def test_endpoints_without_a_user_name_is_anonymous() -> None:
    from acumatica_codegen.commands import fetch as fetch_cmd

    assert (
        fetch_cmd.resolve_credentials(
            username=None,
            password="x",
            tenant=None,
            branch=None,
            client_id=None,
            client_secret=None,
            required=False,
        )
        is None
    )


def test_redirect_to_https_names_the_address_to_use() -> None:
    server = FakeInstance()
    server.override["/entity/auth/login"] = httpx.Response(
        301, headers={"Location": "https://erp.local/inst/entity/auth/login"}
    )
    with pytest.raises(
        UserError,
        match=r"redirects \(HTTP 301\) to https://erp.local/inst/entity/auth/login; use --url https://erp.local/inst$",
    ):
        fetch.fetch_document(
            "http://erp.local/inst", "Shop", "1.0.0", creds(), transport=server.transport()
        )
    assert server.open_sessions == 0


def test_written_files_follow_the_umask_not_private(tmp_path: Path) -> None:
    import os
    import stat

    previous = os.umask(0o022)
    try:
        spec, lock = fetch.write_document(fetched(), tmp_path / "Shop_1.0.0.json")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(spec.stat().st_mode) == 0o644
    assert stat.S_IMODE(lock.stat().st_mode) == 0o644


def test_cli_fetch_with_tenant_and_an_unknown_tenant(
    sandbox: Any,
    env_credentials: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = str(tmp_path / "x.json")
    args = [
        "fetch",
        "--url",
        sandbox.url,
        "--endpoint",
        "WebShop",
        "--version",
        "24.200.001",
        "-o",
        target,
    ]
    code, _, err = run_cli([*args, "--tenant", "Branch2Co"], capsys)
    assert code == 0, err
    assert json.loads((tmp_path / "x.lock.json").read_text())["tenant"] == "Branch2Co"
    monkeypatch.setenv("ACUMATICA_TENANT", "NoSuchCo")
    code, _, err = run_cli(args, capsys)
    assert code == 2
    assert "in tenant 'NoSuchCo' failed" in err and "does not exist" in err
    assert stats(sandbox)["open_sessions"] == 0
