"""The one HTML policy for every body the server stores (inbound mail, staff replies): nh3, allow-listed.

No scripts or event handlers; links only to http/https/mailto/cid (any encoding of `javascript:` fails the
scheme check after entity decoding); nothing loads by itself: a `src` must be `cid:` (a part of the same
message), and a style declaration naming a CSS function that can fetch (`url(`, `image-set(`, ...) is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_EXTRA_TAGS = {"font", "tfoot"}
_ANY_TAG = {
    "style",
    "align",
    "valign",
    "width",
    "height",
    "bgcolor",
    "color",
    "border",
    "dir",
    "lang",
    "title",
}
_PER_TAG = {
    "font": {"color", "face", "size"},
    "table": {"cellpadding", "cellspacing", "border", "width", "bgcolor"},
    "td": {"nowrap", "bgcolor", "width", "height"},
    "th": {"nowrap", "bgcolor", "width", "height"},
    "img": {"src", "alt", "width", "height", "border"},
    "a": {"href", "name", "title"},
    "ol": {"start", "type"},
    "ul": {"type"},
}
_STYLE = {
    "color", "background-color", "font", "font-family", "font-size", "font-style", "font-weight",
    "text-align", "text-decoration", "text-indent", "text-transform", "line-height", "letter-spacing",
    "white-space", "vertical-align", "direction", "display", "width", "height", "max-width", "min-width",
    "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding", "padding-top",
    "padding-right", "padding-bottom", "padding-left", "border", "border-top", "border-right",
    "border-bottom", "border-left", "border-color", "border-style", "border-width", "border-collapse",
    "border-spacing", "border-radius", "list-style-type", "float", "clear",
}  # fmt: skip
SCHEMES = frozenset({"http", "https", "mailto", "cid"})
_LOADING = {"src", "srcset", "lowsrc", "dynsrc", "background", "poster"}
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)
_CSS_FETCH = re.compile(r"(url|src|image|image-set|cross-fade|element|expression)\(|@import")


def _css_char(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def fetching_css(style: str) -> bool:
    """Whether a style attribute could load anything (after CSS escapes and comments are undone)."""
    plain = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_css_char, style))
    return bool(_CSS_FETCH.search(re.sub(r"[\s\x00]+", "", plain).lower()))


def _no_remote_loads(tag: str, attribute: str, value: str) -> str | None:
    # Remote images are tracking beacons: only parts of the same message (cid:) may load when it is shown.
    if attribute in _LOADING and not value.strip().lower().startswith("cid:"):
        return None
    if attribute == "style":
        kept = ";".join(d for d in value.split(";") if not fetching_css(d))
        return None if fetching_css(kept) else kept  # a comment across ";" must not rejoin a `url(`
    return value


@lru_cache(maxsize=1)
def _cleaner() -> Any:
    import nh3  # lazy: only mails with HTML pay for it

    attributes: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, attrs in _PER_TAG.items():
        attributes.setdefault(tag, set()).update(attrs)
    attributes["*"] = set(_ANY_TAG)
    return nh3.Cleaner(
        tags=set(nh3.ALLOWED_TAGS) | _EXTRA_TAGS,
        clean_content_tags={"script", "style", "title", "head", "template", "noscript", "iframe", "object"},
        attributes=attributes,
        attribute_filter=_no_remote_loads,
        url_schemes=set(SCHEMES),
        filter_style_properties=_STYLE,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitize_html(html: str) -> str:
    """The stored, displayable form of any HTML body; idempotent."""
    return _cleaner().clean(html).strip() if html else ""
