"""GET /search: the query string in, a page of highlighted hits out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.search.model.documents import (
    DocumentType,
    SearchFilters,
    SearchOrder,
    SearchPage,
    SearchQuery,
    SearchScope,
)

__all__ = ["SearchHitView", "SearchPageView", "SearchRequest", "SearchScope"]


def _values(text: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (text or "").split(",") if v.strip())


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    q: str = Field("", max_length=1000)
    type: str | None = Field(None, max_length=200)
    status: str | None = Field(None, max_length=200)
    assignee: str | None = Field(None, max_length=400)
    mailbox: str | None = Field(None, max_length=200)
    customer: str | None = Field(None, max_length=400)
    since: datetime | None = None
    until: datetime | None = None
    order: SearchOrder = SearchOrder.RELEVANCE
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=2000)

    def query(self) -> SearchQuery:
        filters = SearchFilters(
            types=tuple(DocumentType(t) for t in _values(self.type)),
            statuses=_values(self.status),
            assignees=_values(self.assignee),
            mailboxes=_values(self.mailbox),
            customer_ids=_values(self.customer),
            since=self.since,
            until=self.until,
        )
        return SearchQuery(
            text=self.q, filters=filters, order=self.order, page_size=self.limit, cursor=self.cursor
        )


class SearchHitView(BaseModel):
    id: str
    type: str
    title: str
    snippet_html: str  # escaped text with <mark> around the matches
    ticket_id: str | None
    customer_id: str | None
    score: float


class SearchPageView(BaseModel):
    hits: list[SearchHitView]
    total: int
    next_cursor: str | None

    @classmethod
    def of(cls, page: SearchPage) -> SearchPageView:
        return cls(
            hits=[
                SearchHitView(
                    id=h.id,
                    type=h.type.value,
                    title=h.title,
                    snippet_html=h.snippet.marked(),
                    ticket_id=h.ticket_id,
                    customer_id=h.customer_id,
                    score=h.score,
                )
                for h in page.hits
            ],
            total=page.total,
            next_cursor=page.next_cursor,
        )
