"""Issue 23's WhatsApp path on the local stack: Meta's subscription handshake, a WhatsApp user writes through
the Cloud API stand-in (text, then a photo), a ticket opens, the agent answers "via WhatsApp" in the console
(Chromium) and the reply reaches the stand-in as a Graph API message to that number; a webhook signed with
anything but the app secret is refused and opens nothing."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from tests.e2e.channels.desk import AGENT, agent_opens, ticket_with
from tests.e2e.tickets.test_issue6_flow_browser import shot
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
NUMBER_ID = "106540352242922"  # the demo business number (infra/local/helpdesk_local/whatsapp_host.py)
JPEG = b"\xff\xd8\xff\xe0 a photo of the broken part"


def test_a_whatsapp_user_writes_sends_a_photo_and_gets_the_agents_reply_and_a_forged_webhook_is_refused(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"valve{uuid.uuid4().hex[:6]}"
    wa_id = f"49151{uuid.uuid4().int % 10**7:07d}"

    def whatsapp(route: str, **ask: Any) -> dict:
        return local.json("whatsapp", "POST", f"/__standin/{route}", {"phone_number_id": NUMBER_ID, **ask})[1]

    assert whatsapp("verify") == {"status": 200, "verified": True}
    assert whatsapp("verify", verify_token="a-guess")["verified"] is False
    forged = whatsapp("send", wa_id=wa_id, name="Mallory", text=f"forged {word}", bad_signature=True)
    assert forged["status"] == 401
    assert whatsapp("send", wa_id=wa_id, name="Rosa", text=f"The {word} leaks since Monday")["status"] == 200
    photo = base64.b64encode(JPEG).decode()
    sent_photo = whatsapp("send", wa_id=wa_id, name="Rosa", text="here it drips", image_base64=photo)
    assert sent_photo["status"] == 200

    staff = local.token(AGENT)
    found = ticket_with(local, staff, word, messages=2)
    pages, console = agent_opens(chromium, local, found["id"])
    image = console.wait_for_selector("article.message.inbound:has-text('here it drips')")
    assert "WhatsApp" in image.inner_text() and "image/jpeg" in _types(local, staff, found["id"])
    console.wait_for_selector("#composer-channel option[value=whatsapp]", state="attached")
    assert console.input_value("#composer-channel") == "whatsapp"
    console.fill("#composer-text", f"A technician brings a new {word} tomorrow.")
    console.get_by_role("button", name="Send reply").click()
    console.wait_for_selector("article.message.outbound:has-text('technician brings') .channel-whatsapp")
    shot(console, "whatsapp-1-console-replied")

    def delivered() -> list[dict]:
        return [s for s in local.json("whatsapp", "GET", "/__standin/sent")[1] if s["to"] == wa_id]

    [reply] = local.wait_for(delivered, timeout=60)
    assert (reply["type"], reply["text"]) == ("text", f"A technician brings a new {word} tomorrow.")
    assert reply["body"]["messaging_product"] == "whatsapp" and reply["phone_number_id"] == NUMBER_ID
    assert local.json("whatsapp", "GET", "/__standin/problems")[1] == []
    _, page = local.api("console", "GET", "/tickets?limit=100", staff)
    assert [t for t in page["items"] if f"forged {word}" in t["subject"]] == []
    assert pages.errors == []


def _types(local: LocalProcess, staff: str, ticket_id: str) -> list[str]:
    messages = local.api("console", "GET", f"/tickets/{ticket_id}", staff)[1]["messages"]
    return [a["content_type"] for m in messages for a in m.get("attachments", [])]
