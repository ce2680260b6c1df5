"""The agent's desk: tickets, replies, notes, macros, presence, bulk work, views, spam, time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.api.app import header
from helpdesk.api.errors import created
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.sla.views import DeskInboxPageView, DeskTicketPageView, TimelineView
    from helpdesk.tickets.views.composer import SignatureView
    from helpdesk.tickets.views.desk import (
        BulkAnswerView,
        SavedViewListView,
        SavedViewView,
        SpamListView,
        TimeEntryView,
        TimeSheetView,
    )
    from helpdesk.tickets.views.macros import (
        AppliedMacroView,
        MacroListView,
        MacroView,
        PresenceListView,
    )
    from helpdesk.tickets.views.staff import StaffListView
    from helpdesk.tickets.views.tickets import (
        DownloadView,
        IngestResultView,
        MessageView,
        QuarantineListView,
        TicketView,
    )

from pydantic import BaseModel

from .common import SUPPORT, app, body, query, verifier

MANAGE_SHARED = {
    Role.ADMIN,
    Role.MANAGER,
}  # they may change or remove what a colleague shared (views, macros)


@route(app, "/staff", access=SUPPORT, verifier=verifier)
def staff(caller: Principal) -> StaffListView:
    from helpdesk.tickets.views.staff import StaffListView

    return StaffListView.of(container().staff.assignable())


@route(app, "/tickets", access=SUPPORT, verifier=verifier)
def list_tickets(caller: Principal) -> DeskInboxPageView:
    from helpdesk.tickets.views.desk import InboxPageView
    from helpdesk.tickets.views.tickets import TicketFilter

    wanted = TicketFilter.model_validate(query())
    if wanted.assignee == "me":
        wanted = wanted.model_copy(update={"assignee": caller.email})
    c, me = container(), caller.email or ""
    if wanted.updated_since is not None:
        changes = c.desk.changes(wanted.query(), wanted.updated_since)
        unread = c.desk.unread(me, changes.items)
        view = InboxPageView.of_changes(changes.items, changes.left, changes.since, unread)
        return c.inbox_with_sla(view, changes.items)
    page = c.tickets.tickets.list_tickets(wanted.query(), wanted.limit, wanted.cursor)
    view = InboxPageView.of_page(page, c.desk.unread(me, page.items), c.desk.since_now())
    return c.inbox_with_sla(view, page.items)


@route(app, "/tickets/counts", access=SUPPORT, verifier=verifier)
def ticket_counts(caller: Principal) -> BaseModel:
    return container().ticket_counts(caller.email or "")


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier)
def get_ticket(caller: Principal, ticket_id: str) -> DeskTicketPageView:
    page = container().desk_ticket_page(ticket_id)
    container().desk.mark_seen(caller.email or "", page.ticket.id, page.ticket.last_activity_at)
    return page


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier, methods=["PATCH"])
def change_ticket(caller: Principal, ticket_id: str) -> TicketView:
    from helpdesk.tickets.views.tickets import TicketView, UpdateTicketRequest

    change = UpdateTicketRequest.model_validate(body()).change()
    return TicketView.of(container().tickets.tickets.change(ticket_id, change))


@route(app, "/tickets/{ticket_id}/replies", access=SUPPORT, verifier=verifier, methods=["POST"])
def reply(caller: Principal, ticket_id: str) -> MessageView:
    from helpdesk.tickets.views.tickets import MessageView, ReplyRequest

    b = ReplyRequest.model_validate(body())
    token = b.client_token or header(app, "idempotency-key")
    tickets = container().tickets.tickets
    author = caller.email or ""
    message = tickets.reply(
        ticket_id, author, b.text, b.html, b.files(), token, caller.name or "", **b.options()
    )
    return MessageView.of(message)


@route(app, "/tickets", access=SUPPORT, verifier=verifier, methods=["POST"])
def start_conversation(caller: Principal) -> Any:
    """A ticket the agent opens by writing to the customer first; it waits for their answer."""
    from helpdesk.tickets.views.tickets import NewConversationRequest, TicketView

    new = NewConversationRequest.model_validate(body())
    if new.client_token is None and header(app, "idempotency-key"):
        new = new.model_copy(update={"client_token": header(app, "idempotency-key")})
    conversations = container().tickets.conversations
    assert conversations is not None  # the container always builds them
    ticket = conversations.start(new.conversation(), caller.email or "", caller.name or "")
    return created(TicketView.of(ticket))


@route(app, "/tickets/{ticket_id}/forward", access=SUPPORT, verifier=verifier, methods=["POST"])
def forward(caller: Principal, ticket_id: str) -> Any:
    """A message of the ticket to someone outside it; staff-only on the ticket, never the customer's."""
    from helpdesk.tickets.views.tickets import ForwardRequest, MessageView

    wanted = ForwardRequest.model_validate(body())
    conversations = container().tickets.conversations
    assert conversations is not None
    sent = conversations.forward(
        ticket_id, wanted.to, wanted.text, caller.email or "", caller.name or "", wanted.message_id
    )
    return created(MessageView.of(sent))


