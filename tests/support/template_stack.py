"""Builds the template's resources inside moto (in-process `mock_aws`) with the local stack's own provisioner,
so tests use exactly the tables, queues and buckets template.yaml declares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from helpdesk_local.functions import load_functions, shared_environment
from helpdesk_local.provision import Provisioner
from helpdesk_local.template import Created, Resolver, load_template

ROOT = Path(__file__).resolve().parents[2]
REGION = "eu-central-1"
_TEMPLATE: dict[str, Any] | None = None


@dataclass
class TemplateStack:
    resources: dict[str, Created]
    env: dict[str, str]

    def ref(self, logical_id: str) -> str:
        return self.resources[logical_id].ref


def template() -> dict[str, Any]:
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = load_template(ROOT / "template.yaml")
    return _TEMPLATE


def provision(parameters: dict[str, str] | None = None, apply_env: bool = True) -> TemplateStack:
    """Call inside `mock_aws()`. Creates every emulated resource and (by default) exports the functions'
    env."""
    resolver = Resolver(template(), {"Stage": "test", **(parameters or {})}, REGION)
    resources = Provisioner(resolver, lambda s: boto3.client(s, region_name=REGION), ROOT).create_all()
    env = shared_environment(load_functions(resolver, ROOT))
    boto3.client("ssm", region_name=REGION).put_parameter(
        Name=env["REPLY_TOKEN_SECRET_PARAMETER"],
        Type="SecureString",
        Value="test-reply-token-secret",
        Overwrite=True,
    )
    if apply_env:
        os.environ.update(env)
        os.environ.pop("AWS_ENDPOINT_URL", None)
        from helpdesk import bootstrap, settings

        settings.get_settings.cache_clear()
        bootstrap.container.cache_clear()
    return TemplateStack(resources, env)
