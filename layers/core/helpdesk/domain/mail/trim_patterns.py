"""How mail clients mark quoted history, forwards and signatures, in many languages."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "-----Original Message-----", Gmail/Thunderbird/Apple forward lines, in the languages clients ship.
EMBED_MARKER_RE = re.compile(
    r"^\s*(?:[-=_*]{2,}\s*)?(?:"
    r"original message|forwarded message|begin forwarded message|forwarded by .*|weitergeleitete nachricht"
    r"|urspr[üu]ngliche nachricht|anfang der weitergeleiteten nachricht|message d'origine"
    r"|message transf[ée]r[ée]"
    r"|d[ée]but du message r[ée]exp[ée]di[ée]|message original|mensaje original|mensaje reenviado"
    r"|mensagem original"
    r"|mensagem encaminhada|messaggio originale|messaggio inoltrato|inizio messaggio inoltrato"
    r"|oorspronkelijk bericht"
    r"|doorgestuurd bericht|wiadomo[śs][ćc] oryginalna|wiadomo[śs][ćc] przekazana dalej"
    r"|ursprungligt meddelande"
    r"|vidarebefordrat meddelande|videresendt meddelelse|oprindelig meddelelse|p[ůu]vodn[íi] zpr[áa]va"
    r"|p[řr]eposlan[áa] zpr[áa]va|alkuper[äa]inen viesti|orijinal mesaj|iletilen mesaj|eredeti üzenet"
    r"|исходное сообщение|пересылаемое сообщение|пересланное сообщение|перенаправленное сообщение"
    r"|переадресованное сообщение|начало переадресованного сообщения|оригинальное сообщение"
    r"|вихідне повідомлення"
    r"|пересланий лист|原始邮件|原始郵件|转发的邮件|轉寄的郵件|元のメッセージ|転送されたメッセージ"
    r")\s*:?\s*(?:[-=_*]{2,})?\s*$",
    _I,
)
# A line of an embedded header block: "From: ...", "От: ...", "*Von:* ..." (Outlook's bold text form).
HEADER_LINE_RE = re.compile(
    r"^\s*\*?(?:from|de|von|от|от кого|da|van|od|fr[åa]n|fra|l[äa]hett[äa]j[äa]|kimden|felad[óo]|差出人"
    r"|发件人|寄件者"
    r"|sent|date|datum|gesendet|envoy[ée]|enviado|enviada|inviato|data|verzonden|wys[łl]ano|skickat|sendt"
    r"|odesl[áa]no|dátum|tarih|отправлено|дата|送信日時|发送时间|日期|to|an|à|a|para|aan|do|till|til|kime|кому|宛先|收件人"
    r"|cc|kopie|копия|subject|betreff|objet|asunto|assunto|oggetto|onderwerp|temat|[äa]mne|emne|p[řr]edm[ěe]t"
    r"|konu|aihe|тема|件名|主题|主旨|reply-to|antwort an|sent by)\s?\*?\s?:\s?\*?(?:\s|$)",
    _I,
)
FROM_LINE_RE = re.compile(
    r"^\s*\*?(?:from|de|von|от|от кого|da|van|od|fr[åa]n|fra|l[äa]hett[äa]j[äa]|kimden|felad[óo]|差出人"
    r"|发件人|寄件者)"
    r"\s?\*?\s?:\s?\*?\s*\S",
    _I,
)
# The attribution line of a quote ("On <date>, <name> wrote:") in many languages: the verb ends the line.
ATTRIBUTION_TAIL_RE = re.compile(
    r"(?:\b(?:wrote|writes|schrieb|schreef|escribi[óo]|escreveu|a [ée]crit|ha scritto"
    r"|napisa[łl](?:\(a\))?|skrev"
    r"|kirjoitti|[íi]rta|napsal(?:\(a\))?|yazd[ıi]|έγραψε)|пишет|написал(?:\(а\)|а)?|писал(?:\(а\)|а)?|написав"
    r"|寫道|写道|のメッセージ|書きました)"
    r"(?:[^:\n]|\d:\d){0,80}\s*[:：]\s*$",
    _I,
)
# Attributions without a verb: "25.11.2026, 10:15, "Name" <a@b.c>:" (Yandex, Mail.ru) and "2013/7/20 Name
# <a@b.c>".
ATTRIBUTION_HEAD_RE = re.compile(
    r"\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|[^\s@]+,? \d{1,2} [^\s@]+\.? \d{4})[^\n]{0,120}@\S+>?\s*:\s*$"
    r"|\s*\d{4}/\d{1,2}/\d{1,2} [^\n]{1,120}<[^\s<>@]+@[^\s<>]+>\s*$",
    _I,
)


_VERB_STEMS = (
    "wrote",
    "writes",
    "schrieb",
    "schreef",
    "escribi",
    "escreveu",
    "crit",
    "scritto",
    "napisa",
    "skrev",
    "kirjoitti",
    "rta",
    "napsal",
    "yazd",
    "έγραψε",
    "пишет",
    "писал",
    "написав",
    "寫道",
    "写道",
    "のメッセージ",
    "書きました",
)


def is_attribution(text: str) -> bool:
    tail = text[-130:]
    low = tail.lower()
    if any(stem in low for stem in _VERB_STEMS) and ATTRIBUTION_TAIL_RE.search(tail):
        return True
    return bool(ATTRIBUTION_HEAD_RE.match(text))


# A plausible start of an attribution: a leading word clients use, a date, a time or an address.
ATTRIBUTION_START_RE = re.compile(
    r"^\s*(?:(?:on|le|am|el|em|il|op|den|dnia|w dniu|dne|в|у|at|quoting|citando|zitat von)\b|\d)",
    _I,
)
QUOTED_RE = re.compile(r"^\s*(?:>|\|)")
SIGNATURE_RE = re.compile(r"^\s*(?:--|__|—|-- —)\s*$")
MOBILE_SIGNATURE_RE = re.compile(
    r"^\s*(?:sent from (?:my |the )?\S.{0,40}|sent with .{1,40}|get outlook for \S+|sent via .{1,40}"
    r"|von meinem \S.{0,40} gesendet|gesendet von .{1,40}|envoy[ée] (?:de|depuis) mon \S.{0,40}"
    r"|enviado (?:desde|de) mi \S.{0,40}|enviado do meu \S.{0,40}|inviato da(?:l mio)? \S.{0,40}"
    r"|verzonden (?:vanaf|met) (?:mijn )?\S.{0,40}|wys[łl]ane z (?:mojego )?\S.{0,40}"
    r"|skickat fr[åa]n min \S.{0,40}"
    r"|отправлено (?:с|со|из) .{1,60}|послано с .{1,40}|надіслано з .{1,40}|从我的\S{1,20}发送"
    r"|iPhoneから送信)\s*$",
    _I,
)
OUTLOOK_RULE_RE = re.compile(r"^\s*_{8,}\s*$")
