"""Per-language cue lists for meeting extraction (kb/extract/data/<lang>/meetings.json), compiled once."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=16)
def lexicon(lang: str) -> dict:
    path = DATA / lang / "meetings.json"
    if not path.exists():
        path = DATA / "en" / "meetings.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=256)
def cue_regex(lang: str, key: str, sub: str | None = None) -> re.Pattern | None:
    """One case-insensitive regex for a cue list, longest alternatives first, on word boundaries."""
    items = lexicon(lang).get(key, [])
    if sub is not None:
        items = items.get(sub, []) if isinstance(items, dict) else []
    if not items:
        return None
    items = sorted(items, key=len, reverse=True)
    suffix = ""
    if key in ("triggers", "cancelled", "definite_meeting", "meeting_reference") and lexicon(lang).get("clitics"):
        suffix = "(?:" + "|".join(lexicon(lang)["clitics"]) + ")?"  # "pertemuannya", "pembicaraannya"
    return re.compile(r"(?<![\w-])(?:" + "|".join(items) + r")" + suffix + r"(?![\w-])", re.IGNORECASE)
