"""``acumatica-codegen demo``: the whole workflow in a few seconds, no Acumatica instance needed.

Starts the sandbox on the project's example endpoint, fetches its document over HTTP with the
fetcher, generates the client into a temporary folder, imports it, and uses it: a customer, a sales
order, an invoice released through an action (with its 202 → 204 polling shown), a listing of what
it created, and the sign-out, each step in a line or two.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from ..errors import UserError
from ..versions import VersionKey, version_key

DEMO_USER = "admin"
EXAMPLE_GLOB = "WebShop_*.json"


def _file_version_key(path: Path) -> VersionKey:
    """Order ``WebShop_<version>.json`` files by the version in their name."""
    return version_key(path.name.removesuffix(".json").rpartition("_")[2])


def find_example_spec() -> Path:
    """The newest ``specs/WebShop_*.json``: in the working folder's project, else beside the package."""
    roots = [Path.cwd()]
    try:
        from ..config import find_pyproject

        roots.append(find_pyproject().parent)
    except UserError:
        pass
    roots.append(Path(__file__).resolve().parents[3])  # a source checkout: generator/../
    for root in roots:
        found = [p for p in (root / "specs").glob(EXAMPLE_GLOB) if ".lock." not in p.name]
        if found:
            return max(found, key=lambda p: (_file_version_key(p), p.name))
    raise UserError(
        f"no example endpoint document (specs/{EXAMPLE_GLOB}) found; run the demo from the "
        "acumatica-codegen project folder, or pass --spec FILE"
    )


class _Steps:
    """Numbered, aligned step lines: ``3. Fetch      signed in as admin, ...``."""

    def __init__(self) -> None:
        self.number = 0
        self.started = time.perf_counter()

    def __call__(self, title: str, text: str, *more: str) -> None:
        self.number += 1
        click.echo(f"{self.number:>2}. {title:<10} {text}")
        for line in more:
            click.echo(f"    {'':<10} {line}")


class _ActionWatcher:
    """An httpx response hook that records the exchanges of one action: the POST and its polls."""

    def __init__(self) -> None:
        self.active = False
        self.seen: list[tuple[str, str, int]] = []

    def __call__(self, response: Any) -> None:
        if self.active:
            request = response.request
            self.seen.append((request.method, request.url.path, response.status_code))

    @contextmanager
    def watching(self) -> Iterator[list[tuple[str, str, int]]]:
        self.seen = []
        self.active = True
        try:
            yield self.seen
        finally:
            self.active = False


@click.command("demo")
@click.option(
    "--spec",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Endpoint document to serve [default: the newest specs/WebShop_*.json].",
)
@click.option(
    "--keep", is_flag=True, help="Keep the temporary folder (fetched spec, generated client)."
)
def demo_command(spec: Path | None, keep: bool) -> None:
    """Run the whole workflow against a local sandbox: fetch, generate, import, use.

    No Acumatica instance needed: the sandbox answers like one for the example endpoint.
    """
    spec = spec or find_example_spec()
    check_demo_endpoint(spec)
    steps = _Steps()
    click.echo("acumatica-codegen demo: fetch → generate → import → use, against a local sandbox")
    click.echo("")
    try:
        if keep:
            folder = Path(tempfile.mkdtemp(prefix="acumatica-demo-"))
            _run(spec, folder, steps)
            click.echo(f"    Kept {folder}")
        else:
            with tempfile.TemporaryDirectory(prefix="acumatica-demo-") as name:
                _run(spec, Path(name), steps)
    except (UserError, click.exceptions.Abort, click.exceptions.Exit, KeyboardInterrupt):
        raise
    except Exception as error:  # any other failure: one line that names the step, no traceback
        step = steps.number + 1
        text = " ".join(str(error).split())[:300] or "no message"
        raise UserError(
            f"the demo failed at step {step} ({type(error).__name__}: {text}); "
            f"rerun with --keep to inspect the fetched spec and the generated client"
        ) from None
    click.echo("")
    click.echo(
        f"Done in {time.perf_counter() - steps.started:.1f} s. Against your instance: "
        "acumatica-codegen fetch --url https://... --endpoint NAME --version V"
    )


