"""Limits against hostile mail. Crossing one makes the mail quarantined, never a crash or a hang."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class MailLimits:
    max_depth: int = 30  # nested multiparts and message/rfc822
    max_parts: int = 2000
    max_decoded_bytes: int = 80 * 1024 * 1024  # all decoded parts together
    max_total_bytes: int = 60 * 1024 * 1024  # the raw mail (SES accepts up to 40 MB)
    time_budget_s: float = 10.0


DEFAULT_LIMITS = MailLimits()


class LimitExceeded(Exception):
    """Raised inside the parser only; `parse_mail` turns it into a fatal Problem."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class Budget:
    """What one parse has spent so far against its limits."""

    def __init__(self, limits: MailLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.time_budget_s
        self.parts = 0
        self.decoded = 0

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded("limit_time", f"parsing took over {self.limits.time_budget_s:g} s")

    def add_part(self, depth: int) -> None:
        self.parts += 1
        if self.parts > self.limits.max_parts:
            raise LimitExceeded("limit_parts", f"more than {self.limits.max_parts} MIME parts")
        if depth > self.limits.max_depth:
            raise LimitExceeded("limit_depth", f"MIME nesting deeper than {self.limits.max_depth}")
        self.check_time()

    def add_decoded(self, size: int) -> None:
        self.decoded += size
        if self.decoded > self.limits.max_decoded_bytes:
            raise LimitExceeded(
                "limit_decoded_size", f"decoded parts exceed {self.limits.max_decoded_bytes} bytes"
            )
