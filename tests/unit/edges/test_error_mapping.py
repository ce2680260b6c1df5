"""The one mapping from domain errors to HTTP."""

from __future__ import annotations

import json

import pytest
from helpdesk.api.errors import mapped
from helpdesk.billing.model.exchange import RateMissing
from helpdesk.kernel import errors
from pydantic import BaseModel

pytestmark = pytest.mark.unit


class View(BaseModel):
    name: str


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.Unauthorized("who?"), 401),
        (errors.Forbidden("no"), 403),
        (errors.NotFound("x"), 404),
        (errors.Conflict("dup"), 409),
        (errors.Invalid("bad"), 422),
        (errors.RateLimited(retry_after=7), 429),
        (errors.Unavailable("no exchange rate"), 503),
        (RateMissing("no USD->EUR rate"), 503),  # Stripe retries the webhook; the 5xx alarm tells ops
        (RuntimeError("secret detail"), 500),
    ],
)
def test_each_error_kind_has_its_status(error: Exception, status: int) -> None:
    def route() -> None:
        raise error

    answer = mapped(route)()
    assert answer.status_code == status
    body = json.loads(answer.body)
    if status == 500:
        assert "secret detail" not in answer.body
    if status == 429:
        assert answer.headers["Retry-After"] == "7"
    assert body["error"]


def test_models_become_json() -> None:
    answer = mapped(lambda: View(name="Ада"))()
    assert answer.status_code == 200 and json.loads(answer.body) == {"name": "Ада"}
