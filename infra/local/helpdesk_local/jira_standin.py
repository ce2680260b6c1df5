"""jira.localhost on the local stack: stands in for Jira Cloud's REST API v3 and its webhooks.

Every request is checked against Atlassian's published OpenAPI document (infra/local/vendor/jira, trimmed to
the operations served here) with openapi-core before it is served, and every answer before it is sent: a
request the document refuses gets Jira's 400 shape; an answer the document refuses is a bug in the stand-in
and raises `JiraContractBroken`. Only the servers entry is changed (to "/"), so any host matches.

"In Jira" changes (`change_issue`, `comment_issue`) post webhooks signed like Jira Cloud's admin webhooks
(`X-Hub-Signature: sha256=<HMAC>`, `X-Atlassian-Webhook-Identifier`). `rate_limit(n, seconds)` answers the
next n calls with 429 and Retry-After, as Jira's rate limiting does (429 is not in the document: not
validated).
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpdesk.tasks.public import sign_webhook

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

SPEC = Path(__file__).resolve().parents[1] / "vendor" / "jira" / "jira-platform-v3.trimmed.json"
STATUSES = ("To Do", "In Progress", "In Review", "Done", "Cancelled")
Webhook = Callable[[bytes, dict[str, str]], int]


class JiraContractBroken(AssertionError):
    """The stand-in produced an answer Jira's OpenAPI document does not allow."""


@cache
def jira_openapi() -> OpenAPI:
    spec = json.loads(SPEC.read_text())
    spec["servers"] = [{"url": "/"}]
    return OpenAPI.from_dict(spec)


@dataclass
class Account:
    account_id: str
    email: str
    display_name: str


@dataclass
class Issue:
    id: str
    key: str
    project: str
    fields: dict[str, Any]
    status: str = STATUSES[0]
    comments: list[dict[str, Any]] = field(default_factory=list)
    created: float = field(default_factory=time.time)


ROUTES = Map([
    Rule("/rest/api/3/issue", endpoint="create", methods=["POST"]),
    Rule("/rest/api/3/issue/<key>", endpoint="issue", methods=["GET", "PUT"]),
    Rule("/rest/api/3/issue/<key>/transitions", endpoint="transitions", methods=["GET", "POST"]),
    Rule("/rest/api/3/issue/<key>/comment", endpoint="comments", methods=["GET", "POST"]),
    Rule("/rest/api/3/user/search", endpoint="user_search", methods=["GET"]),
])  # fmt: skip


