from __future__ import annotations

from pydantic import BaseModel, Field


class SendRequested(BaseModel):
    """An outbox entry to send; the outbox claim makes a redelivered request send nothing twice."""

    entry_id: str = Field(min_length=1, max_length=200)
