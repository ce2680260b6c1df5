"""`helpdesk deploy sites --stack NAME`: upload the static sites to a deployed stack (docs in README)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("deploy", help="deploy parts of the product to a stack made by `sam deploy`")
    what = parser.add_subparsers(dest="deploy_command", required=True)
    sites = what.add_parser(
        "sites", help="upload shop, console and cabinet with shared assets and auth config"
    )
    sites.add_argument("--stack", required=True, help="the CloudFormation stack name given to `sam deploy`")
    sites.add_argument(
        "--region", default=None, help="the stack's region (default: your AWS configuration's)"
    )
    sites.set_defaults(handler=_sites)


def _sites(args: argparse.Namespace) -> int:
    import boto3

    from helpdesk_local.site_deploy import deploy_sites
    from helpdesk_local.template import load_template

    root = Path(__file__).resolve().parents[4]
    stack = boto3.client("cloudformation", region_name=args.region).describe_stacks(StackName=args.stack)
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Stacks"][0].get("Outputs", [])}
    s3 = boto3.client("s3", region_name=args.region)
    for line in deploy_sites(
        outputs, load_template(root / "template.yaml"), root, s3, boto3.client("cloudfront")
    ):
        print(line)
    return 0
