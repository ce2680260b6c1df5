"""Projects and development tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpdesk.api.access import Principal, route
from helpdesk.api.errors import created
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.tasks.views.client_stats import ClientStatsView
    from helpdesk.tasks.views.tasks import (
        ProjectListView,
        ProjectStatsView,
        ProjectView,
        TaskListView,
        TaskView,
    )
    from helpdesk.tickets.views.tickets import DownloadView

from .common import PROJECT_ADMIN, SUPPORT, TASK_WORK, app, body, query, verifier


@route(app, "/projects", access=PROJECT_ADMIN, verifier=verifier, methods=["POST"])
def create_project(caller: Principal) -> Any:
    from helpdesk.tasks.views.tasks import CreateProjectRequest

    request = CreateProjectRequest.model_validate(body())
    return created(container().task_desk.create_project(request, caller.email))


@route(app, "/projects", access=SUPPORT, verifier=verifier)
def list_projects(caller: Principal) -> ProjectListView:
    return container().task_desk.projects()


@route(app, "/projects/{key}", access=SUPPORT, verifier=verifier)
def get_project(caller: Principal, key: str) -> ProjectView:
    return container().task_desk.project(key)


@route(app, "/projects/{key}/workflow", access=PROJECT_ADMIN, verifier=verifier, methods=["PUT"])
def change_project_workflow(caller: Principal, key: str) -> ProjectView:
    from helpdesk.tasks.views.tasks import WorkflowRequest

    return container().task_desk.change_workflow(key, WorkflowRequest.model_validate(body()))


@route(app, "/projects/{key}/jira", access=PROJECT_ADMIN, verifier=verifier, methods=["PUT"])
def link_project_to_jira(caller: Principal, key: str) -> ProjectView:
    from helpdesk.tasks.views.tasks import LinkJiraRequest

    return container().task_desk.link_jira(key, LinkJiraRequest.model_validate(body()))


@route(app, "/projects/{key}/stats", access=SUPPORT, verifier=verifier)
def project_stats(caller: Principal, key: str) -> ProjectStatsView:
    return container().task_desk.stats(key)


@route(app, "/organisations/{organisation_id}/project-stats", access=SUPPORT, verifier=verifier)
def client_project_stats(caller: Principal, organisation_id: str) -> ClientStatsView:
    return container().task_desk.client_stats(organisation_id)


@route(app, "/tasks", access=TASK_WORK, verifier=verifier, methods=["POST"])
def create_task(caller: Principal) -> Any:
    from helpdesk.tasks.views.tasks import CreateTaskRequest

    request = CreateTaskRequest.model_validate(body())
    return created(container().task_desk.create_task(request, caller.email or ""))


@route(app, "/tasks", access=SUPPORT, verifier=verifier)
def list_tasks(caller: Principal) -> TaskListView:
    from helpdesk.tasks.views.tasks import TaskListQuery

    return container().task_desk.list_tasks(TaskListQuery.model_validate(query()), caller.email or "")


@route(app, "/tasks/{task_id}", access=SUPPORT, verifier=verifier)
def get_task(caller: Principal, task_id: str) -> TaskView:
    return container().task_desk.task(task_id)


@route(app, "/tasks/{task_id}", access=TASK_WORK, verifier=verifier, methods=["PATCH"])
def change_task(caller: Principal, task_id: str) -> TaskView:
    from helpdesk.tasks.views.tasks import UpdateTaskRequest

    change = UpdateTaskRequest.model_validate(body())
    return container().task_desk.change(task_id, change, caller.email or "")


@route(app, "/tasks/{task_id}/time", access=TASK_WORK, verifier=verifier, methods=["POST"])
def log_task_time(caller: Principal, task_id: str) -> TaskView:
    from helpdesk.tasks.views.tasks import LogTimeRequest

    entry = LogTimeRequest.model_validate(body())
    return container().task_desk.log_time(task_id, entry, caller.email or "")


@route(app, "/tasks/{task_id}/attachments", access=TASK_WORK, verifier=verifier, methods=["POST"])
def attach_to_task(caller: Principal, task_id: str) -> TaskView:
    from helpdesk.tasks.views.tasks import AttachRequest

    files = AttachRequest.model_validate(body())
    return container().task_desk.attach(task_id, files, caller.email or "")


@route(app, "/tasks/{task_id}/download", access=SUPPORT, verifier=verifier)
def download_task_file(caller: Principal, task_id: str) -> DownloadView:
    from helpdesk.tickets.views.tickets import DownloadView

    expires = container().settings.download_url_expiry_seconds
    url = container().task_desk.file_url(task_id, query().get("key", ""), expires)
    return DownloadView(url=url, expires_in=expires)


@route(app, "/tasks/{task_id}/comments", access=TASK_WORK, verifier=verifier, methods=["POST"])
def comment_task(caller: Principal, task_id: str) -> TaskView:
    from helpdesk.tasks.views.tasks import CommentRequest

    comment = CommentRequest.model_validate(body())
    return container().task_desk.comment(task_id, comment, caller.email or "")
