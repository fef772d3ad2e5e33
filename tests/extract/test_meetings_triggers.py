"""`find_triggers` and its per-sentence cache (kb/extract/meetings.py), on sentences written for these tests."""

from __future__ import annotations

from kb.extract.meetings import _triggers, find_triggers


def test_triggers_are_found_in_order_and_each_call_gets_its_own_list():
    text = "The minister met the ambassador on Monday and later spoke by phone with the envoy."
    first = find_triggers("en", text)
    assert first, "a meeting verb is a trigger"
    assert [t.start for t in first] == sorted(t.start for t in first)
    assert all(text[t.start:t.end] == t.text for t in first)
    first.clear()  # a caller's list is its own: the cache is not emptied
    again = find_triggers("en", text)
    assert again and again == list(_triggers("en", text))


def test_cached_triggers_equal_a_fresh_computation():
    text = "Menteri itu bertemu dengan duta besar di Jakarta."
    cached = find_triggers("id", text)
    _triggers.cache_clear()
    assert find_triggers("id", text) == cached
    assert find_triggers("en", "Nothing happened here.") == []
