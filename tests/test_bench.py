"""The benchmark's pieces on small sizes: the corpus builder, the synthetic store generator and its cache,
the query figures and plans, the report. No timing assertions: figures are computed, not judged here."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kb import bench
from kb.api import KnowledgeBase


def test_corpus_copies_are_unique_and_carry_their_metadata(tmp_path):
    corpus = bench.build_corpus(tmp_path / "c", 2, limit=3)
    assert len(corpus.files) == 6
    texts = [f.read_text(encoding="utf-8") for f in corpus.files]
    assert len(set(texts)) == 6, "every copy must be a new article (idempotent adds would skip it)"
    manifest = json.loads((corpus.folder / "manifest.json").read_text(encoding="utf-8"))["articles"]
    assert {e["file"] for e in manifest} == {f.name for f in corpus.files}
    assert all(e.get("language") in ("id", "en") and e.get("published") for e in manifest)
    docs = corpus.documents()
    assert len(docs) == 6 and bench.corpus_words(docs) > 0
    assert {d.language for d in docs} <= {"id", "en"}
    assert all(str(d.published) == corpus.published[d.origin.rsplit("/", 1)[-1]] for d in docs)


def test_source_texts_include_seeds_and_dev_texts():
    names = [f.name for f, _ in bench.source_texts()]
    assert any(n.startswith("000_") for n in names)
    if bench.DEV_TEXTS_DIR.exists():
        assert any(n.startswith("en-") for n in names) and any(n.startswith("id-") for n in names)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "s.sqlite3"
    facts = bench.generate_store(path, n_meetings=2_000, n_people=200)
    return path, facts


def test_generator_writes_the_requested_sizes(small_store):
    path, facts = small_store
    con = sqlite3.connect(path)
    count = lambda t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
    assert count("meetings") == 2_000 and facts["n_meetings"] == 2_000
    assert count("people") == 200
    assert count("meeting_participants") == 4_000
    assert count("evidence") == 2_000 and count("reports") == 2_000
    assert count("articles") == facts["n_articles"] == 500
    # the indexes dropped for the bulk load are back
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"ix_participants_person_meeting", "ix_meetings_span_date", "ix_evidence_meeting_id"} <= names
    assert con.execute("SELECT count(*) FROM meetings WHERE span_bucket IS NULL").fetchone()[0] == 0
    con.close()


def test_generated_store_answers_the_bench_queries(small_store):
    path, facts = small_store
    kb = KnowledgeBase(str(path))
    between = kb.meetings_between(*facts["pair"])
    assert len(between) == facts["pair_meetings"] >= 1
    assert all(set(facts["pair"]) <= set(m["participants"]) for m in between)
    assert len(kb.timeline(people=[facts["person"]])) == facts["person_meetings"]
    day = kb.timeline(since=facts["range"][0], until=facts["range"][1])
    assert all(m["date_start"] <= facts["range"][1] and m["date_end"] >= facts["range"][0] for m in day)
    assert all(m["sources"] and len(m["participants"]) == 2 for m in between)


def test_date_range_through_the_span_index_equals_the_plain_filter(small_store):
    """The index-friendly rewrite of --since/--until (kb.query.meetings) finds the same meetings."""
    from sqlalchemy import select

    from kb.query import meetings as q
    from kb.store.models import Meeting

    path, _ = small_store
    kb = KnowledgeBase(str(path))
    with kb.session() as s:
        for since, until in [("2021-03-01", "2021-03-01"), ("2000-01-01", "2000-12-31"), ("2024-06-01", None),
                             (None, "1990-03-01")]:
            fast = set(q.timeline_ids(s, since=since, until=until))
            plain = set(s.scalars(q._filters(select(Meeting.id), since, until, None, None)))
            assert fast == plain, (since, until)


def test_explain_plans_show_index_use(small_store):
    path, facts = small_store
    plans = bench.explain_plans(path, facts)
    assert plans.count("## ") == 3
    assert "ix_participants_person_meeting" in plans
    assert "ix_meetings_span_date" in plans
    first_lookups = [line for line in plans.splitlines() if line.strip().startswith("SCAN ")]
    assert not any("SCAN meetings" in line for line in first_lookups), plans


def test_cached_store_is_reused(tmp_path):
    path, facts = bench.cached_store(300, tmp_path, n_people=50)
    mtime = path.stat().st_mtime_ns
    again, facts2 = bench.cached_store(300, tmp_path, n_people=50)
    assert again == path and again.stat().st_mtime_ns == mtime and facts2["n_meetings"] == facts["n_meetings"]
    assert bench.schema_revision() in path.name


def test_timeline_signature_ignores_ids(small_store, tmp_path):
    path, _ = small_store
    sig = bench.timeline_signature(str(path))
    assert sig and all("id" not in m for m in sig)
    assert all("article_id" not in s for m in sig for s in m["sources"])


def test_figures_and_report(tmp_path):
    res = bench.Results(bench.machine_info())
    res.add(bench.Figure("a ratio", "45%", ">= 30%", True))
    res.add(bench.Figure("a time", "2.00 s", "<= 1.5 s", False, detail="median of 5"))
    res.add(bench.Figure("for scale", "3 ms"))
    assert [f.verdict for f in res.figures] == ["PASS", "FAIL", ""]
    res.sections["EXPLAIN"] = "SEARCH x USING INDEX y"
    md = bench.markdown(res, "python -m kb.bench --quick")
    assert "| a ratio | 45% | >= 30% | PASS |" in md
    assert "FAIL" in md and "python -m kb.bench --quick" in md
    for key in ("cpu", "cores", "ram", "python", "sqlite"):
        assert str(res.machine[key]) in md


def test_percentile():
    assert bench.percentile([3, 1, 2], 0.5) == 2
    assert bench.percentile([1.0] * 10 + [100.0], 0.5) == 1.0


def test_peak_rss_of_a_child(tmp_path):
    import sys

    mb = bench.peak_rss_mb([sys.executable, "-c", "x = bytearray(50 * 1024 * 1024)"])
    assert 50 <= mb < 500
