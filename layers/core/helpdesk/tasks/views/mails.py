"""The tasks context's message on the outbound queue."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class TaskDoneMail(BaseModel):
    """Outbound queue: tell the task's customers it is done; the outbound worker renders and sends it once."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["task_done"] = "task_done"
    task_id: str = Field(min_length=1, max_length=64)
    done_at: datetime  # the move to done: with the task, the mail's identity (a reopen and redo mails again)
