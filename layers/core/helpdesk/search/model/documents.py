"""What search indexes and answers: documents, queries, hits and pages. Pure values, no engine in sight."""

from __future__ import annotations

import base64
import binascii
import html
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from helpdesk.kernel.errors import Forbidden, Invalid
from helpdesk.search.model.syntax import TextQuery, parse_user_query

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_PAGE_SIZE = 100
# Exact-match fields, named alike in every engine.
KEYWORD_FIELDS = (
    "id",
    "type",
    "organisation_id",
    "customer_id",
    "ticket_id",
    "status",
    "assignee",
    "mailbox",
    "tags",
)


class DocumentType(StrEnum):
    MESSAGE = "message"
    TICKET = "ticket"
    CUSTOMER = "customer"
    ORGANISATION = "organisation"
    ORDER = "order"
    LICENSE = "license"
    TASK = "task"


class SearchOrder(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"


def document_key(doc_type: DocumentType | str, doc_id: str) -> str:
    """The index-wide unique key: entity ids are unique only within their type."""
    kind = doc_type if isinstance(doc_type, DocumentType) else DocumentType(doc_type)
    return f"{kind.value}:{doc_id}"


def epoch_millis(moment: datetime) -> int:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return int((aware - EPOCH).total_seconds() * 1000)


@dataclass(frozen=True)
class SearchDocument:
    id: str
    type: DocumentType
    title: str = ""
    body: str = ""
    organisation_id: str | None = None
    customer_id: str | None = None
    ticket_id: str | None = None
    status: str | None = None
    assignee: str | None = None
    mailbox: str | None = None
    tags: tuple[str, ...] = ()
    # Internal notes and staff-only records never reach a customer's search.
    internal: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def key(self) -> str:
        return document_key(self.type, self.id)

    @property
    def sort_at(self) -> datetime:
        return self.updated_at or self.created_at or EPOCH

    def keyword_values(self) -> dict[str, str | list[str]]:
        """The exact-match fields that have a value."""
        values = {
            "id": self.id,
            "type": self.type.value,
            "organisation_id": self.organisation_id,
            "customer_id": self.customer_id,
            "ticket_id": self.ticket_id,
            "status": self.status,
            "assignee": self.assignee,
            "mailbox": self.mailbox,
            "tags": list(self.tags),
        }
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class SearchFilters:
    """Each filter accepts any of its values; different filters must all hold. Empty means no filter."""

    types: tuple[DocumentType, ...] = ()
    statuses: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()
    mailboxes: tuple[str, ...] = ()
    customer_ids: tuple[str, ...] = ()
    organisation_ids: tuple[str, ...] = ()
    ticket_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    include_internal: bool = True
    since: datetime | None = None
    until: datetime | None = None

    def keyword_filters(self) -> dict[str, tuple[str, ...]]:
        """Exact-match filters by index field name (the same names in every engine)."""
        pairs = {
            "type": tuple(t.value for t in self.types),
            "status": self.statuses,
            "assignee": self.assignees,
            "mailbox": self.mailboxes,
            "customer_id": self.customer_ids,
            "organisation_id": self.organisation_ids,
            "ticket_id": self.ticket_ids,
            "tags": self.tags,
        }
        return {name: values for name, values in pairs.items() if values}


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    order: SearchOrder = SearchOrder.RELEVANCE
    page_size: int = 20
    cursor: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise Invalid(f"page size must be between 1 and {MAX_PAGE_SIZE}")
        if len(self.text) > 1000:
            raise Invalid("search text is too long")
        if self.cursor is not None:
            PageCursor.decode(self.cursor, self.order)

    @property
    def parsed(self) -> TextQuery:
        return parse_user_query(self.text)

    @property
    def after(self) -> PageCursor | None:
        return PageCursor.decode(self.cursor, self.order) if self.cursor else None


@dataclass(frozen=True)
class PageCursor:
    """Where the last page ended: its sort value (score or epoch millis) and the document key breaking ties.

    `seen` (hits served so far) is a hint that lets an engine without search-after start its fetch deeper.
    """

    order: SearchOrder
    value: float
    key: str
    seen: int = 0

    def encode(self) -> str:
        raw = json.dumps([self.order.value, self.value, self.key, self.seen], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str, order: SearchOrder) -> PageCursor:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            kind, value, key, seen = json.loads(raw)
            parsed = cls(SearchOrder(kind), float(value), str(key), min(max(int(seen), 0), 10_000))
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
            raise Invalid("malformed search cursor") from error
        if parsed.order is not order:
            raise Invalid("search cursor belongs to another ordering")
        return parsed

    def is_before(self, value: float, key: str) -> bool:
        """True when (value, key) sorts strictly after this cursor: value descending, key ascending."""
        return value < self.value or (value == self.value and key > self.key)


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...] = ()

    def marked(self, start: str = "<mark>", end: str = "</mark>") -> str:
        """HTML with the highlights wrapped; the text itself is escaped (it is user mail)."""
        parts: list[str] = []
        last = 0
        for lo, hi in self.highlights:
            parts += [html.escape(self.text[last:lo]), start, html.escape(self.text[lo:hi]), end]
            last = hi
        parts.append(html.escape(self.text[last:]))
        return "".join(parts)


@dataclass(frozen=True)
class SearchHit:
    id: str
    type: DocumentType
    score: float
    title: str
    snippet: Snippet
    ticket_id: str | None = None
    organisation_id: str | None = None
    sort_at: datetime = EPOCH
    customer_id: str | None = None

    @property
    def key(self) -> str:
        return document_key(self.type, self.id)


@dataclass(frozen=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    total: int
    next_cursor: str | None = None


CUSTOMER_VISIBLE_TYPES = (DocumentType.MESSAGE, DocumentType.TICKET, DocumentType.ORDER, DocumentType.LICENSE)


@dataclass(frozen=True)
class SearchScope:
    """Who is searching. Staff see everything; a customer only their organisation's non-internal records."""

    organisation_id: str | None = None
    is_staff: bool = False

    @classmethod
    def staff(cls) -> SearchScope:
        return cls(is_staff=True)

    @classmethod
    def customer(cls, organisation_id: str) -> SearchScope:
        if not organisation_id:
            raise Forbidden("a customer without an organisation cannot search")
        return cls(organisation_id=organisation_id)

    def restrict(self, query: SearchQuery) -> SearchQuery | None:
        """The query narrowed to this scope, or None when the scope allows none of what was asked."""
        if self.is_staff:
            return query
        if self.organisation_id is None:
            raise Forbidden("search needs a staff member or a customer's organisation")
        asked = query.filters.types or CUSTOMER_VISIBLE_TYPES
        types = tuple(t for t in asked if t in CUSTOMER_VISIBLE_TYPES)
        if not types:
            return None
        own = (self.organisation_id,)
        filters = replace(query.filters, types=types, organisation_ids=own, include_internal=False)
        return replace(query, filters=filters)
