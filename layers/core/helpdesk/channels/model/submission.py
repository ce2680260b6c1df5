"""A form submission as received, and the record kept of every one that did not open a ticket."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class HeldStatus(StrEnum):
    HELD = "held"
    RELEASED = "released"  # staff let it through: it opened a ticket
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class Submission:
    reference: str
    form_id: str
    answers: dict[str, str]
    received_at: datetime
    client: str = ""  # a hash of the client address, never the address itself
    origin: str = ""


@dataclass(frozen=True)
class HeldSubmission:
    submission: Submission
    reasons: tuple[str, ...]
    status: HeldStatus = HeldStatus.HELD

    @property
    def reference(self) -> str:
        return self.submission.reference

    def with_status(self, status: HeldStatus) -> HeldSubmission:
        return replace(self, status=status)
