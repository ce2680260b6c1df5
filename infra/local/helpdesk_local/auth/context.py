"""What every handler of the sign-in server shares: store, pool, clients, cookies, CSRF, limits."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from helpdesk.identity.services.rate_limits import RateLimiter
from helpdesk.kernel.errors import RateLimited
from werkzeug.wrappers import Request, Response

from helpdesk_local.auth import pages
from helpdesk_local.auth.clients import ClientRegistry
from helpdesk_local.auth.cognito import Cognito
from helpdesk_local.auth.password_rules import PasswordRules
from helpdesk_local.auth.store import SESSION_SECONDS, AuthStore

Mailer = Callable[[str, str, str], None]  # (to, subject, text)
SESSION_COOKIE = "helpdesk_sso"
CSRF_COOKIE = "helpdesk_csrf"


def new_organisation(email: str) -> str:
    return f"org-{uuid.uuid4().hex[:12]}"


@dataclass
class AuthContext:
    cognito: Cognito
    clients: ClientRegistry
    limiter: RateLimiter
    mailer: Mailer
    store: AuthStore = field(default_factory=AuthStore)
    assign_organisation: Callable[[str], str] = new_organisation
    secure_cookies: bool = False

    @cached_property
    def password_rules(self) -> PasswordRules:
        """The pool's own policy (locally provisioned from template.yaml), read once."""
        return PasswordRules.of(self.cognito.password_policy())

    def session_id(self, request: Request) -> str | None:
        with self.store.lock:
            session = self.store.live_session(request.cookies.get(SESSION_COOKIE))
            return session.id if session else None

    def set_session_cookie(self, response: Response, session_id: str) -> None:
        response.set_cookie(
            SESSION_COOKIE,
            session_id,
            max_age=SESSION_SECONDS,
            httponly=True,
            secure=self.secure_cookies,
            samesite="Lax",
            path="/",
        )

    def clear_session_cookie(self, response: Response) -> None:
        response.delete_cookie(
            SESSION_COOKIE, path="/", httponly=True, secure=self.secure_cookies, samesite="Lax"
        )

    def form_page(self, request: Request, render: Callable[[str], str], status: int = 200) -> Response:
        """A page with a form: reuses the browser's CSRF cookie or sets a new one (double-submit)."""
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        response = html(render(token), status)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(
                CSRF_COOKIE, token, httponly=True, secure=self.secure_cookies, samesite="Lax", path="/"
            )
        return response

    def csrf_ok(self, request: Request) -> bool:
        cookie, sent = request.cookies.get(CSRF_COOKIE, ""), request.form.get("csrf", "")
        return bool(cookie) and secrets.compare_digest(cookie, sent)

    def limit(self, action: str, request: Request, email: str) -> None:
        self.limiter.check(action, email, client_address=request.remote_addr)


def html(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    response = Response(body, status=status, content_type="text/html; charset=utf-8", headers=headers)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'"
    )
    return response


def too_many(error: RateLimited) -> Response:
    text = f"Too many attempts. Try again in {error.retry_after} seconds."
    return html(pages.message("Please wait", text), 429, {"Retry-After": str(error.retry_after)})


def normalise_email(raw: str) -> str:
    return raw.strip().lower()
