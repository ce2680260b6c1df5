"""One multipart/form-data body with plain fields and one file (the Bot API's and the Graph API's uploads)."""

from __future__ import annotations

import secrets


def multipart(
    fields: dict[str, str], file_field: str, name: str, content: bytes, content_type: str
) -> tuple[bytes, str]:
    """The body and its Content-Type; quotes and line breaks in the name cannot break the part's header."""
    boundary = secrets.token_hex(16)
    safe = name.replace('"', "'").replace("\r", " ").replace("\n", " ")
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    )
    head += f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{safe}"\r\n'
    head += f"Content-Type: {content_type or 'application/octet-stream'}\r\n\r\n"
    return (
        head.encode() + content + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )
