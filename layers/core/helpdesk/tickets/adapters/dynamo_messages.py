"""Messages in the `helpdesk` table: under their ticket, plus one guard item per (Message-ID, sender).

The guard is both the de-duplication (a second copy of a mail fails its condition) and the threading index
(query `MSGID#<id>` to find the ticket of a Message-ID we stored or sent, whoever the sender). In a unit of
work (mail ingest) the guard and the message are staged together; alone, the guard is written first and names
the message item's key, so a later writer can complete a half-done add.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_staging import staging
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, put_new
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.model.message import Message


class DynamoMessages:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

    def add(self, message: Message, sender: str) -> bool:
        guard = self._m(
            f"MSGID#{message.message_id or message.id}",
            f"FROM#{sender.lower()}",
            entity="message_id",
            ref=message.ticket_id,
            data=message.sort_key,
        )
        staged = staging()
        if staged is not None:
            # A guard not read ahead (our own outbound mail's) is staged without a read: if it exists after
            # all, the unit is refused and the caller takes the step-by-step path.
            stored = self._reads.get(guard.pk, guard.sk) if self._reads.known(guard.pk, guard.sk) else None
            if stored is not None:
                self._heal(stored, message)
                return False
            item = self._item(message)
            staged.stage("Put", guard.get_save_kwargs_from_instance(condition=self._m.pk.does_not_exist()))
            staged.stage("Put", item.get_save_kwargs_from_instance())
            self._reads.wrote(guard)
            self._reads.wrote(item)
            return True
        if put_new(self._m, guard):
            item = self._item(message)
            item.save()  # the guard makes this key ours alone
            self._reads.wrote(guard)
            self._reads.wrote(item)
            return True
        self._reads.forget(guard.pk, guard.sk)
        self._heal(self._m.get(guard.pk, guard.sk, consistent_read=True), message)
        return False

    def _heal(self, claimed: HelpdeskItem, message: Message) -> None:
        """Written at once, in a unit of work too: it completes what an earlier writer left."""
        created, _, message_key = (claimed.data or "").partition("#")
        # The guard's writer may have died before writing its message: finish it, so a guard never points at
        # nothing and the mail is neither lost nor stored twice.
        healed = replace(
            message, ticket_id=claimed.ref or "", created_at=datetime.fromisoformat(created), id=message_key
        )
        healed_item = self._item(healed)
        if not put_new(self._m, healed_item):
            self._reads.forget(healed_item.pk, healed_item.sk)

    def _item(self, message: Message) -> HelpdeskItem:
        return self._m(
            f"TICKET#{message.ticket_id}", f"MSG#{message.sort_key}", entity="message", data=dumps(message)
        )

    def is_stored(self, message_id: str, sender: str) -> bool:
        return self._reads.get(f"MSGID#{message_id}", f"FROM#{sender.lower()}") is not None

    def get(self, ticket_id: str, sort_key: str) -> Message | None:
        item = self._reads.get(f"TICKET#{ticket_id}", f"MSG#{sort_key}")
        return loads(Message, item.data or "{}") if item else None

    def for_ticket(self, ticket_id: str) -> list[Message]:
        items = self._m.query(f"TICKET#{ticket_id}", self._m.sk.startswith("MSG#"), consistent_read=True)
        return [loads(Message, item.data or "{}") for item in items]

    def tickets_for_message_id(self, message_id: str) -> list[str]:
        items = self._m.query(f"MSGID#{message_id}", consistent_read=True)
        return sorted({item.ref for item in items if item.ref})
