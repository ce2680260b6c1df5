"""Notices shown in the cabinet and the console."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.notices.model import Notice
from helpdesk.notices.ports import NoticeStore
from helpdesk.notices.views import NotifyRequested


def deliver_notice(request: NotifyRequested, store: NoticeStore, clock: Clock) -> bool:
    """Store the notice once; returns False when this notice id was delivered before."""
    notice = Notice(
        notice_id=request.notice_id,
        audience=request.audience,
        recipient=request.recipient.lower(),
        subject=request.subject,
        text=request.text,
        link=request.link,
        created_at=clock.now(),
    )
    return store.add(notice)


def notices_for(recipient: str, store: NoticeStore, limit: int = 50) -> list[Notice]:
    return store.latest(recipient.lower(), limit)
