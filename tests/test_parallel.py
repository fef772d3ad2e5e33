"""Parallel and distributed ingest: `kb add --workers N` and `kb add --dask-scheduler ADDRESS` store exactly
what one process stores, and adding again changes nothing.

Stores are compared through `kb timeline --format json` without database ids (meeting `id`, the sources'
`article_id`), in a canonical order. The corpus is a few seeds and development texts, each copy made unique
(kb.bench.build_corpus), so the real extraction runs in the workers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from kb.bench import build_corpus

pytestmark = pytest.mark.slow

N_TEXTS = 12  # the five seeds and seven development texts: both languages


def kb(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("KB_DATABASE_URL", None)
    p = subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True, env=env, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError(f"kb {' '.join(args)} exited {p.returncode}:\n{p.stderr[-3000:]}")
    return p


def add(db: str, folder, *extra: str) -> dict:
    p = kb("--db", db, "add", str(folder), "--format", "json", *extra)
    return json.loads(p.stdout)


def timeline(db: str) -> list[dict]:
    """The store's timeline without ids, canonically ordered."""
    out = []
    for m in json.loads(kb("--db", db, "timeline", "--format", "json").stdout):
        m.pop("id", None)
        m["sources"] = sorted(({k: v for k, v in s.items() if k != "article_id"} for s in m["sources"]),
                              key=lambda s: json.dumps(s, sort_keys=True, ensure_ascii=False))
        out.append(m)
    return sorted(out, key=lambda m: json.dumps(m, sort_keys=True, ensure_ascii=False))


def counts(report: dict) -> dict:
    return {k: report[k] for k in ("added", "updated", "skipped", "failed", "meetings")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    built = build_corpus(tmp_path_factory.mktemp("corpus"), 1, limit=N_TEXTS)
    if len(built.files) < N_TEXTS:
        if os.environ.get("CI"):
            pytest.fail("the development texts are not beside the project (../shared/dev/texts)")
        pytest.skip("the development texts are not beside the project (../shared/dev/texts)")
    return built


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    """The reference: the corpus added by one process into SQLite, and its report."""
    db = str(tmp_path_factory.mktemp("single") / "kb.sqlite3")
    report = add(db, corpus.folder, "--workers", "1")
    assert report["failed"] == 0, report
    assert report["added"] == N_TEXTS
    assert report["meetings"] > 0, "extraction found no meetings at all: nothing to compare"
    return db, report, timeline(db)


def test_workers_store_the_same_as_one_process(corpus, single, tmp_path):
    _db, ref_report, ref_timeline = single
    db = str(tmp_path / "kb.sqlite3")
    report = add(db, corpus.folder, "--workers", "2")
    assert counts(report) == counts(ref_report)
    assert [f["file"] for f in report["files"]] == [f["file"] for f in ref_report["files"]]
    assert timeline(db) == ref_timeline


def test_workers_are_idempotent(corpus, single, tmp_path):
    _db, _report, ref_timeline = single
    db = str(tmp_path / "kb.sqlite3")
    add(db, corpus.folder, "--workers", "2")
    again = add(db, corpus.folder, "--workers", "2")
    assert counts(again) == {"added": 0, "updated": 0, "skipped": N_TEXTS, "failed": 0, "meetings": 0}
    assert timeline(db) == ref_timeline


def test_workers_zero_means_one_per_core(corpus, single, tmp_path):
    db = str(tmp_path / "kb.sqlite3")
    report = add(db, corpus.folder, "--workers", "0")
    assert counts(report) == counts(single[1])


def test_a_bad_file_among_workers_is_reported_and_the_rest_goes_in(corpus, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for f in corpus.files[:3]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00bad\x00bytes\x00")
    db = str(tmp_path / "kb.sqlite3")
    p = kb("--db", db, "add", str(folder), "--workers", "2", "--lang", "en", "--published", "2022-01-01",
           "--format", "json", check=False)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    assert report["failed"] == 1 and report["added"] == 3
    assert "broken.txt" in p.stderr and "Traceback" not in p.stderr


# ---- Dask --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()


def _own_pg_url():
    """A PostgreSQL URL with a schema of its own (as tests/conftest.py's pg_url), for when that fixture
    is not there."""
    psycopg = pytest.importorskip("psycopg")
    admin = os.environ.get("KB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    schema = "kbtest_" + uuid.uuid4().hex[:12]
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except Exception as e:  # noqa: BLE001
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {admin} is not reachable: {e}")
        pytest.skip(f"PostgreSQL not reachable: {e}")
    base = admin.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}?options=-csearch_path%3D{schema}", admin, schema


@pytest.fixture
def postgres_store(request):
    try:
        yield request.getfixturevalue("pg_url")
        return
    except pytest.FixtureLookupError:
        pass
    import psycopg

    url, admin, schema = _own_pg_url()
    try:
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_dask_into_sqlite_equals_one_process(corpus, single, dask_cluster, tmp_path):
    _db, ref_report, ref_timeline = single
    db = str(tmp_path / "kb.sqlite3")
    report = add(db, corpus.folder, "--dask-scheduler", dask_cluster.scheduler_address)
    assert counts(report) == counts(ref_report)
    assert timeline(db) == ref_timeline


@pytest.mark.postgres
def test_dask_into_postgres_equals_one_process(corpus, single, dask_cluster, postgres_store):
    _db, ref_report, ref_timeline = single
    report = add(postgres_store, corpus.folder, "--dask-scheduler", dask_cluster.scheduler_address)
    assert counts(report) == counts(ref_report)
    assert timeline(postgres_store) == ref_timeline
    again = add(postgres_store, corpus.folder, "--dask-scheduler", dask_cluster.scheduler_address)
    assert again["skipped"] == N_TEXTS and again["added"] == 0
    assert timeline(postgres_store) == ref_timeline


def test_unreachable_dask_scheduler_is_one_error_line(corpus, tmp_path):
    p = kb("--db", str(tmp_path / "kb.sqlite3"), "add", str(corpus.files[0]), "--dask-scheduler",
           "tcp://127.0.0.1:9", check=False)
    assert p.returncode != 0
    assert p.stderr.startswith("error: ") and "Traceback" not in p.stderr
