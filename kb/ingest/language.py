"""Languages: validating codes from metadata, detecting the language of a text, and which
languages extraction has data for.

Everything here is data-driven:

- ``kb/ingest/data/iso639.txt``: the ISO 639 codes accepted in metadata (``id``, ``ind``,
  ``en``, ``eng``, ``de``, ``ger``/``deu``, ... and region tags such as ``id-ID``, ``en_US``);
  three-letter codes of languages that also have a two-letter code become the two-letter code.
- ``kb/ingest/data/stopwords/<lang>.txt``: function words per language; a language with such a
  file can be detected. Adding a language for detection adds a file, not code.
- ``kb/extract/data/<lang>/``: a language with a folder there is *supported* by extraction.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = [
    "UNDETERMINED",
    "detect_language",
    "normalise_language",
    "supported_languages",
    "detectable_languages",
    "dominant_script",
]

#: What `detect_language` returns when the text gives no usable evidence (ISO 639-2 "und").
UNDETERMINED = "und"

#: Only this many characters from the start of a text are looked at when detecting.
DETECT_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=1)
def _iso639() -> dict[str, str]:
    """Accepted code (lower case) -> canonical code (two letters where ISO 639-1 has one)."""
    table: dict[str, str] = {}
    text = resources.files("kb.ingest").joinpath("data", "iso639.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        t_code, one, b_code = line.split("\t")[:3]
        canonical = one if one != "-" else t_code
        table[t_code] = canonical
        if one != "-":
            table[one] = canonical
        if b_code != "-":
            table[b_code] = canonical
    return table


def normalise_language(code: str) -> str:
    """The canonical code for a language code from metadata or the command line.

    Accepts ISO 639-1 (``id``), ISO 639-2/T and /B (``ind``, ``ger``) and BCP 47-style tags whose
    first part is one of those (``en-US``, ``id_ID``), in any case.

    Raises:
        ValueError: with the message ``unknown language code 'xx'``.
    """
    value = code.strip() if isinstance(code, str) else ""
    if _TAG.fullmatch(value):
        primary = re.split(r"[-_]", value, maxsplit=1)[0].lower()
        canonical = _iso639().get(primary)
        if canonical:
            return canonical
    shown = code if isinstance(code, str) else repr(code)
    raise ValueError(f"unknown language code '{shown[:40]}'")


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    """Languages extraction has data for: the folders under ``kb/extract/data/``."""
    folder = Path(__file__).resolve().parent.parent / "extract" / "data"
    try:
        return frozenset(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    except OSError:
        return frozenset({"en", "id"})


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, dict[str, float]]:
    """word -> {language: weight}; a word listed for k languages weighs 1/k in each."""
    lists: dict[str, set[str]] = {}
    folder = resources.files("kb.ingest").joinpath("data", "stopwords")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        words = {
            w.strip().lower()
            for w in entry.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")
        }
        lists[entry.name[: -len(".txt")]] = words
    index: dict[str, dict[str, float]] = {}
    for lang, words in lists.items():
        for w in words:
            index.setdefault(w, {})[lang] = 1.0
    for w, langs in index.items():
        for lang in langs:
            langs[lang] = 1.0 / len(langs)
    return index


def detectable_languages() -> tuple[str, ...]:
    """Languages `detect_language` can return (those with a stopword file)."""
    return tuple(sorted({lang for langs in _stopwords().values() for lang in langs}))


def detect_language(text: str) -> str:
    """The language of `text`, from the function words it uses.

    Looks at the first ``DETECT_CHARS`` characters. Each word found in the stopword lists of
    ``kb/ingest/data/stopwords/`` scores for its languages (a word shared by k lists scores 1/k).
    The best-scoring language is returned as soon as there is some evidence, even when it is
    weak or the text mixes languages (callers who know better pass the language explicitly).

    Never raises. Returns ``"und"`` when there is no evidence: empty text, text in a script or
    language without a stopword list (Cyrillic, Arabic, ...), or a scoring word share below 3%.
    """
    if not text:
        return UNDETERMINED
    index = _stopwords()
    scores: Counter[str] = Counter()
    n = 0
    for match in _WORD.finditer(text, 0, min(len(text), DETECT_CHARS)):
        n += 1
        langs = index.get(match.group().lower())
        if langs:
            for lang, weight in langs.items():
                scores[lang] += weight
    if not scores:
        return UNDETERMINED
    (best, score), *rest = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if score < 1.0 or score < 0.03 * n:
        return UNDETERMINED
    return best


def dominant_script(text: str, limit: int = 4000) -> str | None:
    """The Unicode script most letters of `text` belong to ("LATIN", "CYRILLIC", "ARABIC", ...)."""
    counts: Counter[str] = Counter()
    for ch in text[:limit]:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name:
                counts[name.split(" ", 1)[0]] += 1
    return counts.most_common(1)[0][0] if counts else None
