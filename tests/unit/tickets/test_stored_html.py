"""Attack tests: every HTML body stored (staff replies, inbound mail) goes through the one policy."""

from __future__ import annotations

import dataclasses
import re

import pytest
from helpdesk.mail.public import sanitize_html
from helpdesk.tickets.model.message import Direction, stored_html

from tests.support.tickets import MailSpec, parsed, wire

pytestmark = pytest.mark.unit

PAYLOADS = [
    '<map name="m"><area shape="rect" coords="0,0,9,9" href="java&#x09;script:alert(1)"></map>',
    '<a href="JaVa&#x0A;ScRiPt&#58;alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    '<img src="//evil.example/beacon.gif">',
    '<img src="\\\\evil.example\\beacon.gif">',
    '<img src=" //evil.example/beacon.gif">',
    '<img src="http:evil.example/beacon.gif">',
    '<img src="https://evil.example/beacon.gif" srcset="https://evil.example/b2.gif 2x">',
    '<img src="x" onerror="alert(1)"><p onclick="alert(1)" onmouseover=alert(1)>hi</p>',
    '<p style="background:url(https://evil.example/bg.gif)">x</p>',
    '<p style="width:url(https://evil.example/w.gif)">x</p>',
    '<p style="color:red; border: u\\72l(https://evil.example/e.gif)">x</p>',
    '<p style="font-family: ur/**/l(https://evil.example/f.gif)">x</p>',
    '<p style="border: u/*;*/rl(https://evil.example/c.gif)">x</p>',
    '<table background="https://evil.example/t.gif"><tr><td>x</td></tr></table>',
    "<script>alert(1)</script><svg onload=alert(1)></svg><iframe src=//evil.example></iframe>",
]


def assert_harmless(html: str) -> None:
    lowered = html.lower()
    assert "script" not in lowered and "alert" not in lowered.replace(">alert<", "")
    assert not re.search(r"\son\w+\s*=", lowered), html
    assert "evil.example" not in lowered, html
    assert "url(" not in lowered and "data:" not in lowered, html
    for value in re.findall(r'(?:href|src)="([^"]*)"', lowered):
        assert re.match(r"(https?|mailto|cid):|#|[^:]*$", value), html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_one_policy_defuses_each_payload(payload: str) -> None:
    clean = sanitize_html(payload)
    assert_harmless(clean)
    assert sanitize_html(clean) == clean  # stored bodies can be cleaned again without change


def test_the_policy_keeps_ordinary_mail_html() -> None:
    html = '<p style="color:red">Hi <a href="https://example.com/">link</a> <img src="cid:logo@x"></p>'
    clean = sanitize_html(html)
    for kept in ('style="color:red"', 'href="https://example.com/"', 'src="cid:logo@x"'):
        assert kept in clean
    assert 'href="mailto:a@b.test"' in sanitize_html('<a href="mailto:a@b.test">m</a>')
    assert "tel:" not in sanitize_html('<a href="tel:+100">call</a>')  # only http, https, mailto, cid


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_staff_reply_stores_and_sends_only_sanitised_html(payload: str) -> None:
    w = wire()
    ticket = w.deliver(MailSpec()).ticket_id
    reply = w.services.tickets.reply(ticket, "ann", "text", html=f"<p>Hello</p>{payload}")
    stored = [m for m in w.services.tickets.get_ticket(ticket).messages if m.id == reply.id][0]
    assert "<p>Hello</p>" in stored.html
    assert_harmless(stored.html)
    assert_harmless(reply.html)
    assert b"evil.example" not in w.mailer.sent[-1].raw


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inbound_html_is_stored_through_the_policy_even_if_the_parser_let_it_through(payload: str) -> None:
    w = wire()
    mail = dataclasses.replace(parsed(MailSpec()), html=f"<p>Hello</p>{payload}")
    ticket = w.deliver(mail).ticket_id
    [stored] = [m for m in w.services.tickets.get_ticket(ticket).messages if m.direction is Direction.INBOUND]
    assert "<p>Hello</p>" in stored.html
    assert_harmless(stored.html)


def test_an_html_body_cut_to_fit_the_item_is_still_sanitised() -> None:
    html = "<p>" + "x" * 95 + '<a href="https://example.com/' + "y" * 200 + '">z</a></p>'
    clean, cut = stored_html(html, limit=120)
    assert cut and len(clean.encode()) <= 120
    assert sanitize_html(clean) == clean
