"""The benchmark runs and reports both speeds and their ratio."""

from __future__ import annotations

from kb.timex.bench import bench

from timex_helpers import DATA


def test_bench_reports_tagger_and_tokenizer_speeds(fake_layer):
    result = bench([DATA / "timeml-id"], lang="en")
    assert result.documents >= 12 and result.words > 1000 and result.timexes > 0
    assert result.tagger_wps > 0 and result.tokenizer_wps > 0
    report = result.report()
    assert "words/s" in report and "spaCy" in report and "ratio" in report
