"""The texts of the mail the tickets context sends by itself, in every language it answers in.

A customer is answered in their stored language when a template exists for it, else in English.
"""

from __future__ import annotations

from enum import StrEnum

DEFAULT_LANGUAGE = "en"


class AutoMail(StrEnum):
    ACKNOWLEDGEMENT = "ack"


TEMPLATES: dict[AutoMail, dict[str, str]] = {
    AutoMail.ACKNOWLEDGEMENT: {
        "en": (
            "Hello,\n\nwe received your message and opened request {number}. "
            "Just reply to this mail to add anything to it.\n\nYour support team\n"
        ),
        "ru": (
            "Здравствуйте!\n\nМы получили ваше письмо и открыли обращение {number}. "
            "Чтобы что-то добавить, просто ответьте на это письмо.\n\nВаша служба поддержки\n"
        ),
    },
}


def answer_language(language: str | None, mail: AutoMail) -> str:
    """The customer's language when this mail has a template in it, else the default."""
    return language if language in TEMPLATES[mail] else DEFAULT_LANGUAGE


def auto_mail_text(mail: AutoMail, language: str | None, **values: str) -> str:
    return TEMPLATES[mail][answer_language(language, mail)].format(**values)