def _run(spec: Path, folder: Path, steps: _Steps) -> None:
    from ..fetch import Credentials, fetch_document, list_endpoints, write_document
    from ..sandbox import Sandbox
    from ..sandbox.options import DEFAULT_USERS

    password = DEFAULT_USERS[DEMO_USER]
    served = _identity(spec)
    with Sandbox(spec, port=0) as sandbox:
        _stock_the_catalogue(sandbox)
        url = sandbox.url
        steps("Sandbox", f"serving {spec.name} at {url} (in-memory, in this process)")

        info = list_endpoints(url)
        listed = ", ".join(f"{e.name}/{e.version}" for e in info.endpoints)
        build = f" on build {info.build_version}" if info.build_version else ""
        steps("Endpoints", f"GET /entity lists {listed}{build}")

        ref = next((e for e in info.endpoints if (e.name, e.version) == served), None)
        if ref is None:
            raise UserError(f"the sandbox at {url} does not list {served[0]}/{served[1]}")
        credentials = Credentials(username=DEMO_USER, password=password)
        document = fetch_document(url, ref.name, ref.version, credentials)
        spec_path, lock_path = write_document(
            document, folder / "specs" / f"{ref.name}_{ref.version}.json"
        )
        steps(
            "Fetch",
            f"signed in as {DEMO_USER}, downloaded swagger.json ({len(document.content) // 1024} kB, "
            f"{document.format}, sha256 {document.sha256[:12]}), signed out",
            f"→ {spec_path.name} + {lock_path.name}",
        )

        package, generated_in = _generate(spec_path, folder / "generated")
        steps("Generate", generated_in)

        started = time.perf_counter()
        module = importlib.import_module(package)
        steps(
            "Import",
            f"import {package} → ENDPOINT {module.ENDPOINT!r}, VERSION {module.VERSION!r} "
            f"({(time.perf_counter() - started) * 1000:.0f} ms)",
        )
        _use_client(module, package, url, password, steps)
        stats = _stats(url)
        steps(
            "Sign out",
            f"the client signed out on leaving `with`; the sandbox counted {stats.get('logins')} logins, {stats.get('logouts')} "
            f"logouts, {stats.get('open_sessions')} open sessions",
        )


#: What the demo's steps use: top-level entity → (client attribute, fields it sets or reads).
DEMO_ENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Customer": ("customer", ("CustomerID", "CustomerName", "Email", "MainContact")),
    "SalesOrder": ("sales_order", ("OrderType", "OrderNbr", "CustomerID", "Details")),
    "SalesInvoice": ("sales_invoice", ("Type", "ReferenceNbr", "CustomerID", "Details", "Status")),
}
DEMO_ACTION = ("SalesInvoice", "ReleaseSalesInvoice")


def check_demo_endpoint(spec: Path) -> None:
    """Refuse, in one sentence, a document the demo's steps cannot run against.

    The demo creates a WebShop customer, order and invoice and releases the invoice: a document
    of another endpoint (Default, a custom one) lacks some of those entities, fields or actions.
    """
    from ..builder import load_endpoint

    endpoint = load_endpoint(spec)
    top_level = {entity.name: entity for entity in endpoint.top_level_entities}
    missing: list[str] = []
    for name, (attribute, fields) in DEMO_ENTITIES.items():
        entity = top_level.get(name)
        if entity is None or entity.attribute_name != attribute:
            missing.append(f"entity {name}")
            continue
        have = {field.wire_name for field in entity.fields}
        missing.extend(f"field {name}.{field}" for field in fields if field not in have)
    entity_name, action_name = DEMO_ACTION
    entity = top_level.get(entity_name)
    if entity is not None and action_name not in {action.name for action in entity.actions}:
        missing.append(f"action {entity_name}.{action_name}")
    if missing:
        shown = ", ".join(missing[:4]) + (
            f" and {len(missing) - 4} more" if len(missing) > 4 else ""
        )
        raise UserError(
            f"{spec}: the demo needs the WebShop example endpoint (specs/{EXAMPLE_GLOB}); "
            f"{endpoint.name}/{endpoint.version} lacks {shown}"
        )


def _identity(spec: Path) -> tuple[str, str]:
    """The endpoint the document names (its IR's name and version)."""
    from ..builder import document_identity
    from ..spec import read_document

    return document_identity(read_document(spec))


def _generate(spec_path: Path, out: Path) -> tuple[str, str]:
    from ..builder import load_endpoint
    from ..render import default_package_name, write_package

    started = time.perf_counter()
    endpoint = load_endpoint(spec_path)
    package = default_package_name(endpoint)
    result = write_package(endpoint, out, package, spec_name=spec_path.name)
    elapsed = time.perf_counter() - started
    sys.path.insert(0, str(result.project_dir))
    importlib.invalidate_caches()
    return package, (
        f"{package}: {len(endpoint.top_level_entities)} top-level entities, "
        f"{len(endpoint.entities)} models, {len(result.written)} files in {elapsed:.2f} s"
    )


CUSTOMER_ID = "NORTHWIND"
DEMO_ITEMS = ("ESPRESSO-1KG", "GRINDER")  # what the demo order sells (see _create_order)


def _use_client(module: Any, package: str, url: str, password: str, steps: _Steps) -> None:
    """Sign in with the generated client and run the business steps; it signs out on exit."""
    import httpx

    models = importlib.import_module(f"{package}.models")
    watcher = _ActionWatcher()
    # An injected httpx client with a response hook: how the demo sees the action's polling.
    http = httpx.Client(timeout=30.0, event_hooks={"response": [watcher]})
    auth = module.CookieAuth(username=DEMO_USER, password=password)
    try:
        with module.Client(url, auth=auth, http_client=http, action_poll_interval=0.1) as client:
            _create_customer(client, models, steps)
            order = _create_order(client, models, steps)
            invoice = _create_invoice(client, models, order, steps)
            _release_invoice(client, invoice, watcher, steps)
            _list_created(client, steps)
    finally:
        http.close()


