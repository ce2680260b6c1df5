"""Issue 22, "Done when", in Chromium on the local stack: a manager adds a product with a plan in the console
and uploads release 1.0; a guest buys it and downloads the zip from the receipt's link; the manager uploads
1.1; the CS-Cart add-on's update check, run by php-cli against the local API, is offered 1.1, signed.
Screenshots of each step go to tests/.artifacts/store/ (desktop and 390 px)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.commerce.test_guest_checkout_browser import mails_to
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[3]
ADDON_CLI = ROOT / "web/licensing/cscart/app/addons/helpdesk_license/cli.php"
SHOTS = ROOT / "tests/.artifacts/store"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def module_zip(tmp_path: Path, version: str) -> Path:
    path = tmp_path / f"release-{version}.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("helpdesk_license/addon.xml", f"<addon><version>{version}</version></addon>")
    return path


def upload_release(page: Any, tmp_path: Path, version: str) -> None:
    page.fill("#release-version", version)
    page.fill("#release-minimum", "4.17")
    page.fill("#release-changelog", f"Changes in {version}")
    page.set_input_files("#release-file", str(module_zip(tmp_path, version)))
    page.get_by_role("button", name="Upload release").click()
    page.wait_for_selector(f"#releases tr:has-text('{version}') .badge-active, #release-error:not(:empty)")
    assert page.inner_text("#release-error") == ""


@pytest.mark.skipif(
    shutil.which("php") is None, reason="!! php-cli NOT INSTALLED: the update check is not run"
)
def test_a_manager_sells_a_module_a_guest_downloads_it_and_the_addon_is_offered_the_update(
    local: LocalProcess,
    chromium: Any,
    tmp_path: Path,
) -> None:
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731
    slug, email = f"geo-{uuid.uuid4().hex[:6]}", f"buyer-{uuid.uuid4().hex[:6]}@example.net"

    staff = chromium.new_context()
    console = staff.new_page()
    console.goto(site("console", "/catalogue"))
    sign_in(console, "anna@helpdesk.localhost")
    console.wait_for_selector("#product-form")
    console.fill("#product-slug", slug)
    console.fill("#product-name", "Geo Redirect")
    console.fill("#product-name_ru", "Гео-редирект")
    console.fill("#product-summary", "Sends visitors to their country's storefront.")
    console.fill("#product-versions", "4.17, 4.18")
    console.fill("#price-lifetime", "59")
    console.fill("#price-yearly", "29")
    shot(console, "1-console-new-product")
    console.get_by_role("button", name="Add product").click()
    console.wait_for_url(f"**/#/catalogue/{slug}")
    console.wait_for_selector("h1:has-text('Geo Redirect')")
    upload_release(console, tmp_path, "1.0")
    shot(console, "2-console-release-1.0")
    console.fill("#edit-standard-lifetime", "64.50")  # a price change, audited
    console.get_by_role("button", name="Save prices").click()
    console.wait_for_selector("#price-history tr:has-text('€64.50')")
    assert "€59.00" in console.inner_text("#price-history tr:has-text('€64.50')")

    buyer = chromium.new_context(accept_downloads=True)
    shop = buyer.new_page()
    shop.goto(site("shop", f"/products/{slug}"))
    shop.fill("#domain", "geo-shop.example.net")
    shop.get_by_role("button", name="Add to cart").click()
    shop.click("#cart-link")
    shop.wait_for_selector(".cart-line")
    shop.fill("#buyer-email", email)
    shop.fill("#buyer-name", "Gina Guest")
    shop.get_by_role("button", name="Checkout").click()
    shop.wait_for_selector("#pay")
    shop.click("#pay")
    shop.wait_for_url("**/#/thanks")

    receipt = local.wait_for(
        lambda: [m for m in mails_to(local, email) if m["subject"].startswith("Your order ORD-")]
    )
    link = re.search(r"Download: (\S+)", receipt[0]["text"]).group(1)
    key = re.search(r"License key: (\S+)", receipt[0]["text"]).group(1)
    shop.goto(link)
    shop.wait_for_selector("text=Version 1.0")
    shot(shop, "3-shop-downloads")
    with shop.expect_download() as download:
        shop.get_by_role("link", name=re.compile("Download")).first.click()
    saved = download.value.path()
    with zipfile.ZipFile(saved) as z:
        assert "<version>1.0</version>" in z.read("helpdesk_license/addon.xml").decode()
    shop.set_viewport_size({"width": 390, "height": 844})
    shop.reload()
    shop.wait_for_selector("text=Version 1.0")
    assert shop.evaluate("document.documentElement.scrollWidth") <= 390
    shot(shop, "4-shop-downloads-390")

    console.reload()
    console.wait_for_selector("#release-form")
    upload_release(console, tmp_path, "1.1")
    console.set_viewport_size({"width": 390, "height": 844})
    console.reload()
    console.wait_for_selector("#releases tr:has-text('1.1')")
    shot(console, "5-console-releases-390")

    keys = local.json("api", "GET", "/public/licenses/pubkey")[1]["keys"]
    env = {**os.environ, "HELPDESK_LICENSE_KEYS": json.dumps(keys)}
    api = f"http://api.localhost:{local.http_port}/public"
    ran = subprocess.run(
        ["php", str(ADDON_CLI), api, "update-check", key, "geo-shop.example.net", "1.0"],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    answer = json.loads(ran.stdout)
    assert (answer["result"], answer["version"], answer["changelog"]) == ("update", "1.1", "Changes in 1.1")
    assert answer["download_url"].startswith("http")
    staff.close()
    buyer.close()
