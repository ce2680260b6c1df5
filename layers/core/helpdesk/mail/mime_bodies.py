"""Fill a ParsedMail's text, HTML and attachments from the MIME tree."""

from __future__ import annotations

from email.message import Message

from helpdesk.mail.attachment_names import filename
from helpdesk.mail.attachments import make_attachment, uu_attachment
from helpdesk.mail.bodies import part_text, split_uuencoded, text_as_html
from helpdesk.mail.html_text import html_to_text
from helpdesk.mail.limits import Budget, LimitExceeded
from helpdesk.mail.model import ParsedMail, Problem
from helpdesk.mail.part_content import part_bytes
from helpdesk.mail.sanitize import sanitize_html
from helpdesk.mail.structure import content_type, layout
from helpdesk.mail.tnef import is_tnef, unpack_tnef


def fill_bodies(mail: ParsedMail, msg: Message, budget: Budget) -> None:
    _note_defects(mail, msg)
    shape = layout(msg)
    decoded: dict[int, str] = {}

    def text_of(part: Message) -> str:
        if id(part) not in decoded:
            decoded[id(part)] = part_text(part, part_bytes(part, budget), mail.problems)
        return decoded[id(part)]

    texts: list[str] = []
    for part in shape.text:
        ctype = content_type(part)
        if ctype == "text/plain":
            body, files = split_uuencoded(text_of(part))
            texts.append(body)
            mail.attachments.extend(uu_attachment(name, block, budget) for name, block in files)
        elif ctype == "text/html":
            texts.append(html_to_text(text_of(part), budget.deadline))
        budget.check_time()
    mail.text = "\n\n".join(t.strip("\n") for t in texts if t.strip())

    if any(content_type(p) == "text/html" for p in shape.html):
        pieces = []
        for part in shape.html:
            ctype = content_type(part)
            if ctype == "text/html":
                pieces.append(text_of(part))
            elif ctype == "text/plain":
                pieces.append(text_as_html(text_of(part)))
        mail.html = sanitize_html("\n".join(pieces))
        if not mail.text.strip():  # an empty plain alternative next to a real HTML one
            mail.text = html_to_text(mail.html, budget.deadline)

    in_body = {id(p) for p in shape.text + shape.html}
    taken = {a.filename for a in mail.attachments}
    for index, part in enumerate(shape.attachments, start=1):
        try:
            _add_attachment(mail, part, taken, id(part) in in_body, budget)
        except LimitExceeded:
            raise
        except Exception as error:  # one broken part must not cost the rest of the mail
            mail.problems.append(Problem("part_unreadable", f"part {index}: {type(error).__name__}: {error}"))
        budget.check_time()


def _add_attachment(mail: ParsedMail, part: Message, taken: set[str], inline: bool, budget: Budget) -> None:
    data = part_bytes(part, budget)
    if is_tnef(part, filename(part)):
        unpacked = unpack_tnef(data, mail.problems)
        if unpacked is not None:
            files, text, html = unpacked
            mail.attachments.extend(files)
            if not mail.text.strip():
                mail.text = text.strip() or (html_to_text(html, budget.deadline) if html else "")
            if not mail.html and html:
                mail.html = sanitize_html(html)
            return
    mail.attachments.append(make_attachment(part, data, taken, inline))


def _note_defects(mail: ParsedMail, msg: Message) -> None:
    seen: set[str] = set()
    for part in msg.walk():
        names = [type(defect).__name__ for defect in getattr(part, "defects", ())]
        if getattr(part, "unterminated", False):
            names.append("PartCutOffByEndOfMail")
        for name in names:
            if name not in seen:
                seen.add(name)
                mail.problems.append(Problem("mime_defect", name))
