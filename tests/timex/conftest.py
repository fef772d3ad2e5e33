"""Fixtures for `kb timex` tests."""

from __future__ import annotations

import types

import pytest

from timex_helpers import fake_find_times


@pytest.fixture
def fake_layer(monkeypatch):
    """Replace the time layer seen by `kb.timex.tagger` with `fake_find_times`."""
    layer = types.SimpleNamespace(find_times=fake_find_times)
    monkeypatch.setattr("kb.timex.tagger._time_layer", lambda: layer)
    return layer
