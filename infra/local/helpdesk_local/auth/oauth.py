"""The browser-facing OAuth 2 endpoints: authorize (code, PKCE S256, state) and logout."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

from helpdesk_local.auth import pages
from helpdesk_local.auth.context import AuthContext, html
from helpdesk_local.auth.store import GRANT_SECONDS, REQUEST_SECONDS, AuthRequest, Grant, digest, new_secret

PKCE_VALUE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def redirect(location: str) -> Response:
    response = Response(status=302, headers={"Location": location, "Cache-Control": "no-store"})
    return response


def back_to_client(redirect_uri: str, **params: str) -> Response:
    separator = "&" if "?" in redirect_uri else "?"
    return redirect(redirect_uri + separator + urlencode({k: v for k, v in params.items() if v}))


def authorize(ctx: AuthContext, request: Request) -> Response:
    args = request.args
    client_id, redirect_uri, state = (
        args.get("client_id", ""),
        args.get("redirect_uri", ""),
        args.get("state", ""),
    )
    if not ctx.clients.redirect_allowed(client_id, redirect_uri):
        # Never redirect to a URI that is not registered for this client, not even with an error.
        return html(pages.message("Sign-in error", "Unknown application or redirect address."), 400)
    if args.get("response_type") != "code":
        return back_to_client(redirect_uri, error="unsupported_response_type", state=state)
    challenge = args.get("code_challenge", "")
    if not state or args.get("code_challenge_method") != "S256" or not PKCE_VALUE.match(challenge):
        return back_to_client(redirect_uri, error="invalid_request", state=state)
    prompt = args.get("prompt", "")
    with ctx.store.lock:
        ctx.store.purge()
        pending = AuthRequest(
            new_secret(), client_id, redirect_uri, state, challenge, ctx.store.now() + REQUEST_SECONDS
        )
        session_id = ctx.session_id(request)
        if session_id and prompt != "login":
            return issue_code(ctx, pending, session_id)
        if prompt == "none":
            return back_to_client(redirect_uri, error="login_required", state=state)
        ctx.store.requests[pending.id] = pending
    if args.get("screen_hint") == "signup":  # as the hosted UI's /signup: the form a new customer needs
        return ctx.form_page(request, lambda csrf: pages.sign_up(pending.id, csrf, ctx.password_rules))
    return ctx.form_page(request, lambda csrf: pages.sign_in(pending.id, csrf))


def issue_code(ctx: AuthContext, pending: AuthRequest, session_id: str) -> Response:
    code = new_secret()
    with ctx.store.lock:
        ctx.store.requests.pop(pending.id, None)
        ctx.store.grants[digest(code)] = Grant(
            pending.client_id,
            pending.redirect_uri,
            pending.code_challenge,
            session_id,
            ctx.store.now() + GRANT_SECONDS,
        )
    return back_to_client(pending.redirect_uri, code=code, state=pending.state)


def logout(ctx: AuthContext, request: Request) -> Response:
    client_id, logout_uri = request.args.get("client_id", ""), request.args.get("logout_uri", "")
    if not ctx.clients.logout_allowed(client_id, logout_uri):
        return html(pages.message("Sign-out error", "Unknown application or sign-out address."), 400)
    with ctx.store.lock:
        session_id = ctx.session_id(request)
        if session_id:
            ctx.store.end_session(session_id)
    response = redirect(logout_uri)
    ctx.clear_session_cookie(response)
    return response
