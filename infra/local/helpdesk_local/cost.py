"""The monthly AWS bill of a workload, line by line: request counts measured by running the real code paths in
the emulator (`infra/cost/measured-calls.json`, made by `tests/bench/cost_calls.py`), the topology read from
template.yaml (functions, schedules, stream consumers, alarms, secrets), and a dated price table
(`infra/cost/prices-us-east-1.json`). What is estimated rather than measured says so in its line."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpdesk_local.cost_search import search_lines
from helpdesk_local.metric_census import Census, census

ROOT = Path(__file__).resolve().parents[3]
PRICES = ROOT / "infra" / "cost" / "prices-us-east-1.json"
MEASURED = ROOT / "infra" / "cost" / "measured-calls.json"
WORKDAYS, HOURS_OPEN = 21, 7
POLL_SECONDS, HIDDEN_POLL_SECONDS = 5, 30  # the live inbox while its tab is visible / hidden
MS_BASE, MS_PER_AWS_REQUEST = 30, 6  # estimated Lambda duration: own work plus one round trip per AWS request
LOG_KB_PER_INVOCATION = 1.5
MONTH_MINUTES = 30 * 24 * 60


@dataclass(frozen=True)
class Workload:
    tickets: int  # new tickets a month
    staff: int
    licenses: int
    customer_replies: float = 1.5  # per ticket, by mail
    staff_replies: float = 2.0  # per ticket
    page_views: float = 6.0  # staff opening the ticket page, per ticket
    validations_per_license_day: float = 1.0  # installed modules check their key about once a day
    cabinet_share: float = 0.2  # customers who sign in to the cabinet in a month, per ticket
    console_visible_share: float = 0.5  # of the hours the console is open, its tab is in front (assumed)
    kb_per_inbound_mail: int = 60  # raw mail with its attachments, kept in S3
    kb_table_per_ticket: int = 16  # the ticket, its messages, customer and index items
    retention_months: int = 12  # storage is priced as it stands after this many months


@dataclass(frozen=True)
class Line:
    service: str
    what: str
    dollars: float
    measured: bool


@dataclass(frozen=True)
class Topology:
    memory_mb: int
    stream_consumers: int
    scheduled_per_month: int
    alarms: int
    secrets: int
    tables: int
    metrics: Census


def topology(template: dict[str, Any]) -> Topology:
    resources = template["Resources"].values()
    functions = [r for r in resources if r.get("Type") == "AWS::Serverless::Function"]
    events = [e for f in functions for e in (f.get("Properties", {}).get("Events") or {}).values()]
    schedules = [e["Properties"]["Schedule"] for e in events if e.get("Type") == "Schedule"]
    return Topology(
        memory_mb=int(template.get("Globals", {}).get("Function", {}).get("MemorySize", 128)),
        stream_consumers=sum(1 for e in events if e.get("Type") == "DynamoDB"),
        scheduled_per_month=sum(_per_month(s) for s in schedules),
        alarms=sum(1 for r in resources if r.get("Type") == "AWS::CloudWatch::Alarm"),
        secrets=sum(1 for r in resources if r.get("Type") == "AWS::SecretsManager::Secret"),
        tables=sum(1 for r in resources if r.get("Type") == "AWS::DynamoDB::Table"),
        metrics=census(ROOT),
    )


def _per_month(schedule: str) -> int:
    found = re.fullmatch(r"rate\((\d+) (minute|hour|day)s?\)", schedule.strip())
    if not found:
        return 30  # a cron expression: taken as daily
    every = int(found[1]) * {"minute": 1, "hour": 60, "day": 1440}[found[2]]
    return MONTH_MINUTES // every


def path_volumes(w: Workload) -> dict[str, float]:
    """How often each measured path runs in a month of this workload."""
    visible = w.console_visible_share
    per_hour = 3600 * (visible / POLL_SECONDS + (1 - visible) / HIDDEN_POLL_SECONDS)
    polls = w.staff * WORKDAYS * HOURS_OPEN * per_hour
    return {
        "mail_new_ticket": w.tickets,
        "mail_reply": w.tickets * w.customer_replies,
        "staff_reply": w.tickets * w.staff_replies,
        "outbound_delivery": w.tickets * w.staff_replies,
        "ticket_page": w.tickets * w.page_views,
        "inbox_poll": polls,
        "license_validate": w.licenses * w.validations_per_license_day * 30,
    }


# capacity units and items in transactions, beside the request counts
UNITS = ("dynamodb:read", "dynamodb:write", "dynamodb:transact_items")
API_PATHS = ("staff_reply", "ticket_page", "inbox_poll", "license_validate")
QUEUED_PATHS = ("mail_new_ticket", "mail_reply", "outbound_delivery")  # each message: a receive and a delete


def bill(
    w: Workload,
    measured: dict[str, dict[str, float]],
    prices: dict[str, float],
    t: Topology,
    search_backend: str = "opensearch",
) -> list[Line]:
    p, volumes = prices, path_volumes(w)
    calls: Counter[str] = Counter()
    for path, volume in volumes.items():
        for name, count in measured[path].items():
            calls[name] += count * volume
    invocations = sum(volumes.values())
    writing_paths = sum(v for k, v in volumes.items() if measured[k].get("dynamodb:write"))
    stream_invocations = writing_paths * t.stream_consumers
    aws_requests = {k: sum(n for name, n in c.items() if name not in UNITS) for k, c in measured.items()}
    ms = sum(volumes[k] * (MS_BASE + MS_PER_AWS_REQUEST * aws_requests[k]) for k in volumes)
    ms += (stream_invocations + t.scheduled_per_month) * (MS_BASE + 4 * MS_PER_AWS_REQUEST)
    all_invocations = invocations + stream_invocations + t.scheduled_per_month
    api_ms = sum(volumes[k] * (MS_BASE + MS_PER_AWS_REQUEST * aws_requests[k]) for k in API_PATHS)
    search = search_lines(search_backend, w.tickets, w.staff, w.retention_months, volumes, api_ms / 1000, p)
    gb_seconds = ms / 1000 * t.memory_mb / 1024
    sqs_requests = (
        calls["sqs:SendMessage"] + sum(volumes[k] for k in QUEUED_PATHS) * 3
    )  # notify, receive, delete
    inbound = w.tickets * (1 + w.customer_replies)
    stored_gb = w.tickets * w.retention_months
    cabinet_mau = w.tickets * w.cabinet_share + w.staff
    custom_metrics = t.metrics.total(t.tables)
    lines = [
        Line(
            "Lambda",
            f"{all_invocations:,.0f} invocations",
            max(0, all_invocations - p["lambda_free_requests"]) / 1e6 * p["lambda_per_million_requests"],
            True,
        ),
        Line(
            "Lambda",
            f"{gb_seconds:,.0f} GB-s (arm64, {t.memory_mb} MB; durations estimated)",
            max(0.0, gb_seconds - p["lambda_free_gb_seconds"]) * p["lambda_arm_gb_second"],
            False,
        ),
        Line(
            "API Gateway",
            f"{sum(volumes[k] for k in API_PATHS):,.0f} REST requests",
            sum(volumes[k] for k in API_PATHS) / 1e6 * p["rest_api_per_million"],
            True,
        ),
        Line(
            "DynamoDB",
            f"{calls['dynamodb:write']:,.0f} write units",
            calls["dynamodb:write"] / 1e6 * p["dynamodb_per_million_write_units"],
            True,
        ),
        Line(
            "DynamoDB",
            f"{calls['dynamodb:read']:,.0f} read units",
            calls["dynamodb:read"] / 1e6 * p["dynamodb_per_million_read_units"],
            True,
        ),
        Line(
            "DynamoDB",
            f"{stored_gb * w.kb_table_per_ticket / 1e6:,.1f} GB stored after "
            f"{w.retention_months} months (estimated)",
            max(0.0, stored_gb * w.kb_table_per_ticket / 1e6 - p["dynamodb_free_gb"])
            * p["dynamodb_gb_month"],
            False,
        ),
        Line(
            "DynamoDB Streams",
            f"{stream_invocations:,.0f} batches to {t.stream_consumers} consumers "
            "(reads by Lambda triggers are free)",
            0.0,
            True,
        ),
        Line(
            "SQS",
            f"{sqs_requests:,.0f} requests",
            max(0.0, sqs_requests - p["sqs_free_requests"]) / 1e6 * p["sqs_per_million"],
            True,
        ),
        Line(
            "SES",
            f"{calls['email:SendRawEmail']:,.0f} mails sent",
            calls["email:SendRawEmail"] / 1000 * p["ses_per_thousand_sent"],
            True,
        ),
        Line(
            "SES",
            f"{inbound:,.0f} mails received",
            inbound / 1000 * (p["ses_per_thousand_received"] + p["ses_per_thousand_received_chunks"]),
            True,
        ),
        Line(
            "S3",
            f"{calls['s3:PutObject']:,.0f} PUT, {calls['s3:GetObject']:,.0f} GET",
            calls["s3:PutObject"] / 1000 * p["s3_per_thousand_put"]
            + calls["s3:GetObject"] / 1000 * p["s3_per_thousand_get"],
            True,
        ),
        Line(
            "S3",
            f"{inbound * w.retention_months * w.kb_per_inbound_mail / 1e6:,.1f} GB of mail after "
            f"{w.retention_months} months (estimated)",
            inbound * w.retention_months * w.kb_per_inbound_mail / 1e6 * p["s3_gb_month"],
            False,
        ),
        Line(
            "Step Functions",
            f"{w.licenses * 2:,.0f} transitions (license lifecycles, estimated)",
            max(0, w.licenses * 2 - p["sfn_free_transitions"]) / 1000 * p["sfn_per_thousand_transitions"],
            False,
        ),
        Line(
            "CloudWatch",
            f"{t.alarms} alarms",
            max(0, t.alarms - p["cloudwatch_free_alarms"]) * p["cloudwatch_alarm_month"],
            True,
        ),
        Line(
            "CloudWatch",
            f"{custom_metrics} custom metrics (counted from the code, each billed all month)",
            max(0, custom_metrics - p["cloudwatch_free_metrics"]) * p["cloudwatch_metric_month"],
            False,
        ),
        Line(
            "CloudWatch",
            f"{all_invocations * LOG_KB_PER_INVOCATION / 1e6:,.1f} GB of logs (estimated)",
            max(0.0, all_invocations * LOG_KB_PER_INVOCATION / 1e6 - p["cloudwatch_logs_free_gb"])
            * p["cloudwatch_logs_ingest_gb"],
            False,
        ),
        Line(
            "Cognito",
            f"{cabinet_mau:,.0f} monthly active users",
            max(0.0, cabinet_mau - p["cognito_free_mau"]) * p["cognito_mau"],
            False,
        ),
        *(Line(*line) for line in search),
        Line("CloudFront", "static sites, well inside the always-free 1 TB and 10 M requests", 0.0, False),
        Line("Secrets Manager", f"{t.secrets} secrets", t.secrets * p["secrets_manager_secret_month"], True),
    ]
    return lines


def load_inputs() -> tuple[dict[str, dict[str, float]], dict[str, Any], Topology]:
    from helpdesk_local.template import load_template

    measured = json.loads(MEASURED.read_text())
    prices = json.loads(PRICES.read_text())
    return measured, prices, topology(load_template(ROOT / "template.yaml"))
