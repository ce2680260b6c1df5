"""Website forms in: screen a submission, open a ticket through the channel port, keep what is refused."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from helpdesk.channels.model.forms import (
    FormSpec,
    Screening,
    Verdict,
    clean_value,
    content_signals,
    field_problems,
    timing_signal,
)
from helpdesk.channels.model.inbound import InboundMessage
from helpdesk.channels.model.submission import HeldStatus, HeldSubmission, Submission
from helpdesk.channels.model.tokens import confirm_token, confirmed_reference, shown_at, shown_token
from helpdesk.channels.ports import (
    CaptchaVerifier,
    ChannelIntake,
    FormNotFound,
    FormStore,
    HeldPage,
    HeldStore,
    RateWindow,
    SenderConfirmations,
    SubmissionRefused,
    SubmissionThrottled,
    VerifiedTickets,
)
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, Invalid, NotFound

CAPTCHA_FIELD = "captcha_token"
TIMING_FIELD = "form_token"


@dataclass(frozen=True)
class FormAnswer:
    reference: str
    screening: Screening


@dataclass(frozen=True)
class FormConfig:
    secret: bytes
    confirm_url: str  # the confirmation link's base; the token is appended


class FormService:
    def __init__(
        self,
        forms: FormStore,
        held: HeldStore,
        intake: ChannelIntake,
        limits: RateWindow,
        confirmations: SenderConfirmations,
        tickets: VerifiedTickets,
        clock: Clock,
        config: FormConfig,
        captcha: CaptchaVerifier | None = None,
    ) -> None:
        self._forms, self._held, self._intake, self._limits = forms, held, intake, limits
        self._confirmations, self._tickets, self._clock = confirmations, tickets, clock
        self._config, self._captcha = config, captcha

    def form(self, form_id: str) -> tuple[FormSpec, str]:
        """The form's fields and a token saying when it was shown (the time-to-submit rule reads it)."""
        spec = self._spec(form_id)
        return spec, shown_token(self._config.secret, spec.id, self._clock.now())

    def allows(self, form_id: str, origin: str) -> bool:
        """Whether a browser on `origin` may send (and read the answer to) this form: CORS for one form."""
        spec = self._forms.get(form_id)
        return bool(origin) and spec is not None and spec.allows(origin)

    def submit(self, form_id: str, raw: dict[str, str], client_address: str, origin: str) -> FormAnswer:
        """Accepted: a ticket is opened. Refused or held: kept with its reasons for staff, never dropped."""
        spec = self._spec(form_id)
        if not spec.allows(origin):
            raise Forbidden("this site may not send this form")
        now = self._clock.now()
        answers = {k: clean_value(str(v))[:20_000] for k, v in list(raw.items())[:50] if isinstance(k, str)}
        submission = Submission(_reference(), spec.id, answers, now, _client(client_address), origin[:200])
        screening = self._screen(spec, answers, client_address)
        if screening.verdict is Verdict.ACCEPTED:
            self._open(spec, submission)
            return FormAnswer(submission.reference, screening)
        self._held.put(HeldSubmission(submission, screening.reasons))
        if screening.verdict is Verdict.HELD:
            return FormAnswer(submission.reference, screening)
        if any(r.startswith("rate_") for r in screening.reasons) and not screening.problems:
            raise SubmissionThrottled(
                submission.reference, max(spec.per_client[1], spec.per_address[1]) // 10
            )
        raise SubmissionRefused(submission.reference, screening.reasons, screening.problems)

    def _screen(self, spec: FormSpec, answers: dict[str, str], client_address: str) -> Screening:
        now = self._clock.now()
        client_ok = self._limits.allow(
            f"form#{spec.id}#client#{_client(client_address)}", *spec.per_client, now
        )
        problems = field_problems(spec, answers)
        signals = content_signals(spec, answers)
        if any(s.startswith("honeypot") for s in signals):
            return Screening(Verdict.HELD, tuple(signals))  # a bot: answer as if accepted, teach it nothing
        timing = timing_signal(
            spec, shown_at(self._config.secret, spec.id, answers.get(TIMING_FIELD, "")), now
        )
        if timing:
            signals.append(timing)
        if spec.captcha and not (
            self._captcha and self._captcha.verify(answers.get(CAPTCHA_FIELD, ""), client_address)
        ):
            signals.append("captcha: the human check failed")
        address = answers.get(spec.email_field, "").lower()
        address_ok = problems or self._limits.allow(
            f"form#{spec.id}#address#{address}", *spec.per_address, now
        )
        if not client_ok:
            signals.append(
                f"rate_client: over {spec.per_client[0]} from one client in {spec.per_client[1]} s"
            )
        if not address_ok:
            signals.append(
                f"rate_address: over {spec.per_address[0]} for {address} in {spec.per_address[1]} s"
            )
        reasons = tuple([*(f"invalid: {k}: {v}" for k, v in problems.items()), *signals])
        if problems or signals:
            return Screening(Verdict.REFUSED, reasons, problems)
        return Screening(Verdict.ACCEPTED)

    def _open(self, spec: FormSpec, submission: Submission) -> None:
        answers = submission.answers
        address = answers[spec.email_field].lower()
        name_field = next((f.name for f in spec.fields if f.name == "name"), "")
        name = answers.get(name_field, "") if name_field else ""
        # the answers as labelled fields first (no "-- " line: the trimmer would fold them as a signature)
        lines = [f"{f.label}: {answers.get(f.name, '')}" for f in spec.fields if f.kind.value != "textarea"]
        bodies = [f"{f.label}\n{answers.get(f.name, '')}" for f in spec.fields if f.kind.value == "textarea"]
        text = "\n\n".join(["\n".join(lines), *bodies])
        self._intake.take(
            InboundMessage(
                channel="form",
                message_key=submission.reference,
                sender_address=address,
                sender_name=name,
                subject=f"{spec.title}: {name or address}",
                text=text,
                sent_at=submission.received_at,
                to_mailbox=spec.mailbox,
                headers=(("Form", spec.id), ("Form-Reference", submission.reference)),
            )
        )
        link = f"{self._config.confirm_url}{confirm_token(self._config.secret, submission.reference)}"
        self._confirmations.send(address, submission.reference, link)

    def confirm(self, token: str) -> bool:
        """The sender followed the link: their ticket counts as verified. A forged token: NotFound."""
        reference = confirmed_reference(self._config.secret, token)
        if reference is None:
            raise NotFound("confirmation link")
        return self._tickets.confirm_sender("form", reference)

    def held(self, limit: int = 25, cursor: str | None = None) -> HeldPage:
        return self._held.list(HeldStatus.HELD, max(1, min(limit, 100)), cursor)

    def release(self, reference: str) -> None:
        """Staff looked at it: open the ticket it would have opened."""
        held = self._held_one(reference)
        spec = self._spec(held.submission.form_id)
        if spec.email_field in field_problems(spec, held.submission.answers):
            raise Invalid("no e-mail address to answer: dismiss it instead")
        self._open(spec, held.submission)
        self._held.set_status(reference, HeldStatus.RELEASED)

    def dismiss(self, reference: str) -> None:
        self._held_one(reference)
        self._held.set_status(reference, HeldStatus.DISMISSED)

    def _held_one(self, reference: str) -> HeldSubmission:
        held = self._held.get(reference)
        if held is None or held.status is not HeldStatus.HELD:
            raise NotFound(f"held submission {reference}")
        return held

    def _spec(self, form_id: str) -> FormSpec:
        spec = self._forms.get(form_id)
        if spec is None:
            raise FormNotFound(f"form {form_id}")
        return spec


def _reference() -> str:
    return "F-" + secrets.token_hex(6).upper()


def _client(address: str) -> str:
    return hashlib.sha256((address or "").encode()).hexdigest()[:16]
