"""Channels for staff (docs/channels.md): form submissions held for review, released or dismissed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.channels.views.chat import ChatLineView, LiveChatsView
    from helpdesk.channels.views.forms import HeldPageView
    from helpdesk.channels.views.replies import ReplyChannelsView
    from helpdesk.channels.views.telegram import IdentityMergedView
    from helpdesk.tickets.views.tickets import MessageView


from .common import SUPPORT, app, body, query, verifier

REVIEWERS = Access.staff(Role.ADMIN, Role.OPS, Role.MANAGER)


@route(app, "/channels/held", access=Access.staff(), verifier=verifier)
def held_submissions(caller: Principal) -> HeldPageView:
    from helpdesk.channels.views.forms import HeldPageView, HeldSubmissionView

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


@route(app, "/tickets/{ticket_id}/channels", access=SUPPORT, verifier=verifier)
def reply_channels(caller: Principal, ticket_id: str) -> ReplyChannelsView:
    """Where the agent can answer this ticket's customer: mail, and each chat they have with us."""
    from helpdesk.channels.views.replies import ReplyChannelsView

    ticket = container().tickets.tickets.get_ticket(ticket_id).ticket
    return ReplyChannelsView(channels=container().channel_replies.channels_for(ticket))


@route(app, "/tickets/{ticket_id}/channel-replies", access=SUPPORT, verifier=verifier, methods=["POST"])
def channel_reply(caller: Principal, ticket_id: str) -> MessageView:
    """A reply on another channel than mail (Telegram): stored now, sent by the channel reply worker."""
    from helpdesk.channels.views.replies import ChannelReplyRequest
    from helpdesk.tickets.views.tickets import MessageView

    request = ChannelReplyRequest.model_validate(body())
    message = container().channel_replies.reply(
        ticket_id, caller.email or "", caller.name or "", request.text, request.channel, request.files()
    )
    return MessageView.of(message)


@route(app, "/channels/identities/{customer_id}/merge", access=SUPPORT, verifier=verifier, methods=["POST"])
def merge_identity(caller: Principal, customer_id: str) -> IdentityMergedView:
    """A Telegram chat or WhatsApp number turns out to be a known customer: its tickets and later messages
    go to them. An unknown id and a customer who is no chat identity get the same 404."""
    from helpdesk.channels.views.telegram import IdentityMergedView, IdentityMergeRequest

    email = IdentityMergeRequest.model_validate(body()).customer_email
    merged = container().channel_identities.merge(customer_id, email)
    return IdentityMergedView(channel=merged.channel, customer_id=merged.customer.id,
                              email=merged.customer.email, moved=merged.moved)  # fmt: skip


@route(app, "/chats", access=SUPPORT, verifier=verifier)
def live_chats(caller: Principal) -> LiveChatsView:
    """Live website chats with their lines (the console polls this while its chat page is open)."""
    from helpdesk.channels.views.chat import LiveChatsView, LiveChatView

    desk = container().chats
    return LiveChatsView(chats=[LiveChatView.of(c, desk.lines(c.id, 0)) for c in desk.live()])


@route(app, "/chats/presence", access=SUPPORT, verifier=verifier, methods=["POST"])
def chat_presence(caller: Principal) -> LiveChatsView:
    """The agent is at the chat page: new chats start live (else they are answered by mail)."""
    from helpdesk.channels.views.chat import LiveChatsView

    return LiveChatsView(chats=[], online=container().chats.beat(caller.email or ""))


@route(app, "/chats/{chat_id}/messages", access=SUPPORT, verifier=verifier, methods=["POST"])
def agent_says(caller: Principal, chat_id: str) -> ChatLineView:
    from helpdesk.channels.views.chat import ChatLineView, ChatSayRequest

    request = ChatSayRequest.model_validate(body())
    line = container().chats.agent_says(chat_id, caller.email or "", caller.name or "", request.text)
    return ChatLineView.of(line)