@route(app, "/tickets/{ticket_id}/notes", access=SUPPORT, verifier=verifier, methods=["POST"])
def note(caller: Principal, ticket_id: str) -> MessageView:
    from helpdesk.tickets.views.tickets import MessageView, NoteRequest

    b = NoteRequest.model_validate(body())
    tickets = container().tickets.tickets
    return MessageView.of(
        tickets.add_note(ticket_id, caller.email or "", b.text, caller.name or "", b.files())
    )


@route(app, "/tickets/{ticket_id}/snooze", access=SUPPORT, verifier=verifier, methods=["POST"])
def snooze(caller: Principal, ticket_id: str) -> TicketView:
    from helpdesk.tickets.views.tickets import SnoozeRequest, TicketView

    until = SnoozeRequest.model_validate(body()).until
    return TicketView.of(container().tickets.tickets.snooze(ticket_id, until))


@route(app, "/tickets/{ticket_id}/merge", access=SUPPORT, verifier=verifier, methods=["POST"])
def merge(caller: Principal, ticket_id: str) -> TicketView:
    from helpdesk.tickets.views.tickets import MergeRequest, TicketView

    source_id = MergeRequest.model_validate(body()).source_id
    return TicketView.of(container().tickets.tickets.merge(source_id, ticket_id))


@route(app, "/tickets/{ticket_id}/download", access=SUPPORT, verifier=verifier)
def download(caller: Principal, ticket_id: str) -> DownloadView:
    from helpdesk.tickets.views.tickets import DownloadView

    url = container().tickets.tickets.attachment_url(ticket_id, query().get("key", ""))
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/quarantine", access=Access.staff(), verifier=verifier)
def quarantine(caller: Principal) -> QuarantineListView:
    from helpdesk.tickets.views.tickets import QuarantineListView

    q = query()
    return QuarantineListView.of(
        container().tickets.quarantine.list_held(int(q.get("limit", 25)), q.get("cursor"))
    )


@route(
    app,
    "/quarantine/reprocess",
    access=Access.staff(Role.ADMIN, Role.OPS, Role.MANAGER),
    verifier=verifier,
    methods=["POST"],
)
def reprocess(caller: Principal) -> IngestResultView:
    from helpdesk.tickets.views.tickets import IngestResultView

    return IngestResultView.of(container().tickets.quarantine.reprocess(str(body().get("key", ""))))


@route(app, "/macros", access=SUPPORT, verifier=verifier)
def list_macros(caller: Principal) -> MacroListView:
    from helpdesk.tickets.views.macros import MacroListView

    me, manages = caller.email or "", bool(MANAGE_SHARED & caller.roles)
    return MacroListView.of(container().macros.usable_by(me), lambda m: m.editable_by(me, manages))


@route(app, "/macros", access=SUPPORT, verifier=verifier, methods=["POST"])
def create_macro(caller: Principal) -> MacroView:
    from helpdesk.tickets.views.macros import MacroRequest, MacroView

    b = MacroRequest.model_validate(body())
    macro = container().macros.create(
        caller.email or "", b.name, b.text, b.set.actions(), b.shared, b.translations
    )
    return MacroView.of(macro)


@route(app, "/macros/{macro_id}", access=SUPPORT, verifier=verifier, methods=["PUT"])
def update_macro(caller: Principal, macro_id: str) -> MacroView:
    from helpdesk.tickets.views.macros import MacroRequest, MacroView

    b, manages = MacroRequest.model_validate(body()), bool(MANAGE_SHARED & caller.roles)
    macro = container().macros.update(
        macro_id, caller.email or "", manages, b.name, b.text, b.set.actions(), b.shared, b.translations
    )
    return MacroView.of(macro)


@route(app, "/macros/{macro_id}", access=SUPPORT, verifier=verifier, methods=["DELETE"])
def delete_macro(caller: Principal, macro_id: str) -> dict[str, bool]:
    container().macros.delete(macro_id, caller.email or "", bool(MANAGE_SHARED & caller.roles))
    return {"deleted": True}


@route(app, "/me/signature", access=SUPPORT, verifier=verifier)
def my_signature(caller: Principal) -> SignatureView:
    return _signature_view(caller, container().signatures.of(caller.email or ""))


@route(app, "/me/signature", access=SUPPORT, verifier=verifier, methods=["PUT"])
def save_my_signature(caller: Principal) -> SignatureView:
    from helpdesk.tickets.views.composer import SignatureRequest

    text = SignatureRequest.model_validate(body()).signature
    return _signature_view(caller, container().signatures.save(caller.email or "", text))


def _signature_view(caller: Principal, signature: str) -> SignatureView:
    from helpdesk.tickets.views.composer import SignatureView

    return SignatureView.of(signature, caller.name or "", container().settings.support_from_name)


