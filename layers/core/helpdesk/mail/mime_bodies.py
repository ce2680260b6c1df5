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
from helpdesk.mail.structure import Layout, content_type, header_block, layout, sub_parts
from helpdesk.mail.tnef import is_tnef, unpack_tnef

_MAX_NESTED_SHOWN = 3


def fill_bodies(mail: ParsedMail, msg: Message, budget: Budget) -> None:
    _note_defects(mail, msg)
    shape = layout(msg)
    reader = _BodyReader(mail, budget)
    mail.text, html = reader.text(shape), reader.html(shape)
    if html is not None:
        mail.html = sanitize_html(html)
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


class _BodyReader:
    """Text and HTML bodies of a layout; an inline message/rfc822 part shows its header block and bodies."""

    def __init__(self, mail: ParsedMail, budget: Budget, depth: int = 0) -> None:
        self.mail, self.budget, self.depth = mail, budget, depth
        self.decoded: dict[int, str] = {}

    def _text_of(self, part: Message) -> str:
        if id(part) not in self.decoded:
            data = part_bytes(part, self.budget)
            self.decoded[id(part)] = part_text(part, data, self.mail.problems)
        return self.decoded[id(part)]

    def _nested(self, part: Message) -> tuple[str, Layout] | None:
        inner = sub_parts(part)
        if not inner or self.depth >= _MAX_NESTED_SHOWN:
            return None
        return header_block(inner[0]), layout(inner[0])

    def _has_html(self, shape: Layout) -> bool:
        for part in shape.html:
            ctype = content_type(part)
            if ctype == "text/html":
                return True
            if ctype == "message/rfc822" and (nested := self._nested(part)) and self._has_html(nested[1]):
                return True
        return False

    def text(self, shape: Layout) -> str:
        texts: list[str] = []
        for part in shape.text:
            ctype = content_type(part)
            if ctype == "text/plain":
                body, files = split_uuencoded(self._text_of(part))
                texts.append(body)
                self.mail.attachments.extend(uu_attachment(n, block, self.budget) for n, block in files)
            elif ctype == "text/html":
                texts.append(html_to_text(self._text_of(part), self.budget.deadline))
            elif ctype == "message/rfc822" and (nested := self._nested(part)):
                texts.append(
                    nested[0] + "\n\n" + _BodyReader(self.mail, self.budget, self.depth + 1).text(nested[1])
                )
            self.budget.check_time()
        return "\n\n".join(t.strip("\n") for t in texts if t.strip())

    def html(self, shape: Layout) -> str | None:
        """None when no part of the HTML body is HTML: then the mail has no HTML body."""
        if not self._has_html(shape):
            return None
        pieces = []
        for part in shape.html:
            ctype = content_type(part)
            if ctype == "text/html":
                pieces.append(self._text_of(part))
            elif ctype == "text/plain":
                pieces.append(text_as_html(self._text_of(part)))
            elif ctype == "message/rfc822" and (nested := self._nested(part)):
                reader = _BodyReader(self.mail, self.budget, self.depth + 1)
                inner = reader.html(nested[1])
                inner = inner if inner is not None else text_as_html(reader.text(nested[1]))
                pieces.append(f"<blockquote>{text_as_html(nested[0])}{inner}</blockquote>")
        return "\n".join(pieces)


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
