"""Redrive: dead letters go back to the queue whose redrive policy points at them, none lost."""

from __future__ import annotations

import boto3
import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.operations.adapters.sqs_monitor import SqsQueueAdmin
from helpdesk.operations.services.queues import overview, redrive
from moto import mock_aws

from tests.support.template_stack import provision

pytestmark = pytest.mark.contract


def test_redrive_moves_every_dead_letter_back_to_its_source() -> None:
    with mock_aws():
        stack = provision(apply_env=False)
        sqs = boto3.client("sqs", region_name="eu-central-1")
        admin = SqsQueueAdmin(sqs, boto3.client("cloudwatch", region_name="eu-central-1"))
        for i in range(13):
            sqs.send_message(QueueUrl=stack.ref("IngestDLQ"), MessageBody=f"mail {i}")
        assert admin.source_of("helpdesk-ingest-dlq-test") == "helpdesk-ingest-test"
        result = redrive(admin, "helpdesk-ingest-dlq-test")
        assert (result.moved, result.remaining) == (13, 0)
        bodies = set()
        while got := sqs.receive_message(QueueUrl=stack.ref("IngestQueue"), MaxNumberOfMessages=10).get(
            "Messages"
        ):
            bodies |= {m["Body"] for m in got}
        assert {b for b in bodies if "s3:TestEvent" not in b} == {f"mail {i}" for i in range(13)}
        names = [q.name for q in overview(admin, "helpdesk-")]
        assert names.index("helpdesk-ingest-test") < names.index("helpdesk-ingest-dlq-test")
        with pytest.raises(Invalid):
            admin.source_of("helpdesk-ingest-test")
