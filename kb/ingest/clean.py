"""Cleaning: raw article text -> a tuple of clean paragraphs.

Steps, in order (all linear in the length of the text; every pattern is compiled once):

1. line breaks unified (``\\r\\n``, ``\\r``, U+2028/U+2029, NEL, form feed, vertical tab -> ``\\n``);
2. invisible characters removed (zero-width space, word joiner, BOM, soft hyphen, bidi marks
   and embeddings, C0/C1 control characters); every Unicode space (no-break, thin, ideographic,
   tab) becomes a plain space;
3. Unicode NFC;
4. each non-empty line is one paragraph (blank lines separate too), with runs of spaces collapsed
   and the ends stripped;
5. boilerplate paragraphs dropped: a paragraph of at most ``MAX_BOILERPLATE_CHARS`` characters
   that fully matches one of the patterns in ``kb/ingest/data/boilerplate/*.txt``;
6. a paragraph repeated verbatim is kept once, where it first appears.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["clean_text", "normalise_line", "MAX_BOILERPLATE_CHARS"]

#: Longer paragraphs are never treated as boilerplate, whatever they start with.
MAX_BOILERPLATE_CHARS = 300

# Characters deleted outright.
_DELETE = (
    [0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x180E]
    + list(range(0x202A, 0x202F))  # bidi embeddings and overrides
    + list(range(0x2066, 0x206A))  # bidi isolates
    + [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)]
    + [0x7F]
    + [c for c in range(0x80, 0xA0) if c != 0x85]
)
# Characters that become a line break.
_NEWLINE = [0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029]
# Characters that become a plain space: tab and every Unicode space separator.
_SPACE = [0x09, 0x00A0, 0x1680, 0x202F, 0x205F, 0x3000] + list(range(0x2000, 0x200B))

_TABLE = {c: None for c in _DELETE}
_TABLE.update({c: "\n" for c in _NEWLINE})
_TABLE.update({c: " " for c in _SPACE})

_SPACES = re.compile(r" {2,}")


def _normalise(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").translate(_TABLE))


def normalise_line(value: str) -> str:
    """One-line form of a metadata value (title, source): cleaned like text, lines joined by spaces."""
    text = _normalise(value).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    """All boilerplate patterns from the data files, as one compiled alternation."""
    patterns: list[str] = []
    folder = resources.files("kb.ingest").joinpath("data", "boilerplate")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                re.compile(line, re.IGNORECASE)  # fail loudly, naming nothing else, on a bad pattern
                patterns.append(f"(?:{line})")
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(patterns), re.IGNORECASE)


def is_boilerplate(paragraph: str) -> bool:
    """True when `paragraph` (already normalised) is a widget, credit or link line, not text."""
    return len(paragraph) <= MAX_BOILERPLATE_CHARS and _boilerplate().fullmatch(paragraph) is not None


def clean_text(raw: str) -> tuple[str, ...]:
    """Clean raw article text into paragraphs (see the module docstring for the steps).

    Args:
        raw: text as read from a file, any line-break convention.

    Returns:
        The paragraphs in order, each one non-empty, single-line and stripped. Empty when
        nothing but whitespace and boilerplate was there. Join them with ``"\\n\\n"`` to get
        `Document.text`.
    """
    text = _normalise(raw)
    pattern = _boilerplate()
    seen: set[str] = set()
    out: list[str] = []
    for line in text.split("\n"):
        if not line or line.isspace():
            continue
        para = _SPACES.sub(" ", line).strip()
        if not para or para in seen:
            continue
        if len(para) <= MAX_BOILERPLATE_CHARS and pattern.fullmatch(para) is not None:
            continue
        seen.add(para)
        out.append(para)
    return tuple(out)
