"""The emulator's speed-ups are installed whole or not at all, each is in place and on moto's path, and the
moto they are written for is the one pyproject.toml and the lock allow."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

import boto3
import pytest
from helpdesk_local import emulator_speedups
from helpdesk_local.emulator import free_port
from helpdesk_local.emulator_speedups import moto_range, restore_emulator, speed_up_emulator

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[3]
PATCHED = {
    ("DomainDispatcherApplication", "get_backend_for_host"),
    ("moto.core.responses", "method_names_from_class"),
    ("Message", "visible"),
    ("Message", "delayed"),
    ("Queue", "messages"),
    ("Queue", "approximate_number_of_messages_not_visible"),
    ("Queue", "approximate_number_of_messages_delayed"),
    ("moto.sqs.models", "unix_time"),
    ("moto.sqs.models", "unix_time_millis"),
    ("Queue", "delete_message"),
    ("SQSBackend", "is_message_valid_based_on_retention_period"),
    ("moto.sqs.models", "camelcase_to_underscores"),
    ("Table", "query"),
    ("Table", "all_items"),
    ("BaseJSONSerializer", "_serialize"),
    ("DynamoDBBackend", "put_item"),
    ("DynamoDBBackend", "update_item"),
    ("DynamoDBBackend", "delete_item"),
    ("DynamoDBBackend", "transact_write_items"),
}


@pytest.fixture(autouse=True)
def moto_own_code_afterwards() -> Iterator[None]:
    restore_emulator()
    yield
    restore_emulator()


def owner_name(owner: Any) -> str:
    return owner.__name__ if isinstance(owner, type) or not hasattr(owner, "__file__") else owner.__name__


def test_every_patch_is_in_place() -> None:
    assert speed_up_emulator() is True
    placed = {
        (owner_name(owner), name): (owner, original) for owner, name, original in emulator_speedups._replaced
    }
    assert set(placed) == PATCHED
    for (_, name), (owner, original) in placed.items():
        assert vars(owner)[name] is not original


def code_of(value: Any) -> CodeType | None:
    function = value.fget if isinstance(value, property) else value
    return getattr(getattr(function, "__wrapped__", function), "__code__", None)


def server_traffic(endpoint: str) -> None:
    """SQS and DynamoDB calls through moto's server, as the local stack's functions make them."""
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="eu-central-1")
    url = sqs.create_queue(QueueName="work")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="m", DelaySeconds=0)
    [message] = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="eu-central-1")
    ddb.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.put_item(TableName="t", Item={"pk": {"S": "p"}, "sk": {"S": "s"}, "n": {"N": "1"}})
    ddb.update_item(
        TableName="t",
        Key={"pk": {"S": "p"}, "sk": {"S": "s"}},
        UpdateExpression="SET m = :m",
        ExpressionAttributeValues={":m": {"S": "x"}},
    )
    ddb.query(TableName="t", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    ddb.get_item(TableName="t", Key={"pk": {"S": "p"}, "sk": {"S": "s"}})
    ddb.transact_write_items(
        TransactItems=[{"Delete": {"TableName": "t", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}}}}]
    )
    ddb.delete_item(TableName="t", Key={"pk": {"S": "p"}, "sk": {"S": "s"}})


def test_moto_takes_each_patched_path_when_it_serves_requests() -> None:
    """A patch moto no longer calls would be in place and do nothing (moto 5.1's DynamoDB answers skipped the
    serializer): every replaced function must run while the emulator serves ordinary traffic."""
    from moto.server import ThreadedMotoServer

    assert speed_up_emulator() is True
    replacements = [vars(owner)[name] for owner, name, _ in emulator_speedups._replaced]
    cached = [r for r in replacements if hasattr(r, "cache_info")]
    codes = {code_of(r) for r in replacements if r not in cached} - {None}
    called: set[CodeType] = set()

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code in codes:
            called.add(frame.f_code)

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    threading.setprofile(profile)
    sys.setprofile(profile)
    try:
        server.start()
        server_traffic(f"http://127.0.0.1:{port}")
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
        server.stop()
    # Message.delayed: moto reads it only inside the two Queue properties replaced here; it stays patched so
    # that any other reader sees the same clock.
    assert {c.co_name for c in codes - called} == {"delayed"}
    assert all(r.cache_info().hits + r.cache_info().misses > 0 for r in cached)


def test_a_patch_that_fails_leaves_moto_wholly_its_own(monkeypatch, caplog) -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    original = vars(DomainDispatcherApplication)["get_backend_for_host"]

    def moved() -> None:
        raise AttributeError("moto moved something")

    monkeypatch.setattr(emulator_speedups, "PATCHES", (*emulator_speedups.PATCHES[:3], moved))
    with caplog.at_level("WARNING", logger="helpdesk.local.speedups"):
        assert speed_up_emulator() is False
    assert emulator_speedups._replaced == []
    assert vars(DomainDispatcherApplication)["get_backend_for_host"] is original
    assert "emulator speed-ups off: moved failed" in caplog.text


def test_a_moto_outside_the_range_is_left_alone(monkeypatch, caplog) -> None:
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "version", lambda name: "5.1.22")
    with caplog.at_level("WARNING", logger="helpdesk.local.speedups"):
        assert speed_up_emulator() is False
    assert emulator_speedups._replaced == []
    assert f"moto 5.1.22 is outside {moto_range()}" in caplog.text


def locked() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", (ROOT / "requirements.lock").read_text(), re.M)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


def test_pyproject_allows_the_moto_the_speedups_are_written_for_and_the_lock_pins_one() -> None:
    import tomllib

    from moto import __version__

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    [moto] = [d for d in project["dependencies"] if d.startswith("moto")]
    assert moto.split("]", 1)[1] == moto_range()
    low, high = emulator_speedups.MOTO_RANGE
    assert low <= emulator_speedups.moto_release(locked()["moto"]) < high
    assert low <= emulator_speedups.moto_release(__version__) < high  # this venv, as `make venv` installs it


def test_the_layer_requirements_agree_with_the_lock() -> None:
    """Each layer requirement is pinned in the lock within its range; pyproject declares the same range."""
    from packaging.requirements import Requirement

    pins = locked()
    project = tomllib_project()
    declared = {Requirement(d).name.lower(): Requirement(d).specifier for d in project["dependencies"]}
    for line in (ROOT / "layers/core/requirements.txt").read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        wanted = Requirement(text)
        name = wanted.name.lower()
        assert name in pins, f"{name} is not in requirements.lock"
        assert pins[name] in wanted.specifier, (
            f"{name}: lock {pins[name]} outside the layer's {wanted.specifier}"
        )
        assert str(declared[name]) == str(wanted.specifier), f"{name}: pyproject and the layer disagree"


def tomllib_project() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
