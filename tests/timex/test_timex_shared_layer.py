"""`kb timex` and meeting extraction share one time layer: `kb.extract.time`, not a copy of it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

import kb.extract.time as time_layer
from kb.extract.time.lexicon import Lexicon
from kb.timex.command import timex
from kb.timex.tagger import tag

TEXT = "Kedua menteri bertemu pada Januari 2022 di Jakarta."


def timex_json(tmp_path) -> list[dict]:
    p = tmp_path / "berita.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = CliRunner().invoke(timex, [str(p), "--lang", "id", "--published", "2022-03-01", "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_a_change_in_the_lexicon_reaches_kb_timex_and_find_times(monkeypatch, tmp_path):
    before = timex_json(tmp_path)
    assert [(s["text"], s["value"]) for s in before] == [("Januari 2022", "2022-01")]

    original = Lexicon.lookup

    def january_is_february(self, placeholder, text):
        value = original(self, placeholder, text)
        return 2 if placeholder in ("month", "monthname") and value == 1 else value

    monkeypatch.setattr(Lexicon, "lookup", january_is_february)
    after = timex_json(tmp_path)
    assert [(s["text"], s["value"]) for s in after] == [("Januari 2022", "2022-02")]
    # ... and exactly what the time layer itself (the one meeting extraction calls) now says
    assert [(e.text, e.value) for e in time_layer.find_times(TEXT, "id", date(2022, 3, 1))] == [("Januari 2022", "2022-02")]


def test_tagger_calls_kb_extract_time_find_times(monkeypatch):
    calls = []
    real = time_layer.find_times

    def spy(text, lang, published):
        calls.append((text, lang, published))
        return real(text, lang, published)

    monkeypatch.setattr(time_layer, "find_times", spy)
    spans = tag(TEXT, "id", date(2022, 3, 1))
    assert calls == [(TEXT, "id", date(2022, 3, 1))]
    assert [(s.text, s.value) for s in spans] == [("Januari 2022", "2022-01")]


def test_timex_package_has_no_recogniser_of_its_own():
    src = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).resolve().parents[2].joinpath("kb", "timex").glob("*.py"))
    assert "dateparser" not in src
    assert "find_times(" in src and "kb.extract import time" in src
