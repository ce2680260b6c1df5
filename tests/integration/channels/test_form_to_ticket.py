"""Website form -> the same ingest as mail -> a ticket; and 1,000 spam-like submissions that open none."""

from __future__ import annotations

import re

import pytest
from helpdesk.channels.model.submission import HeldStatus
from helpdesk.channels.ports import SubmissionRefused, SubmissionThrottled
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.ports import TicketQuery
from helpdesk.tickets.services.ingest import IngestOutcome

from tests.support.channels import ORIGIN

pytestmark = pytest.mark.integration


def filled(channels, wait=5.0, **fields):
    _, token = channels.forms.form("quote")
    channels.clock.wait(wait)
    answers = {
        "name": "Ann Lee",
        "email": "ann@example.org",
        "message": "A new kitchen.",
        "form_token": token,
    }
    return {**answers, **fields}


def all_tickets(channels):
    return channels.tickets.services.tickets.list_tickets(TicketQuery(), limit=2000).items


def test_the_form_opens_an_unverified_ticket_in_its_mailbox_the_link_verifies_it_the_agent_answers_by_mail(
    channels,
):
    reference = channels.forms.submit("quote", filled(channels), "203.0.113.5", ORIGIN).reference
    [result] = channels.ingest_new()
    assert result.outcome is IngestOutcome.TICKETED
    conversation = channels.tickets.services.tickets.get_ticket(result.ticket_id)
    ticket, [message] = conversation.ticket, conversation.messages
    assert ticket.mailbox == "sales" and "unverified" in ticket.tags and message.channel == "form"
    assert message.from_ == "ann@example.org" and "Your name: Ann Lee" in message.text
    customer = channels.tickets.stores.customers.by_email("ann@example.org")
    assert ticket.customer_id == customer.id and customer.name == "Ann Lee"
    [confirmation] = [
        parse_mail(m) for m in channels.tickets.sent()
    ]  # no acknowledgement to an unproven address
    assert reference in confirmation.subject
    token = re.search(r"/api/forms/confirm/(\S+)", confirmation.text).group(1)
    assert channels.forms.confirm(token) is True
    assert "unverified" not in channels.tickets.services.tickets.get_ticket(ticket.id).ticket.tags

    channels.tickets.services.tickets.reply(ticket.id, "bob", "We can come on Monday.", "", [])
    answer = parse_mail(channels.tickets.sent()[-1])
    assert [a.address for a in answer.to] == ["ann@example.org"] and "Monday" in answer.text


def spam(n: int, channels) -> tuple[dict[str, str], str]:
    """Four kinds of bot, 250 each: honeypot fillers, one address's instant burst, oversized, script."""
    kind = n % 4
    if kind == 0:
        return filled(channels, website=f"http://cheap-{n}.test"), f"198.51.100.{n % 250}"
    if kind == 1:
        return filled(channels, 0.2, email="burst@bots.test"), "198.51.100.250"
    if kind == 2:
        return filled(channels, email=f"big{n}@bots.test", message="A" * 20_000), f"192.0.2.{n % 250}"
    return filled(
        channels, email=f"xss{n}@bots.test", message=f'<img src=x onerror="alert({n})">'
    ), "192.0.2.251"


@pytest.mark.slow
def test_a_thousand_spam_like_submissions_open_no_ticket_and_no_legitimate_one_is_lost(channels):
    spam_refs, legit_refs = [], []
    for n in range(1000):
        answers, client = spam(n, channels)
        try:
            spam_refs.append(channels.forms.submit("quote", answers, client, ORIGIN).reference)
        except (SubmissionRefused, SubmissionThrottled) as refused:
            spam_refs.append(refused.body["reference"])
        if n % 20 == 0:  # 50 people write in between, each from their own address
            person = filled(channels, email=f"person{n}@example.org", message=f"Quote {n} please")
            legit_refs.append(
                channels.forms.submit("quote", person, f"203.0.113.{n % 250}", ORIGIN).reference
            )
    results = channels.ingest_new()

    assert len(spam_refs) == 1000 and len(set(spam_refs)) == 1000
    held = [channels.held.get(r) for r in spam_refs]
    assert all(h is not None and h.status is HeldStatus.HELD and h.reasons for h in held)
    senders = {
        m.from_ for t in all_tickets(channels) for m in channels.tickets.stores.messages.for_ticket(t.id)
    }
    assert senders == {f"person{n}@example.org" for n in range(0, 1000, 20)}
    assert len(legit_refs) == 50 and [r.outcome for r in results] == [IngestOutcome.TICKETED] * 50
    assert all(channels.held.get(r) is None for r in legit_refs)
