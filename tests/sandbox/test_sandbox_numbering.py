"""Which missing keys the sandbox numbers, over real HTTP: ``auto_number`` and ``manual_number``.

Without options only the last key of a document (``...Nbr``) or an int/GUID identity is numbered;
``tests/sandbox/test_sandbox_entities.py`` covers that default.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from acumatica_codegen.errors import UserError
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import (
    BASE_24,
    RUN_CLI,
    WEBSHOP_24,
    cli_env,
    cli_sandbox,
    signed_in,
    value,
    wrap,
)

DEFAULT_24 = "/entity/Default/24.200.001"


def put(client: httpx.Client, entity: str, body: dict[str, Any]) -> httpx.Response:
    return client.put(f"{BASE_24}/{entity}", json=body)


def check_numbering(url: str) -> None:
    """Customer numbered (auto_number), SalesOrder not (manual_number)."""
    client = signed_in(url)
    try:
        first = put(client, "Customer", {})
        assert first.status_code == 200, first.text
        assert value(first.json()["CustomerID"]) == "000001"
        second = put(client, "Customer", wrap(CustomerID="<NEW>", CustomerName="Ann")).json()
        assert value(second["CustomerID"]) == "000002"
        given = put(client, "Customer", wrap(CustomerID="C-ANN")).json()
        assert value(given["CustomerID"]) == "C-ANN"

        refused = put(client, "SalesOrder", wrap(OrderType="SO", CustomerID="C-ANN"))
        assert refused.status_code == 422, refused.text
        assert refused.json()["OrderNbr"]["error"] == "'Order Nbr.' cannot be empty."
        assert "error" not in refused.json()["OrderType"]
        made = put(client, "SalesOrder", wrap(OrderType="SO", OrderNbr="SO-7"))
        assert made.status_code == 200 and value(made.json()["OrderNbr"]) == "SO-7"
        # Other documents keep their numbering.
        assert value(put(client, "Shipment", {}).json()["ShipmentNbr"]) == "000001"
    finally:
        client.post("/entity/auth/logout")
        client.close()


def test_auto_number_and_manual_number_options() -> None:
    with Sandbox(WEBSHOP_24, auto_number=["customer"], manual_number="SalesOrder") as sandbox:
        check_numbering(sandbox.url)


def test_auto_number_never_numbers_a_key_before_the_last() -> None:
    options: dict[str, Any] = {"key_defaults": {"SalesOrder.OrderType": ""}}  # no default
    with Sandbox(WEBSHOP_24, auto_number=["SalesOrder"], **options) as sandbox:
        client = signed_in(sandbox.url)
        try:
            refused = put(client, "SalesOrder", wrap(CustomerID="C1"))
            assert refused.status_code == 422
            assert refused.json()["OrderType"]["error"] == "'Order Type' cannot be empty."
            assert "OrderNbr" not in refused.json()  # the number would be given: no error there
        finally:
            client.post("/entity/auth/logout")
            client.close()


def test_seed_follows_the_same_rule() -> None:
    with Sandbox(WEBSHOP_24) as sandbox:
        with pytest.raises(ValueError, match="'Customer ID' cannot be empty"):
            sandbox.seed("Customer", wrap(CustomerName="Ann"))
        (order,) = sandbox.seed("SalesOrder", wrap(OrderType="SO"))
        assert value(order["OrderNbr"]) == "000001"


@pytest.mark.parametrize(
    "options, fragment",
    [
        ({"auto_number": ["Nope"]}, "auto_number (--auto-number): no top-level entity named Nope"),
        ({"manual_number": ["Nope"]}, "manual_number (--manual-number)"),
        (
            {"auto_number": ["Custmer"]},
            "no top-level entity named Custmer in the documents served; did you mean Customer?",
        ),
        (
            {"manual_number": ["SaleOrder"]},
            "manual_number (--manual-number): no top-level entity named SaleOrder in the "
            "documents served; did you mean SalesOrder?",
        ),
        (
            {"auto_number": ["Customer"], "manual_number": ["customer"]},
            "auto_number (--auto-number) and manual_number (--manual-number) both name customer",
        ),
    ],
)
def test_numbering_options_naming_no_entity_or_both_are_refused(
    options: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(UserError) as refused:
        Sandbox(WEBSHOP_24, **options)
    assert fragment in str(refused.value)


def test_the_command_takes_auto_number_and_manual_number() -> None:
    args = ["--port", "0", "--auto-number", "Customer", "--manual-number", "SalesOrder"]
    with cli_sandbox(str(WEBSHOP_24), *args) as first:
        assert first.startswith("Sandbox listening on "), first
        check_numbering(first.removeprefix("Sandbox listening on "))


@pytest.mark.parametrize(
    "overrides, fragment",
    [
        ({"SalesOrder": ["OrderType", "Date"]}, "SalesOrder's last key Date is a datetime field"),
        ({"SalesOrder": ["OrderType", "OrderTotal"]}, "last key OrderTotal is a decimal field"),
        ({"SalesOrder": ["OrderType", "Hold"]}, "last key Hold is a bool field"),
    ],
)
def test_auto_number_on_a_key_the_sandbox_cannot_number_is_refused(
    overrides: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(UserError) as refused:
        Sandbox(WEBSHOP_24, key_overrides=overrides, auto_number=["SalesOrder"])
    assert fragment in str(refused.value)
    assert "numbers only text, int and GUID keys" in str(refused.value)
    Sandbox(WEBSHOP_24, key_overrides=overrides)  # fine without --auto-number


def test_auto_number_on_an_entity_without_keys_is_refused(real_specs_dir: Path) -> None:
    with pytest.raises(UserError, match="AccountSummaryInquiry has no key fields to number"):
        spec = real_specs_dir / "Default_24.200.001.json"
        Sandbox(spec, auto_number=["AccountSummaryInquiry"])  # an inquiry: keyless


def test_the_command_refuses_auto_number_on_a_date_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.acumatica-codegen]\n\n[[tool.acumatica-codegen.endpoints]]\n"
        f'spec = "{WEBSHOP_24.as_posix()}"\nkeys = {{ SalesOrder = ["OrderType", "Date"] }}\n',
        encoding="utf-8",
    )
    args = [str(WEBSHOP_24), "--port", "0", "--auto-number", "SalesOrder"]
    ran = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "sandbox", *args],
        cwd=tmp_path, env=cli_env(), capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.startswith("error: sandbox: auto_number (--auto-number): ")
    assert "SalesOrder's last key Date is a datetime field" in ran.stderr


# ----------------------------------------------------------------- stock numbering, Default 24


@pytest.fixture(scope="module")
def default_24(real_specs_dir: Path) -> Iterator[str]:
    spec = real_specs_dir / "Default_24.200.001.json"
    with Sandbox(spec, manual_number=["Opportunity"]) as sandbox:
        yield sandbox.url


@pytest.mark.parametrize(
    "entity, key",
    [
        ("Case", "CaseID"),
        ("ExpenseReceipt", "ReceiptID"),
        ("ExpenseClaim", "RefNbr"),
        ("Lead", "LeadID"),
        ("Contact", "ContactID"),
        ("JournalTransaction", "BatchNbr"),
    ],
)
def test_ids_a_stock_instance_numbers_are_numbered_by_default(
    default_24: str, entity: str, key: str
) -> None:
    client = signed_in(default_24)
    try:
        created = client.put(f"{DEFAULT_24}/{entity}", json={})
        assert created.status_code == 200, created.text
        assert value(created.json()[key]) in ("000001", 1)
        blank = client.put(f"{DEFAULT_24}/{entity}", json=wrap(**{key: " "})).json()
        assert value(blank[key]) in ("000002", 2)
    finally:
        client.post("/entity/auth/logout")
        client.close()


@pytest.mark.parametrize(
    "entity, key, label",
    [
        ("Opportunity", "OpportunityID", "Opportunity ID"),  # --manual-number Opportunity
        ("Project", "ProjectID", "Project ID"),
        ("ProjectTask", "ProjectID", "Project ID"),
        ("BusinessAccount", "BusinessAccountID", "Business Account ID"),
        ("Employee", "EmployeeID", "Employee ID"),
        ("ServiceOrder", "ServiceOrderType", "Service Order Type"),  # an instance setting
    ],
)
def test_manual_ids_still_answer_422(default_24: str, entity: str, key: str, label: str) -> None:
    client = signed_in(default_24)
    try:
        refused = client.put(f"{DEFAULT_24}/{entity}", json={})
        assert refused.status_code == 422, refused.text
        assert refused.json()[key]["error"] == f"'{label}' cannot be empty."
    finally:
        client.post("/entity/auth/logout")
        client.close()


@pytest.mark.parametrize(
    "entity, key, default",
    [
        ("SalesOrder", "OrderType", "SO"),
        ("SalesInvoice", "Type", "Invoice"),
        ("Invoice", "Type", "Invoice"),
        ("Bill", "Type", "Bill"),
        ("Payment", "Type", "Payment"),
        ("Check", "Type", "Payment"),
        ("JournalTransaction", "Module", "GL"),
        ("PurchaseOrder", "Type", "Normal"),
    ],
)
def test_first_keys_get_the_screen_default_on_default_24(
    default_24: str, entity: str, key: str, default: str
) -> None:
    client = signed_in(default_24)
    try:
        created = client.put(f"{DEFAULT_24}/{entity}", json=wrap(**{key: ""}))
        assert created.status_code == 200, created.text
        assert value(created.json()[key]) == default
    finally:
        client.post("/entity/auth/logout")
        client.close()
