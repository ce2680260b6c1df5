"""Token endpoints apps call with fetch: code exchange, rotating refresh, revocation, CORS."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets

from werkzeug.wrappers import Request, Response

from helpdesk_local.auth.context import AuthContext
from helpdesk_local.auth.oauth import PKCE_VALUE
from helpdesk_local.auth.store import digest


def token(ctx: AuthContext, request: Request) -> Response:
    form = request.form
    grant_type = form.get("grant_type")
    if grant_type == "authorization_code":
        answer = _exchange_code(ctx, form.get("code", ""), form)
    elif grant_type == "refresh_token":
        answer = _refresh(ctx, form.get("refresh_token", ""), form.get("client_id", ""))
    else:
        answer = {"error": "unsupported_grant_type"}
    return _json(ctx, request, answer, 400 if "error" in answer else 200)


def _exchange_code(ctx: AuthContext, code: str, form: dict[str, str]) -> dict[str, object]:
    with ctx.store.lock:
        grant = ctx.store.grants.get(digest(code))
        if grant is None or grant.expires_at <= ctx.store.now():
            return {"error": "invalid_grant"}
        if grant.used:
            # A replayed code: whatever it produced is presumed stolen (RFC 6749 4.1.2).
            if grant.family_id and grant.family_id in ctx.store.families:
                ctx.store.families[grant.family_id].revoked = True
            return {"error": "invalid_grant"}
        grant.used = True
        verifier = form.get("code_verifier", "")
        if (
            grant.client_id != form.get("client_id")
            or grant.redirect_uri != form.get("redirect_uri")
            or not PKCE_VALUE.match(verifier)
            or not secrets.compare_digest(_s256(verifier), grant.code_challenge)
        ):
            return {"error": "invalid_grant"}
        session = ctx.store.live_session(grant.session_id)
        cognito_refresh = session.cognito_refresh.get(grant.client_id) if session else None
        if not cognito_refresh:
            return {"error": "invalid_grant"}
        refresh_token = ctx.store.start_family(grant.session_id, grant.client_id)
        grant.family_id = ctx.store.refresh_index[digest(refresh_token)]
    tokens = ctx.cognito.tokens(grant.client_id, cognito_refresh)
    return {**tokens, "refresh_token": refresh_token} if tokens else {"error": "invalid_grant"}


def _refresh(ctx: AuthContext, refresh_token: str, client_id: str) -> dict[str, object]:
    with ctx.store.lock:
        family = ctx.store.families.get(ctx.store.refresh_index.get(digest(refresh_token), ""))
        if family is None or family.revoked or family.client_id != client_id:
            return {"error": "invalid_grant"}
        if not secrets.compare_digest(family.current, digest(refresh_token)):
            family.revoked = True  # an old token came back: someone else holds the chain
            return {"error": "invalid_grant"}
        session = ctx.store.live_session(family.session_id)
        cognito_refresh = session.cognito_refresh.get(client_id) if session else None
        if not cognito_refresh:
            family.revoked = True
            return {"error": "invalid_grant"}
        new_token = ctx.store.rotate(family)
    tokens = ctx.cognito.tokens(client_id, cognito_refresh)
    return {**tokens, "refresh_token": new_token} if tokens else {"error": "invalid_grant"}


def revoke(ctx: AuthContext, request: Request) -> Response:
    with ctx.store.lock:
        family_id = ctx.store.refresh_index.get(digest(request.form.get("token", "")), "")
        family = ctx.store.families.get(family_id)
        if family is not None and family.client_id == request.form.get("client_id"):
            family.revoked = True
    return _json(ctx, request, {}, 200)


def preflight(ctx: AuthContext, request: Request) -> Response:
    response = Response(status=204)
    _cors(ctx, request, response)
    response.headers["Access-Control-Allow-Methods"] = "POST"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type"
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def _json(ctx: AuthContext, request: Request, body: dict[str, object], status: int) -> Response:
    response = Response(json.dumps(body), status=status, content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    _cors(ctx, request, response)
    return response


def _cors(ctx: AuthContext, request: Request, response: Response) -> None:
    origin = request.headers.get("Origin")
    if origin and origin in ctx.clients.origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
