"""Customer satisfaction: a solve mails a survey with signed good/bad links; a link rates once; a comment
can be added once; the report sums ratings per agent and per mailbox."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from urllib.parse import parse_qs

import pytest
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.csat import Rating
from helpdesk.tickets.model.ticket import TicketStatus
from helpdesk.tickets.services.csat import SurveyNotFound, SurveyUsed

from tests.fakes.tickets.memory_csat import MemorySurveys
from tests.support.tickets import T0, MailSpec, Wired, wire

RUSSIAN = "Здравствуйте! Не загружается модуль после обновления, помогите пожалуйста."


def solved(w: Wired, sender: str = "alice@acme.test", assignee: str = "ann", text: str = "Help") -> str:
    ticket_id = w.deliver(MailSpec(sender=sender, message_id=f"{sender}-m", text=text)).ticket_id
    assert ticket_id
    w.services.tickets.change(ticket_id, TicketChange(assignee=assignee))
    w.services.tickets.change(ticket_id, TicketChange(status=TicketStatus.SOLVED))
    return ticket_id


def survey_links(w: Wired) -> tuple[str, dict[str, str]]:
    mail = message_from_bytes(w.mailer.sent[-1].raw, policy=default)
    text = str(mail.get_body().get_content())  # type: ignore[union-attr]
    links = re.findall(r"http://cabinet\.test/rate\.html#(\S+)", text)
    found = {parse_qs(f)["r"][0]: parse_qs(f)["t"][0] for f in links}
    return text, found


@pytest.fixture
def w() -> Wired:
    return wire(surveys=MemorySurveys(), rating_page="http://cabinet.test/rate.html")


def test_solving_mails_one_survey_and_its_link_rates_once(w: Wired) -> None:
    ticket_id = solved(w)
    text, tokens = survey_links(w)
    assert "How did we do?" in text and set(tokens) == {"good", "bad"}
    assert tokens["good"] == tokens["bad"]  # one survey, the link says which answer
    w.services.tickets.change(ticket_id, TicketChange(priority=None, tags=("x",)))  # solved stays solved
    assert len([m for m in w.mailer.sent if b"How did we do?" in m.raw]) == 1
    csat = w.services.csat
    assert csat is not None
    rated = csat.rate(tokens["good"], Rating.GOOD)
    assert (rated.rating, rated.agent, rated.mailbox) == (Rating.GOOD, "ann", "support")
    with pytest.raises(SurveyUsed):
        csat.rate(tokens["bad"], Rating.BAD)
    assert csat.survey(tokens["good"]).rating is Rating.GOOD  # the first answer stands
    assert csat.add_comment(tokens["good"], "  Quick and kind. ").comment == "Quick and kind."
    with pytest.raises(SurveyUsed):
        csat.add_comment(tokens["good"], "again")


def test_forged_or_foreign_links_are_refused_alike(w: Wired) -> None:
    solved(w)
    _, tokens = survey_links(w)
    csat = w.services.csat
    assert csat is not None
    survey_id, signature = tokens["good"].split(".")
    forged = f"{survey_id}.{'0' * len(signature)}"
    unknown = f"{'a' * 20}.{signature}"
    for token in (forged, unknown, "garbage", ""):
        with pytest.raises(SurveyNotFound, match="not valid"):
            csat.rate(token, Rating.BAD)


def test_the_survey_speaks_the_customers_language_and_staff_tickets_get_none(w: Wired) -> None:
    solved(w, sender="boris@shop.test", text=RUSSIAN)
    text, _ = survey_links(w)
    assert "Как мы справились?" in text
    ticket = w.stores.tickets.find(solved(w, sender="carol@acme.test"))
    assert ticket is not None
    sent = len(w.mailer.sent)
    internal = replace(ticket, id="t-internal", number="HD-9", internal=True, status=TicketStatus.OPEN)
    w.stores.tickets.create(internal)
    w.services.tickets.change("t-internal", TicketChange(status=TicketStatus.SOLVED))
    assert len(w.mailer.sent) == sent  # staff-only tickets have no customer to ask


def test_the_report_counts_ratings_per_agent_and_mailbox(w: Wired) -> None:
    csat = w.services.csat
    assert csat is not None
    for n, (agent, rating) in enumerate([("ann", Rating.GOOD), ("ann", Rating.BAD), ("bob", Rating.GOOD)]):
        solved(w, sender=f"c{n}@acme.test", assignee=agent)
        csat.rate(survey_links(w)[1]["good"], rating)
    report = csat.report(T0, T0 + timedelta(days=1))
    assert [(r.key, r.good, r.bad, r.score) for r in report.agents] == [("ann", 1, 1, 50), ("bob", 1, 0, 100)]
    assert [(r.key, r.score) for r in report.mailboxes] == [("support", 67)]
    assert (report.total.good, report.total.bad) == (2, 1)
    assert csat.report(T0 + timedelta(days=1), T0 + timedelta(days=2)).total.score is None
