"""Satisfaction surveys: single use, listed by rating time, found by their ticket; against the fake and
DynamoDB under moto alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.tickets.adapters.dynamo_csat import DynamoSurveys
from helpdesk.tickets.model.csat import Rating, Survey

from tests.contract.tickets.conftest import REGION
from tests.fakes.tickets.memory_csat import MemorySurveys
from tests.support.tickets import T0

pytestmark = pytest.mark.contract


@pytest.fixture(params=["memory", "dynamo"])
def surveys(request: pytest.FixtureRequest):
    if request.param == "memory":
        return MemorySurveys()
    request.getfixturevalue("aws")
    return DynamoSurveys(item_model("helpdesk", REGION, None))


def survey(n: int, ticket: str = "t1") -> Survey:
    return Survey(
        f"s{n}", ticket, "HD-100001", "support", "anna@x.example", "olga@x.example", T0 + timedelta(n)
    )


def test_a_survey_is_stored_once_and_rated_once(surveys) -> None:
    assert surveys.add(survey(1)) and not surveys.add(survey(1))
    rated = replace(survey(1), rating=Rating.GOOD, rated_at=T0 + timedelta(days=2))
    assert surveys.rate(rated) and not surveys.rate(rated)
    assert surveys.get("s1") == rated
    assert surveys.rated_between(T0, T0 + timedelta(days=3)) == [rated]
    assert surveys.rated_between(T0 + timedelta(days=3), T0 + timedelta(days=4)) == []


def test_a_ticket_finds_its_newest_survey_and_another_ticket_none(surveys) -> None:
    assert surveys.for_ticket("t1") is None
    surveys.add(survey(1))
    surveys.add(survey(2))  # solved again later
    surveys.add(survey(3, ticket="t2"))
    assert surveys.for_ticket("t1") == survey(2)
    assert surveys.for_ticket("t2") == survey(3, ticket="t2")
    assert surveys.for_ticket("t9") is None
