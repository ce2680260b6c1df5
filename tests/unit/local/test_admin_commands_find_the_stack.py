"""The admin commands find the local stack by its state folder, whatever its ports; when no stack answers they
say in one line what to do and exit non-zero, never with a traceback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from helpdesk_local.cli import main
from helpdesk_local.emulator import free_port
from helpdesk_local.running import RunningStack, record_stack

pytestmark = pytest.mark.unit

NEEDS_THE_STACK = [
    ["queues"],
    ["queues", "--show", "helpdesk-ingest-dlq-local"],
    ["queues", "--redrive", "helpdesk-ingest-dlq-local"],
    ["search", "reindex"],
    ["tickets", "backfill-organisations"],
]


@pytest.fixture(autouse=True)
def own_environment() -> Iterator[None]:
    """A command adopts the stack's settings into os.environ; the next test must not see them."""
    from helpdesk import bootstrap, settings

    saved = dict(os.environ)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    yield
    os.environ.clear()
    os.environ.update(saved)
    settings.get_settings.cache_clear()
    bootstrap.container.cache_clear()


def stale_record(state_dir: Path) -> Path:
    """What a stack stopped by kill -9 leaves: a record naming a port nothing listens on any more."""
    endpoint = f"http://127.0.0.1:{free_port()}"
    record_stack(state_dir, RunningStack(123, free_port(), free_port(), endpoint, {"TABLE_NAME": "t"}))
    return state_dir


def assert_one_line_hint(capsys: pytest.CaptureFixture[str], code: int, command: list[str]) -> str:
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"helpdesk {' '.join(command[:2]) if command[0] != 'queues' else 'queues'}: ")
    assert "make run" in err
    return err


@pytest.mark.parametrize("command", NEEDS_THE_STACK, ids=" ".join)
def test_no_stack_ever_run_from_the_folder(command: list[str], tmp_path: Path, capsys) -> None:
    code = main([*command, "--state-dir", str(tmp_path)])
    assert "--state-dir" in assert_one_line_hint(capsys, code, command)


@pytest.mark.parametrize("command", NEEDS_THE_STACK, ids=" ".join)
def test_a_stack_that_was_killed(command: list[str], tmp_path: Path, capsys) -> None:
    code = main([*command, "--state-dir", str(stale_record(tmp_path))])
    assert "is not running" in assert_one_line_hint(capsys, code, command)


@pytest.mark.parametrize("command", NEEDS_THE_STACK, ids=" ".join)
def test_an_endpoint_nothing_answers_at(command: list[str], capsys) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"
    code = main([*command, "--endpoint", endpoint])
    assert endpoint in assert_one_line_hint(capsys, code, command)


def test_an_endpoint_that_stops_answering_midway(monkeypatch, capsys) -> None:
    """botocore's connection errors, however deep in the chain, end as one line too."""
    from botocore.exceptions import EndpointConnectionError
    from helpdesk.operations.services import queues

    def refused(*_: object, **__: object) -> None:
        try:
            raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9")
        except EndpointConnectionError as error:
            raise RuntimeError("listing failed") from error

    monkeypatch.setattr(queues, "overview", refused)
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        code = main(["queues", "--endpoint", f"http://127.0.0.1:{port}"])
    finally:
        server.stop()
    assert "http://127.0.0.1:9" in assert_one_line_hint(capsys, code, ["queues"])


def test_the_queues_of_a_stack_on_other_ports_are_listed(tmp_path: Path, capsys) -> None:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="eu-central-1")
        sqs.create_queue(QueueName="helpdesk-ingest-local")
        record_stack(tmp_path, RunningStack(os.getpid(), free_port(), free_port(), endpoint, {}))
        code = main(["queues", "--state-dir", str(tmp_path)])
    finally:
        server.stop()
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "helpdesk-ingest-local" in out
