"""Omnidesk through the real handlers under moto, against the stand-in on loopback: the public webhook route
refuses a wrong secret and queues the case; the integrations worker writes the case's message into the mail
ingest's bucket once; the scheduled pull keeps its cursor in DynamoDB across a restart."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from helpdesk_local.omnidesk_standin import OmnideskStandin
from moto import mock_aws
from werkzeug.serving import make_server

from tests.support.api_events import rest_event
from tests.support.lambdas import invoke, sample_event
from tests.support.template_stack import REGION, TemplateStack, provision

pytestmark = pytest.mark.integration
CREDENTIALS = {"email": "agent@agency.example", "api_key": "k-1", "webhook_user": "hook",
               "webhook_password": "hook-password"}  # fmt: skip


@pytest.fixture
def standin() -> Iterator[OmnideskStandin]:
    served = OmnideskStandin(CREDENTIALS["email"], CREDENTIALS["api_key"])
    server = make_server("127.0.0.1", 0, served, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served.base_url = f"http://127.0.0.1:{server.server_port}"
    yield served
    server.shutdown()


@pytest.fixture
def stack(standin: OmnideskStandin) -> Iterator[TemplateStack]:
    with mock_aws():
        stack = provision({"Stage": "local"})
        from helpdesk.bootstrap import container
        from helpdesk.integrations.views.api import ConfigureConnectorRequest

        request = {"enabled": True, "base_url": standin.base_url, "options": {"staff_id": "41"},
                   "credentials": CREDENTIALS}  # fmt: skip
        container().connector_admin.configure("omnidesk", ConfigureConnectorRequest(**request), "test")
        yield stack


def webhook(body: Any, user: str, password: str) -> int:
    auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    event = rest_event("POST", "/webhooks/omnidesk", body, headers={"Authorization": auth})
    return int(invoke("PublicApiFunction", event)["statusCode"])


def drain_requests(stack: TemplateStack) -> list[dict[str, Any]]:
    """What SQS hands the integrations worker: each waiting request, once."""
    sqs = boto3.client("sqs", region_name=REGION)
    got = sqs.receive_message(QueueUrl=stack.env["INTEGRATIONS_QUEUE_URL"], MaxNumberOfMessages=10)
    messages = got.get("Messages", [])
    for m in messages:
        sqs.delete_message(QueueUrl=stack.env["INTEGRATIONS_QUEUE_URL"], ReceiptHandle=m["ReceiptHandle"])
    return messages


def run_worker(messages: list[dict[str, Any]]) -> Any:
    records = [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1", "SenderId": "x",
                               "ApproximateFirstReceiveTimestamp": "1"},
                "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:q", "awsRegion": REGION}
               for m in messages]  # fmt: skip
    return invoke("IntegrationsFunction", {"Records": records})


def ingest_objects(stack: TemplateStack) -> list[str]:
    listed = boto3.client("s3", region_name=REGION).list_objects_v2(
        Bucket=stack.env["RAW_MAIL_BUCKET"], Prefix="inbound/channels/omnidesk/"
    )
    return [o["Key"] for o in listed.get("Contents", [])]


def test_the_webhook_queues_the_case_and_the_worker_writes_each_message_once(stack, standin) -> None:
    case = standin.open_case("olga@client.example", "Olga", "Invoice", "Where is my invoice?", [])
    body = {"type": "message_new", "object": {"case_id": case["case_id"]}}
    assert webhook(body, "hook", "guess") == 401 and webhook(body, "other", "hook-password") == 401
    assert drain_requests(stack) == []
    assert webhook(body, "hook", "hook-password") == 200
    assert webhook(body, "hook", "hook-password") == 200  # Omnidesk's retry, or a rule firing twice
    requests = drain_requests(stack)
    assert [json.loads(m["Body"])["kind"] for m in requests] == ["omnidesk_case", "omnidesk_case"]
    assert run_worker(requests) == {"batchItemFailures": []}
    [key] = ingest_objects(stack)
    assert key.endswith(f"/{case['case_id']}-{case['message_id']}@omnidesk.{stack.env['SUPPORT_DOMAIN']}")
    assert standin.refused == []


def test_the_pull_queues_changed_cases_and_a_restart_goes_on_from_the_stored_cursor(stack, standin) -> None:
    from helpdesk import bootstrap

    standin.open_case("ivan@client.example", "Ivan", "Hello", "Hi there", [])
    assert invoke("OmnideskPullFunction", sample_event("housekeeping/schedule.json")) == {"queued": 1}
    assert [json.loads(m["Body"])["ref"] for m in drain_requests(stack)] == [str(next(iter(standin.cases)))]
    assert "from_updated_time" not in standin.case_queries[0]  # the first pull starts at the beginning
    bootstrap.container.cache_clear()  # a cold start: nothing but the table remembers
    invoke("OmnideskPullFunction", sample_event("housekeeping/schedule.json"))
    [since] = {q.get("from_updated_time") for q in standin.case_queries[1:]}
    assert since is not None and since.isdigit()
