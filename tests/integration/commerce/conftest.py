"""The public and cabinet APIs in-process under moto, on the resources template.yaml declares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.errors import Unauthorized
from moto import mock_aws

from tests.support.api_events import rest_event
from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack, provision

ALICE = Principal("sub-alice", "alice@acme.example", frozenset({Role.CUSTOMER}), "org-acme")
CAROL = Principal("sub-carol", "carol@acme.example", frozenset({Role.CUSTOMER}), "org-acme")
BOB = Principal("sub-bob", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
ANNA = Principal("sub-anna", "anna@helpdesk.localhost", frozenset({Role.MANAGER}))
TOKENS = {"alice": ALICE, "carol": CAROL, "bob": BOB, "anna": ANNA}


class NamedTokens:
    """Stands in for the Cognito verifier (tested on its own in tests/unit/test_token_verifier.py)."""

    def principal_from_header(self, header: str | None, use: str = "id") -> Principal | None:
        if not header:
            return None
        principal = TOKENS.get(header.removeprefix("Bearer ").strip())
        if principal is None:
            raise Unauthorized("unknown token")
        return principal


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def call(function: str, method: str, resource: str, body: Any = None, **kwargs: Any) -> Answer:
    raw = invoke(function, rest_event(method, resource, body, **kwargs))
    text = raw.get("body") or "null"
    return Answer(raw["statusCode"], json.loads(text), raw.get("headers") or {})


def public(method: str, resource: str, body: Any = None, **kwargs: Any) -> Answer:
    return call("PublicApiFunction", method, resource, body, **kwargs)


def cabinet(method: str, resource: str, body: Any = None, **kwargs: Any) -> Answer:
    return call("CabinetApiFunction", method, resource, body, **kwargs)


@pytest.fixture
def shop(monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:
    monkeypatch.setenv("LOCAL_PAYMENT_PAGE_URL", "http://pay.localhost")
    monkeypatch.setenv("LICENSE_VALIDATE_PER_MINUTE", "5")
    with mock_aws():
        stack = provision({"Stage": "local"})
        from helpdesk.bootstrap import container
        from helpdesk_local.demo_catalogue import load_catalogue

        load_catalogue(stack.ref("HelpdeskTable"), REGION, None)
        load_demo_rates(stack)
        container().token_verifier = NamedTokens()  # type: ignore[assignment]
        yield stack


def load_demo_rates(stack: TemplateStack) -> None:
    import boto3
    from helpdesk.settings import get_settings
    from helpdesk_local.demo_rates import load_rates

    s3 = boto3.client("s3", region_name=REGION)
    load_rates(s3, stack.ref("InvoicesBucket"), get_settings().exchange_rates_key)


def checkout_of(url: str) -> tuple[str, str]:
    """(session id, checkout id) from the local payment page's URL."""
    parts = urlsplit(url)
    return parts.path.strip("/"), parse_qs(parts.query)["checkout"][0]


@dataclass(frozen=True)
class SentMail:
    to: list[str]
    subject: str
    body: str
    raw: bytes


def sent_mail(to: str) -> list[SentMail]:
    """Mail SES sent to `to`, decoded: every mail is raw MIME (notices.mail), never SES `send_email`."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    found = []
    for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages:
        raw = m.raw_data.encode() if isinstance(m.raw_data, str) else m.raw_data
        mail = message_from_bytes(raw, policy=default)
        body = mail.get_body(preferencelist=("plain",))
        kept = m.destinations
        to_list = sum(kept.values(), []) if isinstance(kept, dict) else list(kept)
        found.append(SentMail(to_list, str(mail["Subject"]), body.get_content() if body else "", raw))
    return [m for m in found if to in m.to]
