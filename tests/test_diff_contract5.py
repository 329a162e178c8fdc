"""diff for an upgrade into contract 5: the contract move stated first, retypes to select and
date-only values with their Python consequence, likely renames, and no ``anyOf`` artefacts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from acumatica_codegen import digest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.diff import Diff, diff_endpoints
from test_builder import openapi3_document, write
from testkit import WEBSHOP_24, WEBSHOP_26


@pytest.fixture(scope="module")
def example() -> Diff:
    return diff_endpoints(load_endpoint(WEBSHOP_24), load_endpoint(WEBSHOP_26))


def test_the_contract_move_is_stated_first_with_the_query_dialect(example: Diff) -> None:
    assert (example.old_contract, example.new_contract) == (4, 5)
    assert example.breaking_changes[0].startswith("system contract 4 → 5: the query dialect")
    text = example.to_markdown()
    assert text.index("### ⚠️ System contract 4 → 5") < text.index("### ⚠️ Breaking changes")
    for before, after in digest.QUERY_DIALECT_CHANGES:
        assert f"| {before} | {after} |" in text
    assert "third-party digest" in text
    dialect = example.to_json()["contract_change"]["query_dialect"]
    assert {
        "before": "$custom=Document.UsrField",
        "after": "custom fields are asked for with $select",
    } in dialect


def test_retypes_to_select_and_date_only_are_breaking_with_their_python_consequence(
    example: Diff,
) -> None:
    changes = {c.name: c for c in example.changed_fields}
    status, date = changes["SalesOrder.Status"], changes["SalesOrder.Date"]
    assert (status.old, status.new, status.breaking) == (
        "StringValue",
        "StringSingleSelectValue",
        True,
    )
    assert status.python[:2] == ("str", "Select[str]")
    assert (date.old, date.new, date.python[:2]) == (
        "DateTimeValue",
        "DateOnlyValue",
        ("datetime", "date"),
    )
    assert changes["Customer.OrderPriority"].python[:2] == ("int", "Select[int]")
    lines = example.breaking_changes
    assert (
        "field `SalesOrder.Status` changed type: `StringValue` → `StringSingleSelectValue` "
        "(Python: `str` → `Select[str]`: read `.id` and `.description`; a plain id still assigns)"
    ) in lines
    assert any(
        line.startswith("field `SalesOrder.Date` changed type") and "`datetime` → `date`" in line
        for line in lines
    )
    fields = {c["field"]: c for c in example.to_json()["changed_fields"]}
    assert fields["SalesOrder.RequestedOn"]["python"] == {"from": "datetime", "to": "date"}
    assert (
        "| `SalesOrder.Status` | `StringValue` | `StringSingleSelectValue` | `str` → `Select[str]` | yes |"
        in example.to_markdown()
    )


def test_a_removed_and_an_added_look_alike_field_are_a_likely_rename(example: Diff) -> None:
    assert "SalesOrder.LastModified" in example.removed_fields
    assert "SalesOrder.LastModifiedDateTime" in example.added_fields
    assert [(r.entity, r.old, r.new) for r in example.likely_renames] == [
        ("SalesOrder", "LastModified", "LastModifiedDateTime")
    ]
    text = example.to_markdown()
    assert "`LastModified` (likely renamed to `LastModifiedDateTime`)" in text
    assert "- `SalesOrder`: `LastModified` → `LastModifiedDateTime`" in text
    assert example.to_json()["likely_renames"] == [
        {"entity": "SalesOrder", "from": "LastModified", "to": "LastModifiedDateTime"}
    ]


def test_fields_of_another_type_are_no_likely_rename(example: Diff) -> None:
    old, new = load_endpoint(WEBSHOP_24), load_endpoint(WEBSHOP_26)
    order = new.entity("SalesOrder")
    retyped = tuple(
        (
            replace(f, scalar=order.field("Date").scalar, value_type="DateOnlyValue")
            if f.wire_name == "LastModifiedDateTime"
            else f
        )
        for f in order.fields
    )
    new = replace(
        new,
        entities=tuple(
            replace(e, fields=retyped) if e.name == "SalesOrder" else e for e in new.entities
        ),
    )
    assert diff_endpoints(old, new).likely_renames == ()


def test_the_newer_document_format_alone_is_no_change(tmp_path: Path) -> None:
    plain = openapi3_document()
    newer = openapi3_document()
    schemas = newer["components"]["schemas"]
    schemas["Entity"]["properties"]["note"] = {
        "anyOf": [{"$ref": "#/components/schemas/StringValue"}],
        "nullable": True,
    }
    for wrapper in ("StringValue", "DecimalValue", "IntValue"):
        schemas[wrapper]["properties"]["value"]["nullable"] = True
    result = diff_endpoints(
        load_endpoint(write(tmp_path, plain, "old.json")),
        load_endpoint(write(tmp_path, newer, "new.json")),
    )
    assert result.is_empty and "No changes" in result.to_markdown()


def test_no_anyof_artefact_in_the_example_upgrade(example: Diff) -> None:
    assert not [c for c in example.changed_fields if c.name.endswith(".note")]


@pytest.mark.parametrize(
    ("old", "new", "changed", "dialect"),
    [(4, 5, True, True), (3, 4, True, False), (None, 5, False, False), (5, 5, False, False)],
)
def test_the_contract_change_needs_both_versions_and_the_dialect_needs_contract5(
    example: Diff, old: int | None, new: int | None, changed: bool, dialect: bool
) -> None:
    result = replace(example, old_contract=old, new_contract=new)
    assert result.contract_changed is changed
    assert bool(result.to_json()["contract_change"]) is changed
    assert ("OData 4.01" in result.to_markdown()) is dialect


def test_the_runtime_sends_what_the_digest_says_a_select_request_carries() -> None:
    from acumatica_codegen.runtime import values

    assert values.SELECT_REQUEST_KEYS == digest.SELECT_REQUEST_KEYS
    assert values.encode_select("CL") == {key: "CL" for key in digest.SELECT_REQUEST_KEYS}


def test_real_default_24_to_26_subset_review(real_specs_dir: Path, real_26_subset: Path) -> None:
    result = diff_endpoints(
        load_endpoint(real_specs_dir / "Default_24.200.001.json"),
        load_endpoint(real_26_subset),
        include=["Customer"],
    )
    assert result.contract_changed and result.breaking_changes[0].startswith("system contract")
    changes = {c.name: c for c in result.changed_fields}
    assert changes["Customer.Status"].new == "StringSingleSelectValue"
    assert changes["Customer.Status"].python[:2] == ("str", "Select[str]")
    assert ("ContactDuplicateDetail", "LastModifiedDate", "LastModifiedDateTime") in {
        (r.entity, r.old, r.new) for r in result.likely_renames
    }
    assert not [c for c in result.changed_fields if c.name.endswith(".note")]
    report = json.loads(json.dumps(result.to_json()))
    assert report["contract_change"]["from"] == 4 and report["contract_change"]["to"] == 5
