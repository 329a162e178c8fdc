"""The real-world corpus: every real Acumatica endpoint document generates a package that imports,
type-checks (the small ones) and round-trips a synthetic payload for every entity.

Nothing generated here is kept: it all lives under pytest's tmp_path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.ir import Endpoint, Entity, FieldKind, Scalar
from acumatica_codegen.render import write_package
from testkit import FIXTURES, REAL_SPEC_NAMES, WEBSHOP_23, WEBSHOP_24, WEBSHOP_26

SMALL_REAL = (
    "DeviceHub_23.200.001.json",
    "GLConsolidation_22.200.001.json",
    "ISVCB_21.200.001.json",
)

# Samples that survive decode → encode unchanged, one per scalar.
SAMPLES: dict[Scalar, Any] = {
    Scalar.STRING: "Text with ü and 'quotes'",
    Scalar.INT: 7,
    Scalar.DECIMAL: 12.5,
    Scalar.FLOAT: 2.25,
    Scalar.BOOL: True,
    Scalar.DATETIME: "2024-05-06T07:08:09.123+02:00",
    Scalar.GUID: "0f8fad5b-d9cb-469f-a165-70867728950e",
    Scalar.ANY: {"anything": [1, "two"]},
    # contract 5
    Scalar.DATE: "2026-09-09",
    Scalar.STRING_SELECT: {"id": "CL", "description": "Completed"},
    Scalar.INT_SELECT: {"id": 3, "description": None},
    Scalar.STRING_MULTI_SELECT: [{"id": "A", "description": "Alpha"}, {"id": "B"}],
}


def synthetic_payload(endpoint: Endpoint, entity: Entity, depth: int = 0) -> dict[str, Any]:
    """Every field of ``entity`` filled, plus what a real server adds that no document declares."""
    payload: dict[str, Any] = {}
    for field in entity.fields:
        if field.kind is FieldKind.VALUE:
            payload[field.wire_name] = {"value": SAMPLES[field.scalar]}
        elif field.kind is FieldKind.PLAIN:
            payload[field.wire_name] = SAMPLES[field.scalar]
        elif field.kind is FieldKind.LINKED and depth < 2:
            assert field.entity is not None
            payload[field.wire_name] = synthetic_payload(
                endpoint, endpoint.entity(field.entity), depth + 1
            )
        elif field.kind is FieldKind.DETAIL and depth < 2:
            assert field.entity is not None
            line = synthetic_payload(endpoint, endpoint.entity(field.entity), depth + 1)
            payload[field.wire_name] = [line, {**line, "delete": True}]
        elif field.kind is FieldKind.CUSTOM:
            payload[field.wire_name] = {
                "Document": {
                    "UsrText": {"type": "CustomStringField", "value": "custom"},
                    "UsrAmount": {"type": "CustomDecimalField", "value": 3.75},
                }
            }
        elif field.kind is FieldKind.FILES:
            payload[field.wire_name] = [
                {"id": SAMPLES[Scalar.GUID], "filename": "a.pdf", "href": "/files/a.pdf"}
            ]
    value_fields = [f for f in entity.fields if f.kind is FieldKind.VALUE]
    if value_fields:  # a 422-style wrapper: value and error together
        first = value_fields[0]
        payload[first.wire_name] = {"value": SAMPLES[first.scalar], "error": "Bad value"}
    payload["_links"] = {"self": "/entity/X/1/Y/abc"}
    payload["FieldFromANewerServer"] = {"value": "kept"}
    return payload


ROUND_TRIP = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
package = importlib.import_module(sys.argv[2])
models = importlib.import_module(sys.argv[2] + ".models")
payloads = json.load(open(sys.argv[3], encoding="utf-8"))
package.Client, package.AsyncClient
failures = []
for class_name, payload in payloads.items():
    model = getattr(models, class_name)
    if model.from_dict(payload).to_dict() != payload:
        failures.append(class_name)
print(json.dumps({"checked": len(payloads), "failures": failures}))
"""


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_real_document_generates_imports_and_round_trips_every_entity(
    name: str, real_specs_dir: Path, tmp_path: Path
) -> None:
    endpoint = load_endpoint(real_specs_dir / name)
    result = write_package(endpoint, tmp_path, spec_name=name)
    _assert_imports_and_round_trips(endpoint, result.project_dir, tmp_path)


