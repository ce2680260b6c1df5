"""One ingest's reads of the `helpdesk` table: fetched ahead in one BatchGetItem, each made at most once, and
replaced by the ingest's own writes (read-your-own-writes). Outside a session every read goes to the table.

The session lives in a context variable, so concurrent pollers (threads) and later invocations of a warm
Lambda never see another ingest's items; a conditional write that fails forgets its key, so a retry reads
the table again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem
from helpdesk.kernel.rates import SlidingWindow
from helpdesk.tickets.model.customer import customer_id_for
from helpdesk.tickets.ports import ExpectedReads, RateCheck

Key = tuple[str, str, str]  # table, pk, sk
_SESSION: ContextVar[dict[Key, HelpdeskItem | None] | None] = ContextVar("ticket_reads", default=None)


def expected_keys(reads: ExpectedReads) -> list[tuple[str, str]]:
    return [
        *((f"CUSTOMER#{customer_id_for(e)}", "CUSTOMER") for e in reads.customer_emails),
        *((f"ORG#{d.lower()}", "ORG") for d in reads.organisation_domains),
        *((f"MSGID#{m}", f"FROM#{s.lower()}") for m, s in reads.message_guards),
        *((f"MAILBOX#{n}", "MAILBOX") for n in reads.mailboxes),
        *((f"TICKET#{t}", "TICKET") for t in reads.ticket_ids),
        *((f"MAIL#{k}", "MAIL") for k in reads.mail_records),
        *(_previous_window(check) for check in reads.rate_checks),
    ]


def _previous_window(check: RateCheck) -> tuple[str, str]:
    """The window DynamoRateLimiter reads: the one before the current (the current one it only adds to)."""
    return f"RATE#{check.key}", str(SlidingWindow(1, check.window_seconds, check.at).index - 1)


class DynamoReads:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._table = model.Meta.table_name

    @contextmanager
    def session(self) -> Iterator[object]:
        token = _SESSION.set({})
        try:
            yield self
        finally:
            _SESSION.reset(token)

    def expect(self, reads: ExpectedReads) -> None:
        self.prefetch(expected_keys(reads))

    def prefetch(self, keys: Iterable[tuple[str, str]]) -> None:
        seen = _SESSION.get()
        if seen is None:
            return
        missing = list(dict.fromkeys(k for k in keys if (self._table, *k) not in seen))
        if not missing:
            return
        found = {(i.pk, i.sk): i for i in self._m.batch_get(missing, consistent_read=True)}
        for pk, sk in missing:
            seen[(self._table, pk, sk)] = found.get((pk, sk))

    def get(self, pk: str, sk: str) -> HelpdeskItem | None:
        seen = _SESSION.get()
        if seen is not None and (self._table, pk, sk) in seen:
            return seen[(self._table, pk, sk)]
        try:
            item: HelpdeskItem | None = self._m.get(pk, sk, consistent_read=True)
        except self._m.DoesNotExist:
            item = None
        if seen is not None:
            seen[(self._table, pk, sk)] = item
        return item

    def known(self, pk: str, sk: str) -> bool:
        """Whether a read of this item costs nothing (read ahead, read before, or written by this ingest)."""
        seen = _SESSION.get()
        return seen is not None and (self._table, pk, sk) in seen

    def wrote(self, item: HelpdeskItem) -> None:
        seen = _SESSION.get()
        if seen is not None:
            seen[(self._table, item.pk, item.sk)] = item

    def forget(self, pk: str, sk: str) -> None:
        seen = _SESSION.get()
        if seen is not None:
            seen.pop((self._table, pk, sk), None)
