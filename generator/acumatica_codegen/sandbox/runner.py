"""Run the sandbox: in a background thread (tests, ``with Sandbox(...)``) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import copy
import errno
import socket
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import uvicorn

from ..errors import UserError
from ..ir import Entity
from . import key_rules
from .app import LoadedEndpoint, SandboxState, create_app, load_documents
from .config_keys import merged_keys
from .entities import Shape
from .errors import SandboxHTTPError
from .options import DEFAULT_USERS, SandboxOptions


class Sandbox:
    """A local Acumatica for one or more endpoint documents, served over real HTTP on loopback.

    >>> with Sandbox("specs/WebShop_24.200.001.json", port=0, max_sessions=2) as sb:
    ...     httpx.post(f"{sb.url}/entity/auth/login", json={"name": "admin", "password": "123"})

    As a pytest fixture: ``sandbox = Sandbox.fixture("specs/WebShop_24.200.001.json")`` in a test
    module or conftest gives tests a running ``sandbox`` (module scope by default).
    Options are those of ``SandboxOptions`` (and of the ``acumatica-codegen sandbox`` command).
    Key fields come from the built-in table, then ``[tool.acumatica-codegen] keys`` of the
    project (``config``: True finds the nearest pyproject.toml, a path names one, False skips
    it; see ``config_keys``), then ``key_overrides``.
    """

    def __init__(
        self,
        spec: str | Path | Sequence[str | Path],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        max_sessions: int = 2,
        action_polls: int = 2,
        latency_ms: float = 0.0,
        fail_rate: float = 0.0,
        conflict_rate: float = 0.0,
        long_operation_rate: float = 0.0,
        rate_limit: float | None = None,
        seed: int | None = None,
        users: Mapping[str, str] | None = None,
        tenants: Sequence[str] | None = None,
        oauth_clients: Mapping[str, str] | None = None,
        token_lifetime: float = 3600.0,
        session_idle_timeout: float = 1200.0,
        restart_rate: float = 0.0,
        evict_idle_sessions: bool = False,
        max_concurrent_requests: int | None = None,
        max_requests_per_minute: int | None = None,
        request_queue_timeout: float = 10.0,
        reference_checks: bool = True,
        redirect_stale_to_login: bool = False,
        html_errors: bool = False,
        stale_every_request: bool = False,
        build_version: str | None = None,
        key_overrides: Mapping[str, Sequence[str]] | None = None,
        config: str | Path | bool = True,
        auto_number: Sequence[str] = (),
        manual_number: Sequence[str] = (),
        key_defaults: Mapping[str, Any] | None = None,
    ) -> None:
        paths = [Path(spec)] if isinstance(spec, (str, Path)) else [Path(p) for p in spec]
        if not paths:
            raise UserError("give at least one endpoint document to serve")
        try:
            self.options = SandboxOptions(
                max_sessions=max_sessions,
                action_polls=action_polls,
                latency_ms=latency_ms,
                fail_rate=fail_rate,
                conflict_rate=conflict_rate,
                long_operation_rate=long_operation_rate,
                rate_limit=rate_limit,
                seed=seed,
                users=dict(users) if users is not None else dict(DEFAULT_USERS),
                tenants=tuple(tenants) if tenants else None,
                oauth_clients=dict(oauth_clients) if oauth_clients is not None else None,
                token_lifetime=token_lifetime,
                session_idle_timeout=session_idle_timeout,
                restart_rate=restart_rate,
                evict_idle_sessions=evict_idle_sessions,
                max_concurrent_requests=max_concurrent_requests,
                max_requests_per_minute=max_requests_per_minute,
                request_queue_timeout=request_queue_timeout,
                reference_checks=reference_checks,
                redirect_stale_to_login=redirect_stale_to_login,
                html_errors=html_errors,
                stale_every_request=stale_every_request,
                build_version=build_version,
                auto_number=_names(auto_number),
                manual_number=_names(manual_number),
                key_defaults=dict(key_defaults or {}),
            )
        except ValueError as problem:
            raise UserError(f"sandbox: {problem}") from None
        documents = load_documents(paths, merged_keys(paths, config, key_overrides))
        options = self.options
        try:
            key_rules.check_options(
                (endpoint for endpoint, _ in documents),
                options.auto_number,
                options.manual_number,
                options.key_defaults,
            )
        except ValueError as problem:
            raise UserError(f"sandbox: {problem}") from None
        self.app, self.state = create_app(documents, options)
        self.host = host
        self.port = port
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` (the real port once bound, also for ``port=0``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def bind(self) -> socket.socket:
        """Bind and listen now, so the URL is known (and reachable) before serving starts."""
        if self._socket is None:
            family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
            # proto=IPPROTO_TCP matters: asyncio turns Nagle off (TCP_NODELAY) only for sockets that
            # say they are TCP, and with Nagle on every JSON answer waits ~40 ms for a delayed ACK.
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((self.host, self.port))
            except OSError as problem:
                sock.close()
                if problem.errno == errno.EADDRINUSE:
                    raise UserError(
                        f"sandbox: port {self.port} on {self.host} is in use; choose another with "
                        "--port, or --port 0 for any free port"
                    ) from None
                raise UserError(
                    f"sandbox: cannot listen on {self.host}:{self.port}: {problem.strerror}"
                ) from None
            sock.listen(2048)
            sock.setblocking(False)
            self.port = sock.getsockname()[1]
            self._socket = sock
        return self._socket

    def _make_server(self) -> uvicorn.Server:
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        return uvicorn.Server(config)

    def start(self) -> Sandbox:
        """Serve in a background thread; returns once requests are answered."""
        if self._thread is not None:
            return self
        sock = self.bind()
        self._server = server = self._make_server()
        failure: list[BaseException] = []

        def run() -> None:
            async def serve() -> None:
                self._loop = asyncio.get_running_loop()
                await server.serve(sockets=[sock])

            try:
                asyncio.run(serve())
            except BaseException as problem:  # noqa: BLE001 - reported to start()
                failure.append(problem)

        self._thread = threading.Thread(
            target=run, name=f"acumatica-sandbox-{self.port}", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if failure or not self._thread.is_alive():
                raise RuntimeError(
                    f"the sandbox did not start: {failure[0] if failure else 'stopped'}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError("the sandbox did not start within 10 seconds")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = self._loop = None

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C); the CLI's way."""
        sock = self.bind()
        self._server = self._make_server()
        try:
            self._server.run(sockets=[sock])
        finally:
            sock.close()
            self._socket = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    # -- for tests ----------------------------------------------------------------------------

    def _call(self, fn: Any) -> Any:
        """Run ``fn`` on the server's event loop (state is only touched from there)."""
        if self._loop is None:
            return fn()

        async def call() -> Any:
            return fn()

        return asyncio.run_coroutine_threadsafe(call(), self._loop).result(timeout=10)

    def _loaded(self, endpoint: str | None) -> LoadedEndpoint:
        loaded = self.state.loaded
        if endpoint is None:
            if len(loaded) == 1:
                return next(iter(loaded.values()))
            names = ", ".join(f"{e.endpoint.name}/{e.endpoint.version}" for e in loaded.values())
            raise ValueError(f"several endpoints are served ({names}); say which: endpoint=...")
        name, _, version = endpoint.partition("/")
        found = self.state.endpoint(name, version)
        if found is None:
            raise ValueError(f"{endpoint!r} is not served; give 'Name/Version'")
        return found

    def _entity(self, loaded: LoadedEndpoint, name: str) -> Entity:
        entity = loaded.entity(name)
        if entity is None:
            raise ValueError(f"{loaded.endpoint.name} has no top-level entity {name!r}")
        return entity

    def seed(
        self,
        entity: str,
        *records: dict[str, Any],
        tenant: str | None = None,
        endpoint: str | None = None,
    ) -> list[dict[str, Any]]:
        """Upsert wire-form ``records`` straight into the store, as a PUT would (checked the same
        way); returns them as the server now answers them. For preparing data in a test::

            sb.seed("Customer", {"CustomerID": {"value": "C1"}, "CustomerName": {"value": "Ann"}})
        """
        loaded = self._loaded(endpoint)
        target = self._entity(loaded, entity)
        store = self.state.store.tenant(tenant or self.options.default_tenant)

        def seed() -> list[dict[str, Any]]:
            shape = Shape()
            answers = []
            for body in records:
                try:
                    record, _ = loaded.service.upsert(store, target, dict(body), "upsert")
                except SandboxHTTPError as error:
                    raise ValueError(
                        f"{entity} was refused ({error.status}): {error.body}"
                    ) from None
                answers.append(loaded.service.render(store, target, record, shape))
            return answers

        result: list[dict[str, Any]] = self._call(seed)
        return result

    def records(
        self, entity: str, *, tenant: str | None = None, endpoint: str | None = None
    ) -> list[dict[str, Any]]:
        """Every stored record of ``entity`` in wire form, detail and linked entities expanded."""
        loaded = self._loaded(endpoint)
        target = self._entity(loaded, entity)
        store = self.state.store.tenant(tenant or self.options.default_tenant)

        def read() -> list[dict[str, Any]]:
            service = loaded.service
            shape = service.full_shape(target)
            table = store.table(service.endpoint.name, service.endpoint.version, target.name)
            answers = []
            for row, record in enumerate(table.records.values(), start=1):
                answer = service.render(store, target, record, shape, row)
                answer["custom"] = copy.deepcopy(record.get("custom") or {})  # all of them
                answers.append(answer)
            return answers

        result: list[dict[str, Any]] = self._call(read)
        return result

    def stats(self) -> dict[str, int]:
        """What ``GET /sandbox/stats`` answers."""
        return dict(self._call(self.state.auth.snapshot))

    def reset(self) -> None:
        """Forget every record, file, session and token, and zero the counters."""
        state: SandboxState = self.state

        self._call(state.reset)

    def expire_sessions(self) -> int:
        """End every cookie session now, as an application restart does (``POST
        /sandbox/expire-sessions``); each one's next request answers 401. Returns how many ended."""
        ended: int = self._call(self.state.auth.expire_all)
        return ended

    @classmethod
    def fixture(
        cls,
        spec: str | Path | Sequence[str | Path],
        *,
        name: str = "sandbox",
        scope: str = "module",
        **options: Any,
    ) -> Any:
        """A pytest fixture named ``name`` that yields a running Sandbox (imports pytest lazily)."""
        import pytest

        def sandbox_fixture() -> Iterator[Sandbox]:
            with cls(spec, **options) as running:
                yield running

        sandbox_fixture.__name__ = name
        return pytest.fixture(scope=scope, name=name)(sandbox_fixture)  # type: ignore[call-overload]


def _names(names: Sequence[str] | str) -> tuple[str, ...]:
    """Entity names from a list (or one name), as ``SandboxOptions`` keeps them."""
    return (names,) if isinstance(names, str) else tuple(names)
