"""An Omnidesk account in memory, behind the OmnideskApi port (the HTTP adapter is held to the stand-in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import count

from helpdesk.integrations.model.connectors import ConnectorSettings
from helpdesk.integrations.model.omnidesk import OmnideskCase, OmnideskFile, OmnideskMessage, OmnideskUser
from helpdesk.integrations.ports import VendorNotFound, VendorRateLimited


@dataclass
class FakeOmnidesk:
    cases: dict[int, OmnideskCase] = field(default_factory=dict)
    threads: dict[int, list[OmnideskMessage]] = field(default_factory=dict)
    users: dict[int, OmnideskUser] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    posted: list[tuple[int, str, int]] = field(default_factory=list)
    asked_since: list[datetime | None] = field(default_factory=list)
    limited: int = 0  # the next calls answer 429
    failing: int = 0  # the next calls fail
    page_size: int = 2
    _ids: count = field(default_factory=lambda: count(500))

    def open(self, case_id: int, subject: str, user: OmnideskUser, at: datetime) -> None:
        self.users[user.user_id] = user
        self.cases[case_id] = OmnideskCase(case_id, f"664-{case_id}", subject, user.user_id, at)
        self.threads[case_id] = []

    def write(self, case_id: int, text: str, at: datetime, *, staff: int = 0, note: bool = False,
              files: tuple[tuple[str, bytes], ...] = ()) -> int:  # fmt: skip
        attached = []
        for name, content in files:
            url = f"https://acme.omnidesk.ru/files/{len(self.files) + 1}"
            self.files[url] = content
            attached.append(OmnideskFile(len(self.files), name, "application/pdf", url))
        case = self.cases[case_id]
        message = OmnideskMessage(next(self._ids), 0 if staff else case.user_id, staff, text, note, at,
                                  tuple(attached))  # fmt: skip
        self.threads[case_id].append(message)
        self.cases[case_id] = OmnideskCase(case.case_id, case.case_number, case.subject, case.user_id, at)
        return message.message_id

    def _call(self) -> None:
        if self.limited:
            self.limited -= 1
            raise VendorRateLimited("omnidesk rate limit", 30)
        if self.failing:
            self.failing -= 1
            raise RuntimeError("omnidesk is down")

    def cases_updated_since(self, since: datetime | None, page: int) -> tuple[list[OmnideskCase], int]:
        self._call()
        self.asked_since.append(since)
        found = sorted((c for c in self.cases.values() if since is None or c.updated_at >= since),
                       key=lambda c: c.updated_at)  # fmt: skip
        return found[(page - 1) * self.page_size : page * self.page_size], len(found)

    def case(self, case_id: int) -> OmnideskCase:
        self._call()
        if case_id not in self.cases:
            raise VendorNotFound(f"no case {case_id}")
        return self.cases[case_id]

    def messages(self, case_id: int) -> list[OmnideskMessage]:
        self._call()
        return list(self.threads[case_id])

    def user(self, user_id: int) -> OmnideskUser | None:
        return self.users.get(user_id)

    def download(self, url: str) -> bytes:
        return self.files[url]

    def post_staff_message(self, case_id: int, content: str, staff_id: int) -> int:
        self._call()
        self.posted.append((case_id, content, staff_id))
        return next(self._ids)


@dataclass
class OneOmnidesk:
    account: FakeOmnidesk

    def client(self, settings: ConnectorSettings, credentials: dict[str, str]) -> FakeOmnidesk:
        assert credentials["api_key"], "the client is built with the stored credentials"
        return self.account
