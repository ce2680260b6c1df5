"""The HTTP front answers a write only after the snapshot that holds it; reads and failures do not wait."""

from __future__ import annotations

from typing import Any

from helpdesk_local.durability import CommitAfterWrites, classify


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []

    def is_alive(self) -> bool:
        return True

    def commit(self) -> None:
        self.events.append("committed")


def _app(status: str, events: list[str]) -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        events.append("handled")
        start_response(status, [])
        return [b"ok"]

    return app


def _call(method: str, status: str) -> list[str]:
    committer = Recorder()
    front = CommitAfterWrites(_app(status, committer.events), committer)
    body = front({"REQUEST_METHOD": method}, lambda *_: committer.events.append("answered"))
    assert b"".join(body) == b"ok"
    return committer.events


def test_a_write_is_answered_after_its_commit() -> None:
    assert _call("POST", "201 Created") == ["handled", "committed", "answered"]


def test_reads_and_failed_writes_do_not_wait() -> None:
    assert _call("GET", "200 OK") == ["handled", "answered"]
    assert _call("POST", "400 Bad Request") == ["handled", "answered"]


def test_emulator_requests_are_told_apart() -> None:
    def environ(method: str, target: str = "", query: str = "") -> dict[str, Any]:
        return {"REQUEST_METHOD": method, "HTTP_X_AMZ_TARGET": target, "QUERY_STRING": query}

    assert classify(environ("POST", "AmazonSQS.SendMessage")) == "write"
    assert classify(environ("POST", "AmazonSQS.ReceiveMessage")) == "read"
    assert classify(environ("POST", "AmazonSQS.DeleteMessageBatch")) == "consumer"
    assert classify(environ("POST", "DynamoDB_20120810.Query")) == "read"
    assert classify(environ("PUT")) == "write"  # an S3 put
    assert classify(environ("GET", query="Action=PutItem")) == "read"
