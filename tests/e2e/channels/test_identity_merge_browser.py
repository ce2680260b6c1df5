"""Issue 23's staff merge of a chat identity (Chromium, local stack): a Telegram user nobody tied to an
account writes; the agent recognises a known customer (who wrote by mail) and merges the chat into them from
the ticket page; the chat's ticket moves to the customer, the chat's next message comes as the customer and
threads into it, the agent can still answer on Telegram. Unknown ids and mail customers get the same 404;
customers get no access."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.channels.desk import AGENT, agent_opens
from tests.e2e.tickets.test_issue6_flow_browser import shot
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_the_agent_merges_a_telegram_chat_into_a_known_customer_and_its_tickets_and_later_messages_follow(
    local: LocalProcess,
    chromium: Any,
) -> None:
    tag = uuid.uuid4().hex[:6]
    email, word, user_id = f"pavel.{tag}@stark{tag}.example", f"pump{tag}", int(uuid.uuid4().int % 10**9)
    staff = local.token(AGENT)

    def tickets_with(text: str) -> list[dict]:
        _, page = local.api("console", "GET", "/tickets?limit=100", staff)
        return [t for t in page["items"] if text in t["subject"]]

    send(local, email, f"Order question {tag}", "Where is my order?")
    [mail_ticket] = local.wait_for(lambda: tickets_with(f"Order question {tag}"), timeout=60)

    def telegram(text: str) -> dict:
        ask = {"bot_id": "demo", "user_id": user_id, "first_name": "Pavel", "text": text}
        return local.json("telegram", "POST", "/__standin/send", ask)[1]

    assert telegram(f"The {word} is broken")["status"] == 200
    [chat_ticket] = local.wait_for(lambda: tickets_with(word), timeout=60)
    identity = chat_ticket["customer_id"]
    assert identity != mail_ticket["customer_id"]

    pages, console = agent_opens(chromium, local, chat_ticket["id"])
    console.wait_for_selector("#identity-merge")
    assert "Telegram chat" in console.inner_text("#identity-merge >> xpath=..")
    console.fill("#identity-merge-email", email.upper())
    console.get_by_role("button", name="Merge into customer").click()
    console.wait_for_selector(f"aside dd:has-text('{email}')")
    assert console.locator("#identity-merge").count() == 0
    shot(console, "identity-merge-1-merged")

    ticket = local.api("console", "GET", f"/tickets/{chat_ticket['id']}", staff)[1]
    assert ticket["ticket"]["customer_id"] == mail_ticket["customer_id"]
    assert telegram(f"Any news about the {word}?")["status"] == 200

    def second_message() -> list[dict]:
        messages = local.api("console", "GET", f"/tickets/{chat_ticket['id']}", staff)[1]["messages"]
        return messages if len(messages) == 2 else []

    later = local.wait_for(second_message, timeout=60)[1]
    assert (later["from"], later["channel"]) == (email, "telegram")
    assert len(tickets_with(word)) == 1
    channels = local.api("console", "GET", f"/tickets/{chat_ticket['id']}/channels", staff)[1]["channels"]
    assert "telegram" in channels

    path = "/channels/identities/{}/merge"
    unknown = local.api("console", "POST", path.format("no-such-customer"), staff, {"customer_email": email})
    mail_customer = local.api(
        "console", "POST", path.format(mail_ticket["customer_id"]), staff, {"customer_email": email}
    )
    assert unknown[0] == mail_customer[0] == 404
    customer = local.token("alice@acme.example")
    assert local.api("console", "POST", path.format(identity), customer, {"customer_email": email})[0] in (
        401,
        403,
    )
    assert pages.errors == []
