"""Engine factory and migrations-on-first-use. No engine exists at import time."""

from __future__ import annotations

import ast
import os
import re
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
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
        # readers see one snapshot per transaction (a query reads meetings, then their sources, in several
        # statements; under READ COMMITTED a writer committing in between shows meetings without sources)
        engine = create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED" if writer else "REPEATABLE READ")
        if writer:
            # one writer transaction at a time, like BEGIN IMMEDIATE on SQLite: two processes storing the first
            # reports of one meeting at once would otherwise each merge without the other's report
            @event.listens_for(engine, "begin")
            def _write_lock(conn):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

        return engine
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
                if conn.dialect.name == "postgresql":
                    # processes opening a fresh store at once: one migrates, the others then find it at head
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                cfg.attributes["connection"] = conn
                (command.downgrade if downgrade else command.upgrade)(cfg, target)
                if sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise StoreError(f"migration to {target} would break foreign keys: {bad[:3]}")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*(.+?)\s*$", re.MULTILINE)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The head revision read from the migration files' `revision`/`down_revision` lines, without
    importing Alembic (which costs ~0.15 s of every command's start); None when that is not clear-cut
    (several heads, a line it cannot read), and then Alembic decides."""
    revisions, downs = set(), set()
    for f in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(f.read_text(encoding="utf-8")))
        try:
            rev = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(rev, str):
            return None
        revisions.add(rev)
        downs.update(down if isinstance(down, (tuple, list)) else [down])
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def _current_revision_fast(engine: Engine) -> str | None:
    """The store's revision by one plain query; None when it cannot tell (no table yet, any error)."""
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    except Exception:  # noqa: BLE001 - the slow path below reports real problems
        return None
    return rows[0][0] if len(rows) == 1 else None


def upgrade(engine: Engine) -> None:
    """Bring the schema to head (Alembic), creating it on first use."""
    head = head_revision()
    if head is not None and _current_revision_fast(engine) == head:
        return  # the common case: nothing to do, and Alembic is never imported
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
            if writer:
                upgrade(engine)
            else:
                # a reader migrates like a writer (SQLite: BEGIN IMMEDIATE, so that it waits for the lock
                # instead of failing with "database is locked" when it races a writer creating the store)
                migrator = make_engine(db, writer=True)
                try:
                    upgrade(migrator)
                finally:
                    migrator.dispose()
            _MIGRATED.add(key)
    return engine


_MIGRATED: set[str] = set()

#: PostgreSQL advisory lock keys (constants no one else uses): writers' transactions, and migrations.
WRITE_LOCK = 0x6B62_7772
MIGRATION_LOCK = 0x6B62_6D69
