"""Derive the sync runtime from its async source, as httpcore's ``scripts/unasync.py`` does.

    python scripts/unasync.py           # rewrite every _sync_*.py listed in PAIRS from its _async_*.py
    python scripts/unasync.py --check   # exit 1 if one is not what the rewrite gives (CI)

The rewrite is mechanical and total: the renames in ``RENAMES`` (whole words only), ``Awaitable[X]``
→ ``X``, blocks between ``# unasync: async-only`` and ``# unasync: end`` dropped, the names of
each one-line ``from ... import`` sorted again, and black run over the result. Whatever else differs between the transports lives
in ``_async_concurrency.py`` / ``_sync_concurrency.py``, written by hand side by side.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import black

RUNTIME = Path(__file__).resolve().parents[1] / "generator" / "acumatica_codegen" / "runtime"
SOURCE = RUNTIME / "_async_client.py"
TARGET = RUNTIME / "_sync_client.py"
# Every other async source and its derived sync twin (the fleet coordination, issue 12).
PAIRS: tuple[tuple[Path, Path], ...] = (
    (RUNTIME / "_async_coordination.py", RUNTIME / "_sync_coordination.py"),
    (RUNTIME / "_async_redis_coordination.py", RUNTIME / "_sync_redis_coordination.py"),
)

# async name → sync name, replaced as whole words (order matters only for the multi-word ones).
RENAMES: tuple[tuple[str, str], ...] = (
    ("async def", "def"),
    ("async with", "with"),
    ("async for", "for"),
    ("await ", ""),
    ("__aenter__", "__enter__"),
    ("__aexit__", "__exit__"),
    ("aclose", "close"),
    ("aiter_bytes", "iter_bytes"),
    ("AsyncBaseClient", "SyncBaseClient"),
    ("AsyncEntityApi", "EntityApi"),
    ("httpx.AsyncClient", "httpx.Client"),
    ("AsyncIterator", "Iterator"),
    ("_async_concurrency", "_sync_concurrency"),
    ("AsyncEvent", "Event"),
    ("AsyncLock", "Lock"),
    ("AsyncSemaphore", "Semaphore"),
    ("AsyncSessionWork", "SessionWork"),
    ("async_sleep", "sleep"),
    ("_async_coordination", "_sync_coordination"),
    ("AsyncCoordination", "Coordination"),
    ("AsyncLocalCoordination", "LocalCoordination"),
    ("AsyncLocalLimits", "LocalLimits"),
    ("_async_redis_coordination", "_sync_redis_coordination"),
    ("AsyncRedisCoordination", "RedisCoordination"),
    ("redis.asyncio", "redis"),
)
AWAITABLE = re.compile(r"\bAwaitable\[([\w.]+)\]")
ASYNC_ONLY = re.compile(
    r"^[ \t]*# unasync: async-only\n.*?^[ \t]*# unasync: end\n(?:[ \t]*\n)?", re.M | re.S
)
FROM_IMPORT = re.compile(r"^(from [\w.]+ import )([\w, ]+)$", re.M)
DOCSTRING = re.compile(r'\A""".*?"""\n', re.S)
SYNC_DOCSTRING = '''"""Synchronous client runtime: sessions, retries, throttling, actions, entity CRUD.

Derived from ``_async_client.py`` by ``scripts/unasync.py``: edit that file, then run
``python scripts/unasync.py`` (CI checks that this file is current).
"""
'''


def unasync(source: str, docstring: str = SYNC_DOCSTRING) -> str:
    """The sync twin of an async source (by default the client's, with the client's docstring)."""
    text = ASYNC_ONLY.sub("", DOCSTRING.sub("", source, count=1))
    for old, new in RENAMES:
        pattern = (r"\b" if old[0].isalnum() or old[0] == "_" else "") + re.escape(old)
        pattern += r"\b" if old[-1].isalnum() or old[-1] == "_" else ""
        text = re.sub(pattern, new.replace("\\", "\\\\"), text)
    text = AWAITABLE.sub(r"\1", text)
    text = FROM_IMPORT.sub(lambda m: m.group(1) + _sorted_names(m.group(2), text), text)
    # Shorter lines may now fit on one: black (the toolkit's own dependency) lays them out again.
    return black.format_str(docstring + text, mode=black.Mode(line_length=100))


def derived_docstring(source: str, source_name: str) -> str:
    """A derived file's docstring: the source's first line made sync, and where it comes from."""
    match = DOCSTRING.match(source)
    first = match.group(0)[3:].split("\n", 1)[0].rstrip('"') if match else ""
    for old, new in (("asyncio ", "thread "), ("Asynchronous", "Synchronous")):
        first = first.replace(old, new)
    return (
        f'"""{first}\n\nDerived from ``{source_name}`` by ``scripts/unasync.py``: edit that file, '
        'then run\n``python scripts/unasync.py`` (CI checks that this file is current).\n"""\n'
    )


def derivations() -> list[tuple[Path, str]]:
    """Every derived file and the text it should hold."""
    expected = [(TARGET, unasync(SOURCE.read_text(encoding="utf-8")))]
    for source, target in PAIRS:
        text = source.read_text(encoding="utf-8")
        expected.append((target, unasync(text, derived_docstring(text, source.name))))
    return expected


def _sorted_names(names: str, text: str) -> str:
    """An import's names as ruff's isort orders them (constants, classes, the rest), each once;
    ``Awaitable`` is dropped when the rewrite left it unused."""
    kept = {name.strip() for name in names.split(",") if name.strip()}
    if "Awaitable" in kept and not re.search(r"\bAwaitable\b", FROM_IMPORT.sub("", text)):
        kept.discard("Awaitable")
    return ", ".join(sorted(kept, key=_isort_key))


def _isort_key(name: str) -> tuple[int, str]:
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[0].isupper() else 2
    return kind, name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the sync file is stale")
    args = parser.parse_args(argv)
    stale = 0
    for target, expected in derivations():
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if args.check and current != expected:
            print(f"{target} is stale: run `python scripts/unasync.py`", file=sys.stderr)
            stale = 1
        elif not args.check and current != expected:
            target.write_text(expected, encoding="utf-8")
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
