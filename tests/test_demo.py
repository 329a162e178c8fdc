"""`acumatica-codegen demo`, end to end, the way the README's first command runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
    assert "WebShop_24.200.001.json" in out  # the newest example endpoint
    assert re.search(r"→ 202, then polled its Location: (202, )*204", out), out
    assert "Status is now 'Released'" in out
    assert "0 open sessions" in out
    assert "123" not in re.sub(r"\d{4,}|[0-9a-f]{8,}", "", out)  # the password is never shown
