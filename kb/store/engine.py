"""Engine factory and migrations-on-first-use. No engine exists at import time."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from kb.errors import StoreError

DEFAULT_DB = "kb.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"


def database_url(db: str | None = None) -> str:
    """`--db` value, else KB_DATABASE_URL, else kb.sqlite3; a plain path means SQLite."""
    db = db or os.environ.get("KB_DATABASE_URL") or DEFAULT_DB
    if "://" in db:
        if db.startswith("postgresql://") or db.startswith("postgres://"):
            db = "postgresql+psycopg://" + db.split("://", 1)[1]
        return db
    return "sqlite:///" + str(Path(db).expanduser())


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(db: str | None = None, *, writer: bool = False) -> Engine:
    """An engine for the store. `writer=True` makes SQLite transactions take the write lock at BEGIN
    (BEGIN IMMEDIATE), so concurrent writers wait on the busy timeout instead of failing on upgrade."""
    url = database_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreError(f"{db}: not a database path or URL ({e})") from None
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:":
            parent = Path(path).parent
            if not parent.exists():
                raise StoreError(f"{db}: folder {parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        begin = "BEGIN IMMEDIATE" if writer else "BEGIN"

        # pysqlite defers BEGIN on its own; let SQLAlchemy's transactions emit it (SQLAlchemy docs, "Serializable
        # isolation / Savepoints / Transactional DDL" for pysqlite)
        @event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_conn, _rec):
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql(begin)

        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise StoreError(f"{db}: unsupported database (use a file path or a postgresql+psycopg:// URL)")


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine, target: str = "head", *, downgrade: bool = False) -> None:
    """Run Alembic to `target` in one transaction.

    On SQLite, foreign keys are switched off for the duration: batch mode rebuilds a table by copying it,
    and dropping the old copy would otherwise cascade into every table that points at it."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                (command.downgrade if downgrade else command.upgrade)(cfg, target)
                if sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise StoreError(f"migration to {target} would break foreign keys: {bad[:3]}")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine) -> None:
    """Bring the schema to head (Alembic), creating it on first use."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except OperationalError as e:
        raise StoreError(f"{engine.url.render_as_string(hide_password=True)}: cannot open the store ({e.orig})") from None
    if current != head:
        migrate(engine, "head")


def open_engine(db: str | None = None, *, migrate: bool = True, writer: bool = False) -> Engine:
    """An engine for the store, migrated to head on first use in this process."""
    engine = make_engine(db, writer=writer)
    if migrate:
        key = engine.url.render_as_string(hide_password=False)
        if key not in _MIGRATED:
            upgrade(engine)
            _MIGRATED.add(key)
    return engine


_MIGRATED: set[str] = set()
