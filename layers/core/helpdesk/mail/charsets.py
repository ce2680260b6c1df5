"""Turn bytes into text whatever the label says: aliases, supersets, mislabels and missing labels."""

from __future__ import annotations

import codecs

from helpdesk.mail.charset_labels import LABELS, normalise_label
from helpdesk.mail.model import Problem

_WESTERN = {"cp1252", "ascii", "iso8859-1", "iso8859-15", "latin-1"}
_FALLBACKS = {
    "iso2022_jp_ext": ("iso2022_jp_2", "iso2022_jp_3"),
    "cp932": ("shift_jis_2004",),
    "euc_jp": ("euc_jis_2004",),
}


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _c1_controls(error: UnicodeError) -> tuple[str, int]:
    # The WHATWG windows-1252 index maps the five bytes Python leaves undefined to the C1 controls.
    assert isinstance(error, UnicodeDecodeError)
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("helpdesk-c1-controls", _c1_controls)


def codec_for(label: str | None) -> str | None:
    """The Python codec for a MIME charset label, or None when it is missing or unknown."""
    if not label:
        return None
    name = normalise_label(label)
    name = LABELS.get(name, name)  # the WHATWG table first; then whatever Python knows by that name
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, label: str | None, problems: list[Problem] | None = None) -> str:
    """Decode `data` labelled `label`; records a Problem when the label was missing, wrong or unknown."""
    for bom, by_bom in _BOMS:  # the standard's decode: a byte order mark outranks any label
        if data.startswith(bom):
            return data[len(bom) :].decode(by_bom, errors="replace")
    codec = codec_for(label)
    if data.isascii() and codec in (None, "ascii", "cp1252") and (seven_bit := _iso2022_by_escapes(data)):
        code = "charset_mislabelled" if codec else "charset_unknown" if label else "charset_missing"
        _note(problems, code, label, seven_bit)
        return decode_bytes(data, seven_bit)
    if data.isascii() and codec not in ("utf-7", "utf-16", "utf-32", "utf-16-le", "utf-16-be"):
        if codec is None or not codec.startswith("iso2022"):
            return data.decode("ascii")
    if codec in _WESTERN or codec is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            code = "charset_mislabelled" if codec else "charset_unknown" if label else "charset_missing"
            _note(problems, code, label, "utf-8")
            return text
    if codec is not None:
        for name in (codec, *_FALLBACKS.get(codec, ())):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue
    if codec == "cp1252":
        return data.decode(codec, errors="helpdesk-c1-controls")
    if codec is not None and codec.startswith("iso2022_jp"):
        from helpdesk.mail.jis import iso2022jp_to_cp932

        return iso2022jp_to_cp932(data)
    if codec == "utf-8" and _damaged_utf8(data):
        _note(problems, "charset_damaged", label, "utf-8 with replacement characters")
        return data.decode("utf-8", errors="replace")
    guessed = guess_codec(data)
    if guessed:
        code = "charset_unknown" if label and codec is None else "charset_guessed"
        _note(problems, code, label, guessed)
        return data.decode(guessed, errors="replace")
    _note(problems, "charset_undecodable", label, codec or "cp1252")
    return data.decode(codec or "cp1252", errors="replace")


# ISO 2022's designation escapes (RFC 1468, 1554, 1557): 7-bit text that carries them is in that encoding,
# whatever a missing, unknown or US-ASCII label says (WHATWG reads "us-ascii" as windows-1252); a mailer that
# wrote no charset still wrote the escapes. (Python has no ISO-2022-CN codec: such text stays as it is.)
_ISO2022_ESCAPES = (
    (b"\x1b$)C", "iso-2022-kr"),
    (b"\x1b$B", "iso-2022-jp"),
    (b"\x1b$@", "iso-2022-jp"),
    (b"\x1b$(D", "iso-2022-jp-2"),
    (b"\x1b(J", "iso-2022-jp"),
    (b"\x1b(I", "iso-2022-jp"),
)


def _iso2022_by_escapes(data: bytes) -> str | None:
    if b"\x1b" not in data:
        return None
    return next((label for escape, label in _ISO2022_ESCAPES if escape in data), None)


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (it has valid multi-byte characters too), not another charset."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(1 for c in text if ord(c) > 127) > 2 * broken


def guess_codec(data: bytes) -> str | None:
    """Charset detection on a bounded sample (the detector is slow on large inputs)."""
    from charset_normalizer import from_bytes  # lazy: a heavy import only the odd mail needs

    sample = data[:65536]
    if len(data) > 4096:  # mostly-ASCII bodies drown the signal: look at the lines that carry 8-bit bytes
        sample = b"\n".join(line for line in data.splitlines() if not line.isascii())[:65536] or sample
    best = from_bytes(sample).best()
    if best is None:
        return None
    return codec_for(best.encoding)


def _note(problems: list[Problem] | None, code: str, label: str | None, used: str) -> None:
    if problems is not None:
        problems.append(Problem(code, f"charset {label or '(none)'!s} decoded as {used}"))
