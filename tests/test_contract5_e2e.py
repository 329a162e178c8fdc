"""A generated contract-5 client against the sandbox serving the same document (issue 9).

For the real Default 26.200.001 subset and the example WebShop 26.200.001: the package generates,
imports and type-checks with the caller's code below (nested expansion included) under
``mypy --strict``; then that code runs CRUD, PATCH, a filtered list and a nested-expanded list
against the sandbox, on the sync and the async client.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.render import write_package
from acumatica_codegen.sandbox import Sandbox
from test_corpus import _mypy_strict
from testkit import WEBSHOP_26

# The caller's code, written into the generated project so that mypy checks it with the package.
SCENARIO = '''\
"""CRUD, PATCH, a filtered and a nested-expanded list, as an integration would write them."""

from __future__ import annotations

from {package} import AsyncClient, Client, CookieAuth, NotFound
from {package}.models import Address, Contact, Customer

CUSTOMER = Customer(
    customer_id="C5",
    customer_name="Contract Five Coffee",
    status="A",
    main_contact=Contact(email="five@example.com", address=Address(city="Oslo")),
)
NESTED = Customer.f.main_contact.select(Contact.f.email).expand(
    Contact.f.address.select(Address.f.city)
)
FILTER = Customer.f.customer_name.contains("five coffee") & (Customer.f.status == "A")


def run(url: str) -> dict[str, object]:
    with Client(url, auth=CookieAuth("admin", "123")) as client:
        api = client.customer
        created = api.put(CUSTOMER)
        patched = api.patch(Customer(customer_id="C5", customer_name="Contract Five Tea"))
        read = api.get_by_keys("C5", expand=Customer.f.main_contact)
        found = api.list(filter=Customer.f.customer_name.contains("five tea"))
        nested = api.list(select=[Customer.f.customer_id], expand=NESTED)
        api.delete_by_keys("C5")
        try:
            api.get_by_keys("C5")
            gone = False
        except NotFound:
            gone = True
    contact = nested[0].main_contact
    return {{
        "created_status": created.status,
        "patched_name": patched.customer_name,
        "patched_kept_email": read.main_contact and read.main_contact.email,
        "found": [c.customer_id for c in found],
        "nested_email": contact and contact.email,
        "nested_city": contact and contact.address and contact.address.city,
        "nested_has_name": bool(nested[0].customer_name),  # not selected: UNSET
        "gone": gone,
    }}


async def run_async(url: str) -> dict[str, object]:
    async with AsyncClient(url, auth=CookieAuth("admin", "123")) as client:
        api = client.customer
        created = await api.put(CUSTOMER)
        await api.patch(Customer(status="H"), id=created.id)
        found = await api.list(filter=FILTER)
        held = await api.list(filter=Customer.f.status == "H", expand=NESTED)
        if created.id:
            await api.delete(created.id)
    return {{"found": len(found), "held": [c.customer_id for c in held]}}
'''

DOCUMENTS = {
    "real Default 26.200.001 subset": ("real", "/entity/Default/26.200.001"),
    "example WebShop 26.200.001": ("example", "/entity/WebShop/26.200.001"),
}


@pytest.fixture(scope="module", params=sorted(DOCUMENTS))
def generated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Path, ModuleType]]:
    """(document, project folder, scenario module) for each contract-5 document."""
    kind, _ = DOCUMENTS[request.param]
    document = request.getfixturevalue("real_26_subset") if kind == "real" else WEBSHOP_26
    package = f"contract5_e2e_{kind}"
    out = tmp_path_factory.mktemp(package)
    result = write_package(load_endpoint(document), out, package)
    project = result.project_dir
    (project / "scenario_5.py").write_text(SCENARIO.format(package=package), encoding="utf-8")
    sys.path.insert(0, str(project))
    try:
        yield document, project, importlib.import_module("scenario_5")
    finally:
        sys.path.remove(str(project))
        for name in [n for n in sys.modules if n == "scenario_5" or n.startswith(package)]:
            del sys.modules[name]


def test_the_package_knows_it_speaks_contract_5(generated: tuple[Path, Path, ModuleType]) -> None:
    _, project, scenario = generated
    package = sys.modules[project.name]
    assert package.CONTRACT == 5 and package.Client.contract_version == 5


def test_caller_code_with_nested_expansion_passes_mypy_strict(
    generated: tuple[Path, Path, ModuleType], tmp_path: Path
) -> None:
    _, project, _ = generated
    run = _mypy_strict(project, tmp_path, "scenario_5.py")
    assert run.returncode == 0, run.stdout


MISTAKES = """\
from {package} import Client
from {package}.models import Contact, Customer


def wrong(client: Client) -> None:
    Customer.f.status.eq(5)  # a select's id is text here
    Customer.f.main_contact.select(Contact.f.email).expand(5)
    client.customer.list(expand=[Customer.f.main_contact.select(3)])
    client.customer.patch(Contact())
"""


def test_wrong_query_pieces_and_a_patch_of_the_wrong_model_fail_mypy(
    generated: tuple[Path, Path, ModuleType], tmp_path: Path
) -> None:
    _, project, _ = generated
    (project / "mistakes_5.py").write_text(MISTAKES.format(package=project.name), "utf-8")
    run = _mypy_strict(project, tmp_path, "mistakes_5.py")
    flagged = sorted(
        {int(line.split(":")[1]) for line in run.stdout.splitlines() if ": error:" in line}
    )
    assert flagged == [6, 7, 8, 9], run.stdout


def test_crud_patch_filtered_and_nested_lists_against_the_sandbox(
    generated: tuple[Path, Path, ModuleType],
) -> None:
    document, _, scenario = generated
    with Sandbox(document, reference_checks=False, seed=9) as sandbox:
        outcome = scenario.run(sandbox.url)
        stats = sandbox.stats()
    assert outcome == {
        "created_status": "A",
        "patched_name": "Contract Five Tea",
        "patched_kept_email": "five@example.com",
        "found": ["C5"],
        "nested_email": "five@example.com",
        "nested_city": "Oslo",
        "nested_has_name": False,
        "gone": True,
    }
    assert stats["logins"] == stats["logouts"] == 1


def test_the_async_client_patches_by_id_and_filters_selects_by_id(
    generated: tuple[Path, Path, ModuleType],
) -> None:
    document, _, scenario = generated
    with Sandbox(document, reference_checks=False, seed=9) as sandbox:
        outcome = asyncio.run(scenario.run_async(sandbox.url))
    assert outcome == {"found": 0, "held": ["C5"]}


def test_a_select_read_back_keeps_the_servers_description(
    generated: tuple[Path, Path, ModuleType],
) -> None:
    document, project, scenario = generated
    models = importlib.import_module(f"{project.name}.models")
    with Sandbox(document, reference_checks=False) as sandbox:
        with sys.modules[project.name].Client(
            sandbox.url, auth=sys.modules[project.name].CookieAuth("admin", "123")
        ) as client:
            saved = client.customer.put(models.Customer(customer_id="C6", status="H"))
    assert saved.status == "H" and saved.status.description == "H"
