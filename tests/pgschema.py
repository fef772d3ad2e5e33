"""A PostgreSQL schema per test (or per reliability run), on this machine's server."""

from __future__ import annotations

import os
import uuid

PG_ADMIN = os.environ.get("KB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def pg_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False


def new_pg_schema(prefix: str = "kbtest_") -> tuple[str, str]:
    """(schema name, a kb store URL whose search_path is that fresh schema)."""
    import psycopg

    schema = prefix + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1)
    return schema, f"{base}?options=-csearch_path%3D{schema}"


def drop_pg_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
