"""The TempEval-3 scorer's arithmetic, on hand-made gold/system pairs, and its command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kb.timex import eval as timex_eval
from kb.timex.eval import Counts, evaluate, format_report, score_document
from kb.timex.timeml import Timex, read_timeml

from timex_helpers import DATA

TEXT = "On Monday morning, for three weeks, in 1998 and now."


def span(text, type_, value, occurrence=TEXT):
    i = occurrence.index(text)
    return Timex(i, i + len(text), text, type_, value)


GOLD = [
    span("Monday morning", "TIME", "1998-01-05TMO"),
    span("three weeks", "DURATION", "P3W"),
    span("1998", "DATE", "1998"),
    span("now", "DATE", "PRESENT_REF"),
]
SYSTEM = [
    span("Monday", "DATE", "1998-01-05"),           # relaxed match, wrong value and type
    span("three weeks", "DURATION", "P3W"),         # strict match, right value
    span("1998", "DATE", "1998"),                   # strict match, right value
    span("On", "DATE", "XXXX"),                     # extra
]


def test_strict_relaxed_value_type_arithmetic():
    c = score_document(GOLD, SYSTEM, doc="d")
    assert (c.gold, c.system, c.strict, c.relaxed_gold, c.relaxed_system, c.value_ok, c.type_ok) == (4, 4, 2, 3, 3, 2, 2)
    assert c.strict_p == pytest.approx(2 / 4) and c.strict_r == pytest.approx(2 / 4) and c.strict_f1 == pytest.approx(0.5)
    assert c.relaxed_p == pytest.approx(3 / 4) and c.relaxed_r == pytest.approx(3 / 4) and c.relaxed_f1 == pytest.approx(0.75)
    assert c.value_accuracy == pytest.approx(2 / 3)
    assert c.value_f1 == pytest.approx(0.75 * 2 / 3) and c.type_f1 == pytest.approx(0.5)
    kinds = sorted(f.kind for f in c.findings)
    assert kinds == ["EXTRA", "MISS", "SPAN", "TYPE", "VALUE"]
    lines = {f.kind: f.line() for f in c.findings}
    assert "'now'" in lines["MISS"] and "'On'" in lines["EXTRA"]
    assert "gold 1998-01-05TMO" in lines["VALUE"] and "ours 1998-01-05" in lines["VALUE"]


def test_counts_add_up_over_documents():
    total = Counts()
    total.add(score_document(GOLD, SYSTEM))
    total.add(score_document(GOLD, GOLD))
    assert (total.documents, total.gold, total.system, total.strict, total.value_ok) == (2, 8, 8, 6, 6)
    assert total.figures()["strict_f1"] == 75.0


def test_a_split_system_span_counts_once_per_side():
    gold = [span("Monday morning", "TIME", "1998-01-05TMO")]
    system = [span("Monday", "DATE", "1998-01-05"), span("morning", "TIME", "1998-01-05TMO")]
    c = score_document(gold, system)
    assert (c.strict, c.relaxed_gold, c.relaxed_system) == (0, 1, 2)
    assert c.value_ok == 1  # paired with the larger overlap ("morning" is 7 > 6 characters)


def test_empty_system_scores_zero_without_dividing_by_zero():
    c = score_document(GOLD, [])
    assert c.relaxed_p == 0 and c.relaxed_f1 == 0 and c.value_f1 == 0


def gold_tagger(index):
    def tagger(text, lang, published):
        return index[text]
    return tagger


def test_evaluate_with_a_perfect_tagger_gives_100_per_language():
    docs = [read_timeml(f) for f in sorted((DATA / "timeml-id").glob("*.tml"))]
    results = evaluate([DATA / "timeml-id"], tagger=gold_tagger({d.text: list(d.timexes) for d in docs}))
    assert list(results) == ["id"]  # from xml:lang="id"
    f = results["id"].figures()
    assert f["documents"] == len(docs) >= 12
    assert f["strict_f1"] == f["relaxed_f1"] == f["value_f1"] == f["type_f1"] == 100.0
    report = format_report(results)
    assert report.startswith(f"id: {len(docs)} documents") and "strict" in report and "value F1" in report


def test_eval_command_prints_figures_and_verbose_findings(monkeypatch):
    monkeypatch.setattr(timex_eval, "_default_tagger", lambda text, lang, published: [])
    r = CliRunner().invoke(timex_eval.main, [str(DATA / "timeml-id"), "--lang", "id", "-v"])
    assert r.exit_code == 0, r.output
    assert r.output.count("MISS ") == sum(len(read_timeml(f).timexes) for f in (DATA / "timeml-id").glob("*.tml"))
    assert "id: " in r.output and "relaxed" in r.output and "type F1" in r.output


def test_eval_command_reports_missing_folder():
    r = CliRunner().invoke(timex_eval.main, ["/no/such/folder"])
    assert r.exit_code == 1 and r.output.startswith("error: ")
