"""The local mail viewer: every mail SES "sent" on the local stack, as a list, a page and JSON."""

from __future__ import annotations

import email
import html
import json
from email import policy
from email.message import EmailMessage, MIMEPart
from typing import Any, cast
from urllib.parse import parse_qs

from helpdesk_local.template import ACCOUNT_ID


class MailViewer:
    def __init__(self, region: str) -> None:
        self.region = region

    def messages(self) -> list[dict[str, Any]]:
        from moto.ses.models import ses_backends

        backend = ses_backends[ACCOUNT_ID][self.region]
        out = []
        for index, sent in enumerate(backend.sent_messages):
            raw = getattr(sent, "raw_data", None)
            if raw is None:  # a simple (non-raw) send_email
                out.append(
                    {
                        "id": index,
                        "message_id": sent.id,
                        "from": sent.source,
                        "to": sum(sent.destinations.values(), []),
                        "subject": sent.subject,
                        "text": sent.body,
                        "headers": {},
                        "raw": "",
                    }
                )
                continue
            msg = _parsed(raw)
            body = msg.get_body(preferencelist=("plain", "html"))
            out.append(
                {
                    "id": index,
                    "message_id": sent.id,
                    "from": str(msg.get("From", sent.source)),
                    "to": _recipients(sent.destinations) or [str(msg.get("To", ""))],
                    "subject": str(msg.get("Subject", "")),
                    "text": _text(body),
                    "headers": {k: str(v) for k, v in msg.items()},
                    "raw": raw,
                }
            )
        return out

    def handle(self, path: str, query: str) -> tuple[int, str, bytes]:
        messages = self.messages()
        if path == "/api/messages":
            to = parse_qs(query).get("to", [None])[0]
            chosen = [m for m in messages if not to or any(to in t for t in m["to"])]
            return 200, "application/json", json_body(chosen)
        if path.startswith("/m/"):
            index = int(path[3:]) if path[3:].isdigit() else -1
            if not 0 <= index < len(messages):
                return 404, "text/plain", b"no such mail"
            m = messages[index]
            heads = "".join(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                for k, v in m["headers"].items()
            )
            page = (
                f"<h2>{html.escape(m['subject'])}</h2><table>{heads}</table>"
                f"<pre>{html.escape(m['text'])}</pre><p><a href='/'>all mail</a></p>"
            )
            return 200, "text/html; charset=utf-8", _page(page)
        rows = "".join(
            f"<tr><td><a href='/m/{m['id']}'>{html.escape(m['subject'] or '(no subject)')}</a></td>"
            f"<td>{html.escape(m['from'])}</td><td>{html.escape(', '.join(m['to']))}</td></tr>"
            for m in reversed(messages)
        )
        return (
            200,
            "text/html; charset=utf-8",
            _page(
                f"<h1>Local mail viewer</h1><p>{len(messages)} sent</p>"
                f"<table><tr><th>Subject</th><th>From</th><th>To</th></tr>{rows}</table>"
            ),
        )


def _parsed(raw: str | bytes) -> EmailMessage:
    """Moto keeps a raw mail as text decoded from UTF-8. Parsed as text, an 8-bit body comes back as
    `\\u0417\\u0434...`: the stdlib re-encodes a non-ASCII str payload with raw-unicode-escape. As bytes it is
    read by its declared charset."""
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    return cast(EmailMessage, email.message_from_bytes(data, policy=policy.default))


def _text(body: MIMEPart | None) -> str:
    if body is None:
        return ""
    try:
        return str(body.get_content())
    except (LookupError, ValueError) as error:  # an unknown charset or broken part: show what we can
        payload = body.get_payload(decode=True)
        shown = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        return f"(undecodable body: {error})\n{shown}"


def _recipients(destinations: Any) -> list[str]:
    """Each recipient once: moto lists the Destinations parameter and the To/Cc header addresses together."""
    found = sum(destinations.values(), []) if isinstance(destinations, dict) else list(destinations)
    return list({str(a).strip().lower(): str(a).strip() for a in found}.values())


def json_body(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode()


# Inline, so the front's content security policy admits it by its hash (security_headers.style_hash).
STYLE = (
    "body{font:14px system-ui;margin:2em}td,th{padding:4px 8px;text-align:left;border-bottom:1px solid #ddd}"
)


def _page(body: str) -> bytes:
    return f"<!doctype html><meta charset=utf-8><title>Mail</title><style>{STYLE}</style>{body}".encode()
