"""The helpdesk logger's lines as Lambda writes them: JSON objects made by its own Powertools formatter from
the records pytest's `caplog` keeps (the logger's stream was bound before `capsys` could replace stdout)."""

from __future__ import annotations

import json
from typing import Any

import pytest


def logged(caplog: pytest.LogCaptureFixture, message: str) -> list[dict[str, Any]]:
    from helpdesk.observability import logger

    formatter = logger.registered_formatter
    lines = [json.loads(formatter.format(r)) for r in caplog.records if r.name == "helpdesk"]
    return [line for line in lines if line["message"] == message]
