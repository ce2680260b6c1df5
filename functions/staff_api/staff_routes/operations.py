"""Operations: the on-call rota, acknowledgements and the page log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Access, Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.operations.views.api import PageListView, RotaView


from .common import OPS, app, body, verifier


@route(app, "/ops/rota", access=Access.staff(), verifier=verifier)
def get_rota(caller: Principal) -> RotaView:
    from helpdesk.operations.views.api import RotaView

    return RotaView.of(container().operations.rota())


@route(app, "/ops/rota", access=OPS, verifier=verifier, methods=["PUT"])
def put_rota(caller: Principal) -> RotaView:
    from helpdesk.operations.views.api import RotaView

    rota = RotaView.model_validate(body()).to_rota()
    return RotaView.of(container().operations.change_rota(rota))


@route(app, "/ops/ack", access=Access.staff(), verifier=verifier, methods=["POST"])
def acknowledge(caller: Principal) -> dict[str, bool]:
    from helpdesk.operations.views.api import AcknowledgeRequest

    request = AcknowledgeRequest.model_validate(body())
    container().operations.acknowledge(request.token, caller.email or "")
    return {"acknowledged": True}


@route(app, "/ops/pages", access=Access.staff(), verifier=verifier)
def pages(caller: Principal) -> PageListView:
    from helpdesk.operations.views.api import PageListView

    operations = container().operations
    now = operations.clock.now()
    return PageListView.of(operations.recent_pages(), now)
