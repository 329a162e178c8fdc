"""The thread primitives ``_sync_client`` uses; ``_async_concurrency`` holds their asyncio twins.

``_sync_client.py`` is derived from ``_async_client.py`` by ``scripts/unasync.py``, which renames
``AsyncLock`` to ``Lock``, ``async_sleep`` to ``sleep`` and so on: the names here are those.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import httpx

__all__ = ["Event", "Lock", "Semaphore", "SessionWork", "deadline", "sleep"]

_T = TypeVar("_T")

# Re-entrant: a thread that holds the session lock may sign out (close) through the same lock.
Lock = threading.RLock
Semaphore = threading.BoundedSemaphore
Event = threading.Event
sleep = time.sleep


class SessionWork:
    """Runs session work (sign in, renew, sign out) to its end even if the calling thread is
    interrupted: Ctrl-C raises ``KeyboardInterrupt`` wherever the main thread happens to be, and
    inside a sign-in it would lose the answer of a session the server has made. The work runs in
    a thread of its own, which Ctrl-C does not reach, so the session is known (and signed out at
    ``close()``) and a sign-out is sent; the caller still sees its interruption."""

    def run(self, work: Callable[[], _T]) -> _T:
        outcome: list[tuple[bool, Any]] = []

        def run_work() -> None:
            try:
                outcome.append((True, work()))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller below
                outcome.append((False, exc))

        # A daemon: an interpreter that exits without close() does not wait for a slow sign-in.
        thread = threading.Thread(target=run_work, name="acumatica-session-work", daemon=True)
        thread.start()
        thread.join()
        done, result = outcome[0]
        if done:
            return cast(_T, result)
        raise result


# The deadline of the attempt this thread is making (``time.monotonic()``), and its length.
_attempt = threading.local()


@contextmanager
def deadline(http: httpx.Client, request: httpx.Request, seconds: float | None) -> Iterator[None]:
    """Bound the block's use of ``http``'s sockets (connect, TLS, writes, the status line, the
    headers, the body) to ``seconds`` in all, ending in ``httpx.ReadTimeout`` (or the connect or
    write twin) as a silent server would: a server that drips its headers cannot hold the call.

    A blocked socket read cannot be cancelled from another thread, so no read is let block past
    the deadline instead: ``http``'s connection pools get a network backend whose streams cut
    each read's timeout to the time left. Its limits: it reaches the pools of ``httpx``'s own
    transports (``HTTPTransport``, proxies included, also when a custom transport wraps one; not
    a mock or other transport of its own, whose body is still bounded between chunks by the
    caller), and a connection an injected client
    opened before it was first used here keeps its plain stream until the pool drops it."""
    if seconds is None:
        yield
        return
    _equip(http)
    outer = getattr(_attempt, "bound", None)
    _attempt.bound = (time.monotonic() + seconds, seconds)
    try:
        yield
    finally:
        _attempt.bound = outer


def _equip(http: httpx.Client) -> None:
    """Give each of ``http``'s connection pools the deadline-aware network backend (once)."""
    transports = (getattr(http, "_transport", None), *getattr(http, "_mounts", {}).values())
    for transport in transports:
        pool = _pool_of(transport)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)


def _pool_of(transport: Any, depth: int = 0) -> Any:
    """The connection pool of ``httpx``'s own transport, or of the one a custom transport wraps
    (a logging or caching transport that hands each request on to an ``HTTPTransport`` it
    holds): the socket reads happen there whatever wraps them. None when there is none."""
    pool = getattr(transport, "_pool", None)
    if pool is not None or depth >= _WRAPPING_DEPTH:
        return pool
    for inner in getattr(transport, "__dict__", {}).values():
        if isinstance(inner, httpx.BaseTransport) and inner is not transport:
            found = _pool_of(inner, depth + 1)
            if found is not None:
                return found
    return None


# How many custom transports deep the pool of a wrapped ``HTTPTransport`` is looked for.
_WRAPPING_DEPTH = 3


def _bounded(call: Callable[[float | None], _T], timeout: float | None, error: str) -> _T:
    """``call(timeout)`` with the timeout cut to the attempt's time left; past the deadline,
    httpcore's ``error`` (which httpx turns into its own) saying so."""
    bound = getattr(_attempt, "bound", None)
    if bound is None:
        return call(timeout)
    import httpcore  # already imported by httpx's transport, which is what calls this

    at, seconds = bound
    left = at - time.monotonic()
    if left <= 0:
        raise getattr(httpcore, error)(_too_long(seconds))
    try:
        return call(left if timeout is None else min(timeout, left))
    except httpcore.TimeoutException as exc:
        if time.monotonic() >= at:
            raise getattr(httpcore, error)(_too_long(seconds)) from exc
        raise


def _too_long(seconds: float) -> str:
    return f"the answer took more than {seconds:g} s in all"


class _DeadlineBackend:
    """An httpcore network backend whose streams honour the attempt's deadline (duck-typed:
    httpcore is imported by httpx only when a transport is made, never by the runtime)."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> _DeadlineStream:
        def connect(left: float | None) -> Any:
            return self._backend.connect_tcp(host, port, left, local_address, socket_options)

        return _DeadlineStream(_bounded(connect, timeout, "ConnectTimeout"))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> _DeadlineStream:
        def connect(left: float | None) -> Any:
            return self._backend.connect_unix_socket(path, left, socket_options)

        return _DeadlineStream(_bounded(connect, timeout, "ConnectTimeout"))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _DeadlineStream:
    """A network stream whose reads and writes end by the attempt's deadline."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = _bounded(
            lambda left: self._stream.read(max_bytes, left), timeout, "ReadTimeout"
        )
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _bounded(lambda left: self._stream.write(buffer, left), timeout, "WriteTimeout")

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> _DeadlineStream:
        def start(left: float | None) -> Any:
            return self._stream.start_tls(ssl_context, server_hostname, left)

        return _DeadlineStream(_bounded(start, timeout, "ConnectTimeout"))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)
