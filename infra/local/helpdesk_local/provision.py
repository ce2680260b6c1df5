"""Creates every resource of template.yaml in the emulator, in dependency order, noting what each answers to.

Types the emulator cannot run are taken over by the local runtime (see RUNTIME_TYPES and docs/local-stack.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpdesk_local.template import ACCOUNT_ID, Created, Resolver, references

# Served by the local runtime itself, not by the emulator: functions run in-process, the layer is the editable
# install, and API Gateway is the local gateway.
RUNTIME_TYPES = {"AWS::Serverless::Function", "AWS::Serverless::LayerVersion", "AWS::Serverless::Api"}


class Provisioner:
    def __init__(self, resolver: Resolver, clients: Callable[[str], Any], root: Path) -> None:
        self.r = resolver
        self._clients = clients
        self._cache: dict[str, Any] = {}
        self.root = root
        self.region = resolver.region

    def client(self, service: str) -> Any:
        if service not in self._cache:
            self._cache[service] = self._clients(service)
        return self._cache[service]

    def create_all(self) -> dict[str, Created]:
        resources = self.r.template["Resources"]
        for name in creation_order(resources):
            spec = resources[name]
            if "Condition" in spec and not self.r.condition(spec["Condition"]):
                continue
            props = self.r.resolve(spec.get("Properties", {}))
            kind = spec["Type"]
            creator = getattr(self, "_" + kind.replace("::", "_").replace("AWS_", "", 1), None)
            if kind in RUNTIME_TYPES:
                self.r.created[name] = Created(ref=name)
            elif creator is None:
                raise NotImplementedError(f"{name}: the local stack cannot create {kind}")
            else:
                self.r.created[name] = creator(name, props)
        return self.r.created

    def arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{ACCOUNT_ID}:{resource}"

    # ------------------------------------------------------------ data
    def _DynamoDB_Table(self, name: str, p: dict[str, Any]) -> Created:
        ddb = self.client("dynamodb")
        table = p.get("TableName", name)
        kwargs: dict[str, Any] = {
            "TableName": table,
            "KeySchema": p["KeySchema"],
            "AttributeDefinitions": p["AttributeDefinitions"],
            "BillingMode": p.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if p.get("GlobalSecondaryIndexes"):
            kwargs["GlobalSecondaryIndexes"] = p["GlobalSecondaryIndexes"]
        if p.get("StreamSpecification"):
            kwargs["StreamSpecification"] = {"StreamEnabled": True, **p["StreamSpecification"]}
        if table not in ddb.list_tables()["TableNames"]:
            ddb.create_table(**kwargs)
            ttl = p.get("TimeToLiveSpecification")
            if ttl:
                ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=ttl)
        described = ddb.describe_table(TableName=table)["Table"]
        attrs = {"Arn": described["TableArn"]}
        if described.get("LatestStreamArn"):
            attrs["StreamArn"] = described["LatestStreamArn"]
        return Created(ref=table, attrs=attrs)

    def _SQS_Queue(self, name: str, p: dict[str, Any]) -> Created:
        sqs = self.client("sqs")
        queue = p.get("QueueName", name)
        attributes = {
            k: str(p[k]) for k in ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds") if k in p
        }
        if "RedrivePolicy" in p:
            attributes["RedrivePolicy"] = json.dumps(p["RedrivePolicy"])
        url = sqs.create_queue(QueueName=queue, Attributes=attributes)["QueueUrl"]
        return Created(ref=url, attrs={"Arn": self.arn("sqs", queue), "QueueName": queue, "QueueUrl": url})

    def _SQS_QueuePolicy(self, name: str, p: dict[str, Any]) -> Created:
        for url in p["Queues"]:
            self.client("sqs").set_queue_attributes(
                QueueUrl=url, Attributes={"Policy": json.dumps(p["PolicyDocument"])}
            )
        return Created(ref=name)

    def _S3_Bucket(self, name: str, p: dict[str, Any]) -> Created:
        s3 = self.client("s3")
        bucket = p.get("BucketName", name.lower())
        existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
        if bucket not in existing:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": self.region})
        if rules := p.get("CorsConfiguration", {}).get("CorsRules"):
            s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [_cors_rule(r) for r in rules]})
        notifications = p.get("NotificationConfiguration", {}).get("QueueConfigurations", [])
        if notifications:
            s3.put_bucket_notification_configuration(
                Bucket=bucket,
                NotificationConfiguration={
                    "QueueConfigurations": [_queue_notification(n) for n in notifications]
                },
            )
        return Created(
            ref=bucket,
            attrs={"Arn": f"arn:aws:s3:::{bucket}", "DomainName": f"{bucket}.s3.amazonaws.com"},
        )

    def _S3_BucketPolicy(self, name: str, p: dict[str, Any]) -> Created:
        self.client("s3").put_bucket_policy(Bucket=p["Bucket"], Policy=json.dumps(p["PolicyDocument"]))
        return Created(ref=name)

    # ------------------------------------------------------------ mail, messaging, alarms
    def _SES_EmailIdentity(self, name: str, p: dict[str, Any]) -> Created:
        identity = p["EmailIdentity"]
        ses = self.client("ses")
        if "@" in identity:
            ses.verify_email_identity(EmailAddress=identity)
        else:
            ses.verify_domain_identity(Domain=identity)
        return Created(ref=identity)

    def _SES_ReceiptRuleSet(self, name: str, p: dict[str, Any]) -> Created:
        ses = self.client("ses")
        rule_set = p.get("RuleSetName", name)
        if rule_set not in {r["Name"] for r in ses.list_receipt_rule_sets().get("RuleSets", [])}:
            ses.create_receipt_rule_set(RuleSetName=rule_set)
        return Created(ref=rule_set)

    def _SES_ReceiptRule(self, name: str, p: dict[str, Any]) -> Created:
        ses = self.client("ses")
        existing = ses.describe_receipt_rule_set(RuleSetName=p["RuleSetName"]).get("Rules", [])
        if p["Rule"]["Name"] not in {r["Name"] for r in existing}:
            ses.create_receipt_rule(RuleSetName=p["RuleSetName"], Rule=p["Rule"])
        return Created(ref=p["Rule"]["Name"])

    def _SNS_Topic(self, name: str, p: dict[str, Any]) -> Created:
        arn = self.client("sns").create_topic(Name=p.get("TopicName", name))["TopicArn"]
        return Created(ref=arn, attrs={"TopicArn": arn, "TopicName": arn.rsplit(":", 1)[1]})

    def _SNS_Subscription(self, name: str, p: dict[str, Any]) -> Created:
        attributes = (
            {"RawMessageDelivery": "true"} if str(p.get("RawMessageDelivery")).lower() == "true" else {}
        )
        arn = self.client("sns").subscribe(
            TopicArn=p["TopicArn"],
            Protocol=p["Protocol"],
            Endpoint=p["Endpoint"],
            Attributes=attributes,
            ReturnSubscriptionArn=True,
        )
        return Created(ref=arn["SubscriptionArn"])

    def _CloudWatch_Alarm(self, name: str, p: dict[str, Any]) -> Created:
        alarm = p.get("AlarmName", name)
        fields = (
            "AlarmDescription",
            "Namespace",
            "MetricName",
            "Dimensions",
            "Statistic",
            "Period",
            "EvaluationPeriods",
            "Threshold",
            "ComparisonOperator",
            "TreatMissingData",
            "AlarmActions",
            "OKActions",
            "DatapointsToAlarm",
            "Unit",
            "Metrics",
        )
        kwargs = {k: p[k] for k in fields if k in p}
        for number in ("Period", "EvaluationPeriods", "DatapointsToAlarm"):
            if number in kwargs:
                kwargs[number] = int(kwargs[number])
        kwargs["Threshold"] = float(kwargs.get("Threshold", 0))
        for query in kwargs.get("Metrics", []):
            if "MetricStat" in query:
                query["MetricStat"]["Period"] = int(query["MetricStat"]["Period"])
            query["ReturnData"] = str(query.get("ReturnData", True)).lower() == "true"
        self.client("cloudwatch").put_metric_alarm(AlarmName=alarm, **kwargs)
        return Created(ref=alarm, attrs={"Arn": self.arn("cloudwatch", f"alarm:{alarm}")})

    def _Serverless_StateMachine(self, name: str, p: dict[str, Any]) -> Created:
        sfn = self.client("stepfunctions")
        definition = p.get("Definition") or json.loads((self.root / p["DefinitionUri"]).read_text())
        text = json.dumps(definition)
        for key, value in (p.get("DefinitionSubstitutions") or {}).items():
            text = text.replace("${" + key + "}", str(value))
        machine = p.get("Name", name)
        existing = {m["name"]: m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]}
        if machine in existing:
            sfn.update_state_machine(stateMachineArn=existing[machine], definition=text)
            arn = existing[machine]
        else:
            role = f"arn:aws:iam::{ACCOUNT_ID}:role/local-{name}"
            arn = sfn.create_state_machine(
                name=machine, definition=text, roleArn=role, type=p.get("Type", "STANDARD")
            )["stateMachineArn"]
        return Created(ref=arn, attrs={"Arn": arn, "Name": machine})

    def _OpenSearchService_Domain(self, name: str, p: dict[str, Any]) -> Created:
        client = self.client("opensearch")
        domain = p.get("DomainName", name.lower())
        if domain not in {d["DomainName"] for d in client.list_domain_names()["DomainNames"]}:
            client.create_domain(DomainName=domain, EngineVersion=p.get("EngineVersion", "OpenSearch_2.13"))
        status = client.describe_domain(DomainName=domain)["DomainStatus"]
        endpoint = status.get("Endpoint") or f"search-{domain}.{self.region}.es.amazonaws.com"
        return Created(
            ref=domain, attrs={"Arn": status["ARN"], "DomainEndpoint": endpoint, "DomainArn": status["ARN"]}
        )

    # ------------------------------------------------------------ identity
    def _Cognito_UserPool(self, name: str, p: dict[str, Any]) -> Created:
        idp = self.client("cognito-idp")
        pool_name = p.get("UserPoolName", name)
        pools = {x["Name"]: x["Id"] for x in idp.list_user_pools(MaxResults=60)["UserPools"]}
        if pool_name in pools:
            pool_id = pools[pool_name]
        else:
            kwargs = {
                k: p[k]
                for k in (
                    "Policies",
                    "UsernameAttributes",
                    "AutoVerifiedAttributes",
                    "MfaConfiguration",
                    "AccountRecoverySetting",
                    "UsernameConfiguration",
                )
                if k in p
            }
            if "UsernameConfiguration" in kwargs:
                kwargs["UsernameConfiguration"] = {
                    "CaseSensitive": bool(kwargs["UsernameConfiguration"]["CaseSensitive"])
                }
            if "Schema" in p:
                kwargs["Schema"] = [{**a, "Required": bool(a.get("Required", False))} for a in p["Schema"]]
            pool_id = idp.create_user_pool(PoolName=pool_name, **kwargs)["UserPool"]["Id"]
        provider = f"cognito-idp.{self.region}.amazonaws.com/{pool_id}"
        return Created(
            ref=pool_id,
            attrs={
                "Arn": self.arn("cognito-idp", f"userpool/{pool_id}"),
                "ProviderName": provider,
                "ProviderURL": f"https://{provider}",
            },
        )

    def _Cognito_UserPoolClient(self, name: str, p: dict[str, Any]) -> Created:
        idp = self.client("cognito-idp")
        pool = p.pop("UserPoolId")
        client_name = p.pop("ClientName", name)
        clients = idp.list_user_pool_clients(UserPoolId=pool, MaxResults=60)["UserPoolClients"]
        found = [c["ClientId"] for c in clients if c["ClientName"] == client_name]
        if found:
            return Created(ref=found[0])
        allowed = {
            "GenerateSecret",
            "ExplicitAuthFlows",
            "AllowedOAuthFlows",
            "AllowedOAuthScopes",
            "AllowedOAuthFlowsUserPoolClient",
            "SupportedIdentityProviders",
            "CallbackURLs",
            "LogoutURLs",
            "EnableTokenRevocation",
            "PreventUserExistenceErrors",
            "ReadAttributes",
            "WriteAttributes",
        }
        kwargs = {k: v for k, v in p.items() if k in allowed}
        client = idp.create_user_pool_client(UserPoolId=pool, ClientName=client_name, **kwargs)
        return Created(ref=client["UserPoolClient"]["ClientId"])

    def _Cognito_UserPoolGroup(self, name: str, p: dict[str, Any]) -> Created:
        idp = self.client("cognito-idp")
        groups = {g["GroupName"] for g in idp.list_groups(UserPoolId=p["UserPoolId"])["Groups"]}
        if p["GroupName"] not in groups:
            idp.create_group(
                UserPoolId=p["UserPoolId"], GroupName=p["GroupName"], Precedence=int(p.get("Precedence", 0))
            )
        return Created(ref=p["GroupName"])

    def _Cognito_UserPoolDomain(self, name: str, p: dict[str, Any]) -> Created:
        idp = self.client("cognito-idp")
        try:
            idp.create_user_pool_domain(UserPoolId=p["UserPoolId"], Domain=p["Domain"])
        except idp.exceptions.InvalidParameterException:
            pass  # created on an earlier start
        return Created(ref=p["Domain"], attrs={"CloudFrontDistribution": "local"})


def _cors_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A template CORS rule as S3's API spells it (`MaxAge` is `MaxAgeSeconds` there)."""
    names = {"MaxAge": "MaxAgeSeconds"}
    return {names.get(k, k): v for k, v in rule.items() if k != "Id"}


def _queue_notification(n: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"QueueArn": n["Queue"], "Events": [n["Event"]]}
    rules = n.get("Filter", {}).get("S3Key", {}).get("Rules")
    if rules:
        out["Filter"] = {"Key": {"FilterRules": rules}}
    return out


def creation_order(resources: dict[str, Any]) -> list[str]:
    """Topological order by Ref/GetAtt/Sub/DependsOn, stable by template order."""
    deps = {}
    for name, spec in resources.items():
        depends = spec.get("DependsOn", [])
        depends = [depends] if isinstance(depends, str) else depends
        deps[name] = (references(spec.get("Properties", {})) | set(depends)) & set(resources)
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise ValueError(f"circular reference through {name}")
        visiting.add(name)
        for dep in sorted(deps[name]):
            visit(dep)
        visiting.discard(name)
        ordered.append(name)

    for name in resources:
        visit(name)
    return ordered
