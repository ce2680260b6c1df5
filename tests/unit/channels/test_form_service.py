"""The form service: what opens a ticket, what is refused with reasons, what is held silently."""

from __future__ import annotations

import pytest
from helpdesk.channels.model.inbound import as_mail
from helpdesk.channels.model.submission import HeldStatus
from helpdesk.channels.ports import SubmissionRefused, SubmissionThrottled
from helpdesk.channels.services.forms import FormConfig, FormService
from helpdesk.kernel.errors import Forbidden, NotFound
from helpdesk.mail.parser import parse_mail

from tests.fakes.channels.memory_channels import (
    MemoryForms,
    MemoryHeld,
    RecordingConfirmations,
    RecordingIntake,
    RecordingVerification,
)
from tests.fakes.tickets.memory_mail_state import MemoryRateLimiter
from tests.support.channels import ORIGIN, QUOTE, SetClock

pytestmark = pytest.mark.unit
SECRET = b"form-secret"


class Desk:
    def __init__(self) -> None:
        self.forms, self.held, self.intake = MemoryForms(), MemoryHeld(), RecordingIntake()
        self.mails, self.verified, self.clock = RecordingConfirmations(), RecordingVerification(), SetClock()
        self.forms.save(QUOTE)
        config = FormConfig(SECRET, "http://shop/api/forms/confirm/")
        self.service = FormService(self.forms, self.held, self.intake, MemoryRateLimiter(), self.mails,
                                   self.verified, self.clock, config)  # fmt: skip

    def filled(self, wait: float = 5, **fields: str) -> dict[str, str]:
        _, token = self.service.form("quote")
        self.clock.wait(wait)
        answers = {
            "name": "Ann Lee",
            "email": "ann@example.org",
            "message": "A kitchen, please.",
            "form_token": token,
        }
        return {**answers, **fields}


@pytest.fixture
def desk() -> Desk:
    return Desk()


def test_a_person_gets_a_reference_a_ticket_message_and_a_confirmation_link(desk):
    answer = desk.service.submit("quote", desk.filled(), "203.0.113.5", ORIGIN)
    [message] = desk.intake.taken
    assert message.channel == "form" and message.message_key == answer.reference
    assert message.to_mailbox == "sales" and message.sender_address == "ann@example.org"
    parsed = parse_mail(as_mail(message, "support.example.com"))
    assert parsed.from_.address == "ann@example.org" and "A kitchen, please." in parsed.text
    assert "Your name: Ann Lee" in parsed.text
    [(to, reference, link)] = desk.mails.sent
    assert (to, reference) == ("ann@example.org", answer.reference)
    desk.service.confirm(link.rsplit("/", 1)[1])
    assert desk.verified.confirmed == [("form", answer.reference)]


def test_a_forged_confirmation_token_confirms_nothing(desk):
    answer = desk.service.submit("quote", desk.filled(), "203.0.113.5", ORIGIN)
    with pytest.raises(NotFound):
        desk.service.confirm(f"{answer.reference}.{'0' * 32}")
    assert desk.verified.confirmed == []


def test_a_filled_honeypot_is_answered_like_a_success_but_held(desk):
    answer = desk.service.submit("quote", desk.filled(website="http://spam.test"), "198.51.100.1", ORIGIN)
    assert desk.intake.taken == [] and desk.mails.sent == []
    held = desk.held.get(answer.reference)
    assert held.status is HeldStatus.HELD and held.reasons[0].startswith("honeypot")


@pytest.mark.parametrize(
    ("fields", "wait", "reason"),
    [
        ({"message": "x" * 5001}, 5, "invalid: message"),
        ({"email": "not-an-address"}, 5, "invalid: email"),
        ({"message": "see http://a.test http://b.test http://c.test"}, 5, "links: 3 links"),
        ({"message": "<script>alert(1)</script>"}, 5, "markup: script or HTML in message"),
        ({}, 1, "too_fast"),
        ({"form_token": "1.forged"}, 5, "timing: no valid form token"),
    ],
)
def test_each_refusal_says_why_and_keeps_the_submission(desk, fields, wait, reason):
    with pytest.raises(SubmissionRefused) as refused:
        desk.service.submit("quote", desk.filled(wait, **fields), "203.0.113.5", ORIGIN)
    reference = refused.value.body["reference"]
    assert any(r.startswith(reason) for r in desk.held.get(reference).reasons)
    assert desk.intake.taken == []


def test_a_burst_from_one_address_is_throttled_after_its_limit_and_every_one_kept(desk):
    accepted, throttled = [], []
    for n in range(8):
        try:
            accepted.append(desk.service.submit("quote", desk.filled(), f"203.0.113.{n}", ORIGIN).reference)
        except SubmissionThrottled as error:
            throttled.append(error.body["reference"])
    assert len(accepted) == QUOTE.per_address[0] and len(throttled) == 8 - QUOTE.per_address[0]
    assert all("rate_address" in desk.held.get(r).reasons[0] for r in throttled)


def test_another_sites_browser_may_not_send_the_form_and_unknown_forms_are_not_found(desk):
    with pytest.raises(Forbidden):
        desk.service.submit("quote", desk.filled(), "203.0.113.5", "http://evil.test")
    with pytest.raises(NotFound):
        desk.service.submit("nope", desk.filled(), "203.0.113.5", ORIGIN)
    assert desk.service.allows("quote", ORIGIN) and not desk.service.allows("quote", "http://evil.test")


def test_staff_release_a_held_submission_into_a_ticket_or_dismiss_it(desk):
    kept = desk.service.submit("quote", desk.filled(website="x"), "198.51.100.1", ORIGIN).reference
    gone = desk.service.submit("quote", desk.filled(website="y"), "198.51.100.1", ORIGIN).reference
    assert {h.reference for h in desk.service.held().items} == {kept, gone}
    desk.service.release(kept)
    desk.service.dismiss(gone)
    assert [m.message_key for m in desk.intake.taken] == [kept] and desk.service.held().items == []
    with pytest.raises(NotFound):
        desk.service.release(kept)
