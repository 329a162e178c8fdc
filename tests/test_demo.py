"""`acumatica-codegen demo`, end to end, the way the README's first command runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from testkit import run_cli

REPO = Path(__file__).resolve().parent.parent


def test_demo_runs_the_whole_workflow_and_exits_0(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO / "generator"), env.get("PYTHONPATH")])
    )
    for name in ("ACUMATICA_URL", "ACUMATICA_USERNAME", "ACUMATICA_PASSWORD"):
        env.pop(name, None)
    completed = subprocess.run(
        [sys.executable, "-c", "from acumatica_codegen.cli import main; main()", "demo"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    out = completed.stdout
    assert completed.returncode == 0, completed.stderr[-3000:] + out[-3000:]
    assert "Traceback" not in completed.stderr
    steps = re.findall(r"^\s*\d+\. (\w[\w ]*?)\s{2,}", out, flags=re.MULTILINE)
    assert steps[:3] == ["Sandbox", "Endpoints", "Fetch"]
    for expected in (
        "Generate",
        "Import",
        "Customer",
        "Order",
        "Invoice",
        "Release",
        "List",
        "Sign out",
    ):
        assert expected in steps, out
    assert "WebShop_26.200.001.json" in out  # the newest example endpoint
    assert re.search(r"→ 202, then polled its Location: (202, )*204", out), out
    assert "Status is now 'Open'" in out  # released, with its balance to pay
    assert "0 open sessions" in out
    assert "123" not in re.sub(r"\d{4,}|[0-9a-f]{8,}", "", out)  # the password is never shown


@pytest.mark.parametrize(
    ("spec", "lacks"),
    [
        ("old_contract.json", "Legacy/6.00.001 lacks field Customer.Email"),
        ("hostile.json", "Hostile/1.0.0 lacks entity Customer"),
    ],
)
def test_demo_with_another_endpoints_document_is_one_line(
    spec: str, lacks: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = REPO / "tests" / "fixtures" / "specs" / spec
    code, out, err = run_cli(["demo", "--spec", str(path)], capsys)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "the demo needs the WebShop example endpoint" in err and lacks in err
    assert out == ""  # refused before any step starts


def test_demo_without_the_release_action_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((REPO / "specs" / "WebShop_24.200.001.json").read_text("utf-8-sig"))
    document["paths"] = {
        path: item for path, item in document["paths"].items() if "ReleaseSalesInvoice" not in path
    }
    spec = tmp_path / "WebShop_24.200.001.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run_cli(["demo", "--spec", str(spec)], capsys)
    assert code == 2 and "lacks action SalesInvoice.ReleaseSalesInvoice" in err, err


def test_any_failure_during_the_demo_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from acumatica_codegen.commands import demo

    def broken(spec: Path, folder: Path, steps: Any) -> None:
        steps("Sandbox", "serving")
        raise AttributeError("'Client' object has no attribute 'customer'")

    monkeypatch.setattr(demo, "_run", broken)
    code, out, err = run_cli(["demo"], capsys)
    assert code == 2
    assert (
        err.startswith("error: the demo failed at step 2 (AttributeError: ")
        and err.count("\n") == 1
    ), err
    assert "Traceback" not in err and "1. Sandbox" in out
