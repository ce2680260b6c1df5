"""parse_mail fills kind, bounce, reply and ticket_ref through the sibling modules and survives their bugs."""

from __future__ import annotations

import pytest
from helpdesk.mail.model import MailKind
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import mail, multipart, part

pytestmark = pytest.mark.unit

DSN = multipart(
    "report",
    part("Your message could not be delivered."),
    part(
        "Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; gone@example.org\nAction: failed\n"
        "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n",
        "message/delivery-status",
    ),
    headers="",
).replace(b"multipart/report;", b"multipart/report; report-type=delivery-status;")


def test_reply_and_ticket_reference_are_filled() -> None:
    raw = mail("Thanks, works now!\n\nOn Mon, 1 Jan 2024, Bob <b@example.com> wrote:\n> old text\n")
    parsed = parse_mail(raw.replace(b"Subject: test", b"Subject: Re: [Ticket#4711] login"))
    assert parsed.reply == "Thanks, works now!"
    assert parsed.ticket_ref is not None and "4711" in parsed.ticket_ref
    assert parsed.kind is MailKind.HUMAN


def test_a_delivery_status_report_is_a_bounce() -> None:
    parsed = parse_mail(DSN)
    assert parsed.kind is MailKind.BOUNCE
    assert parsed.bounce is not None
    assert [r.address for r in parsed.bounce.recipients] == ["gone@example.org"]


def test_a_failing_classifier_costs_only_its_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("classifier bug")

    monkeypatch.setattr("helpdesk.mail.classify.classify", broken)
    parsed = parse_mail(mail("hello"))
    assert parsed.text == "hello"
    assert parsed.kind is MailKind.HUMAN
    assert [(p.code, p.fatal) for p in parsed.problems] == [("classify_failed", False)]
