"""Names AWS would put in the dimensions of what the local runtime observes, read from template.yaml."""

from __future__ import annotations

from typing import Any

from helpdesk_local.template import Resolver


def api_names(template: dict[str, Any], resolver: Resolver) -> dict[str, str]:
    """Logical id -> ApiName: the API's Name, else the stack's name, which SAM gives an unnamed API."""
    names = {}
    for logical_id, spec in template["Resources"].items():
        if spec["Type"] == "AWS::Serverless::Api":
            name = spec.get("Properties", {}).get("Name")
            names[logical_id] = str(resolver.resolve(name) if name else resolver.ref("AWS::StackName"))
    return names


def alarmed_buckets(template: dict[str, Any], resolver: Resolver) -> list[str]:
    """Buckets named in an AWS/S3 alarm: only their sizes are worth publishing."""
    buckets = []
    for spec in template["Resources"].values():
        if spec["Type"] != "AWS::CloudWatch::Alarm":
            continue
        props = resolver.resolve(spec.get("Properties", {}))
        for metric in [props, *(q.get("MetricStat", {}).get("Metric", {}) for q in props.get("Metrics", []))]:
            if metric.get("Namespace") == "AWS/S3":
                buckets += [d["Value"] for d in metric.get("Dimensions", []) if d["Name"] == "BucketName"]
    return sorted(set(buckets))
