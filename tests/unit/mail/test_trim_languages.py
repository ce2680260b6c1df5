# ruff: noqa: E501 - one client sample a line reads better than wrapped ones
"""Replies in the languages of the trimmer's table: an attribution, an Outlook header block and a mobile
signature, each as the clients of that language write them."""

from __future__ import annotations

import pytest
from helpdesk.mail.trim import trim_reply

pytestmark = pytest.mark.unit

# language: (reply, attribution, header block, mobile signature)
CLIENTS = {
    "no": ("Takk, det virker nå.", "man. 1. jan. 2024 kl. 10:00 skrev Ola Nordmann <ola@example.no>:",
           "Fra: Ola Nordmann <ola@example.no>\nSendt: mandag 1. januar 2024 10:00\nTil: Kari <kari@example.no>\n"
           "Kopi: Per\nEmne: SV: Faktura", "Sendt fra min iPhone"),
    "da": ("Tak, det virker nu.", "man. 1. jan. 2024 kl. 10.00 skrev Ole Hansen <ole@example.dk>:",
           "Fra: Ole Hansen <ole@example.dk>\nSendt: 1. januar 2024 10:00\nTil: Support\nCc: Per\nEmne: SV: Faktura",
           "Sendt fra min iPhone"),
    "fi": ("Kiitos, nyt toimii.", "ma 1.1.2024 klo 10.00 Matti Meikäläinen <matti@example.fi> kirjoitti:",
           "Lähettäjä: Matti Meikäläinen <matti@example.fi>\nLähetetty: maanantai 1. tammikuuta 2024 10.00\n"
           "Vastaanottaja: Tuki\nKopio: Liisa\nAihe: VS: Lasku", "Lähetetty iPhonesta"),
    "cs": ("Díky, už to funguje.", "po 1. 1. 2024 v 10:00 odesílatel Jan Novák <jan@example.cz> napsal:",
           "Od: Jan Novák <jan@example.cz>\nOdesláno: pondělí 1. ledna 2024 10:00\nKomu: Podpora\n"
           "Kopie: Eva\nPředmět: RE: Faktura", "Odesláno z iPhonu"),
    "tr": ("Teşekkürler, artık çalışıyor.", "1 Oca 2024 Pzt, 10:00 tarihinde Ali Yılmaz <ali@example.com.tr> şunu yazdı:",
           "Gönderen: Ali Yılmaz <ali@example.com.tr>\nTarih: 1 Ocak 2024 Pazartesi 10:00\nKime: Destek\n"
           "Bilgi: Ayşe\nKonu: YNT: Fatura", "iPhone'umdan gönderildi"),
    "ja": ("ありがとうございます。動きました。", "2024年1月1日(月) 10:00 山田太郎 <taro@example.jp>:",
           "差出人: 山田太郎 <taro@example.jp>\n送信日時: 2024年1月1日 10:00\n宛先: サポート\n件名: RE: 請求書",
           "iPhoneから送信"),
    "ko": ("감사합니다. 이제 됩니다.", "2024년 1월 1일 (월) 오전 10:00, 홍길동 <gildong@example.kr>님이 작성:",
           "보낸 사람: 홍길동 <gildong@example.kr>\n보낸 날짜: 2024년 1월 1일 월요일 오전 10:00\n받는 사람: 지원팀\n"
           "참조: 김철수\n제목: RE: 청구서", "iPhone에서 보냄"),
}  # fmt: skip
QUOTE = "> Faktura 2024-001 / 請求書 / 청구서"


@pytest.mark.parametrize("language", CLIENTS)
def test_attribution_and_quote_are_cut(language: str) -> None:
    reply, attribution, _, _ = CLIENTS[language]
    result = trim_reply(f"{reply}\n\n{attribution}\n{QUOTE}\n")
    assert result.reply == reply
    assert result.elided.startswith(attribution)


@pytest.mark.parametrize("language", CLIENTS)
def test_an_outlook_header_block_starts_the_history(language: str) -> None:
    reply, _, block, _ = CLIENTS[language]
    result = trim_reply(f"{reply}\n\n{block}\n\nOld text of the thread.\n")
    assert result.reply == reply
    assert "Old text" in result.elided


@pytest.mark.parametrize("language", CLIENTS)
def test_the_mobile_signature_is_dropped(language: str) -> None:
    reply, attribution, _, mobile = CLIENTS[language]
    result = trim_reply(f"{reply}\n\n{mobile}\n\n{attribution}\n{QUOTE}\n")
    assert result.reply == reply
    assert mobile in result.elided
