"""`helpdesk mail parse FILE...` and `helpdesk mail trim [FILE]`: the mail library from the command line.

The JSON printed is a contract, documented in docs/mail-cli.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    mail = subparsers.add_parser("mail", help="parse and trim mail with the helpdesk's mail library")
    actions = mail.add_subparsers(dest="mail_command", required=True)
    parse = actions.add_parser("parse", help="print one JSON object per mail file, one per line")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.set_defaults(handler=parse_files)
    trim = actions.add_parser("trim", help="print the new part of a plain-text reply as JSON")
    trim.add_argument("file", nargs="?", metavar="FILE", help="plain-text body (stdin without it)")
    trim.set_defaults(handler=trim_text)


def parse_files(args: argparse.Namespace) -> int:
    from helpdesk.mail.model import ParsedMail, Problem
    from helpdesk.mail.parser import parse_mail

    status = 0
    for path in args.files:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            status = 1
            unreadable = ParsedMail(problems=[Problem("file_unreadable", f"{path}: {error.strerror}", True)])
            _print(unreadable.to_json())
            continue
        _print(parse_mail(raw).to_json())
    return status


def trim_text(args: argparse.Namespace) -> int:
    try:
        from helpdesk.mail.trim import trim_reply
    except ImportError:
        print(
            "helpdesk mail trim: the reply trimmer (helpdesk.mail.trim) is not installed",
            file=sys.stderr,
        )
        return 2
    try:
        if args.file:
            with open(args.file, "rb") as handle:
                data = handle.read()
        else:
            data = sys.stdin.buffer.read()
    except OSError as error:
        print(f"helpdesk mail trim: {args.file}: {error.strerror}", file=sys.stderr)
        return 1
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    result = trim_reply(text)
    _print(
        {
            "reply": result.reply,
            "elided": result.elided,
            "forwarded": result.forwarded,
            "preface": result.preface,
        }
    )
    return 0


def _print(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
