"""template.yaml's SearchBackend: the OpenSearch domain and every permission on it exist only for
`opensearch`; `tantivy-s3` gets its bucket, a single writer and room in /tmp instead."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpdesk_local.template import Created, Resolver

from tests.support.template_stack import template

pytestmark = pytest.mark.unit

SEARCH_FUNCTIONS = ("StaffApiFunction", "CabinetApiFunction", "StreamIndexerFunction")


class _AnyAttribute(dict):
    def __missing__(self, attr: str) -> str:
        return f"<{attr}>"


def deployed(backend: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The resources CloudFormation would create for `backend`, resolved, and the functions' environment.
    A reference to a resource the condition left out raises KeyError, as CloudFormation would refuse it."""
    resolver = Resolver(template(), {"Stage": "prod", "SearchBackend": backend}, "eu-central-1")
    kept = {
        name: spec
        for name, spec in template()["Resources"].items()
        if "Condition" not in spec or resolver.condition(spec["Condition"])
    }
    for name in kept:
        resolver.created[name] = Created(ref=name, attrs=_AnyAttribute())
    resources = {name: resolver.resolve(spec.get("Properties", {})) for name, spec in kept.items()}
    environment = resolver.resolve(template()["Globals"]["Function"]["Environment"]["Variables"])
    return resources, environment


def test_opensearch_keeps_its_domain_and_grants_the_search_functions_on_it() -> None:
    resources, env = deployed("opensearch")
    assert "SearchDomain" in resources and "SearchIndexBucket" not in resources
    assert env["SEARCH_BACKEND"] == "opensearch" and env["SEARCH_URL"] == "https://<DomainEndpoint>"
    assert env["SEARCH_BUCKET"] == "" and "SEARCH_INDEX_DIR" not in env
    for name in SEARCH_FUNCTIONS:
        assert "es:ESHttpGet" in json.dumps(resources[name]["Policies"]), name
        assert "EphemeralStorage" not in resources[name]
    assert "ReservedConcurrentExecutions" not in resources["StreamIndexerFunction"]


def test_tantivy_s3_has_no_domain_nor_any_grant_on_one_and_a_single_writer() -> None:
    resources, env = deployed("tantivy-s3")
    assert "SearchDomain" not in resources and "SearchIndexBucket" in resources
    assert "es:ESHttp" not in json.dumps(resources)
    assert env["SEARCH_BACKEND"] == "tantivy-s3" and env["SEARCH_URL"] == ""
    assert env["SEARCH_BUCKET"] == "SearchIndexBucket" and env["SEARCH_INDEX_DIR"].startswith("/tmp/")
    indexer = resources["StreamIndexerFunction"]
    assert indexer["ReservedConcurrentExecutions"] == 1
    assert {"S3CrudPolicy": {"BucketName": "SearchIndexBucket"}} in indexer["Policies"]
    for name in ("StaffApiFunction", "CabinetApiFunction"):
        assert {"S3ReadPolicy": {"BucketName": "SearchIndexBucket"}} in resources[name]["Policies"]
    for name in SEARCH_FUNCTIONS:
        assert resources[name]["EphemeralStorage"] == {"Size": 2048}
