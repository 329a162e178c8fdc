"""The Python surface users put in their own tests: Sandbox(...), its fixture, seed, records."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from acumatica_codegen.errors import UserError
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_23, WEBSHOP_24, signed_in, value, wrap

sandbox = Sandbox.fixture(WEBSHOP_24, name="sandbox", max_sessions=2)


def test_the_fixture_yields_a_running_sandbox(sandbox: Sandbox) -> None:
    assert sandbox.url.startswith("http://127.0.0.1:")
    assert sandbox.port != 0
    assert httpx.get(f"{sandbox.url}/entity").status_code == 200


def test_seeded_records_are_served_and_inspectable(sandbox: Sandbox) -> None:
    sandbox.reset()
    sandbox.seed("StockItem", wrap(InventoryID="A"))  # what the order's line refers to
    answers = sandbox.seed(
        "SalesOrder",
        {**wrap(OrderType="SO", OrderNbr="S1"), "Details": [wrap(InventoryID="A")]},
        {
            **wrap(OrderType="SO", OrderNbr="S2"),
            "custom": {"Document": {"UsrX": {"type": "CustomStringField", "value": "x"}}},
        },
    )
    assert [value(a["OrderNbr"]) for a in answers] == ["S1", "S2"]
    client = signed_in(sandbox.url)
    try:
        assert client.get(f"{BASE_24}/SalesOrder/SO/S1").status_code == 200
    finally:
        client.post("/entity/auth/logout")
    stored = sandbox.records("SalesOrder")
    assert [value(r["Details"][0]["InventoryID"]) for r in stored[:1]] == ["A"]
    assert stored[1]["custom"] == {
        "Document": {"UsrX": {"type": "CustomStringField", "value": "x"}}
    }
    assert stored[0]["files"] == []
    assert sandbox.records("SalesOrder", tenant="Elsewhere") == []


def test_seed_checks_values_like_a_put(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="422"):
        sandbox.seed("SalesOrder", wrap(OrderType="SO", OrderTotal="lots"))
    with pytest.raises(ValueError, match="no top-level entity"):
        sandbox.seed("Nope", {})


def test_several_endpoints_need_naming_one() -> None:
    with Sandbox([WEBSHOP_24, WEBSHOP_23]) as both:
        with pytest.raises(ValueError, match="several endpoints"):
            both.records("Customer")
        both.seed("Customer", wrap(CustomerID="C1"), endpoint="WebShop/23.200.001")
        assert len(both.records("Customer", endpoint="WebShop/23.200.001")) == 1
        assert both.records("Customer", endpoint="WebShop/24.200.001") == []


def test_reset_forgets_records_sessions_and_counters(sandbox: Sandbox) -> None:
    sandbox.seed("StockItem", wrap(InventoryID="GONE"))
    client = signed_in(sandbox.url)
    sandbox.reset()
    assert sandbox.records("StockItem") == []
    assert sandbox.stats()["open_sessions"] == 0
    assert sandbox.stats()["logins"] == 0
    assert client.get(f"{BASE_24}/StockItem").status_code == 401
    client.close()


def test_bad_options_are_user_errors() -> None:
    for options in ({"fail_rate": 2.0}, {"max_sessions": 0}, {"users": {}}, {"latency_ms": -1}):
        with pytest.raises(UserError):
            Sandbox(WEBSHOP_24, **options)  # type: ignore[arg-type]
    with pytest.raises(UserError):
        Sandbox([])


@pytest.mark.parametrize(
    "options, message",
    [
        ({"restart_rate": 1.5}, "restart_rate must be between 0.0 and 1.0"),
        ({"max_concurrent_requests": 0}, "max_concurrent_requests must be at least 1"),
        ({"max_requests_per_minute": 2.5}, "max_requests_per_minute must be a whole number"),
        ({"max_requests_per_minute": True}, "max_requests_per_minute must be a whole number"),
        ({"request_queue_timeout": -1}, "request_queue_timeout must be 0 or more"),
        ({"session_idle_timeout": 0}, "session_idle_timeout must be positive"),
        ({"config": "missing/pyproject.toml"}, "config='missing/pyproject.toml': no such"),
        ({"reference_checks": "no"}, "reference_checks must be True or False, not 'no'"),
        ({"html_errors": 1}, "html_errors must be True or False, not 1"),
    ],
)
def test_bad_new_options_say_which_and_why(options: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        Sandbox(WEBSHOP_24, **options)


PYPROJECT = """\
[tool.acumatica-codegen]

