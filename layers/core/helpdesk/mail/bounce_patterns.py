"""Phrases of real mail servers per reason class, most specific first (the first match wins)."""

from __future__ import annotations

import re

# fmt: off
_STRONG: list[tuple[str, str]] = [
    ("delivered", (
        r"\bdelivered to (?:the )?mailbox\b"
    )),
    # A spam filter's verdict, whose advice may name PTR, SPF or HELO among the checks it made.
    ("spamdetected", (
        r"\bfailed several antispam checks\b"
    )),
    ("requireptr", (
        r"\b(?:no|missing|cannot find your|unable to resolve|not have a|without) (?:valid )?(?:ptr|rdns|r"
        r"everse dns)"
        r"|reverse (?:dns|lookup|hostname|name)s? (?:lookup )?(?:failed|fail|required|does not|doesn't|mi"
        r"smatch|check)"
        r"|\bptr record|client host rejected: cannot find your (?:reverse )?hostname"
        r"|ip name lookup failed|\bhas no ptr\b|\bno reverse\b|\bnot have a reverse\b"
        r"|\bpolicy: reverse\b|\bcannot resolve your address\b|\bhostname lookup failed\b"
        r"|\bdoes not resolve to your ip\b|\b(?:ip|domain) address lookup failed"
        r"|\bcannot find your hostname\b|\bunresolvable relay host name\b|\bptr\b|\brdns\b"
        r"|\breverse dns (?:lookup|validation)\b|\bunverif(?:i|y)?able sending ips?\b"
        r"|\bmismatches client ip\b"
    )),
    ("authfailure", (
        r"\bdmarc\b|\bspf (?:check )?(?:fail|validation|hard ?fail|softfail)|\bspf\b[^\n]{0,100}\bfail"
        r"|\bdkim\b[^\n]{0,100}\b(?:fail|invalid|not (?:pass|valid))|\bsender policy framework\b"
        r"|\bnot authorized to send on behalf\b|\bunauthenticated email\b"
        r"|\bauthentication (?:is required|failure)\b[^\n]{0,100}\b(?:gmail|domain|sender)"
        r"|\bfailed (?:the )?spf\b|\bdoes not pass authentication\b|\bauthentication checks? failed\b"
        r"|\bbad spf\b"
    )),
    ("hasmoved", (
        r"\bhas been replaced by\b|\bhas moved\b|\baddress (?:has )?changed\b"
    )),
    ("notaccept", (
        r"\bnull mx\b|\bdoes not accept (?:any )?mail\b|\bnot accepting (?:any )?mail\b(?! with\b)"
        r"|\bno mx (?:record|for)\b|\bdomain (?:does not|doesn't) accept\b"
        r"|\bmx record[^\n]{0,100} (?:is|was) empty\b|\bmail for [^\n]{0,100} is not accepted\b"
        r"|\bdoes not have an mx\b"
        r"|\bcouldn't find a mail exchanger\b"
    )),
    ("mesgtoobig", (
        r"\bmessage (?:size|length) exceeds?\b|\bmail size limit exceeded\b"
        r"|\bmessage too (?:big|large)\b|\b(?:size|message) exceeds (?:the )?(?:maximum|fixed|size)"
        r"|\bexceeded (?:the )?max(?:imum)? message size\b"
        r"|\bmessage (?:is )?(?:too|to) (?:big|large)\b|\bmessage file too big\b"
        r"|\bmessage size exceeded\b|\bmessage exceeds (?:the )?(?:local )?(?:size|maximum)"
    )),
    # sisimai's MailboxFull list, not its narrow SystemFull one, holds these.
    ("mailboxfull", (
        r"\b452 insufficient disk space\b|\bnot enough disk space\b"
    )),
    ("systemfull", (
        r"\bsystem (?:is )?full\b|\binsufficient (?:system |disk )?(?:storage|space)\b|\bdisk full\b"
        r"|\bmail system full\b|\bnot enough (?:disk )?space\b"
    )),
    ("policyviolation", (
        r"\b(?:for|due to) (?:local |security )?policy reasons\b"
    )),
    ("onhold", (
        r"\bon hold\b"
    )),
    ("contenterror", (
        r"\bmedia error\b"
    )),
    ("rejected", (
        r"\bgroups\.google\.com\b|@googlegroups\.com\b|\bsend mail as\b"
        r"|\bsender (?:address )?(?:rejected|denied|blocked|unknown|verify failed|not (?:allowed|permitte"
        r"d))"
        r"|\b(?:domain|address) of sender\b[^\n]{0,100}\b(?:not|invalid|reject)"
        r"|\bmail from\b[^\n]{0,100}\b(?:rejected|refused|denied)|\binvalid sender\b|\bsender domain\b"
        r"|\bbad sender\b|\bsender verif|\bpurported responsible address\b|\bsender was rejected\b"
        r"|\bgroup may not exist\b|\bpermission to post\b"
        r"|\bdoes not exist, or you do not have permission\b|\bgroups?\b[^\n]{0,100}\b(?:post|permission)"
        r"|\bnot permitted to post\b|(?:gruppe|グループ)[^\n]{0,100}(?:berechtigung|権限)"
    )),
    ("mailboxfull", (
        r"\bmailbox (?:is |was )?(?:full|over ?quota|overfilled|exceeded)|\bover ?quota\b"
        r"|\bquota exceeded\b"
        r"|\b(?:exceeded|exceeds|reached) (?:storage|the |his |her |its )?(?:quota|allocation|storage)"
        r"|\bmailbox size limit\b|\bmail ?box full\b|\bmailfolder is full\b|\bmailbox exceeds\b"
        r"|\bas their mailbox is full\b|\bis over (?:the )?(?:disk )?quota\b"
        r"|\buser(?:'s)? (?:mailbox|disk quota|mail ?box) (?:is )?(?:full|exceeded)|\bquota full\b"
        r"|\bboite du destinataire pleine\b|\bmailbox has exceeded\b|\bfull mailbox\b"
        r"|\baccount is full\b|\brecipient'?s? mailbox is full\b|\bout of storage\b"
        r"|\bpostfach[^\n]{0,100} voll\b|\bящик переполнен|\btoo many messages in (?:the )?mailbox\b"
        r"|\bdisk quota\b"
        # sisimai's MailboxFull list (reason/why-mailboxfull.go), the phrases the lines above miss
        r"|\bmailbox quota usage exceeded\b|\bnot enough storage space in\b|\bdoes not have enough space\b"
        r"|\b(?:account is exceeding their|exceeding its mailbox) quota\b|\bdiskspace quota\b"
        r"|\bmaildir delivery failed: (?:user|domain)disk quota\b|\bno space left on device\b"
        r"|\bnot sufficient disk space\b|\b(?:would be )?over the allowed quota\b|\bquota violation for\b"
        r"|\bthe user's space has been used up\b|\btoo much mail data\b"
        r"|\buser has too many messages on the server\b"
    )),
    ("mesgtoobig", (
        r"\bsize limit\b|\bline limit exceeded\b|\bmax message size exceeded\b"
        r"|\bexceeded maximum inbound message size\b|\btaille limite du message atteinte\b"
    )),
    ("suspend", (
        r"\b(?:account|mailbox|user|address) (?:is |has been )?(?:disabled|suspended|inactive|deactivated"
        r"|locked|frozen)"
        r"|\bis not active\b|\bdisabled (?:account|mailbox|recipient)\b"
        r"|\binactive (?:account|user|mailbox)\b|\bsuspended\b"
        r"|\bmailbox (?:currently )?unavailable\b[^\n]{0,100}\b(?:disabled|inactive)|\baccount expired\b"
        r"|\bthe email account that you tried to reach is disabled\b|\bmailbox is inactive\b"
        r"|\bnot (?:a )?(?:valid|active) (?:account|subscriber)\b[^\n]{0,100}\bsuspend|\bhas been disabled\b"
        r"|\bis a deactivated mailbox\b|\btemporary locked\b|\binvalid/inactive user\b|\buser is terminated\b"
        r"|\bmailbox unavailable or access denied\b|\btemporarily inactive\b"
        r"|\brecipient suspend the service\b|\bboite du destinataire archivee\b"
    )),
    ("virusdetected", (
        r"\bvirus(?:es)? (?:found|detected|infected)\b"
        r"|\b(?:contains?|infected (?:with|by)) (?:a )?virus|\bmalware (?:found|detected)\b"
        r"|\bvirus scan(?:ner)? (?:detected|found|rejected)"
    )),
    ("securityerror", (
        r"\bauthentication (?:required|failed)\b|\bsecurity (?:policy|reasons)\b"
        r"|\btls (?:is )?required\b|\bencryption (?:is )?required\b|\bmust issue a starttls\b"
        r"|\bsubmission must be authenticated\b|\bsmtp auth|\bmust be authenticated\b"
        r"|\bunauthenticated\b|\bunsafe (?:content|attachment)\b|\bexecutable file\b"
        r"|\bthis message was blocked because its content presents a potential\s+security issue"
    )),
    ("notcompliantrfc", (
        r"\b(?:not|non)[- ](?:rfc|standards?)[- ]?complian"
        r"|\brfc ?(?:5322|2822|822|5321|2821)\b[^\n]{0,40}\b(?:complian|conform|violat|invalid|requir|sec"
        r"tion)"
        r"|\b(?:complian|conform|violat)\w*[^\n]{0,30}\brfc ?(?:5322|2822|822|5321|2821)\b"
        r"|\bmultiple (?:from|subject|date|to|message-id) headers?\b|\bmalformed (?:header|message)\b"
        r"|\bbare (?:lf|cr)\b|\bnot rfc ?\d{3,4} complian|\bduplicate header\b"
        r"|\bmultiple \S+ (?:\S+ )?headers\b"
    )),
    ("spamdetected", (
        r"\bspam\b|\bjunk mail\b|\blooks like (?:junk|unsolicited|bulk)\b"
        r"|\bunsolicited (?:bulk )?(?:mail|e-?mail|message)|\bcontent (?:filter )?rejected\b"
        r"|\bmessage (?:content|was) (?:rejected|refused) (?:due to|as|because)"
        r"|\bclassified as (?:spam|bulk)\b|\bbulk mail\b|\bscore (?:too high|exceeded)\b"
        r"|\bmessage filtered\b[^\n]{0,100}\bpolicy\b|\bprobable spam\b|\buce\b|\bspam score\b|\bspam-?like\b"
        r"|\bblocked by spam\b|\bappears to be unsolicited\b|\bbulk e-?mail\b|\bspamming not allowed\b"
        r"|\busing a mass mailer\b|spam check\b"
    )),
    ("policyviolation", (
        r"\bpolicy (?:violation|reasons|restrictions)\b"
        r"|\bviolat(?:es|ion of|ed) (?:our |the )?(?:email |sending )?polic"
        r"|\bprohibited (?:attachment|content|file)\b|\bnot allowed by (?:the )?(?:local )?policy\b"
        r"|\bcontent policy\b|\bbanned (?:content|attachment|file)\b"
        r"|\bdue to (?:local |organizational )?policy\b|\bheader size exceeds\b"
        r"|\btoo many (?:recipients|hops)\b[^\n]{0,100}\bpolicy|\blocal policy\b"
        r"|\bmessage rejected due to (?:administrative|content)\b"
        r"|\bthe attachment\b[^\n]{0,100}\bnot allowed\b"
        r"|\bby policy\b|\bcontent presents a potential\b|\bprotocol violation\b"
    )),
    ("norelaying", (
        r"\brelay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed)|prohibited)\b"
        r"|\bnot permitted to relay\b|\bunable to relay\b|\bwe do not relay\b|\bdoes not relay\b"
        r"|\brelay not allowed\b|\bthat domain isn't in my list of allowed rcpthosts\b"
        r"|\bnot (?:a )?(?:gateway|local (?:domain|host))\b|\bno relaying\b|\bcannot relay\b"
        r"|\bnot allowed to relay\b|\binsecure mail relay\b|\bemail address is not verified\b"
        r"|\bas a relay\b|\bnot configured to relay\b|\brelaying mail to\b|\bnot an open relay\b"
        r"|\bwe don't handle mail for\b|\brequires authentication when attempting to send to a non-local\b"
    )),
    ("blocked", (
        r"\bblack ?list(?:ed)?\b|\bblock ?list(?:ed)?\b|\bdeny ?list(?:ed)?\b"
        r"|\b(?:rbl|dnsbl|spamhaus|spamcop|sorbs|barracudacentral)\b"
        r"|\b(?:your|sender|client|the) (?:ip|host|server|network)(?: address)? (?:has been |is |was )?(?"
        r":blocked|rejected|banned|black)"
        r"|\bblocked using\b|\bbanned sending ip\b|\bpoor reputation\b|\breputation\b"
        r"|\bbad reputation\b|\bconnection (?:refused|rejected) (?:from|by|due|for)\b"
        r"|\bhost (?:rejected|blocked)\b|\bunwanted messages\b|\bsmtp server of your isp\b"
        r"|\bnot accepting connections\b|\bopen relay\b|\blisted (?:at|on|in|by)\b"
        r"|\bip [^\n]{0,100} is blocked\b|\byour access to this mail system has been rejected\b"
        r"|\bclient host [^\n]{0,100} blocked\b|\btemporarily (?:deferred|blocked|rate limited) due to\b"
        r"|\bnot accepting mail from\b|\bthe ip you'?re using to send mail is not authorized\b"
        r"|\bip address (?:of|is) [^\n]{0,100}(?:blocked|rejected|not allowed)|\bdynamic ip\b|\bdial-?up\b"
        r"|\bresidential\b|\bbanned\b|\bblocked - see\b|\bip not in whitelist\b"
        r"|\byour server requires confirmation\b|\bconfirm this mail server\b"
        # sisimai's Blocked list: a peer that drops the connection refuses the sending host.
        r"|\bconnection (?:was )?dropped\b|\bconnection reset by peer\b"
        r"|\baccess from ip address\b[^\n]{0,100}\bblocked\b|\bextreme bad ip profile\b"
        r"|\bhelo command rejected:|\bhost network not allowed\b|\binvalid ip for sending mail of domain\b"
        r"|\bis not allowed to send mail from\b|\bno access from mail server\b"
        r"|\bno matches to nameserver query\b|\bnot currently accepting mail from your ip\b"
        r"|\brefused - see http|\bsender has not passed validation\b|\brejecting open proxy\b"
        r"|\bserver access forbidden by your ip\b|\bremotehost looks suspiciously like spammer\b"
        r"|\bto submit messages to this e-mail system has been rejected\b|\btoo many spams from your ip\b"
        r"|\bwas blocked by\b|\bwe do not accept mail from dynamic ips\b|\byou are not allowed to connect\b"
        # Exim: refused on connecting, before any command; words that name a more specific reason come first.
        r"|\bsmtp error from remote (?:mail server|mailer) after initial connection:"
    )),
    ("toomanyconn", (
        r"\btoo many (?:connections|concurrent|sessions|smtp sessions)\b|\bconnection limit\b"
        r"|\brate limit(?:ed|ing)?\b|\btoo many (?:messages|mails) (?:from|sent|in)\b"
    )),
    ("expired", (
        r"\bdelivery (?:time|period) expired\b|\bretry (?:time|timeout) (?:not reached|exceeded)\b"
        r"|\bmessage (?:has been |was )?(?:delayed|expired) (?:too long|for|more)|\bexpired\b"
        r"|\bdelivery failed \d+ attempts\b|\bcannot send message for \d+ days?\b"
        r"|\bretry time not reached\b|\bqueue timeout\b|\bcould not be delivered for \d"
        r"|\bmaximum delivery time\b|\btimed? ?out\b[^\n]{0,100}\b(?:retry|queue)|\bundeliverable for \d+\b"
        r"|\bnot delivered (?:with)?in (?:\d+|the)|\bunable to deliver [^\n]{0,100} for \d+ (?:hours|days)\b"
        r"|\bthe recipient server did not accept our requests to connect\b"
        r"|\bdelivery attempts will continue\b|\bcould not be delivered within\b"
        r"|\bhas not been delivered\b[^\n]{0,100}\bdays?\b"
        r"|\bconnection timed out\b"  # the remote host never answered until the retries ran out
    )),
    ("mailererror", (
        r"\bmailer error\b|\bprogram (?:exit|failed)\b|\bcommand (?:died|failed)\b|\bpipe to\b"
        r"|\bprocmail\b|\bexit (?:code|status) \d+|\bx-unix;"
    )),
    ("userunknown", (
        r"\buser(?:name)? (?:is )?unknown\b"
        r"|\bunknown (?:user|recipient|local[- ]?part|mailbox|address|account)\b"
        r"|\bno such (?:user|mailbox|recipient|account|address|local user|person)\b"
        r"|\b(?:user|mailbox|recipient|account|address|e-?mail account)(?: \S+)? (?:does not|doesn't|did "
        r"not) exist"
        r"|\brecipient (?:address )?(?:unknown|not found|invalid)\b|\brecipient rejected\b"
        r"|\brecipient address rejected(?!:)"
        r"|\binvalid (?:recipient|mailbox|user|address)\b"
        r"|\bnot (?:a )?(?:valid|known) (?:user|recipient|mailbox)\b|\buser not found\b"
        r"|\bmailbox not found\b|(?<!recipient )\baddress (?:rejected|unknown|not found)\b"
        r"|\bdoesn't have a [^\n]{0,100} account\b|\bno mailbox here\b|\brecipnotfound\b"
        r"|\baddressee unknown\b"
        r"|\bno mailbox by that name\b|\bno such person\b|\bunknown local[- ]part\b"
        r"|\bdoesn't have an? \S+ account\b|\bnot a known user\b|\billegal alias\b"
        r"|\binvalid [^\n]{0,100}userid\b|\bisn't in my (?:list|control)\b|\bnot listed in\b"
        r"|\bthe recipient name is not recognized\b|\bis not a valid (?:mailbox|e-?mail)\b"
        r"|\bmailbox unavailable\b|\bno such \S+ here\b"
        r"|\bthe email account that you tried to reach does not exist\b"
        r"|\brecipient not (?:found|recognized)\b"
        r"|\bbad[ _-](?:destination[ _-])?(?:recipient|mailbox|address)\b"
        r"|\brcpt <[^<>\n]{1,254}> does not exist\b"
        r"|\buser unavailable\b|\baddress (?:does not|doesn't) exist\b"
        r"|\bnot our customer\b|\bdoes not have an account\b|\bunknown\b[^\n]{0,100}\buser\b"
        r"|\bnon-?existent (?:user|mailbox|recipient)\b|\bnicht vorhanden\b|\bunbekannt\b"
        r"|\bнет такого (?:пользователя|ящика)|не существует|не найден|\bundeliverable address\b"
        r"|\bno valid recipients\b|\baccess denied\.? ?\[?invalid recipient"
        r"|\bbadrcptto\b|\bbadrecipientto\b|\bnot in my validrcptto\b"
        r"|\bis not an active address at this host\b"
    )),
    # Exim's "unrouteable mail domain" is on sisimai's NetworkError list (its "unrouteable address" is not).
    ("networkerror", (
        r"\bunrouteable mail domain\b"
    )),
    ("hostunknown", (
        r"\bhost (?:or domain name )?not found\b|\bunknown (?:host|domain)\b"
        r"|\bdomain (?:not found|does not exist|name not found)\b|\bno (?:such )?(?:domain|host)\b"
        r"|\bname or service not known\b|\bcouldn't find any host named\b|\bnxdomain\b"
        r"|\bhost unknown\b|\bunrouteable address\b|\bdomain is not reachable\b"
        r"|\bdomain (?:is )?(?:invalid|unknown)\b|\bdns (?:lookup )?(?:error|failure)\b[^\n]{0,100}\bdomain\b"
        r"|\brecipient domain\b[^\n]{0,100}\b(?:not exist|invalid)|\bcould not be resolved\b"
        r"|\bnon-?existent (?:domain|host)\b|\bhostname not found\b|\bnon-existent hosts?\b"
        r"|\bany host by that name\b|\bnosuchdomain\b|\bhost not found\b"
        r"|\bdomain name (?:required|not)\b"
    )),
    ("filtered", (
        r"\bfiltered\b|\brejected by (?:the )?(?:recipient|user)(?:'s)? (?:filter|setting|rule)"
        r"|\bcontent filter\b|\bdelivery not authorized\b|\bnot authorized to (?:send|post|deliver)\b"
        r"|\brefused by (?:the )?recipient|\bblocked by (?:the )?(?:recipient|user)\b"
        r"|\bsender (?:is )?(?:not allowed|blocked|rejected) by (?:the )?recipient"
        r"|\bnot accepting (?:any )?mail with\b|\bonly accepting mail from\b"
    )),
    ("networkerror", (
        r"\bconnection (?:refused|reset|closed|lost|dropped)\b"
        r"|\bnetwork (?:error|unreachable|is unreachable)\b|\bno route to host\b"
        r"|\bname service error\b|\bmail loop\b|\bhop count exceeded\b"
        r"|\bestablish an smtp connection\b|\btemporary (?:dns|lookup) failure\b"
        r"|\bdns (?:error|failure|lookup)\b|\bsocket error\b|\bunable to connect\b"
        r"|\bcould not connect\b|\bcan't connect\b|\bcannot connect\b"
        r"|\bmail (?:loop|loops back)\b|\brouting loop\b|\btoo many hops\b|\bloop detected\b"
        r"|\bhost not reachable\b|\blost connection\b|\bconnect to [^\n]{0,100} failed\b"
        r"|\bmx (?:lookup|host)\b[^\n]{0,100}\b(?:fail|error)"
    )),
    ("networkerror", (
        r"\bname server timeout\b|\bmessage is looping\b|\bdns timeout\b"
        r"|\bloops back to (?:me|myself)\b"
    )),
    ("systemerror", (
        r"\bsystem (?:error|failure|config)|\binternal (?:server )?error\b"
        r"|\bserver (?:error|failure|busy)\b|\bconfiguration error\b|\blocal error\b"
        r"|\btransaction failed\b|\bunable to contact ldap\b|\bmail system (?:error|problem)\b"
        r"|\bduplicated message-id\b|\bloop alert\b|\bunknown error\b|\bprocessing error\b"
    )),
    ("syntaxerror", (
        r"\bsyntax error\b|\bcommand unrecognized\b|\bunrecognized command\b"
        r"|\bbad sequence of commands\b"
    )),
    ("syntaxerror", (
        r"\bmalformed address\b|\bincorrectly constructed\b"
    )),
    ("contenterror", (
        r"\bcontent (?:error|rejected)\b|\bmime (?:error|format)\b|\binvalid (?:mime|content)\b"
        r"|\bmedia error\b|\bmessage content\b"
    )),
]
# Words that hint at a reason but also appear in boilerplate: tried only after the status code.
_WEAK: list[tuple[str, str]] = [
    ("expired", (
        r"\b(?:too long|timed? ?out) in (?:the )?queue\b|\bin the queue too long\b"
    )),
    ("networkerror", (
        r"\btimed? ?out\b|\bunreachable\b|\bnetwork\b"
    )),
    ("rejected", (
        r"\bmessage (?:was )?rejected\b|\bblocked\b|\brejected\b|\brefused\b|\bdenied\b"
    )),
    ("systemerror", (
        r"\bservice (?:not )?(?:available|unavailable)\b|\btry again later\b"
    )),
    # "Mailbox not available" is any refusal's wording (RFC 5321's 550 text): a status code says more.
    ("userunknown", (
        r"\b(?:user|mailbox) not available\b"
    )),
]
# fmt: on


def _compile(table: list[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [(reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in table]


REASON_PATTERNS = _compile(_STRONG)
WEAK_PATTERNS = _compile(_WEAK)
