"""The demo `quote` form and a settable clock for the channel tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from helpdesk.channels.model.forms import FieldKind, FormField, FormSpec

ORIGIN = "http://company.localhost"
QUOTE = FormSpec(
    "quote",
    "Quote request",
    "sales",
    (
        FormField("name", "Your name"),
        FormField("email", "E-mail", FieldKind.EMAIL, max_length=254),
        FormField("message", "What do you need?", FieldKind.TEXTAREA, max_length=5000),
    ),
    origins=(ORIGIN,),
)


@dataclass
class SetClock:
    at: datetime = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at

    def wait(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)
