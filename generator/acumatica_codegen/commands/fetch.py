"""``acumatica-codegen fetch`` and ``acumatica-codegen endpoints``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import jsontext
from ..errors import UserError
from ..fetch import (
    DEFAULT_TIMEOUT,
    Credentials,
    EndpointRef,
    FetchedDocument,
    check_output,
    check_timeout,
    default_output_path,
    fetch_document,
    fetch_documents,
    list_endpoints,
    public_url,
    read_lock,
    write_document,
)
from ..versions import endpoint_identity

#: Downloads at least this large (or of unknown size) show progress on a terminal.
PROGRESS_THRESHOLD = 256 * 1024


def _credential_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The sign-in options shared by ``fetch`` and ``endpoints``, each with its variable."""
    options = [
        click.option(
            "--username", "-u", envvar="ACUMATICA_USERNAME", show_envvar=True, help="User name."
        ),
        click.option(
            "--password",
            envvar="ACUMATICA_PASSWORD",
            show_envvar=True,
            help="Password (prefer the variable, or the prompt, to keep it out of shell history).",
        ),
        click.option("--tenant", envvar="ACUMATICA_TENANT", show_envvar=True, help="Tenant."),
        click.option("--branch", envvar="ACUMATICA_BRANCH", show_envvar=True, help="Branch."),
        click.option(
            "--client-id",
            envvar="ACUMATICA_CLIENT_ID",
            show_envvar=True,
            help="OAuth 2.0 client id: sign in with the password grant instead of a cookie.",
        ),
        click.option(
            "--client-secret",
            envvar="ACUMATICA_CLIENT_SECRET",
            show_envvar=True,
            help="OAuth 2.0 client secret.",
        ),
        click.option(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds to wait for each answer.",
        ),
        click.option(
            "--insecure",
            is_flag=True,
            help="Do not verify the TLS certificate (self-signed test instances).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _interactive() -> bool:
    return sys.stdin.isatty()


def resolve_credentials(
    *,
    username: str | None,
    password: str | None,
    tenant: str | None,
    branch: str | None,
    client_id: str | None,
    client_secret: str | None,
    required: bool,
) -> Credentials | None:
    """Credentials from options and variables, prompting for what is missing on a terminal only."""
    if not username:
        if not required:  # endpoints: anonymous unless a user is named
            return None
        if not _interactive():
            raise UserError(
                "no user name: pass --username or set ACUMATICA_USERNAME "
                "(stdin is not a terminal, so there is no prompt)"
            )
        username = click.prompt("User name", err=True)
    if not password:
        if not _interactive():
            raise UserError(
                f"no password for {username!r}: set ACUMATICA_PASSWORD or pass --password "
                "(stdin is not a terminal, so there is no prompt)"
            )
        password = click.prompt(f"Password for {username}", hide_input=True, err=True)
    if client_id and not client_secret:  # an empty secret would only fail at the server
        if not _interactive():
            raise UserError(
                f"no client secret for OAuth client {client_id!r}: give --client-secret or set "
                "ACUMATICA_CLIENT_SECRET (stdin is not a terminal, so there is no prompt)"
            )
        client_secret = click.prompt(f"Client secret for {client_id}", hide_input=True, err=True)
    return Credentials(
        username=str(username),
        password=str(password),
        tenant=tenant or None,
        branch=branch or None,
        client_id=client_id or None,
        client_secret=client_secret or None,
    )


class _Progress:
    """Download progress on stderr, only on a terminal and only for large documents."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = False
        self.last: tuple[int, ...] = ()

    def __call__(self, received: int, total: int | None) -> None:
        if total is not None and total < PROGRESS_THRESHOLD:
            return
        if total is None and received < PROGRESS_THRESHOLD and not self.shown:
            return
        # Redraw when the percentage (or, of unknown size, the tenth of a MB) moves, not per chunk.
        step = (received * 100 // total,) if total else (received // (100 * 1024),)
        if step == self.last:
            return
        self.last = step
        of = f" / {_size(total)} ({received * 100 // total}%)" if total else ""
        click.echo(f"\r  {self.label}: {_size(received)}{of}   ", err=True, nl=False)
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            click.echo("", err=True)
            self.shown = False


def _progress(label: str) -> _Progress | None:
    return _Progress(label) if sys.stderr.isatty() else None


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} kB"
    return f"{count} B"


def _report(
    document: FetchedDocument, spec_path: Path, lock_path: Path, previous: str | None
) -> None:
    build = f" (build {document.build_version})" if document.build_version else ""
    state = ""
    if previous == document.sha256:
        state = ", unchanged"
    elif previous:
        state = f", changed (was {previous[:12]})"
    click.echo(
        f"Fetched {document.name}/{document.version} from {public_url(document.source_url)}{build}"
    )
    click.echo(
        f"  wrote {spec_path} ({_size(len(document.content))}, {document.format}, "
        f"sha256 {document.sha256[:12]}{state}) and {lock_path.name}"
    )


@click.command("fetch")
@click.option("--url", envvar="ACUMATICA_URL", show_envvar=True, help="The instance's address.")
@click.option("--endpoint", "name", metavar="NAME", help="Endpoint name, e.g. Default.")
@click.option("--version", metavar="VERSION", help="Endpoint version, e.g. 24.200.001.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the document [default: specs/NAME_VERSION.json].",
)
@click.option(
    "--all",
    "fetch_all",
    is_flag=True,
    help="Refresh every spec listed in [tool.acumatica-codegen] from this one instance.",
)
@_credential_options
def fetch_command(
    url: str | None,
    name: str | None,
    version: str | None,
    output: Path | None,
    fetch_all: bool,
    timeout: float,
    insecure: bool,
    **credential_options: str | None,
) -> None:
    """Download an endpoint document (swagger.json) and write it with a lock record.

    Signs in, downloads /entity/NAME/VERSION/swagger.json, always signs out, checks that the
    document is that endpoint's, and writes specs/NAME_VERSION.json plus NAME_VERSION.lock.json
    (address, endpoint, version, sha256, server build; never credentials).
    """
    check_timeout(timeout)
    if fetch_all:
        if name or version or output:
            raise UserError("--all fetches every configured spec: drop --endpoint/--version/-o")
        _fetch_configured(url, timeout=timeout, verify=not insecure, **credential_options)
        return
    if not url:
        raise UserError("no instance address: pass --url or set ACUMATICA_URL")
    if not name or not version:
        raise UserError(
            "say which endpoint: --endpoint NAME --version VERSION "
            "(`acumatica-codegen endpoints --url URL` lists them), or --all"
        )
    spec_path = output or default_output_path(name, version)
    check_output(spec_path, "choose another path with -o")  # before signing in
    credentials = resolve_credentials(required=True, **credential_options)
    progress = _progress(f"{name}/{version}")
    try:
        document = fetch_document(
            url,
            name,
            version,
            credentials,
            timeout=timeout,
            progress=progress,
            verify=not insecure,
        )
    finally:
        if progress is not None:
            progress.finish()
    previous = (read_lock(spec_path) or {}).get("sha256")
    spec_path, lock_path = write_document(document, spec_path)
    _report(document, spec_path, lock_path, previous)


def _load_config() -> Any:
    from .. import config

    return config.load_config()


def _endpoint_of(spec_path: Path) -> EndpointRef:
    """Which endpoint a configured spec file holds: lock record, document title, file name."""
    lock = read_lock(spec_path)
    if lock and lock.get("endpoint") and lock.get("version"):
        return EndpointRef(str(lock["endpoint"]), str(lock["version"]))
    try:
        with spec_path.open("rb") as handle:
            document = jsontext.loads(handle.read().decode("utf-8-sig"))
        title = (document.get("info") or {}).get("title")
        identity = endpoint_identity(title) if isinstance(title, str) else None
        if identity:
            return EndpointRef(*identity)
    except (OSError, ValueError, AttributeError):
        pass
    stem = spec_path.name[: -len(".json")] if spec_path.name.endswith(".json") else spec_path.stem
    name, sep, version = stem.rpartition("_")
    if sep and name and version:
        return EndpointRef(name, version)
    raise UserError(
        f"{spec_path}: cannot tell which endpoint it holds (no lock record, no 'Name/Version' "
        "title, file name not NAME_VERSION.json)"
    )


def _fetch_configured(
    url: str | None, *, timeout: float, verify: bool, **credential_options: str | None
) -> None:
    """``fetch --all``: every spec in ``[tool.acumatica-codegen]``, in one session."""
    loaded = _load_config()
    specs = [entry.spec for entry in loaded.endpoints]
    if not specs:
        raise UserError(f"{loaded.path}: [tool.acumatica-codegen] lists no endpoints to fetch")
    url = url or loaded.url
    if not url:
        raise UserError(
            "no instance address: pass --url, set ACUMATICA_URL, or set url in "
            "[tool.acumatica-codegen]"
        )
    credential_options["tenant"] = credential_options.get("tenant") or loaded.tenant
    credential_options["branch"] = credential_options.get("branch") or loaded.branch
    wanted = [_endpoint_of(path) for path in specs]
    for path in specs:
        check_output(path, f"fix spec in [tool.acumatica-codegen] of {loaded.path}")
    credentials = resolve_credentials(required=True, **credential_options)
    progress = _progress("downloading")
    try:
        documents = fetch_documents(
            url, wanted, credentials, timeout=timeout, progress=progress, verify=verify
        )
    finally:
        if progress is not None:
            progress.finish()
    for path, document in zip(specs, documents, strict=True):
        previous = (read_lock(path) or {}).get("sha256")
        spec_path, lock_path = write_document(document, path)
        _report(document, _relative(spec_path), lock_path, previous)


def _relative(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


@click.command("endpoints")
@click.option("--url", envvar="ACUMATICA_URL", show_envvar=True, help="The instance's address.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_credential_options
def endpoints_command(
    url: str | None, as_json: bool, timeout: float, insecure: bool, **credential_options: str | None
) -> None:
    """List the endpoints and versions an instance publishes (GET /entity).

    Without credentials only the system endpoints show; sign in to see custom ones.
    """
    check_timeout(timeout)
    if not url:
        raise UserError("no instance address: pass --url or set ACUMATICA_URL")
    credentials = resolve_credentials(required=False, **credential_options)
    info = list_endpoints(url, credentials, timeout=timeout, verify=not insecure)
    if as_json:
        payload = {
            "url": public_url(url),
            "build_version": info.build_version,
            "endpoints": [{"name": e.name, "version": e.version} for e in info.endpoints],
        }
        click.echo(json.dumps(payload, indent=2))
        return
    who = f"signed in as {credentials.username}" if credentials else "not signed in"
    build = f"build {info.build_version}, " if info.build_version else ""
    count = len(info.endpoints)
    click.echo(f"{public_url(url)} ({build}{who}): {count} endpoint{'' if count == 1 else 's'}")
    width = max((len(e.name) for e in info.endpoints), default=0)
    for endpoint in info.endpoints:
        click.echo(f"  {endpoint.name:<{width}}  {endpoint.version}")
    if not credentials:
        click.echo("Custom endpoints are listed only when signed in (--username).")
