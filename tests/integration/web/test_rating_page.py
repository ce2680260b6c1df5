"""The satisfaction survey page in Chromium against the stub cabinet API, answered by the real service:
one click on the mail's link rates, a comment follows once, a second link shows what stands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpdesk.api.errors import STATUS_BY_ERROR
from helpdesk.kernel.errors import DomainError
from helpdesk.tickets.model.csat import Rating
from helpdesk.tickets.views.csat import RateRequest, SurveyView

from tests.fakes.tickets.memory_csat import MemorySurveys
from tests.support.tickets import wire
from tests.support.web_stub import ApiRequest, Reply, WebStub
from tests.unit.tickets.test_csat import solved, survey_links

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def answering(act: Callable[[ApiRequest], Any]) -> Callable[[ApiRequest], Reply]:
    def reply(request: ApiRequest) -> Reply:
        try:
            return 200, SurveyView.of(act(request)).model_dump(mode="json")
        except DomainError as error:
            return next(s for k, s in STATUS_BY_ERROR if isinstance(error, k)), {"detail": str(error)}

    return reply


@pytest.fixture
def token(stub: WebStub) -> str:
    w = wire(surveys=MemorySurveys(), rating_page="http://cabinet.test/rate.html")
    solved(w)
    csat = w.services.csat
    assert csat is not None

    def rate(request: ApiRequest) -> Any:
        given = RateRequest.model_validate(request.body)
        if given.rating is None:
            return csat.add_comment(given.token, given.comment)
        return csat.rate(given.token, given.rating, given.comment)

    stub.route("cabinet", "GET", "/csat", answering(lambda r: csat.survey(r.query.get("t", ""))), first=True)
    stub.route("cabinet", "POST", "/csat", answering(rate), first=True)
    stub.public.add(("cabinet", "/csat"))  # as template.yaml declares it: no authorizer
    stub.csat = csat  # type: ignore[attr-defined]
    return survey_links(w)[1]["bad"]


def test_one_click_rates_and_a_comment_follows_once(tab: Any, phone: Any, stub: WebStub, token: str) -> None:
    page = tab.page
    page.goto(stub.url("cabinet", f"/rate.html#t={token}&r=bad"))
    page.wait_for_selector("#csat-thanks")
    assert "Bad, I'm unsatisfied" in page.inner_text("#csat-rating")
    assert stub.csat.survey(token).rating is Rating.BAD  # type: ignore[attr-defined]
    page.fill("#csat-comment", "Took a week to answer.")
    page.click("#csat-comment-form button[type=submit]")
    page.wait_for_selector("#csat-said:has-text('Took a week')")
    assert page.locator("#csat-comment-form").count() == 0

    other = phone.page  # the "good" link of the same mail, opened later on a phone: the first answer stands
    phone.allowed.append("409")
    other.goto(stub.url("cabinet", f"/rate.html#t={token}&r=good"))
    other.wait_for_selector("#csat-rating")
    assert "Bad, I'm unsatisfied" in other.inner_text("#csat-rating") and phone.overflow() == 0
    phone.shoot("csat-rating")


def test_a_forged_link_says_so(tab: Any, stub: WebStub, token: str) -> None:
    tab.allowed.append("404")
    tab.page.goto(stub.url("cabinet", f"/rate.html#t={token[:-3]}abc&r=good"))
    tab.page.wait_for_selector("text=This rating link is not valid")
