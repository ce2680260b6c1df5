"""The emulator's connections: kept alive between requests (and ended with the server), and SQS long polls
that wake for a message at once and end at once when the stack stops."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from helpdesk_local import long_polls
from helpdesk_local.emulator import _server, free_port
from helpdesk_local.keep_alive import OpenConnections, keep_alive_handler
from moto import mock_aws
from werkzeug.serving import WSGIRequestHandler, make_server

pytestmark = pytest.mark.unit
REGION = "eu-central-1"


def answers_without_reading_the_body(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


@pytest.fixture
def server() -> Iterator[tuple[Any, OpenConnections]]:
    connections = OpenConnections()
    handler = keep_alive_handler(WSGIRequestHandler, connections)
    served = make_server("127.0.0.1", 0, answers_without_reading_the_body, True, request_handler=handler)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served, connections
    served.shutdown()
    connections.close_all()


def test_one_connection_carries_many_requests_even_when_the_app_leaves_a_body_unread(server) -> None:  # type: ignore[no-untyped-def]
    served, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", served.server_port, timeout=10)
    sockets = set()
    for body in (b"x" * 70_000, b"", b"y" * 10):
        connection.request("POST", "/", body=body)
        answer = connection.getresponse()
        assert (answer.status, answer.read(), answer.getheader("Connection")) == (200, b"ok", None)
        sockets.add(id(connection.sock))
    assert len(sockets) == 1  # the unread bodies were drained, not taken for the next request line


def test_a_client_that_asks_to_close_is_closed(server) -> None:  # type: ignore[no-untyped-def]
    served, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", served.server_port, timeout=10)
    connection.request("GET", "/", headers={"Connection": "close"})
    answer = connection.getresponse()
    assert answer.getheader("Connection") == "close" and answer.read() == b"ok"


def test_a_stopped_emulator_server_ends_its_kept_connections() -> None:
    port = free_port()
    server = _server(port, lambda app, external: app, True)  # the server alone: Emulator.start patches moto
    server.start()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/moto-api/data.json")
    assert connection.getresponse().read()
    server.stop()
    with pytest.raises((ConnectionError, http.client.HTTPException)):
        connection.request("GET", "/moto-api/data.json")  # a zombie handler thread would still answer
        connection.getresponse()


@pytest.fixture
def sqs() -> Iterator[tuple[Any, str]]:
    from moto.sqs.models import Queue

    original = Queue.wait_for_messages
    with mock_aws():
        long_polls.end_long_polls_on_stop()
        client = boto3.client("sqs", region_name=REGION)
        yield client, client.create_queue(QueueName="polled")["QueueUrl"]
    Queue.wait_for_messages = original  # type: ignore[method-assign]
    long_polls.STOPPING.clear()


def a_long_poll(client: Any, url: str) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def poll() -> None:
        try:
            outcome["messages"] = client.receive_message(QueueUrl=url, WaitTimeSeconds=20).get("Messages", [])
        except ClientError as error:
            outcome["error"] = error.response["Error"]["Code"]

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    return thread, outcome


def waiting_in_the_queue() -> None:
    from moto.sqs.models import sqs_backends

    [queue] = sqs_backends["123456789012"][REGION].queues.values()
    for _ in range(500):
        if queue._messages_lock._waiters:  # type: ignore[attr-defined]
            return
        time.sleep(0.01)
    raise AssertionError("the receive never waited")


def test_a_long_poll_takes_a_message_as_it_arrives(sqs) -> None:  # type: ignore[no-untyped-def]
    client, url = sqs
    thread, outcome = a_long_poll(client, url)
    waiting_in_the_queue()
    client.send_message(QueueUrl=url, MessageBody="hello")
    thread.join(timeout=5)  # a bound only: well inside the 20 s poll
    assert [m["Body"] for m in outcome["messages"]] == ["hello"]


def test_a_stopping_stack_ends_a_waiting_long_poll(sqs) -> None:  # type: ignore[no-untyped-def]
    client, url = sqs
    thread, outcome = a_long_poll(client, url)
    waiting_in_the_queue()
    long_polls.end_long_polls()
    thread.join(timeout=5)
    assert outcome == {"error": "StackStopping"}
