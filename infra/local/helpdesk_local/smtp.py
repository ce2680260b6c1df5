"""A local SMTP server standing in for SES inbound: accepted mail lands in the raw-mail bucket under the key
layout of the SES receipt rule's S3 action (prefix + SES message id): S3 -> SQS -> worker as on AWS."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import time
from collections.abc import Callable
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

log = logging.getLogger("helpdesk.local.smtp")


def authentication_results(peer_ip: str, mail_from: str, head: bytes) -> str:
    """The verdicts SES would prepend, as it writes them. Locally every loopback client stands for a permitted
    relay of its envelope domain (SPF pass), nothing is DKIM-checked (none: GRAY), and every From domain is
    taken to publish DMARC, so a From domain not aligned with an SPF-passing envelope domain fails."""
    envelope_domain = (mail_from or "").rpartition("@")[2].lower()
    try:
        loopback = ipaddress.ip_address(peer_ip).is_loopback
    except ValueError:
        loopback = False
    spf = "pass" if envelope_domain and loopback else "none"
    froms = BytesHeaderParser(policy=compat32).parsebytes(head).get_all("from") or []
    from_domain = next((a.rpartition("@")[2].lower() for _, a in getaddresses(froms) if "@" in a), "")
    aligned = (
        spf == "pass"
        and bool(from_domain)
        and (envelope_domain == from_domain or envelope_domain.endswith("." + from_domain))
    )
    dmarc = "pass" if aligned else "fail" if from_domain else "none"
    return (
        f"Authentication-Results: amazonses.com;\r\n spf={spf} smtp.mailfrom={mail_from or '<>'};\r\n"
        f" dkim=none;\r\n dmarc={dmarc} header.from={from_domain or 'unknown'};\r\n"
    )


def ses_message_id() -> str:
    # SES message ids are 40 lowercase alphanumerics; the key must be unguessable like theirs.
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(40))


class InboundHandler:
    def __init__(
        self, s3: Any, bucket: str, prefix: str, recipients: list[str], max_bytes: int = 40 * 1024 * 1024
    ) -> None:
        self.s3, self.bucket, self.prefix = s3, bucket, prefix
        self.domains = [r.lower() for r in recipients]
        self.max_bytes = max_bytes
        self.accepted = 0
        self.stored: Callable[[], None] = lambda: None  # blocks until the put is durable (durability.py)

    def _ours(self, address: str) -> bool:
        address = address.lower()
        domain = address.rsplit("@", 1)[-1]
        return any(address == r or domain == r or domain.endswith("." + r) for r in self.domains)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not self._ours(address):
            return "550 5.1.1 mailbox not handled here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or b""
        if len(data) > self.max_bytes:
            return "552 5.3.4 message too big"
        key = f"{self.prefix}{ses_message_id()}"
        body = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer or "")
        header = (
            f"Return-Path: <{envelope.mail_from}>\r\n"
            f"X-Local-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-Local-Received: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n"
            + authentication_results(peer, envelope.mail_from or "", body.split(b"\r\n\r\n", 1)[0][:65536])
        )
        body = header.encode() + body
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)
        await asyncio.get_running_loop().run_in_executor(None, self.stored)
        self.accepted += 1
        return "250 2.0.0 Ok: queued as " + key.rsplit("/", 1)[-1]


def start_smtp(handler: InboundHandler, port: int) -> Controller:
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, data_size_limit=handler.max_bytes, decode_data=False
    )
    controller.start()
    return controller
