"""What the local stack acknowledged survives `kill -9`: every mail that got a 250 becomes a ticket, once."""

from __future__ import annotations

import smtplib
import threading
from collections import Counter
from pathlib import Path

import pytest

from tests.bench.local_mail import SUPPORT, bench_mails, census, queue_depth
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e
MAILS, KILL_AFTER = 30, 12


def _send_until_refused(stack: LocalProcess, accepted: list[str], progress: threading.Event) -> None:
    try:
        with smtplib.SMTP("127.0.0.1", stack.smtp_port, timeout=30) as smtp:
            for mail in bench_mails(MAILS, "killed"):
                code, _ = smtp.data(mail.render()) if _envelope(smtp, mail.sender) else (0, b"")
                if code == 250:
                    accepted.append(mail.message_id)
                    progress.set()
    except (OSError, smtplib.SMTPException):
        pass  # the stack was killed: the mail in flight was not acknowledged


def _envelope(smtp: smtplib.SMTP, sender: str) -> bool:
    smtp.ehlo_or_helo_if_needed()
    return smtp.mail(sender)[0] == 250 and smtp.rcpt(SUPPORT)[0] == 250


def _dead_letter_queue(stack: LocalProcess) -> str:
    sqs = stack.client("sqs")
    return next(u for u in sqs.list_queues()["QueueUrls"] if u.endswith("helpdesk-ingest-dlq-local"))


def test_mail_and_queued_messages_acknowledged_before_a_kill_survive_it(tmp_path: Path) -> None:
    first = LocalProcess(tmp_path, fresh=True, demo=False).start()
    first.client("sqs").send_message(QueueUrl=_dead_letter_queue(first), MessageBody="queued before the kill")
    accepted: list[str] = []
    progress = threading.Event()
    sender = threading.Thread(target=_send_until_refused, args=(first, accepted, progress), daemon=True)
    sender.start()
    first.wait_for(lambda: len(accepted) >= KILL_AFTER, timeout=120, every=0.05)
    first.kill()  # mid-burst: mails after these are still being sent
    sender.join(timeout=30)
    assert KILL_AFTER <= len(accepted) < MAILS

    second = LocalProcess(tmp_path, fresh=False, demo=False).start()
    try:

        def ingested() -> Counter[str] | None:
            counts = census(second)
            return counts if set(accepted) <= counts.keys() and queue_depth(second) == 0 else None

        try:
            counts = second.wait_for(ingested, timeout=180, every=1)
        except TimeoutError:
            counts = census(second)
            missing = set(accepted) - counts.keys()
            raise AssertionError(f"missing {sorted(missing)}; queue depth {queue_depth(second)}") from None
        assert all(counts[message_id] == 1 for message_id in accepted), counts
        assert all(count == 1 for count in counts.values())  # an unacknowledged mail: at most once too
        sqs = second.client("sqs")
        kept = sqs.receive_message(QueueUrl=_dead_letter_queue(second), WaitTimeSeconds=1)["Messages"]
        assert [m["Body"] for m in kept] == ["queued before the kill"]
    finally:
        second.stop()
