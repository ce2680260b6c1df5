"""Nothing lost, nothing doubled on the ingest queue: 200 mails through S3 notifications, SQS redelivery
and the sqs_worker handler, with faults at every named checkpoint, duplicate notifications and concurrent
pollers.

HELPDESK_FAULT_SEEDS=50 runs more seeds (the default run keeps to a few)."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass

import pytest
from helpdesk.mail.model import MailKind
from helpdesk.tickets.services.ingest import Checkpoint, MailSource

from tests.support.faults import check_exactly_once, generate
from tests.support.ingest_queue import IngestRig, ingest_rig, render, template_max_receives
from tests.support.queue_worker import WorkerDied
from tests.support.tickets import MailSpec

pytestmark = pytest.mark.integration
SEEDS = range(int(os.environ.get("HELPDESK_FAULT_SEEDS", "2")))


class TransientFailure(Exception):
    """A dependency failed for this record only; the batch goes on."""


@dataclass
class QueueChaos:
    """At each checkpoint, with `probability`, the record fails (half the time) or the whole worker dies.

    Never on a batch whose messages reach the receive before the DLQ: injected faults stand for
    transient trouble, and poison (what the DLQ is for) is tested on its own.
    """

    rig: IngestRig
    rng: random.Random
    probability: float
    last_safe_receive: int
    deaths: int = 0
    failures: int = 0
    where: set[str] | None = None

    def __call__(self, checkpoint: Checkpoint, source: MailSource) -> None:
        if self.rig.batch_receives >= self.last_safe_receive or self.rng.random() >= self.probability:
            return
        (self.where if self.where is not None else set()).add(checkpoint.value)
        if self.rng.random() < 0.3:
            self.deaths += 1
            raise WorkerDied(checkpoint.value)
        self.failures += 1
        raise TransientFailure(checkpoint.value)


def store_all(rig: IngestRig, specs: list[MailSpec], offset: int, copies: bool) -> None:
    for n, spec in enumerate(specs, start=offset):
        raw = render(spec, n)
        key = f"inbound/{n}"
        rig.store(raw, key)
        if (
            copies and n % 5 == 0
        ):  # the same mail stored again as another object (sent to two of our addresses)
            rig.store(raw, f"inbound/{n}.copy")
        if copies and n % 4 == 1:
            rig.notify_again(key, raw)


def check_converged(rig: IngestRig, originals: list[MailSpec], replies: list[tuple[MailSpec, int]]) -> None:
    assert rig.remaining() == 0 and rig.dead_letters() == 0
    check_exactly_once(rig.stores, originals, replies)
    acks = rig.acks()
    assert max(acks.values()) == 1
    assert set(acks) == {s.message_id for s in originals if s.kind is MailKind.HUMAN}


@pytest.mark.parametrize("seed", SEEDS)
def test_random_faults_at_every_checkpoint_converge_on_real_redelivery(seed: int) -> None:
    rng = random.Random(seed)
    originals, replies = generate(200, rng)
    with ingest_rig() as rig:
        chaos = QueueChaos(
            rig, rng, probability=0.012, last_safe_receive=template_max_receives() - 1, where=set()
        )
        rig.fault[0] = chaos
        store_all(rig, originals, 0, copies=True)
        rig.drain()
        store_all(rig, [r for r, _ in replies], len(originals), copies=True)
        rig.drain()
        check_converged(rig, originals, replies)
    assert chaos.deaths >= 2 and chaos.failures >= 5, "the run was not disturbed enough to prove anything"
    assert len(chaos.where or ()) >= 4


@pytest.mark.parametrize(
    ("seed", "stores", "mails"), [(0, "memory", 80), (1, "memory", 80), (2, "dynamodb", 20)]
)
def test_each_mail_notified_one_to_five_times_to_concurrent_pollers(
    seed: int, stores: str, mails: int
) -> None:
    rng = random.Random(100 + seed)
    originals, replies = generate(mails, rng)
    with ingest_rig(dynamo=stores == "dynamodb") as rig:
        for specs, offset in ((originals, 0), ([r for r, _ in replies], len(originals))):
            for n, spec in enumerate(specs, start=offset):
                raw = render(spec, n)
                rig.store(raw, f"inbound/{n}")
                for _ in range(rng.randrange(5)):
                    rig.notify_again(f"inbound/{n}", raw)
            rig.drain(pollers=4)
        check_converged(rig, originals, replies)


def test_poison_records_alone_are_reported_and_reach_the_dlq_after_max_receives() -> None:
    max_receives = template_max_receives()
    with ingest_rig() as rig:
        good = [
            MailSpec(sender=f"p{n}@acme.test", message_id=f"good{n}@acme.test", subject=f"Good {n}")
            for n in range(7)
        ]
        for n, spec in enumerate(good):
            rig.store(render(spec, n), f"inbound/{n}")
        poison = {
            rig.sqs.send_message(QueueUrl=rig.url, MessageBody=body)["MessageId"]
            for body in ("not json", '{"Records": [{"s3": {"bucket": {}}}]}', '{"Records": 3}')
        }
        rig.drain()
        reported = [f["itemIdentifier"] for r in rig.responses for f in r["batchItemFailures"]]
        assert set(reported) == poison
        assert all(reported.count(p) == max_receives for p in poison)
        moved = rig.sqs.receive_message(QueueUrl=rig.dlq, MaxNumberOfMessages=10)["Messages"]
        assert {m["MessageId"] for m in moved} == poison
        assert rig.remaining() == 0
        check_exactly_once(rig.stores, good, [])
        assert sorted(rig.acks()) == sorted(s.message_id for s in good)