@route(app, "/tickets/{ticket_id}/apply-macro", access=SUPPORT, verifier=verifier, methods=["POST"])
def apply_macro(caller: Principal, ticket_id: str) -> AppliedMacroView:
    from helpdesk.tickets.views.macros import AppliedMacroView, ApplyMacroRequest
    from helpdesk.tickets.views.tickets import TicketView

    macro_id = ApplyMacroRequest.model_validate(body()).macro_id
    applied = container().macros.apply(ticket_id, macro_id, caller.email or "", caller.name or "")
    return AppliedMacroView(text=applied.text, ticket=TicketView.of(applied.ticket))


@route(app, "/tickets/{ticket_id}/presence", access=SUPPORT, verifier=verifier, methods=["POST"])
def presence(caller: Principal, ticket_id: str) -> PresenceListView:
    from helpdesk.tickets.views.macros import PresenceListView, PresenceRequest

    state = PresenceRequest.model_validate(body() or {}).state
    others = container().presence.beat(ticket_id, caller.email or "", caller.name or "", state)
    return PresenceListView.of(others)


@route(app, "/tickets/{ticket_id}/timeline", access=SUPPORT, verifier=verifier)
def ticket_timeline(caller: Principal, ticket_id: str) -> TimelineView:
    from helpdesk.sla.views import TimelineView

    return TimelineView.of(container().sla_desk.for_ticket(ticket_id).history)


# The agent's desk (issue 17): the live inbox's unread state, bulk work, the spam list, saved views, time.


@route(app, "/tickets/bulk", access=SUPPORT, verifier=verifier, methods=["POST"])
def bulk_tickets(caller: Principal) -> BulkAnswerView:
    from helpdesk.tickets.views.desk import BulkAnswerView, BulkRequest

    b, bulk = BulkRequest.model_validate(body()), container().bulk
    if b.spam:
        outcomes = bulk.mark_spam(b.ids, caller.email or "")
    elif b.merge_into:
        outcomes = bulk.merge(b.ids, b.merge_into)
    else:
        outcomes = bulk.change(b.ids, b.change(), tuple(b.add_tags))
    return BulkAnswerView.of([(o.id, o.ticket, o.error) for o in outcomes])


@route(app, "/spam", access=SUPPORT, verifier=verifier)
def spam_list(caller: Principal) -> SpamListView:
    from helpdesk.tickets.views.desk import SpamListView, SpamSenderView

    return SpamListView(items=[SpamSenderView.of(s) for s in container().bulk.blocked()])


@route(app, "/spam/unblock", access=SUPPORT, verifier=verifier, methods=["POST"])
def spam_unblock(caller: Principal) -> SpamListView:
    from helpdesk.tickets.views.desk import UnblockRequest

    container().bulk.unblock(UnblockRequest.model_validate(body()).address)
    return spam_list(caller)


@route(app, "/views", access=SUPPORT, verifier=verifier)
def saved_views(caller: Principal) -> SavedViewListView:
    from helpdesk.tickets.views.desk import SavedViewListView, SavedViewView

    return SavedViewListView(items=[SavedViewView.of(v) for v in container().desk.views(caller.email or "")])


@route(app, "/views", access=SUPPORT, verifier=verifier, methods=["POST"])
def save_view(caller: Principal) -> SavedViewView:
    from helpdesk.tickets.views.desk import SavedViewRequest, SavedViewView

    b = SavedViewRequest.model_validate(body())
    view = container().desk.save_view(caller.email or "", b.name, b.checked_filters(), b.sort, b.shared)
    return SavedViewView.of(view)


@route(app, "/views/{view_id}", access=SUPPORT, verifier=verifier, methods=["DELETE"])
def delete_view(caller: Principal, view_id: str) -> dict[str, bool]:
    container().desk.delete_view(caller.email or "", view_id, bool(MANAGE_SHARED & caller.roles))
    return {"deleted": True}


@route(app, "/tickets/{ticket_id}/time", access=SUPPORT, verifier=verifier, methods=["POST"])
def log_time(caller: Principal, ticket_id: str) -> TimeEntryView:
    from helpdesk.tickets.views.desk import TimeEntryView, TimeRequest

    b = TimeRequest.model_validate(body())
    token = b.client_token or header(app, "idempotency-key") or ""
    entry = container().desk.log_time(caller.email or "", ticket_id, b.minutes, b.billable, b.note, token)
    return TimeEntryView.of(entry)


@route(app, "/tickets/{ticket_id}/time", access=SUPPORT, verifier=verifier)
def ticket_time(caller: Principal, ticket_id: str) -> TimeSheetView:
    from helpdesk.tickets.views.desk import TimeSheetView

    return TimeSheetView.of(*container().desk.ticket_time(ticket_id))


@route(app, "/time", access=SUPPORT, verifier=verifier)
def time_report(caller: Principal) -> TimeSheetView:
    from helpdesk.tickets.views.desk import TimeQuery, TimeSheetView

    wanted = TimeQuery.model_validate(query())
    return TimeSheetView.of(*container().desk.time(*wanted.facet()))
