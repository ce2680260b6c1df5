"""Small hand-written mails for the classifier tests."""

from __future__ import annotations

import email
import email.policy
from email.message import Message


def parse(raw: str | bytes, compat: bool = False) -> Message:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    policy = email.policy.compat32 if compat else email.policy.default
    return email.message_from_bytes(data, policy=policy)


def dsn(action: str, status: str, diagnostic: str = "", recipient: str = "bob@example.org") -> str:
    return f"""From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
To: alice@example.com
Subject: Delivery Status Notification
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx.example.com.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; {recipient}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--B
Content-Type: text/rfc822-headers

From: alice@example.com
To: {recipient}
Subject: hello

--B--
"""
