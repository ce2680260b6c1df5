"""The form a site embeds, a submission's answer, held submissions."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import parse_qsl

from pydantic import BaseModel

from helpdesk.channels.model.forms import FormSpec
from helpdesk.channels.model.submission import HeldSubmission
from helpdesk.kernel.errors import Malformed
from helpdesk.mail.public import sanitize_html


class FormFieldView(BaseModel):
    name: str
    label: str
    kind: str
    required: bool
    max_length: int


class FormView(BaseModel):
    id: str
    title: str
    fields: list[FormFieldView]
    honeypot: str
    form_token: str  # send it back as the `form_token` field

    @classmethod
    def of(cls, spec: FormSpec, token: str) -> FormView:
        fields = [FormFieldView(name=f.name, label=f.label, kind=f.kind.value, required=f.required,
                                max_length=f.max_length) for f in spec.fields]  # fmt: skip
        return cls(id=spec.id, title=spec.title, fields=fields, honeypot=spec.honeypot, form_token=token)


class SubmissionAccepted(BaseModel):
    reference: str


class HeldAnswerView(BaseModel):
    name: str
    text: str  # as sent (cut): the console shows it as text only
    html: str  # the value as the one sanitising policy leaves it: rendered, never run


class HeldSubmissionView(BaseModel):
    reference: str
    form_id: str
    received_at: datetime
    reasons: list[str]
    origin: str
    answers: list[HeldAnswerView]

    @classmethod
    def of(cls, held: HeldSubmission) -> HeldSubmissionView:
        s = held.submission
        shown = [(k[:60], v[:2000]) for k, v in s.answers.items() if k != "form_token"]
        answers = [HeldAnswerView(name=k, text=v, html=sanitize_html(v)) for k, v in shown]
        return cls(reference=s.reference, form_id=s.form_id, received_at=s.received_at,
                   reasons=list(held.reasons), origin=s.origin, answers=answers)  # fmt: skip


class HeldPageView(BaseModel):
    items: list[HeldSubmissionView]
    cursor: str | None = None


def form_answers(content_type: str, raw: bytes) -> dict[str, str]:
    """A submission's fields from JSON or form encoding; anything else in JSON (lists, objects) is dropped."""
    if content_type.split(";", 1)[0].strip().lower() == "application/json":
        try:
            data = json.loads(raw or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise Malformed("the body is not JSON") from error
        if not isinstance(data, dict):
            raise Malformed("the body is not a JSON object")
        return {str(k): str(v) for k, v in data.items() if isinstance(v, str | int | float)}
    return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
