"""Item 20: customers are answered in the language they write in, where a template exists; it is kept."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.mail.model import MailKind
from helpdesk.tickets.model.auto_mail import TEMPLATES, AutoMail, auto_mail_text
from helpdesk.tickets.model.customer import customer_id_for

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit
RUSSIAN = "Здравствуйте! Не работает лицензия на сервере, помогите пожалуйста."
ENGLISH = "Hello, the checkout page is blank since this morning. Can you help?"


def last_text(w) -> str:  # type: ignore[no-untyped-def]
    return str(message_from_bytes(w.mailer.sent[-1].raw, policy=default).get_body().get_content())


def test_a_russian_writer_gets_a_russian_acknowledgement_and_the_language_is_stored() -> None:
    w = wire()
    w.deliver(MailSpec(text=RUSSIAN))
    assert "Мы получили ваше письмо" in last_text(w) and "we received" not in last_text(w)
    assert w.stores.customers.get(customer_id_for("alice@acme.test")).language == "ru"


def test_a_later_mail_that_shows_no_language_keeps_the_stored_one() -> None:
    w = wire()
    w.deliver(MailSpec(text=RUSSIAN, message_id="m1@acme.test"))
    w.deliver(MailSpec(text="ok", subject="Another thing", message_id="m2@acme.test"))
    assert len(w.mailer.sent) == 2 and "Мы получили ваше письмо" in last_text(w)


def test_an_english_writer_gets_english_and_a_later_russian_mail_switches() -> None:
    w = wire()
    w.deliver(MailSpec(text=ENGLISH, message_id="m1@acme.test"))
    assert "we received your message" in last_text(w)
    w.deliver(MailSpec(text=RUSSIAN, subject="Другое", message_id="m2@acme.test"))
    assert "Мы получили ваше письмо" in last_text(w)


def test_content_language_wins_and_a_language_without_a_template_is_answered_in_english() -> None:
    w = wire()
    w.deliver(MailSpec(text=RUSSIAN, headers={"content-language": "de-DE"}))
    assert "we received your message" in last_text(w)
    assert w.stores.customers.get(customer_id_for("alice@acme.test")).language == "de"


def test_an_auto_reply_does_not_change_the_language() -> None:
    w = wire()
    w.deliver(MailSpec(text=RUSSIAN, message_id="m1@acme.test"))
    w.deliver(
        MailSpec(text=ENGLISH, kind=MailKind.AUTO_REPLY, subject="Out of office", message_id="m2@acme.test")
    )
    assert w.stores.customers.get(customer_id_for("alice@acme.test")).language == "ru"


@pytest.mark.parametrize("mail", list(AutoMail))
def test_every_automatic_mail_has_russian_and_english_texts_with_the_same_fields(mail: AutoMail) -> None:
    assert {"en", "ru"} <= set(TEMPLATES[mail])
    for language in TEMPLATES[mail]:
        text = auto_mail_text(mail, language, number="HD-100042")
        assert "HD-100042" in text and "{" not in text
    assert auto_mail_text(mail, "ja", number="HD-1") == auto_mail_text(mail, "en", number="HD-1")
