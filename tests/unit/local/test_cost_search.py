"""The bill prices the search backend chosen: an OpenSearch node, or tantivy's index in S3."""

from __future__ import annotations

import pytest
from helpdesk_local.cost import Workload, bill, load_inputs
from helpdesk_local.cost_search import default_backend
from helpdesk_local.template import load_template

from tests.support.template_stack import ROOT

pytestmark = pytest.mark.unit


def _lines(backend: str, w: Workload) -> dict[str, float]:
    measured, prices, t = load_inputs()
    return {f"{x.service}: {x.what}": x.dollars for x in bill(w, measured, prices, t, search_backend=backend)}


def test_tantivy_on_s3_replaces_the_opensearch_node_by_request_and_storage_lines() -> None:
    w = Workload(10_000, 20, 2_000)
    on_node, on_s3 = _lines("opensearch", w), _lines("tantivy-s3", w)
    assert [k for k in on_node if k.startswith("OpenSearch")] and not [k for k in on_s3 if "OpenSearch" in k]
    search = {k: v for k, v in on_s3.items() if k.startswith("Search (tantivy/S3)")}
    assert len(search) == 3 and all(0 < v < 5 for v in search.values())
    others = {k: v for k, v in on_node.items() if not k.startswith("OpenSearch")}
    assert others == {k: v for k, v in on_s3.items() if not k.startswith("Search")}
    assert sum(on_s3.values()) < 50 and sum(on_node.values()) - sum(on_s3.values()) > 25  # the node's $27.50


def test_the_index_grows_with_tickets_until_a_lambda_copy_is_no_longer_sensible() -> None:
    small = [k for k in _lines("tantivy-s3", Workload(10_000, 20, 2_000)) if "GB index" in k]
    big = [k for k in _lines("tantivy-s3", Workload(100_000, 100, 20_000)) if "GB index" in k]
    assert "choose opensearch" not in small[0] and "choose opensearch" in big[0]


def test_the_default_backend_is_the_templates() -> None:
    template = load_template(ROOT / "template.yaml")
    assert default_backend(template) == template["Parameters"]["SearchBackend"]["Default"]
    with pytest.raises(ValueError):
        _lines("elasticsearch", Workload(1_000, 5, 100))
