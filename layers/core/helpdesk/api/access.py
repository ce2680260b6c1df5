"""Every route declares who may call it; enforced here, recorded for the access matrix and the template."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from chalice import Chalice

from helpdesk.api.errors import mapped
from helpdesk.identity.public import Access, Principal, Role, TokenUse, TokenVerifier, authorize

# Handlers declare callers and access through this module, never through identity's inner modules.
__all__ = [
    "Access",
    "Principal",
    "Role",
    "TokenVerifier",
    "allowed_sections",
    "route",
    "route_table",
    "undeclared_routes",
]

RouteTable = dict[tuple[str, str], Access]


def route_table(app: Chalice) -> RouteTable:
    """(METHOD, path) -> Access of every route registered through `route`."""
    table: RouteTable | None = getattr(app, "helpdesk_access", None)
    if table is None:
        table = {}
        app.helpdesk_access = table  # type: ignore[attr-defined]
    return table


def route(
    app: Chalice,
    path: str,
    *,
    access: Access,
    verifier: Callable[[], TokenVerifier],
    methods: Sequence[str] = ("GET",),
    token_use: TokenUse = "id",
    **options: Any,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a Chalice route whose view gets the verified caller (or None) as its first argument.

    `verifier` is a factory (the container's cached verifier) so importing the app costs no JWKS fetch.
    """

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def guarded(**params: Any) -> Any:
            request = app.current_request
            header = request.headers.get("authorization") if request is not None and request.headers else None
            principal = verifier().principal_from_header(header, token_use)
            authorize(access, principal)
            return view(principal, **params)

        app.route(path, methods=list(methods), **options)(mapped(guarded))
        table = route_table(app)
        for method in methods:
            table[(method.upper(), path)] = access
        return view

    return register


def undeclared_routes(app: Chalice) -> set[tuple[str, str]]:
    """Routes registered with plain `app.route`, which say nothing about who may call them."""
    declared = route_table(app)
    return {(method, path) for path, entries in app.routes.items() for method in entries} - set(declared)


def allowed_sections(
    app: Chalice, principal: Principal | None, sections: dict[str, tuple[str, str]]
) -> list[str]:
    """The sections (name -> the (METHOD, path) route its page needs) whose route admits `principal`, in
    the given order: the console shows these and nothing else, so it never offers a page that answers 403."""
    table = route_table(app)
    return [name for name, key in sections.items() if table[key].admits(principal)]