class JiraStandin:
    def __init__(self, email: str, api_token: str, webhook: Webhook | None = None, secret: str = "") -> None:
        self._auth = "Basic " + base64.b64encode(f"{email}:{api_token}".encode()).decode()
        self._webhook, self._secret = webhook, secret
        self.issues: dict[str, Issue] = {}
        self.users: dict[str, Account] = {}  # by account id
        self.calls: list[tuple[str, str, int]] = []
        self.call_times: list[float] = []  # time.time() of each call in `calls`
        self.deliveries: list[tuple[bytes, dict[str, str]]] = []
        self._ids = itertools.count(10001)
        self._numbers: dict[str, itertools.count[int]] = {}
        self._limited: list[int] = []
        self._limited_project: str | None = None
        self._lock = threading.Lock()
        self.on_change: Callable[[], None] | None = None  # told after every change to the issues

    def rate_limit(self, calls: int, retry_after: int, project: str | None = None) -> None:
        """Answer the next `calls` calls (only those about `project`'s issues, if given) with 429."""
        self._limited, self._limited_project = [retry_after] * calls, project

    def snapshot(self) -> dict[str, Any]:
        """The issues and counters as plain data, for the local stack's state folder."""
        with self._lock:
            return {
                "issues": [asdict(issue) for issue in self.issues.values()],
                "users": [asdict(user) for user in self.users.values()],
                "next_id": next(self._ids),
                "numbers": {p: next(n) for p, n in self._numbers.items()},
            }

    def restore(self, state: dict[str, Any]) -> None:
        with self._lock:
            self.issues = {i["key"]: Issue(**i) for i in state.get("issues", [])}
            self.users = {u["account_id"]: Account(**u) for u in state.get("users", [])}
            self._ids = itertools.count(int(state.get("next_id", 10001)))
            self._numbers = {p: itertools.count(int(n)) for p, n in state.get("numbers", {}).items()}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        with self._lock:
            response = self._answer(request)
            self.calls.append((request.method, request.path, response.status_code))
            self.call_times.append(time.time())
        if request.method in ("POST", "PUT") and response.status_code < 300:
            self._changed()
        return response(environ, start_response)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def _answer(self, request: Request) -> Response:
        if self._limited and self._concerns(request, self._limited_project):
            return Response("", 429, {"Retry-After": str(self._limited.pop())})
        checked = jira_openapi().unmarshal_request(WerkzeugOpenAPIRequest(request))
        if checked.errors:
            return _json(400, {"errorMessages": [str(e) for e in checked.errors], "errors": {}})
        if request.headers.get("Authorization") != self._auth:
            return _json(401, {"errorMessages": ["Client must be authenticated to access this resource."]})
        endpoint, args = ROUTES.bind_to_environ(request.environ).match()
        response = getattr(self, f"_{endpoint}")(request, **args)
        result = jira_openapi().unmarshal_response(
            WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response)
        )
        if _real_errors(response, result.errors):
            raise JiraContractBroken(f"{request.method} {request.path}: {result.errors}")
        return response

    def _concerns(self, request: Request, project: str | None) -> bool:
        if project is None:
            return True
        if request.path.rstrip("/") == "/rest/api/3/issue":
            body = request.get_json(silent=True) or {}
            return bool((body.get("fields") or {}).get("project", {}).get("key") == project)
        return request.path.startswith(f"/rest/api/3/issue/{project}-")

    def _create(self, request: Request) -> Response:
        fields = dict(request.get_json()["fields"])
        project = str((fields.get("project") or {}).get("key", ""))
        if not project or not fields.get("summary"):
            return _json(400, {"errorMessages": [], "errors": {"summary": "You must specify a summary."}})
        number = next(self._numbers.setdefault(project, itertools.count(1)))
        issue = Issue(str(next(self._ids)), f"{project}-{number}", project, fields)
        self.issues[issue.key] = issue
        return _json(201, {"id": issue.id, "key": issue.key, "self": self._self(request, issue)})

    def _issue(self, request: Request, key: str) -> Response:
        issue = self.issues.get(key)
        if issue is None:
            return _missing()
        if request.method == "PUT":
            issue.fields.update(request.get_json().get("fields") or {})
            return Response(status=204)
        return _json(200, {"id": issue.id, "key": issue.key, "self": self._self(request, issue),
                           "fields": self.fields_of(issue)})  # fmt: skip

    def _transitions(self, request: Request, key: str) -> Response:
        issue = self.issues.get(key)
        if issue is None:
            return _missing()
        if request.method == "POST":
            wanted = request.get_json()["transition"].get("id", "")
            target = next((s for n, s in enumerate(STATUSES) if str(n + 11) == wanted), None)
            if target is None or target == issue.status:
                return _json(400, {"errorMessages": ["Transition id is not valid."], "errors": {}})
            issue.status = target
            return Response(status=204)
        offered = [{"id": str(n + 11), "name": s, "to": {"id": str(n + 1), "name": s}}
                   for n, s in enumerate(STATUSES) if s != issue.status]  # fmt: skip
        return _json(200, {"transitions": offered})

    def _comments(self, request: Request, key: str) -> Response:
        issue = self.issues.get(key)
        if issue is None:
            return _missing()
        if request.method == "POST":
            comment = {"id": str(next(self._ids)), "body": request.get_json()["body"]}
            issue.comments.append(comment)
            return _json(201, comment)
        n = len(issue.comments)
        return _json(200, {"startAt": 0, "maxResults": n, "total": n, "comments": issue.comments})

    def _user_search(self, request: Request) -> Response:
        """Jira matches `query` against display names and e-mail addresses (prefix, any case)."""
        wanted = request.args.get("query", "").casefold()
        found = [u for u in self.users.values() if wanted and _matches(u, wanted)]
        return _json(200, [self._user(request, u) for u in found])

    def add_user(self, email: str, display_name: str) -> str:
        """A user of the Jira site; their account id."""
        account = Account(uuid.uuid5(uuid.NAMESPACE_URL, email.casefold()).hex[:24], email, display_name)
        self.users[account.account_id] = account
        return account.account_id

    @staticmethod
    def _user(request: Request | None, user: Account) -> dict[str, Any]:
        host = request.host_url.rstrip("/") if request else "http://jira.localhost"
        return {"self": f"{host}/rest/api/3/user?accountId={user.account_id}", "accountId": user.account_id,
                "accountType": "atlassian", "emailAddress": user.email, "displayName": user.display_name,
                "active": True}  # fmt: skip

    def fields_of(self, issue: Issue) -> dict[str, Any]:
        status = {"id": str(STATUSES.index(issue.status) + 1), "name": issue.status}
        fields = {**issue.fields, "project": {"key": issue.project}, "status": status}
        assignee = (issue.fields.get("assignee") or {}).get("accountId")
        if assignee in self.users:
            fields["assignee"] = self._user(None, self.users[assignee])
        return fields

    # ------------------------------------------------------------ changes made "in Jira"
    def change_issue(
        self, key: str, actor: str = "Jira User", status: str | None = None, **fields: Any
    ) -> int:
        issue = self.issues[key]
        issue.status = status or issue.status
        issue.fields.update(fields)
        self._changed()
        return self._send("jira:issue_updated", issue, actor)

    def create_issue_in_jira(self, project: str, summary: str, actor: str = "Jira", **fields: Any) -> str:
        """Someone creates an issue in Jira (not via the API): the `jira:issue_created` webhook; its key."""
        with self._lock:
            number = next(self._numbers.setdefault(project, itertools.count(1)))
            fields = {"summary": summary, **fields}
            issue = Issue(str(next(self._ids)), f"{project}-{number}", project, fields)
            self.issues[issue.key] = issue
        self._changed()
        self._send("jira:issue_created", issue, actor)
        return issue.key

    def comment_issue(self, key: str, text: str, actor: str = "Jira User") -> int:
        issue = self.issues[key]
        body = {"type": "doc", "version": 1,
                "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]}  # fmt: skip
        comment = {"id": str(next(self._ids)), "body": body, "author": {"displayName": actor}}
        issue.comments.append(comment)
        self._changed()
        return self._send("comment_created", issue, actor, comment)

    def redeliver(self, index: int = -1) -> int:
        """Jira retries a delivery with the same identifier and body."""
        body, headers = self.deliveries[index]
        return self._post(body, headers)

    def _send(self, event: str, issue: Issue, actor: str, comment: dict[str, Any] | None = None) -> int:
        payload: dict[str, Any] = {
            "timestamp": int(time.time() * 1000),
            "webhookEvent": event,
            "user": {"accountId": f"acc-{actor.lower().replace(' ', '-')}", "displayName": actor},
            "issue": {"id": issue.id, "key": issue.key, "fields": self.fields_of(issue)},
        }
        if comment is not None:
            payload["comment"] = comment
        body = json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Hub-Signature": sign_webhook(self._secret, body),
            "X-Atlassian-Webhook-Identifier": uuid.uuid4().hex,
        }
        self.deliveries.append((body, headers))
        return self._post(body, headers)

    def _post(self, body: bytes, headers: dict[str, str]) -> int:
        return self._webhook(body, headers) if self._webhook else 0

    @staticmethod
    def _self(request: Request, issue: Issue) -> str:
        return f"{request.host_url.rstrip('/')}/rest/api/3/issue/{issue.id}"


