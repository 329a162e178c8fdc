"""Download an endpoint document from an Acumatica instance.

``fetch_document`` signs in (cookie session, or OAuth 2.0 password grant when a client id is given),
downloads ``/entity/{NAME}/{VERSION}/swagger.json``, always signs out (errors included: an open
session holds one of the instance's few API logins), and checks that what came back is an endpoint
document for that name and version. ``write_document`` writes it and a small lock record as a
pair: a crash or an error never leaves a half-written file, nor a new document beside an old lock.

Every failure the user can act on (wrong password, unknown endpoint, an HTML error page, a timeout)
is a ``UserError`` with one sentence; passwords never appear in messages or in the lock record.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import hashlib
import html
import json
import math
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from . import jsontext
from .errors import UserError, did_you_mean
from .outputs import output_target
from .versions import endpoint_identity, version_key

DEFAULT_TIMEOUT = 60.0
#: Called with (bytes received, total bytes or None) while a document downloads.
ProgressCallback = Callable[[int, "int | None"], None]


@dataclass(frozen=True)
class Credentials:
    """Who signs in. ``repr`` never shows the password or the client secret."""

    username: str
    password: str = field(repr=False)
    tenant: str | None = None
    branch: str | None = None
    client_id: str | None = None  # OAuth 2.0 password grant when set
    client_secret: str | None = field(default=None, repr=False)
    locale: str | None = None

    @property
    def uses_oauth(self) -> bool:
        return bool(self.client_id)

    @property
    def signed_in_tenant(self) -> str | None:
        """The tenant the session is in: ``tenant``, else the ``Company`` of ``GUID@Company``.

        An OAuth client id names its tenant after the ``@``; the token is for that tenant.
        """
        if self.tenant:
            return self.tenant
        if self.uses_oauth and "@" in str(self.client_id):
            return str(self.client_id).rpartition("@")[2].strip() or None
        return None


@dataclass(frozen=True)
class EndpointRef:
    """One endpoint the instance publishes: ``Default`` ``24.200.001``."""

    name: str
    version: str


@dataclass(frozen=True)
class ServerInfo:
    """What ``GET /entity`` says: the build version and the published endpoints (sorted)."""

    build_version: str | None
    endpoints: tuple[EndpointRef, ...]


@dataclass(frozen=True)
class FetchedDocument:
    """A downloaded, validated endpoint document."""

    name: str
    version: str
    content: bytes  # exactly as served, so sha256 names what the server sent
    source_url: str  # without credentials or query string
    tenant: str | None
    build_version: str | None
    format: str  # "swagger-2.0" or "openapi-3.0.1"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def public_url(url: str) -> str:
    """``url`` without user info, query or fragment: safe to print and to record."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # not a port number: keep what was written, without the user info
        netloc = parts.netloc.rpartition("@")[2]
    else:
        netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def check_timeout(timeout: float) -> float:
    """``timeout`` if it is a finite number of seconds above zero, else a ``UserError``."""
    if not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
        shown = f"{timeout:g}" if isinstance(timeout, (int, float)) else repr(timeout)
        raise UserError(
            f"--timeout {shown} is not a usable number of seconds; pass a number above 0, "
            f"e.g. --timeout {DEFAULT_TIMEOUT:g}"
        )
    return float(timeout)


def _base_url(url: str) -> str:
    example = "e.g. https://example.acumatica.com or http://localhost/AcumaticaERP"
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname
    except ValueError:  # e.g. an unclosed "[" of an IPv6 address
        hostname = None
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not hostname:
        raise UserError(
            f"--url {url!r} is not an http(s) address; pass the instance's address, {example}"
        )
    try:
        port_ok = parts.port != 0
    except ValueError:  # "h:99999", "h:abc"
        port_ok = False
    if not port_ok:
        raise UserError(
            f"--url {url!r} has an invalid port (a number from 1 to 65535 is needed); "
            f"pass the instance's address, {example}"
        )
    base = public_url(url)
    # People paste the endpoint address or the login page; the instance root is what we need.
    base = re.sub(r"/(entity(/.*)?|Main\.aspx.*|Frames/.*)$", "", base, flags=re.IGNORECASE)
    return base


# --------------------------------------------------------------------------------------------
# Server answers → one sentence


