from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from helpdesk.tickets.adapters.ses_mailer import SesMailer
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.mime import Envelope, compose
from moto import mock_aws

from tests.fakes.tickets.memory_io import MemoryMailer
from tests.support.tickets import SUPPORT, T0

pytestmark = pytest.mark.contract


@pytest.fixture(params=["memory", "ses"])
def mailer(request: pytest.FixtureRequest) -> Iterator[object]:
    if request.param == "memory":
        yield MemoryMailer()
        return
    with mock_aws():
        client = boto3.client("ses", region_name="eu-central-1")
        client.verify_domain_identity(Domain=SUPPORT.partition("@")[2])
        yield SesMailer(client)


def raw_mail() -> bytes:
    message = Message(
        "m", "t", Direction.OUTBOUND, T0, SUPPORT, subject="Hi", text="body", message_id="a@b.test"
    )
    return compose(message, Envelope(SUPPORT, "Support", SUPPORT, ("c@d.test",)), [])


def test_each_send_returns_its_own_provider_id(mailer):
    first = mailer.send(raw_mail(), SUPPORT, ["c@d.test"])
    second = mailer.send(raw_mail(), SUPPORT, ["c@d.test"])
    assert first and second and first != second