def _real_errors(response: Response, errors: list[Exception]) -> list[Exception]:
    """The document gives 204 answers an `application/json` body of any shape; Jira sends none. A missing
    body on a 204 is what Jira does, every other finding is real."""
    if response.status_code == 204:
        return [e for e in errors if type(e).__name__ != "MissingData"]
    return errors


def _matches(user: Account, query: str) -> bool:
    return user.email.casefold().startswith(query) or user.display_name.casefold().startswith(query)


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def _missing() -> Response:
    return _json(404, {"errorMessages": ["Issue does not exist or you do not have permission to see it."],
                       "errors": {}})  # fmt: skip


def start_jira_standin(stack: StackParts) -> JiraStandin:
    """The stand-in on its own loopback port (the functions call it there: *.localhost does not resolve for
    them), posting its webhooks to the public API through the local gateway, as Jira posts to API Gateway."""
    import http.client
    import os

    from waitress.server import create_server

    def post(body: bytes, headers: dict[str, str]) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=30)
        conn.request(
            "POST", "/public/webhooks/jira", body, {**headers, "Host": f"api.localhost:{stack.http_port}"}
        )
        status = conn.getresponse().status
        conn.close()
        return status

    from helpdesk.settings import get_settings

    email, s = "sync@agency.localhost", get_settings()
    standin = JiraStandin(email, s.local_jira_api_token, post, s.local_jira_webhook_secret)
    server = create_server(standin, host="127.0.0.1", port=0, threads=2, ident="jira-standin")
    threading.Thread(target=server.run, name="jira-standin", daemon=True).start()
    os.environ.update({"JIRA_BASE_URL": f"http://127.0.0.1:{server.effective_port}", "JIRA_EMAIL": email})
    return standin
