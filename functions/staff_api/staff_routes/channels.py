"""Channels for staff (docs/channels.md): form submissions held for review, released or dismissed."""

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.bootstrap import container
from helpdesk.channels.views import HeldPageView, HeldSubmissionView

from .common import app, query, verifier

REVIEWERS = Access.staff(Role.ADMIN, Role.OPS, Role.MANAGER)


@route(app, "/channels/held", access=Access.staff(), verifier=verifier)
def held_submissions(caller: Principal) -> HeldPageView:
    q = query()
    page = container().forms.held(int(q.get("limit", "25") or 25), q.get("cursor"))
    return HeldPageView(items=[HeldSubmissionView.of(h) for h in page.items], cursor=page.cursor)


@route(app, "/channels/held/{reference}/release", access=REVIEWERS, verifier=verifier, methods=["POST"])
def release_submission(caller: Principal, reference: str) -> dict[str, str]:
    container().forms.release(reference)
    return {"reference": reference, "status": "released"}


@route(app, "/channels/held/{reference}/dismiss", access=REVIEWERS, verifier=verifier, methods=["POST"])
def dismiss_submission(caller: Principal, reference: str) -> dict[str, str]:
    container().forms.dismiss(reference)
    return {"reference": reference, "status": "dismissed"}
