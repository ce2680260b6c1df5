"""Staff API answers for the console's page tests, built from the tickets contracts (the API's shapes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from helpdesk.kernel.errors import Invalid
from helpdesk.operations.model.escalation import OnCallPerson, Rota
from helpdesk.operations.views.api import HealthView, QueueView, RotaView
from helpdesk.search.model.documents import Snippet
from helpdesk.search.views import SearchHitView, SearchPageView
from helpdesk.tickets.views.desk import InboxPageView, SavedViewRequest, TimeRequest
from helpdesk.tickets.views.tickets import (
    AttachmentView,
    ConversationView,
    DownloadView,
    MessageView,
    QuarantinedMailView,
    QuarantineListView,
    TicketView,
)

from tests.support.web_stub import ApiRequest, Reply, WebStub

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ADA, BOB = "ada@agency.example", "bob@agency.example"  # staff are known by e-mail
BOB_PHONE = "+491700000002"  # the last on the rota: the escalation's call rings this
STAFF = {"sub": "0f1e-ada", "email": ADA, "name": "Ada Staff", "cognito:groups": ["staff"]}
QUOTED = (
    "<p>Hello, the <b>export</b> module stopped after the update.</p>"
    "<blockquote><p>On Monday support wrote:</p><p>Please update to 2.4</p></blockquote>"
)


def ticket(n: int, subject: str, status: str = "open", **extra: Any) -> TicketView:
    fields: dict[str, Any] = {
        "id": f"t-{n}",
        "number": f"HD-{100000 + n}",
        "subject": subject,
        "status": status,
        "priority": "normal",
        "mailbox": "support",
        "tags": [],
        "assignee": None,
        "participants": [f"customer{n}@shop.example"],
        "customer_id": "c-1",
        "organisation_id": "o-1",
        "linked_ticket_id": None,
        "merged_into": None,
        "created_at": NOW - timedelta(days=n),
        "last_activity_at": NOW - timedelta(hours=n),
        "version": 1,
    }
    return TicketView(**{**fields, **extra})


def message(n: int, direction: str, text: str, minutes: int, **extra: Any) -> MessageView:
    fields: dict[str, Any] = {
        "id": f"m-{n}",
        "direction": direction,
        "kind": "note" if direction == "note" else "human",
        "created_at": NOW - timedelta(minutes=minutes),
        "from_": "customer1@shop.example",
        "to": ["support@agency.example"],
        "cc": [],
        "subject": "Export stopped",
        "text": text,
        "html": "",
        "reply": "",
        "author": None,
        "attachments": [],
    }
    return MessageView(**{**fields, **extra})


ALL_SECTIONS = ["inbox", "search", "licenses", "ops", "reports"]
STAFF_LIST = [  # as GET /staff answers: active staff who open tickets (no ops or HR accounts)
    {"email": ADA, "name": "Ada Staff", "roles": ["manager"]},
    {"email": BOB, "name": "Bob Backup", "roles": ["manager"]},
    {"email": "dina@agency.example", "name": "Dina Dev", "roles": ["developer"]},
]


class ConsoleApi:
    """Holds the tickets; replies and notes change them, as the real API would."""

    def __init__(self) -> None:
        self.me: dict[str, Any] = {"email": ADA, "roles": ["admin"], "sections": ALL_SECTIONS}
        self.channels: dict[str, list[str]] = {
            "channels": ["mail"]
        }  # where a ticket's customer can be answered
        self.views: list[dict[str, Any]] = []
        self.signature = {"signature": "", "from_name": "Ada from Support"}
        self.unread: set[str] = set()
        self.time: dict[str, list[dict[str, Any]]] = {}
        self.rota = RotaView.model_validate(
            {
                "people": [
                    {"name": "Oleg Ops", "email": "oleg@agency.example", "phone": "+491700000001"},
                    {"name": "Ada Staff", "email": ADA, "phone": ""},
                    {"name": "Bob Backup", "email": BOB, "phone": BOB_PHONE},
                ],
                "ack_seconds": 300,
            }
        )
        self.pages = [
            page_view("exec-2", 0, "helpdesk-prod-ingest-dlq-not-empty", "Oleg Ops", 3, "waiting", "tok-2"),
            page_view("exec-1", 0, "helpdesk-prod-api-5xx-rate", "Oleg Ops", 95, "passed_on"),
            page_view("exec-1", 1, "helpdesk-prod-api-5xx-rate", "Ada Staff", 90, "acknowledged", by=ADA),
            page_view("exec-0", 99, "helpdesk-prod-ingest-age", "Bob Backup", 200, "called", phone=BOB_PHONE),
        ]
        self.tickets = [
            ticket(1, "Export stopped after update", "new", tags=["export"], priority="high"),
            ticket(2, "Invoice address change", "open", assignee=ADA, tags=["billing"]),
            ticket(3, "License for a second shop", "pending", mailbox="sales"),
            ticket(4, "Thanks, all good now", "solved"),
        ]
        self.messages = {
            "t-1": [
                message(
                    1,
                    "inbound",
                    "Hello, the export module stopped.\n\n> Please update to 2.4",
                    120,
                    html=QUOTED,
                    attachments=[
                        AttachmentView(
                            key="att/1/log.txt", filename="export.log", content_type="text/plain", size=2048
                        )
                    ],
                ),
                message(
                    2,
                    "outbound",
                    "Could you send the log?",
                    90,
                    from_="support@agency.example",
                    to=["customer1@shop.example"],
                    author=BOB,
                ),
                message(
                    3,
                    "note",
                    "Customer is on the old PHP version.",
                    60,
                    from_=BOB,
                    author=BOB,
                ),
            ]
        }

    def view(self, ticket_id: str) -> TicketView:
        return next(t for t in self.tickets if t.id == ticket_id)

    def touch(self, ticket_id: str, new: MessageView) -> None:
        t = self.view(ticket_id)
        self.messages.setdefault(ticket_id, []).append(new)
        bumped = t.model_copy(update={"last_activity_at": new.created_at, "version": t.version + 1})
        self.tickets = [bumped if x.id == ticket_id else x for x in self.tickets]

    def install(self, stub: WebStub) -> None:
        stub.users["console"] = STAFF
        stub.route("console", "GET", "/me", lambda r: (200, self.me))
        stub.route("console", "GET", "/staff", lambda r: (200, {"items": STAFF_LIST}))
        stub.route("console", "GET", "/tickets", self.list)
        stub.route("console", "GET", "/tickets/counts", self.counts)
        stub.route("console", "GET", "/views", lambda r: (200, {"items": self.views}))
        stub.route("console", "POST", "/views", self.save_view)
        stub.route("console", "GET", "/tickets/(?P<tid>[^/]+)/time", self.time_sheet)
        stub.route("console", "GET", "/tickets/(?P<tid>[^/]+)/channels", lambda r, tid: (200, self.channels))
        stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/channel-replies", self.channel_reply)
        stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/time", self.log_time)
        no_access = {"servers": [], "requests": []}  # issue 20's card: tests/e2e/access drives it for real
        stub.route("console", "GET", "/tickets/(?P<tid>[^/]+)/access", lambda r, tid: (200, no_access))
        stub.route("console", "GET", "/tickets/(?P<tid>[^/]+)", self.conversation)
        stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/replies", self.reply)
        stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/notes", self.note)
        stub.route("console", "PATCH", "/tickets/(?P<tid>[^/]+)", self.update)
        stub.route("console", "GET", "/tickets/(?P<tid>[^/]+)/download", self.download)
        stub.route("console", "GET", "/health", lambda r: (200, health()))
        idle = {"connectors": [], "queue_depth": 0, "dlq_depth": 0}  # no connector set up
        stub.route("console", "GET", "/integrations/health", lambda r: (200, idle))
        stub.route("console", "GET", "/quarantine", lambda r: (200, quarantine()))
        stub.route("console", "POST", "/quarantine/reprocess", self.reprocess)
        stub.route("console", "GET", "/search", self.search)
        stub.route("console", "GET", "/ops/rota", lambda r: (200, self.rota.model_dump(mode="json")))
        stub.route("console", "PUT", "/ops/rota", self.put_rota)
        stub.route("console", "GET", "/ops/pages", lambda r: (200, {"items": self.pages}))
        stub.route("console", "POST", "/ops/ack", self.ack)
        stub.route(
            "console", "GET", "/macros", lambda r: (200, {"items": []})
        )  # issue 17: e2e tests drive them
        stub.route(
            "console", "POST", "/tickets/(?P<tid>[^/]+)/presence", lambda r, tid: (200, {"others": []})
        )
        stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/snooze", self.snooze)
        stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/forward", self.forward)
        stub.route("console", "POST", "/tickets", self.start_conversation)
        stub.route("console", "GET", "/me/signature", lambda r: (200, self.signature))
        stub.route("console", "PUT", "/me/signature", self.save_signature)

    def snooze(self, request: ApiRequest, tid: str) -> Reply:
        old = self.view(tid)
        change = {"status": "pending", "snoozed_until": request.body["until"], "version": old.version + 1}
        t = TicketView.model_validate({**old.model_dump(), **change})
        self.tickets = [t if x.id == tid else x for x in self.tickets]
        return 200, t.model_dump(mode="json")

    def save_signature(self, request: ApiRequest) -> Reply:
        self.signature = {**self.signature, "signature": request.body["signature"].strip()}
        return 200, self.signature

    def ack(self, request: ApiRequest) -> Reply:
        for page in self.pages:
            if page["ack_token"] and page["ack_token"] == request.body.get("token"):
                page.update(
                    state="acknowledged", ack_token=None, acknowledged_by=ADA, acknowledged_at=iso(NOW)
                )
                return 200, {"acknowledged": True}
        return 422, {"error": "invalid", "detail": "this page is no longer waiting for an acknowledgement"}

    def put_rota(self, request: ApiRequest) -> Reply:
        """Validated by the domain's Rota, as the staff API does; its Invalid answers 422."""
        view = RotaView.model_validate(request.body)
        try:
            Rota(tuple(OnCallPerson(p.name, p.email, p.phone) for p in view.people), view.ack_seconds)
        except Invalid as error:
            return 422, {"error": "invalid", "detail": str(error)}
        self.rota = view
        return 200, view.model_dump(mode="json")

    def download(self, request: ApiRequest, tid: str) -> Reply:
        keys = {a.key for m in self.messages.get(tid, []) for a in m.attachments}
        if request.query.get("key") not in keys:
            return 404, {"message": "no such attachment on this ticket"}
        return 200, DownloadView(url="/shared/ui.css", expires_in=300).model_dump(mode="json")

    def reprocess(self, request: ApiRequest) -> Reply:
        if request.body != {"key": "q/2026/11/25/abc"}:
            return 404, {"message": "no such quarantined mail"}
        return 200, {"outcome": "created", "ticket_id": "t-3", "reason": ""}

    def list(self, request: ApiRequest) -> Reply:
        q = request.query
        wanted = [
            t
            for t in self.tickets
            if (not q.get("status") or t.status == q["status"])
            and (not q.get("tag") or q["tag"] in t.tags)
            and (not q.get("mailbox") or t.mailbox == q["mailbox"])
            and (q.get("assignee") != "me" or t.assignee == ADA)
            and (q.get("assignee") != "unassigned" or t.assignee is None)
            and (q.get("hide_done") != "true" or t.status.value not in ("solved", "closed"))
        ]
        items = sorted(wanted, key=lambda t: t.last_activity_at, reverse=True)
        since = iso(datetime.now(UTC))
        # With updated_since the stub answers every ticket of the view as "changed" (the console keeps what
        # it has by version) and the others as having left it.
        left = [t.id for t in self.tickets if t not in wanted] if q.get("updated_since") else []
        page = InboxPageView(items=items, cursor=None, unread=[t.id for t in items if t.id in self.unread])
        return 200, {**page.model_dump(mode="json"), "left": left, "since": since}

    def time_sheet(self, request: ApiRequest, tid: str) -> Reply:
        entries = self.time.get(tid, [])
        by_agent: dict[str, int] = {}
        for e in entries:
            by_agent[e["agent"]] = by_agent.get(e["agent"], 0) + e["minutes"]
        totals = {
            "minutes": sum(e["minutes"] for e in entries),
            "billable_minutes": sum(e["minutes"] for e in entries if e["billable"]),
            "by_agent": by_agent,
        }
        return 200, {"entries": entries, "totals": totals}

    def log_time(self, request: ApiRequest, tid: str) -> Reply:
        body = TimeRequest.model_validate(request.body)
        entry = {
            "id": f"e-{tid}-{len(self.time.get(tid, []))}",
            "ticket_id": tid,
            "agent": ADA,
            "note": body.note,
            "minutes": body.minutes,
            "billable": body.billable,
            "logged_at": iso(NOW),
        }
        self.time.setdefault(tid, []).append(entry)
        return 200, entry

    def save_view(self, request: ApiRequest) -> Reply:
        body = SavedViewRequest.model_validate(request.body)
        view = {
            "id": f"v-{len(self.views) + 1}",
            "name": body.name,
            "filters": body.filters,
            "sort": body.sort,
        }
        self.views.append({**view, "shared": body.shared, "created_by": ADA})
        return 200, self.views[-1]

    def counts(self, request: ApiRequest) -> Reply:
        def tally(values: list[str]) -> dict[str, int]:
            return {v: values.count(v) for v in sorted(set(values))}

        return 200, {
            "total": len(self.tickets),
            "status": tally([t.status.value for t in self.tickets]),
            "assignee": {
                "me": sum(t.assignee == ADA for t in self.tickets),
                "unassigned": sum(t.assignee is None for t in self.tickets),
            },
            "mailbox": tally([t.mailbox for t in self.tickets]),
            "tag": tally([g for t in self.tickets for g in t.tags]),
        }

    def conversation(self, request: ApiRequest, tid: str) -> Reply:
        if tid not in {t.id for t in self.tickets}:
            return 404, {"message": "TicketNotFound"}
        view = ConversationView(ticket=self.view(tid), messages=self.messages.get(tid, []))
        body = view.model_dump(mode="json", by_alias=True)
        body["customer"] = {
            "id": "c-1",
            "name": "Carla Customer",
            "email": "customer1@shop.example",
            "organisation": {"id": "o-1", "name": "Shop Example GmbH"},
            "tickets": [t.model_dump(mode="json") for t in self.tickets[:3]],
            "orders": [
                {
                    "id": "co_77f3a9b2c1",
                    "number": "1077",
                    "label": "ORD-2026-001077",
                    "created_at": "2026-10-01T10:00:00Z",
                    "total": 14900,
                    "currency": "EUR",
                    "status": "paid",
                }
            ],
            "licenses": [
                {
                    "id": "l-1",
                    "product": "export-pro",
                    "edition": "business",
                    "title": "Export Pro — Business",
                    "state": "active",
                    "domains": ["shop.example"],
                    "expires": "2027-10-01T00:00:00Z",
                }
            ],
        }
        return 200, body

    def reply(self, request: ApiRequest, tid: str) -> Reply:
        new = message(
            100 + len(self.messages.get(tid, [])),
            "outbound",
            request.body["text"],
            0,
            author=ADA,
            from_="support@agency.example",
        )
        self.touch(
            tid,
            new.model_copy(update={"created_at": NOW + timedelta(minutes=len(self.messages.get(tid, [])))}),
        )
        return 201, new.model_dump(mode="json", by_alias=True)

    def forward(self, request: ApiRequest, tid: str) -> Reply:
        n = 300 + len(self.messages.get(tid, []))
        sent = message(n, "note", request.body["text"], 0, author=ADA, from_=ADA)
        sent = sent.model_copy(update={"kind": "forward", "to": [request.body["to"]], "created_at": NOW})
        self.touch(tid, sent)
        return 201, sent.model_dump(mode="json", by_alias=True)

    def start_conversation(self, request: ApiRequest) -> Reply:
        opened = ticket(len(self.tickets) + 50, request.body["subject"], "pending")
        self.tickets.append(opened)
        self.messages[opened.id] = []
        return 201, opened.model_dump(mode="json")

    def channel_reply(self, request: ApiRequest, tid: str) -> Reply:
        new = message(300 + len(self.messages.get(tid, [])), "outbound", request.body["text"], 0, author=ADA,
                      from_="bot.demo@telegram.agency.example", channel=request.body["channel"])  # fmt: skip
        self.touch(
            tid,
            new.model_copy(update={"created_at": NOW + timedelta(minutes=len(self.messages.get(tid, [])))}),
        )
        return 200, new.model_dump(mode="json", by_alias=True)

    def note(self, request: ApiRequest, tid: str) -> Reply:
        new = message(
            200 + len(self.messages.get(tid, [])),
            "note",
            request.body["text"],
            0,
            author=ADA,
            from_=ADA,
        )
        self.touch(
            tid,
            new.model_copy(update={"created_at": NOW + timedelta(minutes=len(self.messages.get(tid, [])))}),
        )
        return 201, new.model_dump(mode="json", by_alias=True)

    def update(self, request: ApiRequest, tid: str) -> Reply:
        change = {k: v for k, v in request.body.items() if k in ("status", "priority", "assignee", "tags")}
        if change.get("assignee") and change["assignee"] not in {p["email"] for p in STAFF_LIST}:
            return 422, {"error": "notstaff", "detail": f"{change['assignee']!r} is not a staff user"}
        if request.body.get("unassign"):
            change["assignee"] = None
        old = self.view(tid)
        t = TicketView.model_validate({**old.model_dump(), **change, "version": old.version + 1})
        self.tickets = [t if x.id == tid else x for x in self.tickets]
        return 200, t.model_dump(mode="json")

    def search(self, request: ApiRequest) -> Reply:
        """The wired route's shape: the search domain's Snippet.marked() gives escaped text with <mark>s."""
        word = request.query.get("q", "")
        text = "The export module stopped after the update <b>"
        at = text.lower().find(word.lower()) if word else -1
        if at < 0:
            return 200, SearchPageView(hits=[], total=0, next_cursor=None).model_dump(mode="json")
        marked = Snippet(text, ((at, at + len(word)),)).marked()
        hit = SearchHitView(  # words match a message's text; the ticket's own document holds index words
            id="m-1",
            type="message",
            title="Export stopped after update",
            snippet_html=marked,
            ticket_id="t-1",
            customer_id="c-1",
            score=2.0,
        )
        return 200, SearchPageView(hits=[hit], total=1, next_cursor=None).model_dump(mode="json")


def iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def page_view(
    execution: str,
    step: int,
    alarm: str,
    name: str,
    minutes: int,
    state: str,
    token: str | None = None,
    by: str = "",
    phone: str = "",
) -> dict[str, Any]:
    paged = NOW - timedelta(minutes=minutes)
    return {
        "channel": "phone" if phone else "mail",
        "phone": phone,
        "execution": execution,
        "step": step,
        "alarm": alarm,
        "name": name,
        "email": f"{name.split()[0].lower()}@agency.example",
        "paged_at": iso(paged),
        "answer_by": iso(paged + timedelta(minutes=5)),
        "state": state,
        "acknowledged_by": by,
        "acknowledged_at": iso(paged + timedelta(minutes=2)) if by else None,
        "ack_token": token,
    }


def health() -> dict[str, Any]:
    queues = [
        QueueView(
            name="mail-ingest", dead_letter=False, visible=3, in_flight=1, delayed=0, oldest_age_seconds=42.0
        ),
        QueueView(
            name="mail-ingest-dlq",
            dead_letter=True,
            visible=2,
            in_flight=0,
            delayed=0,
            oldest_age_seconds=5400.0,
        ),
        QueueView(
            name="notify", dead_letter=False, visible=0, in_flight=0, delayed=0, oldest_age_seconds=None
        ),
    ]
    return HealthView(status="degraded", queues=queues).model_dump(mode="json")


def quarantine() -> dict[str, Any]:
    items = [
        QuarantinedMailView(
            key="q/2026/11/25/abc",
            reason="unparseable MIME",
            status="held",
            sender="robot@mailer.example",
            subject="Weekly report",
            size=48213,
            created_at=NOW,
        )
    ]
    return QuarantineListView(items=items, cursor=None).model_dump(mode="json")
