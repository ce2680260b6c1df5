"""How mail clients mark quoted history, forwards and signatures, in many languages."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Words of embedded header blocks ("From:", "От:", "Von:" ...) as Outlook, Apple Mail and Gmail write them.
_FROM_WORDS = (
    "from|de|von|от|от кого|від|da|van|od|fr[åa]n|fra|l[äa]hett[äa]j[äa]|kimden|felad[óo]|από|보낸 사람|מאת"
    "|من|差出人|发件人|寄件者|寄件人"
)
_OTHER_HEADER_WORDS = (
    "sent|date|datum|gesendet|envoy[ée]|enviado|enviada|enviad[ao] em|inviato|data|verzonden|wys[łl]ano"
    "|skickat|sendt|odesl[áa]no|l[äa]hetetty|elk[üu]ldve|g[öo]nderildi|dátum|tarih|отправлено|надіслано"
    "|дата|στάλθηκε|보낸 날짜|נשלח|送信日時|发送时间|日期"
    "|to|an|à|a|para|aan|do|till|til|kime|komu|vastaanottaja"
    "|c[íi]mzett|кому|προς|받는 사람|אל|宛先|收件人"
    "|cc|kopie|копия|subject|betreff|objet|asunto|assunto|oggetto"
    "|onderwerp|temat|[äa]mne|emne|p[řr]edm[ěe]t|konu|aihe|t[áa]rgy|тема|θέμα|제목|נושא|件名|主题|主旨|reply-to"
    "|antwort an|sent by"
)
_COLON = r"\s?\*?\s?[:：]"
HEADER_LINE_RE = re.compile(rf"^\s*\*?(?:{_FROM_WORDS}|{_OTHER_HEADER_WORDS}){_COLON}\s?\*?(?:\s|$)", _I)
FROM_LINE_RE = re.compile(rf"^\s*\*?(?:{_FROM_WORDS}){_COLON}\s?\*?\s*\S", _I)

# "-----Original Message-----", Gmail/Thunderbird/Apple forward lines, in the languages clients ship.
_EMBED_WORDS = (
    "original message|forwarded message|begin forwarded message|forwarded by .*"
    "|weitergeleitete nachricht|urspr[üu]ngliche nachricht|anfang der weitergeleiteten nachricht"
    "|message d'origine|message transf[ée]r[ée]|d[ée]but du message r[ée]exp[ée]di[ée]|message original"
    "|mensaje original|mensaje reenviado|mensagem original|mensagem encaminhada|messaggio originale"
    "|messaggio inoltrato|inizio messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht"
    "|wiadomo[śs][ćc] oryginalna|wiadomo[śs][ćc] przekazana dalej|ursprungligt meddelande"
    "|vidarebefordrat meddelande|videresendt meddelelse|oprindelig meddelelse|opprinnelig melding"
    "|videresendt melding|p[ůu]vodn[íi] zpr[áa]va|p[řr]eposlan[áa] zpr[áa]va|alkuper[äa]inen viesti"
    "|v[äa]litetty viesti|orijinal mesaj|iletilen mesaj|eredeti üzenet|továbbított üzenet|αρχικό μήνυμα"
    "|προωθημένο μήνυμα|исходное сообщение|пересылаемое сообщение|пересланное сообщение"
    "|перенаправленное сообщение|переадресованное сообщение|начало переадресованного сообщения"
    "|оригинальное сообщение|вихідне повідомлення|пересланий лист"
    "|原始邮件|原始郵件|转发的邮件|轉寄的郵件|元のメッセージ"
    "|転送されたメッセージ|원본 메시지|전달된 메시지"
)
EMBED_MARKER_RE = re.compile(rf"^\s*(?:[-=_*]{{2,}}\s*)?(?:{_EMBED_WORDS})\s*:?\s*(?:[-=_*]{{2,}})?\s*$", _I)

# The attribution line of a quote ("On <date>, <name> wrote:") in many languages: the verb ends the line.
_VERBS = (
    r"wrote|writes|geschreven|schrieb|schreef|escribi[óo]|escreveu|a [ée]crit|ha scritto|napisa[łl](?:\(a\))?"
    r"|nap[ií]?sal(?:\(a\))?|napisao|pisze|skrev|kirjoitti|kirjutas|[íi]rta|yazd[ıi]|a scris|va escriure"
    r"|đã viết|menulis|raš[ėe]|rakst[īi]ja|έγραψε|пишет|написал(?:\(а\)|а)?|писал(?:\(а\)|а)?|написав"
    "|написа|כתב|كتب|작성|寫道|写道|のメッセージ|書きました"
)
ATTRIBUTION_TAIL_RE = re.compile(rf"(?<![A-Za-zÀ-ÿ])(?:{_VERBS})(?:[^:\n]|\d:\d){{0,80}}\s*[:：]\s*$", _I)
# Attributions without a verb: "25.11.2026, 10:15, "Name" <a@b.c>:" (Yandex, Mail.ru) and "2013/7/20 Name
# <a@b.c>".
ATTRIBUTION_HEAD_RE = re.compile(
    r"\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|[^\s@]+,? \d{1,2} [^\s@]+\.? \d{4})[^\n]{0,120}@\S+>?\s*:\s*$"
    r"|\s*\d{4}/\d{1,2}/\d{1,2} [^\n]{1,120}<[^\s<>@]+@[^\s<>]+>\s*$"
    r"|\s*\d{4}\s?(?:年|년)\s?\d{1,2}\s?(?:月|월)\s?\d{1,2}\s?(?:日|일)[^\n]{0,120}@[^\n]{0,60}[:：]\s*$",
    _I,
)


_VERB_STEMS = tuple(
    "wrote|writes|geschreven|schrieb|schreef|escribi|escreveu|crit|scritto|napisa|skrev|kirjoitti|rta|napsal|yazd"
    "|έγραψε|пишет|писал|написав|寫道|写道|のメッセージ|書きました|nap|pisze|kirjutas|scris|escriure|viết|menulis|raš"
    "|rakst|написа|כתב|كتب|작성".split("|")
)


def is_attribution(text: str) -> bool:
    tail = text[-130:]
    low = tail.lower()
    if any(stem in low for stem in _VERB_STEMS) and ATTRIBUTION_TAIL_RE.search(tail):
        return True
    return bool(ATTRIBUTION_HEAD_RE.match(text))


# A plausible start of an attribution: a leading word clients use, a date, a time or an address.
ATTRIBUTION_START_RE = re.compile(
    r"^\s*[-—]*\s*(?:(?:on|le|am|el|em|il|op|den|dnia|w dniu|dne|в|у|at|quoting|citando|zitat von)\b|\d)",
    _I,
)
QUOTED_RE = re.compile(r"^\s*(?:>|\|)")
RULE_RE = re.compile(r"^\s*[-_=*~#—]{3,}\s*$")
DELIMITER_RE = re.compile(r"^\s*[-_=+~#*—]{2,}\s*$")
QUOTE_PREFIX_RE = re.compile(r"^\s*>\s?")
PIPE_QUOTE_RE = re.compile(r"^(?:[ \t]*[>|])+")
SIGNATURE_RE = re.compile(r"^\s*(?:--|__|—|-- —)\s*$")
# Lines mail apps append on their own ("Sent from my iPhone", "Отправлено с iPhone" ...).
MOBILE_SIGNATURE_RE = re.compile(
    r"^\s*[(<]*\s*(?:sent (?:from|via|with|by) \S.{0,80}|\w+ from mobile\b.*"
    r"|from my (?:i?phone|ipad|android|mobile|samsung|galaxy|blackberry|device|tablet|phone|pixel)\b.{0,20}"
    r"|get outlook for \S.*|von meinem \S.{0,60} gesendet\.?|diese nachricht wurde von .{1,100} gesendet\.?"
    r"|gesendet von .{1,40}|envoy[ée] (?:de|depuis) (?:mon|yahoo mail)\b.{0,60}"
    r"|enviado (?:desde|de) mi \S.{0,60}|enviado do meu \S.{0,60}|inviato da(?:l mio)? \S.{0,60}"
    r"|verzonden (?:vanaf|met) (?:mijn )?\S.{0,60}|verstuurd vanaf mijn \S.{0,60}|sendt fra min \S.{0,60}"
    r"|wys[łl]ane z (?:mojego )?\S.{0,60}|(?:skickat )?fr[åa]n min \S.{0,60}"
    r"|отправлено (?:с|со|из) .{1,60}|послано с .{1,40}|надіслано з .{1,40}|从我的\S{1,20}发送"
    r"|從我的 ?\S{1,20} ?傳送|iPhoneから送信)\s*[)>]*\s*$",
    _I,
)
