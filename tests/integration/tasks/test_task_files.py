"""Files on a task through the staff API under moto: developers attach them, staff download them by a
short-lived link; a key that is not the task's answers like a missing file."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest

from tests.support.template_stack import REGION, TemplateStack

from .conftest import desk, staff  # noqa: F401 (the desk fixture)

pytestmark = pytest.mark.integration


def upload(name: str, content: bytes) -> dict[str, str]:
    return {
        "filename": name,
        "content_type": "text/plain",
        "content_base64": base64.b64encode(content).decode(),
    }


def test_a_developer_attaches_files_and_staff_download_only_the_tasks_own(desk: TemplateStack) -> None:  # noqa: F811
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    task = staff("POST", "/tasks", {"project": "ACME", "title": "Export to 1C"}).body
    other = staff("POST", "/tasks", {"project": "ACME", "title": "Other"}).body
    path = "/tasks/{task_id}/attachments"
    body = {"attachments": [upload("spec.txt", b"CommerceML 2.10"), upload("log.txt", b"error 42")]}

    assert staff("POST", path, body, token="alla", task_id=task["id"]).status == 403  # accountant
    attached = staff("POST", path, body, token="dima", task_id=task["id"])
    assert attached.status == 200, attached.body
    files = attached.body["attachments"]
    assert [(f["filename"], f["size"], f["by"]) for f in files] == [
        ("spec.txt", 15, "dima@agency.example"),
        ("log.txt", 8, "dima@agency.example"),
    ]
    assert [c["field"] for c in attached.body["history"]][-2:] == ["attachment", "attachment"]
    assert staff("POST", path, {"attachments": []}, task_id=task["id"]).status == 422

    link = staff("GET", "/tasks/{task_id}/download", task_id=task["id"], query={"key": files[0]["key"]})
    assert link.status == 200 and link.body["expires_in"] > 0
    assert "spec.txt" in parse_qs(urlsplit(link.body["url"]).query)["response-content-disposition"][0]
    bucket = desk.ref("AttachmentsBucket")
    stored = boto3.client("s3", region_name=REGION).get_object(Bucket=bucket, Key=files[0]["key"])
    assert stored["Body"].read() == b"CommerceML 2.10"

    foreign = staff("GET", "/tasks/{task_id}/download", task_id=other["id"], query={"key": files[0]["key"]})
    assert foreign.status == 404  # the file is another task's
    assert staff("GET", "/tasks/{task_id}/download", task_id=task["id"], query={"key": "x"}).status == 404
