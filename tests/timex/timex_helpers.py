"""Shared bits of the `kb timex` tests: data paths and a tiny stand-in time layer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
TIMEML_EN = Path(__file__).resolve().parents[3] / "shared" / "dev" / "timeml-en"


@dataclass(frozen=True)
class FakeExpr:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    basis: str = "absolute"


def fake_find_times(text: str, lang: str, published: date | None) -> list[FakeExpr]:
    """Years, 'yesterday'/'kemarin' and 'three hours'/'tiga jam': enough to test the plumbing."""
    out = []
    for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", text):
        out.append(FakeExpr(m.start(), m.end(), m[0], "DATE", m[0]))
    for m in re.finditer(r"\b(yesterday|kemarin)\b", text, re.I):
        value = (published - timedelta(days=1)).isoformat() if published else "XXXX-XX-XX"
        out.append(FakeExpr(m.start(), m.end(), m[0], "DATE", value, basis="published"))
    for m in re.finditer(r"\b(three hours|tiga jam)\b", text):
        out.append(FakeExpr(m.start(), m.end(), m[0], "DURATION", "PT3H"))
    return out
