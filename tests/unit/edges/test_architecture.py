"""The layout's rules (pyproject's import-linter contracts) hold, and each kind of violation breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[3]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(str(root / p) for p in ("layers/core", "infra/local", "."))
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": path, "COLUMNS": "300"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def copy_of_the_code(tmp_path: Path) -> Path:
    for part in ("layers/core/helpdesk", "infra/local/helpdesk_local", "functions"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


VIOLATIONS = {
    "(3) models, services and ports talk to no AWS": (
        "layers/core/helpdesk/tickets/model/ticket.py",
        "import boto3",
    ),
    "(4) contexts use each other in one direction only": (
        "layers/core/helpdesk/tickets/services/outbound.py",
        "from helpdesk.commerce.public import Order",
    ),
    "(2) inside a context": (
        "layers/core/helpdesk/licensing/model/license.py",
        "from helpdesk.licensing.services import admin",
    ),
    "(5) handlers import only": ("functions/notify/notify.py", "from helpdesk.notices import services"),
    "(1) the kernel imports no context": (
        "layers/core/helpdesk/kernel/money.py",
        "import helpdesk.tickets.ports",
    ),
    "infra/local has no import cycles": (
        "infra/local/helpdesk_local/template.py",
        "from helpdesk_local import stack",
    ),
}


@pytest.mark.parametrize("contract", sorted(VIOLATIONS))
def test_a_violation_breaks_its_contract(tmp_path: Path, contract: str) -> None:
    root = copy_of_the_code(tmp_path)
    module, line = VIOLATIONS[contract]
    target = root / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    result = lint(root)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(row.startswith(contract) for row in broken), result.stdout
