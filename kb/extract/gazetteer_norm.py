"""Name normalisation shared by the store, queries and the gazetteer (cheap: no data loaded)."""

import re
import unicodedata
from functools import lru_cache
from itertools import filterfalse

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-"
_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`\u00b4"
_SEP_RE = re.compile("[" + re.escape(_DASHES + _APOSTROPHES) + r"._/]")
_SPACE_RE = re.compile(r"\s+")
_NOT_WORD_RE = re.compile(r"[^\w\s]")


@lru_cache(maxsize=1 << 16)
def normalise_name(s: str) -> str:
    """Key for alias lookups: accents stripped, casefolded, hyphens/dots/apostrophes as spaces.

    >>> normalise_name("Sergéi  Lavrov")
    'sergei lavrov'
    >>> normalise_name("Joseph R. Biden Jr.")
    'joseph r biden jr'
    >>> normalise_name("Ma'ruf Amin")
    'ma ruf amin'
    """
    if not s.isascii():  # ASCII has no accents to strip (NFKD leaves it as it is)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(filterfalse(unicodedata.combining, s))
    s = s.casefold()
    s = _SEP_RE.sub(" ", s)
    s = s.replace(",", " ")
    s = _NOT_WORD_RE.sub("", s)
    return _SPACE_RE.sub(" ", s).strip()
