"""A local SMTP server standing in for SES inbound: accepted mail lands in the raw-mail bucket under the key
layout of the SES receipt rule's S3 action (prefix + SES message id): S3 -> SQS -> worker as on AWS."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

log = logging.getLogger("helpdesk.local.smtp")


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
        header = (
            f"Return-Path: <{envelope.mail_from}>\r\n"
            f"X-Local-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-Local-Received: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n"
        )
        body = header.encode() + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
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
