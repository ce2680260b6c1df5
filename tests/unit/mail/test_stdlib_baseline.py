"""The judge of the never-worse-than-the-stdlib property finds a worse reading, and only that."""

from __future__ import annotations

import pytest
from helpdesk.mail.model import Address, ParsedMail

from tests.corpus.stdlib_baseline import Reading, stdlib_reading, text_not_worse, worse_than_stdlib

pytestmark = pytest.mark.unit


def test_equal_or_less_damaged_text_is_not_worse() -> None:
    assert text_not_worse("Die Frösche", "Die  Frösche")
    assert text_not_worse("Die Frösche", "Die Fr\ufffdsche")
    assert text_not_worse("AW: Hallo", "")
    assert text_not_worse("MySurvey.com & Carol", "MySurvey .com & C arol")  # spaces between encoded words
    assert not text_not_worse("Die Fr\ufffdsche", "Die Frösche")
    assert not text_not_worse("Die Fr?sche", "Die Frösche")


def test_a_lost_or_reordered_address_or_a_worse_name_is_found() -> None:
    reading = Reading(
        subject="Hi",
        addresses={"from": [("Ann", "ann@example.com")], "to": [("", "a@x.org"), ("", "b@x.org")]},
    )
    good = ParsedMail(subject="Hi", from_=Address("Ann", "ann@example.com"))
    good.to = [Address("", "a@x.org"), Address("Bee", "b@x.org")]
    assert worse_than_stdlib(good, reading) == []
    lost = ParsedMail(subject="Hi", from_=Address("A\ufffd", "ann@example.com"), to=[Address("", "b@x.org")])
    assert len(worse_than_stdlib(lost, reading)) == 2


def test_a_display_name_the_stdlib_takes_for_an_address_is_not_held_against_us() -> None:
    reading = Reading(subject="", addresses={"to": [("", "Mikel@Lindsaar"), ("", "tom@example.com")]})
    ours = ParsedMail(to=[Address("Mikel@Lindsaar", "m@example.com"), Address("", "tom@example.com")])
    assert worse_than_stdlib(ours, reading) == []


def test_the_stdlib_reading_skips_what_it_cannot_read() -> None:
    reading = stdlib_reading(
        b"From: Bob <bob@example.com>, =?utf-8?q?x?= <>\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n\nx"
    )
    assert reading.subject == "Grüße"
    assert ("Bob", "bob@example.com") in (reading.addresses["from"] or [])
