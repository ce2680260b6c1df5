"""Delivers events to functions the way Lambda's pollers do: SQS batches, stream shards, schedules."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from helpdesk_local.events import schedule_event, sqs_event, stream_event
from helpdesk_local.functions import LocalFunction
from helpdesk_local.stream_signal import NEW_RECORDS

log = logging.getLogger("helpdesk.local")


class Invoker(Protocol):
    """An execution environment of a function: the stack's process (LocalFunction) or a child process."""

    def invoke(self, event: dict[str, Any]) -> Any: ...


class Worker(threading.Thread):
    def __init__(self, name: str, stop: threading.Event) -> None:
        super().__init__(name=name, daemon=True)
        self.stop = stop
        self.errors = 0

    # An idle stream poller waits longer each empty step, up to half a second, and is quick again after work:
    # four consumers asking five times a second, three requests each, kept a CPU busy on an idle stack. An SQS
    # poller's step is itself a long poll that wakes when a message arrives, so its pause stays short.
    IDLE_WAITS: tuple[float, ...] = (0.2, 0.3, 0.5)

    def run(self) -> None:
        idle = 0
        while not self.stop.is_set():
            try:
                if self.step():
                    idle = 0
                else:
                    self.pause(self.IDLE_WAITS[min(idle, len(self.IDLE_WAITS) - 1)])
                    idle += 1
            except Exception:  # noqa: BLE001 - a poller must survive whatever the function does
                if self.stop.is_set():
                    return  # the stack ended the poll (long_polls.py) or the emulator went away first
                self.errors += 1
                log.exception("%s failed", self.name)
                self.stop.wait(1.0)

    def step(self) -> bool:
        raise NotImplementedError

    def pause(self, seconds: float) -> None:
        self.stop.wait(seconds)


