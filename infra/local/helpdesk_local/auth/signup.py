"""Sign-up with an e-mailed code; the right code signs the person in without asking for the password again."""

from __future__ import annotations

from werkzeug.wrappers import Request, Response

from helpdesk_local.auth import continuation, pages
from helpdesk_local.auth.accounts import (
    BAD_CODE,
    CODE_SENT,
    PASSWORD_REFUSED,
    accept,
    expired,
    password_problem,
    start_session,
)
from helpdesk_local.auth.cognito import PasswordRejected
from helpdesk_local.auth.context import AuthContext
from helpdesk_local.auth.store import EMAIL_CODE_SECONDS

NAME_LIMIT = 100
NO_NAME = "Tell us your name: it is how the support team and your account greet you."
CONFIRMED = "E-mail confirmed. Sign in."


def sign_up(ctx: AuthContext, request: Request) -> Response:
    accepted = accept(ctx, request, "sign_up")
    if isinstance(accepted, Response):
        return accepted
    request_id, email = accepted
    pending = ctx.store.live_request(request_id)
    if pending is None:
        return expired()
    name, password = clean_name(request.form.get("name", "")), request.form.get("password", "")
    problem = NO_NAME if not name else password_problem(ctx, password)
    if problem is None:
        try:
            created = ctx.cognito.register(pending.client_id, email, password, name)
        except PasswordRejected:
            problem = PASSWORD_REFUSED
    if problem is not None:
        return ctx.form_page(
            request,
            lambda csrf: pages.sign_up(request_id, csrf, ctx.password_rules, email, name, problem),
            400,
        )
    if created or ctx.cognito.status(email) == "UNCONFIRMED":
        code = ctx.store.save_email_code("sign_up", email)
        ctx.mailer(email, "Your Helpdesk verification code", f"Your verification code is {code}.")
    else:
        ctx.mailer(
            email,
            "Someone tried to create a Helpdesk account",
            "You already have an account with this address. Sign in, or reset your password.",
        )
    # Set for every address alike (an existing account gets no code, so its continuation is never used).
    cookie = continuation.start(ctx.store, request_id, email, name, password)
    response = ctx.form_page(
        request, lambda csrf: pages.confirm_sign_up(request_id, csrf, email, notice=CODE_SENT)
    )
    response.set_cookie(
        continuation.CONTINUATION_COOKIE,
        cookie,
        max_age=EMAIL_CODE_SECONDS,
        httponly=True,
        secure=ctx.secure_cookies,
        samesite="Strict",
        path="/signup",
    )
    return response


def confirm_sign_up(ctx: AuthContext, request: Request) -> Response:
    accepted = accept(ctx, request, "confirm_sign_up")
    if isinstance(accepted, Response):
        return accepted
    request_id, email = accepted
    with ctx.store.lock:
        right = ctx.store.check_email_code("sign_up", email, request.form.get("code", ""))
        if right:
            ctx.store.forget_email_code("sign_up", email)
    if not right:
        return ctx.form_page(
            request, lambda csrf: pages.confirm_sign_up(request_id, csrf, email, error=BAD_CODE), 400
        )
    cookie = request.cookies.get(continuation.CONTINUATION_COOKIE)
    carried = continuation.take(ctx.store, cookie, request_id, email)
    ctx.cognito.confirm_customer(email, ctx.assign_organisation(email), carried.name if carried else None)
    pending, response = ctx.store.live_request(request_id), None
    if carried is not None and _keep_password(ctx, email, carried.password) and pending is not None:
        response = start_session(ctx, request, pending, email, carried.password)
    if response is None:  # another browser, or the app's sign-in request has expired: sign in by hand
        response = ctx.form_page(
            request, lambda csrf: pages.sign_in(request_id, csrf, email, notice=CONFIRMED)
        )
    response.delete_cookie(
        continuation.CONTINUATION_COOKIE,
        path="/signup",
        httponly=True,
        secure=ctx.secure_cookies,
        samesite="Strict",
    )
    return response


def _keep_password(ctx: AuthContext, email: str, password: str) -> bool:
    """The person who proved the address chose this password; an earlier unconfirmed sign-up may not have."""
    try:
        ctx.cognito.set_password(email, password)
    except PasswordRejected:
        return False
    return True


def clean_name(raw: str) -> str:
    """One line of printable text, at most NAME_LIMIT characters; empty when nothing is left."""
    name = "".join(c for c in " ".join(raw.split()) if c.isprintable())
    return name[:NAME_LIMIT]
