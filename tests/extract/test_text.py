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
