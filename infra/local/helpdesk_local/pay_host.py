"""pay.localhost on the local stack: stands in for Stripe Checkout.

It shows the priced cart and, on "Pay", posts a `checkout.session.completed` webhook signed exactly as Stripe
signs it to the public API (over HTTP, through the local gateway), then sends the browser to the success URL.
A session that saves the card (monthly or yearly lines) offers Stripe's test cards and also posts the
`payment_intent.succeeded` naming the saved payment method; a declined card sends nothing, as Stripe would,
and the page shows the reason with the form again (another card, or back to the cart).
"""

from __future__ import annotations

import html
import http.client
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from helpdesk.commerce.adapters.stripe_local import (
    DECLINE_REASONS,
    LOCAL_CARDS,
    card_saved_event,
    session_completed_event,
    signed_webhook,
)
from helpdesk.commerce.model.orders import Checkout, CheckoutNotFound

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
WEBHOOK_PATH = "/public/webhooks/stripe"


def make_pay_host(stack: StackParts) -> Wsgi:
    from helpdesk.bootstrap import container

    def post_webhook(body: bytes, signature: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=30)
        headers = {
            "Host": f"api.localhost:{stack.http_port}",
            "Content-Type": "application/json",
            "Stripe-Signature": signature,
        }
        conn.request("POST", WEBHOOK_PATH, body=body, headers=headers)
        status = conn.getresponse().status
        conn.close()
        return status

    return PayPage(
        lambda cid: container().checkout_store.get_checkout(cid),
        lambda: container().settings.local_stripe_webhook_secret,
        lambda: (container().settings.shop_url, container().settings.cabinet_url),
        post_webhook,
    )


