"""The ticket page's conversation on the local stack, in Chromium: an agent sets their signature, writes an
internal note that mentions a colleague, and replies. The colleague is told by mail, the customer's mail
carries the reply and the signature but never the note, and the page shows the note as a note."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_desk_walk_browser import mails_to
from tests.e2e.tickets.test_issue6_flow_browser import Pages, shot
from tests.e2e.tickets.test_mail_to_ticket import mailed_ticket
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ANNA, BORIS = "anna@helpdesk.localhost", "boris@helpdesk.localhost"


def test_a_signed_reply_reaches_the_customer_and_a_mentioning_note_only_the_colleague(
    local: LocalProcess, chromium: Any
) -> None:
    word = f"note{uuid.uuid4().hex[:6]}"
    customer = f"lena@{word}.example"
    token = local.token(ANNA)
    ticket = mailed_ticket(
        local, token, word, customer, f"Backup stopped ({word})", "Hello, no backup since Monday."
    )
    pages = Pages(chromium, local)
    page = pages.open("console", f"/tickets/{ticket['id']}")
    sign_in(page, ANNA)
    page.wait_for_selector(f"#ticket-title:has-text('{word}')")

    page.get_by_text("Your signature").click()
    page.fill("#signature-text", f"Anna Berg ({word})\nHelpdesk support")
    page.get_by_role("button", name="Save signature").click()
    page.wait_for_selector("text=Signature saved")

    page.get_by_role("button", name="Internal note").click()
    page.fill("#composer-text", f"Disk full on their host, @boris can you free it? ({word})")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_selector(f".message.note:has-text('can you free it? ({word})')")

    page.get_by_role("button", name="Reply", exact=True).click()
    page.fill("#composer-text", f"We found the cause and are fixing it today ({word}).")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector(f".message:not(.note):has-text('fixing it today ({word})')")
    shot(page, "conversation-note-and-signed-reply")

    told = local.wait_for(
        lambda: [m for m in mails_to(local, BORIS) if ticket["number"] in m["subject"]], timeout=60
    )
    assert f"can you free it? ({word})" in told[0]["text"]
    replied = local.wait_for(
        lambda: [m for m in mails_to(local, customer) if f"fixing it today ({word})" in m["text"]], timeout=60
    )
    assert f"Anna Berg ({word})" in replied[0]["text"]
    assert all("can you free it?" not in m["text"] for m in mails_to(local, customer))
    assert pages.errors == [], pages.refused
