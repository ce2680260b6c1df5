from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.model.assignment import Mailbox, choose_assignee, mailbox_for, round_robin
from helpdesk.tickets.model.customer import organisation_domain
from helpdesk.tickets.model.reply_token import find_ticket_in, make_token, reply_address, verify_token
from helpdesk.tickets.model.threading import (
    MatchedVia,
    SenderProof,
    ThreadAction,
    ThreadDecision,
    bounced_message_ids,
    decide,
    match_thread,
    ticket_number_in,
)
from helpdesk.tickets.model.ticket import Ticket, TicketStatus, TicketStatusChangeInvalid, format_number

from tests.support.tickets import T0

pytestmark = pytest.mark.unit
S = TicketStatus


def ticket(**fields: object) -> Ticket:
    values: dict = dict(
        id="a" * 20,
        number=format_number(42),
        subject="s",
        mailbox="support",
        created_at=T0,
        last_activity_at=T0,
        participants=("ann@acme.test",),
    )
    values.update(fields)
    return Ticket(**values)


@pytest.mark.parametrize(
    "start, goal, allowed",
    [
        (S.NEW, S.OPEN, True),
        (S.OPEN, S.PENDING, True),
        (S.PENDING, S.SOLVED, True),
        (S.SOLVED, S.CLOSED, True),
        (S.SOLVED, S.OPEN, True),
        (S.CLOSED, S.OPEN, True),
        (S.OPEN, S.NEW, False),
        (S.CLOSED, S.SOLVED, False),
        (S.CLOSED, S.PENDING, False),
        (S.SOLVED, S.NEW, False),
    ],
)
def test_status_transitions(start, goal, allowed):
    t = ticket(status=start)
    if allowed:
        changed = t.change_status(goal, T0 + timedelta(hours=1))
        assert changed.status is goal and (changed.closed_at is not None) == (goal is S.CLOSED)
    else:
        with pytest.raises(TicketStatusChangeInvalid):
            t.change_status(goal, T0)


def test_number_format_and_subject_detection():
    assert format_number(42) == "HD-100042"
    assert ticket_number_in("Re: [HD-100042] printer") == "HD-100042"
    assert ticket_number_in("order 100042") is None


def test_customer_reply_reopens_and_returns_to_the_last_assignee():
    t = ticket(status=S.SOLVED).assign("bob").assign(None)
    reopened = t.reopened_by_customer(T0 + timedelta(days=1))
    assert reopened.status is S.OPEN and reopened.assignee == "bob"
    assert reopened.last_activity_at == T0 + timedelta(days=1)


def test_activity_never_moves_backwards():
    t = ticket(last_activity_at=T0 + timedelta(hours=2))
    assert t.touched(T0).last_activity_at == T0 + timedelta(hours=2)


def test_tags_are_normalised_and_validated():
    assert ticket().with_tags([" VIP", "vip", "billing", ""]).tags == ("billing", "vip")
    with pytest.raises(Invalid):
        ticket().with_tags(["a#b"])


def test_threading_looks_at_references_then_token_then_subject_and_joins_only_who_belongs():
    by_ref, by_token, by_subject = ticket(id="r" * 20), ticket(id="t" * 20), ticket(id="s" * 20)
    ann, eve = SenderProof("ann@acme.test"), SenderProof("eve@evil.test")
    assert match_thread([by_ref], by_token, by_subject, ann) == (by_ref, MatchedVia.REFERENCE, True)
    assert match_thread([], by_token, by_subject, ann) == (by_token, MatchedVia.TOKEN, True)
    assert match_thread([], None, by_subject, SenderProof("ANN@acme.test")) == (
        by_subject, MatchedVia.SUBJECT, True,
    )  # fmt: skip
    assert match_thread([], None, by_subject, eve) == (None, MatchedVia.NONE, False)
    # A reference or a genuine token names the ticket, but a stranger may not join it.
    assert match_thread([by_ref], by_token, None, eve) == (by_ref, MatchedVia.REFERENCE, False)
    assert match_thread([], by_token, None, eve) == (by_token, MatchedVia.TOKEN, False)


