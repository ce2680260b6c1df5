"""The client's servers and the agency's access to them: register, approve, revoke, audit; and the signed
approval link from the mail (no sign-in: the link's signature is the authority)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Response

if TYPE_CHECKING:
    from helpdesk.access.views import (
        AccessRequestListView,
        AccessRequestView,
        ApprovalLinkView,
        ServerListView,
        ServerView,
    )

from helpdesk.api.access import Access, Principal, route
from helpdesk.api.errors import created
from helpdesk.bootstrap import container

from .common import CUSTOMER, app, body, verifier

LINK = Access.public()


@route(app, "/servers", access=CUSTOMER, verifier=verifier)
def my_servers(caller: Principal) -> ServerListView:
    from helpdesk.access.views import ServerListView

    admin, organisation = container().access_admin, caller.organisation_id or ""
    return ServerListView.of(admin.servers(organisation), admin.ca_public_key(), admin.krl_url(organisation))


@route(app, "/servers", access=CUSTOMER, verifier=verifier, methods=["POST"])
def register_server(caller: Principal) -> Any:
    from helpdesk.access.views import ServerBody, ServerView

    command = ServerBody.model_validate(body()).command()
    server = container().access_admin.register_server(
        caller.organisation_id or "", command, caller.email or ""
    )
    return created(ServerView.of(server))


@route(app, "/servers/{server_id}/confirm", access=CUSTOMER, verifier=verifier, methods=["POST"])
def confirm_server(caller: Principal, server_id: str) -> ServerView:
    """A server the agency registered for the client becomes usable once the client confirms it."""
    from helpdesk.access.views import ServerView

    server = container().access_admin.confirm_server(
        caller.organisation_id or "", server_id, caller.email or ""
    )
    return ServerView.of(server)


@route(app, "/access-requests", access=CUSTOMER, verifier=verifier)
def my_access_requests(caller: Principal) -> AccessRequestListView:
    from helpdesk.access.views import AccessRequestListView

    return AccessRequestListView.of(container().access_admin.requests(caller.organisation_id or ""))


@route(app, "/access-requests/{request_id}/approve", access=CUSTOMER, verifier=verifier, methods=["POST"])
def approve_access(caller: Principal, request_id: str) -> AccessRequestView:
    from helpdesk.access.views import AccessRequestView, Approver

    grants, organisation = container().client_access_grants, caller.organisation_id or ""
    return AccessRequestView.of(
        grants.approve(request_id, caller.email or "", Approver.CLIENT, organisation).request
    )


@route(app, "/access-requests/{request_id}/revoke", access=CUSTOMER, verifier=verifier, methods=["POST"])
def revoke_access(caller: Principal, request_id: str) -> AccessRequestView:
    from helpdesk.access.views import AccessRequestView

    grants, organisation = container().client_access_grants, caller.organisation_id or ""
    return AccessRequestView.of(grants.revoke(request_id, caller.email or "", organisation))


@route(app, "/access-audit", access=CUSTOMER, verifier=verifier)
def my_access_audit(caller: Principal) -> Response:
    text = container().access_admin.audit_csv(caller.organisation_id or "")
    disposition = 'attachment; filename="access-audit.csv"'
    return Response(
        text, status_code=200, headers={"Content-Type": "text/csv", "Content-Disposition": disposition}
    )


@route(app, "/access/approvals/{token}", access=LINK, verifier=verifier)
def approval_link(caller: Principal | None, token: str) -> ApprovalLinkView:
    from helpdesk.access.views import AccessRequestView, ApprovalLinkView

    request, server = container().client_access_grants.link_details(token)
    return ApprovalLinkView(
        request=AccessRequestView.of(request),
        server_name=server.name if server else "",
        server_host=server.host if server else "",
    )


@route(app, "/access/approvals/{token}", access=LINK, verifier=verifier, methods=["POST"])
def approve_by_link(caller: Principal | None, token: str) -> AccessRequestView:
    from helpdesk.access.views import AccessRequestView

    return AccessRequestView.of(container().client_access_grants.approve_by_link(token).request)
