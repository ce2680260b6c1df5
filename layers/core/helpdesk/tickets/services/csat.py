"""Customer satisfaction: a survey mailed on solve, rated once through its signed link, reported per agent and
per mailbox."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlencode

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict, NotFound
from helpdesk.tickets.model.csat import (
    CsatReport,
    Rating,
    ScoreRow,
    Survey,
    TicketSurvey,
    scores,
    survey_id_of,
    survey_mail_text,
    survey_token,
)
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.reply_token import make_token, outgoing_message_id
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import OutboxEntry, ReplyDelivery, SurveyStore, TicketStores


class SurveyNotFound(NotFound):
    """The rating link is not genuine (or names no survey): both answer the same."""


class SurveyUsed(Conflict):
    """The link was used already: a rating counts once."""


@dataclass(frozen=True)
class CsatConfig:
    support_address: str
    support_domain: str
    token_secret: bytes
    rating_page: str  # the public page a survey link opens, e.g. https://cabinet.example.com/rate.html


class CsatService:
    def __init__(
        self,
        surveys: SurveyStore,
        stores: TicketStores,
        delivery: ReplyDelivery,
        clock: Clock,
        config: CsatConfig,
    ) -> None:
        self._surveys = surveys
        self._s = stores
        self._delivery = delivery
        self._clock = clock
        self._config = config

    def ticket_solved(self, ticket: Ticket) -> Survey | None:
        """Mail the customer a survey in their language; none for staff-only tickets or unknown customers."""
        customer = self._s.customers.get(ticket.customer_id) if ticket.customer_id else None
        if ticket.internal or customer is None or customer.undeliverable:
            return None
        now = self._clock.now()
        survey = Survey(
            stable_id("csat", ticket.id, ticket.last_activity_at.isoformat()),
            ticket.id,
            ticket.number,
            ticket.mailbox,
            ticket.assignee,
            customer.email,
            now,
        )
        if not self._surveys.add(survey):
            return self._surveys.get(survey.id)
        self._mail(ticket, survey, customer.language, now)
        return survey

    def rate(self, token: str, rating: Rating, comment: str = "") -> Survey:
        """Single use: a second rating through the same link is refused, the first one stands."""
        survey = self._survey(token)
        rated = replace(survey, rating=rating, rated_at=self._clock.now(), comment=comment.strip()[:2000])
        if survey.rating is not None or not self._surveys.rate(rated):
            raise SurveyUsed("this rating was given already: thank you")
        return rated

    def add_comment(self, token: str, comment: str) -> Survey:
        survey = self._survey(token)
        commented = replace(survey, comment=comment.strip()[:2000])
        if survey.rating is None or survey.comment or not self._surveys.add_comment(commented):
            raise SurveyUsed("rate first; a comment can be added once")
        return commented

    def for_ticket(self, ticket_id: str) -> TicketSurvey | None:
        """The ticket's newest survey and its token: the signed-in customer rates it in the cabinet."""
        survey = self._surveys.for_ticket(ticket_id)
        if survey is None:
            return None
        return TicketSurvey(survey, survey_token(survey.id, self._config.token_secret))

    def survey(self, token: str) -> Survey:
        return self._survey(token)

    def report(self, start: datetime, end: datetime) -> CsatReport:
        rated = self._surveys.rated_between(start, end)
        [total] = scores(rated, lambda s: "all") or [ScoreRow("all", 0, 0)]
        return CsatReport(scores(rated, lambda s: s.agent or ""), scores(rated, lambda s: s.mailbox), total)

    def _survey(self, token: str) -> Survey:
        survey_id = survey_id_of(token, self._config.token_secret)
        survey = self._surveys.get(survey_id) if survey_id else None
        if survey is None:
            raise SurveyNotFound("this rating link is not valid")
        return survey

    def _mail(self, ticket: Ticket, survey: Survey, language: str | None, now: datetime) -> None:
        token = survey_token(survey.id, self._config.token_secret)
        link = {r: f"{self._config.rating_page}#" + urlencode({"t": token, "r": r.value}) for r in Rating}
        message_id = stable_id("csat-mail", survey.id)
        message = Message(
            id=message_id,
            ticket_id=ticket.id,
            direction=Direction.OUTBOUND,
            created_at=now,
            from_=self._config.support_address,
            to=(survey.customer,),
            subject=f"[#{ticket.number}] {ticket.subject}",
            text=survey_mail_text(language, ticket.number, link[Rating.GOOD], link[Rating.BAD]),
            message_id=outgoing_message_id(
                make_token(ticket.id, self._config.token_secret), message_id, self._config.support_domain
            ),
            kind="csat",
        )
        self._s.messages.add(message, self._config.support_address)
        self._s.outbox.add(OutboxEntry(message_id, ticket.id, message.sort_key, (survey.customer,), now))
        self._delivery.deliver(message_id, now)
