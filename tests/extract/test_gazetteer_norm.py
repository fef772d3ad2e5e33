"""normalise_name: the alias key, the same whether or not a name is plain ASCII."""

from __future__ import annotations

import re
import unicodedata

import pytest

from kb.extract.gazetteer_norm import normalise_name


def _reference(s: str) -> str:
    """The key spelt out step by step, with no shortcut for ASCII."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub("[" + re.escape("\u2010\u2011\u2012\u2013\u2014\u2015\u2212-'\u2019\u2018\u02bc\u02bb`\u00b4") + r"._/]",
               " ", s).replace(",", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", s)).strip()


@pytest.mark.parametrize("name", [
    "Sergéi  Lavrov", "Joseph R. Biden Jr.", "Ma'ruf Amin", "al-Sisi", "ÅSA Öberg", "ﬁnance", "Ａｂｅ", "Nguyễn Phú Trọng",
    "U.S.", "  O’Neill ", "Dr. A/B,C", "STRASSE", "Straße", "x²", "",
])
def test_normalise_name_matches_the_reference(name):
    assert normalise_name(name) == _reference(name)
