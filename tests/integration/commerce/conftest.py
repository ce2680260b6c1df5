"""The public and cabinet APIs in-process under moto, on the resources template.yaml declares, with id tokens
from the template's (emulated) user pool."""

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
from helpdesk.identity.services.tokens import TokenVerifier, cognito_issuer
from moto import mock_aws

from tests.support.api_events import rest_event
from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack, provision

ALICE = Principal("sub-alice", "alice@acme.example", frozenset({Role.CUSTOMER}), "org-acme")
CAROL = Principal("sub-carol", "carol@acme.example", frozenset({Role.CUSTOMER}), "org-acme")
BOB = Principal("sub-bob", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
ANNA = Principal("sub-anna", "anna@helpdesk.localhost", frozenset({Role.MANAGER}), name="Anna Petrova")
TOKENS = {"alice": ALICE, "carol": CAROL, "bob": BOB, "anna": ANNA}
PASSWORD = "Pool-pass-2026"


class MotoJwks:
    """The keys moto signs its Cognito tokens with (what its server publishes as the pool's JWKS)."""

    def fetch(self) -> dict[str, Any]:
        from moto.utilities.utils import load_resource

        return dict(load_resource("cognitoidp/resources/jwks-public.json"))


class PoolTokens:
    """Id tokens the emulated user pool issues for the named callers, checked by the real verifier."""

    def __init__(self, stack: TemplateStack) -> None:
        import boto3

        self.idp = boto3.client("cognito-idp", region_name=REGION)
        self.pool, self.client = stack.ref("UserPool"), stack.ref("WebClient")
        self.issued: dict[str, str] = {}

    def verifier(self) -> TokenVerifier:
        return TokenVerifier.for_pool(MotoJwks(), cognito_issuer(REGION, self.pool), [self.client])

    def token(self, name: str) -> str:
        """A token for a caller of TOKENS (a pool user from first use); other names pass as forged ones."""
        who = TOKENS.get(name)
        if who is None or who.email is None:
            return name
        if name not in self.issued:
            self.issued[name] = self._sign_in(who)
        return self.issued[name]

    def _sign_in(self, who: Principal) -> str:
        attributes = [{"Name": "email", "Value": who.email or ""}]
        if who.name:
            attributes.append({"Name": "name", "Value": who.name})
        if who.organisation_id:
            attributes.append({"Name": "custom:organisation_id", "Value": who.organisation_id})
        self.idp.admin_create_user(
            UserPoolId=self.pool, Username=who.email, UserAttributes=attributes, MessageAction="SUPPRESS"
        )
        self.idp.admin_set_user_password(
            UserPoolId=self.pool, Username=who.email, Password=PASSWORD, Permanent=True
        )
        for role in who.roles:
            self.idp.admin_add_user_to_group(UserPoolId=self.pool, Username=who.email, GroupName=role.value)
        answer = self.idp.admin_initiate_auth(
            UserPoolId=self.pool,
            ClientId=self.client,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": who.email, "PASSWORD": PASSWORD},
        )
        return str(answer["AuthenticationResult"]["IdToken"])


POOL: list[PoolTokens] = []  # the running fixture's pool, for call()


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def call(function: str, method: str, resource: str, body: Any = None, **kwargs: Any) -> Answer:
    if kwargs.get("token") and POOL:
        kwargs["token"] = POOL[-1].token(kwargs["token"])
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
        from helpdesk_local.demo_catalogue import load_catalogue

        load_catalogue(stack.ref("HelpdeskTable"), REGION, None)
        load_demo_rates(stack)
        yield from signed_in_callers(stack)


def signed_in_callers(stack: TemplateStack) -> Iterator[TemplateStack]:
    """Callers carry id tokens of the template's pool, verified as the API verifies them."""
    from helpdesk.bootstrap import container

    tokens = PoolTokens(stack)
    container().token_verifier = tokens.verifier()
    POOL.append(tokens)
    try:
        yield stack
    finally:
        POOL.remove(tokens)


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
