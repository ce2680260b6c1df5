"""The design tokens' text colours are readable (WCAG AA, 4.5:1) on every background token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

UI_CSS = Path(__file__).resolve().parents[3] / "web" / "shared" / "ui.css"
TEXT = ["--text", "--muted", "--faint"]
BACKGROUNDS = ["--bg", "--surface", "--surface-2"]


def tokens() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", UI_CSS.read_text(), re.S)
    assert root is not None
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", root.group(1)))


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_known_pairs() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#6b7382", "#f6f7f9"), 2) == 4.45  # what Lighthouse reported for the old --faint


@pytest.mark.parametrize("text", TEXT)
@pytest.mark.parametrize("background", BACKGROUNDS)
def test_text_tokens_are_readable_on_background_tokens(text: str, background: str) -> None:
    found = tokens()
    assert contrast(found[text], found[background]) >= 4.5, (text, found[text], background, found[background])


# Status and accent text on the soft backgrounds the badges, banners and buttons pair them with.
PAIRS = [
    ("--ok", "--ok-soft"),
    ("--warn", "--warn-soft"),
    ("--bad", "--bad-soft"),
    ("--info", "--info-soft"),
    ("--note", "--note-soft"),
    ("--accent", "--accent-soft"),
    ("--accent", "--surface"),
    ("--on-accent", "--accent"),
    ("--on-accent", "--accent-strong"),
]


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_status_and_accent_pairs_are_readable(text: str, background: str) -> None:
    found = tokens()
    assert contrast(found[text], found[background]) >= 4.5, (text, found[text], background, found[background])
