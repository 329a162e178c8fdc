"""Generated models of a contract-5 endpoint (WebShop 26.200.001): select values, date-only values.

The committed example package has the import name of the 24.200.001 one the other model tests
import, so the same document is generated here under its own name (test_render checks that the
committed tree is what the templates produce).
"""

from __future__ import annotations

import copy
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from types import ModuleType

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.render import write_package
from test_corpus import _mypy_strict
from testkit import WEBSHOP_26

PACKAGE = "webshop_contract5"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("contract5")
    result = write_package(load_endpoint(WEBSHOP_26), out, PACKAGE)
    sys.path.insert(0, str(result.project_dir))
    try:
        package = importlib.import_module(PACKAGE)
        importlib.import_module(f"{PACKAGE}.models")  # models load lazily, from this path
        yield package
    finally:
        sys.path.remove(str(result.project_dir))


# As Acumatica answers a contract-5 read: selects with descriptions, date-only text, and keys a
# newer server might add inside a select item.
ORDER = {
    "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "OrderType": {"value": "SO"},
    "OrderNbr": {"value": "SO000123"},
    "Status": {"value": {"id": "CL", "description": "Completed"}},
    "UsrWebShopChannel": {"value": {"id": "WEB", "description": None, "rank": 1}},
    "Date": {"value": "2026-09-09"},
    "RequestedOn": {"value": None},
    "LastModifiedDateTime": {"value": "2026-09-09T10:00:00+00:00"},
    "Details": [{"RequestedOn": {"value": "2026-10-01"}, "rowNumber": 1}],
    "custom": {
        "Document": {
            "UsrColor": {
                "type": "CustomStringSingleSelectField",
                "value": {"id": "R", "description": "Red"},
            },
            "UsrSizes": {
                "type": "CustomStringMultiSelectField",
                "value": [{"id": "S", "description": "Small"}, {"id": "M", "description": None}],
            },
            "UsrGrade": {"type": "CustomIntSingleSelectField", "value": {"id": 2}},
        }
    },
    "_links": {"self": "/entity/WebShop/26.200.001/SalesOrder/0f8fad5b"},
    "_workflowActions": {
        "Approve": {"entity": {"OrderNbr": {"value": "SO000123"}}, "parameters": {}, "new": 1}
    },
}


def test_a_contract5_read_round_trips_byte_for_byte(shop: ModuleType) -> None:
    wire = copy.deepcopy(ORDER)
    order = shop.models.SalesOrder.from_dict(wire)
    assert json.dumps(order.to_dict()) == json.dumps(ORDER)


def test_select_values_read_as_id_and_description(shop: ModuleType) -> None:
    order = shop.models.SalesOrder.from_dict(ORDER)
    assert isinstance(order.status, shop.Select)
    assert (order.status.id, order.status.description) == ("CL", "Completed")
    assert order.status == "CL" and order.status == shop.Select("CL") and order.status != "H"
    assert str(order.status) == "CL" and hash(order.status) == hash("CL")
    assert order.links == {"self": "/entity/WebShop/26.200.001/SalesOrder/0f8fad5b"}
    approve = order.workflow_actions["Approve"]
    assert isinstance(approve, shop.models.SalesOrderCustomAction)
    assert approve.entity.order_nbr == "SO000123" and approve.parameters == {}
    color = order.custom["Document"]["UsrColor"].value
    assert (color.id, color.description) == ("R", "Red")
    assert [s.id for s in order.custom["Document"]["UsrSizes"].value] == ["S", "M"]


def test_date_only_values_read_as_dates(shop: ModuleType) -> None:
    order = shop.models.SalesOrder.from_dict(ORDER)
    assert order.date == date(2026, 9, 9) and type(order.date) is date
    assert order.requested_on is None
    assert order.details[0].requested_on == date(2026, 10, 1)
    assert order.last_modified_date_time == datetime(2026, 9, 9, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text",
    ["2026-09-09T00:00:00", "2026-09-09T23:30:00.1234567+02:00", "2026-09-09T00:00:00Z"],
)
def test_a_timestamp_in_a_date_only_field_reads_as_its_date(shop: ModuleType, text: str) -> None:
    order = shop.models.SalesOrder.from_dict({"Date": {"value": text}})
    assert order.date == date(2026, 9, 9) and type(order.date) is date


def test_dates_are_written_as_yyyy_mm_dd(shop: ModuleType) -> None:
    order = shop.models.SalesOrder(date=date(2026, 9, 9))
    order.requested_on = datetime(2026, 9, 10, 17, 45)  # a datetime: only its date is sent
    assert order.to_dict() == {
        "Date": {"value": "2026-09-09"},
        "RequestedOn": {"value": "2026-09-10"},
    }


def test_a_plain_id_is_accepted_and_sent_as_the_id_alone(shop: ModuleType) -> None:
    order = shop.models.SalesOrder(status="CL")
    assert isinstance(order.status, shop.Select) and order.status.description is None
    order.usr_web_shop_channel = "WEB"
    customer = shop.models.Customer(status=shop.Select("A", "Active"), order_priority=3)
    assert order.to_dict() == {
        "Status": {"value": {"id": "CL"}},
        "UsrWebShopChannel": {"value": {"id": "WEB"}},
    }
    assert customer.to_dict() == {
        "Status": {"value": {"id": "A"}},
        "OrderPriority": {"value": {"id": 3}},
    }


