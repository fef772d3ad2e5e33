"""Sentence tokens and the trie alternation of literal words (kb.extract.text)."""

from __future__ import annotations

import random
import re

import pytest

from kb.extract.text import literal_alternation, sentence_tokens, tokens


def test_tokens_leave_possessive_endings_out():
    text = "Ms Ardern’s aide met the Jones' lawyer and O'Neill's staff."
    assert [t for _a, _b, t in tokens(text)] == ["Ms", "Ardern", "aide", "met", "the", "Jones", "lawyer", "and",
                                                "O'Neill", "staff"]
    for a, b, t in tokens(text):
        assert text[a:b] == t


def test_sentence_tokens_are_cached_and_read_only():
    text = "The envoy arrived on 3 March."
    first = sentence_tokens(text)
    assert isinstance(first, tuple)
    assert sentence_tokens(text) is first  # tokenized once
    out = tokens(text)
    assert out == list(first)
    out.append((0, 0, "x"))  # a caller's list is its own
    assert tokens(text) == list(first)


def _plain(words, flags):
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _spans(alternation, text, flags):
    rx = re.compile(r"\b(?:" + alternation + r")\b", flags)
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_literal_alternation_matches_like_the_longest_first_alternation(flags):
    words = ["minister", "Minister", "prime minister", "prime minister of", "foreign minister", "min",
             "deputy", "deputy prime minister", "Menlu", "menteri luar negeri", "menteri", "P.M.", "U.S. envoy"]
    texts = ["The prime minister of Ruritania met the deputy prime minister.",
             "Deputy Prime Ministerial talks; the MINISTER and min. and the ministers",
             "Menteri Luar Negeri dan Menlu bertemu menteri lain; P.M. and the U.S. envoy spoke."]
    rnd = random.Random(7)
    for _ in range(500):  # words glued, cut short and in mixed case: the boundaries decide
        parts = []
        for _ in range(rnd.randint(1, 4)):
            w = rnd.choice(words)
            w = w[:rnd.randint(1, len(w))] if rnd.random() < 0.3 else w
            parts.append("".join(c.upper() if rnd.random() < 0.3 else c for c in w))
        texts.append(rnd.choice([" ", "", "-", ". "]).join(parts))
    trie = literal_alternation(words, flags)
    assert len(trie) < len(_plain(words, flags))
    for text in texts:
        assert _spans(trie, text, flags) == _spans(_plain(words, flags), text, flags), text


def test_literal_alternation_edge_cases():
    assert re.search(literal_alternation([]), "anything") is None
    assert re.fullmatch(literal_alternation(["a+b", "(x)"]), "a+b")  # words are literal
    assert re.fullmatch(literal_alternation(["ab", ""]), "")  # an empty word may match nothing


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_literal_alternation_with_spaces_and_full_stops_inside_a_larger_pattern(flags):
    words = ["jan", "january", "Jan", "week", "weekend", "last week", "last weekend", "mid week", "sept", "sep",
             "st", "st. x", "a.m", "am"]
    dotted = {"jan", "Jan", "sept", "sep", "st", "a.m"}

    def plain():
        esc = [re.escape(w).replace(r"\ ", r"\s+") + (r"\.?" if w in dotted else "")
               for w in sorted(set(words), key=lambda w: (-len(w), w))]
        return "|".join(esc)

    def rx(alt):  # backtracking into the alternation: a second word, a digit after a full stop
        return re.compile(rf"(?<!\w)(?:{alt})(?:\s*-\s*(?:{alt}))?(?:\s+(?P<n>\d+))?(?!\w)(?!\.\d)", flags)

    trie = literal_alternation(words, flags, space=r"\s+", dotted=dotted)
    old, new = rx(plain()), rx(trie)
    rnd = random.Random(11)
    texts = ["Last  week and last weekend; Jan. 5, jan 6, JANUARY 7, sept. - sep. 9", "st. x st. y st.5 a.m. am"]
    for _ in range(800):
        parts = [rnd.choice(words + ["5", "x", "-", ".", ".5"]) for _ in range(rnd.randint(1, 5))]
        texts.append("".join(c.upper() if rnd.random() < 0.2 else c for c in rnd.choice([" ", "", ". ", "  "]).join(parts)))
    for text in texts:
        assert [(m.span(), m.group("n")) for m in new.finditer(text)] == \
               [(m.span(), m.group("n")) for m in old.finditer(text)], text


def test_literal_alternation_falls_back_where_a_trie_could_change_the_order():
    # one node ending a word that may take a full stop and one that may not: the plain alternation
    assert literal_alternation(["jan", "JAN"], re.IGNORECASE, dotted={"jan"}) == r"JAN|jan\.?"
    assert literal_alternation(["a  b", "c"], 0, space=r"\s+") == r"a\s+\s+b|c"