def _assert_imports_and_round_trips(endpoint: Endpoint, project_dir: Path, tmp_path: Path) -> None:
    """The package imports, and every entity's synthetic payload survives decode → encode."""
    payloads = {
        entity.class_name: synthetic_payload(endpoint, entity) for entity in endpoint.entities
    }
    payload_file = tmp_path / "payloads.json"
    payload_file.write_text(json.dumps(payloads), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP, str(project_dir), project_dir.name, str(payload_file)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report == {"checked": len(endpoint.entities), "failures": []}


def _mypy_strict(
    project_dir: Path, tmp_path: Path, target: str = ""
) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` in ``project_dir`` on ``target`` (default: the package)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            target or project_dir.name,
        ],
        capture_output=True,
        text=True,
        cwd=project_dir,
    )


def test_real_contract5_subset_generates_imports_round_trips_and_type_checks(
    real_26_subset: Path, tmp_path: Path
) -> None:
    endpoint = load_endpoint(real_26_subset)
    result = write_package(endpoint, tmp_path / "out", spec_name=real_26_subset.name)
    _assert_imports_and_round_trips(endpoint, result.project_dir, tmp_path)
    run = _mypy_strict(result.project_dir, tmp_path)
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize("name", SMALL_REAL)
def test_small_real_endpoint_passes_mypy_strict(
    name: str, real_specs_dir: Path, tmp_path: Path
) -> None:
    # Black-stability of every real document is tests/test_black_stable.py's to check.
    result = write_package(load_endpoint(real_specs_dir / name), tmp_path)
    run = _mypy_strict(result.project_dir, tmp_path)
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize(
    "spec",
    [
        WEBSHOP_23,
        WEBSHOP_24,
        WEBSHOP_26,
        FIXTURES / "hostile.json",
        FIXTURES / "old_contract.json",
    ],
    ids=lambda p: p.stem,
)
def test_example_and_fixture_packages_pass_mypy_strict(spec: Path, tmp_path: Path) -> None:
    result = write_package(load_endpoint(spec), tmp_path)
    run = _mypy_strict(result.project_dir, tmp_path)
    assert run.returncode == 0, run.stdout


# Detail entities of WebShop 23.200.001 renamed like what the generated models modules import.
RUNTIME_LOOKALIKES = {
    "Address": "Value",
    "AttributeValue": "Detail",
    "Contact": "Fields",
    "DocAddress": "Files",
    "DocContact": "Custom",
    "SalesOrderDetail": "Plain",
    "SalesOrderPayment": "Linked",
    "PaymentDetail": "FieldRef",
    "PaymentApplicationHistoryDetail": "UNSET",
    "SalesInvoiceDetail": "ClassVar",
    "StockItemWarehouseDetail": "TYPE_CHECKING",
}


def _renamed_schemas(node: Any, renames: dict[str, str]) -> Any:
    """``node`` with the definitions in ``renames`` and every ``$ref`` to them renamed."""
    if isinstance(node, list):
        return [_renamed_schemas(item, renames) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == "$ref" and value.removeprefix("#/definitions/") in renames:
            value = "#/definitions/" + renames[value.removeprefix("#/definitions/")]
        result[key] = _renamed_schemas(value, renames)
    if "definitions" in result:
        result["definitions"] = {renames.get(k, k): v for k, v in result["definitions"].items()}
    return result


def test_entities_named_like_the_models_imports_generate_a_package_that_imports_and_type_checks(
    tmp_path: Path,
) -> None:
    document = json.loads(WEBSHOP_23.read_text(encoding="utf-8-sig"))
    spec = tmp_path / "WebShop_23.200.001.json"
    spec.write_text(json.dumps(_renamed_schemas(document, RUNTIME_LOOKALIKES)), encoding="utf-8")
    endpoint = load_endpoint(spec)
    assert {e.name for e in endpoint.entities} >= set(RUNTIME_LOOKALIKES.values())
    result = write_package(endpoint, tmp_path / "out")
    _assert_imports_and_round_trips(endpoint, result.project_dir, tmp_path)
    mypy = _mypy_strict(result.project_dir, tmp_path)
    assert mypy.returncode == 0, mypy.stdout
