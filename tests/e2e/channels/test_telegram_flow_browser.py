"""Issue 23's Telegram path on the local stack: a cabinet customer ties a Telegram chat to the account (deep
link), writes through the Telegram stand-in and sends a photo; the agent answers on Telegram from the console
(Chromium) and the reply reaches the stand-in; the customer's mail lands in the same customer record."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from tests.e2e.channels.desk import AGENT, agent_opens, ticket_with
from tests.e2e.tickets.test_issue6_flow_browser import shot
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
JPEG = b"\xff\xd8\xff\xe0 a photo of the error screen"


def test_a_telegram_user_writes_sends_a_photo_and_gets_the_agents_reply_and_mail_joins_the_same_customer(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"toner{uuid.uuid4().hex[:6]}"
    user_id = int(uuid.uuid4().int % 10**9)
    customer = local.token("alice@acme.example")
    status, link = local.api("cabinet", "POST", "/channels/telegram/link", customer, {"bot_id": "demo"})
    assert status == 200 and link["url"].startswith("https://t.me/HelpdeskDemoBot?start=")

    def telegram(**ask: Any) -> dict:
        ask = {"bot_id": "demo", "user_id": user_id, "first_name": "Alice", **ask}
        return local.json("telegram", "POST", "/__standin/send", ask)[1]

    assert telegram(text=f"/start {link['url'].split('start=')[1]}")["status"] == 200
    assert telegram(text=f"The {word} printer shows E13")["status"] == 200
    assert telegram(text="this is the screen", photo_base64=base64.b64encode(JPEG).decode())["status"] == 200

    staff = local.token(AGENT)
    found = ticket_with(local, staff, word, messages=2)
    pages, console = agent_opens(chromium, local, found["id"])
    photo = console.wait_for_selector("article.message.inbound:has-text('this is the screen')")
    assert "Telegram" in photo.inner_text() and ".jpg" in photo.inner_text()
    console.wait_for_selector("#composer-channel option[value=telegram]", state="attached")
    assert console.input_value("#composer-channel") == "telegram"
    console.fill("#composer-text", f"Please replace the {word} cartridge: the steps are attached.")
    console.set_input_files(
        "#composer-files", {"name": "steps.txt", "mimeType": "text/plain", "buffer": b"1. open"}
    )
    console.get_by_role("button", name="Send reply").click()
    console.wait_for_selector("article.message.outbound:has-text('replace the') .channel-telegram")
    shot(console, "telegram-1-console-replied")

    def delivered() -> list[dict]:
        sent = local.json("telegram", "GET", "/__standin/sent")[1]
        return [s for s in sent if s["chat_id"] == user_id and s["method"] in ("sendMessage", "sendDocument")]

    out = local.wait_for(lambda: (d := delivered()) and len(d) >= 3 and d, timeout=60)
    assert out[0]["text"].startswith("Done: this chat is tied to your account alice@acme.example")
    assert f"replace the {word} cartridge" in out[1]["text"] and out[2]["document"] == "steps.txt"
    assert local.json("telegram", "GET", "/__standin/problems")[1] == []

    send(local, "alice@acme.example", f"Invoice for the {word} cartridge", "Please send the invoice.")

    def mail_ticket() -> dict | None:
        _, page = local.api("console", "GET", "/tickets?limit=100", staff)
        return next((t for t in page["items"] if t["subject"] == f"Invoice for the {word} cartridge"), None)

    assert local.wait_for(mail_ticket, timeout=60)["customer_id"] == found["customer_id"]
    assert pages.errors == []
