"""Sentences and word tokens with character offsets (language-neutral rules, abbreviations from data)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_](?:[\w’']*[^\W_])?(?:[-.][^\W\d_][\w’']*)*|\d+(?:[.,/:-]\d+)*", re.UNICODE)
_BOUNDARY = re.compile(r"([.!?]+)([”\"’')\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9À-Ý])")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "st", "jr", "sr", "lt", "col", "capt", "prof", "no", "inc", "co",
    "corp", "vs", "gov", "adm", "maj", "sgt", "rev", "hon", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "u.s", "u.n", "u.k", "e.u", "h.e", "h.m", "mt", "ft", "ave", "bpk", "kol", "let", "letjen", "mayjen",
    "brigjen", "irjen", "kompol", "drs", "ir", "hj", "h", "kh", "s.h", "dll", "dsb", "tel", "approx",
}


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    paragraph: int  # index of its paragraph

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of one paragraph."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.start(3)
        before = paragraph[start:m.start(1)]
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        last_clean = last.lstrip("(\"“'").lower()
        if m.group(1) == "." and (last_clean in ABBREVIATIONS or (len(last_clean) == 1 and last_clean.isalpha())
                                  or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last_clean)):
            continue
        out.append((start, paragraph[start:end]))
        start = m.end(3)
    if paragraph[start:].strip():
        out.append((start, paragraph[start:].rstrip()))
    return out


def sentences(text: str, paragraphs: list[tuple[int, str]]) -> list[Sentence]:
    out = []
    for pi, (poff, para) in enumerate(paragraphs):
        for soff, s in split_sentences(para):
            out.append(Sentence(s, poff + soff, pi))
    return out


_POSSESSIVE = ("’s", "'s", "’", "'")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets; a possessive ending ("Biden’s") is left out of the token."""
    out = []
    for m in WORD.finditer(text):
        a, b, t = m.start(), m.end(), m.group()
        for p in _POSSESSIVE:
            if t.endswith(p) and len(t) > len(p) + 1:
                t, b = t[: -len(p)], b - len(p)
                break
        out.append((a, b, t))
    return out