def _html_title(text: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", text, flags=re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    title = " ".join(html.unescape(match.group(1)).split())
    return title[:120] or None


def _looks_like_html(response: httpx.Response, head: bytes) -> bool:
    content_type = response.headers.get("content-type", "").lower()
    if "html" in content_type:
        return True
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _server_message(response: httpx.Response) -> str:
    """The most useful one-line message in an error answer (Acumatica JSON, OAuth JSON, HTML)."""
    body = response.content[:65536]
    if _looks_like_html(response, body):
        title = _html_title(body.decode("utf-8", "replace"))
        return f"an HTML page{f' titled {title!r}' if title else ''}"
    try:
        data = jsontext.loads(body.decode("utf-8-sig"))
    except ValueError:
        text = " ".join(body.decode("utf-8", "replace").split())
        return text[:200] or response.reason_phrase
    if isinstance(data, dict):
        for key in ("exceptionMessage", "error_description", "message", "error", "title"):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())[:200]
    return response.reason_phrase


def _is_html_error(response: httpx.Response) -> bool:
    return _looks_like_html(response, response.content[:512])


class _Transport:
    """An ``httpx.Client`` whose errors become ``UserError`` sentences naming the address."""

    def __init__(
        self,
        base: str,
        *,
        timeout: float,
        transport: httpx.BaseTransport | None,
        verify: bool = True,
    ) -> None:
        self.base = base
        self.timeout = timeout
        self.client = httpx.Client(
            base_url=base,
            timeout=timeout,
            transport=transport,
            verify=verify,
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "acumatica-codegen"},
        )

    def close(self) -> None:
        self.client.close()

    @contextlib.contextmanager
    def _errors(self, path: str) -> Iterator[None]:
        where = f"{self.base}{path}"
        try:
            yield
        except httpx.TimeoutException:
            raise UserError(
                f"{where} did not answer within {self.timeout:g} s; "
                "check the address or raise --timeout"
            ) from None
        except httpx.ConnectError as error:
            raise UserError(f"cannot connect to {self.base}: {_short(error)}") from None
        except httpx.HTTPError as error:
            raise UserError(f"request to {where} failed: {_short(error)}") from None

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        with self._errors(path):
            response = self.client.request(method, path, **kwargs)
        self._refuse_redirect(response, path)
        return response

    def _refuse_redirect(self, response: httpx.Response, path: str) -> None:
        """A redirect (http → https, a login portal) would turn a sign-in POST into a GET: say so."""
        if not response.is_redirect:
            return
        location = str(response.url.join(response.headers.get("location", "")))
        hint = ""
        if location.endswith(path):
            hint = f"; use --url {public_url(location[: -len(path)])}"
        raise UserError(
            f"{self.base}{path} redirects (HTTP {response.status_code}) to {public_url(location)}{hint}"
        )

    def download(
        self, path: str, params: dict[str, str], progress: ProgressCallback | None
    ) -> tuple[httpx.Response, bytes]:
        """GET ``path`` streaming the body (so progress can be reported); the body is returned."""
        with self._errors(path):
            with self.client.stream("GET", path, params=params) as response:
                self._refuse_redirect(response, path)
                total = _int_or_none(response.headers.get("content-length"))
                chunks: list[bytes] = []
                received = 0
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(received, total)
                return response, b"".join(chunks)


