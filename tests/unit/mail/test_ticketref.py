from __future__ import annotations

import pytest
from helpdesk.mail.ticketref import find_ticket_ref

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: [#HD-123456] Printer on fire", "HD-123456"),
        ("AW: Re: [HD-42] Rechnung", "HD-42"),
        ("hd-0042 follow-up", "HD-0042"),
        ("Fwd: [Ticket#10010] Hallo", "Ticket#10010"),
        ("Ticket #55 update", "Ticket#55"),
        ("[#77] server down", "Ticket#77"),
        ("Re: Заявка №123 принята", "Ticket#123"),
        ("RE: Обращение #42", "Ticket#42"),
        ("Case: 8812", "Ticket#8812"),
        ("[RT #9] bug", "Ticket#9"),
        ("Re: [Ticket#5] and [#HD-7]", "HD-7"),
    ],
)
def test_references_are_found_and_normalised(subject: str, expected: str) -> None:
    assert find_ticket_ref(subject) == expected


@pytest.mark.parametrize(
    "subject",
    [
        "",
        "Top #5 tips for 2024",
        "Issue 3 of our newsletter",
        "HDMI cable, 2 pcs",
        "Order 12345",
        "Re: hello",
    ],
)
def test_subjects_without_reference(subject: str) -> None:
    assert find_ticket_ref(subject) is None
