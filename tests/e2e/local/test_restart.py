"""Local data survives a restart; --fresh starts clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def _put_and_read(stack: LocalProcess, key: str, body: bytes | None) -> bytes | None:
    s3 = stack.client("s3")
    bucket = next(b["Name"] for b in s3.list_buckets()["Buckets"] if "attachments" in b["Name"])
    if body is not None:
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return None


def test_data_survives_a_restart_and_fresh_starts_clean(tmp_path: Path) -> None:
    first = LocalProcess(tmp_path, fresh=True, demo=False).start()
    _put_and_read(first, "kept.txt", b"still here")
    users_before = first.client("cognito-idp").list_user_pools(MaxResults=5)["UserPools"]
    assert first.stop() == 0
    assert (tmp_path / "emulator.pickle").is_file()

    second = LocalProcess(tmp_path, fresh=False, demo=False).start()
    try:
        assert _put_and_read(second, "kept.txt", None) == b"still here"
        assert (
            second.client("cognito-idp").list_user_pools(MaxResults=5)["UserPools"][0]["Id"]
            == users_before[0]["Id"]
        )
    finally:
        second.stop()

    third = LocalProcess(tmp_path, fresh=True, demo=False).start()
    try:
        assert _put_and_read(third, "kept.txt", None) is None
    finally:
        third.stop()
