"""Mails the confirmation link through the product's one notice mailer."""

from __future__ import annotations

from helpdesk.notices.public import Mailer, OutgoingMail


class MailedConfirmations:
    def __init__(self, mailer: Mailer) -> None:
        self._mailer = mailer

    def send(self, to: str, reference: str, link: str) -> None:
        text = (
            f"We received your request {reference}.\n\n"
            f"Please confirm this is your address by opening this link:\n{link}\n\n"
            "If you did not send it, ignore this mail: nothing more will be sent."
        )
        self._mailer.send(
            OutgoingMail(to, f"Please confirm your request {reference}", text, f"confirm-{reference}")
        )
