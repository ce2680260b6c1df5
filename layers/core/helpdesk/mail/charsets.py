"""Turn bytes into text whatever the label says: aliases, supersets, mislabels and missing labels."""

from __future__ import annotations

import codecs

from helpdesk.mail.model import Problem

# Labels whose real-world content is a superset encoding (what mail clients and browsers do).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "chinese": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "unicode-1-1-utf-7": "utf-7",
    "x-unicode20utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "utf8": "utf-8",
    "x-mac-cyrillic": "mac-cyrillic",
    "koi8-u": "koi8-u",
    "koi8r": "koi8-r",
    "cp-850": "cp850",
    "windows-1252": "cp1252",
}
_WESTERN = {"cp1252", "ascii", "iso8859-1", "iso8859-15", "latin-1"}
_FALLBACKS = {"iso2022_jp_ext": ("iso2022_jp_2", "iso2022_jp_3"), "cp932": ("shift_jis_2004",)}


def codec_for(label: str | None) -> str | None:
    """The Python codec for a MIME charset label, or None when it is missing or unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower().split("*", 1)[0]
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, label: str | None, problems: list[Problem] | None = None) -> str:
    """Decode `data` labelled `label`; records a Problem when the label was missing, wrong or unknown."""
    codec = codec_for(label)
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
