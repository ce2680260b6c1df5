"""Password reset with an e-mailed code: the same answer whether or not the address has an account."""

from __future__ import annotations

from werkzeug.wrappers import Request, Response

from helpdesk_local.auth import pages
from helpdesk_local.auth.accounts import BAD_CODE, CODE_SENT, PASSWORD_REFUSED, accept, password_problem
from helpdesk_local.auth.cognito import PasswordRejected
from helpdesk_local.auth.context import AuthContext

RESETTABLE = {"CONFIRMED", "RESET_REQUIRED", "FORCE_CHANGE_PASSWORD"}


def forgot(ctx: AuthContext, request: Request) -> Response:
    accepted = accept(ctx, request, "password_reset")
    if isinstance(accepted, Response):
        return accepted
    request_id, email = accepted
    if ctx.cognito.status(email) in RESETTABLE:
        with ctx.store.lock:
            code = ctx.store.save_email_code("reset", email)
        ctx.mailer(email, "Your Helpdesk password reset code", f"Your password reset code is {code}.")
    return ctx.form_page(request, lambda csrf: _reset_form(ctx, request_id, csrf, email, notice=CODE_SENT))


def reset_password(ctx: AuthContext, request: Request) -> Response:
    accepted = accept(ctx, request, "confirm_password_reset")
    if isinstance(accepted, Response):
        return accepted
    request_id, email = accepted
    with ctx.store.lock:
        right = ctx.store.check_email_code("reset", email, request.form.get("code", ""))
    if not right:
        return ctx.form_page(
            request, lambda csrf: _reset_form(ctx, request_id, csrf, email, error=BAD_CODE), 400
        )
    password = request.form.get("password", "")
    reason = password_problem(ctx, password)
    if reason is None:
        try:
            ctx.cognito.set_password(email, password)
        except PasswordRejected:
            reason = PASSWORD_REFUSED
    if reason is not None:  # the code stays valid: the person may try another password
        return ctx.form_page(
            request, lambda csrf: _reset_form(ctx, request_id, csrf, email, error=reason), 400
        )
    with ctx.store.lock:
        ctx.store.forget_email_code("reset", email)
        ctx.store.end_sessions_of(email)
    return ctx.form_page(
        request, lambda csrf: pages.sign_in(request_id, csrf, email, notice="Password changed. Sign in.")
    )


def _reset_form(
    ctx: AuthContext,
    request_id: str,
    csrf: str,
    email: str = "",
    error: str | None = None,
    notice: str | None = None,
) -> str:
    return pages.code_form(
        "Choose a new password", "/forgot/confirm", request_id, csrf, email, ctx.password_rules, error, notice
    )
