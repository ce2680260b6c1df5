"""The satisfaction survey's shapes: the rating page's request and answer, and the staff report."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field, model_validator

from helpdesk.tickets.model.csat import CsatReport, Rating, ScoreRow, Survey, TicketSurvey


class SurveyQuery(BaseModel):
    t: str = Field(max_length=80)


class RateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=80)
    rating: Rating | None = None  # absent: a comment on the rating given before
    comment: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def says_something(self) -> RateRequest:
        if self.rating is None and not self.comment.strip():
            raise ValueError("give a rating or a comment")
        return self


class SurveyView(BaseModel):
    """What the customer's page shows: never the agent or anything else of the ticket but its number."""

    number: str
    rating: Rating | None
    comment: str
    can_comment: bool

    @classmethod
    def of(cls, survey: Survey) -> SurveyView:
        return cls(
            number=survey.number,
            rating=survey.rating,
            comment=survey.comment,
            can_comment=survey.rating is not None and not survey.comment,
        )


class TicketSurveyView(SurveyView):
    """The cabinet's rating prompt on a solved ticket: the token rates through `POST /api/csat`."""

    token: str

    @classmethod
    def of_ticket(cls, found: TicketSurvey) -> TicketSurveyView:
        return cls(**SurveyView.of(found.survey).model_dump(), token=found.token)


class StaffSurveyView(BaseModel):
    """A ticket's survey on its console page: when it went out, what the customer said (never its token)."""

    sent_at: datetime
    rating: Rating | None
    rated_at: datetime | None
    comment: str

    @classmethod
    def of(cls, survey: Survey) -> StaffSurveyView:
        return cls(
            sent_at=survey.sent_at, rating=survey.rating, rated_at=survey.rated_at, comment=survey.comment
        )


class ScoreView(BaseModel):
    key: str
    good: int
    bad: int
    score: int | None

    @classmethod
    def of(cls, row: ScoreRow) -> ScoreView:
        return cls(key=row.key, good=row.good, bad=row.bad, score=row.score)


class CsatReportQuery(BaseModel):
    start: date = Field(alias="from")
    end: date = Field(alias="to")

    def window(self) -> tuple[datetime, datetime]:
        """Whole days in UTC, the end day included."""
        start = datetime.combine(self.start, time(), UTC)
        return start, datetime.combine(self.end, time(), UTC) + timedelta(days=1)


class CsatReportView(BaseModel):
    agents: list[ScoreView]
    mailboxes: list[ScoreView]
    total: ScoreView

    @classmethod
    def of(cls, report: CsatReport) -> CsatReportView:
        return cls(
            agents=[ScoreView.of(r) for r in report.agents],
            mailboxes=[ScoreView.of(r) for r in report.mailboxes],
            total=ScoreView.of(report.total),
        )
