"""`helpdesk queues` and friends against a stack started on other ports than the defaults: the stack's state
folder tells them where it is."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.local_process import ROOT, LocalProcess

pytestmark = pytest.mark.e2e


def helpdesk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT")}
    command = [sys.executable, "-m", "helpdesk_local.cli", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_queues_finds_the_stack_by_its_state_folder(local: LocalProcess) -> None:
    assert local.emulator_port != 4566
    done = helpdesk("queues", "--state-dir", str(local.state_dir))
    assert done.returncode == 0, done.stderr
    assert "helpdesk-ingest-local" in done.stdout and "Traceback" not in done.stderr


def test_tickets_backfill_runs_against_the_stack(local: LocalProcess) -> None:
    done = helpdesk("tickets", "backfill-organisations", "--state-dir", str(local.state_dir), timeout=600)
    assert done.returncode == 0, done.stderr
    assert "tickets saved" in done.stdout
