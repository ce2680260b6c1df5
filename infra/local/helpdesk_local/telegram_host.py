"""telegram.localhost: the Telegram stand-in, with the demo bot `demo` (@HelpdeskDemoBot) set up the way an
operator sets up a real one (docs/channels.md): its token and webhook secret in Secrets Manager under
`helpdesk/telegram/demo`, and `setWebhook` pointing Telegram at the public API."""

from __future__ import annotations

import json
import os
import secrets
import urllib.request
from typing import Any

from helpdesk_local.parts import StackParts
from helpdesk_local.telegram_standin import TelegramStandin, start_telegram_standin

DEMO_BOT = "demo"
DEMO_USERNAME = "HelpdeskDemoBot"


def make_telegram_host(stack: StackParts) -> TelegramStandin:
    standin, base_url = start_telegram_standin()
    os.environ["TELEGRAM_API_URL"] = base_url  # the functions call the stand-in there
    os.environ["CABINET_TELEGRAM_BOT"] = DEMO_BOT  # the cabinet's "Connect Telegram" offers it
    token = f"7000000001:{secrets.token_urlsafe(26)}"
    webhook_secret = secrets.token_urlsafe(24)
    value = {
        "token": token,
        "webhook_secret": webhook_secret,
        "mailbox": "support",
        "username": DEMO_USERNAME,
    }
    put_secret(stack.client("secretsmanager"), f"helpdesk/telegram/{DEMO_BOT}", json.dumps(value))
    standin.add_bot(DEMO_BOT, token, DEMO_USERNAME)
    webhook = f"http://api.localhost:{stack.http_port}/public/channels/telegram/{DEMO_BOT}"
    call = json.dumps({"url": webhook, "secret_token": webhook_secret}).encode()
    request = urllib.request.Request(
        f"{base_url}/bot{token}/setWebhook", call, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - the loopback stand-in
        assert json.loads(answer.read())["ok"]
    return standin


def put_secret(client: Any, name: str, value: str) -> None:
    try:
        client.create_secret(Name=name, SecretString=value)
    except client.exceptions.ResourceExistsException:
        client.put_secret_value(SecretId=name, SecretString=value)
