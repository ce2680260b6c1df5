"""jira.localhost/__standin/...: acts "in Jira" on the local stack's stand-in, for people and e2e tests.

Not part of Jira's API (so not validated against its document): it plays the Jira user who edits an issue,
comments, or whose site is rate-limited, and it shows what the stand-in holds and was asked.

  GET  /__standin/issues                      every issue: key, status, fields, comments
  POST /__standin/issues                      {project, summary, actor?, <field>: value}: created "in Jira"
  POST /__standin/users                       {email, name}: a user of the Jira site -> account_id
  POST /__standin/issues/<key>                {status?, actor?, <field>: value} -> webhook_status
  POST /__standin/issues/<key>/comments       {text, actor?}
  POST /__standin/redeliver                   Jira retries the last delivery (same identifier and body)
  POST /__standin/rate-limit                  {calls, retry_after, project?}
  GET  /__standin/calls                       [{method, path, status, at}] of the REST calls received
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import Any

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from helpdesk_local.jira_standin import JiraStandin

PREFIX = "/__standin"
CONTROL = Map([
    Rule(f"{PREFIX}/issues", endpoint="issues", methods=["GET"]),
    Rule(f"{PREFIX}/issues", endpoint="create", methods=["POST"]),
    Rule(f"{PREFIX}/users", endpoint="user", methods=["POST"]),
    Rule(f"{PREFIX}/issues/<key>", endpoint="change", methods=["POST"]),
    Rule(f"{PREFIX}/issues/<key>/comments", endpoint="comment", methods=["POST"]),
    Rule(f"{PREFIX}/redeliver", endpoint="redeliver", methods=["POST"]),
    Rule(f"{PREFIX}/rate-limit", endpoint="rate_limit", methods=["POST"]),
    Rule(f"{PREFIX}/calls", endpoint="calls", methods=["GET"]),
])  # fmt: skip


class JiraStandinHost:
    """The stand-in's REST API plus the control routes, as one WSGI app."""

    def __init__(self, standin: JiraStandin) -> None:
        self.standin = standin

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        if not request.path.startswith(PREFIX + "/"):
            return self.standin(environ, start_response)
        try:
            endpoint, args = CONTROL.bind_to_environ(environ).match()
            answer = getattr(self, f"_{endpoint}")(request.get_json(silent=True) or {}, **args)
        except KeyError:
            answer = {"error": "no such issue"}, 404
        except Exception as error:  # werkzeug's NotFound / MethodNotAllowed
            return Response(str(error), getattr(error, "code", 500))(environ, start_response)
        body, status = answer if isinstance(answer, tuple) else (answer, 200)
        return Response(json.dumps(body), status, content_type="application/json")(environ, start_response)

    def _issues(self, _: dict[str, Any]) -> Any:
        return [asdict(issue) for issue in self.standin.issues.values()]

    def _create(self, body: dict[str, Any]) -> Any:
        project, summary = str(body.pop("project")), str(body.pop("summary"))
        actor = body.pop("actor", "Jira User")
        key = self.standin.create_issue_in_jira(project, summary, actor=actor, **body)
        return {"key": key}

    def _user(self, body: dict[str, Any]) -> Any:
        email = str(body["email"])
        return {"account_id": self.standin.add_user(email, str(body.get("name") or email))}

    def _change(self, body: dict[str, Any], key: str) -> Any:
        status, actor = body.pop("status", None), body.pop("actor", "Jira User")
        return {"webhook_status": self.standin.change_issue(key, actor=actor, status=status, **body)}

    def _comment(self, body: dict[str, Any], key: str) -> Any:
        sent = self.standin.comment_issue(key, str(body["text"]), actor=body.get("actor", "Jira User"))
        return {"webhook_status": sent}

    def _redeliver(self, _: dict[str, Any]) -> Any:
        return {"webhook_status": self.standin.redeliver()}

    def _rate_limit(self, body: dict[str, Any]) -> Any:
        self.standin.rate_limit(int(body["calls"]), int(body["retry_after"]), body.get("project"))
        return {"limited": int(body["calls"])}

    def _calls(self, _: dict[str, Any]) -> Any:
        calls = zip(self.standin.calls, self.standin.call_times, strict=False)
        return [{"method": m, "path": p, "status": s, "at": at} for (m, p, s), at in calls]
