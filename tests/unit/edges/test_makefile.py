"""The command catalogue: `make run` takes its ports, and the virtualenv is installed from the lock file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[3]


def dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("!!! MAKEFILE TEST SKIPPED: no `make` on this machine !!!")
    done = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("target", ["run", "run-fresh"])
def test_run_takes_the_ports_it_is_given(target: str) -> None:
    printed = dry_run(target, "PORT=9080", "SMTP_PORT=3525", "EMULATOR_PORT=5566")
    assert "helpdesk local up" in printed
    assert "--port 9080 --smtp-port 3525 --emulator-port 5566" in printed


def test_run_keeps_the_documented_default_ports() -> None:
    assert "--port 8080 --smtp-port 2525 --emulator-port 4566" in dry_run("run")


def test_the_venv_is_installed_from_the_lock_then_the_project_without_resolving() -> None:
    printed = dry_run("-B", ".venv/.installed").splitlines()
    from_lock = next(i for i, line in enumerate(printed) if "pip install -q -r requirements.lock" in line)
    project = next(i for i, line in enumerate(printed) if "pip install -q --no-deps -e ." in line)
    assert from_lock < project
    assert not any("pip install" in line and "[dev]" in line for line in printed)
