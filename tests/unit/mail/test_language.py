"""Item 20: the language a customer writes in, from Content-Language or the words of the body."""

from __future__ import annotations

import pytest
from helpdesk.mail.language import declared_language, mail_language, text_language
from hypothesis import given
from hypothesis import strategies as st

pytestmark = pytest.mark.unit

# Shaped like the mail a helpdesk gets: greetings, product names, logs, signatures, quoted history.
SAMPLES = [
    ("Здравствуйте! Не работает лицензия на нашем сервере, помогите пожалуйста.", "ru"),
    ("Добрый день.\nПосле обновления SEO Pro 3.2 плагин пишет License invalid. Что делать?", "ru"),
    (
        'Ошибка при активации:\nTraceback (most recent call last):\n  File "app.py", line 3, in <module>\n'
        "KeyError: 'domain'\nС уважением, Иван",
        "ru",
    ),
    ("Спасибо, всё заработало!\n\n> On Mon, Support wrote:\n> we received your message and opened", "ru"),
    ("Вітаю! Не працює ліцензія, допоможіть будь ласка. Дякую.", "uk"),
    ("Hello, the checkout page is blank since this morning. Can you help?", "en"),
    ("Hi team,\nplease find the invoice attached.\n\nBest regards,\nИван Петров", "en"),
    ("Thanks for the quick answer!", "en"),
    ("Guten Tag, die Lizenz funktioniert nicht mehr seit dem Update.", None),
    ("Hola, tengo un problema con la licencia desde ayer.", None),
    ("ok", None),
    ("Спасибо!", None),
    ("https://shop.example/order/42 ivan@romashka.ru", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), SAMPLES)
def test_the_words_of_a_customer_mail_tell_its_language(text: str, expected: str | None) -> None:
    assert text_language(text) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [("ru-RU", "ru"), ("en-US, ru", "en"), ("de", "de"), (" RU ", "ru"), ("", None), (None, None),
     ("ru-RU; drop", None), ("12", None), ("x", None)],
)  # fmt: skip
def test_content_language_gives_the_primary_subtag_of_its_first_tag(
    header: str | None, expected: str
) -> None:
    assert declared_language(header) == expected


def test_a_declared_language_wins_over_the_words() -> None:
    assert mail_language("de-DE", "Здравствуйте, не работает лицензия") == "de"
    assert mail_language(None, "Здравствуйте, не работает лицензия") == "ru"
    assert mail_language("garbage!", "Hello, the page is blank. Can you help?") == "en"


@given(st.text(max_size=400))
def test_any_text_yields_a_known_answer_or_none(text: str) -> None:
    assert text_language(text) in {None, "ru", "uk", "en"}


@given(st.sampled_from(SAMPLES), st.lists(st.text(max_size=60), max_size=5))
def test_quoted_history_never_changes_the_answer(sample: tuple[str, str | None], quoted: list[str]) -> None:
    text, expected = sample
    history = "".join(f"\n> {line}" for q in quoted for line in q.splitlines() or [""])
    assert text_language(text + history) == expected


@given(st.sampled_from(SAMPLES), st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.(ru|com)", fullmatch=True))
def test_addresses_and_links_are_not_words(sample: tuple[str, str | None], address: str) -> None:
    text, expected = sample
    assert text_language(f"{text}\n{address} https://{address.split('@')[1]}/the/page") == expected
