"""Fixtures of the reliability tests: a PostgreSQL store in a schema of its own (dropped after)."""

from __future__ import annotations

import os
import uuid

import pytest

PG_ADMIN = os.environ.get("KB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def pg_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


def new_pg_schema() -> tuple[str, str]:
    """(schema name, a kb store URL whose search_path is that fresh schema)."""
    import psycopg

    schema = "kbrel_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1)
    return schema, f"{base}?options=-csearch_path%3D{schema}"


def drop_pg_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pg_url():
    """A PostgreSQL store URL with a schema of its own; skipped (failed under CI) without a server.

    Defined here as well as in tests/conftest.py so these tests do not depend on the shape of the shared
    fixtures; this one takes precedence inside tests/reliability."""
    if not pg_reachable():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL at 127.0.0.1:5432 is not reachable")
        pytest.skip("PostgreSQL not reachable")
    schema, url = new_pg_schema()
    try:
        yield url
    finally:
        from sqlalchemy.engine import make_url

        # close the pooled connections of this process before dropping the schema
        from kb.store import engine as _engine_mod

        _engine_mod._MIGRATED.discard(make_url(url).render_as_string(hide_password=False))
        drop_pg_schema(schema)
