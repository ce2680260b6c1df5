"""Every part the composition root offers builds on the template's resources: a wire to a module that moved or
was deleted fails here, not on the first request that needs it in production."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cached_property

import pytest
from helpdesk import bootstrap, settings
from moto import mock_aws

from tests.support.template_stack import TemplateStack, provision

pytestmark = pytest.mark.integration
PARTS = sorted(
    {
        name
        for parts in bootstrap.Container.__mro__
        for name, part in vars(parts).items()
        if isinstance(part, cached_property)
    }
)


@pytest.fixture(scope="module")
def aws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateStack]:
    """As the local stack wires it: its payment stand-in, its file-kept signing key and its search engine."""
    folder = tmp_path_factory.mktemp("wiring")
    local = {
        "SEARCH_BACKEND": "tantivy",
        "SEARCH_INDEX_DIR": str(folder / "search"),
        "LICENSE_SIGNING_KEY_FILE": str(folder / "license-signing.key"),
    }
    saved = dict(os.environ)
    with mock_aws():
        stack = provision({"Stage": "local"})
        os.environ.update(local)
        settings.get_settings.cache_clear()
        bootstrap.container.cache_clear()
        yield stack
    os.environ.clear()
    os.environ.update(saved)
    settings.get_settings.cache_clear()
    bootstrap.container.cache_clear()


def test_the_container_offers_parts() -> None:
    assert len(PARTS) > 20


@pytest.mark.parametrize("part", PARTS)
def test_each_part_of_the_container_builds(aws: TemplateStack, part: str) -> None:
    assert getattr(bootstrap.container(), part) is not None
