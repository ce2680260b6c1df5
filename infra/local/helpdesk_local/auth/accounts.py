"""Sign-in and the form pages. Same answers for known and unknown addresses."""

from __future__ import annotations

from helpdesk.kernel.errors import RateLimited
from werkzeug.wrappers import Request, Response

from helpdesk_local.auth import pages
from helpdesk_local.auth.context import SESSION_COOKIE, AuthContext, html, normalise_email, too_many
from helpdesk_local.auth.oauth import issue_code
from helpdesk_local.auth.store import SESSION_SECONDS, AuthRequest, Session, new_secret

BAD_SIGN_IN = "Incorrect e-mail or password."
CODE_SENT = "If this address can be used, a code is on its way to it."
BAD_CODE = "That code is wrong or has expired."
PASSWORD_REFUSED = "That password does not meet the password rules. Choose one that meets every rule listed."
EXPIRED = "This sign-in link has expired. Go back to the application and sign in again."


def show(ctx: AuthContext, request: Request) -> Response:
    """GET of a form page; without a live pending request there is nothing to finish."""
    request_id = request.args.get("request", "")
    if ctx.store.live_request(request_id) is None:
        return expired()
    views = {
        "/login": lambda csrf: pages.sign_in(request_id, csrf),
        "/signup": lambda csrf: pages.sign_up(request_id, csrf, ctx.password_rules),
        "/signup/confirm": lambda csrf: pages.confirm_sign_up(request_id, csrf),
        "/forgot": lambda csrf: pages.forgot(request_id, csrf),
    }
    return ctx.form_page(request, views[request.path])


def sign_in(ctx: AuthContext, request: Request) -> Response:
    accepted = accept(ctx, request, None)
    if isinstance(accepted, Response):
        return accepted
    request_id, email = accepted
    pending = ctx.store.live_request(request_id)
    if pending is None:
        return expired()
    try:
        ctx.limiter.ensure_allowed("sign_in", email, request.remote_addr)
    except RateLimited as error:
        return too_many(error)
    password = request.form.get("password", "")
    response = start_session(ctx, request, pending, email, password)
    if response is None:
        ctx.limiter.record_failure("sign_in", email, request.remote_addr)
        return ctx.form_page(request, lambda csrf: pages.sign_in(request_id, csrf, email, BAD_SIGN_IN), 401)
    return response


def start_session(
    ctx: AuthContext, request: Request, pending: AuthRequest, email: str, password: str
) -> Response | None:
    """A new sign-in session and the app's code; None when the pool refuses the password."""
    first = ctx.cognito.sign_in(pending.client_id, email, password)
    if first is None:
        return None
    # One sign-in serves every app: a Cognito session for each client now, while we have the password.
    refresh = {pending.client_id: first}
    for client_id in ctx.clients.ids:
        if client_id not in refresh and (token := ctx.cognito.sign_in(client_id, email, password)):
            refresh[client_id] = token
    with ctx.store.lock:
        old = request.cookies.get(SESSION_COOKIE)
        if old:
            ctx.store.end_session(old)  # no session fixation: a sign-in always starts a new session
        session = Session(new_secret(), email, ctx.store.now() + SESSION_SECONDS, refresh)
        ctx.store.sessions[session.id] = session
    response = issue_code(ctx, pending, session.id)
    ctx.set_session_cookie(response, session.id)
    return response


def expired() -> Response:
    return html(pages.message("Sign-in expired", EXPIRED), 400)


def accept(ctx: AuthContext, request: Request, action: str | None) -> tuple[str, str] | Response:
    """(request id, e-mail) of a form post with a valid CSRF token, counted against `action`'s limit."""
    request_id, email = request.form.get("request", ""), normalise_email(request.form.get("email", ""))
    if not ctx.csrf_ok(request):
        return expired()
    if action:
        try:
            ctx.limit(action, request, email)
        except RateLimited as error:
            return too_many(error)
    return request_id, email


def password_problem(ctx: AuthContext, password: str) -> str | None:
    """What the person must change, in the words of the rules shown under the field."""
    unmet = ctx.password_rules.unmet(password)
    if not unmet:
        return None
    return "The password needs: " + "; ".join(rule.text.lower() for rule in unmet) + "."
