"""How mail clients mark quoted history, forwards and signatures, in many languages."""

from __future__ import annotations

import re

from helpdesk.mail.trim_languages import alternatives, split_alternatives

_I = re.IGNORECASE

_FROM_WORDS = alternatives("sender")
_OTHER_HEADER_WORDS = alternatives("fields")
_COLON = r"\s?\*?\s?[:：]"
HEADER_LINE_RE = re.compile(rf"^\s*\*?(?:{_FROM_WORDS}|{_OTHER_HEADER_WORDS}){_COLON}\s?\*?(?:\s|$)", _I)
FROM_LINE_RE = re.compile(rf"^\s*\*?(?:{_FROM_WORDS}){_COLON}\s?\*?\s*\S", _I)

# "-----Original Message-----", Gmail/Thunderbird/Apple forward lines, in the languages clients ship.
_EMBED_WORDS = alternatives("markers")
EMBED_MARKER_RE = re.compile(rf"^\s*(?:[-=_*]{{2,}}\s*)?(?:{_EMBED_WORDS})\s*:?\s*(?:[-=_*]{{2,}})?\s*$", _I)

# The attribution line of a quote ("On <date>, <name> wrote:") in many languages: the verb ends the line.
_VERBS = alternatives("wrote")
# Zoho Mail wraps it in dashes: "---- On <date> <name> wrote ----".
ATTRIBUTION_TAIL_RE = re.compile(
    rf"(?<![A-Za-zÀ-ÿ])(?:{_VERBS})(?:[^:\n]|\d:\d){{0,80}}?\s*(?:[:：]|-{{2,}})\s*$", _I
)
# Android's and Samsung's attribution is wrapped in dashes and needs no date: "---- Jane Doe wrote ----".
DASHED_ATTRIBUTION_RE = re.compile(rf"^\s*-{{2,}} ?[^\n-][^\n]{{0,80}}?\s(?:{_VERBS})\s*-{{2,}}\s*$", _I)
# Attributions without a verb: "25.11.2026, 10:15, "Name" <a@b.c>:" (Yandex, Mail.ru), the same with the time
# first ("10:15 AM, November 25, 2026, "Name" <a@b.c>:"), "2013/7/20 Name <a@b.c>" and "2016-03-03 17:21
# GMT+01:00 Name" (Gmail).
ATTRIBUTION_HEAD_RE = re.compile(
    r"\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|[^\s@]+,? \d{1,2} [^\s@]+\.? \d{4})[^\n]{0,120}@\S+>?\s*:\s*$"
    r"|\s*\d{1,2}:\d\d(?:\s?[ap]\.?m\.?)?,? [^\n@<>]{1,40}?\b\d{4}\b[^\n@<>]{0,80}"
    r"<[^\s<>@]+@[^\s<>]+>\s*:\s*$"
    r"|\s*\d{4}/\d{1,2}/\d{1,2} [^\n]{1,120}<[^\s<>@]+@[^\s<>]+>\s*$"
    r"|\s*\d{4}-\d\d-\d\d \d{1,2}:\d\d GMT[+-]\d\d:\d\d [^\n<>@:]{1,80}$"
    r"|\s*\d{4}\s?(?:年|년)\s?\d{1,2}\s?(?:月|월)\s?\d{1,2}\s?(?:日|일)[^\n]{0,120}@[^\n]{0,60}[:：]\s*$",
    _I,
)


def _longest_literal(pattern: str) -> str:
    return max(re.split(r"\[[^\]]*\]|\\.|[()?*+.|{}]", pattern), key=len).strip() or pattern


# A cheap test before the regular expression: the longest literal piece of each verb.
_VERB_STEMS = tuple(dict.fromkeys(_longest_literal(verb) for verb in split_alternatives(_VERBS)))


# "<name> via <list or forum> wrote:": mailing lists and forums that send on a member's behalf.
# The name is a handle or a few capitalised words, so "I sent it via FedEx and he wrote:" stays text.
_VIA_ATTRIBUTION_RE = re.compile(
    r"^\s*(?:[^\s,.;!?]+|[A-ZÀ-ÞА-Я][^\s,.;!?]*(?: [A-ZÀ-ÞА-Я][^\s,.;!?]*){1,2})"
    rf" via [^\n]{{1,80}}?\s(?i:{_VERBS})\s*:?\s*$"
)


def is_via_attribution(text: str) -> bool:
    return bool(_VIA_ATTRIBUTION_RE.match(text))


def is_attribution(text: str) -> bool:
    tail = text[-130:]
    low = tail.lower()
    if any(stem in low for stem in _VERB_STEMS) and ATTRIBUTION_TAIL_RE.search(tail):
        return True
    return bool(ATTRIBUTION_HEAD_RE.match(text))


# A plausible start of an attribution: a leading word clients use, a date, a time or an address.
ATTRIBUTION_START_RE = re.compile(rf"^\s*[-—]*\s*(?:(?:{alternatives('lead')})\b|\d)", _I)
QUOTED_RE = re.compile(r"^\s*(?:>|\|)")
RULE_RE = re.compile(r"^\s*[-_=*~#—]{3,}\s*$")
DELIMITER_RE = re.compile(r"^\s*[-_=+~#*—,ᐧ]{2,}\s*$")
QUOTE_PREFIX_RE = re.compile(r"^\s*>\s?")
PIPE_QUOTE_RE = re.compile(r"^(?:[ \t]*[>|])+")
SIGNATURE_RE = re.compile(r"^\s*(?:--|__|—|-- —)\s*$")
# Lines mail apps append on their own ("Sent from my iPhone", "Отправлено с iPhone" ...).
# Links an app puts into its line ("Sent from [Mail](https://...) for Windows 10", "Mail<https://...>").
LINK_RE = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)|<https?://[^>\s]+>")
MOBILE_SIGNATURE_RE = re.compile(rf"^\s*[(<]*\s*(?:{alternatives('mobile')})\s*[)>]*\s*$", _I)
# A sign-off that is a dash and a name: "-Ann", "--Bob Smith" (letters only: "-Xmx512m" is an option).
DASH_SIGNOFF_RE = re.compile(r"^\s*-{1,2} ?[^\W\d_][^\W\d_.'’-]*(?:[ .'’-]{1,2}[^\W\d_]+){0,2}\s*$")
