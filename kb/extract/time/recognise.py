"""Recognition: pattern templates from the lexicon compiled into regular expressions.

A template is a regular expression with placeholders: ``@month`` expands to a named group matching
any month word of the language, ``@day#2`` to a second day group (``day_2``). A literal space means
"one or more whitespace characters". The group ``span`` (if present) is the extent of the
expression, so a cue such as "pada" or "in" can be required without being part of it.

Every pattern runs over the text; of overlapping candidates the longest wins (then the leftmost,
then the earlier pattern). Patterns are compiled once per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.extract.text import literal_alternation
from kb.extract.time.lexicon import CATEGORIES, Lexicon, TimeLexiconError, load_lexicon

__all__ = ["Candidate", "Recogniser", "get_recogniser"]

_PLACEHOLDER = re.compile(r"@([a-z]+)(?:#(\d))?")

# built-in placeholders (language-independent digit shapes)
_YEAR_CORE = r"(?:1[0-9]|20)\d\d"
_BUILTIN = {
    "day": r"[0-3]?\d",
    "mnum": r"[01]?\d",
    "hour": r"[0-2]?\d",
    "minute": r"[0-5]\d",
    "second": r"[0-5]\d",
    "decade": r"(?:1[0-9]|20)\d0",
    "decshort": r"\d0",
    "cnum": r"\d{1,2}|(?-i:[IVX]{1,5})",
}


_DIGIT_PLACEHOLDERS = frozenset(_BUILTIN) | {"year", "num"}
_TOKEN = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def _mandatory(template: str) -> frozenset[str]:
    """Placeholders a template cannot match without (those outside every group), as gate classes."""
    depth = 0
    top: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "[" :
            j = template.find("]", i + 1)
            i = j + 1 if j > 0 else i + 1
            continue
        elif ch == "@" and depth == 0:
            m = _PLACEHOLDER.match(template, i)
            if m:
                top.append(m.group(1))
                i = m.end()
                continue
        i += 1
    out = set()
    for name in top:
        if name == "num":
            continue  # digits or number words
        out.add("digit" if name in _DIGIT_PLACEHOLDERS else name)
    return frozenset(out)


class _Unsupported(Exception):
    pass


_OPENER = re.compile(r"\(\?(?::|P<[A-Za-z_]\w*>|[aiLmsux]*-?[aiLmsux]*:)")
_OPTIONAL = frozenset("?*{")
_DIGIT_CLASS = re.compile(r"\[(?:\d(?:-\d)?)+\]")
_RISKY = re.compile("[\u0130\u0131\u017f\u212a]")  # the non-ASCII characters IGNORECASE takes for an ASCII letter


def _nested(template: str) -> frozenset[tuple[str, str]]:
    """More of what a template cannot match without than `_mandatory` sees, looking inside groups:
    ("lit", word) for a literal word of three letters or more that every match contains (as a
    substring of the lower-cased text), ("ph", name) for a word placeholder every match contains with
    no letter right before or after it (so that the first word of its entry is a token of the text).
    Alternations, optional groups and quantified parts give nothing; lookarounds give nothing."""
    n = len(template)

    def boundary_after(j: int) -> bool:
        if j < n and template[j] in " -":
            return not (j + 1 < n and template[j + 1] in _OPTIONAL)
        return template[j:].strip(")") == ""

    def level(i: int, safe: bool) -> tuple[list, int]:
        items: list = []
        branches: list[list] = []  # the alternatives before the last "|" of this level
        while i < n:
            ch = template[i]
            if ch.isascii() and ch.isalpha():
                j = i
                while j < n and template[j].isascii() and template[j].isalpha():
                    j += 1
                if j - i >= 3 and not (j < n and template[j] in _OPTIONAL):
                    items.append(("lit", template[i:j].lower()))
                i, safe = j, False
            elif ch == "\\":
                i, safe = i + 2, False
            elif ch == "[":
                j = i + 1
                if j < n and template[j] == "^":
                    j += 1
                if j < n and template[j] == "]":
                    j += 1
                while j < n and template[j] != "]":
                    j += 2 if template[j] == "\\" else 1
                if j >= n:
                    raise _Unsupported(template)
                if _DIGIT_CLASS.fullmatch(template, i, j + 1) and not (j + 1 < n and template[j + 1] in _OPTIONAL):
                    items.append(("digit", "digit"))  # "[1-4]": some digit
                i, safe = j + 1, False
            elif ch == "|":
                branches.append(items)
                items, i, safe = [], i + 1, False
            elif ch == ")":
                break
            elif ch == "(":
                keep = True
                if template.startswith("(?", i):
                    m = _OPENER.match(template, i)
                    if m is not None:
                        k = m.end()
                    elif template.startswith(("(?=", "(?!"), i):
                        k, keep = i + 3, False
                    elif template.startswith(("(?<=", "(?<!"), i):
                        k, keep = i + 4, False
                    else:
                        raise _Unsupported(template)
                else:
                    k = i + 1
                inner, j = level(k, safe and keep)
                if j >= n:
                    raise _Unsupported(template)  # unbalanced
                j += 1
                if keep and not (j < n and template[j] in _OPTIONAL):
                    items.extend(inner)
                i, safe = j, False
            elif ch == "@":
                m = _PLACEHOLDER.match(template, i)
                if m is None:
                    raise _Unsupported(template)
                j = m.end()
                if safe and not (j < n and template[j] in _OPTIONAL) and boundary_after(j):
                    items.append(("ph", m.group(1)))
                i, safe = j, False
            elif ch in " -":
                safe = not (i + 1 < n and template[i + 1] in _OPTIONAL)
                i += 1
            else:
                i, safe = i + 1, False
        if branches:  # what every alternative needs
            common = set(items).intersection(*map(set, branches))
            items = [x for x in items if x in common]
        return items, i

    try:
        items, end = level(0, True)
    except _Unsupported:
        return frozenset()
    if end != n:
        return frozenset()
    return frozenset((kind, v) for kind, v in items
                     if kind in ("lit", "digit") or (v not in _DIGIT_PLACEHOLDERS and v in CATEGORIES))


@dataclass(frozen=True)
class Candidate:
    """A recognised span, before normalisation."""

    start: int
    end: int
    rule: str
    groups: dict  # group name -> matched text (only groups that matched)
    args: dict
    order: int  # index of the pattern in the lexicon (lower wins ties)


def _alternation(words: list[tuple[str, bool, bool]]) -> str:
    alts: set[str] = set()
    caps: set[str] = set()
    abbrs: set[str] = set()
    for w, cap, abbr in words:
        forms = {w}
        if cap:
            forms = {w[:1].upper() + w[1:], " ".join(p[:1].upper() + p[1:] for p in w.split(" ")), w.upper()}
            caps |= forms
        else:
            alts |= forms
        if abbr:
            abbrs |= forms

    # each list as a trie that tries the words in the order of the plain alternation (longest first)
    parts = []
    if alts:
        parts.append(literal_alternation(alts, re.IGNORECASE, space=r"\s+", dotted=abbrs))
    if caps:
        parts.append("(?-i:" + literal_alternation(caps, 0, space=r"\s+", dotted=abbrs) + ")")
    if not parts:
        return r"(?!x)x"  # matches nothing
    return "|".join(parts)


class Recogniser:
    """The compiled patterns of one language."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._fragments: dict[str, str] = {}
        words = sorted((set(lex.numbers) | set(lex.multipliers) | set(lex.adders)) - lex.numbers_solo,
                       key=lambda s: (-len(s), s))
        nw = literal_alternation(words, re.IGNORECASE, space=r"\s+") if words else r"(?!x)x"
        solo = literal_alternation(lex.numbers_solo, re.IGNORECASE) if lex.numbers_solo else ""
        vague = literal_alternation(lex.vague_numbers, re.IGNORECASE, space=r"\s+") if lex.vague_numbers else ""
        num = r"\d+(?:[.,]\d+)?"
        if vague:
            num += "|" + vague
        num += rf"|(?:{nw})(?:[\s-]+(?:{nw}))*"
        if solo:
            num += "|" + solo
        self._fragments["num"] = num
        blockers = "|".join(re.escape(w) for w in lex.year_blockers_after)
        block = rf"(?!\s*(?:{blockers})(?!\w))" if blockers else ""
        self._year = rf"(?<![$€£¥#])(?<!Rp)(?<!Rp\s)(?<!\$\s)(?:{_YEAR_CORE})(?!\s*%)(?![.,]\d){block}"
        self.patterns: list[tuple[re.Pattern, dict[str, str], str, dict]] = []
        self.requires: list[frozenset[str]] = []
        for i, p in enumerate(lex.patterns):
            try:
                rx, names = self._compile(p["re"])
            except re.error as exc:
                raise TimeLexiconError(f"time lexicon {lex.lang}: pattern {i} ({p['re']!r}): {exc}") from exc
            self.patterns.append((rx, names, p["rule"], dict(p.get("args") or {})))
            self.requires.append(_mandatory(p["re"]))
        # what the gate can also ask of a text for a pattern (see `_nested`), beyond `requires`
        self.extra: list[tuple[tuple[str, str], ...]] = []
        for p, req in zip(lex.patterns, self.requires):
            nested = {(k, v) for k, v in _nested(p["re"]) if k == "lit" or v not in req}
            # a placeholder counts only if all its words are ASCII (the lower-cased tokens are then exact)
            self.extra.append(tuple(sorted((k, v) for k, v in nested if k != "ph" or all(
                w.isascii() for w, _c, _a in lex.words(v)))))
        # a cheap gate: the first word of every lexicon entry -> the placeholder classes it may start
        self._gate: dict[str, set[str]] = {}
        used = {r for req in self.requires for r in req} - {"digit"}
        used |= {v for extra in self.extra for k, v in extra if k == "ph"}
        # ("digit", "digit") is looked up in `present` like a placeholder class
        for name in used:
            for w, _cap, _abbr in lex.words(name):
                toks = _TOKEN.findall(w.lower())
                if toks:
                    self._gate.setdefault(toks[0], set()).add(name)

    def _fragment(self, name: str) -> str:
        if name == "year":
            return self._year
        if name in _BUILTIN:
            return _BUILTIN[name]
        if name in self._fragments:
            return self._fragments[name]
        if name not in CATEGORIES:
            raise re.error(f"unknown placeholder @{name}")
        frag = _alternation(self.lex.words(name))
        self._fragments[name] = frag
        return frag

    def _compile(self, template: str) -> tuple[re.Pattern, dict[str, str]]:
        names: dict[str, str] = {}

        def sub(m: re.Match) -> str:
            name, idx = m.group(1), m.group(2)
            group = name if not idx or idx == "1" else f"{name}_{idx}"
            names[group] = name
            return f"(?P<{group}>{self._fragment(name)})"

        body = template.replace(" ", r"\s+")
        body = _PLACEHOLDER.sub(sub, body)
        rx = rf"(?<!\w)(?<!\d[.,/:])(?:{body})(?!\w)(?![.,/:]\d)"
        return re.compile(rx, re.IGNORECASE), names

    def candidates(self, text: str) -> list[Candidate]:
        """Every match of every pattern (overlapping), unresolved."""
        out: list[Candidate] = []
        present: set[str] = set()
        lowered = text.lower()
        for tok in set(_TOKEN.findall(lowered)) & self._gate.keys():
            present |= self._gate[tok]
        if _DIGIT.search(text):
            present.add("digit")
        if not present:
            return out
        exact = _RISKY.search(text) is None  # else only `requires` gates (as IGNORECASE may match more)
        for order, (rx, names, rule, args) in enumerate(self.patterns):
            if not self.requires[order] <= present:
                continue
            if exact and not all(v in lowered if k == "lit" else v in present for k, v in self.extra[order]):
                continue
            for m in rx.finditer(text):
                gd = {k: v for k, v in m.groupdict().items() if v is not None}
                if "span" in gd:
                    s, e = m.span("span")
                else:
                    s, e = m.span()
                if e <= s:
                    continue
                out.append(Candidate(s, e, rule, gd, args, order))
        return out

    def placeholder_of(self, group: str) -> str:
        return group.rsplit("_", 1)[0] if group[-1:].isdigit() and "_" in group else group


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then leftmost, then the earlier pattern."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.order)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    kept.sort(key=lambda c: c.start)
    return kept


@lru_cache(maxsize=None)
def get_recogniser(lang: str) -> Recogniser:
    """The compiled recogniser of `lang` (built once per process)."""
    return Recogniser(load_lexicon(lang))
