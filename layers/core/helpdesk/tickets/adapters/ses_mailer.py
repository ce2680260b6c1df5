"""The Mailer port over SES `send_raw_email` (locally the emulator, whose sent mail the mail viewer shows)."""

from __future__ import annotations

from typing import Any


class SesMailer:
    def __init__(self, client: Any, configuration_set: str | None = None) -> None:
        self._ses = client
        self._configuration_set = configuration_set

    def send(self, raw: bytes, sender: str, recipients: list[str]) -> str:
        extra = {"ConfigurationSetName": self._configuration_set} if self._configuration_set else {}
        response = self._ses.send_raw_email(
            Source=sender, Destinations=list(recipients), RawMessage={"Data": raw}, **extra
        )
        return str(response["MessageId"])
