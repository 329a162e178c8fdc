"""Which missing keys the sandbox numbers, over real HTTP: ``auto_number`` and ``manual_number``.

Without options only the last key of a document (``...Nbr``) or an int/GUID identity is numbered;
``tests/sandbox/test_sandbox_entities.py`` covers that default.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sandbox_helpers import BASE_24, WEBSHOP_24, cli_sandbox, signed_in, value, wrap

from acumatica_codegen.errors import UserError
from acumatica_codegen.sandbox import Sandbox


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
    with Sandbox(WEBSHOP_24, auto_number=["SalesOrder"]) as sandbox:
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
        ({"auto_number": ["Customer"], "manual_number": ["customer"]}, "both name customer"),
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
