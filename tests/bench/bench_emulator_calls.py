"""Single emulator calls with moto's own code and with the local stack's speed-ups
(infra/local/helpdesk_local/emulator_speedups.py), each mode in a fresh process.

Run: `make bench` or `pytest tests/bench/bench_emulator_calls.py -m bench -s`. Results go to docs/performance.md,
section "The local emulator: moto's slow paths".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.local_mail import machine_load
from tests.bench.report import write_section

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]


def measure(mode: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "infra" / "local")])}
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.emulator_calls", mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_speed_ups_make_moto_faster_where_it_scans() -> None:
    load = machine_load()
    plain, fast = measure("plain"), measure("fast")
    rows = "\n".join(
        f"| {what} | {plain[what]:.1f} | {fast[what]:.1f} | {plain[what] / fast[what]:.1f}x |"
        for what in plain
    )
    write_section(
        "The local emulator: moto's slow paths",
        f"""
Measured by `pytest tests/bench/bench_emulator_calls.py -m bench -s`: one boto3 client calling a moto server on
loopback in the same process (as in `helpdesk local up`), milliseconds per call, client and server together, with
moto's own code and with the speed-ups the local stack applies (`helpdesk_local/emulator_speedups.py`, each
checked against moto's answers by `tests/unit/test_local_emulator_speedups.py`). {machine_load()} at the end,
{load} at the start.

| call | moto (ms) | with speed-ups (ms) | faster |
| --- | --- | --- | --- |
{rows}

A deep queue made every SQS call of moto slow: each SendMessage computed all queue attributes (three scans of the
queue, each asking for the time per message), each received message read the retention period the same way, each
deleted handle took two scans. The base-table Query looked at every item of the table.
""",
    )
    deep_receive = next(k for k in plain if k.startswith("ReceiveMessage"))
    assert fast[deep_receive] < plain[deep_receive]
