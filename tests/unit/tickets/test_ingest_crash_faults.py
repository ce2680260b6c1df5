"""Crash anywhere, redeliver: every mail ends in its ticket exactly once, with at most one acknowledgement."""

from __future__ import annotations

import pytest

from tests.support.faults import run_seed

pytestmark = pytest.mark.unit  # on the in-memory stores (contract-tested against DynamoDB)


@pytest.mark.parametrize("seed", range(4))
def test_random_crashes_with_redelivery_converge(seed):
    chaos = run_seed(seed)
    assert chaos.crashes > 20  # the run really was disturbed
