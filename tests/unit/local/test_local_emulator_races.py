"""The emulator's concurrency fixes, pinned with forced interleavings instead of timing luck.

Each race is injected at the exact step where moto's own code is exposed: one test shows moto's own code
losing under that interleaving (so the injection reaches the race window), the other that the fixes do not.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from helpdesk_local.emulator_speedups import restore_emulator, speed_up_emulator
from moto import mock_aws

pytestmark = pytest.mark.unit
REGION = "eu-central-1"


@pytest.fixture(autouse=True)
def moto_own_code_afterwards() -> Iterator[None]:
    restore_emulator()
    yield
    restore_emulator()


class MeetingPoint:
    """Holds each arriving thread until both are there, forcing them through the same step together; if the
    code under test lets only one in at a time, the first one's patience runs out and it goes on alone."""

    def __init__(self, patience: float = 1.0) -> None:
        self._barrier = threading.Barrier(2, timeout=patience)

    def wait(self) -> None:
        try:
            self._barrier.wait()
        except threading.BrokenBarrierError:
            pass


def in_two_threads(work: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)


# -------------------------------------------------------- SQS: a send between a delete's scan and its write


class SendAfterScan(list):  # type: ignore[type-arg]
    """The queue's message list: when armed, the first scan that reads it to the end is followed by a
    SendMessage, as another request thread would do at that moment."""

    def __init__(self, messages: list[Any], send: Callable[[], None]) -> None:
        super().__init__(messages)
        self.armed = False
        self._send = send

    def __iter__(self) -> Iterator[Any]:
        yield from list.__iter__(self)
        if self.armed:
            self.armed = False
            self._send()


def bodies_left_after_delete_with_a_send_in_between() -> list[str]:
    with mock_aws():
        sqs = boto3.client("sqs", region_name=REGION)
        url = sqs.create_queue(QueueName="work")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="first")
        [received] = sqs.receive_message(QueueUrl=url, VisibilityTimeout=600)["Messages"]
        from moto.sqs.models import sqs_backends

        queue = sqs_backends["123456789012"][REGION].queues["work"]
        messages = SendAfterScan(
            queue._messages, lambda: sqs.send_message(QueueUrl=url, MessageBody="meanwhile")
        )
        queue._messages = messages
        messages.armed = True
        sqs.delete_message(QueueUrl=url, ReceiptHandle=received["ReceiptHandle"])
        assert not messages.armed, "the injected send never ran"
        queue._messages = list(queue._messages)
        answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        return [m["Body"] for m in answer.get("Messages", [])]


def test_moto_own_delete_loses_a_message_sent_during_it() -> None:
    assert bodies_left_after_delete_with_a_send_in_between() == []


def test_a_message_sent_while_another_is_deleted_is_kept() -> None:
    speed_up_emulator()
    assert bodies_left_after_delete_with_a_send_in_between() == ["meanwhile"]


# -------------------------------------------------------- DynamoDB: two writes between read and write


def table(ddb: Any) -> None:
    ddb.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def tally_after_two_adds_meeting_between_read_and_write(monkeypatch: pytest.MonkeyPatch) -> int:
    from moto.dynamodb.parsing.executors import AddExecutor

    meeting, read = MeetingPoint(), AddExecutor.get_item_at_end_of_path

    def read_then_meet(self: Any, *args: Any, **kwargs: Any) -> Any:
        current = read(self, *args, **kwargs)
        meeting.wait()  # both have read the same tally; each now writes it plus one
        return current

    monkeypatch.setattr(AddExecutor, "get_item_at_end_of_path", read_then_meet)
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name=REGION)
        table(ddb)
        ddb.put_item(TableName="t", Item={"pk": {"S": "c"}, "tally": {"N": "0"}})
        add = {"UpdateExpression": "ADD tally :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}
        in_two_threads(lambda _: ddb.update_item(TableName="t", Key={"pk": {"S": "c"}}, **add))
        return int(ddb.get_item(TableName="t", Key={"pk": {"S": "c"}})["Item"]["tally"]["N"])


def claims_after_two_conditional_puts_meeting_after_the_check(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from moto.dynamodb.models import table as tables

    meeting, parse = MeetingPoint(), tables.get_filter_expression

    def checked_then_meeting(*args: Any, **kwargs: Any) -> Any:
        condition = parse(*args, **kwargs)
        check = condition.expr

        def expr(item: Any) -> Any:
            passed = check(item)
            meeting.wait()  # both have seen "no item yet"; now both write
            return passed

        condition.expr = expr
        return condition

    monkeypatch.setattr(tables, "get_filter_expression", checked_then_meeting)
    claimed: list[int] = []
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name=REGION)
        table(ddb)

        def claim(n: int) -> None:
            try:
                item = {"pk": {"S": "claim"}, "by": {"N": str(n)}}
                ddb.put_item(TableName="t", Item=item, ConditionExpression="attribute_not_exists(pk)")
                claimed.append(n)
            except ddb.exceptions.ConditionalCheckFailedException:
                pass

        in_two_threads(claim)
    return claimed


def test_moto_own_writes_interleave_and_lose_an_increment_and_admit_two_claims(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert tally_after_two_adds_meeting_between_read_and_write(monkeypatch) == 1
    assert len(claims_after_two_conditional_puts_meeting_after_the_check(monkeypatch)) == 2


def test_writes_to_one_item_take_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    speed_up_emulator()
    assert tally_after_two_adds_meeting_between_read_and_write(monkeypatch) == 2
    assert len(claims_after_two_conditional_puts_meeting_after_the_check(monkeypatch)) == 1


def test_an_add_answers_the_value_it_wrote_even_after_a_later_add() -> None:
    """moto's response reads the item after the write returns; a concurrent ADD meanwhile made two task
    counters answer the same number (seen in tests/contract/tasks, 1 run in 15)."""
    speed_up_emulator()
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    with mock_aws():
        table(boto3.client("dynamodb", region_name=REGION))
        backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION]
        add = {"update_expression": "ADD tally :one", "expression_attribute_values": {":one": {"N": "1"}}}
        first = backend.update_item("t", {"pk": {"S": "c"}}, expression_attribute_names={}, **add)
        backend.update_item("t", {"pk": {"S": "c"}}, expression_attribute_names={}, **add)
        assert first.to_json()["Attributes"]["tally"] == {"N": "1"}
