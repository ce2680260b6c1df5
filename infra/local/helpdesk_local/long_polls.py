"""SQS long polls that a stopping stack ends at once.

The stack's queue pollers long-poll for 20 s, as Lambda's pollers do: an idle poller then asks once per 20 s
instead of once per second, which was most of an idle stack's CPU (docs/performance.md). moto's receive waits
on the queue's condition and wakes when a message arrives, so a long poll costs no latency. A stop must not
wait for twenty seconds of polls, though: `end_long_polls` wakes every waiting receive, which then answers
with an error botocore does not retry, and the poller, seeing the stack's stop, ends quietly.
"""

from __future__ import annotations

import threading
import warnings
from typing import Any

from moto.sqs.exceptions import SQSException

STOPPING = threading.Event()


class StackStopping(SQSException):
    code = "StackStopping"  # not an AWS code, so botocore does not retry it
    message = "the local stack is stopping"


def end_long_polls_on_stop() -> None:
    """Installed once per process, before the emulator serves (durability wraps what is installed here)."""
    from moto.sqs.models import Queue

    STOPPING.clear()
    warnings.filterwarnings("ignore", message=r"Exception\(StackStopping\)")  # moto: not in SQS's model
    if getattr(Queue.wait_for_messages, "ends_on_stop", False):
        return

    def wait_for_messages(self: Any, timeout: int) -> None:
        with self._messages_lock:
            self._messages_lock.wait_for(lambda: self.messages or STOPPING.is_set(), timeout=timeout)
        if STOPPING.is_set():
            raise StackStopping()

    wait_for_messages.ends_on_stop = True  # type: ignore[attr-defined]
    Queue.wait_for_messages = wait_for_messages  # type: ignore[method-assign]


def end_long_polls() -> None:
    """Every receive waiting in this process answers StackStopping now."""
    from moto.sqs.models import sqs_backends

    STOPPING.set()
    for account in list(sqs_backends.values()):
        for backend in list(account.values()):
            for queue in list(backend.queues.values()):
                with queue._messages_lock:
                    queue._messages_lock.notify_all()
