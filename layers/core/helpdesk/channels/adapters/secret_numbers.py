"""WhatsApp business numbers from Secrets Manager: `helpdesk/whatsapp/<phone number id>` holds
{"access_token", "app_secret", "verify_token", "mailbox", "reopen_template"} (docs/channels.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from helpdesk.channels.model.whatsapp import WhatsAppNumber

_NUMBER_ID = re.compile(r"^[0-9]{1,32}$")


class SecretNumbers:
    def __init__(self, get_secret: Callable[[str], str]) -> None:
        self._get = get_secret

    def get(self, phone_number_id: str) -> WhatsAppNumber | None:
        if not _NUMBER_ID.fullmatch(phone_number_id or ""):
            return None
        try:
            data = json.loads(self._get(f"helpdesk/whatsapp/{phone_number_id}"))
            return WhatsAppNumber(phone_number_id, str(data["access_token"]), str(data["app_secret"]),
                                  str(data["verify_token"]), str(data.get("mailbox") or "support"),
                                  str(data.get("reopen_template") or "support_follow_up"))  # fmt: skip
        except Exception:  # noqa: BLE001 - absent or unreadable: unknown, answered like a bad signature
            return None