[[tool.acumatica-codegen.endpoints]]
spec = "WebShop_24.200.001.json"
keys = { Customer = ["Email"] }
"""


def test_configured_keys_reach_the_sandbox_by_config_path_and_by_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / WEBSHOP_24.name
    spec.write_bytes(WEBSHOP_24.read_bytes())
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")

    def customer_found_by_email(sb: Sandbox) -> bool:
        sb.seed("Customer", wrap(CustomerID="C1", Email="a@b.c"))
        client = signed_in(sb.url)
        try:
            return client.get(f"{BASE_24}/Customer/a@b.c").status_code == 200
        finally:
            client.post("/entity/auth/logout")

    with Sandbox(spec, config=tmp_path / "pyproject.toml") as by_path:
        assert customer_found_by_email(by_path)
    with Sandbox(spec, config=False) as without:
        assert not customer_found_by_email(without)
    monkeypatch.chdir(tmp_path)
    with Sandbox(spec) as discovered:
        assert customer_found_by_email(discovered)
    with Sandbox(spec, key_overrides={"Customer": ["CustomerID"]}) as overridden:
        assert not customer_found_by_email(overridden)  # explicit overrides win


def test_a_project_that_only_depends_on_acumatica_codegen_has_no_configured_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "shop-sync"\ndependencies = ["acumatica-codegen"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    with Sandbox(WEBSHOP_24) as sb:  # no [tool.acumatica-codegen]: nothing to read, no error
        assert sb.stats()["requests"] == 0


def test_the_fixture_passes_config_on(pytester: pytest.Pytester) -> None:
    spec = pytester.path / WEBSHOP_24.name
    spec.write_bytes(WEBSHOP_24.read_bytes())
    pytester.makefile(".toml", pyproject=PYPROJECT)
    pytester.makepyfile(f"""
        from acumatica_codegen.sandbox import Sandbox

        sandbox = Sandbox.fixture({str(spec)!r}, config={str(pytester.path / "pyproject.toml")!r})

        def test_keys(sandbox):
            endpoint = next(iter(sandbox.state.loaded.values())).endpoint
            assert endpoint.entities_by_name["Customer"].keys == ("Email",)
        """)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_sandbox_can_be_started_and_stopped_by_hand() -> None:
    sb = Sandbox(WEBSHOP_24).start()
    try:
        assert httpx.get(f"{sb.url}/sandbox/stats").json()["requests"] == 0
    finally:
        sb.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{sb.url}/entity")


@pytest.mark.parametrize(
    "option",
    [
        {"latency_ms": float("nan")},
        {"latency_ms": float("inf")},
        {"fail_rate": float("nan")},
        {"conflict_rate": float("nan")},
        {"rate_limit": float("nan")},
        {"rate_limit": float("inf")},
        {"token_lifetime": float("nan")},
        {"session_idle_timeout": float("inf")},
    ],
)
def test_options_that_are_not_finite_numbers_are_refused(option: dict[str, float]) -> None:
    name = next(iter(option))
    with pytest.raises(UserError, match=f"{name} must be a finite number"):
        Sandbox(WEBSHOP_24, port=0, **option)


@pytest.mark.parametrize(
    "word, phrase",
    [
        ("Employee", "an Employee"),
        ("AccountGroup", "an AccountGroup"),
        ("int", "an int"),
        ("StockItem", "a StockItem"),
        ("guid", "a guid"),
        ("UnitsOfMeasure", "a UnitsOfMeasure"),
        ("UsrField", "a UsrField"),
        ("Update", "an Update"),
    ],
)
def test_error_messages_use_the_right_article(word: str, phrase: str) -> None:
    from acumatica_codegen.sandbox.errors import article

    assert f"{article(word)} {word}" == phrase
