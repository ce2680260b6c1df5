"""`helpdesk cost` prices request counts that the real code makes: this runs the measured paths again in
moto and holds the committed counts (infra/cost/measured-calls.json) to them, so the bill cannot drift from
the code. After a change that adds or removes AWS requests on a hot path: `make cost-measure`, then read the
diff."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.template_stack import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]
UNITS = ("dynamodb:read", "dynamodb:write", "dynamodb:transact_items")


def test_the_committed_request_counts_are_what_the_code_makes_now() -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "layers" / "core"), str(ROOT / "infra" / "local"), str(ROOT)]
        ),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.cost_calls"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=900, check=True,
    )  # fmt: skip
    fresh = json.loads(done.stdout.strip().splitlines()[-1])
    committed = json.loads((ROOT / "infra" / "cost" / "measured-calls.json").read_text())
    assert fresh.keys() == committed.keys()
    for path, counts in fresh.items():
        requests = {k for k in counts if k not in UNITS} | {k for k in committed[path] if k not in UNITS}
        for name in requests:  # the API's sign-out check is cached for 5 s, so one read may come or go
            assert counts.get(name, 0) == pytest.approx(committed[path].get(name, 0), abs=1), (
                f"{path}: {name} changed; run `make cost-measure` and review the bill"
            )
        for unit in UNITS:  # units follow item sizes, which grow with the test's own data: a tolerance
            assert counts.get(unit, 0) == pytest.approx(committed[path].get(unit, 0), rel=0.25, abs=1)
