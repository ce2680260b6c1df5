"""What mail clients write around quoted history, per language: the data the reply trimmer's logic reads.

Each entry holds regular-expression alternatives (`|`-separated, matched case-insensitively):
`sender` and `fields` are the words of an embedded header block ("From:", "Sent:", "To:", "Cc:", "Subject:"),
`markers` the lines above an original or forwarded message, `wrote` the verb that ends an attribution line
("On <date>, <name> wrote:"), `lead` words such a line starts with (prepositions, weekday abbreviations),
and `mobile` the lines mail apps append on their own ("Sent from my iPhone"). A new language is one entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientWords:
    sender: str = ""
    fields: str = ""
    markers: str = ""
    wrote: str = ""
    lead: str = ""
    mobile: str = ""


LANGUAGES: dict[str, ClientWords] = {
    "en": ClientWords(
        sender="from",
        fields="sent|date|to|cc|subject|reply-to|sent by",
        markers="original message|forwarded message|begin forwarded message|forwarded by .*|reply message"
        r"|posted by .{1,60} on \d{1,2}/\d{1,2}/\d{2,4}",
        wrote="wrote|writes",
        lead="on|at|quoting",
        # an app's line names the app or device within a few words, or is a short phrase on its own
        mobile=r"sent (?:from|via|with|by) (?:\S+ ){0,3}(?:i?phone|ipad|android|mobile|samsung|galaxy"
        r"|blackberry|device|tablet|smartphone|pixel|outlook|yahoo|gmail|mail|proton\w*)\b.{0,60}"
        r"|sent (?:from|via|with|by) [^\s,;!?]+(?: [^\s,;!?]+){0,5}|\w+ from mobile\b.*"
        r"|from my (?:i?phone|ipad|android|mobile|samsung|galaxy|blackberry|device|tablet|phone|pixel)\b"
        r".{0,20}"
        r"|get outlook for \S.*",
    ),
    "de": ClientWords(
        sender="von",
        fields="datum|gesendet|an|kopie|betreff|antwort an",
        markers="weitergeleitete nachricht|urspr[üu]ngliche nachricht|anfang der weitergeleiteten nachricht"
        "|antwort nachricht",
        wrote="schrieb",
        lead="am|zitat von",
        mobile=r"von meinem \S.{0,60} gesendet\.?|diese nachricht wurde von .{1,100} gesendet\.?"
        r"|gesendet von .{1,40}",
    ),
    "fr": ClientWords(
        sender="de|exp[ée]diteur",
        fields="envoy[ée]|à|objet|destinataire|r[ée]pondre à|le",
        markers="message d'origine|message transf[ée]r[ée]|d[ée]but du message r[ée]exp[ée]di[ée]"
        "|message original",
        wrote="a [ée]crit",
        lead="le",
        mobile=r"envoy[ée] (?:de|depuis) (?:mon|yahoo mail)\b.{0,60}",
    ),
    "es": ClientWords(
        sender="de",
        fields="enviado|enviada|fecha|a|para|asunto",
        markers="mensaje original|mensaje reenviado",
        wrote="escribi[óo]",
        lead="el|citando",
        mobile=r"enviado (?:desde|de) mi \S.{0,60}",
    ),
    "pt": ClientWords(
        sender="de",
        fields="enviad[ao] em|data|para|assunto",
        markers="mensagem original|mensagem encaminhada",
        wrote="escreveu",
        lead="em|citando",
        mobile=r"enviado do meu \S.{0,60}",
    ),
    "it": ClientWords(
        sender="da",
        fields="inviato|data|a|oggetto|risposta",
        markers="messaggio originale|messaggio inoltrato|inizio messaggio inoltrato",
        wrote="ha scritto",
        lead="il",
        mobile=r"inviato da(?:l mio)? \S.{0,60}",
    ),
    "nl": ClientWords(
        sender="van",
        fields="verzonden|datum|aan|onderwerp|beantwoorden - aan",
        markers="oorspronkelijk bericht|doorgestuurd bericht",
        wrote="geschreven|schreef|het volgende verzonden",
        lead="op",
        mobile=r"verzonden (?:vanaf|met) (?:mijn )?\S.{0,60}|verstuurd vanaf mijn \S.{0,60}",
    ),
    "pl": ClientWords(
        sender="od",
        fields="wys[łl]ano|data|do|temat",
        markers="wiadomo[śs][ćc] oryginalna|wiadomo[śs][ćc] przekazana dalej",
        wrote=r"napisa[łl](?:\(a\))?|pisze",
        lead="dnia|w dniu",
        mobile=r"wys[łl]ane z (?:mojego )?\S.{0,60}",
    ),
    "sv": ClientWords(
        sender="fr[åa]n",
        fields="skickat|datum|till|kopia|[äa]mne",
        markers="ursprungligt meddelande|vidarebefordrat meddelande",
        wrote="skrev",
        lead="den",
        mobile=r"(?:skickat )?fr[åa]n min \S.{0,60}",
    ),
    "no": ClientWords(
        sender="fra",
        fields="sendt|dato|til|kopi|emne|svar til",
        markers="opprinnelig melding|videresendt melding|videresendt e-post",
        wrote="skrev",
        lead="den|man|tir|ons|tor|fre|l[øo]r|s[øo]n",
        mobile=r"sendt fra min \S.{0,60}",
    ),
    "da": ClientWords(
        sender="fra",
        fields="sendt|dato|til|cc|emne",
        markers="oprindelig meddelelse|videresendt meddelelse|oprindelig besked|videresendt besked",
        wrote="skrev",
        lead="den|man|tirs|ons|tors|fre|l[øo]r|s[øo]n",
        mobile=r"sendt fra min \S.{0,60}",
    ),
    "fi": ClientWords(
        sender="l[äa]hett[äa]j[äa]",
        fields="l[äa]hetetty|p[äa]iv[äa]m[äa][äa]r[äa]|vastaanottaja|kopio|aihe",
        markers="alkuper[äa]inen viesti|v[äa]litetty viesti|edelleenl[äa]hetetty viesti",
        wrote="kirjoitti",
        lead="ma|ti|ke|to|pe|la|su",
        mobile=r"l[äa]hetetty \S{1,30}(?:sta|st[äa])",
    ),
    "cs": ClientWords(
        sender="od",
        fields="odesl[áa]no|datum|komu|kopie|p[řr]edm[ěe]t",
        markers="p[ůu]vodn[íi] zpr[áa]va|p[řr]eposlan[áa] zpr[áa]va",
        wrote=r"nap[ií]?sal(?:\(a\))?|napsala",
        lead="dne|po|[úu]t|st|[čc]t|p[áa]|so|ne",
        mobile=r"odesl[áa]no z (?:m[ée]ho )?\S.{0,60}",
    ),
    "tr": ClientWords(
        sender="kimden|g[öo]nderen",
        fields="g[öo]nderildi|tarih|kime|bilgi|konu",
        markers="orijinal mesaj|iletilen mesaj|[öo]zg[üu]n ileti",
        wrote="yazd[ıi]",
        mobile=r"\S{1,20}['’]?(?:umdan|[dt]an|[dt]en) g[öo]nderildi",
    ),
    "hu": ClientWords(
        sender="felad[óo]",
        fields="elk[üu]ldve|d[áa]tum|c[íi]mzett|t[áa]rgy",
        markers="eredeti üzenet|továbbított üzenet",
        wrote="[íi]rta",
    ),
    "el": ClientWords(
        sender="από",
        fields="στάλθηκε|προς|θέμα",
        markers="αρχικό μήνυμα|προωθημένο μήνυμα",
        wrote="έγραψε",
    ),
    "ru": ClientWords(
        sender="от|от кого",
        fields="отправлено|дата|кому|копия|тема",
        markers="исходное сообщение|пересылаемое сообщение|пересланное сообщение|перенаправленное сообщение"
        "|переадресованное сообщение|начало переадресованного сообщения|оригинальное сообщение",
        wrote=r"пишет|написал(?:\(а\)|а)?|писал(?:\(а\)|а)?",
        lead="в",
        mobile=r"отправлено (?:с|со|из) .{1,60}|послано с .{1,40}",
    ),
    "uk": ClientWords(
        sender="від",
        fields="надіслано|дата|кому|тема",
        markers="вихідне повідомлення|пересланий лист",
        wrote="написав|написала|пише",
        lead="у",
        mobile=r"надіслано з .{1,40}",
    ),
    "he": ClientWords(sender="מאת", fields="נשלח|אל|נושא", wrote="כתב"),
    "ar": ClientWords(sender="من", wrote="كتب"),
    "ja": ClientWords(
        sender="差出人|送信者",
        fields="送信日時|日付|宛先|件名",
        markers="元のメッセージ|転送されたメッセージ|転送メッセージ",
        wrote="のメッセージ|書きました|書き込みました",
        mobile=r"\S{0,20}iphoneから送信|\S{1,20}から送信",
    ),
    "ko": ClientWords(
        sender="보낸 사람",
        fields="보낸 날짜|날짜|받는 사람|참조|제목",
        markers="원본 메시지|전달된 메시지",
        wrote="작성",
        mobile=r"\S{1,20}에서 보냄",
    ),
    "zh": ClientWords(
        sender="发件人|寄件者|寄件人",
        fields="发送时间|日期|收件人|主题|主旨",
        markers="原始邮件|原始郵件|转发的邮件|轉寄的郵件",
        wrote="寫道|写道",
        mobile=r"从我的\S{1,20}发送|從我的 ?\S{1,20} ?傳送",
    ),
    # Attribution verbs of languages whose other words are not known to differ from the ones above.
    "others": ClientWords(
        wrote=r"napisao|kirjutas|a scris|va escriure|đã viết|menulis|raš[ėe]|rakst[īi]ja|написа",
    ),
}


def alternatives(kind: str) -> str:
    """Every language's alternatives of one kind, as one regular-expression alternation."""
    found = [getattr(words, kind) for words in LANGUAGES.values() if getattr(words, kind)]
    return "|".join(dict.fromkeys(alt for group in found for alt in split_alternatives(group)))


def split_alternatives(group: str) -> list[str]:
    """Top-level `|` alternatives (a `|` inside parentheses or brackets belongs to its alternative)."""
    parts, depth, current = [], 0, ""
    for char in group:
        depth += char in "(["
        depth -= char in ")]"
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]
