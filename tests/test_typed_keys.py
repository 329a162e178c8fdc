"""From the user's side: ``get_by_keys`` takes the entity's keys as typed parameters, under
``mypy --strict``, and an entity without keys has no ``get_by_keys`` to call wrongly."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.render import write_package
from testkit import WEBSHOP_24

USER_CODE = """
from acumatica_web_shop import AsyncClient, Client
from acumatica_web_shop.models import Payment, SalesOrder


def reread(client: Client, order: SalesOrder) -> SalesOrder:
    assert isinstance(order.order_type, str) and isinstance(order.order_nbr, str)
    return client.sales_order.get_by_keys(order.order_type, order.order_nbr)


def remove(client: Client) -> None:
    client.sales_order.delete_by_keys(order_type="SO", order_nbr="000123")


async def customer_name(client: AsyncClient) -> str | None:
    customer = await client.customer.get_by_keys(customer_id="C000123", select=["CustomerName"])
    name = customer.customer_name
    return name if isinstance(name, str) else None


def by_id(client: Client) -> Payment:
    return client.payment.get("0f8fad5b-d9cb-469f-a165-70867728950e")
"""

# Each line must be refused, with this mypy message.
MISTAKES = {
    'client.sales_order.get_by_keys("SO")': 'Missing positional argument "order_nbr"',
    'client.sales_order.get_by_keys(order_type="SO", order_nbr=123)': "incompatible type",
    'client.sales_order.get_by_keys(order_type="SO", nbr="1")': 'Unexpected keyword argument "nbr"',
    'client.payment.get_by_keys("000042")': 'has no attribute "get_by_keys"',
    'client.payment.delete_by_keys("000042")': 'has no attribute "delete_by_keys"',
}


def test_get_by_keys_is_typed_per_key_and_absent_without_keys_under_mypy_strict(
    tmp_path: Path,
) -> None:
    endpoint = load_endpoint(WEBSHOP_24)
    # Payment stands for an entity Acumatica addresses by id only.
    entities = tuple(replace(e, keys=()) if e.name == "Payment" else e for e in endpoint.entities)
    project = write_package(replace(endpoint, entities=entities), tmp_path / "out").project_dir
    (project / "user_code.py").write_text(USER_CODE, encoding="utf-8")
    mistakes = "from acumatica_web_shop import Client\n\n\ndef wrong(client: Client) -> None:\n"
    mistakes += "".join(f"    {line}\n" for line in MISTAKES)
    (project / "user_mistakes.py").write_text(mistakes, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
         str(tmp_path / ".mypy_cache"), "user_code.py", "user_mistakes.py"],
        capture_output=True,
        text=True,
        cwd=project,
    )  # fmt: skip
    errors = re.findall(r"^(user_\w+)\.py:(\d+): error: (.*)$", run.stdout, re.MULTILINE)
    assert [e for e in errors if e[0] == "user_code"] == []
    refused = {int(line): message for file, line, message in errors if file == "user_mistakes"}
    for number, (line, expected) in enumerate(MISTAKES.items(), start=5):
        assert expected in refused.get(number, ""), (line, run.stdout)
