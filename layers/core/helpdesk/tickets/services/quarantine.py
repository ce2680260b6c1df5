"""Staff view of quarantined mail, and re-processing it through the normal ingest path."""

from __future__ import annotations

from helpdesk.kernel.errors import NotFound
from helpdesk.tickets.model.quarantine import QuarantinedMail, QuarantineStatus
from helpdesk.tickets.ports import MailLedger, Page, QuarantineRepository, RawMailStore
from helpdesk.tickets.services.ingest import IngestResult, MailIngest, MailSource


class QuarantineService:
    def __init__(
        self, quarantine: QuarantineRepository, ledger: MailLedger, raw_mail: RawMailStore, ingest: MailIngest
    ) -> None:
        self._quarantine = quarantine
        self._ledger = ledger
        self._raw = raw_mail
        self._ingest = ingest

    def list_held(self, limit: int = 25, cursor: str | None = None) -> Page[QuarantinedMail]:
        return self._quarantine.list(QuarantineStatus.HELD, max(1, min(limit, 100)), cursor)

    def reprocess(self, key: str) -> IngestResult:
        """Ingest the held mail again, accepting the parser's problems (a human looked at it)."""
        held = self._quarantine.get(key)
        if held is None:
            raise NotFound(f"quarantined mail {key}")
        source = MailSource(held.bucket, held.object_key, held.etag or None, held.ses_message_id or None)
        raw = self._raw.get(held.bucket, held.object_key)
        self._ledger.reset(key)
        result = self._ingest.ingest_mail(source, raw, accept_problems=True)
        if result.outcome.value != "quarantined":
            self._quarantine.set_status(key, QuarantineStatus.REPROCESSED)
        return result

    def dismiss(self, key: str) -> None:
        if self._quarantine.get(key) is None:
            raise NotFound(f"quarantined mail {key}")
        self._quarantine.set_status(key, QuarantineStatus.DISMISSED)
