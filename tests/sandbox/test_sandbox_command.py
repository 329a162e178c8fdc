"""``acumatica-codegen sandbox``: the first stdout line, serving, and one-line errors for bad input."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from acumatica_codegen.cli import main
from acumatica_codegen.sandbox import Sandbox
from acumatica_codegen.sandbox.config_keys import configured_keys
from sandbox_helpers import BASE_24, WEBSHOP_23, WEBSHOP_24, cli_sandbox, signed_in


def test_serves_and_prints_where_on_the_first_line() -> None:
    args = [str(WEBSHOP_24), str(WEBSHOP_23), "--port", "0", "--user", "bot:pw",
            "--max-sessions", "1", "--seed", "4"]  # fmt: skip
    with cli_sandbox(*args) as first:
        assert first.startswith("Sandbox listening on http://127.0.0.1:")
        url = first.removeprefix("Sandbox listening on ")
        endpoints = httpx.get(f"{url}/entity", timeout=10).json()["endpoints"]
        assert {e["version"] for e in endpoints} == {"23.200.001", "24.200.001"}
        with httpx.Client(base_url=url) as client:
            assert (
                client.post(
                    "/entity/auth/login", json={"name": "admin", "password": "123"}
                ).status_code
                == 500
            )
            assert (
                client.post(
                    "/entity/auth/login", json={"name": "bot", "password": "pw"}
                ).status_code
                == 204
            )
            other = httpx.post(f"{url}/entity/auth/login", json={"name": "bot", "password": "pw"})
            assert other.status_code == 429
            client.post("/entity/auth/logout")


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["sandbox", *args])
    code = exited.value.code
    return int(code) if code is not None else 0, capsys.readouterr().err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["missing.json"], "missing.json: no such file"),
        ([str(WEBSHOP_24), "--port", "http"], "--port: expected an integer from 0 to 65535"),
        ([str(WEBSHOP_24), "--port", "70000"], "--port"),
        ([str(WEBSHOP_24), "--fail-rate", "1.5"], "--fail-rate: expected a number from 0 to 1"),
        (
            [str(WEBSHOP_24), "--max-sessions", "0"],
            "--max-sessions: expected an integer of at least 1",
        ),
        ([str(WEBSHOP_24), "--latency-ms", "-1"], "--latency-ms"),
        ([str(WEBSHOP_24), "--latency-ms", "nan"], "--latency-ms"),
        ([str(WEBSHOP_24), "--latency-ms", "inf"], "--latency-ms"),
        ([str(WEBSHOP_24), "--latency-ms", "-inf"], "--latency-ms"),
        ([str(WEBSHOP_24), "--fail-rate", "nan"], "--fail-rate"),
        ([str(WEBSHOP_24), "--conflict-rate", "NaN"], "--conflict-rate"),
        ([str(WEBSHOP_24), "--rate-limit", "nan"], "--rate-limit"),
        ([str(WEBSHOP_24), "--token-lifetime", "inf"], "--token-lifetime"),
        ([str(WEBSHOP_24), "--session-timeout", "nan"], "--session-idle-timeout"),
        ([str(WEBSHOP_24), "--session-idle-timeout", "0"], "--session-idle-timeout"),
        ([str(WEBSHOP_24), "--restart-rate", "2"], "--restart-rate: expected a number from 0 to 1"),
        (
            [str(WEBSHOP_24), "--max-concurrent-requests", "0"],
            "--max-concurrent-requests: expected an integer of at least 1",
        ),
        ([str(WEBSHOP_24), "--max-concurrent-requests", "2.5"], "--max-concurrent-requests"),
        (
            [str(WEBSHOP_24), "--max-requests-per-minute", "x"],
            "--max-requests-per-minute: expected an integer of at least 1, got 'x'",
        ),
        ([str(WEBSHOP_24), "--request-queue-timeout", "-1"], "--request-queue-timeout"),
        ([str(WEBSHOP_24), "--config", "nowhere.toml"], "config='nowhere.toml': no such"),
        ([str(WEBSHOP_24), "--seed", "abc"], "--seed"),
        ([str(WEBSHOP_24), "--user", "nobody"], "--user: expected NAME:PASSWORD"),
        ([str(WEBSHOP_24), "--client", ":x"], "--client: expected ID:SECRET"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(
    args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_main(args, capsys)
    assert code == 2
    assert err.startswith("error: ")
    assert fragment in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_document_that_is_not_an_endpoint_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    code, err = run_main([str(bad)], capsys)
    assert code == 2 and err.startswith("error: ") and "bad.json" in err


def test_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        code, err = run_main([str(WEBSHOP_24), "--port", str(taken.getsockname()[1])], capsys)
    finally:
        taken.close()
    assert code == 2 and "is in use" in err


def test_help_documents_the_default_user(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["sandbox", "--help"])
    except SystemExit as exited:
        assert not exited.code
    out = capsys.readouterr().out
    assert "admin:123" in out and "--fail-rate" in out and "0 picks any free port" in out


def test_key_overrides_come_from_the_projects_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "specs" / WEBSHOP_24.name
    spec.parent.mkdir()
    spec.write_bytes(WEBSHOP_24.read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        "[tool.acumatica-codegen]\n\n"
        "[[tool.acumatica-codegen.endpoints]]\n"
        f'spec = "specs/{WEBSHOP_24.name}"\n'
        'keys = { Customer = ["Email"] }\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    overrides = configured_keys([Path("specs") / WEBSHOP_24.name], True)
    assert overrides == {"Customer": ("Email",)}
    assert configured_keys([WEBSHOP_23], True) == {}  # not a configured document

    with Sandbox(spec) as sb:  # the project's keys, without being told
        client = signed_in(sb.url)
        client.put(
            f"{BASE_24}/Customer", json={"Email": {"value": "a@b.c"}, "CustomerID": {"value": "C1"}}
        )
        assert client.get(f"{BASE_24}/Customer/a@b.c").status_code == 200
        assert client.get(f"{BASE_24}/Customer/C1").status_code == 500
        client.post("/entity/auth/logout")


# SandboxOptions fields whose flag is not the field's name in kebab case.
FLAG_OF = {
    "users": "--user",
    "tenants": "--tenant",
    "oauth_clients": "--client",
    "key_defaults": "--key-default",
    "reference_checks": "--no-reference-checks",
}


def test_every_option_has_a_flag_in_help_and_a_keyword_of_sandbox(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import dataclasses
    import inspect

    from acumatica_codegen.sandbox.options import SandboxOptions

    try:
        main(["sandbox", "--help"])
    except SystemExit as exited:
        assert not exited.code
    out = capsys.readouterr().out
    keywords = inspect.signature(Sandbox.__init__).parameters
    for option in dataclasses.fields(SandboxOptions):
        flag = FLAG_OF.get(option.name, "--" + option.name.replace("_", "-"))
        assert flag in out, flag
        assert option.name in keywords, option.name
    assert "per-request failures: your code sees some errors" in " ".join(out.split()).lower()
