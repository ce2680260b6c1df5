"""Small raw-mail builders for the unit tests."""

from __future__ import annotations

import base64


def mail(body: bytes | str, headers: str = "", content_type: str = "text/plain; charset=utf-8") -> bytes:
    head = (
        "From: Anna <anna@example.com>\nTo: help@example.com\nSubject: test\n"
        "Message-ID: <m1@example.com>\nMIME-Version: 1.0\n"
        f"Content-Type: {content_type}\n{headers}"
    )
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    return head.encode("utf-8") + b"\n" + raw


def multipart(subtype: str, *parts: bytes, boundary: str = "b0", headers: str = "") -> bytes:
    body = (
        b"".join(b"--" + boundary.encode() + b"\n" + p + b"\n" for p in parts) + f"--{boundary}--\n".encode()
    )
    return mail(body, headers, f'multipart/{subtype}; boundary="{boundary}"')


def part(body: bytes | str, content_type: str = "text/plain; charset=utf-8", headers: str = "") -> bytes:
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    return f"Content-Type: {content_type}\n{headers}\n".encode() + raw


def b64part(data: bytes, content_type: str, headers: str = "") -> bytes:
    return part(base64.encodebytes(data), content_type, "Content-Transfer-Encoding: base64\n" + headers)