class SqsPoller(Worker):
    """Receives up to BatchSize messages, invokes, deletes what succeeded.

    Failed messages become visible again after `retry_delay` seconds instead of the queue's full visibility
    timeout, so local retries and redrive to the DLQ take seconds, not minutes (documented deviation), unless
    the handler changed their visibility itself (its back-off): then the handler's choice stands, as on AWS.
    """

    def __init__(
        self,
        fn: LocalFunction,
        event: dict[str, Any],
        sqs: Any,
        queue_url: str,
        region: str,
        stop: threading.Event,
        retry_delay: int = 1,
        environment: Invoker | None = None,
    ) -> None:
        super().__init__(f"sqs:{fn.name}", stop)
        self.fn, self.sqs, self.url, self.region = fn, sqs, queue_url, region
        self.environment = environment or fn
        self.arn = event["Queue"]
        self.batch_size = min(int(event.get("BatchSize", 10)), 10)
        self.partial = "ReportBatchItemFailures" in event.get("FunctionResponseTypes", [])
        self.retry_delay = retry_delay
        self.wait_seconds = 20  # long polling, as Lambda's pollers do; a stop ends it (long_polls.py)
        self.IDLE_WAITS = (0.2,)
        self.invocations = 0

    def step(self) -> bool:
        answer = self.sqs.receive_message(
            QueueUrl=self.url,
            MaxNumberOfMessages=self.batch_size,
            WaitTimeSeconds=self.wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        messages = answer.get("Messages", [])
        if not messages:
            return False
        received = visible_at(self.arn, messages)
        failed = self._invoke(messages)
        postponed = {m for m, at in visible_at(self.arn, messages).items() if at != received.get(m)}
        done = [m for m in messages if m["MessageId"] not in failed]
        for chunk in range(0, len(done), 10):
            entries = [
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                for i, m in enumerate(done[chunk : chunk + 10])
            ]
            self.sqs.delete_message_batch(QueueUrl=self.url, Entries=entries)
        for m in messages:
            if m["MessageId"] in failed and m["MessageId"] not in postponed:
                self.sqs.change_message_visibility(
                    QueueUrl=self.url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=self.retry_delay
                )
        return True

    def _invoke(self, messages: list[dict[str, Any]]) -> set[str]:
        self.invocations += 1
        all_ids = {m["MessageId"] for m in messages}
        try:
            result = self.environment.invoke(sqs_event(messages, self.arn, self.region))
        except Exception:  # noqa: BLE001 - a raising handler fails the whole batch, as on Lambda
            log.exception("%s raised; the whole batch returns to the queue", self.fn.name)
            return all_ids
        if not self.partial or not isinstance(result, dict):
            return set()
        failures = {f.get("itemIdentifier") for f in result.get("batchItemFailures", [])}
        if None in failures or "" in failures or not failures <= all_ids:
            return all_ids  # Lambda treats a malformed response as a failure of the whole batch
        return failures


def visible_at(queue_arn: str, messages: list[dict[str, Any]]) -> dict[str, float]:
    """When each received message becomes visible again, read from the emulator (no SQS API tells)."""
    from moto.sqs.models import sqs_backends

    _, _, _, region, account, name = queue_arn.split(":", 5)
    queue = sqs_backends[account][region].queues.get(name)
    wanted = {m["ReceiptHandle"]: m["MessageId"] for m in messages}
    if queue is None:
        return {}
    return {
        wanted[m.receipt_handle]: m.visible_at for m in list(queue._messages) if m.receipt_handle in wanted
    }


class StreamPoller(Worker):
    """Reads every shard of a table's stream in order; retries a failing batch, then sends it to OnFailure."""

    def __init__(
        self,
        fn: LocalFunction,
        event: dict[str, Any],
        streams: Any,
        sqs: Any,
        queue_urls: dict[str, str],
        region: str,
        stop: threading.Event,
        checkpoints: dict[str, str],
    ) -> None:
        super().__init__(f"stream:{fn.name}", stop)
        self.fn, self.streams, self.sqs, self.region = fn, streams, sqs, region
        self.arn = event["Stream"]
        self.batch_size = int(event.get("BatchSize", 100))
        self.max_retries = int(event.get("MaximumRetryAttempts", 3))
        self.partial = "ReportBatchItemFailures" in event.get("FunctionResponseTypes", [])
        destination = event.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        self.failure_url = queue_urls.get(destination) if destination else None
        # (consumer, stream, shard) -> last processed sequence number (persisted by the stack): each function
        # reading the stream keeps its own place, as each Lambda event source mapping does
        self.checkpoints = checkpoints
        self._shard_list: list[dict[str, Any]] | None = None
        self._shards_at = 0.0
        self._seen = NEW_RECORDS.generation

    # An idle reader is woken when a record arrives (stream_signal.py); these only bound a missed wake-up.
    IDLE_WAITS = (0.5, 2.0, 10.0)
    SHARDS_FOR_SECONDS = 5.0  # a table's shards seldom change: asked again after this long, not every step

    def _shards(self) -> list[dict[str, Any]]:
        now = time.monotonic()
        if self._shard_list is None or now - self._shards_at > self.SHARDS_FOR_SECONDS:
            self._shard_list = self.streams.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]
            self._shards_at = now
        return self._shard_list

    def step(self) -> bool:
        self._seen = NEW_RECORDS.generation  # before reading: a record that comes meanwhile ends the pause
        try:
            return self._read(self._shards())
        except Exception:
            self._shard_list = None  # a shard that went away: ask for the list again at once
            raise

    def pause(self, seconds: float) -> None:
        if not self.stop.is_set():
            NEW_RECORDS.wait_past(self._seen, seconds)

    def _read(self, shards: list[dict[str, Any]]) -> bool:
        worked = False
        for shard in shards:
            shard_id = shard["ShardId"]
            # A fresh iterator from the checkpoint every time: moto alone swaps a table's stream shard
            # object when a transaction is cancelled (emulator_transactions.py keeps it), and an old
            # iterator then never sees a new record.
            answer = self.streams.get_records(ShardIterator=self._iterator(shard_id), Limit=self.batch_size)
            records = answer.get("Records", [])
            if records:
                worked = True
                self._deliver(shard_id, records)
        return worked

    def _iterator(self, shard_id: str) -> str:
        last = self.checkpoints.get(self._checkpoint_key(shard_id))
        kwargs: dict[str, Any] = {"StreamArn": self.arn, "ShardId": shard_id}
        if last:
            kwargs.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=last)
        else:
            kwargs.update(ShardIteratorType="TRIM_HORIZON")
        return self.streams.get_shard_iterator(**kwargs)["ShardIterator"]

    def _checkpoint_key(self, shard_id: str) -> str:
        """Per consumer, as Lambda keeps one position per event source mapping: two functions on one stream
        each read every record."""
        return f"{self.fn.name}|{self.arn}|{shard_id}"

    def _deliver(self, shard_id: str, records: list[dict[str, Any]]) -> None:
        pending = records
        for attempt in range(self.max_retries + 1):
            failed_from = self._invoke(pending)
            if failed_from is None:
                break
            pending = pending[failed_from:]
            if attempt == self.max_retries:
                self._give_up(shard_id, pending)
            else:
                time.sleep(min(0.1 * 2**attempt, 2.0))
        self.checkpoints[self._checkpoint_key(shard_id)] = records[-1]["dynamodb"]["SequenceNumber"]

    def _invoke(self, records: list[dict[str, Any]]) -> int | None:
        """Index of the first failed record, or None when all succeeded."""
        try:
            result = self.fn.invoke(stream_event(records, self.arn, self.region))
        except Exception:  # noqa: BLE001
            log.exception("%s raised on a stream batch", self.fn.name)
            return 0
        failures = (
            (result or {}).get("batchItemFailures", []) if self.partial and isinstance(result, dict) else []
        )
        if not failures:
            return None
        sequences = [r["dynamodb"]["SequenceNumber"] for r in records]
        first = failures[0].get("itemIdentifier")
        return sequences.index(first) if first in sequences else 0

    def _give_up(self, shard_id: str, records: list[dict[str, Any]]) -> None:
        log.error("%s gave up on %d stream records", self.fn.name, len(records))
        if self.failure_url:
            info = {
                "requestContext": {"condition": "RetryAttemptsExhausted", "functionArn": self.fn.name},
                "DDBStreamBatchInfo": {
                    "shardId": shard_id,
                    "startSequenceNumber": records[0]["dynamodb"]["SequenceNumber"],
                    "endSequenceNumber": records[-1]["dynamodb"]["SequenceNumber"],
                    "batchSize": len(records),
                    "streamArn": self.arn,
                },
            }
            self.sqs.send_message(QueueUrl=self.failure_url, MessageBody=json.dumps(info))


