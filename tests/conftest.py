"""Shared fixtures: a fresh store per test, on SQLite and (when reachable) on this machine's PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest

PG_ADMIN = os.environ.get("KB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    return _pg_available()


@pytest.fixture
def pg_url(pg_available):
    """A PostgreSQL URL whose search_path is a schema of its own, dropped after the test."""
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL at 127.0.0.1:5432 is not reachable")
        pytest.skip("PostgreSQL not reachable")
    import psycopg

    schema = "kbtest_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}?options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """The store on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sqlite_db(tmp_path):
    return str(tmp_path / "kb.sqlite3")
