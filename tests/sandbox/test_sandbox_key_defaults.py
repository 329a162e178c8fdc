"""Screen defaults of first keys over real HTTP: the built-in table and ``key_defaults``
(``--key-default ENTITY.FIELD=VALUE``), and the errors for options that name nothing served."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from acumatica_codegen.cli import main
from acumatica_codegen.errors import UserError
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, cli_sandbox, signed_in, value, wrap


def put(client: httpx.Client, entity: str, body: dict[str, Any]) -> httpx.Response:
    return client.put(f"{BASE_24}/{entity}", json=body)


def check_defaults(url: str) -> None:
    """SalesOrder.OrderType=IN, SalesInvoice.Type=Credit Memo, Payment.Type removed,
    Customer.CustomerID=WALKIN."""
    client = signed_in(url)
    try:
        order = put(client, "SalesOrder", wrap(OrderType=" "))
        assert order.status_code == 200, order.text
        assert value(order.json()["OrderType"]) == "IN"
        memo = put(client, "SalesInvoice", {}).json()
        assert value(memo["Type"]) == "Credit Memo"
        refused = put(client, "Payment", wrap(ReferenceNbr="P1"))
        assert refused.status_code == 422, refused.text
        assert refused.json()["Type"]["error"] == "'Type' cannot be empty."
        walkin = put(client, "Customer", wrap(CustomerName="Walk-in")).json()
        assert value(walkin["CustomerID"]) == "WALKIN"
        assert put(client, "Customer", wrap(CreditLimit=5)).json()["id"] == walkin["id"]
        assert put(client, "StockItem", {}).status_code == 422  # no default, no number
    finally:
        client.post("/entity/auth/logout")
        client.close()


def test_key_defaults_set_override_and_remove_screen_defaults() -> None:
    key_defaults = {
        "SalesOrder.OrderType": "IN",
        "salesinvoice.type": "Credit Memo",  # names match without regard to case
        "Payment.Type": None,
        "Customer.CustomerID": "WALKIN",
    }
    with Sandbox(WEBSHOP_24, key_defaults=key_defaults) as sandbox:
        check_defaults(sandbox.url)


def test_the_command_takes_key_default() -> None:
    args = ["--port", "0", "--key-default", "SalesOrder.OrderType=IN",
            "--key-default", "SalesInvoice.Type=Credit Memo", "--key-default", "Payment.Type=",
            "--key-default", "Customer.CustomerID=WALKIN"]  # fmt: skip
    with cli_sandbox(str(WEBSHOP_24), *args) as first:
        assert first.startswith("Sandbox listening on "), first
        check_defaults(first.removeprefix("Sandbox listening on "))


@pytest.mark.parametrize(
    "key_defaults, fragment",
    [
        (
            {"SalesOrder": "SO"},
            "key_defaults (--key-default): expected ENTITY.FIELD, got 'SalesOrder'",
        ),
        ({".OrderType": "SO"}, "expected ENTITY.FIELD, got '.OrderType'"),
        (
            {"SalesOrdr.OrderType": "SO"},
            "key_defaults (--key-default): no top-level entity named SalesOrdr in the documents "
            "served; did you mean SalesOrder?",
        ),
        (
            {"SalesOrder.OrderTyp": "SO"},
            "SalesOrder has no key field OrderTyp (did you mean OrderType, OrderNbr?)",
        ),
        (
            {"SalesOrder.Description": "x"},
            "SalesOrder.Description is not a key of SalesOrder (its keys: OrderType, OrderNbr)",
        ),
    ],
)
def test_key_defaults_naming_nothing_served_are_refused(
    key_defaults: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(UserError) as refused:
        Sandbox(WEBSHOP_24, key_defaults=key_defaults)
    assert str(refused.value).startswith("sandbox: ")
    assert fragment in str(refused.value)


def test_a_key_default_that_does_not_fit_the_key_is_refused(real_specs_dir: Path) -> None:
    spec = real_specs_dir / "Default_24.200.001.json"
    with pytest.raises(UserError) as refused:
        Sandbox(spec, key_defaults={"Contact.ContactID": "abc"})
    assert (
        "key_defaults (--key-default): Contact.ContactID=abc: Error converting value 'abc' to "
        "type 'System.Int32'." in str(refused.value)
    )
    with pytest.raises(UserError, match="AccountSummaryInquiry has no key fields"):
        Sandbox(spec, key_defaults={"AccountSummaryInquiry.Ledger": "x"})  # an inquiry: keyless


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("SalesOrder.OrderType", "--key-default: expected ENTITY.FIELD=VALUE"),
        ("SalesOrder=SO", "--key-default: expected ENTITY.FIELD=VALUE"),
        ("=SO", "--key-default: expected ENTITY.FIELD=VALUE"),
        ("SalesOrder.=SO", "--key-default: expected ENTITY.FIELD=VALUE"),
        ("Custmer.CustomerID=C1", "no top-level entity named Custmer in the documents served; did "
         "you mean Customer?"),
        ("SalesOrder.Nbr=1", "SalesOrder has no key field Nbr (its keys: OrderType, OrderNbr)"),
    ],
)  # fmt: skip
def test_the_command_refuses_a_bad_key_default_in_one_line(
    value: str, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["sandbox", str(WEBSHOP_24), "--port", "0", "--key-default", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert fragment in err


def test_help_names_the_key_options(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["sandbox", "--help"])
    except SystemExit as exited:
        assert not exited.code
    out = " ".join(capsys.readouterr().out.split())
    assert "--key-default ENTITY.FIELD=VALUE" in out
    assert "SalesOrder.OrderType=SO" in out
    assert "int/GUID id" in out and "Case, Opportunity and ExpenseReceipt" in out
