"""Sentences and word tokens with character offsets (language-neutral rules, abbreviations from data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    return list(sentence_tokens(text))


@lru_cache(maxsize=512)
def sentence_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """`tokens` as a shared, read-only tuple, cached: people, places and the priming pass all read the
    same sentences, and each is tokenized once. The cache holds a few articles' sentences only."""
    out = []
    for m in WORD.finditer(text):
        a, b = m.span()
        t = m.group()
        if "'" in t or "’" in t:  # only then can there be a possessive ending
            for p in _POSSESSIVE:
                if t.endswith(p) and len(t) > len(p) + 1:
                    t, b = t[: -len(p)], b - len(p)
                    break
        out.append((a, b, t))
    return tuple(out)


def literal_alternation(words, flags: int = 0, *, space: str | None = None, dotted=frozenset()) -> str:
    """A regex alternation of literal `words` that matches exactly what the plain alternation of the
    escaped words, longest first, matches under `flags` (it tries the words in the same order, so even
    inside a larger pattern every match is the same), written as a trie so that the regex engine
    follows shared prefixes instead of trying every word in turn: several hundred role phrases cost
    about as much as one.

    `space` is the regex a space in a word stands for (such as one for any run of whitespace); the
    words in `dotted` may be followed by an optional full stop (abbreviations: "Jan.").

    Why the order is the same: words that can match at one position are prefixes of each other (as
    the regex compares characters: under IGNORECASE "P" and "p" share a node), so they lie on one
    path of the trie, and a node tries its longer continuations before the word ending there, as the
    longest-first alternation does. Where that would not hold (a space at a word's edge or doubled,
    one node ending both a dotted and a plain word) the plain alternation is returned."""
    words = set(words)
    if not words:
        return "(?!)"

    def plain() -> str:
        def esc(w: str) -> str:
            e = re.escape(w)
            if space is not None:
                e = e.replace(r"\ ", space)
            return e + r"\." + "?" if w in dotted else e
        return "|".join(esc(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    if space is not None and any(w != w.strip(" ") or "  " in w for w in words):
        return plain()
    rep: dict[str, str] = {}  # one representative per class of characters the regex cannot tell apart
    for ch in sorted({ch for w in words for ch in w}):
        rep[ch] = next((r for r in dict.fromkeys(rep.values())
                        if re.fullmatch(re.escape(r), ch, flags) and re.fullmatch(re.escape(ch), r, flags)), ch)
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(rep[ch], {})
        end = w in dotted
        if node.get("", end) != end:
            return plain()  # "JAN" and "jan." would end at one node: keep their order as written
        node[""] = end  # a word ends here (True: a full stop may follow)

    def emit(node: dict) -> str:
        branches = [(space if ch == " " and space is not None else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")" if branches else ""
        if "" not in node:
            return body
        tail = r"\." + "?" if node[""] else ""
        if not body:
            return tail
        return "(?:" + body + ("|" + tail if tail else "") + ")" + ("" if tail else "?")

    return emit(root)
