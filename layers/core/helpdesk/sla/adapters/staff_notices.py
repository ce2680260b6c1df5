"""StaffNotifier over the notices context: a console notice, and a mail the first time only."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.notices.public import Mailer, Notice, NoticeStore, OutgoingMail


class NoticeStaffNotifier:
    def __init__(self, store: NoticeStore, mailer: Mailer, clock: Clock) -> None:
        self._store, self._mailer, self._clock = store, mailer, clock

    def notify(self, notice_id: str, recipient: str, subject: str, text: str, link: str) -> bool:
        notice = Notice(notice_id, "staff", recipient.lower(), subject, text, link, self._clock.now())
        if not self._store.add(notice):
            return False
        self._mailer.send(OutgoingMail(recipient, subject, text, notice_id))
        return True
