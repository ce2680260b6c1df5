"""One contract for OnceClaims: the single-table adapter under moto and the in-memory fake."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, dynamodb_client, serialised_moto
from tests.fakes.kernel.once_claims import InMemoryOnceClaims

pytestmark = pytest.mark.contract


@pytest.fixture(params=["dynamodb", "memory"])
def once(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        yield InMemoryOnceClaims()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoOnceClaims(dynamodb_client(), "helpdesk")


def test_the_first_claim_wins_and_later_ones_lose(once: Any) -> None:
    assert once.claim("reminder:lic-1:30") is True
    assert once.claim("reminder:lic-1:30") is False
    assert once.claim("reminder:lic-1:7") is True


def test_a_released_claim_can_be_taken_again(once: Any) -> None:
    assert once.claim("k") is True
    once.release("k")
    assert once.claim("k") is True


def test_releasing_an_unclaimed_key_is_harmless(once: Any) -> None:
    once.release("never-claimed")
    assert once.claim("never-claimed") is True


def test_racing_claims_have_exactly_one_winner(once: Any) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: once.claim("race"), range(16)))
    assert results.count(True) == 1
