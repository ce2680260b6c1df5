"""The one transfer-encoding policy of every mail the product sends (replies, acknowledgements, pages)."""

from __future__ import annotations

from email.message import EmailMessage

# Quoted-printable for every text part: 7-bit safe in any language, so no relay converts 8-bit mail, and the
# stdlib's per-message guess (7bit, raw 8bit, qp or base64 by line length and letters) never decides.
TEXT_TRANSFER_ENCODING = "quoted-printable"


def set_bodies(mail: EmailMessage, text: str, html: str = "") -> None:
    """The plain text body, and the HTML alternative when there is one, both under the one policy."""
    mail.set_content(text or "", cte=TEXT_TRANSFER_ENCODING)
    if html:
        mail.add_alternative(html, subtype="html", cte=TEXT_TRANSFER_ENCODING)
