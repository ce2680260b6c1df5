"""Server access from a ticket: the CA's public key, requests, approval, certificates, revocation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Response

if TYPE_CHECKING:
    from helpdesk.access.views import (
        AccessRequestView,
        CaView,
        PolicyView,
        ServerListView,
        TicketAccessView,
    )

from helpdesk.api.access import Principal, route
from helpdesk.api.errors import created
from helpdesk.bootstrap import container

from .common import PROJECT_ADMIN, SUPPORT, TASK_WORK, app, body, verifier

MANAGERS = PROJECT_ADMIN  # admin and manager


@route(app, "/access/ca", access=SUPPORT, verifier=verifier)
def access_ca(caller: Principal) -> CaView:
    from helpdesk.access.views import CaView

    return CaView(public_key=container().access_ca.public_key())


@route(app, "/tickets/{ticket_id}/access-requests", access=TASK_WORK, verifier=verifier, methods=["POST"])
def request_access(caller: Principal, ticket_id: str) -> Any:
    from helpdesk.access.views import AccessRequestBody, AccessRequestCreatedView

    command = AccessRequestBody.model_validate(body()).command()
    request = container().access_grants.request(ticket_id, command, caller.email or "")
    return created(AccessRequestCreatedView(id=request.id, status=request.status.value))


@route(app, "/tickets/{ticket_id}/access", access=SUPPORT, verifier=verifier)
def ticket_access(caller: Principal, ticket_id: str) -> TicketAccessView:
    from helpdesk.access.views import AccessRequestListView, ServerView, TicketAccessView

    panel = container().access_grants.for_ticket(ticket_id)
    return TicketAccessView(
        servers=[ServerView.of(s) for s in panel.servers],
        requests=AccessRequestListView.of(panel.requests).items,
    )


@route(app, "/access-requests/{request_id}", access=SUPPORT, verifier=verifier)
def get_access_request(caller: Principal, request_id: str) -> AccessRequestView:
    from helpdesk.access.views import AccessRequestView

    issued = container().access_grants.fetch(request_id, caller.email or "")
    return AccessRequestView.of(issued.request, issued.panel_password)


@route(app, "/access-requests/{request_id}/approve", access=MANAGERS, verifier=verifier, methods=["POST"])
def approve_access(caller: Principal, request_id: str) -> AccessRequestView:
    from helpdesk.access.views import AccessRequestView, Approver

    issued = container().access_grants.approve(request_id, caller.email or "", Approver.MANAGER)
    return AccessRequestView.of(issued.request, issued.panel_password)


@route(app, "/access-requests/{request_id}/revoke", access=TASK_WORK, verifier=verifier, methods=["POST"])
def revoke_access(caller: Principal, request_id: str) -> AccessRequestView:
    from helpdesk.access.views import AccessRequestView

    own_only = not MANAGERS.admits(caller)
    return AccessRequestView.of(
        container().access_grants.revoke(request_id, caller.email or "", own_only=own_only)
    )


@route(app, "/organisations/{organisation_id}/servers", access=SUPPORT, verifier=verifier)
def organisation_servers(caller: Principal, organisation_id: str) -> ServerListView:
    from helpdesk.access.views import ServerListView

    admin = container().access_admin
    return ServerListView.of(
        admin.servers(organisation_id), admin.ca_public_key(), admin.krl_url(organisation_id)
    )


@route(app, "/organisations/{organisation_id}/servers", access=MANAGERS, verifier=verifier, methods=["POST"])
def register_server_for_client(caller: Principal, organisation_id: str) -> Any:
    from helpdesk.access.views import ServerBody, ServerView

    command = ServerBody.model_validate(body()).command()
    return created(
        ServerView.of(
            container().access_admin.register_server(
                organisation_id, command, caller.email or "", by_client=False
            )
        )
    )


@route(
    app, "/organisations/{organisation_id}/access-policy", access=MANAGERS, verifier=verifier, methods=["PUT"]
)
def set_access_policy(caller: Principal, organisation_id: str) -> PolicyView:
    from helpdesk.access.views import PolicyBody, PolicyView

    wanted = PolicyBody.model_validate(body())
    return PolicyView.of(
        container().access_admin.set_policy(organisation_id, wanted.approval, wanted.max_hours)
    )


@route(app, "/organisations/{organisation_id}/access-audit", access=MANAGERS, verifier=verifier)
def access_audit(caller: Principal, organisation_id: str) -> Response:
    text = container().access_admin.audit_csv(organisation_id)
    disposition = f'attachment; filename="access-audit-{organisation_id}.csv"'
    return Response(
        text, status_code=200, headers={"Content-Type": "text/csv", "Content-Disposition": disposition}
    )
