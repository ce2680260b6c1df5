"""Staff API: the console's backend. Each route declares who may call it, parses, calls one service, returns a view."""

from helpdesk.api.access import route
from helpdesk.api.app import new_app
from helpdesk.bootstrap import container
from helpdesk.contracts.operations import AcknowledgeRequest, RotaView
from helpdesk.domain.escalation import OnCallPerson, Rota
from helpdesk.domain.identity import Access, Role
from helpdesk.services import escalation
from helpdesk.services.health import check_health
from helpdesk.settings import get_settings

app = new_app("helpdesk-staff", get_settings().console_url)
OPS = Access.staff(Role.ADMIN, Role.OPS)


def verifier():  # type: ignore[no-untyped-def]
    return container().token_verifier


def body():  # type: ignore[no-untyped-def]
    return app.current_request.json_body or {}


@route(app, "/health", access=Access.public(), verifier=verifier)
def health(caller):  # type: ignore[no-untyped-def]
    c = container()
    return check_health(c.queue_monitor, c.settings.queue_names)


@route(app, "/ops/rota", access=Access.staff(), verifier=verifier)
def get_rota(caller):  # type: ignore[no-untyped-def]
    rota = escalation.current_rota(container().rota_store)
    return RotaView(people=[], ack_seconds=300) if rota is None else _rota_view(rota)


@route(app, "/ops/rota", access=OPS, verifier=verifier, methods=["PUT"])
def put_rota(caller):  # type: ignore[no-untyped-def]
    view = RotaView.model_validate(body())
    rota = Rota(people=tuple(OnCallPerson(p.name, p.email, p.phone) for p in view.people),
                ack_seconds=view.ack_seconds)
    return _rota_view(escalation.change_rota(container().rota_store, rota))


@route(app, "/ops/ack", access=Access.staff(), verifier=verifier, methods=["POST"])
def acknowledge(caller):  # type: ignore[no-untyped-def]
    request = AcknowledgeRequest.model_validate(body())
    escalation.acknowledge(request.token, caller.email, container().escalation)
    return {"acknowledged": True}


def _rota_view(rota: Rota) -> RotaView:
    return RotaView.model_validate({"people": [p.__dict__ for p in rota.people], "ack_seconds": rota.ack_seconds})
