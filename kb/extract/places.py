"""Places in a sentence (gazetteer cities, venues, regions and countries) and the article's dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from functools import lru_cache

from kb.extract.gazetteer_norm import normalise_name
from kb.extract.records import PlaceRef
from kb.extract.text import sentence_tokens


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    ref: PlaceRef
    kind: str  # city | venue | region | country


def find_places(sentence: str, lang: str) -> list[PlaceMention]:
    from kb.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    toks = sentence_tokens(sentence)
    starts = _first_words()
    heads = _venue_heads(lang)
    known = _name_keys(lang)
    out, i = [], 0
    while i < len(toks):
        word = toks[i][2]
        lower_head = word in heads and i + 1 < len(toks) and toks[i + 1][2][:1].isupper()  # "gedung MPR"
        if not (word[:1].isupper() or lower_head) or _first_word(word) not in starts:
            i += 1
            continue
        hit = None
        for L in range(min(5, len(toks) - i), 0, -1):
            text = sentence[toks[i][0]:toks[i + L - 1][1]]
            if normalise_name(text) not in known:
                continue  # neither a place nor a country: both lookups below would say None
            place = gaz.place_by_alias(text)
            if place is not None:
                hit = (L, _place_ref(gaz, place, text), place.kind)
                break
            country = gaz.country_by_name(text, lang) if (L > 1 or len(text) > 3 or text.isupper()) else None
            if country is not None and not getattr(country, "is_org", False) and len(country.code) == 2:
                hit = (L, PlaceRef(country.name, country.name, (text,)), "country")
                break
        if hit:
            L, ref, kind = hit
            out.append(PlaceMention(toks[i][0], toks[i + L - 1][1], sentence[toks[i][0]:toks[i + L - 1][1]], ref, kind))
            i += L
        else:
            i += 1
    return out


@lru_cache(maxsize=8)
def _name_keys(lang: str) -> frozenset[str]:
    from kb.extract.gazetteer import load_gazetteer

    return load_gazetteer().name_keys(lang)


@lru_cache(maxsize=1 << 14)
def _first_word(word: str) -> str:
    """The first word of a token's normalised name ("Jean-Yves" -> "jean")."""
    return (normalise_name(word).split() or [""])[0]


@lru_cache(maxsize=8)
def _venue_heads(lang: str) -> frozenset[str]:
    """Words that start a venue name even in lower case ("di gedung MPR")."""
    from kb.extract.lexicon import lexicon

    return frozenset(lexicon(lang).get("venue_heads", []))


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every place alias and country name: a window starting elsewhere cannot match."""
    from kb.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names = list(gaz.all_place_aliases())
    for c in gaz.countries:
        names.append(c.name)
        for group in (c.names, c.demonyms):
            for words in group.values():
                names.extend(words)
    return frozenset(normalise_name(n).split()[0] for n in names if normalise_name(n))


def _place_ref(gaz, place, text) -> PlaceRef:
    country = gaz.countries_by_code().get(place.country_code) if hasattr(gaz, "countries_by_code") else None
    country_name = getattr(place, "country_name", None) or (country.name if country else place.country_code)
    if getattr(place, "kind", "city") == "venue" and getattr(place, "city", None):
        city = gaz.place_by_alias(place.city)
        if city is not None:
            return PlaceRef(city.name, country_name, (text,))
    return PlaceRef(place.name, country_name, (text,))


# "NEW DELHI - …", "JAKARTA, KOMPAS.com - …", "Reykjavik | Outlet – …", "WASHINGTON, Oct 19 - …"
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z0-9 .'’-]{1,40}?)\s*(?:[,|(][^-–—\n]{0,30})?\s*[-–—]+\s*")


def dateline(first_paragraph: str, lang: str) -> PlaceRef | None:
    """The place of reporting in "NEW DELHI - …", "JAKARTA, KOMPAS.com - …", "Reykjavik | Outlet – …"."""
    m = _DATELINE.match(first_paragraph)
    if not m:
        return None
    head = first_paragraph[: m.end()]
    for pm in find_places(head.title() if head.isupper() else head, lang):
        if pm.kind != "country":
            return pm.ref
    for part in re.split(r"[,|(]", head):
        pms = find_places(part.strip(" -–—").title(), lang)
        if pms:
            return pms[0].ref
    return None
