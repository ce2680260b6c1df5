"""Makes moto's slowest paths fast without changing a single answer, and its writes safe under concurrency.

Measured under a burst (docs/performance.md, "Where the local stack spends its time"): moto's SQS computes
every queue attribute, with three scans of the whole queue, on each SendMessage (to read one of them), and
each scan asks for the time per message through a datetime round trip; its server lists moto's package folder
on disk for every request to find the service; its DynamoDB Query on the base table looks at every item of the
table although the items are already grouped by partition. Each fix keeps moto's own rule and only changes how
it is computed; `tests/unit/local/test_local_emulator_speedups.py` runs the same operations with and without
them and compares the answers. With concurrent function environments two more things matter, which moto leaves
to chance between request threads: an SQS delete must not drop a message sent meanwhile, and a DynamoDB write
must be atomic; both are pinned by tests that fail on moto's own code or on an earlier patch.
"""

from __future__ import annotations

import base64
import copy
import functools
import inspect
import logging
import re
import threading
import time
from typing import Any

_replaced: list[tuple[Any, str, Any]] = []  # (owner, attribute, moto's own value)
_partition = threading.local()
_INHERITED = object()  # the class had no attribute of its own: restoring removes ours


# moto's internals change between minor releases: before 5.2 DynamoDB answers skip the serializer patched here
# (that speed-up would do nothing), before 5.1.2 it does not import. pyproject.toml pins the same range.
MOTO_RANGE = ((5, 2, 6), (5, 3))  # at least, below: pyproject.toml says ">=5.2.6,<5.3"
log = logging.getLogger("helpdesk.local.speedups")


def speed_up_emulator() -> bool:
    """Patch this process's moto (the local stack runs the emulator in-process): every patch or none, so the
    emulator never runs half patched; idempotent. Returns whether the patches are in place."""
    if _replaced:
        return True
    from importlib.metadata import version

    installed = version("moto")
    low, high = MOTO_RANGE
    if not low <= moto_release(installed) < high:
        log.warning(
            "emulator speed-ups off: moto %s is outside %s (answers are moto's own, slower)",
            installed,
            moto_range(),
        )
        return False
    try:
        for patch in PATCHES:
            patch()
    except Exception as error:  # a moto internal that moved: give moto all of its own code back
        restore_emulator()
        log.warning("emulator speed-ups off: %s failed on moto %s: %r", patch.__name__, installed, error)
        return False
    log.info("emulator speed-ups on: %d patches for moto %s", len(PATCHES), installed)
    return True


def moto_release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def moto_range() -> str:
    low, high = MOTO_RANGE
    return f">={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"


def restore_emulator() -> None:
    """Give moto its own code back (the tests compare both)."""
    while _replaced:
        owner, name, original = _replaced.pop()
        if original is _INHERITED:
            delattr(owner, name)
        else:
            setattr(owner, name, original)


def _replace(owner: Any, name: str, value: Any) -> None:
    _replaced.append((owner, name, vars(owner).get(name, _INHERITED)))
    setattr(owner, name, value)


def _cache_service_dispatch() -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    find = DomainDispatcherApplication.get_backend_for_host
    known: dict[str, Any] = {}

    def cached(self: Any, host: str | None) -> Any:
        # The answer depends on the host name only (moto's modules and URL patterns are fixed at import).
        if host is None:
            return None
        if host not in known:
            known[host] = find(self, host)
        return known[host]

    _replace(DomainDispatcherApplication, "get_backend_for_host", cached)


def _cache_action_names() -> None:
    from moto.core import responses

    names = functools.lru_cache(maxsize=None)(responses.method_names_from_class)
    _replace(responses, "method_names_from_class", names)


def _now_millis() -> float:
    return time.time() * 1000.0


