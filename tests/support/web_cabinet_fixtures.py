"""Cabinet API answers for the cabinet's page tests; tickets shaped by the tickets contracts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from helpdesk.tasks.views.tasks import CabinetTaskView, OrderRefView
from helpdesk.tickets.views.tickets import ConversationView, MessageView, TicketListView, TicketView

from tests.support.web_console_fixtures import NOW, message, ticket
from tests.support.web_stub import ApiRequest, Reply, WebStub

CUSTOMER = {
    "sub": "cust-carla",
    "email": "carla@shop.example",
    "name": "Carla Customer",
    "cognito:groups": ["customer"],
}

# The cabinet's work in progress beside the orders, in the API's own shape (tasks.views.CabinetTaskView).
EXPORT_TASK = CabinetTaskView(key="ACME-3", project="ACME", title="Export module for 8.2", status="review",
                              done=False, due=NOW.date(), order_ids=["co_77f3a9b2c1"], ticket_ids=["t-1"],
                              result="",
                              orders=[OrderRefView(id="co_77f3a9b2c1", label="ORD-2026-001077")],
                              comments=[])  # fmt: skip
TASKS = [EXPORT_TASK.model_dump(mode="json")]
ORDERS = [
    {
        "id": "co_77f3a9b2c1",
        "number": "1077",
        "label": "ORD-2026-001077",
        "created_at": "2026-10-01T10:00:00Z",
        "total": 14900,
        "currency": "EUR",
        "status": "paid",
        "items": [{"product": "export-pro", "name": "Export Pro", "edition": "business", "plan": "lifetime"}],
    }
]
LICENSES = [
    {
        "id": "l-1",
        "product": "export-pro",
        "edition": "business",
        "title": "Export Pro — Business",
        "state": "active",
        "domains": ["shop.example"],
        "issued": "2026-10-01T10:00:00Z",
        "expires": None,
        "updates_until": "2027-10-01T00:00:00Z",
        "max_activations": 5,
        "activations": ["shop.example"],
        "key": "HDL1.eyJwIjoiZXhwb3J0LXBybyJ9.c2lnbmF0dXJl",
        "order_id": "co_77f3a9b2c1",
        "customer_id": "cust-carla",
        "renews_on": None,
        "grace_until": None,
        "days_left": None,
        "automatic": False,
        "renewable": False,
    },
    {
        "id": "l-2",
        "product": "smart-search",
        "edition": "standard",
        "title": "Smart Search — Standard",
        "state": "expiring",
        "domains": ["dev.shop.example"],
        "issued": "2025-12-01T10:00:00Z",
        "expires": "2026-12-01T00:00:00Z",
        "updates_until": "2026-12-01T00:00:00Z",
        "max_activations": 2,
        "activations": [],
        "key": "HDL1.eyJwIjoic2VhcmNoIn0.c2ln",
        "order_id": None,
        "customer_id": "cust-carla",
        "renews_on": "2026-12-01T00:00:00Z",
        "grace_until": "2026-12-15T00:00:00Z",
        "days_left": 5,
        "automatic": False,
        "renewable": True,
    },
    {
        "id": "l-3",
        "product": "backup",
        "edition": "business",
        "title": "Backup — Business",
        "state": "grace",
        "domains": ["shop.example", "shop.example.de"],
        "issued": "2025-11-20T10:00:00Z",
        "expires": "2026-11-20T00:00:00Z",
        "updates_until": "2026-11-20T00:00:00Z",
        "max_activations": 3,
        "activations": ["shop.example"],
        "key": "HDL1.eyJwIjoiYmFja3VwIn0.c2ln",
        "order_id": "o-51",
        "customer_id": "cust-carla",
        "renews_on": "2026-11-20T00:00:00Z",
        "grace_until": "2026-12-04T00:00:00Z",
        "days_left": 0,
        "automatic": True,
        "renewable": True,
    },
]
INVOICES = [
    {
        "id": "in-1",
        "number": "INV-2026-0077",
        "issued_at": "2026-10-01T10:05:00Z",
        "total": 14900,
        "currency": "EUR",
        "status": "paid",
        "url": "/invoices/INV-2026-0077.pdf",
    }
]
NOTICES = [
    {
        "id": "n-1",
        "created_at": "2026-11-20T09:00:00Z",
        "title": "Smart Search expires soon",
        "text": "Your subscription renews on 1 December.",
        "read": False,
    }
]


class CabinetApi:
    def __init__(self) -> None:
        self.rating: dict[str, Any] = {
            "number": "HD-100005",
            "rating": None,
            "comment": "",
            "can_comment": False,
            "token": "tok.en",
        }
        self.tickets = [
            ticket(1, "Export stopped after update", "pending"),
            ticket(5, "Question about invoices", "closed"),
        ]
        self.messages: dict[str, list[MessageView]] = {
            "t-1": [
                message(1, "inbound", "Hello, the export module stopped.", 120, from_="carla@shop.example"),
                message(
                    2,
                    "outbound",
                    "Could you send the log?",
                    90,
                    from_="support@agency.example",
                    to=["carla@shop.example"],
                    author="bob@agency.example",
                ),
            ],
            "t-5": [],
        }

    def survey(self, request: ApiRequest, tid: str) -> Reply:
        if tid != "t-5":
            return 404, {"error": "not_found", "detail": "this ticket has no survey"}
        return 200, self.rating

    def rate(self, request: ApiRequest) -> Reply:
        if request.body.get("token") != self.rating["token"]:
            return 404, {"error": "not_found", "detail": "this rating link is not valid"}
        if "rating" in request.body:
            self.rating = {**self.rating, "rating": request.body["rating"], "can_comment": True}
        else:
            self.rating = {**self.rating, "comment": request.body["comment"], "can_comment": False}
        return 200, {k: v for k, v in self.rating.items() if k != "token"}

    def install(self, stub: WebStub) -> None:
        stub.users["cabinet"] = CUSTOMER
        stub.route(
            "cabinet",
            "GET",
            "/me",
            lambda r: (200, {"id": "cust-carla", "email": CUSTOMER["email"], "name": CUSTOMER["name"]}),
        )
        stub.route(
            "cabinet",
            "GET",
            "/tickets",
            lambda r: (200, TicketListView(items=self.tickets, cursor=None).model_dump(mode="json")),
        )
        stub.route("cabinet", "POST", "/tickets", self.open)
        stub.route("cabinet", "GET", "/tickets/(?P<tid>[^/]+)", self.conversation)
        stub.route("cabinet", "POST", "/tickets/(?P<tid>[^/]+)/replies", self.reply)
        stub.route("cabinet", "GET", "/tickets/(?P<tid>[^/]+)/survey", self.survey)
        stub.route("cabinet", "POST", "/csat", self.rate)
        stub.route("cabinet", "GET", "/subscriptions/card", lambda r: (200, {"card": "Visa ending 4242"}))
        for name, items in (
            ("orders", ORDERS),
            ("tasks", TASKS),
            ("licenses", LICENSES),
            ("invoices", INVOICES),
            ("notices", NOTICES),
        ):
            stub.route(
                "cabinet", "GET", f"/{name}", lambda r, items=items: (200, {"items": items, "cursor": None})
            )

    def view(self, tid: str) -> TicketView:
        return next(t for t in self.tickets if t.id == tid)

    def conversation(self, request: ApiRequest, tid: str) -> Reply:
        if tid not in self.messages:
            return 404, {"message": "TicketNotFound"}
        # Dumped as the API's error wrapper does today: without aliases, so the sender is `from_`.
        view = ConversationView(ticket=self.view(tid), messages=self.messages[tid])
        return 200, view.model_dump(mode="json")

    def open(self, request: ApiRequest) -> Reply:
        created = ticket(10 + len(self.tickets), request.body["subject"], "new", last_activity_at=NOW)
        self.tickets.append(created)
        self.messages[created.id] = [
            message(50, "inbound", request.body["text"], 0, from_="carla@shop.example")
        ]
        return 201, created.model_dump(mode="json")

    def reply(self, request: ApiRequest, tid: str) -> Reply:
        new = message(
            60 + len(self.messages[tid]), "inbound", request.body["text"], 0, from_="carla@shop.example"
        )
        new = new.model_copy(update={"created_at": NOW + timedelta(minutes=len(self.messages[tid]))})
        self.messages[tid].append(new)
        reopened: dict[str, Any] = {"status": "open", "last_activity_at": new.created_at}
        self.tickets = [
            TicketView.model_validate({**t.model_dump(), **reopened}) if t.id == tid else t
            for t in self.tickets
        ]
        return 201, new.model_dump(mode="json", by_alias=True)
