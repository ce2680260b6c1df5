"""Sanitised HTML for display: no scripts, handlers, javascript:/data: URLs, remote images."""

from __future__ import annotations

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
_SCHEMES = {"http", "https", "mailto", "tel", "cid"}


def _keep_local_images(tag: str, attribute: str, value: str) -> str | None:
    # Remote images are tracking beacons: drop their source so that nothing loads when the mail is shown.
    if tag == "img" and attribute == "src" and not value.strip().lower().startswith("cid:"):
        return None
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
        attribute_filter=_keep_local_images,
        url_schemes=_SCHEMES,
        filter_style_properties=_STYLE,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitize_html(html: str) -> str:
    return _cleaner().clean(html).strip()
