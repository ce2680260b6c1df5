"""Replies in the formats of the mail clients talon knows, labelled by talon (label_with_talon.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpdesk.mail.trim import reply_from_html, trim_reply

pytestmark = pytest.mark.unit

HERE = Path(__file__).parent / "client_replies"
CASES = {k: v for k, v in json.loads((HERE / "expected.json").read_text()).items() if not k.startswith("_")}


def _reply(path: Path) -> str:
    text = path.read_text()
    return trim_reply(text).reply if path.suffix == ".txt" else reply_from_html(text)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_reply_is_what_the_client_wrote(name: str, newline: str) -> None:
    path = HERE / name
    got = _reply(path) if newline == "\n" else _reply_crlf(path)
    want = CASES[name]["expected"]
    if path.suffix == ".txt":
        assert got.strip() == want
    else:
        assert re.sub(r"\s", "", got) == re.sub(r"\s", "", want)


def _reply_crlf(path: Path) -> str:
    text = path.read_text().replace("\n", "\r\n")
    return trim_reply(text).reply if path.suffix == ".txt" else reply_from_html(text)