def _sqs_clock_per_scan() -> None:
    from moto.sqs import models
    from moto.sqs.models import Message, Queue

    # moto's rule: visible when now > visible_at; delayed while now < delayed_until (ms since the epoch).
    def visible(self: Any) -> bool:
        return bool(_now_millis() > self.visible_at)

    def delayed(self: Any) -> bool:
        return bool(_now_millis() < self.delayed_until)

    def messages(self: Any) -> list[Any]:
        now = _now_millis()
        return [m for m in self._messages if now > m.visible_at and not now < m.delayed_until]

    def not_visible(self: Any) -> int:
        now = _now_millis()
        return sum(1 for m in self._messages if not now > m.visible_at)

    def delayed_count(self: Any) -> int:
        now = _now_millis()
        return sum(1 for m in self._messages if now < m.delayed_until)

    _replace(Message, "visible", property(visible))
    _replace(Message, "delayed", property(delayed))
    _replace(Queue, "messages", property(messages))
    _replace(Queue, "approximate_number_of_messages_not_visible", property(not_visible))
    _replace(Queue, "approximate_number_of_messages_delayed", property(delayed_count))
    original_unix_time = models.unix_time

    def unix_time(dt: Any = None) -> float:
        return time.time() if dt is None else float(original_unix_time(dt))

    _replace(models, "unix_time", unix_time)
    _replace(models, "unix_time_millis", lambda dt=None: unix_time(dt) * 1000.0)


def _query_one_partition() -> None:
    from moto.dynamodb.models.table import Table

    query = Table.query
    all_items = Table.all_items
    signature = inspect.signature(query)

    def query_partition(self: Any, *args: Any, **kwargs: Any) -> Any:
        # A base-table Query keeps only items whose hash key equals the asked one; moto already files items
        # by hash key, so only that partition is handed to its filter.
        asked = signature.bind(self, *args, **kwargs).arguments
        if asked.get("index_name") is None and asked.get("hash_key") is not None:
            _partition.key = asked["hash_key"]
        try:
            return query(self, *args, **kwargs)
        finally:
            _partition.key = None

    def items_of_partition(self: Any) -> list[Any]:
        key = getattr(_partition, "key", None)
        if key is None:
            return _all_items_in_key_order(self, all_items)
        found = self.items.get(key)
        if found is None:
            return []
        return list(found.values()) if self.range_key_attr else [found]

    _replace(Table, "query", query_partition)
    _replace(Table, "all_items", items_of_partition)


def _all_items_in_key_order(table: Any, moto_all_items: Any) -> list[Any]:
    """moto's order (by hash key, then range key), with each key's value computed once per item instead of
    twice per comparison: an index Query or a Scan sorts the whole table, and at a few thousand items that
    sort cost more than everything else the request did. Key values compare as moto compares them
    (`cast_value`) when every item's keys have one type, as a key schema makes them; otherwise moto sorts."""
    items = [
        i for group in table.items.values() for i in (group.values() if table.range_key_attr else [group])
    ]
    if len({(i.hash_key.type, i.range_key.type if i.range_key else None) for i in items}) > 1:
        return list(moto_all_items(table))
    return sorted(
        items,
        key=lambda i: (
            (i.hash_key.cast_value, i.range_key.cast_value) if i.range_key else i.hash_key.cast_value
        ),
    )


def _sqs_delete_in_one_pass() -> None:
    from moto.sqs.exceptions import ReceiptHandleIsInvalid
    from moto.sqs.models import Queue

    def delete_message(self: Any, receipt_handle: str) -> None:
        # moto's rule: a handle deleted before is fine again; a handle no message ever had is invalid; every
        # message that ever had the handle goes. moto scans twice and then replaces the list, so a message
        # another thread appends in between is lost; here one scan of a copy, then each message is removed in
        # place (list.remove is atomic), so a concurrent SendMessage keeps its message.
        if receipt_handle in self.deleted_messages:
            return
        gone = [
            m
            for m in list(self._messages)
            if m.receipt_handle == receipt_handle or receipt_handle in m._old_receipt_handles
        ]
        if not gone:
            raise ReceiptHandleIsInvalid()
        for message in gone:
            self.pending_messages.discard(message)
            self.deleted_messages.update(message.all_receipt_handles)
            try:
                self._messages.remove(message)
            except ValueError:
                pass  # another thread removed it first (a concurrent delete or the move to the DLQ)

    _replace(Queue, "delete_message", delete_message)