def test_a_changed_select_is_sent_as_its_id_and_none_clears_it(shop: ModuleType) -> None:
    order = shop.models.SalesOrder.from_dict(ORDER)
    order.status = "H"
    order.usr_web_shop_channel = None
    sent = order.to_dict()
    assert sent["Status"] == {"value": {"id": "H"}}
    assert sent["UsrWebShopChannel"] == {"value": None}


def test_multi_select_is_a_list_of_selects_and_takes_plain_ids(shop: ModuleType) -> None:
    item = shop.models.StockItem(usr_web_shop_tags=["NEW", shop.Select("SALE")])
    assert item.usr_web_shop_tags == ["NEW", "SALE"]
    assert all(isinstance(tag, shop.Select) for tag in item.usr_web_shop_tags)
    assert item.to_dict() == {"UsrWebShopTags": {"value": [{"id": "NEW"}, {"id": "SALE"}]}}
    wire = {"UsrWebShopTags": {"value": [{"id": "NEW", "description": "New in"}]}}
    read = shop.models.StockItem.from_dict(wire)
    assert read.usr_web_shop_tags[0].description == "New in"
    assert read.to_dict() == wire


def test_a_custom_select_field_set_in_code_sends_the_id_alone(shop: ModuleType) -> None:
    field = shop.CustomField("CustomStringSingleSelectField", "R")
    assert field.to_dict() == {"type": "CustomStringSingleSelectField", "value": {"id": "R"}}


def test_a_select_class_attribute_is_its_descriptor(shop: ModuleType) -> None:
    # the class attribute is the declaration, as UNSET is for the other fields
    from webshop_contract5._runtime.model import SelectAttribute

    assert isinstance(shop.models.SalesOrder.status, SelectAttribute)
    assert shop.models.SalesOrder().status is shop.UNSET


# -- type checking ----------------------------------------------------------------------------------

USER_CODE = """
from datetime import date

from {package}.models import Customer

customer = Customer(customer_id="C1", status="CL")
customer.status = "H"
if customer.status:
    label: str | None = customer.status.description
    code: str = customer.status.id
"""
USER_CODE_ERRORS = """
from {package}.models import Customer

customer = Customer()
customer.status = 5
customer.status.description
"""


def _mypy(project_dir: Path, code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    user = project_dir / "user_code.py"
    user.write_text(code.format(package=project_dir.name), encoding="utf-8")
    return _mypy_strict(project_dir, tmp_path, "user_code.py")


def test_user_code_with_plain_ids_and_descriptions_type_checks_on_the_real_26_subset(
    real_26_subset: Path, tmp_path: Path
) -> None:
    result = write_package(load_endpoint(real_26_subset), tmp_path / "out")
    good = _mypy(result.project_dir, USER_CODE, tmp_path)
    assert good.returncode == 0, good.stdout
    bad = _mypy(result.project_dir, USER_CODE_ERRORS, tmp_path)
    assert bad.returncode == 1, bad.stdout
    assert 'Incompatible types in assignment (expression has type "int"' in bad.stdout
    assert 'has no attribute "description"  [union-attr]' in bad.stdout  # narrow first


def test_select_round_trip_on_a_value_read_and_changed_description(shop: ModuleType) -> None:
    order = shop.models.SalesOrder.from_dict(ORDER)
    assert isinstance(order.status, shop.Select)
    order.status.description = "Done"  # changed in code: the request names the id alone
    assert order.to_dict()["Status"] == {"value": {"id": "CL"}}


def test_a_generated_client_writes_and_reads_selects_and_dates_through_the_sandbox(
    shop: ModuleType,
) -> None:
    from acumatica_codegen.sandbox import Sandbox

    models = shop.models
    with Sandbox(WEBSHOP_26) as sandbox:
        auth = shop.CookieAuth(name="admin", password="123")
        with shop.Client(sandbox.url, auth=auth) as client:
            customer = client.customer.put(
                models.Customer(customer_id="C1", customer_name="Northwind", status="A")
            )
            order = client.sales_order.put(
                models.SalesOrder(order_type="SO", customer_id="C1", date=date(2026, 9, 9))
            )
        stored = sandbox.records("Customer")[0]
    assert customer.status == "A" and isinstance(customer.status, shop.Select)
    assert order.date == date(2026, 9, 9)
    # the client sent the id alone; the sandbox, as Acumatica, keeps the choice with its description
    assert stored["Status"] == {"value": {"id": "A", "description": "A"}}
    assert customer.status.description == "A"


def test_require_of_a_select_field_gives_the_select_and_of_a_multi_select_the_list(
    shop: ModuleType,
) -> None:
    SalesOrder, StockItem = shop.models.SalesOrder, shop.models.StockItem
    status = SalesOrder.from_dict(ORDER).require(SalesOrder.f.status)
    assert isinstance(status, shop.Select) and status.description == "Completed"
    tags = StockItem(usr_web_shop_tags=["NEW"]).require(StockItem.f.usr_web_shop_tags)
    assert tags == ["NEW"] and isinstance(tags[0], shop.Select)
    with pytest.raises(shop.MissingValue, match=r"SalesOrder\.status \(Status\) is UNSET"):
        SalesOrder().require(SalesOrder.f.status)
