"""Name normalisation shared by the store and extraction (cheap: no data loaded)."""

import re
import unicodedata

_PUNCT = re.compile(r"[-‐‑–—.'’`´_]+")


def normalise_name(s: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name: 'Sergéy  Lavrov' -> 'sergey lavrov'."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(_PUNCT.sub(" ", s).split())
