"""whatsapp.localhost: the WhatsApp Cloud API stand-in, with the demo business number set up the way an
operator sets up a real one (docs/channels.md): its access token, app secret and verify token in Secrets
Manager under `helpdesk/whatsapp/<phone number id>`, and the webhook's address (Meta's GET handshake on it:
`POST /__standin/verify`)."""

from __future__ import annotations

import json
import os
import secrets

from helpdesk_local.parts import StackParts
from helpdesk_local.telegram_host import put_secret
from helpdesk_local.whatsapp_standin import Number, WhatsAppStandin, start_whatsapp_standin

DEMO_NUMBER_ID = "106540352242922"
DEMO_DISPLAY_NUMBER = "15550783881"
GRAPH_VERSION = "v21.0"


def make_whatsapp_host(stack: StackParts) -> WhatsAppStandin:
    standin, base_url = start_whatsapp_standin()
    os.environ["WHATSAPP_API_URL"] = f"{base_url}/{GRAPH_VERSION}"  # the functions call the stand-in there
    number = Number(
        phone_number_id=DEMO_NUMBER_ID,
        display_phone_number=DEMO_DISPLAY_NUMBER,
        access_token=f"EAAG{secrets.token_urlsafe(32)}",
        app_secret=secrets.token_hex(16),
        verify_token=secrets.token_urlsafe(16),
        webhook_url=f"http://api.localhost:{stack.http_port}/public/channels/whatsapp/{DEMO_NUMBER_ID}",
    )
    value = {
        "access_token": number.access_token,
        "app_secret": number.app_secret,
        "verify_token": number.verify_token,
        "mailbox": "support",
        "reopen_template": "support_follow_up",
    }
    put_secret(stack.client("secretsmanager"), f"helpdesk/whatsapp/{DEMO_NUMBER_ID}", json.dumps(value))
    standin.add_number(number)
    return standin
