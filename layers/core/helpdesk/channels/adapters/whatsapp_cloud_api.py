"""Meta's WhatsApp Cloud API (Graph API) over HTTPS, stdlib only."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from helpdesk.channels.adapters.multipart import multipart
from helpdesk.channels.model.whatsapp import WhatsAppNumber
from helpdesk.kernel.errors import Unavailable

GRAPH = "https://graph.facebook.com/v21.0"
USER_AGENT = "helpdesk-channels/1.0.0"  # the form Meta's description gives the header (name/x.y.z)


class CloudApi:
    def __init__(self, base_url: str = GRAPH) -> None:
        self._base = base_url.rstrip("/")

    def send_text(self, number: WhatsAppNumber, to: str, text: str) -> str:
        return self._send(number, {"to": to, "type": "text", "text": {"body": text}})

    def send_template(self, number: WhatsAppNumber, to: str, template: str) -> str:
        language = {"policy": "deterministic", "code": "en"}  # Meta's description requires the policy
        body = {"to": to, "type": "template", "template": {"name": template, "language": language}}
        return self._send(number, body)

    def send_document(
        self, number: WhatsAppNumber, to: str, name: str, content: bytes, content_type: str
    ) -> str:
        data, kind = multipart({"messaging_product": "whatsapp"}, "file", name, content, content_type)
        media = self._call(number, f"{number.phone_number_id}/media", data, kind)
        return self._send(
            number, {"to": to, "type": "document", "document": {"id": media["id"], "filename": name}}
        )

    def download(self, number: WhatsAppNumber, media_id: str) -> bytes:
        found = self._call(number, media_id, None, "")
        return self._get(number, str(found["url"]))

    def _send(self, number: WhatsAppNumber, body: dict[str, Any]) -> str:
        data = json.dumps({"messaging_product": "whatsapp", "recipient_type": "individual", **body}).encode()
        answer = self._call(number, f"{number.phone_number_id}/messages", data, "application/json")
        return str(answer["messages"][0]["id"])

    def _call(self, number: WhatsAppNumber, path: str, data: bytes | None, content_type: str) -> Any:
        return json.loads(self._get(number, f"{self._base}/{path}", data, content_type))

    def _get(
        self, number: WhatsAppNumber, url: str, data: bytes | None = None, content_type: str = ""
    ) -> bytes:
        headers = {"Authorization": f"Bearer {number.access_token}", "User-Agent": USER_AGENT}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=15) as answer:  # noqa: S310
                return bytes(answer.read())
        except urllib.error.HTTPError as error:
            raise Unavailable(f"WhatsApp Cloud API answered {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise Unavailable(f"WhatsApp Cloud API failed: {type(error).__name__}") from None
