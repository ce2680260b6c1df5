"""Label client_replies/ with mailgun/talon's answers: run with talon's venv, /tmp/talonvenv/bin/python.

Cases already marked "source": "ours" keep their answer (talon is wrong there for a helpdesk; see "why").
"""

import json
from pathlib import Path

import talon
from talon import quotations
from talon.utils import html_to_text

HERE = Path(__file__).parent / "client_replies"
NOTE = "expected = mailgun/talon's extract_from_plain / extract_from_html (as text), unless source is ours"


def label(path: Path) -> str:
    text = path.read_text()
    if path.suffix == ".txt":
        return quotations.extract_from_plain(text)
    return (html_to_text(quotations.extract_from_html(text)) or b"").decode().strip()


def main() -> None:
    talon.init()
    out = HERE / "expected.json"
    old = json.loads(out.read_text()) if out.exists() else {}
    labels: dict = {"_note": NOTE}
    for path in sorted(HERE.glob("*.*")):
        if path.name == "expected.json":
            continue
        kept = old.get(path.name, {})
        fresh = {"expected": label(path), "source": "talon"}
        labels[path.name] = kept if kept.get("source") == "ours" else fresh
    out.write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