def _stock_the_catalogue(sandbox: Any) -> None:
    """The items the demo order sells: the sandbox, like Acumatica, refuses an order line for an
    item it does not know ("'Inventory ID' cannot be found in the system.")."""
    if any(loaded.entity("StockItem") for loaded in sandbox.state.loaded.values()):
        sandbox.seed("StockItem", *({"InventoryID": {"value": item}} for item in DEMO_ITEMS))


def _create_customer(client: Any, models: Any, steps: _Steps) -> None:
    customer = client.customer.put(
        models.Customer(
            customer_id=CUSTOMER_ID,
            customer_name="Northwind Coffee Roasters",
            email="orders@northwind.example",
            main_contact=models.Contact(first_name="Ada", last_name="Lovelace"),
        )
    )
    steps(
        "Customer",
        f'client.customer.put(Customer(customer_id="{CUSTOMER_ID}", main_contact=Contact(...), ...))',
        f"→ Customer {customer.customer_id} {customer.customer_name!r}, id {str(customer.id)[:8]}…",
    )


def _create_order(client: Any, models: Any, steps: _Steps) -> Any:
    order = client.sales_order.put(
        models.SalesOrder(
            order_type="SO",
            customer_id=CUSTOMER_ID,
            description="Demo order",
            details=[
                models.SalesOrderDetail(
                    inventory_id="ESPRESSO-1KG", order_qty=Decimal("2"), unit_price=Decimal("24.50")
                ),
                models.SalesOrderDetail(
                    inventory_id="GRINDER", order_qty=Decimal("1"), unit_price=Decimal("89.00")
                ),
            ],
        ),
        expand="Details",
    )
    lines = order.details if isinstance(order.details, list) else []
    steps(
        "Order",
        'client.sales_order.put(SalesOrder(order_type="SO", details=[SalesOrderDetail(...), ...]), '
        'expand="Details")',
        f"→ SalesOrder {order.order_type} {order.order_nbr}{_status(order)}: "
        + ", ".join(f"{line.order_qty} × {line.inventory_id}" for line in lines),
    )
    return order


def _create_invoice(client: Any, models: Any, order: Any, steps: _Steps) -> Any:
    invoice = client.sales_invoice.put(
        models.SalesInvoice(
            type="Invoice",
            customer_id=CUSTOMER_ID,
            description=f"Invoice for order {order.order_type} {order.order_nbr}",
            details=[
                models.SalesInvoiceDetail(
                    inventory_id="ESPRESSO-1KG", qty=Decimal("2"), unit_price=Decimal("24.50")
                )
            ],
        )
    )
    steps(
        "Invoice",
        'client.sales_invoice.put(SalesInvoice(type="Invoice", details=[...]))',
        f"→ SalesInvoice {invoice.type} {invoice.reference_nbr}{_status(invoice)}",
    )
    return invoice


def _release_invoice(client: Any, invoice: Any, watcher: _ActionWatcher, steps: _Steps) -> None:
    with watcher.watching() as seen:
        client.sales_invoice.release_sales_invoice(invoice)
    released = client.sales_invoice.get(invoice.id)
    if not seen:
        polling = "no exchange recorded"
    else:
        polls = ", ".join(str(code) for _, _, code in seen[1:]) or "none"
        polling = f"POST …/ReleaseSalesInvoice → {seen[0][2]}, then polled its Location: {polls}"
    steps(
        "Release",
        "client.sales_invoice.release_sales_invoice(invoice)",
        f"→ {polling}",
        f"→ done: the invoice's Status is now {_status_id(released)!r}",
    )


def _list_created(client: Any, steps: _Steps) -> None:
    where = f"CustomerID eq '{CUSTOMER_ID}'"
    customers = client.customer.list(filter=where)
    orders = client.sales_order.list(filter=where)
    invoices = client.sales_invoice.list(filter=where)
    steps(
        "List",
        f'client.<entity>.list(filter="{where}")',
        f"→ customers: {', '.join(c.customer_id for c in customers)}; "
        f"orders: {', '.join(f'{o.order_type} {o.order_nbr}' for o in orders)}; "
        f"invoices: {', '.join(f'{i.type} {i.reference_nbr} ({i.status})' for i in invoices)}",
    )


def _status(record: Any) -> str:
    status = _status_id(record)
    return f" ({status})" if status is not None else ""


def _status_id(record: Any) -> str | None:
    """The record's Status: text up to contract 4, a select value (its id) from contract 5."""
    status = getattr(record, "status", None)
    status = getattr(status, "id", status)
    return status if isinstance(status, str) else None


def _stats(url: str) -> dict[str, Any]:
    import httpx

    try:
        data = httpx.get(f"{url}/sandbox/stats", timeout=10).json()
    except (httpx.HTTPError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
