"""Messages on the notify queue."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class NotifyRequested(BaseModel):
    """A notice someone should see: a customer in the cabinet, or a staff member in the console."""

    notice_id: str = Field(min_length=8, max_length=80)  # the producer's id: delivering twice stores once
    audience: Literal["customer", "staff"]
    recipient: str = Field(min_length=1, max_length=320)
    subject: str = Field(max_length=300)
    text: str = Field(default="", max_length=20_000)
    link: str | None = None
