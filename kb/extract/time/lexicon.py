"""Per-language time lexicons: loading and validating ``kb/extract/data/<lang>/time.json``.

Everything language-specific (words, abbreviations, number words, units, the pattern templates)
lives in the data file; this module only reads it into lookup tables. Adding a language means
adding a data file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kb.errors import KbError

__all__ = ["Lexicon", "load_lexicon", "supported_languages", "DATA_DIR", "norm_key", "CATEGORIES"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# placeholder name -> lexicon categories it draws its words from
CATEGORIES: dict[str, tuple[str, ...]] = {
    "month": ("months", "month_abbr"),
    "monthname": ("months",),
    "weekday": ("weekdays",),
    "pod": ("parts_of_day",),
    "season": ("seasons",),
    "rel": ("relative",),
    "ago": ("ago",),
    "dayword": ("day_words",),
    "anchorday": ("anchored_days",),
    "ref": ("refs",),
    "edge": ("edges",),
    "mod": ("mods",),
    "past": ("past_future",),
    "every": ("every",),
    "setword": ("set_words",),
    "tz": ("timezones",),
    "ampm": ("ampm",),
    "timeword": ("time_words",),
    "ordinal": ("ordinals",),
    "periodunit": ("period_units",),
    "yearcue": ("year_cues",),
    "unit": ("units",),
    "unitone": ("unit_one",),
    "vagueunit": ("vague_units",),
    "half": ("half_words",),
    "holiday": ("holidays",),
    "yearcent": ("year_centuries",),
    "decword": ("decade_words",),
}

_WS = re.compile(r"\s+")


def norm_key(s: str) -> str:
    """The lookup form of a matched word: lower case, single spaces, no trailing dot."""
    s = _WS.sub(" ", s.strip().lower())
    return s[:-1] if s.endswith(".") and len(s) > 1 and s not in _KEEP_DOT else s


_KEEP_DOT = frozenset({"a.m.", "p.m."})


class TimeLexiconError(KbError):
    """A time lexicon data file is missing or malformed."""


@dataclass
class Lexicon:
    """The words and pattern templates of one language."""

    lang: str
    tables: dict[str, dict[str, object]]
    capitalised: frozenset[str]
    patterns: list[dict]
    numbers: dict[str, float]
    multipliers: dict[str, float]
    adders: dict[str, float]
    vague_numbers: frozenset[str]
    numbers_solo: frozenset[str]
    year_blockers_after: tuple[str, ...]
    future_cues: tuple[str, ...]
    raw: dict = field(repr=False, default_factory=dict)

    def lookup(self, placeholder: str, text: str):
        """The value of `text` matched by `placeholder` (None when unknown)."""
        key = norm_key(text)
        for cat in CATEGORIES.get(placeholder, ()):
            table = self.tables.get(cat, {})
            if key in table:
                return table[key]
            k2 = key.replace("-", " ")
            if k2 in table:
                return table[k2]
            k3 = key.rstrip(".")
            if k3 in table:
                return table[k3]
        return None

    def words(self, placeholder: str) -> list[tuple[str, bool, bool]]:
        """(word, capitalised?, abbreviation?) for every word a placeholder can match."""
        out = []
        for cat in CATEGORIES.get(placeholder, ()):
            cap = cat in self.capitalised
            abbr = cat.endswith("_abbr")
            out.extend((w, cap, abbr) for w in self.tables.get(cat, {}))
        return out

    def parse_number(self, text: str) -> float | None:
        """Digits ("10", "1,5") or number words ("dua puluh lima", "twenty-five"); None = vague."""
        t = norm_key(text)
        if not t:
            return None
        if t[0].isdigit():
            try:
                return float(t.replace(",", "."))
            except ValueError:
                return None
        if t in self.vague_numbers:
            return None
        if t in self.numbers:
            return float(self.numbers[t])
        total = 0.0
        current = 0.0
        tokens = re.split(r"[\s-]+", t)
        i = 0
        while i < len(tokens):
            # longest multi-word number entry first ("half an", "a couple of")
            for j in range(len(tokens), i, -1):
                w = " ".join(tokens[i:j])
                if w in self.numbers or w in self.multipliers or w in self.adders:
                    break
            else:
                return None
            if w in self.numbers:
                current += float(self.numbers[w])
            elif w in self.multipliers:
                m = float(self.multipliers[w])
                current = (current or 1.0) * m
                if m >= 1000:
                    total += current
                    current = 0.0
            else:
                current += float(self.adders[w])
            i = j
        return total + current


def _validate(lang: str, raw: dict) -> None:
    if not isinstance(raw.get("patterns"), list) or not raw["patterns"]:
        raise TimeLexiconError(f"time lexicon {lang}: no patterns")
    for i, p in enumerate(raw["patterns"]):
        if not isinstance(p, dict) or "rule" not in p or "re" not in p:
            raise TimeLexiconError(f"time lexicon {lang}: pattern {i} needs 'rule' and 're'")
    for cat in ("months", "weekdays", "units"):
        if not raw.get(cat):
            raise TimeLexiconError(f"time lexicon {lang}: category {cat!r} is empty")


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon of `lang`, read once per process."""
    path = DATA_DIR / lang / "time.json"
    if not path.is_file():
        raise TimeLexiconError(f"time layer: no lexicon for language {lang!r} ({path})")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TimeLexiconError(f"time lexicon {path}: {exc}") from exc
    _validate(lang, raw)
    tables: dict[str, dict[str, object]] = {}
    cats = {c for cs in CATEGORIES.values() for c in cs}
    for cat in cats:
        v = raw.get(cat) or {}
        if isinstance(v, list):
            v = {w: True for w in v}
        tables[cat] = {norm_key(k): val for k, val in v.items()}
    return Lexicon(
        lang=lang,
        tables=tables,
        capitalised=frozenset(raw.get("capitalised", ())),
        patterns=list(raw["patterns"]),
        numbers={norm_key(k): v for k, v in (raw.get("numbers") or {}).items()},
        multipliers={norm_key(k): v for k, v in (raw.get("number_multipliers") or {}).items()},
        adders={norm_key(k): v for k, v in (raw.get("number_adders") or {}).items()},
        vague_numbers=frozenset(norm_key(k) for k in raw.get("vague_numbers", ())),
        numbers_solo=frozenset(norm_key(k) for k in raw.get("numbers_solo", ())),
        year_blockers_after=tuple(raw.get("year_blockers_after", ())),
        future_cues=tuple(raw.get("future_cues", ())),
        raw=raw,
    )


def supported_languages() -> list[str]:
    """Languages that have a time lexicon, sorted."""
    if not DATA_DIR.is_dir():
        return []
    return sorted(p.parent.name for p in DATA_DIR.glob("*/time.json"))
