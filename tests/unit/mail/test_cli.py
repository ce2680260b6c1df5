from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpdesk_local.cli import main

from tests.unit.mail.builders import mail

pytestmark = pytest.mark.unit

FIELDS = [
    "subject", "from", "to", "cc", "reply_to", "date", "message_id", "in_reply_to", "references", "text",
    "html", "reply", "attachments", "kind", "bounce", "ticket_ref", "problems", "auth",
]  # fmt: skip


def test_parse_prints_one_json_line_per_file_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.eml", tmp_path / "b.eml"
    first.write_bytes(mail("one"))
    second.write_bytes(mail("two").replace(b"\n", b"\r\n"))
    assert main(["mail", "parse", str(first), str(second)]) == 0
    lines = capsys.readouterr().out.splitlines()
    documents = [json.loads(line) for line in lines]
    assert [d["text"] for d in documents] == ["one", "two"]
    assert all(list(d) == FIELDS for d in documents)
    assert documents[0]["from"] == {"name": "Anna", "address": "anna@example.com"}


def test_an_unreadable_file_still_yields_its_line_and_a_failing_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.eml"
    good.write_bytes(mail("fine"))
    assert main(["mail", "parse", str(tmp_path / "missing.eml"), str(good)]) == 1
    missing, fine = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert [p["code"] for p in missing["problems"]] == ["file_unreadable"]
    assert missing["problems"][0]["fatal"] is True
    assert fine["text"] == "fine"


def test_a_refused_mail_is_a_result_not_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = b"Subject: deep\n" + b"Content-Type: message/rfc822\n\n" * 200 + b"body"
    path = tmp_path / "deep.eml"
    path.write_bytes(deep)
    assert main(["mail", "parse", str(path)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["subject"] == "deep"
    assert [p["code"] for p in document["problems"] if p["fatal"]] == ["limit_depth"]


def test_trim_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    body = "Thanks!\r\n\r\nOn Mon, 1 Jan 2024, Bob <b@example.com> wrote:\r\n> old\r\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(body.encode())))
    assert main(["mail", "trim"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["reply", "elided", "forwarded", "preface"]
    assert document["reply"] == "Thanks!"
    assert "old" in document["elided"]
