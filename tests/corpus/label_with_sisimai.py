"""Label the bounces of the other added corpora with sisimai's answers (run once; the test reads the JSON).

    python -m tests.corpus.label_with_sisimai /path/to/sisi     (or SISIMAI_BIN=/path/to/sisi)

writes tests/corpus/data/sisimai-labels.json: for each mail of the corpora below, what go-sisimai gives per
recipient (status, reply code, reason, hard bounce, decoder), the same fields as the sisimai sample's
expected.json. A mail sisimai gives no answer for is kept as "not a report" (neither bounce, DSN nor
feedback report; an auto-reply may still be one, since sisimai's vacation reading is narrow) only where the
mail itself says it is none: no report part, no mail-system sender, and, for BounceParser's mails, its own
tests call it no bounce (or a spam or virus mail with no report); for the bounce handlers' corpora
(CwsMailBounceHandler, PHP-Bounce-Handler) its authors do not call it a bounce or feedback report. A mail
sisimai cannot read though it is a
bounce says nothing about sisimai's answer and is left out, as is a mail sisimai crashes on.

Building go-sisimai offline with Debian's Go (packages golang-go, golang-golang-x-net-dev and
golang-golang-x-text-dev; no module download), from its library sources only:

    git clone https://github.com/sisimai/go-sisimai && cd go-sisimai && git checkout <COMMIT below>
    rm -rf set-of-emails && find . -name '*_test.go' -delete
    printf 'replace golang.org/x/net => /usr/share/gocode/src/golang.org/x/net\\n' >> go.mod
    printf 'replace golang.org/x/text => /usr/share/gocode/src/golang.org/x/text\\n' >> go.mod
    python -m tests.corpus.label_with_sisimai --main-go cmd/sisi/main.go     # writes MAIN_GO below
    GOFLAGS=-mod=mod GOPROXY=off go build -o /tmp/sisi ./cmd/sisi

Never run it on sisimai's own sample (corpus/sisimai): its expectations are already sisimai's.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
OUT = DATA / "sisimai-labels.json"
CORPORA = (
    "bounceparser",
    "mikel-mail",
    "cpython-test-email",
    "php-mime-mail-parser",
    "cws-mail-bounce-handler",
    "php-bounce-handler",
)
# Corpora of bounce handlers whose mails are all reports by their authors' word (file names, test driver).
BOUNCE_CORPORA = {"cws-mail-bounce-handler": ("bounce_", "fbl_"), "php-bounce-handler": ("",)}
LABELLER = {
    "tool": "go-sisimai",
    "repository": "https://github.com/sisimai/go-sisimai",
    "commit": "ed142ded2c40de1233f82d8405a0acf0b76998c6",
    "version": "5.2.0",
    "licence": "BSD-2-Clause",
    "options": "Delivered and Vacation on: delivered recipients and auto-replies are reported too",
}
MAIN_GO = """package main

import "fmt"
import "os"
import sisimai "libsisimai.org/sisimai"

func main() {
	for _, p := range os.Args[1:] {
		args := sisimai.Args()
		args.Delivered = true
		args.Vacation = true
		facts, _ := sisimai.Rise(p, args)
		fmt.Printf("%s:", p)
		for _, f := range *facts {
			fmt.Printf(" [%s|%s|%s|%s|%v|%s]", f.Recipient.Address, f.DeliveryStatus,
				f.ReplyCode, f.Reason, f.HardBounce, f.DecodedBy)
		}
		fmt.Println()
	}
}
"""
_FACT_RE = re.compile(r"\[([^|\]]*)\|([^|\]]*)\|([^|\]]*)\|([^|\]]*)\|(true|false)\|([^|\]]*)\]")
_REPORT_TYPES = {"multipart/report", "message/delivery-status", "message/feedback-report"}
_MAIL_SYSTEM_RE = re.compile(r"mailer-daemon|postmaster|mail delivery", re.IGNORECASE)


def sisimai_rows(binary: str, path: Path) -> list[dict[str, Any]] | None:
    """sisimai's answer for one mail, None if it crashed (one run per mail: a crash ends no other)."""
    run = subprocess.run([binary, str(path)], capture_output=True, text=True, timeout=60, check=False)
    if run.returncode != 0:
        return None
    rows = []
    for i, m in enumerate(_FACT_RE.finditer(run.stdout.partition(":")[2]), start=1):
        address, status, code, reason, hard, decoder = m.groups()
        rows.append(
            {
                "index": i,
                "recipient": address,
                "deliverystatus": status,
                "replycode": code,
                "reason": reason,
                "hardbounce": hard == "true",
                "decoded_by": decoder,
            }
        )
    return rows


def no_report_by_itself(corpus: str, name: str, raw: bytes) -> str | None:
    """Why a mail sisimai is silent on is no report, judged without our classifier; None if it may be one."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    if any(part.get_content_type() in _REPORT_TYPES for part in msg.walk()):
        return None
    if _MAIL_SYSTEM_RE.search(str(msg.get("From", ""))):
        return None
    if corpus in BOUNCE_CORPORA:
        said = name.startswith(BOUNCE_CORPORA[corpus])
        return None if said else f"{corpus}: no report by its authors' word, no report part, no mail system"
    if corpus != "bounceparser":
        return f"{corpus}: a MIME parser's test mail, no report part, not from a mail system"
    cases = json.loads((DATA / "bounceparser" / "expected.json").read_text(encoding="utf-8"))
    expect = {e["field"]: e["value"] for e in cases.get(name, {}).get("expect", [])}
    if expect.get("is_bounce") is False:
        return "BounceParser's tests: is_bounce false"
    if expect.get("reports") == 0:
        return "BounceParser's tests: spam or virus mail, reports 0"
    return None


def label(binary: str) -> dict[str, Any]:
    mails: dict[str, Any] = {}
    left_out: dict[str, str] = {}
    for corpus in CORPORA:
        for path in sorted((DATA / corpus).rglob("*.eml")):
            key = f"{corpus}/{path.relative_to(DATA / corpus).as_posix()}"
            rows = sisimai_rows(binary, path)
            if rows is None:
                left_out[key] = "sisimai crashed on it"
            elif rows:
                mails[key] = {"expected": rows}
            elif why := no_report_by_itself(corpus, path.name, path.read_bytes()):
                mails[key] = {"expected": [], "not_a_report": why}
            else:
                left_out[key] = "no answer from sisimai, yet the mail may be a report: sisimai cannot read it"
    return {"labeller": LABELLER, "mails": mails, "left_out": left_out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default=os.environ.get("SISIMAI_BIN"), help="go-sisimai binary")
    parser.add_argument("--main-go", type=Path, help="write the binary's main.go here and stop")
    args = parser.parse_args()
    if args.main_go:
        args.main_go.parent.mkdir(parents=True, exist_ok=True)
        args.main_go.write_text(MAIN_GO, encoding="utf-8")
        return
    if not args.binary:
        sys.exit("give the go-sisimai binary's path (or set SISIMAI_BIN); see this script's docstring")
    labels = label(args.binary)
    OUT.write_text(json.dumps(labels, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    with_rows = sum(bool(m["expected"]) for m in labels["mails"].values())
    silent, left_out = len(labels["mails"]) - with_rows, len(labels["left_out"])
    print(f"{with_rows} mails decoded, {silent} not reports, {left_out} left out")


if __name__ == "__main__":
    main()
