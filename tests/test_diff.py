"""diff: what an endpoint upgrade changes, checked against expectations derived independently.

- unit cases on IRs built here, one per rule (what is reported, what is breaking);
- the example endpoint's upgrade against ``tests/fixtures/specs/expected_upgrade_23_to_24.json``,
  written by hand from the design notes, not from diff.py;
- the real Default 22/23/24 documents against a small walk of the raw JSON written in this file
  (it never touches the IR), plus facts looked up by hand with ``jq``.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.diff import diff_endpoints
from acumatica_codegen.ir import Action, Endpoint, Entity, Field, FieldKind, Scalar
from testkit import run_cli

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
FIXTURES = REPO / "tests" / "fixtures" / "specs"
JSON_KEYS = {
    "added_entities",
    "removed_entities",
    "added_top_level_entities",
    "removed_top_level_entities",
    "added_fields",
    "removed_fields",
    "changed_fields",
    "added_actions",
    "removed_actions",
    "changed_action_parameters",
    "breaking",
}


# ---------------------------------------------------------------------------------------------
# IRs built by hand


def value(name: str, wrapper: str = "StringValue", scalar: Scalar = Scalar.STRING) -> Field:
    return Field(name, name.lower(), FieldKind.VALUE, scalar, value_type=wrapper)


def plain(name: str, scalar: Scalar = Scalar.STRING) -> Field:
    return Field(name, name.lower(), FieldKind.PLAIN, scalar)


def detail(name: str, entity: str) -> Field:
    return Field(name, name.lower(), FieldKind.DETAIL, Scalar.ANY, entity=entity)


def linked(name: str, entity: str) -> Field:
    return Field(name, name.lower(), FieldKind.LINKED, Scalar.ANY, entity=entity)


def action(entity: str, name: str, *parameters: Field) -> Action:
    return Action(name, name.lower(), name, entity, tuple(parameters))


def entity(
    name: str, *fields: Field, actions: tuple[Action, ...] = (), top: bool = False
) -> Entity:
    return Entity(
        name=name,
        class_name=name,
        module_name=name.lower(),
        fields=tuple(fields),
        top_level=top,
        attribute_name=name.lower() if top else None,
        actions=actions,
    )


def endpoint(*entities: Entity, version: str = "1.0.0") -> Endpoint:
    return Endpoint(
        name="Shop",
        version=version,
        source_format="swagger-2.0",
        spec_sha256="0" * 64,
        value_types=(),
        custom_field_types=(),
        entities=tuple(sorted(entities, key=lambda e: e.name)),
    )


BASE = endpoint(
    entity(
        "Customer",
        value("CustomerID"),
        value("Balance", "DecimalValue", Scalar.DECIMAL),
        linked("MainContact", "Contact"),
        actions=(action("Customer", "Deactivate"),),
        top=True,
    ),
    entity("Contact", value("Email")),
    entity(
        "SalesOrder",
        value("OrderNbr"),
        detail("Details", "SalesOrderDetail"),
        actions=(
            action("SalesOrder", "Hold", value("Reason"), value("Days", "IntValue", Scalar.INT)),
        ),
        top=True,
    ),
    entity("SalesOrderDetail", value("InventoryID")),
)


def changed(base: Endpoint, name: str, **changes: Any) -> Endpoint:
    entities = [replace(e, **changes) if e.name == name else e for e in base.entities]
    return replace(base, entities=tuple(entities), version="2.0.0")


def with_fields(base: Endpoint, name: str, *fields: Field) -> Endpoint:
    return changed(base, name, fields=tuple(fields))


def test_identical_endpoints_have_no_changes() -> None:
    result = diff_endpoints(BASE, BASE)
    assert result.is_empty and not result.breaking
    assert "No changes" in result.to_markdown()
    assert result.summary() == "no changes"


def test_added_entity_is_not_breaking_and_its_fields_are_not_listed() -> None:
    new = endpoint(*BASE.entities, entity("Shipment", value("ShipmentNbr"), top=True))
    result = diff_endpoints(BASE, new)
    assert result.added_entities == ("Shipment",)
    assert result.added_fields == () and not result.breaking


def test_removed_entity_is_breaking_and_the_field_pointing_to_it_is_reported() -> None:
    new = with_fields(
        endpoint(*(e for e in BASE.entities if e.name != "Contact")),
        "Customer",
        *BASE.entity("Customer").fields[:2],
    )
    result = diff_endpoints(BASE, new)
    assert result.removed_entities == ("Contact",)
    assert result.removed_fields == ("Customer.MainContact",)
    assert result.breaking
    assert "entity `Contact` removed" in result.breaking_changes


def test_added_field_is_not_breaking_removed_field_is() -> None:
    customer = BASE.entity("Customer")
    added = with_fields(BASE, "Customer", *customer.fields, value("Email"))
    assert diff_endpoints(BASE, added).added_fields == ("Customer.Email",)
    assert not diff_endpoints(BASE, added).breaking
    removed = with_fields(BASE, "Customer", *customer.fields[1:])
    assert diff_endpoints(BASE, removed).removed_fields == ("Customer.CustomerID",)
    assert diff_endpoints(BASE, removed).breaking


@pytest.mark.parametrize(
    ("before", "after", "labels", "breaking"),
    [
        (value("X"), value("X", "IntValue", Scalar.INT), ("StringValue", "IntValue"), True),
        (
            value("X", "DecimalValue", Scalar.DECIMAL),
            value("X", "DoubleValue", Scalar.FLOAT),
            ("DecimalValue", "DoubleValue"),
            True,
        ),
        # Same Python type: the codec absorbs the wire change.
        (plain("X"), value("X"), ("string", "StringValue"), False),
        (
            value("X", "ShortValue", Scalar.INT),
            value("X", "IntValue", Scalar.INT),
            ("ShortValue", "IntValue"),
            False,
        ),
        # Kind changes are breaking.
        (detail("X", "Line"), linked("X", "Line"), ("Line[]", "Line"), True),
        (linked("X", "Line"), detail("X", "Line"), ("Line", "Line[]"), True),
        (value("X"), linked("X", "Line"), ("StringValue", "Line"), True),
        (detail("X", "Line"), detail("X", "LineV2"), ("Line[]", "LineV2[]"), True),
    ],
)
def test_field_type_changes_and_whether_they_break(
    before: Field, after: Field, labels: tuple[str, str], breaking: bool
) -> None:
    old = with_fields(BASE, "Contact", before)
    new = with_fields(BASE, "Contact", after)
    result = diff_endpoints(old, new)
    assert [(c.name, c.old, c.new, c.breaking) for c in result.changed_fields] == [
        ("Contact.X", *labels, breaking)
    ]
    assert result.breaking is breaking
    assert result.to_json()["changed_fields"] == [
        {"field": "Contact.X", "from": labels[0], "to": labels[1], "breaking": breaking}
    ]


def test_actions_added_removed_and_parameters_changed() -> None:
    new = changed(
        changed(BASE, "Customer", actions=(action("Customer", "Activate"),)),
        "SalesOrder",
        actions=(
            action(
                "SalesOrder",
                "Hold",
                value("Days", "LongValue", Scalar.INT),
                value("Until", "DateTimeValue", Scalar.DATETIME),
            ),
        ),
    )
    result = diff_endpoints(BASE, new)
    assert result.added_actions == ("Customer.Activate",)
    assert result.removed_actions == ("Customer.Deactivate",)
    (params,) = result.to_json()["changed_action_parameters"]
    assert params == {
        "action": "SalesOrder.Hold",
        "added": ["Until"],
        "removed": ["Reason"],
        "changed": [
            {"parameter": "Days", "from": "IntValue", "to": "LongValue", "breaking": False}
        ],
        "breaking": True,
    }
    assert "action `SalesOrder.Hold`: parameter `Reason` removed" in result.breaking_changes


def test_added_parameter_alone_is_not_breaking() -> None:
    hold = BASE.entity("SalesOrder").actions[0]
    new = changed(
        BASE, "SalesOrder", actions=(replace(hold, parameters=(*hold.parameters, value("Note"))),)
    )
    result = diff_endpoints(BASE, new)
    assert result.changed_action_parameters[0].added == ("Note",)
    assert not result.breaking


def test_entity_that_loses_its_paths_is_breaking() -> None:
    new = changed(BASE, "Customer", top_level=False, attribute_name=None, actions=())
    result = diff_endpoints(BASE, new)
    assert result.removed_top_level == ("Customer",)
    assert result.breaking
    assert result.to_json()["removed_top_level_entities"] == ["Customer"]


def test_entity_that_gains_paths_is_a_new_top_level_entity() -> None:
    contact = BASE.entity("Contact")
    new = changed(
        BASE,
        "Contact",
        top_level=True,
        attribute_name="contact",
        actions=(action("Contact", "Merge"),),
    )
    result = diff_endpoints(BASE, new)
    assert contact.top_level is False
    assert result.added_top_level == ("Contact",)
    assert result.added_actions == ("Contact.Merge",)
    assert result.added_entities == () and not result.breaking
    assert "**Now top-level (a new client attribute)** (1): `Contact`" in result.to_markdown()


def test_added_top_level_entity_brings_its_actions_and_client_attribute() -> None:
    shipment = entity(
        "Shipment",
        value("ShipmentNbr"),
        detail("Details", "ShipmentDetail"),
        actions=(action("Shipment", "Confirm"), action("Shipment", "Correct", value("Reason"))),
        top=True,
    )
    new = replace(
        BASE,
        version="2.0.0",
        entities=tuple(
            sorted(
                (*BASE.entities, shipment, entity("ShipmentDetail", value("LineNbr"))),
                key=lambda e: e.name,
            )
        ),
    )
    result = diff_endpoints(BASE, new)
    assert result.added_entities == ("Shipment", "ShipmentDetail")
    assert result.added_top_level == ("Shipment",)  # a detail entity is no client attribute
    assert result.added_actions == ("Shipment.Confirm", "Shipment.Correct")
    assert result.added_fields == ()  # the fields come with the entity
    assert result.changed_action_parameters == () and not result.breaking
    assert "actions +2 −0" in result.summary()
    assert "- `Shipment`: `Confirm`, `Correct`" in result.to_markdown()


def test_removed_top_level_entity_loses_its_actions_as_one_breaking_change() -> None:
    old = replace(
        BASE,
        entities=tuple(e for e in BASE.entities if e.name != "SalesOrder"),
    )
    result = diff_endpoints(BASE, old)
    assert result.removed_entities == ("SalesOrder",)
    assert result.removed_top_level == ("SalesOrder",)
    assert result.removed_actions == ("SalesOrder.Hold",)
    assert result.removed_fields == ()
    # One change for the reader: the entity, with its paths and actions, is gone.
    assert result.breaking_changes == ("entity `SalesOrder` removed",)
    text = result.to_markdown()
    assert "### ⚠️ Breaking changes (1)" in text
    assert "**No longer top-level (a client attribute gone)** (1): `SalesOrder`" in text
    assert "- `SalesOrder`: `Hold`" in text  # under Actions, Removed
    data = result.to_json()
    assert data["removed_actions"] == ["SalesOrder.Hold"]
    assert data["removed_top_level_entities"] == ["SalesOrder"]


def test_python_name_change_without_wire_change_is_breaking() -> None:
    customer = BASE.entity("Customer")
    moved = replace(customer.fields[0], python_name="customer_id_2")
    new = with_fields(BASE, "Customer", moved, *customer.fields[1:])
    result = diff_endpoints(BASE, new)
    assert [(r.name, r.old, r.new) for r in result.renamed] == [
        ("Customer.CustomerID", "customerid", "customer_id_2")
    ]
    assert result.breaking and result.changed_fields == ()


def test_json_is_sorted_and_independent_of_field_order() -> None:
    shuffled_entities = []
    rng = random.Random(7)
    for item in BASE.entities:
        fields = list(item.fields)
        rng.shuffle(fields)
        shuffled_entities.append(replace(item, fields=tuple(fields)))
    shuffled = replace(BASE, entities=tuple(shuffled_entities))
    new = with_fields(
        BASE, "Contact", value("Phone"), value("Fax"), value("Email", "IntValue", Scalar.INT)
    )
    a = json.dumps(diff_endpoints(BASE, new).to_json())
    b = json.dumps(diff_endpoints(shuffled, new).to_json())
    assert a == b
    data = json.loads(a)
    assert data["added_fields"] == ["Contact.Fax", "Contact.Phone"]
    assert JSON_KEYS <= data.keys()
    # Keys added later; the ones above keep their names for existing scripts.
    assert {"renamed_in_python", "breaking_changes", "repointed_python_names", "warnings"} <= (
        data.keys()
    )


def test_markdown_puts_summary_then_breaking_changes_first() -> None:
    new = with_fields(BASE, "Contact", value("Phone"))  # Email removed, Phone added
    text = diff_endpoints(BASE, new).to_markdown()
    lines = text.splitlines()
    assert lines[0] == "## Endpoint changes: Shop 1.0.0 → 2.0.0"
    assert "1 breaking change" in lines[2]
    assert text.index("### ⚠️ Breaking changes (1)") < text.index("### Fields")
    assert "- `Contact`: field removed: `Email`" in text


def test_long_lists_fold_into_details_blocks() -> None:
    many = [Entity(f"E{i:02}", f"E{i:02}", "m", (value(f"F{i}"),)) for i in range(30)]
    old = endpoint(*many)
    new = endpoint(*(with_fields(old, e.name, value("New")).entity(e.name) for e in many))
    text = diff_endpoints(old, new).to_markdown()
    assert "<details><summary>Show 30 entities</summary>" in text


def test_a_python_name_that_moves_to_another_field_is_a_breaking_repoint() -> None:
    # Adding Tam next to TAM: the conventional spelling takes `tam`, TAM moves to `t_a_m`.
    old = with_fields(BASE, "Contact", value("Email"), replace(value("TAM"), python_name="tam"))
    new = with_fields(
        BASE,
        "Contact",
        value("Email"),
        replace(value("TAM"), python_name="t_a_m"),
        replace(value("Tam"), python_name="tam"),
    )
    result = diff_endpoints(old, new)
    assert [(r.name, r.what, r.old, r.new) for r in result.repointed] == [
        ("Contact.tam", "field", "TAM", "Tam")
    ]
    assert result.breaking_changes[0] == (
        "`Contact.tam` now refers to a different wire field: `Tam` (was `TAM`)"
    )
    assert result.to_json()["repointed_python_names"] == [
        {"name": "Contact.tam", "kind": "field", "from": "TAM", "to": "Tam"}
    ]
    text = result.to_markdown()
    assert "- `Contact.tam` now refers to a different wire field: `Tam` (was `TAM`)" in text
    assert f"### ⚠️ Breaking changes ({len(result.breaking_changes)})" in text
    assert text.count("\n- ") >= len(result.breaking_changes)


def test_a_removed_field_whose_python_name_an_added_field_takes_is_a_repoint_too() -> None:
    old = with_fields(BASE, "Contact", replace(value("TAM"), python_name="tam"))
    new = with_fields(BASE, "Contact", replace(value("Tam"), python_name="tam"))
    result = diff_endpoints(old, new)
    assert [r.name for r in result.repointed] == ["Contact.tam"]
    assert "field `Contact.TAM` removed" in result.breaking_changes


def test_repointed_actions_parameters_classes_and_client_attributes() -> None:
    hold = BASE.entity("SalesOrder").actions[0]
    old = changed(
        BASE,
        "SalesOrder",
        actions=(replace(hold, parameters=(replace(value("REASON"), python_name="reason"),)),),
    )
    new = changed(
        BASE,
        "SalesOrder",
        actions=(
            replace(hold, parameters=(replace(value("Reason"), python_name="reason"),)),
            replace(action("SalesOrder", "HOLD"), python_name="h_o_l_d"),
        ),
    )
    assert [(r.name, r.what) for r in diff_endpoints(old, new).repointed] == [
        ("SalesOrder.hold(reason=)", "parameter")
    ]
    taken = changed(
        BASE, "SalesOrder", actions=(replace(action("SalesOrder", "Hold2"), python_name="hold"),)
    )
    assert [(r.name, r.old, r.new) for r in diff_endpoints(BASE, taken).repointed] == [
        ("SalesOrder.hold()", "Hold", "Hold2")
    ]
    swapped = endpoint(
        replace(BASE.entity("Contact"), class_name="Customer"),
        replace(BASE.entity("Customer"), class_name="Customer_", attribute_name="customer_"),
        BASE.entity("SalesOrder"),
        BASE.entity("SalesOrderDetail"),
    )
    repointed = diff_endpoints(BASE, swapped).repointed
    assert [(r.name, r.what, r.old, r.new) for r in repointed] == [
        ("models.Customer", "entity", "Customer", "Contact")
    ]


def test_an_upgrade_that_adds_a_look_alike_field_reports_the_repoint_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((SPECS / "WebShop_24.200.001.json").read_text(encoding="utf-8-sig"))
    customer = document["components"]["schemas"]["Customer"]["allOf"][1]["properties"]
    customer["CustomerId"] = {"$ref": "#/components/schemas/StringValue"}
    new = tmp_path / "new.json"
    new.write_text(json.dumps(document), encoding="utf-8")
    old = str(SPECS / "WebShop_24.200.001.json")
    code, out, _ = run_cli(["diff", old, str(new), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["breaking"] is True
    assert data["repointed_python_names"] == [
        {"name": "Customer.customer_id", "kind": "field", "from": "CustomerID", "to": "CustomerId"}
    ]
    assert data["breaking_changes"][0] == (
        "Customer.customer_id now refers to a different wire field: CustomerId (was CustomerID)"
    )
    code, out, _ = run_cli(["diff", old, str(new), "--fail-on-breaking"], capsys)
    assert code == 1 and "`Customer.customer_id` now refers to a different wire field" in out


@pytest.mark.parametrize(
    ("old", "new", "backwards"),
    [
        ("24.200.001", "23.200.001", True),
        ("9.0", "10.0", False),  # numerically, not as text
        ("24.200.001", "24.1000.001", False),
        ("24.1000.001", "24.200.001", True),
        ("24.200.001", "24.200.001", False),
        ("6.00.001", "20.200.001", False),
    ],
)
def test_a_version_that_goes_backwards_is_a_warning(old: str, new: str, backwards: bool) -> None:
    result = diff_endpoints(replace(BASE, version=old), replace(BASE, version=new))
    assert result.is_empty
    warnings = result.to_json()["warnings"]
    if backwards:
        assert warnings == [
            f"the version goes backwards ({old} → {new}): are OLD and NEW swapped? "
            "Give the older document first"
        ]
        assert f"> ⚠️ **Warning:** the version goes backwards ({old} → {new})" in (
            result.to_markdown()
        )
    else:
        assert warnings == [] and "Warning" not in result.to_markdown()


def test_documents_of_different_endpoints_are_a_warning_and_keep_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = diff_endpoints(BASE, replace(BASE, name="Other", version="2.0.0"))
    assert result.warnings == (
        "the documents describe different endpoints (`Shop` and `Other`): this compares two "
        "contracts, not an upgrade of one",
    )
    legacy = FIXTURES / "old_contract.json"  # Legacy/6.00.001
    new = str(SPECS / "WebShop_24.200.001.json")
    code, out, err = run_cli(["diff", str(legacy), new, "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["warnings"] == [
        "the documents describe different endpoints (Legacy and WebShop): this compares two "
        "contracts, not an upgrade of one"
    ]
    assert err.startswith("warning: the documents describe different endpoints")
    code, out, err = run_cli(["diff", str(legacy), new], capsys)  # Markdown on the terminal
    assert code == 0 and "different endpoints" in out and err == ""  # said once, in the report
    report = tmp_path / "diff.md"
    code, out, err = run_cli(["diff", str(legacy), new, "-o", str(report)], capsys)
    assert "different endpoints" in report.read_text() and err.startswith("warning: ")
    code, out, _ = run_cli(["diff", new, new, "--fail-on-breaking"], capsys)
    assert code == 0 and "Warning" not in out


# ---------------------------------------------------------------------------------------------
# The example endpoint: hand-written expectation, and format independence


def _core(data: dict[str, Any]) -> dict[str, Any]:
    """The keys of the hand-written expectation, without the extra 'breaking' flags we add."""
    result = {key: data[key] for key in JSON_KEYS}
    result["changed_fields"] = [
        {k: c[k] for k in ("field", "from", "to")} for c in data["changed_fields"]
    ]
    result["changed_action_parameters"] = [
        {
            "action": a["action"],
            "added": a["added"],
            "removed": a["removed"],
            "changed": [{k: c[k] for k in ("parameter", "from", "to")} for c in a["changed"]],
        }
        for a in data["changed_action_parameters"]
    ]
    return result


def test_example_upgrade_matches_the_hand_written_expectation() -> None:
    expected = json.loads((FIXTURES / "expected_upgrade_23_to_24.json").read_text(encoding="utf-8"))
    result = diff_endpoints(
        load_endpoint(SPECS / "WebShop_23.200.001.json"),
        load_endpoint(SPECS / "WebShop_24.200.001.json"),
    )
    assert _core(result.to_json()) == expected


def test_swagger2_and_openapi3_of_one_endpoint_are_no_change() -> None:
    openapi = load_endpoint(SPECS / "WebShop_24.200.001.json")
    swagger = load_endpoint(FIXTURES / "WebShop_24.200.001.swagger2.json")
    assert (openapi.source_format, swagger.source_format) == ("openapi-3.0.1", "swagger-2.0")
    assert diff_endpoints(swagger, openapi).is_empty
    assert diff_endpoints(openapi, swagger).is_empty


def test_cli_json_and_fail_on_breaking(capsys: pytest.CaptureFixture[str]) -> None:
    old, new = str(SPECS / "WebShop_23.200.001.json"), str(SPECS / "WebShop_24.200.001.json")
    code, out, _ = run_cli(["diff", old, new, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["breaking"] is True
    code, out, err = run_cli(["diff", old, new, "--fail-on-breaking"], capsys)
    assert code == 1 and out.startswith("## Endpoint changes: WebShop 23.200.001 → 24.200.001")
    assert "11 breaking changes (--fail-on-breaking)" in err
    assert "actions +2 −1" in out  # SalesOrder.ReopenSalesOrder and Shipment.ConfirmShipment
    assert "- `Shipment`: `ConfirmShipment`" in out
    code, out, _ = run_cli(["diff", new, new, "--fail-on-breaking"], capsys)
    assert code == 0 and "No changes" in out


def test_cli_include_compares_only_what_the_project_generates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = str(SPECS / "WebShop_23.200.001.json"), str(SPECS / "WebShop_24.200.001.json")
    limited = ["--include", "Shipment", "--include", "SalesOrder", "--exclude", "SalesOrder"]
    code, out, err = run_cli(["diff", old, new, "--fail-on-breaking", *limited], capsys)
    assert code == 0, err  # the breaking changes are all elsewhere
    assert out.splitlines()[2] == (
        "Limited to: `Shipment`, `SalesOrder` (without `SalesOrder`) and what they use "
        "(`--include`/`--exclude`): changes to other entities are not reported."
    )
    code, out, err = run_cli(
        ["diff", old, new, "--include", "Customer", "--format", "json"], capsys
    )
    report = json.loads(out)
    assert report["selection"] == {
        "include": ["Customer"],
        "exclude": [],
        "description": "limited to: Customer and what it uses",
    }
    assert report["breaking_changes"] == [
        "field Customer.UsrLoyaltyTier removed",
        "field Customer.UsrWebShopCustomerID changed type: StringValue → IntValue",
    ]
    code, out, _ = run_cli(
        ["diff", old, new, "--exclude", "SalesOrder", "--format", "json"], capsys
    )
    assert "field SalesOrder.Payments removed" not in json.loads(out)["breaking_changes"]
    assert "field Customer.UsrLoyaltyTier removed" in json.loads(out)["breaking_changes"]
    code, out, _ = run_cli(["diff", old, new, "--format", "json"], capsys)
    assert json.loads(out)["selection"] is None


def test_an_included_entity_the_upgrade_removes_or_adds_is_still_reported() -> None:
    older, newer = load_endpoint(SPECS / "WebShop_23.200.001.json"), load_endpoint(
        SPECS / "WebShop_24.200.001.json"
    )
    added = diff_endpoints(older, newer, include=["Shipment"])  # only in 24
    assert "Shipment" in added.added_top_level and not added.breaking
    removed = diff_endpoints(newer, older, include=["Shipment"])  # backwards: it goes away
    assert "Shipment" in removed.removed_top_level and removed.breaking


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--include", "Custmer"],
            "error: --include: 'Custmer' is not a top-level entity of WebShop 23.200.001 or "
            "24.200.001; did you mean Customer?",
        ),
        (
            ["--exclude", "Nope"],
            "error: --exclude: 'Nope' is not a top-level entity of WebShop 23.200.001 or "
            "24.200.001",
        ),
        (
            ["--include", "Customer", "--exclude", "Customer"],
            "error: --include/--exclude leave no top-level entity of WebShop 23.200.001 or "
            "24.200.001 to compare; check the names given",
        ),
    ],
)
def test_cli_a_bad_selection_is_one_line_exit_2(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = str(SPECS / "WebShop_23.200.001.json"), str(SPECS / "WebShop_24.200.001.json")
    code, out, err = run_cli(["diff", old, new, *options], capsys)
    assert (code, out, err) == (2, "", message + "\n")


def test_cli_writes_report_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.md"
    old, new = str(SPECS / "WebShop_23.200.001.json"), str(SPECS / "WebShop_24.200.001.json")
    code, out, err = run_cli(["diff", old, new, "-o", str(report)], capsys)
    assert code == 0 and out == ""
    assert "report written to" in err
    assert report.read_text(encoding="utf-8").startswith("## Endpoint changes")


def test_cli_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_spec = tmp_path / "x.json"
    not_spec.write_text('{"hello": 1}', encoding="utf-8")
    code, _, err = run_cli(["diff", str(not_spec), str(SPECS / "WebShop_24.200.001.json")], capsys)
    assert code == 2 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(["diff", str(tmp_path / "missing.json"), str(not_spec)], capsys)
    assert code == 2 and "no such file" in err


# ---------------------------------------------------------------------------------------------
# Real Default documents: an independent walk of the raw JSON


def _schemas(document: dict[str, Any]) -> dict[str, Any]:
    return document.get("definitions") or document["components"]["schemas"]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _raw_label(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return _ref_name(prop["$ref"])
    if prop.get("type") == "array":
        return _ref_name(prop["items"]["$ref"]) + "[]"
    return str(prop.get("type"))


def raw_walk(path: Path) -> dict[str, Any]:
    """Entities, field labels and actions straight from the document, without the IR.

    An entity is a schema built as ``allOf: [Entity, {...}]``; its fields are the own properties
    plus Entity's. It is top-level when some path starts with ``/{Entity}``. An action is
    ``POST /{Entity}/{Action}`` whose body schema has ``entity``; its parameters are the
    ``parameters`` properties of that schema.
    """
    document = json.loads(path.read_text(encoding="utf-8-sig"))
    schemas = _schemas(document)
    entities: dict[str, dict[str, str]] = {}
    for name, schema in schemas.items():
        parts = schema.get("allOf") or []
        if not any(_ref_name(p.get("$ref", "")) == "Entity" for p in parts):
            continue
        fields: dict[str, str] = {}
        for part in parts:
            for prop_name, prop in (part.get("properties") or {}).items():
                fields[prop_name] = _raw_label(prop)
        entities[name] = fields
    actions: dict[str, dict[str, str]] = {}
    for route, item in document["paths"].items():
        segments = route.strip("/").split("/")
        if len(segments) != 2 or "post" not in item or "{" in route or "$" in route:
            continue
        operation = item["post"]
        body = next(
            (p["schema"] for p in operation.get("parameters", []) if p.get("in") == "body"), None
        )
        if body is None:
            body = operation["requestBody"]["content"]["application/json"]["schema"]
        invocation = schemas[_ref_name(body["$ref"])]
        parameters = ((invocation.get("properties") or {}).get("parameters") or {}).get(
            "properties"
        ) or {}
        actions[".".join(segments)] = {name: _raw_label(prop) for name, prop in parameters.items()}
    top_level = {route.strip("/").split("/")[0] for route in document["paths"]} & entities.keys()
    return {"entities": entities, "actions": actions, "top_level": top_level}


def raw_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    old_e, new_e = old["entities"], new["entities"]
    common = old_e.keys() & new_e.keys()
    # Fields of added or removed entities come and go with their entity; actions are listed
    # (callers gain or lose the methods), and so is a client attribute that comes or goes.
    old_a, new_a = old["actions"], new["actions"]
    return {
        "added_entities": sorted(new_e.keys() - old_e.keys()),
        "removed_entities": sorted(old_e.keys() - new_e.keys()),
        "added_top_level_entities": sorted(new["top_level"] - old["top_level"]),
        "removed_top_level_entities": sorted(old["top_level"] - new["top_level"]),
        "added_fields": sorted(
            f"{e}.{f}" for e in common for f in new_e[e].keys() - old_e[e].keys()
        ),
        "removed_fields": sorted(
            f"{e}.{f}" for e in common for f in old_e[e].keys() - new_e[e].keys()
        ),
        "changed_fields": sorted(
            f"{e}.{f}"
            for e in common
            for f in old_e[e].keys() & new_e[e].keys()
            if old_e[e][f] != new_e[e][f]
        ),
        "added_actions": sorted(new_a.keys() - old_a.keys()),
        "removed_actions": sorted(old_a.keys() - new_a.keys()),
        "changed_action_parameters": sorted(
            a for a in old_a.keys() & new_a.keys() if old_a[a] != new_a[a]
        ),
    }


@pytest.mark.parametrize(("old", "new"), [("22", "23"), ("23", "24"), ("22", "24")])
def test_real_default_upgrades_match_an_independent_walk(
    real_specs_dir: Path, old: str, new: str
) -> None:
    old_path = real_specs_dir / f"Default_{old}.200.001.json"
    new_path = real_specs_dir / f"Default_{new}.200.001.json"
    expected = raw_diff(raw_walk(old_path), raw_walk(new_path))
    data = diff_endpoints(load_endpoint(old_path), load_endpoint(new_path)).to_json()
    actual = {key: data[key] for key in expected}
    actual["changed_fields"] = [c["field"] for c in data["changed_fields"]]
    actual["changed_action_parameters"] = [a["action"] for a in data["changed_action_parameters"]]
    assert actual == expected


def test_real_default_23_to_24_known_facts(real_specs_dir: Path) -> None:
    """Facts looked up by hand with jq in the two documents."""
    result = diff_endpoints(
        load_endpoint(real_specs_dir / "Default_23.200.001.json"),
        load_endpoint(real_specs_dir / "Default_24.200.001.json"),
    )
    # jq '.definitions | has("EmployeeClassPTOBankDefault")' → true in 23, false in 24
    assert "EmployeeClassPTOBankDefault" in result.removed_entities
    assert {"CashTransaction", "AmazonStore"} <= set(result.added_entities)
    # UnitsOfMeasure: 23 has ConversionFactor, FromUOM, ToUOM, ...; 24 has Conversion, UnitID, ...
    assert {"UnitsOfMeasure.ConversionFactor", "UnitsOfMeasure.FromUOM"} <= set(
        result.removed_fields
    )
    assert {"UnitsOfMeasure.Conversion", "UnitsOfMeasure.UnitID"} <= set(result.added_fields)
    # paths: /SalesOrder/RecalculatePricesDiscounts exists only in 24
    assert "SalesOrder.RecalculatePricesDiscounts" in result.added_actions
    # jq '.paths | keys[] | select(startswith("/CashTransaction/"))' → ReleaseCashTransaction in 24;
    # the entity is new in 24, and its action and client attribute are new with it
    assert "CashTransaction.ReleaseCashTransaction" in result.added_actions
    assert {"CashTransaction", "AmazonStore"} <= set(result.added_top_level)
    assert "SalesInvoice.BillToAddress" in result.added_fields
    assert result.breaking


def test_real_default_22_to_23_action_parameters(real_specs_dir: Path) -> None:
    """jq '.definitions.ConvertLeadToBAccount.properties.parameters.properties | keys'."""
    result = diff_endpoints(
        load_endpoint(real_specs_dir / "Default_22.200.001.json"),
        load_endpoint(real_specs_dir / "Default_23.200.001.json"),
    )
    changes = {a.action: a for a in result.changed_action_parameters}
    convert = changes["Lead.ConvertLeadToBAccount"]
    assert convert.removed == ("AccountClass", "AccountName", "BAccountID")
    assert "BusinessAccountName" in convert.added and convert.breaking


def test_real_default_23_to_24_diff_report_is_deterministic(real_specs_dir: Path) -> None:
    """The whole job of `diff` twice gives the same report (its speed is benchmarks/diff_speed.py's
    to measure: a timed assertion here would fail on a busy machine, not on slow code)."""
    reports = [
        diff_endpoints(
            load_endpoint(real_specs_dir / "Default_23.200.001.json"),
            load_endpoint(real_specs_dir / "Default_24.200.001.json"),
        ).to_markdown()
        for _ in range(2)
    ]
    assert reports[0] == reports[1] and "SalesOrder" in reports[0]


def test_older_contract_upgrade_through_documents(tmp_path: Path) -> None:
    """Plain scalars of an old contract becoming wrappers, and a detail becoming a linked entity,
    edited into a copy of ``old_contract.json`` and read back through the builder."""
    original = FIXTURES / "old_contract.json"
    document = json.loads(original.read_text(encoding="utf-8-sig"))
    customer = document["definitions"]["Customer"]["allOf"][1]["properties"]
    customer["CustomerName"] = {"$ref": "#/definitions/StringValue"}  # plain string → wrapper
    customer["BAccountID"] = {"$ref": "#/definitions/StringValue"}  # plain int → StringValue
    customer["Contacts"] = {"$ref": "#/definitions/CustomerContact"}  # detail → linked
    upgraded = tmp_path / "Legacy_upgraded.json"
    upgraded.write_text(json.dumps(document), encoding="utf-8")
    result = diff_endpoints(load_endpoint(original), load_endpoint(upgraded))
    assert [(c.name, c.old, c.new, c.breaking) for c in result.changed_fields] == [
        ("Customer.BAccountID", "int", "StringValue", True),
        ("Customer.Contacts", "CustomerContact[]", "CustomerContact", True),
        ("Customer.CustomerName", "string", "StringValue", False),
    ]
    assert result.added_fields == result.removed_fields == ()
