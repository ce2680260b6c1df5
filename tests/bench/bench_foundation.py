"""Cold-start cost of every function (import time in a fresh interpreter), artifact sizes, local stack start-up."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.bench.report import write_section
from tests.support.local_process import LocalProcess
from tests.support.template_stack import ROOT, template

pytestmark = pytest.mark.bench
RUNS = int(os.environ.get("HELPDESK_BENCH_RUNS", "10"))
ENV = {
    "TABLE_NAME": "t",
    "QUEUE_NAMES": "a,b",
    "CONSOLE_URL": "http://console.localhost",
    "AWS_REGION": "eu-central-1",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "x",
    "AWS_SECRET_ACCESS_KEY": "x",
}


def _import_ms(code_dir: Path, module: str) -> float:
    script = (
        f"import time,sys;t=time.perf_counter();sys.path.insert(0,{str(code_dir)!r});import {module};"
        "print((time.perf_counter()-t)*1000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={**os.environ, **ENV}
    )
    return float(out.stdout.strip().splitlines()[-1])


def test_bench_foundation() -> None:
    from helpdesk_local.packaging import build_all

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {a.name: a for a in build_all(Path(tmp), with_dependencies=True)}
    for name, spec in template()["Resources"].items():
        if spec["Type"] != "AWS::Serverless::Function":
            continue
        props = spec["Properties"]
        module = props["Handler"].rsplit(".", 1)[0]
        samples = [_import_ms(ROOT / props["CodeUri"], module) for _ in range(RUNS)]
        rows.append(
            f"| {name} | {statistics.median(samples):.0f} | {max(samples):.0f} | "
            f"{sizes[name].zipped_bytes:,} |"
        )
    layer = sizes["CoreLayer"]
    starts = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as state:
            began = time.perf_counter()
            stack = LocalProcess(Path(state), demo=True).start()
            starts.append(time.perf_counter() - began)
            stack.stop()
    body = "\n".join(
        [
            f"Import time of each function module in a fresh interpreter (its cold start before the first event), "
            f"median and max of {RUNS} runs; function artifact sizes (zipped).",
            "",
            "| function | import median ms | import max ms | artifact bytes |",
            "|---|---:|---:|---:|",
            *rows,
            "",
            f"Core layer (domain package + dependencies, without the SDK the runtime ships): "
            f"{layer.zipped_bytes / 1e6:.1f} MB zipped, {layer.unzipped_bytes / 1e6:.1f} MB unzipped "
            f"(Lambda's limit: 250 MB unzipped for function + layers).",
            "",
            f"Local stack start-up (`helpdesk local up --fresh`, to the printed banner, demo data included): "
            f"median {statistics.median(starts):.1f} s of {len(starts)}.",
        ]
    )
    write_section("Foundation: cold starts, artifacts, local start-up", body)
