"""Issue 23's "Connect Telegram" in the cabinet (Chromium, local stack): a signed-in customer asks for the
deep link, opens the bot (the Telegram stand-in sends `/start <token>`), the page turns to "Connected" by
itself, and what they then write in Telegram is in their own tickets; another customer stays unlinked."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.cabinet.test_customer_organisations_local import add_customer
from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages, shot
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_connect_telegram_ties_the_chat_to_the_signed_in_customer_and_their_messages_become_their_tickets(
    local: LocalProcess,
    chromium: Any,
) -> None:
    tag = uuid.uuid4().hex[:6]
    email, word, user_id = f"nadia.{tag}@wayne{tag}.example", f"boiler{tag}", int(uuid.uuid4().int % 10**9)
    customer = add_customer(local, email, f"org-{tag}")
    other = add_customer(local, f"omar.{tag}@wayne{tag}.example", f"org-{tag}")
    pages = Pages(chromium, local)
    cabinet = pages.open("cabinet", "/messengers")
    sign_in(cabinet, email)
    cabinet.get_by_role("button", name="Connect Telegram").click()
    deep_link = cabinet.wait_for_selector("#telegram-open").get_attribute("href")
    assert deep_link.startswith("https://t.me/HelpdeskDemoBot?start=")
    assert "Waiting for Telegram" in cabinet.inner_text("#telegram-state")

    def telegram(text: str) -> dict:
        ask = {"bot_id": "demo", "user_id": user_id, "first_name": "Nadia", "text": text}
        return local.json("telegram", "POST", "/__standin/send", ask)[1]

    assert telegram(f"/start {deep_link.split('start=')[1]}")["status"] == 200
    cabinet.wait_for_selector("#telegram-state:has-text('Connected')")
    shot(cabinet, "telegram-connect-1-connected")
    assert local.api("cabinet", "GET", "/channels/telegram", other)[1] == {
        "offered": True, "bot_id": "demo", "username": "HelpdeskDemoBot", "linked": False
    }  # fmt: skip

    assert telegram(f"The {word} makes a noise")["status"] == 200

    def own_ticket() -> list[dict]:
        tickets = local.api("cabinet", "GET", "/tickets", customer)[1]["items"]
        return [t for t in tickets if word in t["subject"]]

    local.wait_for(own_ticket, timeout=60)
    cabinet.reload()
    cabinet.wait_for_selector("#telegram-state:has-text('Connected')")
    assert cabinet.get_by_role("button", name="Connect Telegram").count() == 0
    assert pages.errors == []
