"""The collision guard: a reply written against an old view of the ticket is refused unless confirmed, so no
customer gets two answers by accident."""

from __future__ import annotations

from helpdesk.kernel.errors import Conflict
from helpdesk.tickets.model.message import Message


class ReplyCollision(Conflict):
    """Someone wrote on the ticket since the agent loaded it; `body` names the newer messages for the 409."""

    def __init__(self, newer: list[Message]) -> None:
        who = ", ".join(dict.fromkeys(m.author_name or m.author or m.from_ for m in newer))
        super().__init__(f"{who} wrote on this ticket since you loaded it")
        self.body = {
            "newer": [
                {
                    "id": m.id,
                    "direction": m.direction.value,
                    "author": m.author,
                    "author_name": m.author_name,
                    "from": m.from_,
                    "created_at": m.created_at.isoformat(),
                    "text": m.text[:2000],
                }
                for m in newer
            ]
        }


def newer_than(messages: list[Message], seen_message_id: str) -> list[Message]:
    """Messages after the one the agent saw (oldest first); all of them when it is not on the ticket, since an
    unknown id proves nothing was seen."""
    ids = [m.id for m in messages]
    if seen_message_id not in ids:
        return list(messages)
    return list(messages[ids.index(seen_message_id) + 1 :])


def check_collision(messages: list[Message], seen_message_id: str | None, confirm: bool) -> None:
    if seen_message_id is None or confirm:
        return
    newer = newer_than(messages, seen_message_id)
    if newer:
        raise ReplyCollision(newer)
