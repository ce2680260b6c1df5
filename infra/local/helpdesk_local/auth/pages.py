"""The sign-in pages: plain HTML forms carrying the pending request id and a CSRF token, never a URL."""

from __future__ import annotations

from html import escape

from helpdesk_local.auth.password_rules import PasswordRules

RULES_SCRIPT = "/assets/password-rules.js"

STYLE = (
    "body{font:16px system-ui,sans-serif;background:#f4f5f7;margin:0}main{max-width:22rem;margin:4rem auto;"
    "background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}"
    "label{display:block;margin:.8rem 0}"
    "input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.2rem}"
    "button{margin-top:1rem;padding:.6rem 1.2rem}.error{color:#b00020}.notice{color:#05603a}"
    "nav a{margin-right:1rem}.rules{margin:.2rem 0 0;padding-left:1.4rem;font-size:.9rem;color:#444}"
    '.rules li::marker{content:"○  "}.rules li.met{color:#05603a}.rules li.met::marker{content:"✓  "}'
)


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{escape(title)} · Helpdesk</title>'
        f'<meta name="viewport" content="width=device-width"><style>{STYLE}</style>'
        f"<main><h1>{escape(title)}</h1>{body}</main></html>"
    )


def _banner(error: str | None, notice: str | None) -> str:
    parts = [f'<p class="error" role="alert">{escape(error)}</p>' if error else ""]
    parts.append(f'<p class="notice" role="status">{escape(notice)}</p>' if notice else "")
    return "".join(parts)


def _hidden(request_id: str, csrf: str) -> str:
    return (
        f'<input type="hidden" name="request" value="{escape(request_id)}">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
    )


def _field(
    label: str, name: str, kind: str = "text", value: str = "", auto: str = "", extra: str = ""
) -> str:
    return (
        f'<label>{escape(label)}<input name="{name}" type="{kind}" value="{escape(value)}" '
        f'autocomplete="{auto or "off"}" required{extra}></label>'
    )


def _new_password(label: str, rules: PasswordRules) -> str:
    """The field with the pool's rules under it; password-rules.js ticks them off as the person types."""
    items = "".join(
        f'<li data-rule="{r.key}" data-minimum="{r.minimum}">{escape(r.text)}</li>' for r in rules.rules
    )
    return (
        _field(label, "password", "password", auto="new-password", extra=' aria-describedby="password-rules"')
        + f'<ul class="rules" id="password-rules" aria-label="Password rules">{items}</ul>'
        + f'<script src="{RULES_SCRIPT}" defer></script>'
    )


def _nav(request_id: str) -> str:
    rid = escape(request_id)
    return (
        f'<nav><a href="/login?request={rid}">Sign in</a><a href="/signup?request={rid}">Create account</a>'
        f'<a href="/signup/confirm?request={rid}">Have a code?</a>'
        f'<a href="/forgot?request={rid}">Forgot password</a></nav>'
    )


def sign_in(
    request_id: str, csrf: str, email: str = "", error: str | None = None, notice: str | None = None
) -> str:
    return page(
        "Sign in",
        _banner(error, notice)
        + f'<form method="post" action="/login">{_hidden(request_id, csrf)}'
        + _field("E-mail", "email", "email", email, "username")
        + _field("Password", "password", "password", auto="current-password")
        + '<button type="submit">Sign in</button></form>'
        + _nav(request_id),
    )


def sign_up(
    request_id: str,
    csrf: str,
    rules: PasswordRules,
    email: str = "",
    name: str = "",
    error: str | None = None,
) -> str:
    return page(
        "Create account",
        _banner(error, None)
        + f'<form method="post" action="/signup">{_hidden(request_id, csrf)}'
        + _field("Your name", "name", "text", name, "name", extra=' maxlength="100"')
        + _field("E-mail", "email", "email", email, "username")
        + _new_password("Password", rules)
        + '<button type="submit">Create account</button></form>'
        + _nav(request_id),
    )


def code_form(
    title: str,
    action: str,
    request_id: str,
    csrf: str,
    email: str = "",
    rules: PasswordRules | None = None,
    error: str | None = None,
    notice: str | None = None,
) -> str:
    """`rules`: ask for a new password under them too (password reset)."""
    password = _new_password("New password", rules) if rules else ""
    return page(
        title,
        _banner(error, notice)
        + f'<form method="post" action="{action}">{_hidden(request_id, csrf)}'
        + _field("E-mail", "email", "email", email, "username")
        + _field("Code from the e-mail", "code", "text", auto="one-time-code")
        + password
        + '<button type="submit">Continue</button></form>'
        + _nav(request_id),
    )


def forgot(request_id: str, csrf: str, error: str | None = None) -> str:
    return page(
        "Reset password",
        _banner(error, None)
        + f'<form method="post" action="/forgot">{_hidden(request_id, csrf)}'
        + _field("E-mail", "email", "email", auto="username")
        + '<button type="submit">Send code</button></form>'
        + _nav(request_id),
    )


def message(title: str, text: str) -> str:
    return page(title, f"<p>{escape(text)}</p>")


def confirm_sign_up(
    request_id: str, csrf: str, email: str = "", error: str | None = None, notice: str | None = None
) -> str:
    return code_form(
        "Confirm your e-mail", "/signup/confirm", request_id, csrf, email, error=error, notice=notice
    )
