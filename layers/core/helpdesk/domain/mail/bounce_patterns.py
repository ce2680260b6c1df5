"""Phrases of real mail servers per reason class, most specific first (the first match wins)."""

from __future__ import annotations

import re

_RAW: list[tuple[str, list[str]]] = [
    ("delivered", [r"\bdelivered to (?:the )?mailbox\b"]),
    ("requireptr", [
        r"\b(?:no|missing|cannot find your|unable to resolve|not have a|without) (?:valid )?(?:ptr|rdns|reverse dns)",
        r"reverse (?:dns|lookup|hostname|name)s? (?:lookup )?(?:failed|fail|required|does not|doesn't|mismatch|check)",
        r"\bptr record", r"client host rejected: cannot find your (?:reverse )?hostname",
        r"ip name lookup failed", r"\bhas no ptr\b", r"\bno reverse\b", r"\bnot have a reverse\b",
        r"\bpolicy: reverse\b", r"\bcannot resolve your address\b", r"\bhostname lookup failed\b",
        r"\bdoes not resolve to your ip\b", r"\b(?:ip|domain) address lookup failed",
        r"\bcannot find your hostname\b", r"\bunresolvable relay host name\b", r"\bptr\b", r"\brdns\b",
        r"\breverse dns (?:lookup|validation)\b", r"\bunverif(?:i|y)?able sending ips?\b", r"\bmismatches client ip\b",
    ]),
    ("authfailure", [
        r"\bdmarc\b", r"\bspf (?:check )?(?:fail|validation|hard ?fail|softfail)", r"\bspf\b.*\bfail",
        r"\bdkim\b.*\b(?:fail|invalid|not (?:pass|valid))", r"\bsender policy framework\b",
        r"\bnot authorized to send on behalf\b", r"\bunauthenticated email\b",
        r"\bauthentication (?:is required|failure)\b.*\b(?:gmail|domain|sender)", r"\bfailed (?:the )?spf\b",
        r"\bdoes not pass authentication\b", r"\bauthentication checks? failed\b", r"\bspf\b",
    ]),
    ("hasmoved", [r"\bhas been replaced by\b", r"\bhas moved\b", r"\baddress (?:has )?changed\b"]),
    ("notaccept", [
        r"\bnull mx\b", r"\bdoes not accept (?:any )?mail\b", r"\bnot accepting (?:any )?mail\b",
        r"\bno mx (?:record|for)\b", r"\bdomain (?:does not|doesn't) accept\b", r"\bmx record.* (?:is|was) empty\b",
        r"\bmail for .* is not accepted\b", r"\bdoes not have an mx\b", r"\bcouldn't find a mail exchanger\b",
    ]),
    ("mesgtoobig", [
        r"\bmessage (?:size|length) exceeds?\b", r"\bmail size limit exceeded\b", r"\bmessage too (?:big|large)\b",
        r"\b(?:size|message) exceeds (?:the )?(?:maximum|fixed|size)", r"\bexceeded (?:the )?max(?:imum)? message size\b",
        r"\bmessage (?:is )?(?:too|to) (?:big|large)\b", r"\bmessage file too big\b", r"\bmessage size exceeded\b",
        r"\bmessage exceeds (?:the )?(?:local )?(?:size|maximum)",
    ]),
    ("systemfull", [r"\bsystem (?:is )?full\b", r"\binsufficient (?:system |disk )?(?:storage|space)\b", r"\bdisk full\b",
                    r"\bmail system full\b", r"\bnot enough (?:disk )?space\b"]),
    ("policyviolation", [r"\b(?:for|due to) (?:local |security )?policy reasons\b"]),
    ("onhold", [r"\bon hold\b"]),
    ("contenterror", [r"\bmedia error\b"]),
    ("rejected", [
        r"\bgroups\.google\.com\b|@googlegroups\.com\b",
        r"\bsender (?:address )?(?:rejected|denied|blocked|unknown|verify failed|not (?:allowed|permitted))",
        r"\b(?:domain|address) of sender\b.*\b(?:not|invalid|reject)", r"\bmail from\b.*\b(?:rejected|refused|denied)",
        r"\binvalid sender\b", r"\bsender domain\b", r"\bbad sender\b", r"\bsender verif", r"\bpurported responsible address\b",
        r"\bgroup may not exist\b", r"\bpermission to post\b", r"\bdoes not exist, or you do not have permission\b",
        r"\bgroups?\b.*\b(?:post|permission)", r"\bnot permitted to post\b", r"(?:gruppe|グループ).*(?:berechtigung|権限)",
    ]),
    ("mailboxfull", [
        r"\bmailbox (?:is |was )?(?:full|over ?quota|overfilled|exceeded)", r"\bover ?quota\b", r"\bquota exceeded\b",
        r"\b(?:exceeded|exceeds|reached) (?:storage|the |his |her |its )?(?:quota|allocation|storage)",
        r"\bmailbox size limit\b", r"\bmail ?box full\b",
        r"\bmailfolder is full\b", r"\bmailbox exceeds\b", r"\bas their mailbox is full\b", r"\bis over (?:the )?(?:disk )?quota\b",
        r"\buser(?:'s)? (?:mailbox|disk quota|mail ?box) (?:is )?(?:full|exceeded)", r"\bquota full\b",
        r"\bboite du destinataire pleine\b", r"\bmailbox has exceeded\b",
        r"\bfull mailbox\b", r"\baccount is full\b", r"\brecipient'?s? mailbox is full\b", r"\bout of storage\b", r"\bpostfach.* voll\b", r"\bящик переполнен",
        r"\btoo many messages in (?:the )?mailbox\b", r"\bdisk quota\b",
    ]),
    ("suspend", [
        r"\b(?:account|mailbox|user|address) (?:is |has been )?(?:disabled|suspended|inactive|deactivated|locked|frozen)",
        r"\bis not active\b", r"\bdisabled (?:account|mailbox|recipient)\b", r"\binactive (?:account|user|mailbox)\b",
        r"\bsuspended\b", r"\bmailbox (?:currently )?unavailable\b.*\b(?:disabled|inactive)", r"\baccount expired\b",
        r"\bthe email account that you tried to reach is disabled\b", r"\bmailbox is inactive\b",
        r"\bnot (?:a )?(?:valid|active) (?:account|subscriber)\b.*\bsuspend", r"\bhas been disabled\b",
    ]),
    ("virusdetected", [r"\bvirus(?:es)? (?:found|detected|infected)\b", r"\b(?:contains?|infected (?:with|by)) (?:a )?virus",
                       r"\bmalware (?:found|detected)\b", r"\bvirus scan(?:ner)? (?:detected|found|rejected)"]),
    ("securityerror", [
        r"\bauthentication (?:required|failed)\b", r"\bsecurity (?:policy|reasons)\b",
        r"\btls (?:is )?required\b", r"\bencryption (?:is )?required\b", r"\bmust issue a starttls\b",
        r"\bsubmission must be authenticated\b", r"\bsmtp auth", r"\bmust be authenticated\b", r"\bunauthenticated\b",
        r"\bunsafe (?:content|attachment)\b", r"\bexecutable file\b", r"\bthis message was blocked because its content presents a potential\s+security issue",
    ]),
    ("spamdetected", [
        r"\bspam\b", r"\bjunk mail\b", r"\blooks like (?:junk|unsolicited|bulk)\b", r"\bunsolicited (?:bulk )?(?:mail|e-?mail|message)",
        r"\bcontent (?:filter )?rejected\b", r"\bmessage (?:content|was) (?:rejected|refused) (?:due to|as|because)",
        r"\bclassified as (?:spam|bulk)\b", r"\bbulk mail\b", r"\bscore (?:too high|exceeded)\b",
        r"\bmessage filtered\b.*\bpolicy\b", r"\bprobable spam\b", r"\buce\b", r"\bspam score\b", r"\bspam-?like\b", r"\bblocked by spam\b",
    ]),
    ("policyviolation", [
        r"\bpolicy (?:violation|reasons|restrictions)\b", r"\bviolat(?:es|ion of|ed) (?:our |the )?(?:email |sending )?polic",
        r"\bprohibited (?:attachment|content|file)\b", r"\bnot allowed by (?:the )?(?:local )?policy\b",
        r"\bcontent policy\b", r"\bbanned (?:content|attachment|file)\b", r"\bdue to (?:local |organizational )?policy\b",
        r"\bheader size exceeds\b", r"\btoo many (?:recipients|hops)\b.*\bpolicy", r"\blocal policy\b",
        r"\bmessage rejected due to (?:administrative|content)\b", r"\bthe attachment\b.*\bnot allowed\b", r"\bby policy\b",
        r"\bcontent presents a potential\b", r"\bprotocol violation\b",
    ]),
    ("norelaying", [
        r"\brelay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed)|prohibited)\b", r"\bnot permitted to relay\b",
        r"\bunable to relay\b", r"\bwe do not relay\b", r"\bdoes not relay\b", r"\brelay not allowed\b",
        r"\bthat domain isn't in my list of allowed rcpthosts\b", r"\bnot (?:a )?(?:gateway|local (?:domain|host))\b",
        r"\bno relaying\b", r"\bcannot relay\b", r"\bnot allowed to relay\b", r"\binsecure mail relay\b",
    ]),
    ("blocked", [
        r"\bblack ?list(?:ed)?\b", r"\bblock ?list(?:ed)?\b", r"\bdeny ?list(?:ed)?\b", r"\b(?:rbl|dnsbl|spamhaus|spamcop|sorbs|barracudacentral)\b",
        r"\b(?:your|sender|client|the) (?:ip|host|server|network)(?: address)? (?:has been |is |was )?(?:blocked|rejected|banned|black)",
        r"\bblocked using\b", r"\bbanned sending ip\b", r"\bpoor reputation\b", r"\breputation\b", r"\bbad reputation\b",
        r"\bconnection (?:refused|rejected) (?:from|by|due|for)\b", r"\bhost (?:rejected|blocked)\b", r"\bunwanted messages\b", r"\bsmtp server of your isp\b",
        r"\bnot accepting connections\b", r"\bopen relay\b",
        r"\blisted (?:at|on|in|by)\b", r"\bip .* is blocked\b", r"\byour access to this mail system has been rejected\b",
        r"\bclient host .* blocked\b", r"\btemporarily (?:deferred|blocked|rate limited) due to\b", r"\bnot accepting mail from\b",
        r"\bthe ip you'?re using to send mail is not authorized\b", r"\bip address (?:of|is) .*(?:blocked|rejected|not allowed)",
        r"\bdynamic ip\b", r"\bdial-?up\b", r"\bresidential\b", r"\bbanned\b", r"\bblocked - see\b", r"\bip not in whitelist\b",
    ]),
    ("toomanyconn", [r"\btoo many (?:connections|concurrent|sessions|smtp sessions)\b", r"\bconnection limit\b",
                     r"\brate limit(?:ed|ing)?\b", r"\btoo many (?:messages|mails) (?:from|sent|in)\b"]),
    ("expired", [
        r"\bdelivery (?:time|period) expired\b", r"\bretry (?:time|timeout) (?:not reached|exceeded)\b",
        r"\bmessage (?:has been |was )?(?:in (?:the )?queue|delayed|expired) (?:too long|for|more)", r"\bexpired\b", r"\bdelivery failed \d+ attempts\b", r"\bcannot send message for \d+ days?\b",
        r"\bretry time not reached\b", r"\bqueue timeout\b", r"\bcould not be delivered for \d", r"\bmaximum delivery time\b",
        r"\btimed? ?out\b.*\b(?:retry|queue)", r"\bundeliverable for \d+\b", r"\bnot delivered (?:with)?in (?:\d+|the)",
        r"\bunable to deliver .* for \d+ (?:hours|days)\b",
        r"\bthe recipient server did not accept our requests to connect\b", r"\bdelivery attempts will continue\b",
        r"\bcould not be delivered within\b", r"\bhas not been delivered\b.*\bdays?\b",
    ]),
    ("userunknown", [
        r"\buser(?:name)? (?:is )?unknown\b", r"\bunknown (?:user|recipient|local[- ]?part|mailbox|address|account)\b",
        r"\bno such (?:user|mailbox|recipient|account|address|local user|person)\b",
        r"\b(?:user|mailbox|recipient|account|address|e-?mail account)(?: \S+)? (?:does not|doesn't|did not) exist",
        r"\brecipient (?:address )?(?:unknown|not found|invalid)\b", r"\brecipient rejected\b", r"\binvalid (?:recipient|mailbox|user|address)\b",
        r"\bnot (?:a )?(?:valid|known) (?:user|recipient|mailbox)\b", r"\buser not found\b", r"\bmailbox not found\b",
        r"\baddress (?:rejected|unknown|not found)\b", r"\bdoesn't have a .* account\b", r"\bno mailbox here\b", r"\brecipnotfound\b", r"\baddressee unknown\b", r"\bno mailbox by that name\b",
        r"\bno such person\b", r"\bunknown local[- ]part\b", r"\bdoesn't have an? \S+ account\b", r"\bnot a known user\b", r"\billegal alias\b", r"\binvalid .*userid\b",
        r"\bisn't in my (?:list|control)\b|\bnot listed in\b", r"\bthe recipient name is not recognized\b",
        r"\bis not a valid (?:mailbox|e-?mail)\b", r"\bmailbox unavailable\b", r"\bno such \S+ here\b",
        r"\bthe email account that you tried to reach does not exist\b",
        r"\brecipient not (?:found|recognized)\b", r"\bbad (?:destination )?(?:recipient|mailbox|address)\b",
        r"\b(?:user|mailbox) (?:not |un)available\b", r"\baddress (?:does not|doesn't) exist\b", r"\bnot our customer\b",
        r"\bdoes not have an account\b", r"\bunknown\b.*\buser\b", r"\bnon-?existent (?:user|mailbox|recipient)\b",
        r"\bnicht vorhanden\b|\bunbekannt\b", r"\bнет такого (?:пользователя|ящика)|не существует|не найден",
        r"\bundeliverable address\b", r"\bno valid recipients\b", r"\baccess denied\.? ?\[?invalid recipient",
    ]),
    ("hostunknown", [
        r"\bhost (?:or domain name )?not found\b", r"\bunknown (?:host|domain)\b", r"\bdomain (?:not found|does not exist|name not found)\b",
        r"\bno (?:such )?(?:domain|host)\b", r"\bname or service not known\b", r"\bcouldn't find any host named\b", r"\bnxdomain\b", r"\bhost unknown\b",
        r"\bunrouteable (?:mail domain|address)\b", r"\bdomain is not reachable\b", r"\bdomain (?:is )?(?:invalid|unknown)\b", r"\bdns (?:lookup )?(?:error|failure)\b.*\bdomain\b",
        r"\brecipient domain\b.*\b(?:not exist|invalid)", r"\bcould not be resolved\b", r"\bnon-?existent (?:domain|host)\b",
        r"\bhostname not found\b", r"\bnosuchdomain\b", r"\bhost not found\b", r"\bdomain name (?:required|not)\b",
    ]),
    ("filtered", [
        r"\bfiltered\b", r"\brejected by (?:the )?(?:recipient|user)(?:'s)? (?:filter|setting|rule)", r"\bcontent filter\b",
        r"\bdelivery not authorized\b", r"\bnot authorized to (?:send|post|deliver)\b", r"\brefused by (?:the )?recipient",
        r"\bblocked by (?:the )?(?:recipient|user)\b", r"\bsender (?:is )?(?:not allowed|blocked|rejected) by (?:the )?recipient",
    ]),
    ("networkerror", [
        r"\bconnection (?:refused|timed out|reset|closed|lost|dropped)\b", r"\bnetwork (?:error|unreachable|is unreachable)\b",
        r"\bno route to host\b", r"\bname service error\b", r"\bmail loop\b", r"\bhop count exceeded\b",
        r"\bestablish an smtp connection\b", r"\btemporary (?:dns|lookup) failure\b", r"\bdns (?:error|failure|lookup)\b",
        r"\bsocket error\b", r"\bunable to connect\b", r"\bcould not connect\b", r"\bcan't connect\b", r"\bcannot connect\b",
        r"\bmail (?:loop|loops back)\b|\brouting loop\b|\btoo many hops\b|\bloop detected\b", r"\bhost not reachable\b",
        r"\blost connection\b", r"\bconnect to .* failed\b", r"\bmx (?:lookup|host)\b.*\b(?:fail|error)",
    ]),
        ("networkerror", [r"\bname server timeout\b", r"\bdns timeout\b", r"\bloops back to (?:me|myself)\b"]),
    ("systemerror", [
        r"\bsystem (?:error|failure|config)", r"\binternal (?:server )?error\b", r"\bserver (?:error|failure|busy)\b",
        r"\bconfiguration error\b", r"\blocal error\b", r"\btransaction failed\b", r"\bunable to contact ldap\b",
        r"\bmail system (?:error|problem)\b", r"\bduplicated message-id\b|\bloop alert\b", r"\bservice (?:not )?(?:available|unavailable)\b",
        r"\btry again later\b", r"\bunknown error\b", r"\bprocessing error\b",
    ]),
    ("mailererror", [r"\bmailer error\b", r"\bprogram (?:exit|failed)\b", r"\bcommand (?:died|failed)\b", r"\bpipe to\b",
                     r"\bprocmail\b", r"\bexit (?:code|status) \d+", r"\bx-unix;"]),
    ("syntaxerror", [r"\bsyntax error\b", r"\bcommand unrecognized\b", r"\bunrecognized command\b", r"\bbad sequence of commands\b"]),
    ("notcompliantrfc", [r"\brfc ?(?:5322|2822|822|5321|2821)\b", r"\bnot (?:rfc|standard)[- ]?compliant\b", r"\bmultiple (?:from|subject|date|to) headers?\b",
                         r"\bmalformed (?:header|message)\b", r"\bbare (?:lf|cr)\b"]),
    ("syntaxerror", [r"\bmalformed address\b", r"\bincorrectly constructed\b"]),
    ("contenterror", [r"\bcontent (?:error|rejected)\b", r"\bmime (?:error|format)\b", r"\binvalid (?:mime|content)\b",
                      r"\bmedia error\b", r"\bmessage content\b"]),
]

# Words that hint at a reason but also appear in boilerplate: tried only after the status code.
_WEAK: list[tuple[str, list[str]]] = [
    ("expired", [r"\b(?:too long|timed? ?out) in (?:the )?queue\b", r"\bin the queue too long\b"]),
    ("networkerror", [r"\btimed? ?out\b", r"\bunreachable\b", r"\bnetwork\b"]),
    ("rejected", [r"\bmessage (?:was )?rejected\b", r"\bblocked\b", r"\brejected\b", r"\brefused\b", r"\bdenied\b"]),
]


def _compile(table: list[tuple[str, list[str]]]) -> list[tuple[str, re.Pattern[str]]]:
    return [(reason, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)) for reason, patterns in table]


REASON_PATTERNS = _compile(_RAW)
WEAK_PATTERNS = _compile(_WEAK)
