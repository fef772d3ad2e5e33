"""Places and datelines on text written for these tests."""

from __future__ import annotations

import pytest

from kb.extract.places import dateline, find_places


@pytest.mark.parametrize("lang,sentence,expected", [
    ("id", "Pertemuan digelar di Jenewa, Swiss.", [("Geneva", "Switzerland"), ("Switzerland", "Switzerland")]),
    ("en", "They met in Reykjavík on Wednesday.", [("Reykjavik", "Iceland")]),
    ("id", "KTT itu berlangsung di Nusa Dua, Bali.", [("Bali", "Indonesia")]),
    ("id", "Presiden menerima tamu di Gedung Putih.", [("Washington", "United States")]),
    ("en", "They spoke at the White House.", [("Washington", "United States")]),
    ("id", "Delegasi tiba di Tiongkok.", [("China", "China")]),
])
def test_places_with_exonyms_venues_and_countries(lang, sentence, expected):
    assert [(p.ref.name, p.ref.country) for p in find_places(sentence, lang)] == expected


@pytest.mark.parametrize("first,expected", [
    ("NEW DELHI - Para menteri bertemu.", "New Delhi"),
    ("JAKARTA, KOMPAS.com - Presiden membuka acara.", "Jakarta"),
    ("Reykjavik | Kantor Berita – Para diplomat tiba.", "Reykjavik"),
    ("WASHINGTON, Oct 19 - The envoy arrived.", "Washington"),
    ("Kantor Berita, Bandung - Gubernur meninjau.", "Bandung"),
    ("Presiden Joko Widodo - yang baru tiba - menyapa warga.", None),
])
def test_datelines(first, expected):
    found = dateline(first, "id")
    assert (found.name if found else None) == expected



class _EveryKey:
    def __contains__(self, key):
        return True


def test_windows_that_are_no_known_name_are_skipped_without_changing_what_is_found(monkeypatch):
    from kb.extract import places

    sentence = "Delegasi Uni Eropa bertemu di Kuala Lumpur lalu di Gedung Putih, Amerika Serikat."
    found = find_places(sentence, "id")
    monkeypatch.setattr(places, "_name_keys", lambda lang: _EveryKey())  # every window looked up
    assert find_places(sentence, "id") == found
    assert {"Kuala Lumpur", "Washington", "United States"} <= {p.ref.name for p in found}


def test_first_word_of_a_token():
    from kb.extract.places import _first_word

    assert _first_word("Jean-Yves") == "jean"
    assert _first_word("Reykjavík") == "reykjavik"