def test_a_colleague_of_the_tickets_organisation_joins_and_a_failed_authentication_never_does():
    t = ticket(organisation_id="org-acme")
    assert match_thread([t], None, None, SenderProof("bob@acme.test", "org-acme"))[2] is True
    assert match_thread([t], None, None, SenderProof("bob@other.test", "org-other"))[2] is False
    assert match_thread([t], t, t, SenderProof("ann@acme.test", auth_failed=True))[2] is False
    assert decide(t, MatchedVia.REFERENCE, T0, may_join=False) == ThreadDecision(
        ThreadAction.LINKED, MatchedVia.REFERENCE, t.id, review=True
    )


def test_a_bounce_joins_where_our_signed_token_leads_but_not_by_a_reference_alone():
    t = ticket()
    daemon = SenderProof("mailer-daemon@mx.other.test", machine=True)
    assert match_thread([t], t, None, daemon)[2] is True
    assert match_thread([t], None, None, daemon)[2] is False


def test_a_reply_to_a_closed_ticket_opens_a_linked_follow_up_and_a_solved_one_reopens():
    closed = ticket(status=S.CLOSED, closed_at=T0)
    soon = decide(closed, MatchedVia.REFERENCE, T0 + timedelta(minutes=5))
    assert soon.action is ThreadAction.LINKED and soon.ticket_id == closed.id
    solved = ticket(status=S.SOLVED)
    assert decide(solved, MatchedVia.REFERENCE, T0 + timedelta(days=60)).action is ThreadAction.JOIN
    assert decide(None, MatchedVia.NONE, T0).action is ThreadAction.NEW


def test_bounced_message_ids_come_from_references_and_the_returned_headers():
    text = "Reporting-MTA: dns; mx\n\nMessage-ID: <orig@support.example.com>\nSubject: x\n"
    returned = "From: a@b\r\nMessage-ID: <sent@support.example.com>\r\n"
    assert bounced_message_ids(["ref@x"], [text, returned]) == [
        "ref@x",
        "orig@support.example.com",
        "sent@support.example.com",
    ]


def test_reply_tokens_verify_only_with_the_secret_and_survive_case_folding():
    token = make_token("0123456789abcdef0123", b"k1")
    assert verify_token(token, b"k1") == "0123456789abcdef0123"
    assert verify_token(token.upper(), b"k1") == "0123456789abcdef0123"
    assert verify_token(token, b"k2") is None
    assert verify_token(token[:-1] + ("0" if token[-1] != "0" else "1"), b"k1") is None
    address = reply_address("support@support.example.com", token)
    assert address == f"support+{token}@support.example.com"
    assert find_ticket_in(["other@x", f"<{token}.abc@support.example.com>"], b"k1") == "0123456789abcdef0123"


def test_round_robin_skips_unavailable_managers_and_sticks_to_the_previous_one():
    box = Mailbox("support", ("cyd", "ann", "bob"), frozenset({"bob"}))
    assert [round_robin(box, n) for n in range(4)] == ["ann", "cyd", "ann", "cyd"]
    assert choose_assignee(box, "cyd", 0) == "cyd"
    assert choose_assignee(box, "bob", 1) == "cyd"  # bob is away: the rotation takes over
    assert round_robin(Mailbox("empty"), 3) is None and choose_assignee(None, "bob", None) == "bob"


def test_mailbox_from_recipients_and_organisation_from_domain():
    assert mailbox_for(["x@other.test", "Sales+t123@Support.Example.com"], "support.example.com") == "sales"
    assert mailbox_for(["x@other.test"], "support.example.com") == "support"
    assert organisation_domain("ann@Acme.test") == "acme.test" and organisation_domain("a@gmail.com") is None


def test_closed_longer_than_needs_a_closing_time():
    assert not replace(ticket(status=S.CLOSED), closed_at=None).closed_longer_than(1, T0 + timedelta(days=9))