def _short(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Sessions


class Session:
    """A signed-in conversation with one instance. Use as a context manager: it always signs out."""

    def __init__(
        self,
        url: str,
        credentials: Credentials | None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        verify: bool = True,
    ) -> None:
        self.base = _base_url(url)
        timeout = check_timeout(timeout)
        self.credentials = credentials
        self.http = _Transport(self.base, timeout=timeout, transport=transport, verify=verify)
        self.signed_in = False

    def __enter__(self) -> Session:
        try:
            if self.credentials is not None:
                self._sign_in(self.credentials)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Sign out (best effort: a failed sign-out must not hide the error that got us here)."""
        try:
            if self.signed_in:
                self.signed_in = False
                with contextlib.suppress(UserError):
                    # Acumatica rejects a logout POST without Content-Length (411).
                    self.http.request(
                        "POST", "/entity/auth/logout", content=b"", headers={"Content-Length": "0"}
                    )
        finally:
            self.http.close()

    # -- sign in -------------------------------------------------------------------------------

    def _sign_in(self, credentials: Credentials) -> None:
        if credentials.uses_oauth:
            self._sign_in_oauth(credentials)
        else:
            self._sign_in_cookie(credentials)

    def _sign_in_cookie(self, credentials: Credentials) -> None:
        body: dict[str, str] = {"name": credentials.username, "password": credentials.password}
        if credentials.tenant:
            body["tenant"] = credentials.tenant
        if credentials.branch:
            body["branch"] = credentials.branch
        if credentials.locale:
            body["locale"] = credentials.locale
        response = self.http.request("POST", "/entity/auth/login", json=body)
        # Mark first: a server that set the cookie but then failed still holds a session.
        self.signed_in = response.is_success or bool(response.cookies)
        if response.is_success:
            return
        self._raise_login_failure(response, credentials)

    def _sign_in_oauth(self, credentials: Credentials) -> None:
        form = {
            "grant_type": "password",
            "client_id": credentials.client_id or "",
            "username": credentials.username,
            "password": credentials.password,
            "scope": "api",
        }
        if credentials.client_secret:
            form["client_secret"] = credentials.client_secret
        response = self.http.request("POST", "/identity/connect/token", data=form)
        if response.is_success:
            token = _json_or_none(response)
            access = token.get("access_token") if isinstance(token, dict) else None
            if not isinstance(access, str) or not access:
                raise UserError(
                    f"{self.base}/identity/connect/token answered without an access_token"
                )
            self.http.client.headers["Authorization"] = f"Bearer {access}"
            self.signed_in = True
            return
        self._raise_login_failure(response, credentials)

    def _raise_login_failure(self, response: httpx.Response, credentials: Credentials) -> None:
        message = _server_message(response)
        who = f"as {credentials.username!r}"
        if credentials.tenant:
            who += f" in tenant {credentials.tenant!r}"
        if response.status_code == 429 or "login limit" in message.lower():
            raise UserError(
                f"{self.base} refused to sign in {who}: the API login limit is reached "
                f"({message}); sign out other API sessions or wait for them to expire"
            )
        if response.status_code == 404 or _is_html_error(response):
            raise UserError(
                f"{self.base} has no Acumatica sign-in at "
                f"{'/identity/connect/token' if credentials.uses_oauth else '/entity/auth/login'} "
                f"(HTTP {response.status_code}, {message}); check --url"
            )
        if credentials.uses_oauth and "client" in message.lower():
            raise UserError(
                f"{self.base} rejected OAuth client {credentials.client_id!r} "
                f"(HTTP {response.status_code}: {message}); check --client-id and --client-secret"
            )
        raise UserError(
            f"sign-in to {self.base} {who} failed (HTTP {response.status_code}: {message}); "
            "check the user name, password, and tenant"
        )

    # -- requests ------------------------------------------------------------------------------

    def server_info(self) -> ServerInfo:
        """``GET /entity``: the build version and the endpoints visible to this session."""
        response = self.http.request("GET", "/entity")
        data = self._json_answer(response, "/entity", "the list of endpoints")
        return _parse_server_info(data, f"{self.base}/entity")

    def download_document(
        self,
        name: str,
        version: str,
        *,
        tenant: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> FetchedDocument:
        """Download and validate ``/entity/{name}/{version}/swagger.json``."""
        path = f"/entity/{name}/{version}/swagger.json"
        params = {"company": tenant} if tenant else {}
        response, content = self.http.download(path, params, progress)
        where = f"{self.base}{path}"
        if response.status_code in (401, 403):
            raise UserError(
                f"{where} answered HTTP {response.status_code} "
                f"({_server_message(_with_body(response, content))}); "
                "pass credentials (--username, or ACUMATICA_USERNAME) with rights to the endpoint"
            )
        if not response.is_success:
            if response.status_code == 404 or response.status_code >= 500:
                raise self._unknown_endpoint(name, version, _with_body(response, content))
            raise UserError(
                f"{where} answered HTTP {response.status_code} "
                f"({_server_message(_with_body(response, content))})"
            )
        if _looks_like_html(response, content[:512]):
            title = _html_title(content[:65536].decode("utf-8", "replace"))
            raise UserError(
                f"{where} answered an HTML page{f' ({title!r})' if title else ''} instead of "
                "an endpoint document; check --url (the instance root) and the credentials"
            )
        document = _parse_json(content, where)
        doc_format = check_endpoint_document(document, name, version, where)
        build_version = None
        with contextlib.suppress(UserError):
            build_version = self.server_info().build_version
        return FetchedDocument(
            name=name,
            version=version,
            content=content,
            source_url=self.base,
            tenant=tenant,
            build_version=build_version,
            format=doc_format,
        )

    def _unknown_endpoint(self, name: str, version: str, response: httpx.Response) -> UserError:
        known = ""
        with contextlib.suppress(UserError):
            known = endpoint_hint(name, version, self.server_info().endpoints)
        # A 404's message only repeats the address; a 500 may say why (e.g. a broken endpoint).
        said = "" if response.status_code == 404 else f": {_server_message(response)}"
        return UserError(
            f"{self.base} has no endpoint {name}/{version} (HTTP {response.status_code}{said}){known}"
        )

    def _json_answer(self, response: httpx.Response, path: str, what: str) -> Any:
        where = f"{self.base}{path}"
        if _is_html_error(response):
            raise UserError(
                f"{where} answered {_server_message(response)} (HTTP {response.status_code}) "
                f"instead of {what}; check --url"
            )
        if not response.is_success:
            raise UserError(
                f"{where} answered HTTP {response.status_code} ({_server_message(response)})"
            )
        return _parse_json(response.content, where)


def _with_body(response: httpx.Response, content: bytes) -> httpx.Response:
    """A copy of a streamed ``response`` that carries ``content`` (for error messages)."""
    return httpx.Response(
        response.status_code, headers=response.headers, content=content, request=response.request
    )


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return jsontext.loads(response.content.decode("utf-8-sig"))
    except ValueError:
        return None


def _parse_json(content: bytes, where: str) -> Any:
    try:
        return jsontext.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(f"{where} answered bytes that are not UTF-8 text") from None
    except ValueError as error:
        raise UserError(f"{where} answered text that is not JSON ({error})") from None


def _parse_server_info(data: Any, where: str) -> ServerInfo:
    if not isinstance(data, dict) or not isinstance(data.get("endpoints"), list):
        raise UserError(f"{where} answered JSON without an 'endpoints' list; is this Acumatica?")
    version = data.get("version")
    build = None
    if isinstance(version, dict):
        build = version.get("acumaticaBuildVersion") or version.get("databaseVersion")
    endpoints = {
        EndpointRef(str(item["name"]), str(item["version"]))
        for item in data["endpoints"]
        if isinstance(item, dict) and item.get("name") and item.get("version")
    }
    return ServerInfo(
        build_version=str(build) if build else None,
        endpoints=tuple(
            sorted(endpoints, key=lambda e: (e.name.lower(), version_key(e.version), e.version))
        ),
    )


# --------------------------------------------------------------------------------------------
# Validation


def check_endpoint_document(document: Any, name: str, version: str, where: str) -> str:
    """Check that ``document`` is an endpoint document for ``name``/``version``; its format.

    An Acumatica endpoint document names itself twice: ``info.title`` is ``"Default/24.200.001"``
    and the base path (Swagger ``basePath``, OpenAPI ``servers[].url``) ends in
    ``/entity/Default/24.200.001``. Either is accepted; a contradiction is an error.
    """
    if not isinstance(document, dict):
        raise UserError(f"{where} answered JSON that is not an endpoint document (not an object)")
    if isinstance(document.get("swagger"), str):
        doc_format = f"swagger-{document['swagger']}"
        schemas = document.get("definitions")
        bases = [document.get("basePath")]
    elif isinstance(document.get("openapi"), str):
        doc_format = f"openapi-{document['openapi']}"
        schemas = _member(document, "components", dict, where, doc_format).get("schemas")
        servers = _member(document, "servers", list, where, doc_format)
        bases = [s.get("url") for s in servers if isinstance(s, dict)]
    else:
        raise UserError(
            f"{where} answered JSON that is not an endpoint document (no 'swagger' or 'openapi' key)"
        )
    if not isinstance(schemas, dict) or not isinstance(document.get("paths"), dict):
        raise UserError(
            f"{where} answered {_a(doc_format)} {doc_format} document without schemas or paths"
        )

    title = _member(document, "info", dict, where, doc_format).get("title")
    named = [endpoint_identity(text) for text in (title, *bases) if isinstance(text, str)]
    found = [identity for identity in named if identity is not None]
    if not found:
        raise UserError(
            f"{where} answered {_a(doc_format)} {doc_format} document that does not name its "
            "endpoint "
            "(no 'Name/Version' info.title or /entity/Name/Version base path)"
        )
    for found_name, found_version in found:
        if found_name != name or found_version != version:
            spelled = (
                f" (the document spells it {found_name}: use --endpoint {found_name})"
                if found_name != name and found_name.casefold() == name.casefold()
                else ""
            )
            raise UserError(
                f"{where} answered the document of {found_name}/{found_version}, "
                f"not {name}/{version}{spelled}"
            )
    return doc_format


def endpoint_hint(name: str, version: str, endpoints: tuple[EndpointRef, ...]) -> str:
    """What an instance has instead of ``name``/``version``: the spelling it uses, the versions
    of that name, or the names close to it; ``""`` when it lists nothing."""
    same = [e for e in endpoints if e.name == name]
    if same:
        return f"; {name} versions there: {', '.join(e.version for e in same)}"
    spelled = [e for e in endpoints if e.name.casefold() == name.casefold()]
    if spelled:
        # Acumatica lists names as published (MANUFACTURING); give the command that works.
        best = next((e for e in spelled if e.version == version), spelled[-1])
        versions = ", ".join(f"{e.name}/{e.version}" for e in spelled)
        return (
            f"; the instance spells it {best.name} ({versions}): use --endpoint {best.name} "
            f"--version {best.version}"
        )
    if not endpoints:
        return ""
    close = did_you_mean(name, {e.name for e in endpoints})
    listed = ", ".join(f"{e.name}/{e.version}" for e in endpoints[:12])
    more = ", ..." if len(endpoints) > 12 else ""
    return f"; {close + ' ' if close else ''}endpoints there: {listed}{more}"


def _member(document: dict[str, Any], key: str, kind: type, where: str, doc_format: str) -> Any:
    """``document[key]`` if it is a ``kind`` (an empty one when absent or null), else an error."""
    value = document.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        expected = "an object" if kind is dict else "a list"
        raise UserError(
            f"{where} answered {_a(doc_format)} {doc_format} document whose {key!r} is "
            f"{_json_kind(value)}, not {expected}; it is not a valid endpoint document"
        )
    return value


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _a(word: str) -> str:
    """The indefinite article for ``word``: "an openapi-3.0.1", "a swagger-2.0"."""
    return "an" if word[:1].lower() in ("a", "e", "i", "o", "u") else "a"


# --------------------------------------------------------------------------------------------
# Writing


def default_output_path(name: str, version: str, directory: str | Path = "specs") -> Path:
    """Where a fetched document goes by default: ``specs/{NAME}_{VERSION}.json``."""
    return Path(directory) / f"{name}_{version}.json"


def lock_path_for(spec_path: str | Path) -> Path:
    """The lock record beside a document: ``Default_24.200.001.json`` → ``…lock.json``."""
    path = Path(spec_path)
    stem = path.name[: -len(".json")] if path.name.endswith(".json") else path.name
    return path.with_name(f"{stem}.lock.json")


def lock_record(
    document: FetchedDocument, *, fetched_at: _dt.datetime | None = None
) -> dict[str, Any]:
    """The lock record: where the document came from and what it was. No credentials."""
    moment = fetched_at or _dt.datetime.now(_dt.timezone.utc)
    record: dict[str, Any] = {
        "url": public_url(document.source_url),
        "endpoint": document.name,
        "version": document.version,
        "tenant": document.tenant,
        "format": document.format,
        "sha256": document.sha256,
        "size": len(document.content),
        "server_build_version": document.build_version,
        "fetched_at": moment.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }
    return record


def check_output(spec_path: str | Path, fix: str = "choose another output path") -> None:
    """Check, before signing in, that the document and its lock record can be written there."""
    output_target(spec_path, fix)
    output_target(lock_path_for(spec_path), fix)


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename: all or nothing."""
    temp_name = _write_temp(path, content)
    try:
        os.replace(temp_name, path)
    except BaseException:
        _remove(temp_name)
        raise


def _write_temp(path: Path, content: bytes) -> str:
    """``content`` in a new, synced temporary file beside ``path``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a spec in a repository is as readable as any file.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _remove(temp_name)
        raise
    return temp_name


def _remove(name: str | Path | None) -> None:
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _backup_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.bak")


def _keep_copy(path: Path) -> Path | None:
    """A second name for ``path``'s current content (a hard link, else a copy); None if absent.

    Raises OSError when neither works: better to write nothing than to risk losing the file.
    """
    if not path.exists():
        return None
    backup = _backup_name(path)
    try:
        os.link(path, backup)
    except OSError:  # a file system without hard links
        try:
            shutil.copy2(path, backup)
        except BaseException:
            _remove(backup)
            raise
    return backup


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (threads share it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_document(document: FetchedDocument, path: str | Path) -> tuple[Path, Path]:
    """Write the document and its lock record as a pair; returns both paths.

    A new document never sits beside an old lock record. Both are written to temporary files
    first; then the old lock record is moved aside, the document renamed into place, and the
    new lock record renamed beside it. A crash between the renames leaves the document (old or
    new) without a lock record, never with the wrong one; a failed rename puts the old pair back.
    """
    spec_path = Path(path)
    lock_path = lock_path_for(spec_path)
    # A symlink is written through (its target replaced, the link kept); a device is refused.
    spec_real, lock_real = output_target(spec_path), output_target(lock_path)
    record = json.dumps(lock_record(document), indent=2, sort_keys=False) + "\n"
    spec_temp: str | None = None
    lock_temp: str | None = None
    old_spec: Path | None = None
    old_lock: Path | None = None
    spec_is_new = False
    try:
        spec_temp = _write_temp(spec_real, document.content)
        lock_temp = _write_temp(lock_real, record.encode("utf-8"))
        old_spec = _keep_copy(spec_real)
        if lock_real.exists():
            old_lock = _backup_name(lock_real)
            os.replace(lock_real, old_lock)  # from here until the last rename: no lock record
        os.replace(spec_temp, spec_real)
        spec_temp, spec_is_new = None, True
        os.replace(lock_temp, lock_real)
        lock_temp = None
    except BaseException as error:
        if spec_is_new and _put_back(spec_real, old_spec):
            spec_is_new, old_spec = False, None
        # The old lock record goes back only beside the old document; else it stays removed.
        if not spec_is_new and old_lock is not None and _put_back(lock_real, old_lock):
            old_lock = None
        if isinstance(error, OSError):
            raise UserError(
                f"cannot write {error.filename or spec_path}: {error.strerror}"
            ) from None
        raise
    finally:
        for name in (spec_temp, lock_temp, old_spec, old_lock):
            _remove(name)
    return spec_path, lock_path


def _put_back(path: Path, backup: Path | None) -> bool:
    """Put ``backup`` back at ``path``; no backup means there was no file. True when done."""
    try:
        if backup is None:
            os.unlink(path)
        else:
            os.replace(backup, path)
    except FileNotFoundError:
        return backup is None
    except OSError:
        return False
    return True


def read_lock(spec_path: str | Path) -> dict[str, Any] | None:
    """The lock record beside ``spec_path``, or None when there is none (or it is unreadable)."""
    try:
        data = jsontext.loads(lock_path_for(spec_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# --------------------------------------------------------------------------------------------
# One call per job


def list_endpoints(
    url: str,
    credentials: Credentials | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    verify: bool = True,
) -> ServerInfo:
    """The endpoints an instance publishes (custom endpoints only appear when signed in)."""
    with Session(url, credentials, timeout=timeout, transport=transport, verify=verify) as session:
        return session.server_info()


def fetch_document(
    url: str,
    name: str,
    version: str,
    credentials: Credentials | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    progress: ProgressCallback | None = None,
    verify: bool = True,
) -> FetchedDocument:
    """Sign in, download and validate one endpoint document, sign out."""
    tenant = credentials.tenant if credentials else None
    with Session(url, credentials, timeout=timeout, transport=transport, verify=verify) as session:
        document = session.download_document(name, version, tenant=tenant, progress=progress)
    return _with_tenant(document, credentials)


def fetch_documents(
    url: str,
    wanted: list[EndpointRef],
    credentials: Credentials | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    progress: ProgressCallback | None = None,
    verify: bool = True,
) -> list[FetchedDocument]:
    """Several documents from one instance in one session (one login, one logout).

    All are downloaded before any is written by the caller, so a failure halfway leaves the
    previous specs untouched rather than a mix of old and new.
    """
    tenant = credentials.tenant if credentials else None
    with Session(url, credentials, timeout=timeout, transport=transport, verify=verify) as session:
        documents = [
            session.download_document(ref.name, ref.version, tenant=tenant, progress=progress)
            for ref in wanted
        ]
    return [_with_tenant(document, credentials) for document in documents]


def _with_tenant(document: FetchedDocument, credentials: Credentials | None) -> FetchedDocument:
    """``document`` recording the tenant signed in to (an OAuth client id names it)."""
    tenant = credentials.signed_in_tenant if credentials else None
    if document.tenant or not tenant:
        return document
    return dataclasses.replace(document, tenant=tenant)
