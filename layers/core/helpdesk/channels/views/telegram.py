"""Telegram: the link that ties a chat to a cabinet account, webhook updates, identity merges."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.kernel.errors import Malformed


class TelegramLinkView(BaseModel):
    url: str  # https://t.me/<bot>?start=<token>: opens the bot, which ties the chat to this account
    expires_at: datetime


def telegram_update(raw: bytes) -> dict[str, Any]:
    """A webhook body: one Telegram Update object (read further by the Telegram model)."""
    try:
        data = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise Malformed("the body is not JSON") from error
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        raise Malformed("not a Telegram Update")
    return data


class IdentityMergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_email: str = Field(min_length=3, max_length=254)  # the known customer the chat turns out to be


class IdentityMergedView(BaseModel):
    channel: str
    customer_id: str
    email: str
    moved: int  # tickets moved to the customer by this merge


class TelegramConnectionView(BaseModel):
    offered: bool  # false: no bot is set up for the cabinet, the page shows no button
    bot_id: str = ""
    username: str = ""
    linked: bool = False


class TelegramLinkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bot_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
