"""The local stack as a user meets it: one command, every template resource, events delivered as AWS would."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from helpdesk_local.provision import RUNTIME_TYPES
from helpdesk_local.template import AWS_ONLY_CONDITION, Resolver

from tests.support.local_process import LocalProcess
from tests.support.template_stack import template

pytestmark = pytest.mark.e2e


def test_banner_prints_urls_and_demo_logins(local: LocalProcess) -> None:
    for text in (
        "storefront",
        "staff console",
        "customer cabinet",
        "mail viewer",
        "SMTP",
        "demo logins",
        f"http://console.localhost:{local.http_port}",
        "admin@helpdesk.localhost",
    ):
        assert text in local.banner


def test_every_template_resource_exists_in_the_emulator_or_the_runtime(local: LocalProcess) -> None:
    resources = template()["Resources"]
    local_resolver = Resolver(template(), {"Stage": "local"}, "eu-central-1")
    assert not local_resolver.condition(AWS_ONLY_CONDITION)
    ddb, sqs, s3 = local.client("dynamodb"), local.client("sqs"), local.client("s3")
    idp, sns, cw = local.client("cognito-idp"), local.client("sns"), local.client("cloudwatch")
    tables = set(ddb.list_tables()["TableNames"])
    queues = {u.rsplit("/", 1)[1] for u in sqs.list_queues().get("QueueUrls", [])}
    buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    alarms = {a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]}
    topics = {t["TopicArn"].rsplit(":", 1)[1] for t in sns.list_topics()["Topics"]}
    pools = idp.list_user_pools(MaxResults=10)["UserPools"]
    assert len(pools) == 1
    groups = {g["GroupName"] for g in idp.list_groups(UserPoolId=pools[0]["Id"])["Groups"]}
    domains = {d["DomainName"] for d in local.client("opensearch").list_domain_names()["DomainNames"]}
    machines = {m["name"] for m in local.client("stepfunctions").list_state_machines()["stateMachines"]}
    found = {
        "AWS::DynamoDB::Table": lambda p: p["TableName"].replace("${Stage}", "local") in tables,
        "AWS::SQS::Queue": lambda p: p["QueueName"].replace("${Stage}", "local") in queues,
        "AWS::S3::Bucket": lambda p: (
            p["BucketName"].replace("${Stage}", "local").replace("${AWS::AccountId}", "123456789012")
            in buckets
        ),
        "AWS::CloudWatch::Alarm": lambda p: p["AlarmName"].replace("${Stage}", "local") in alarms,
        "AWS::SNS::Topic": lambda p: p["TopicName"].replace("${Stage}", "local") in topics,
        "AWS::Cognito::UserPoolGroup": lambda p: p["GroupName"] in groups,
        "AWS::OpenSearchService::Domain": lambda p: p["DomainName"].replace("${Stage}", "local") in domains,
        "AWS::Serverless::StateMachine": lambda p: p["Name"].replace("${Stage}", "local") in machines,
    }
    checked = 0
    for name, spec in resources.items():
        if spec.get("Condition") and not local_resolver.condition(spec["Condition"]):
            continue  # CloudFront (the local front plays its part), the other search backend's bucket
        props = {
            k: (v["Fn::Sub"] if isinstance(v, dict) and "Fn::Sub" in v else v)
            for k, v in spec.get("Properties", {}).items()
        }
        if spec["Type"] in found:
            assert found[spec["Type"]](props), name
            checked += 1
        else:
            assert spec["Type"] in RUNTIME_TYPES or spec["Type"].startswith(
                (
                    "AWS::SES::",
                    "AWS::Cognito::",
                    "AWS::S3::BucketPolicy",
                    "AWS::SQS::QueuePolicy",
                    "AWS::SNS::Subscription",
                    "AWS::Serverless::StateMachine",
                )
            ), name
    assert checked >= 15


def test_health_reports_every_queue(local: LocalProcess) -> None:
    status, body = local.json("api", "GET", "/staff/health")
    assert status == 200
    names = {q["name"] for q in body["queues"]}
    assert {"helpdesk-ingest-local", "helpdesk-ingest-dlq-local", "helpdesk-notify-dlq-local"} <= names
    assert all({"visible", "in_flight", "oldest_age_seconds"} <= set(q) for q in body["queues"])


def test_site_hosts_serve_their_pages_and_their_api(local: LocalProcess) -> None:
    for host in ("shop", "console", "cabinet"):
        status, headers, page = local.request(host, "GET", "/")
        assert status == 200 and b"<html" in page.lower() or b"<!doctype html" in page.lower()
    status, body = local.json("console", "GET", "/api/health")
    assert status == 200 and "queues" in body


def test_sqs_partial_failure_stores_good_records_and_redrives_poison_to_the_dlq(local: LocalProcess) -> None:
    sqs, ddb = local.client("sqs"), local.client("dynamodb")
    url = sqs.get_queue_url(QueueName="helpdesk-notify-local")["QueueUrl"]
    dlq = sqs.get_queue_url(QueueName="helpdesk-notify-dlq-local")["QueueUrl"]
    recipient = f"{uuid.uuid4().hex[:8]}@acme.example"
    good = {"notice_id": uuid.uuid4().hex, "audience": "customer", "recipient": recipient, "subject": "Hi"}
    poison = f"not json {uuid.uuid4().hex}"
    sqs.send_message_batch(
        QueueUrl=url,
        Entries=[
            {"Id": "1", "MessageBody": json.dumps(good)},
            {"Id": "2", "MessageBody": poison},
            {"Id": "3", "MessageBody": json.dumps(good)},  # a duplicate delivery of the same notice
        ],
    )

    def stored() -> list:
        return ddb.query(
            TableName="helpdesk-local",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": f"NOTICE#{recipient}"}},
        )["Items"]

    assert len(local.wait_for(stored)) == 1

    def in_dlq() -> list:
        messages = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10, VisibilityTimeout=0)
        return [m for m in messages.get("Messages", []) if m["Body"] == poison]

    assert local.wait_for(in_dlq, timeout=60)
    time.sleep(1)
    assert len(stored()) == 1


def test_smtp_mail_lands_in_the_raw_bucket_like_ses_and_notifies_the_ingest_queue(
    local: LocalProcess,
) -> None:
    import smtplib
    from email.message import EmailMessage

    s3 = local.client("s3")
    bucket = next(b["Name"] for b in s3.list_buckets()["Buckets"] if "raw-mail" in b["Name"])
    before = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="inbound/").get("Contents", [])}
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "carol@initech.example", "support@support.localhost", "SMTP path"
    msg.set_content("hello")
    with smtplib.SMTP("127.0.0.1", local.smtp_port) as smtp:
        smtp.send_message(msg)
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            smtp.sendmail("x@y.example", ["someone@elsewhere.example"], b"Subject: no\r\n\r\nno")

    def new_keys() -> set:
        now = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="inbound/").get("Contents", [])}
        return now - before

    (key,) = local.wait_for(new_keys)
    raw = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    assert b"Subject: SMTP path\r\n" in raw
    assert len(key.split("/")[-1]) == 40
