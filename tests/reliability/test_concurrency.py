"""Concurrent writers (issue 11): four `kb add` processes, 100 distinct short articles each, neighbours
sharing 50 of them, all writing one store at once (a fresh one: the schema is created under contention
too), while a reader runs `kb timeline --format json` in a loop.

Proves: every exit code is 0; no "database is locked" (or any error) reaches the user; each of the 250
distinct articles is stored exactly once and none is lost; every answer the reader got was valid JSON
whose meetings all had sources; the store's invariants hold afterwards, and its merged meetings equal
those of one process adding the same articles one after another."""

from __future__ import annotations

from reliability_harness import concurrent_writers, run_kb_inproc, same_meeting_race, store_snapshot


def _reference(tmp_path, result) -> list:
    """The same articles added by one process, in order (the merge must not depend on who won races)."""
    ref = str(tmp_path / "sequential.sqlite3")
    folders = sorted(str(p) for p in tmp_path.glob("writer*"))
    r = run_kb_inproc(ref, "add", *folders, "--published", "2023-06-30")
    assert r.rc == 0, r.err
    return store_snapshot(ref)


def _check(result, tmp_path, db):
    assert not result.problems, result.problems
    assert len(result.expected) == 250
    assert all(r.rc == 0 for r in result.runs)
    assert result.reads >= 1, "the reader never got an answer"
    assert store_snapshot(db) == _reference(tmp_path, result)


def test_four_writers_and_a_reader_on_sqlite(tmp_path):
    db = str(tmp_path / "kb.sqlite3")
    result = concurrent_writers(db, tmp_path)
    _check(result, tmp_path, db)


def test_four_writers_and_a_reader_on_postgresql(pg_url, tmp_path):
    result = concurrent_writers(pg_url, tmp_path)
    _check(result, tmp_path, pg_url)


def test_first_reports_of_one_meeting_at_once_on_sqlite(tmp_path):
    problems, _ = same_meeting_race(str(tmp_path / "kb.sqlite3"), tmp_path)
    assert not problems, problems


def test_first_reports_of_one_meeting_at_once_on_postgresql(pg_url, tmp_path):
    problems, _ = same_meeting_race(pg_url, tmp_path)
    assert not problems, problems