class Scheduler(Worker):
    """Invokes a function every `rate(...)` period; `tick_at` asks for one more tick at a given moment (the
    local-only trigger of schedules_host.py), the same scheduled event on this same thread."""

    def __init__(
        self,
        fn: LocalFunction,
        event: dict[str, Any],
        region: str,
        stop: threading.Event,
        speedup: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(f"schedule:{fn.name}", stop)
        self.fn, self.region, self.clock = fn, region, clock
        self.every = rate_seconds(event["Schedule"]) / speedup
        self.next_at = clock() + self.every
        self.asked: list[float] = []  # extra ticks, each at or after its moment, kept apart from the cadence
        self.asked_lock, self.woken = threading.Lock(), threading.Event()

    def tick_at(self, delay: float) -> None:
        """One tick `delay` seconds from now (at once for 0 or less), besides the regular ones."""
        with self.asked_lock:
            self.asked.append(self.clock() + max(0.0, delay))
        self.woken.set()

    def step(self) -> bool:
        now = self.clock()
        with self.asked_lock:
            due = [at for at in self.asked if at <= now]
            self.asked = [at for at in self.asked if at > now]
        if now < self.next_at and not due:
            return False
        if now >= self.next_at:
            self.next_at = now + self.every
        self.fn.invoke(schedule_event(f"arn:aws:events:{self.region}:local:rule/{self.fn.name}", self.region))
        return True

    def pause(self, seconds: float) -> None:
        with self.asked_lock:
            first = min(self.asked, default=None)
        if first is not None:
            seconds = min(seconds, max(0.0, first - self.clock()))
        self.woken.wait(seconds)  # a stop is seen within IDLE_WAITS' longest, as with stop.wait
        self.woken.clear()


def rate_seconds(expression: str) -> float:
    match = re.fullmatch(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)", expression.strip())
    if not match:
        raise ValueError(f"the local scheduler understands rate(...) expressions only, not {expression!r}")
    unit = {"minute": 60, "hour": 3600, "day": 86400}[match.group(2).rstrip("s")]
    return int(match.group(1)) * unit
