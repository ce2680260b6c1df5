"""Mail through a running local stack, for the benchmarks: SMTP senders, an observer of ingested mail, a census.

"Visible" is observed without asking the emulator: the ingest worker logs `mail ingested` with the raw-mail key
after the message and its ticket are committed, and the SMTP server names that key in its `250` answer, so the
observer costs the stack nothing. The census at the end reads the table itself through the emulator.
"""

from __future__ import annotations

import json
import os
import re
import smtplib
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass

from tests.support.local_process import LocalProcess

SUPPORT = "support@support.localhost"
SENDERS = 400
INGESTED = re.compile(r'"message":"mail ingested".*?"key":"[^"]*?([a-z0-9]{40})","outcome":"([a-z_]*)"')


@dataclass(frozen=True)
class BenchMail:
    n: int
    run: str
    reply_to: str | None

    @property
    def sender(self) -> str:
        customer = self.n % SENDERS
        return f"c{customer}@org{customer % 37}.test"

    @property
    def message_id(self) -> str:
        return f"{self.run}{self.n}@bench.test"

    def render(self) -> bytes:
        threading_headers = f"In-Reply-To: <{self.reply_to}>\r\n" if self.reply_to else ""
        return (
            f"From: {self.sender}\r\nTo: {SUPPORT}\r\nSubject: Case {self.n} of {self.run}\r\n"
            f"Message-ID: <{self.message_id}>\r\n{threading_headers}"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nHello, this is mail number {self.n}.\r\n"
        ).encode()


def bench_mails(count: int, run: str, start: int = 0) -> list[BenchMail]:
    """Every third mail answers the same customer's mail from SENDERS mails earlier; the rest open tickets."""
    return [
        BenchMail(n, run, f"{run}{n - SENDERS}@bench.test" if n % 3 == 2 and n >= start + SENDERS else None)
        for n in range(start, start + count)
    ]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Observer:
    """Timestamps each `mail ingested` line of the stack's log by raw-mail key."""

    def __init__(self, stack: LocalProcess) -> None:
        self.seen: dict[str, float] = {}
        self.outcomes: Counter[str] = Counter()
        self.changed = threading.Condition()
        stack.listeners.append(self._line)

    def _line(self, line: str) -> None:
        # Threads of the stack print at once, and print() writes the newline separately: a log record can end up
        # inside another line, so it is found by pattern, not parsed as the whole line.
        found = INGESTED.findall(line)
        if not found:
            return
        with self.changed:
            for key, outcome in found:
                self.seen.setdefault(key, time.time())
                self.outcomes[outcome] += 1
            self.changed.notify_all()

    def wait_for(self, keys: set[str], stall: float) -> bool:
        """Waits until every key was seen; gives up only after `stall` seconds without any progress."""
        with self.changed:
            progress, since = len(self.seen), time.monotonic()
            while not keys <= self.seen.keys():
                if len(self.seen) != progress:
                    progress, since = len(self.seen), time.monotonic()
                if time.monotonic() - since > stall:
                    return False
                self.changed.wait(5.0)
        return True


def send(port: int, mail: BenchMail, smtp: smtplib.SMTP | None = None) -> tuple[str, float]:
    """Sends one mail; returns the raw-mail key the server queued it as and when it said so."""
    own = smtp is None
    smtp = smtp or smtplib.SMTP("127.0.0.1", port, timeout=120)
    smtp.ehlo_or_helo_if_needed()
    smtp.mail(mail.sender)
    smtp.rcpt(SUPPORT)
    code, answer = smtp.data(mail.render())
    accepted = time.time()
    if own:
        smtp.quit()
    assert code == 250, answer
    return answer.decode().rsplit(" ", 1)[-1], accepted


def send_all(port: int, mails: list[BenchMail], threads: int) -> dict[str, tuple[BenchMail, float]]:
    """Sends from `threads` connections at once, as fast as the server accepts; key -> (mail, accepted at)."""
    accepted: dict[str, tuple[BenchMail, float]] = {}
    lock = threading.Lock()

    def sender(share: list[BenchMail]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=120) as smtp:
            for mail in share:
                key, at = send(port, mail, smtp)
                with lock:
                    accepted[key] = (mail, at)

    workers = [threading.Thread(target=sender, args=(mails[i::threads],)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return accepted


def queue_depth(stack: LocalProcess, suffix: str = "helpdesk-ingest-local") -> int:
    sqs = stack.client("sqs")
    url = next(u for u in sqs.list_queues()["QueueUrls"] if u.endswith(suffix))
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])


def wait_until_ingested(stack: LocalProcess, observer: Observer, keys: set[str], stall: float = 600) -> None:
    """Until every key was seen, or the ingest queue is empty (the census then tells what became of each mail).
    Fails when neither happens and nothing moves for `stall` seconds."""
    seen, quiet_since = len(observer.seen), time.monotonic()
    while not observer.wait_for(keys, stall=30):
        depth = queue_depth(stack)
        if depth == 0:
            return
        if (
            len(observer.seen) != seen
        ):  # wait_for gives up after 30 quiet seconds, so progress is counted here
            seen, quiet_since = len(observer.seen), time.monotonic()
        missing = len(keys - observer.seen.keys())
        assert time.monotonic() - quiet_since < stall, (
            f"ingest stalled: {missing} not seen, {depth} in the queue"
        )


def census(stack: LocalProcess) -> Counter[str]:
    """How many message items each Message-ID has in the table, read through the emulator."""
    dynamodb = stack.client("dynamodb")
    table = next(
        t for t in dynamodb.list_tables()["TableNames"] if t.startswith("helpdesk-") and "idem" not in t
    )
    counts: Counter[str] = Counter()
    pages = dynamodb.get_paginator("scan").paginate(
        TableName=table,
        FilterExpression="entity = :m",
        ExpressionAttributeValues={":m": {"S": "message"}},
        ProjectionExpression="#d",
        ExpressionAttributeNames={"#d": "data"},
    )
    for page in pages:
        for item in page["Items"]:
            counts[str(json.loads(item["data"]["S"]).get("message_id"))] += 1
    return counts


def dead_letters(stack: LocalProcess) -> dict[str, int]:
    sqs = stack.client("sqs")
    urls = [u for u in sqs.list_queues().get("QueueUrls", []) if "-dlq-" in u]
    depth: dict[str, int] = {}
    for url in urls:
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        depth[url.rsplit("/", 1)[-1]] = int(attrs["ApproximateNumberOfMessages"]) + int(
            attrs["ApproximateNumberOfMessagesNotVisible"]
        )
    return depth


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return {"p50": cuts[49], "p99": cuts[98], "max": max(values)}


def machine_load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} cores"
