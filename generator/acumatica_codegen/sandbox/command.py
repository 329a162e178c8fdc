"""``acumatica-codegen sandbox SPEC...``: serve a local Acumatica for endpoint documents."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import UserError


def _number(
    value: str, option: str, kind: Callable[[str], Any], low: float, high: float | None
) -> Any:
    try:
        number = kind(value)
    except ValueError:
        number = None
    # "nan" fails every comparison and "inf" would hang every answer: only finite numbers.
    if number is not None and not math.isfinite(number):
        number = None
    if number is None or number < low or (high is not None and number > high):
        what = "an integer" if kind is int else "a number"
        bounds = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        raise UserError(f"{option}: expected {what} {bounds}, got {value!r}")
    return number


def _optional(value: str | None, option: str, kind: Callable[[str], Any], low: float) -> Any:
    """An option whose absence means "no limit"."""
    return None if value is None else _number(value, option, kind, low, None)


def _pairs(values: tuple[str, ...], option: str, what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        name, colon, secret = value.partition(":")
        if not colon or not name:
            raise UserError(f"{option}: expected {what}, got {value!r}")
        pairs[name] = secret
    return pairs


def _key_defaults(values: tuple[str, ...]) -> dict[str, str]:
    """``--key-default ENTITY.FIELD=VALUE`` options as ``SandboxOptions.key_defaults``."""
    from .key_rules import split_target

    defaults: dict[str, str] = {}
    for value in values:
        target, equals, default = value.partition("=")
        if not equals or split_target(target) is None:
            raise UserError(
                f"--key-default: expected ENTITY.FIELD=VALUE (e.g. SalesOrder.OrderType=SO), "
                f"got {value!r}"
            )
        defaults[target.strip()] = default
    return defaults


@click.command("sandbox")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default="8000",
    metavar="PORT",
    show_default=True,
    help="Port to listen on; 0 picks any free port.",
)
@click.option(
    "--max-sessions", default="2", metavar="N", show_default=True,
    help="Open cookie sessions allowed at once (API users of the licence); one more sign-in "
    "answers 429 'API Login Limit' (see --evict-idle-sessions).",
)  # fmt: skip
@click.option(
    "--action-polls", default="2", metavar="N", show_default=True,
    help="Times an action's status URL answers 202 before 204 (0: actions answer 204 at once).",
)  # fmt: skip
@click.option(
    "--latency-ms",
    default="0",
    metavar="MS",
    show_default=True,
    help="Delay added before every answer.",
)
@click.option(
    "--fail-rate", default="0.0", metavar="RATE", show_default=True,
    help="Per-request failures: your code sees some errors. Share (0..1) of entity requests that "
    "answer 500 as a stale session does, ending it. For sessions that die as real ones do, see "
    "--restart-rate, --session-idle-timeout and --evict-idle-sessions.",
)  # fmt: skip
@click.option(
    "--restart-rate", default="0.0", metavar="RATE", show_default=True,
    help="Share (0..1) of entity requests after which the instance restarts: every cookie session "
    "ends once the request is answered, and each one's next request answers 401. Deterministic "
    "under --seed. POST /sandbox/expire-sessions does the same on demand.",
)  # fmt: skip
@click.option(
    "--conflict-rate", default="0.0", metavar="RATE", show_default=True,
    help="Share (0..1) of writes (PUT, DELETE, actions) that fail with 'Another process has "
    "updated...' and change nothing.",
)  # fmt: skip
@click.option(
    "--long-operation-rate", default="0.0", metavar="RATE", show_default=True,
    help="Share (0..1) of entity requests that answer 409 'A long operation is running for this "
    "screen in the current session' and run nothing.",
)  # fmt: skip
@click.option(
    "--rate-limit", default=None, metavar="N",
    help="Entity requests allowed per second; more answer 429 with Retry-After. Default: no limit.",
)  # fmt: skip
@click.option(
    "--seed",
    default=None,
    metavar="N",
    help="Seed for --fail-rate, --restart-rate, --conflict-rate, --long-operation-rate and record "
    "ids: the same run every time.",
)
@click.option(
    "--user", "users", multiple=True, metavar="NAME:PASSWORD",
    help="A user who may sign in (repeatable). Default: admin:123.",
)  # fmt: skip
@click.option(
    "--tenant", "tenants", multiple=True, metavar="NAME",
    help="A tenant that exists (repeatable; the first is the default). Default: any name is accepted, "
    "'Company' when none is given.",
)  # fmt: skip
@click.option(
    "--client", "clients", multiple=True, metavar="ID:SECRET",
    help="An OAuth client (repeatable). Default: any client id and secret are accepted.",
)  # fmt: skip
@click.option(
    "--token-lifetime",
    default="3600",
    metavar="SECONDS",
    show_default=True,
    help="Seconds an OAuth access token lives.",
)
@click.option(
    "--session-idle-timeout", "--session-timeout", "session_idle_timeout", default="1200",
    metavar="SECONDS", show_default=True,
    help="Idle seconds after which a cookie session ends by itself (Acumatica: about 20 minutes).",
)  # fmt: skip
@click.option(
    "--evict-idle-sessions", is_flag=True,
    help="At the --max-sessions limit, a new sign-in ends the session idle longest instead of "
    "answering 429 'API Login Limit' (Acumatica's default).",
)  # fmt: skip
@click.option(
    "--max-concurrent-requests", default=None, metavar="N",
    help="Licence limit: requests served at once; more wait in a queue, and one that would wait "
    "over --request-queue-timeout answers 429 'API Concurrent Request Limit'. Default: no limit.",
)  # fmt: skip
@click.option(
    "--max-requests-per-minute", default=None, metavar="N",
    help="Licence limit: requests started in any 60 s; more wait for the window, and one that would "
    "wait over --request-queue-timeout answers 429 'API Request Limit'. Default: no limit.",
)  # fmt: skip
@click.option(
    "--request-queue-timeout", default="10", metavar="SECONDS", show_default=True,
    help="Longest wait in the licence queues before a request answers 429.",
)  # fmt: skip
@click.option(
    "--no-reference-checks", "no_reference_checks", is_flag=True,
    help="Accept linked keys that do not exist (an order for customer NOPE); by default they "
    "answer 422 \"'Customer ID' cannot be found in the system.\"",
)  # fmt: skip
@click.option(
    "--redirect-stale-to-login", is_flag=True,
    help="A request without a live session answers 302 Location: /Frames/Login.aspx instead of 401.",
)  # fmt: skip
@click.option(
    "--html-errors", is_flag=True,
    help="Error answers are HTML pages (text/html), as IIS serves them, instead of JSON.",
)  # fmt: skip
@click.option(
    "--stale-every-request", is_flag=True,
    help="Every signed-in entity request ends its session and answers the stale-session 500 "
    "'You are not logged in.' (sign-in still works).",
)  # fmt: skip
@click.option(
    "--build-version", default=None, metavar="VERSION",
    help="The acumaticaBuildVersion GET /entity answers (e.g. 24.200.0100). Default: derived from "
    "the newest endpoint version served.",
)  # fmt: skip
@click.option(
    "--config", "config", default=None, metavar="PYPROJECT",
    help="pyproject.toml whose [tool.acumatica-codegen] keys apply to the served documents. "
    "Default: the nearest one at or above the working folder, if any.",
)  # fmt: skip
@click.option(
    "--auto-number", "auto_number", multiple=True, metavar="ENTITY",
    help="Also number ENTITY's last key (text, int or GUID; e.g. Customer's CustomerID) when a new "
    "record leaves it out (repeatable). By default only the last key is numbered, and only a "
    "document number (...Nbr), an int/GUID id, or Case, Opportunity and ExpenseReceipt's ids; "
    "any other missing key without a screen default answers 422 \"'Customer ID' cannot be "
    "empty.\"",
)  # fmt: skip
@click.option(
    "--manual-number", "manual_number", multiple=True, metavar="ENTITY",
    help="Never number ENTITY's keys, as with a manual numbering sequence (repeatable).",
)  # fmt: skip
@click.option(
    "--key-default", "key_defaults", multiple=True, metavar="ENTITY.FIELD=VALUE",
    help="The value a new ENTITY record gets for key FIELD when it leaves it out (repeatable), "
    "like a screen default; an empty VALUE removes one. Built in: SalesOrder.OrderType=SO, "
    "SalesInvoice/Invoice.Type=Invoice, Payment.Type=Payment, Bill.Type=Bill, "
    "JournalTransaction.Module=GL and a few more (see the README).",
)  # fmt: skip
def sandbox_command(
    specs: tuple[str, ...],
    host: str,
    port: str,
    max_sessions: str,
    action_polls: str,
    latency_ms: str,
    fail_rate: str,
    restart_rate: str,
    conflict_rate: str,
    long_operation_rate: str,
    rate_limit: str | None,
    seed: str | None,
    users: tuple[str, ...],
    tenants: tuple[str, ...],
    clients: tuple[str, ...],
    token_lifetime: str,
    session_idle_timeout: str,
    evict_idle_sessions: bool,
    max_concurrent_requests: str | None,
    max_requests_per_minute: str | None,
    request_queue_timeout: str,
    no_reference_checks: bool,
    redirect_stale_to_login: bool,
    html_errors: bool,
    stale_every_request: bool,
    build_version: str | None,
    config: str | None,
    auto_number: tuple[str, ...],
    manual_number: tuple[str, ...],
    key_defaults: tuple[str, ...],
) -> None:
    """Serve a local Acumatica for SPEC (one or more endpoint documents) until Ctrl-C.

    It answers like Acumatica's contract-based REST API: sign-in (cookie and OAuth 2.0), entity
    CRUD per tenant with $filter/$select/$expand, actions, files, and GET /sandbox/stats.
    The first line on stdout is "Sandbox listening on http://HOST:PORT".
    """
    from .runner import Sandbox

    paths = [Path(spec) for spec in specs]
    for path in paths:
        if not path.is_file():
            raise UserError(f"{path}: no such file; give an endpoint document (swagger.json)")
    sandbox = Sandbox(
        paths,
        host=host,
        port=_number(port, "--port", int, 0, 65535),
        max_sessions=_number(max_sessions, "--max-sessions", int, 1, None),
        action_polls=_number(action_polls, "--action-polls", int, 0, None),
        latency_ms=_number(latency_ms, "--latency-ms", float, 0, None),
        fail_rate=_number(fail_rate, "--fail-rate", float, 0, 1),
        conflict_rate=_number(conflict_rate, "--conflict-rate", float, 0, 1),
        long_operation_rate=_number(long_operation_rate, "--long-operation-rate", float, 0, 1),
        rate_limit=_optional(rate_limit, "--rate-limit", float, 0.001),
        seed=_number(seed, "--seed", int, -(2**63), None) if seed is not None else None,
        users=_pairs(users, "--user", "NAME:PASSWORD") or None,
        tenants=list(tenants) or None,
        oauth_clients=_pairs(clients, "--client", "ID:SECRET") or None,
        token_lifetime=_number(token_lifetime, "--token-lifetime", float, 0.001, None),
        session_idle_timeout=_number(
            session_idle_timeout, "--session-idle-timeout", float, 0.001, None
        ),
        restart_rate=_number(restart_rate, "--restart-rate", float, 0, 1),
        evict_idle_sessions=evict_idle_sessions,
        max_concurrent_requests=_optional(
            max_concurrent_requests, "--max-concurrent-requests", int, 1
        ),
        max_requests_per_minute=_optional(
            max_requests_per_minute, "--max-requests-per-minute", int, 1
        ),
        request_queue_timeout=_number(
            request_queue_timeout, "--request-queue-timeout", float, 0, None
        ),
        reference_checks=not no_reference_checks,
        redirect_stale_to_login=redirect_stale_to_login,
        html_errors=html_errors,
        stale_every_request=stale_every_request,
        build_version=build_version,
        config=Path(config) if config is not None else True,
        auto_number=auto_number,
        manual_number=manual_number,
        key_defaults=_key_defaults(key_defaults),
    )
    sandbox.bind()
    click.echo(f"Sandbox listening on {sandbox.url}")
    for loaded in sandbox.state.loaded.values():
        endpoint = loaded.endpoint
        click.echo(
            f"  {endpoint.name}/{endpoint.version}: {len(endpoint.top_level_entities)} entities at "
            f"{sandbox.url}/entity/{endpoint.name}/{endpoint.version}/"
        )
    import sys

    sys.stdout.flush()
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:  # pragma: no cover - interactive
        pass
