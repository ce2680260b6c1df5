"""auth.localhost on the local stack: the sign-in server on the template's pool and clients, mail via SES."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from helpdesk.identity.adapters.attempts_dynamodb import DynamoAttemptCounter
from helpdesk.identity.services.rate_limits import RateLimiter
from helpdesk.settings import Settings

from helpdesk_local.auth.clients import ClientRegistration
from helpdesk_local.auth.context import Mailer, new_organisation
from helpdesk_local.auth_home import with_home
from helpdesk_local.auth_server import Wsgi, make_auth_app
from helpdesk_local.people import customer_registry

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts


def make_auth_host(stack: StackParts) -> Wsgi:
    registry = customer_registry(stack)
    settings = Settings(user_pool_id=stack.resources["UserPool"].ref, region=stack.config.region)
    sender = f"no-reply@{stack.resolver.resolve({'Ref': 'SupportDomain'})}"
    app = make_auth_app(
        settings,
        stack.client("cognito-idp"),
        registered_clients(stack),
        mailer=ses_mailer(stack.client("ses"), sender),
        # Every local caller comes from 127.0.0.1: a per-address limit would be one limit for everybody.
        rate_limiter=RateLimiter(
            DynamoAttemptCounter(stack.client("dynamodb"), stack.resources["HelpdeskTable"].ref),
            per_address_factor=0,
        ),
        assign_organisation=lambda email: registry.sign_up(email, new_organisation).organisation_id or "",
    )
    return with_home(app, _site_url(stack.http_port), lambda: getattr(stack, "demo_logins", []))


def _site_url(port: int) -> Callable[[str], str]:
    return lambda host: f"http://{host}.localhost:{port}"


def registered_clients(stack: StackParts) -> dict[str, ClientRegistration]:
    """Each pool client of template.yaml with its CallbackURLs and LogoutURLs, served over http locally."""
    clients = {}
    for name, spec in stack.template["Resources"].items():
        if spec["Type"] != "AWS::Cognito::UserPoolClient":
            continue
        props = spec["Properties"]
        callbacks = [_local(u) for u in stack.resolver.resolve(props.get("CallbackURLs", []))]
        logouts = [_local(u) for u in stack.resolver.resolve(props.get("LogoutURLs", []))]
        clients[stack.resources[name].ref] = ClientRegistration.of(callbacks, logouts)
    return clients


def ses_mailer(ses: Any, sender: str) -> Mailer:
    def send(to: str, subject: str, text: str) -> None:
        ses.send_email(
            Source=sender,
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": text}}},
        )

    return send


def _local(url: str) -> str:
    return url.replace("https://", "http://", 1) if ".localhost" in url else url
