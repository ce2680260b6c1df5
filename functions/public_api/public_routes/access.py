"""The revocation lists clients' servers fetch (sshd's RevokedKeys): public, like the CA's public key."""

from chalice import Response
from helpdesk.api.access import Principal, route
from helpdesk.api.app import binary_answer
from helpdesk.bootstrap import container

from .common import PUBLIC, app, verifier


@route(app, "/access/krl/{organisation}", access=PUBLIC, verifier=verifier)
def access_krl(caller: Principal | None, organisation: str) -> Response:
    return binary_answer(app, container().access_admin.krl(organisation))
