"""The cPanel UAPI connector against the local stand-in, and the stand-in against cPanel's documentation
(fixtures/cpanel_ftp.json names its source)."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpdesk.access.adapters.cpanel import CpanelUapi
from helpdesk.access.model.server import Server
from helpdesk.kernel.errors import Unavailable
from helpdesk_local.cpanel_standin import CpanelStandin
from werkzeug.serving import make_server

pytestmark = pytest.mark.contract
DOCS = json.loads((Path(__file__).parent / "fixtures" / "cpanel_ftp.json").read_text())
SERVER = Server("s1", "org-a", "web", "web1.acme.example", 22, ("deploy",), datetime.now(UTC), "x",
                panel_account="acme.example")  # fmt: skip


@pytest.fixture
def panel() -> Iterator[tuple[CpanelStandin, str]]:
    standin = CpanelStandin("helpdesk:test-token")
    server = make_server("127.0.0.1", 0, standin, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield standin, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def raw_call(url: str, token: str, function: str, params: dict[str, str]) -> dict[str, Any]:
    query = urllib.parse.urlencode(params)
    request = urllib.request.Request(f"{url}/execute/Ftp/{function}?{query}",
                                     headers={"Authorization": f"cpanel {token}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=5) as answer:
        return dict(json.loads(answer.read()))


@pytest.mark.parametrize("function", ["add_ftp", "list_ftp", "delete_ftp"])
def test_the_standin_answers_with_the_documented_fields(panel, function: str) -> None:
    standin, url = panel
    example = DOCS["add_ftp"]["example"]
    params = (
        example if function == "add_ftp" else {"user": example["user"]} if function == "delete_ftp" else {}
    )
    if function != "add_ftp":
        raw_call(url, standin.token, "add_ftp", example)
    answer = raw_call(url, standin.token, function, params)
    assert set(answer) == set(DOCS[function]["sample"]["result"]), answer
    assert answer["status"] == 1 and answer["errors"] is None
    if function == "list_ftp":
        assert set(answer["data"][0]) == set(DOCS["list_ftp"]["sample"]["result"]["data"][0])


def test_the_connector_creates_a_working_account_and_deletes_it(panel) -> None:
    standin, url = panel
    uapi = CpanelUapi(url, standin.token)
    account = uapi.create_account(SERVER, "hd1234", datetime.now(UTC))
    assert account.login == "hd1234@acme.example" and len(account.password) >= 20
    assert standin.password_works(account.login, account.password)
    assert not standin.password_works(account.login, account.password + "x")
    with pytest.raises(Unavailable):
        uapi.create_account(SERVER, "hd1234", datetime.now(UTC))  # the panel refuses a duplicate
    uapi.delete_account(SERVER, account.login)
    assert account.login not in standin.accounts


def test_a_wrong_token_is_refused(panel) -> None:
    standin, url = panel
    with pytest.raises(Unavailable):
        CpanelUapi(url, "helpdesk:wrong").create_account(SERVER, "hd1", datetime.now(UTC))
    assert standin.accounts == {}
