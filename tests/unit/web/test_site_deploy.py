"""Issue 22: what `helpdesk deploy sites` uploads to each site's bucket is what the local stack serves for
that site, and the sites' CloudFront response-headers policy is the one security-headers definition."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from helpdesk.api.security_headers import COMMON, page_csp
from helpdesk_local.site_deploy import deploy_sites, site_specs
from helpdesk_local.template import load_template
from helpdesk_local.web import Front, Site
from moto import mock_aws

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = load_template(ROOT / "template.yaml")
OUTPUTS = {
    "WebClientId": "client-7",
    "AuthDomainUrl": "https://helpdesk-auth-prod.auth.eu-central-1.amazoncognito.com",
    "ShopSiteBucket": "web-shop",
    "ConsoleSiteBucket": "web-console",
    "CabinetSiteBucket": "web-cabinet",
}


def served(front: Front, host: str, key: str) -> tuple[int, bytes]:
    answer: dict[str, Any] = {}
    environ = {"HTTP_HOST": f"{host}.localhost:8000", "PATH_INFO": "/" + key, "REQUEST_METHOD": "GET"}
    body = b"".join(front(environ, lambda status, headers: answer.update(status=int(status.split()[0]))))
    return answer["status"], body


def test_each_site_uploads_exactly_what_the_local_stack_serves() -> None:
    specs = site_specs(TEMPLATE, ROOT)
    assert sorted(s.host for s in specs) == ["cabinet", "console", "shop"]
    sites = [Site(s.host, s.directory, None) for s in specs]
    front = Front(sites, None, None, {}, shared=ROOT / "web" / "shared", auth_config={"clientId": "client-7"})  # type: ignore[arg-type]
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        for bucket in ("web-shop", "web-console", "web-cabinet"):
            s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket="web-shop", Key="old-page.js", Body=b"gone")  # left from an earlier deploy
        deploy_sites(OUTPUTS, TEMPLATE, ROOT, s3, cloudfront=None)
        for spec in specs:
            bucket = OUTPUTS[spec.bucket_output]
            keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
            local_tree = {
                p.relative_to(spec.directory).as_posix() for p in spec.directory.rglob("*") if p.is_file()
            }
            shared_tree = {
                "shared/" + p.relative_to(ROOT / "web/shared").as_posix()
                for p in (ROOT / "web/shared").rglob("*")
                if p.is_file()
            }
            assert keys == local_tree | shared_tree | {"callback.html", "shared/auth-config.js"}, spec.host
            for key in keys - {"shared/auth-config.js"}:
                uploaded = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                assert served(front, spec.host, key) == (200, uploaded), (spec.host, key)
            config = s3.get_object(Bucket=bucket, Key="shared/auth-config.js")["Body"].read().decode()
            local_config = served(front, spec.host, "shared/auth-config.js")[1].decode()
            as_json = lambda text: json.loads(text.split("=", 1)[1].strip().rstrip(";"))  # noqa: E731
            assert as_json(config) == {"clientId": "client-7", "authUrl": OUTPUTS["AuthDomainUrl"]}
            assert as_json(config).keys() == as_json(local_config).keys()
            index = s3.get_object(Bucket=bucket, Key="index.html")
            assert index["ContentType"] == "text/html; charset=utf-8" and index["CacheControl"] == "no-cache"


def test_the_cloudfront_headers_policy_is_the_one_security_headers_definition() -> None:
    config = TEMPLATE["Resources"]["SitesSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    headers = config["SecurityHeadersConfig"]
    auth = "https://${AuthDomain}.auth.${AWS::Region}.amazoncognito.com"
    storage = [
        "https://${ReleasesBucket}.s3.${AWS::Region}.amazonaws.com",
        "https://${ReleasesBucket}.s3.amazonaws.com",
    ]
    sites = ["https://${ShopDomain}", "https://${ConsoleDomain}", "https://${CabinetDomain}", auth]
    assert headers["ContentSecurityPolicy"]["ContentSecurityPolicy"] == {
        "Fn::Sub": page_csp([auth, *storage], sites)
    }
    hsts = headers["StrictTransportSecurity"]
    assert (
        COMMON["Strict-Transport-Security"] == f"max-age={hsts['AccessControlMaxAgeSec']}; includeSubDomains"
    )
    assert COMMON["X-Frame-Options"] == headers["FrameOptions"]["FrameOption"]
    assert COMMON["Referrer-Policy"] == headers["ReferrerPolicy"]["ReferrerPolicy"]
    for name in ("ShopDistribution", "ConsoleDistribution", "CabinetDistribution"):
        behaviours = TEMPLATE["Resources"][name]["Properties"]["DistributionConfig"]
        assert behaviours["DefaultCacheBehavior"]["ResponseHeadersPolicyId"] == {
            "Ref": "SitesSecurityHeaders"
        }
        assert [b["PathPattern"] for b in behaviours["CacheBehaviors"]] == ["/api/*"]


def test_the_command_reads_the_stacks_outputs_and_uploads_every_site(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpdesk_local.cli import main

    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    outputs = {k: {"Value": v} for k, v in OUTPUTS.items()}
    buckets = {f"B{n}": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": b}} for n, b in
               enumerate(("web-shop", "web-console", "web-cabinet"))}  # fmt: skip
    with mock_aws():
        cfn = boto3.client("cloudformation", region_name="eu-central-1")
        cfn.create_stack(
            StackName="helpdesk", TemplateBody=json.dumps({"Resources": buckets, "Outputs": outputs})
        )
        assert main(["deploy", "sites", "--stack", "helpdesk"]) == 0
        s3 = boto3.client("s3", region_name="eu-central-1")
        keys = {o["Key"] for o in s3.list_objects_v2(Bucket="web-console")["Contents"]}
    assert {"index.html", "catalogue.js", "shared/auth-config.js", "shared/session.js"} <= keys
    assert "console: " in capsys.readouterr().out
