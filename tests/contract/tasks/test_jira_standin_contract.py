"""The Jira stand-in holds to Atlassian's OpenAPI document both ways, and the real Jira adapter talks to it:
requests that violate the document are refused, answers that would violate it are a failure."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator

import pytest
from helpdesk.tasks.adapters.jira_http import HttpJira
from helpdesk.tasks.ports import JiraRateLimited
from helpdesk_local.jira_standin import JiraContractBroken, JiraStandin, jira_openapi
from werkzeug.serving import make_server
from werkzeug.test import Client
from werkzeug.wrappers import Response

pytestmark = pytest.mark.contract
ACCOUNT = ("sync@agency.example", "token-1")
AUTH = {"Authorization": "Basic " + base64.b64encode(":".join(ACCOUNT).encode()).decode()}


@pytest.fixture
def standin() -> JiraStandin:
    return JiraStandin(*ACCOUNT)


@pytest.fixture
def served(standin: JiraStandin) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, standin, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_vendored_document_is_atlassians_jira_cloud_v3_under_apache_2() -> None:
    spec = jira_openapi().spec
    assert spec["info"]["title"] == "The Jira Cloud platform REST API"
    assert spec["info"]["license"]["name"] == "Apache 2.0"
    assert "/rest/api/3/issue/{issueIdOrKey}/transitions" in spec["paths"]


def test_the_http_adapter_creates_updates_and_moves_an_issue_within_the_document(standin, served) -> None:
    jira = HttpJira(served, *ACCOUNT)
    fields = {"project": {"key": "DEV"}, "issuetype": {"name": "Task"}, "summary": "Export",
              "duedate": "2026-12-24", "labels": ["helpdesk"], "description": None}  # fmt: skip
    key = jira.create_issue(fields)
    assert key == "DEV-1"
    jira.update_issue(key, {"summary": "Export v2", "duedate": None})
    assert jira.move_issue(key, "in progress") and not jira.move_issue(key, "No Such Status")
    issue = standin.issues[key]
    assert (issue.fields["summary"], issue.fields["duedate"], issue.status) == (
        "Export v2",
        None,
        "In Progress",
    )
    assert [status for _, _, status in standin.calls] == [201, 204, 200, 204, 200]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/rest/api/3/issue", {"fields": "not an object"}),
        ("POST", "/rest/api/3/issue", ["fields"]),
        ("POST", "/rest/api/3/issue/DEV-1/transitions", {"transition": "11"}),
        ("PUT", "/rest/api/3/issue/DEV-1", {"fields": {"summary": "x"}, "update": {"labels": "add"}}),
        ("POST", "/rest/api/3/issue/DEV-1/comment", {"body": {"type": "doc"}, "visibility": "internal"}),
    ],
)
def test_a_request_the_document_refuses_gets_jiras_400(standin, method, path, body) -> None:
    Client(standin).post("/rest/api/3/issue", json={"fields": {"project": {"key": "DEV"}, "summary": "s"}},
                         headers=AUTH)  # fmt: skip
    answer = Client(standin).open(path, method=method, json=body, headers=AUTH)
    assert answer.status_code == 400
    assert answer.get_json()["errorMessages"], answer.get_json()
    assert standin.issues["DEV-1"].fields["summary"] == "s"


def test_credentials_are_required(standin) -> None:
    body = {"fields": {"project": {"key": "DEV"}, "summary": "s"}}
    assert Client(standin).post("/rest/api/3/issue", json=body).status_code == 401
    wrong = {"Authorization": "Basic " + base64.b64encode(b"sync@agency.example:bad").decode()}
    assert Client(standin).post("/rest/api/3/issue", json=body, headers=wrong).status_code == 401
    assert standin.issues == {}


def test_an_answer_outside_the_document_is_a_broken_stand_in(standin, monkeypatch) -> None:
    def drifted(request: object) -> Response:  # `id` is a string in Jira's CreatedIssue
        return Response(json.dumps({"id": 10001, "key": "DEV-1"}), 201, content_type="application/json")

    monkeypatch.setattr(standin, "_create", drifted)
    with pytest.raises(JiraContractBroken):
        Client(standin).post("/rest/api/3/issue", json={"fields": {"summary": "s"}}, headers=AUTH)


def test_a_429_reaches_the_adapter_with_its_retry_after(standin, served) -> None:
    standin.rate_limit(1, retry_after=7)
    with pytest.raises(JiraRateLimited) as limited:
        HttpJira(served, *ACCOUNT).create_issue({"project": {"key": "DEV"}, "summary": "s"})
    assert limited.value.retry_after == 7 and standin.issues == {}


def test_a_restarted_standin_keeps_its_issues_and_numbering(standin, served) -> None:
    jira = HttpJira(served, *ACCOUNT)
    first = jira.create_issue({"project": {"key": "DEV"}, "issuetype": {"name": "Task"}, "summary": "One"})
    jira.move_issue(first, "In Review")
    kept = json.loads(json.dumps(standin.snapshot()))  # what the state folder holds
    restarted = JiraStandin(*ACCOUNT)
    restarted.restore(kept)
    assert (
        restarted.issues[first].status == "In Review" and restarted.issues[first].fields["summary"] == "One"
    )
    server = make_server("127.0.0.1", 0, restarted, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    again = HttpJira(f"http://127.0.0.1:{server.server_port}", *ACCOUNT)
    second = again.create_issue({"project": {"key": "DEV"}, "issuetype": {"name": "Task"}, "summary": "Two"})
    server.shutdown()
    assert (first, second) == ("DEV-1", "DEV-2")
    assert restarted.issues[second].id != restarted.issues[first].id


def test_a_rate_limit_for_one_project_spares_the_others(standin, served) -> None:
    jira = HttpJira(served, *ACCOUNT)
    standin.rate_limit(1, retry_after=4, project="OPS")
    assert jira.create_issue({"project": {"key": "DEV"}, "issuetype": {"name": "Task"}, "summary": "a"})
    with pytest.raises(JiraRateLimited) as limited:
        jira.create_issue({"project": {"key": "OPS"}, "issuetype": {"name": "Task"}, "summary": "b"})
    assert limited.value.retry_after == 4
    assert jira.create_issue({"project": {"key": "OPS"}, "issuetype": {"name": "Task"}, "summary": "b"})


def test_the_adapter_finds_an_account_by_e_mail_through_user_search(standin, served) -> None:
    account = standin.add_user("dima@agency.example", "Dima Petrov")
    standin.add_user("dimitri@agency.example", "Dimitri")  # a prefix match that is someone else
    jira = HttpJira(served, *ACCOUNT)
    assert jira.find_account("DIMA@agency.example") == account
    assert jira.find_account("nobody@agency.example") is None
    assert standin.calls == [("GET", "/rest/api/3/user/search", 200)] * 2
    found = Client(standin).get("/rest/api/3/user/search?query=dim", headers=AUTH).json
    assert {u["accountId"] for u in found} >= {account} and len(found) == 2


def test_user_search_outside_the_document_is_refused(standin) -> None:
    answer = Client(standin).get("/rest/api/3/user/search?maxResults=many", headers=AUTH)
    assert answer.status_code == 400


def test_the_local_control_routes_add_users_and_create_issues_in_jira() -> None:
    from helpdesk_local.jira_control import JiraStandinHost

    sent: list[dict] = []
    standin = JiraStandin(*ACCOUNT, webhook=lambda body, headers: sent.append(json.loads(body)) or 200)
    host = Client(JiraStandinHost(standin))
    account = host.post("/__standin/users", json={"email": "dev@x.example", "name": "Dev"}).json["account_id"]
    found = host.get("/rest/api/3/user/search?query=dev@x.example", headers=AUTH).json
    assert [u["accountId"] for u in found] == [account]
    made = host.post("/__standin/issues", json={"project": "DEV", "summary": "From Jira", "actor": "Bob"})
    assert made.json == {"key": "DEV-1"}
    assert [(h["webhookEvent"], h["issue"]["key"], h["user"]["displayName"]) for h in sent] == [
        ("jira:issue_created", "DEV-1", "Bob")
    ]
