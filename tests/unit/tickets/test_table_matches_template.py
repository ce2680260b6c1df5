"""The table the ticket tests create is the one template.yaml declares (until built from the template)."""

from __future__ import annotations

import pytest

from tests.support.tables import helpdesk_table_definition
from tests.support.template_stack import template

pytestmark = pytest.mark.unit


def test_key_schema_indexes_stream_and_ttl_match_the_template():
    declared = template()["Resources"]["HelpdeskTable"]["Properties"]
    ours = helpdesk_table_definition()
    names = sorted(a["AttributeName"] for a in declared["AttributeDefinitions"])
    assert names == sorted(a["AttributeName"] for a in ours["AttributeDefinitions"])
    assert declared["KeySchema"] == ours["KeySchema"]
    assert declared["GlobalSecondaryIndexes"] == ours["GlobalSecondaryIndexes"]
    assert declared["StreamSpecification"]["StreamViewType"] == ours["StreamSpecification"]["StreamViewType"]
    assert declared["TimeToLiveSpecification"]["AttributeName"] == "expires_at"