class PayPage:
    def __init__(
        self,
        checkout: Callable[[str], Checkout],
        secret: Callable[[], str],
        sites: Callable[[], tuple[str, ...]],
        post_webhook: Callable[[bytes, str], int],
    ) -> None:
        """`sites`: where the browser may be sent back (the shop first, then the cabinet)."""
        self._checkout, self._secret, self._sites, self._post = checkout, secret, sites, post_webhook

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        parts = [p for p in environ.get("PATH_INFO", "/").split("/") if p]
        method = environ["REQUEST_METHOD"]
        if method == "GET" and not parts:
            return _page(start_response, "200 OK", self._home())
        if method == "GET" and len(parts) == 1:
            params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            return self._show(parts[0], params, start_response)
        if method == "POST" and len(parts) == 2 and parts[1] == "pay":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            return self._pay(parts[0], form, start_response)
        return _page(start_response, "404 Not Found", "<p>No such payment.</p>")

    def _show(
        self, session_id: str, params: dict[str, str], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        try:
            checkout = self._checkout(params.get("checkout", ""))
        except CheckoutNotFound:
            return _page(start_response, "404 Not Found", "<p>No such checkout.</p>")
        return self._form(start_response, "200 OK", session_id, checkout, params)

    def _form(
        self,
        start_response: Callable[..., Any],
        status: str,
        session_id: str,
        checkout: Checkout,
        params: dict[str, str],
        declined: str = "",
    ) -> Iterable[bytes]:
        """The payment form; after a decline the same form again with the reason, so the buyer can try
        another card or go back (nothing was charged, nothing is delivered)."""
        total = checkout.total
        rows = "".join(
            f"<li>{html.escape(line.offer.name)} ({html.escape(line.offer.edition)})"
            f"{' for ' + html.escape(', '.join(line.domains)) if line.domains else ''}: "
            f"{line.offer.price.amount / 100:.2f} {line.offer.price.currency}</li>"
            for line in checkout.lines
        )
        hidden = "".join(
            f'<input type="hidden" name="{k}" value="{html.escape(params.get(k, ""))}">'
            for k in ("checkout", "success", "cancel", "customer")
        )
        reason = (
            f"<p id='declined' role='alert'>{html.escape(declined)} Try another card.</p>" if declined else ""
        )
        cancel = self._safe(params.get("cancel", ""))
        back = "Back to cart" if cancel.endswith("/#/cart") else "Cancel and go back"
        return _page(
            start_response,
            status,
            (
                f"<h1>Local payment</h1><p>Order for {html.escape(checkout.customer_email)}</p>"
                f"<ul id='lines'>{rows}</ul>"
                f"<p>Total: <strong id='total'>{total.amount / 100:.2f} {total.currency}</strong></p>{reason}"
                f"<form method='post' action='/{html.escape(session_id)}/pay'>{hidden}"
                f"{_card_choice(saved=bool(params.get('customer')), chosen=params.get('card', ''))}"
                f"<button type='submit' id='pay'>Pay</button></form>"
                f"<p><a id='back' href='{html.escape(cancel)}'>{back}</a></p>"
            ),
        )

    def _pay(
        self, session_id: str, form: dict[str, str], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        try:
            checkout = self._checkout(form.get("checkout", ""))
        except CheckoutNotFound:
            return _page(start_response, "404 Not Found", "<p>No such checkout.</p>")
        customer = form.get("customer") or None
        card = form.get("card", "") if form.get("card", "") in LOCAL_CARDS else DEFAULT_CARD
        method, _ = LOCAL_CARDS[card]
        if method is None:  # declined at once: Stripe sends no webhook, the order stays unpaid
            reason = DECLINE_REASONS.get(card, "Your card was declined.")
            return self._form(start_response, "402 Payment Required", session_id, checkout, form, reason)
        # Ids follow the session, so a second click is the same payment and the same events.
        intent = f"pi_{session_id}"
        events = [
            session_completed_event(checkout, session_id, intent, f"evt_{session_id}", customer=customer)
        ]
        if customer:
            events.append(card_saved_event(checkout, intent, customer, method, f"evt_pi_{session_id}"))
        for event in events:
            status = self._post(*signed_webhook(event, self._secret()))
            if status != 200:
                return _page(
                    start_response, "502 Bad Gateway", f"<p>The shop refused the payment ({status}).</p>"
                )
        start_response(
            "303 See Other", [("Location", self._safe(form.get("success", ""))), ("Content-Length", "0")]
        )
        return [b""]

    def _home(self) -> str:
        shop = html.escape(self._sites()[0])
        return (
            "<h1>Local payment</h1><p>This host stands in for Stripe Checkout on the local stack: the store's"
            " checkout sends you here with a payment session, you pay with a test card, and the store gets"
            " the same signed webhook Stripe would send. Nothing is charged.</p>"
            f"<p>To pay for something, start in the <a id='store' href='{shop}/'>store</a>.</p>"
        )

    def _safe(self, url: str) -> str:
        """Only back to our sites: the page must not become an open redirect."""
        sites = [site.rstrip("/") for site in self._sites()]
        return url if any(url.startswith(site + "/") for site in sites) else sites[0] + "/"


DEFAULT_CARD = "4242424242424242"


def _card_choice(saved: bool, chosen: str = "") -> str:
    """Stripe's test cards; a saved card pays the renewals too, so how it behaves later matters."""
    chosen = chosen if chosen in LOCAL_CARDS and LOCAL_CARDS[chosen][0] else DEFAULT_CARD
    options = "".join(
        f"<label><input type='radio' name='card' value='{number}'"
        f"{' checked' if number == chosen else ''}> {html.escape(label)}</label><br>"
        for number, (_, label) in LOCAL_CARDS.items()
    )
    legend = "Card (saved for renewals)" if saved else "Card"
    return f"<fieldset id='cards'><legend>{legend}</legend>{options}</fieldset>"


def _page(start_response: Callable[..., Any], status: str, body: str) -> Iterable[bytes]:
    data = (
        # The empty icon spares the browser a /favicon.ico request that would answer 404.
        f"<!doctype html><html><head><meta charset='utf-8'><title>Local payment</title>"
        f"<link rel='icon' href='data:,'></head>"
        f"<body>{body}</body></html>"
    ).encode()
    start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data)))])
    return [data]
