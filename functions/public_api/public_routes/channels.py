"""Website forms (docs/channels.md): the form a site embeds, its submissions, the sender's confirmation link.

A form's answers, refusals included, carry CORS headers for the form's own listed origins only, so an
embedding page can read the reference or what to fix; any other site's browser gets neither."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalice import Response
from helpdesk.api.access import Principal, route
from helpdesk.api.app import header, query_params, raw_body
from helpdesk.api.errors import answered
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.channels.views.chat import ChatLinesView, ChatLineView, ChatStartView
    from helpdesk.channels.views.forms import SubmissionAccepted


from .common import PUBLIC, app, client_address, verifier

FORM_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain"]


@route(app, "/forms/{form_id}", access=PUBLIC, verifier=verifier)
def describe_form(caller: Principal | None, form_id: str) -> Response:
    from helpdesk.channels.views.forms import FormView

    return _for_origin(form_id, lambda: FormView.of(*container().forms.form(form_id)), 200)


@route(app, "/forms/{form_id}", access=PUBLIC, verifier=verifier, methods=["POST"], content_types=FORM_TYPES)
def submit_form(caller: Principal | None, form_id: str) -> Response:
    from helpdesk.channels.views.forms import SubmissionAccepted, form_answers

    def submit() -> SubmissionAccepted:
        origin = header(app, "origin") or ""
        answers = form_answers(header(app, "content-type") or "", raw_body(app))
        answer = container().forms.submit(form_id, answers, client_address() or "", origin)
        return SubmissionAccepted(reference=answer.reference)

    return _for_origin(form_id, submit, 202)


@route(app, "/forms/confirm/{token}", access=PUBLIC, verifier=verifier)
def confirm_sender(caller: Principal | None, token: str) -> Response:
    done = container().forms.confirm(token)
    text = (
        "Thank you: your address is confirmed."
        if done
        else "Thank you. Please open the link again in a minute."
    )
    page = f"<!doctype html><meta charset=utf-8><title>Confirmed</title><p>{text}</p>"
    return Response(page, status_code=200, headers={"Content-Type": "text/html; charset=utf-8"})


def _for_origin(form_id: str, answer: Callable[[], Any], status: int) -> Response:
    return _cors(lambda origin: container().forms.allows(form_id, origin), answer, status)


def _cors(allows: Callable[[str], bool], answer: Callable[[], Any], status: int) -> Response:
    response = answered(answer, status)
    origin = header(app, "origin") or ""
    if allows(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


@route(app, "/channels/telegram/{bot_id}", access=PUBLIC, verifier=verifier, methods=["POST"])
def telegram_webhook(caller: Principal | None, bot_id: str) -> dict[str, str]:
    """Telegram's webhook: the secret_token given to setWebhook comes back in a header; checked per bot."""
    from helpdesk.channels.views.telegram import telegram_update

    secret = header(app, "x-telegram-bot-api-secret-token") or ""
    return {"outcome": container().telegram.receive(bot_id, secret, telegram_update(raw_body(app)))}


# The chat widget's calls are form-encoded POSTs (CORS "simple" requests, no preflight); the chat's token
# travels in the body, never in a URL that logs keep.
@route(app, "/chats", access=PUBLIC, verifier=verifier, methods=["POST"], content_types=FORM_TYPES)
def start_chat(caller: Principal | None) -> Response:
    from helpdesk.channels.views.chat import ChatStartView
    from helpdesk.channels.views.forms import form_answers

    def start() -> ChatStartView:
        asked = form_answers(header(app, "content-type") or "", raw_body(app))
        origin = header(app, "origin") or ""
        chat, token = container().chats.start(
            asked.get("name", ""), asked.get("email", ""), client_address() or "", origin
        )
        return ChatStartView(chat_id=chat.id, token=token, mode=chat.mode.value)

    return _cors(container().chats.allows, start, 200)


@route(
    app,
    "/chats/{chat_id}/messages",
    access=PUBLIC,
    verifier=verifier,
    methods=["POST"],
    content_types=FORM_TYPES,
)
def visitor_says(caller: Principal | None, chat_id: str) -> Response:
    from helpdesk.channels.views.chat import ChatLineView
    from helpdesk.channels.views.forms import form_answers

    def say() -> ChatLineView:
        asked = form_answers(header(app, "content-type") or "", raw_body(app))
        return ChatLineView.of(
            container().chats.visitor_says(chat_id, asked.get("token", ""), asked.get("text", ""))
        )

    return _cors(container().chats.allows, say, 200)


@route(
    app, "/chats/{chat_id}/poll", access=PUBLIC, verifier=verifier, methods=["POST"], content_types=FORM_TYPES
)
def visitor_polls(caller: Principal | None, chat_id: str) -> Response:
    from helpdesk.channels.views.chat import ChatLinesView, ChatLineView
    from helpdesk.channels.views.forms import form_answers

    def read() -> ChatLinesView:
        asked = form_answers(header(app, "content-type") or "", raw_body(app))
        after = int(asked.get("after", "0")) if asked.get("after", "0").isdigit() else 0
        chat, lines = container().chats.visitor_reads(chat_id, asked.get("token", ""), after)
        return ChatLinesView(mode=chat.mode.value, lines=[ChatLineView.of(x) for x in lines])

    return _cors(container().chats.allows, read, 200)


@route(app, "/channels/whatsapp/{phone_number_id}", access=PUBLIC, verifier=verifier)
def whatsapp_subscription(caller: Principal | None, phone_number_id: str) -> Response:
    """Meta's one-time check when the webhook is subscribed: the challenge back, as plain text."""
    q = query_params(app)
    challenge = container().whatsapp.verify_subscription(
        phone_number_id, q.get("hub.mode", ""), q.get("hub.verify_token", ""), q.get("hub.challenge", "")
    )
    return Response(challenge, status_code=200, headers={"Content-Type": "text/plain; charset=utf-8"})


@route(app, "/channels/whatsapp/{phone_number_id}", access=PUBLIC, verifier=verifier, methods=["POST"])
def whatsapp_webhook(caller: Principal | None, phone_number_id: str) -> dict[str, int]:
    """Signed by Meta with the app secret (X-Hub-Signature-256 over the raw body)."""
    signature = header(app, "x-hub-signature-256") or ""
    return {"taken": container().whatsapp.receive(phone_number_id, raw_body(app), signature)}