def _sqs_retention_without_all_attributes() -> None:
    from moto.sqs import models
    from moto.sqs.models import SQSBackend

    def valid(self: Any, queue_name: str, message: Any) -> bool:
        # moto reads the retention period through GetQueueAttributes for each received message, computing
        # every attribute (three scans of the queue) to use one; the value is the queue's own field.
        retention_period = self.get_queue(queue_name).message_retention_period
        return bool(retention_period + message.sent_timestamp / 1000 > models.unix_time())

    _replace(SQSBackend, "is_message_valid_based_on_retention_period", valid)
    _replace(
        models, "camelcase_to_underscores", functools.lru_cache(maxsize=None)(models.camelcase_to_underscores)
    )


def _attribute_values_as_stored() -> None:
    """DynamoDB items are kept in their wire form; moto's generic serializer still walks the AttributeValue
    shape member by member for every attribute of every item, the largest share of a GetItem's time."""
    from moto.core.serialize import BaseJSONSerializer

    serialize = BaseJSONSerializer._serialize

    def fast(self: Any, serialized: Any, value: Any, shape: Any, key: str) -> None:
        if shape.name == "AttributeValue" and type(value) is dict and key:
            serialized[key] = _attribute_value(value)
            return
        serialize(self, serialized, value, shape, key)

    _replace(BaseJSONSerializer, "_serialize", fast)


def _blob(value: str | bytes) -> str:
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return base64.b64encode(raw).strip().decode("utf-8")


def _text(value: Any) -> Any:
    return str(value) if value not in [None, {}, []] else value


def _attribute_value(value: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"):
        member = value.get(kind)
        if member is None:
            continue
        if kind in ("S", "N"):
            out[kind] = _text(member)
        elif kind == "B":
            out[kind] = _blob(member)
        elif kind in ("SS", "NS"):
            out[kind] = [_text(v) for v in member]
        elif kind == "BS":
            out[kind] = [_blob(v) for v in member]
        elif kind == "M":
            out[kind] = {k: _attribute_value(v) for k, v in member.items()}
        elif kind == "L":
            out[kind] = [_attribute_value(v) for v in member]
        else:
            out[kind] = member
    return out


def _dynamodb_writes_one_at_a_time() -> None:
    """DynamoDB applies each write (a conditional put, an ADD, a transaction) atomically; moto reads, checks
    and writes in Python steps, so two request threads (two concurrent ingest environments) could interleave.
    One lock around moto's write operations gives the atomicity DynamoDB promises (writes take turns)."""
    from moto.dynamodb.models import DynamoDBBackend

    from helpdesk_local.emulator_transactions import back_up_named_items_only

    back_up_named_items_only()  # first, so that a transaction's backup is taken inside the lock
    lock = threading.RLock()
    for name in ("put_item", "update_item", "delete_item", "transact_write_items"):  # BatchWrite: per item
        _replace(DynamoDBBackend, name, one_at_a_time(getattr(DynamoDBBackend, name), lock))


def one_at_a_time(write: Any, lock: threading.RLock) -> Any:
    """`write` holding `lock`, answering a copy of the item taken inside it: moto's response reads the item
    it was handed (UpdateItem's UPDATED_NEW) after the write returns, and a concurrent ADD would by then
    show in the live item, so two counters' claims could answer the same number."""

    @functools.wraps(write)
    def atomic(self: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            return copy.deepcopy(write(self, *args, **kwargs))

    return atomic


PATCHES = (
    _cache_service_dispatch,
    _cache_action_names,
    _sqs_clock_per_scan,
    _sqs_delete_in_one_pass,
    _sqs_retention_without_all_attributes,
    _query_one_partition,
    _attribute_values_as_stored,
    _dynamodb_writes_one_at_a_time,
)
