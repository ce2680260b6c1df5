"""The local single sign-on server on auth.localhost: Cognito's hosted UI, locally.

Endpoints: /oauth2/authorize, /oauth2/token, /oauth2/revoke, /logout (Cognito's names and parameters), and the
sign-in, sign-up, confirmation and password-reset forms they lead to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from helpdesk.identity.services.rate_limits import RateLimiter
from helpdesk.settings import Settings
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from helpdesk_local.auth import accounts, assets, oauth, pages, recovery, signup, token_endpoint
from helpdesk_local.auth.attempts_memory import MemoryAttemptCounter
from helpdesk_local.auth.clients import ClientRegistration, ClientRegistry
from helpdesk_local.auth.cognito import Cognito
from helpdesk_local.auth.context import AuthContext, Mailer, new_organisation
from helpdesk_local.auth.store import AuthStore

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Handler = Callable[[AuthContext, Request], Response]

ROUTES: dict[tuple[str, str], Handler] = {
    ("/oauth2/authorize", "GET"): oauth.authorize,
    ("/oauth2/token", "POST"): token_endpoint.token,
    ("/oauth2/token", "OPTIONS"): token_endpoint.preflight,
    ("/oauth2/revoke", "POST"): token_endpoint.revoke,
    ("/oauth2/revoke", "OPTIONS"): token_endpoint.preflight,
    ("/logout", "GET"): oauth.logout,
    ("/login", "GET"): accounts.show,
    ("/login", "POST"): accounts.sign_in,
    ("/signup", "GET"): accounts.show,
    ("/signup", "POST"): signup.sign_up,
    ("/signup/confirm", "GET"): accounts.show,
    ("/signup/confirm", "POST"): signup.confirm_sign_up,
    ("/forgot", "GET"): accounts.show,
    ("/forgot", "POST"): recovery.forgot,
    ("/forgot/confirm", "POST"): recovery.reset_password,
    (pages.RULES_SCRIPT, "GET"): assets.password_rules_script,
}
URLS = Map([Rule(path, endpoint=path) for path in sorted({path for path, _ in ROUTES})])


def make_auth_app(
    settings: Settings,
    cognito_idp_client: Any,
    clients: Mapping[str, ClientRegistration | Iterable[str]],
    *,
    mailer: Mailer | None = None,
    rate_limiter: RateLimiter | None = None,
    assign_organisation: Callable[[str], str] = new_organisation,
    store: AuthStore | None = None,
    secure_cookies: bool = False,
) -> Wsgi:
    """`clients`: app client id -> exact callback URIs, or a ClientRegistration with sign-out URIs."""
    context = AuthContext(
        cognito=Cognito(cognito_idp_client, settings.user_pool_id),
        clients=ClientRegistry(clients),
        limiter=rate_limiter or RateLimiter(MemoryAttemptCounter()),
        mailer=mailer or _print_mail,
        store=store or AuthStore(),
        assign_organisation=assign_organisation,
        secure_cookies=secure_cookies,
    )

    @Request.application  # type: ignore[arg-type]
    def app(request: Request) -> Response:
        try:
            path, _ = URLS.bind_to_environ(request.environ).match()
        except HTTPException as error:
            return error.get_response()
        handler = ROUTES.get((path, request.method))
        if handler is None:
            return MethodNotAllowed().get_response()
        return handler(context, request)

    app.context = context  # type: ignore[attr-defined]  # tests and the local stack may look inside
    return app  # type: ignore[return-value]


def _print_mail(to: str, subject: str, text: str) -> None:
    print(f"[auth mail] to={to} subject={subject!r}: {text}")  # noqa: T201 - visible when no mailer is wired


__all__ = ["ClientRegistration", "NotFound", "make_auth_app"]
