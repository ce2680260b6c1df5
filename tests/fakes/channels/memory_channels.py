"""In-memory forms, held submissions, intake and confirmations, held to the same suites as the adapters."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpdesk.channels.model.forms import FormSpec
from helpdesk.channels.model.inbound import InboundMessage
from helpdesk.channels.model.submission import HeldStatus, HeldSubmission
from helpdesk.channels.ports import HeldPage


class MemoryForms:
    def __init__(self) -> None:
        self._forms: dict[str, FormSpec] = {}

    def get(self, form_id: str) -> FormSpec | None:
        return self._forms.get(form_id)

    def save(self, form: FormSpec) -> None:
        self._forms[form.id] = form


class MemoryHeld:
    def __init__(self) -> None:
        self._held: dict[str, HeldSubmission] = {}

    def put(self, held: HeldSubmission) -> None:
        self._held[held.reference] = held

    def get(self, reference: str) -> HeldSubmission | None:
        return self._held.get(reference)

    def list(self, status: HeldStatus, limit: int, cursor: str | None = None) -> HeldPage:
        ordered = sorted(
            (h for h in self._held.values() if h.status is status),
            key=lambda h: (h.submission.received_at, h.reference),
            reverse=True,
        )
        start = int(cursor or 0)
        page = ordered[start : start + limit]
        more = start + limit < len(ordered)
        return HeldPage(page, str(start + limit) if more else None)

    def set_status(self, reference: str, status: HeldStatus) -> None:
        if reference in self._held:
            self._held[reference] = self._held[reference].with_status(status)


@dataclass
class RecordingIntake:
    taken: list[InboundMessage] = field(default_factory=list)

    def take(self, message: InboundMessage) -> None:
        self.taken.append(message)


@dataclass
class RecordingConfirmations:
    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def send(self, to: str, reference: str, link: str) -> None:
        self.sent.append((to, reference, link))


@dataclass
class RecordingVerification:
    confirmed: list[tuple[str, str]] = field(default_factory=list)

    def confirm_sender(self, channel: str, message_key: str) -> bool:
        self.confirmed.append((channel, message_key))
        return True
