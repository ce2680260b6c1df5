"""Messages in the `helpdesk` table: under their ticket, plus one guard item per (Message-ID, sender).

The guard is both the de-duplication (a second copy of a mail fails its condition) and the threading index
(query `MSGID#<id>` to find the ticket of a Message-ID we stored or sent, whoever the sender).
"""

from __future__ import annotations

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException
from pynamodb.transactions import TransactWrite

from helpdesk.adapters.dynamo_codec import dumps, loads
from helpdesk.adapters.dynamo_table import HelpdeskItem, condition_failed
from helpdesk.domain.tickets.message import Message


class DynamoMessages:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._connection = Connection(region=model.Meta.region, host=model.Meta.host)

    def add(self, message: Message, sender: str) -> bool:
        guard = self._m(
            f"MSGID#{message.message_id or message.id}",
            f"FROM#{sender.lower()}",
            entity="message_id",
            ref=message.ticket_id,
            data=message.sort_key,
        )
        item = self._m(
            f"TICKET#{message.ticket_id}", f"MSG#{message.sort_key}", entity="message", data=dumps(message)
        )
        try:
            with TransactWrite(connection=self._connection) as tx:
                tx.save(guard, condition=self._m.pk.does_not_exist())
                tx.save(item, condition=self._m.pk.does_not_exist())
        except PynamoDBException as error:
            if condition_failed(error):
                return False
            raise
        return True

    def is_stored(self, message_id: str, sender: str) -> bool:
        try:
            self._m.get(f"MSGID#{message_id}", f"FROM#{sender.lower()}", consistent_read=True)
        except self._m.DoesNotExist:
            return False
        return True

    def get(self, ticket_id: str, sort_key: str) -> Message | None:
        try:
            item = self._m.get(f"TICKET#{ticket_id}", f"MSG#{sort_key}", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return loads(Message, item.data or "{}")

    def for_ticket(self, ticket_id: str) -> list[Message]:
        items = self._m.query(f"TICKET#{ticket_id}", self._m.sk.startswith("MSG#"), consistent_read=True)
        return [loads(Message, item.data or "{}") for item in items]

    def tickets_for_message_id(self, message_id: str) -> list[str]:
        items = self._m.query(f"MSGID#{message_id}", consistent_read=True)
        return sorted({item.ref for item in items if item.ref})
