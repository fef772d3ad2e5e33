"""The meeting queries run on Core connections: `kb meetings` and `kb timeline` never import the ORM, and the
names that the one-query fast path does not resolve (part of a name, an unknown name) still resolve
through the ORM on the same connection."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kb.errors import QueryError
from kb.query.meetings import meetings_between, timeline

from conftest import build_store


@pytest.mark.parametrize("args", [["meetings", "Blinken", "Lavrov", "--format", "json"],
                                  ["timeline", "--person", "Lavrov", "--since", "2022-01-01", "--format", "csv"]])
def test_meeting_queries_do_not_import_the_orm(tmp_path, args):
    db = build_store(tmp_path / "kb.sqlite3").db
    probe = ("import sys\n"
             "sys.argv = ['kb'] + sys.argv[1:]\n"
             "from kb.cli import main\n"
             "try:\n    main()\n"
             "except SystemExit:\n"
             "    orm = sorted(m for m in sys.modules if m.startswith('sqlalchemy.orm') or m == 'kb.store.models')\n"
             "    sys.stderr.write('ORM:' + ','.join(orm) + '\\n')\n"
             "    raise\n")
    r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, KB_DATABASE_URL=db))
    assert r.returncode == 0, r.stderr
    assert "ORM:\n" in r.stderr, r.stderr
    assert r.stdout.strip()


def test_part_of_a_name_resolves_on_a_connection(db_url):
    kb = build_store(db_url)
    with kb.engine.connect() as conn:
        by_part = meetings_between(conn, "Ana", "Lena Haugen")  # no stored alias "ana": the ORM fallback
        by_name = meetings_between(conn, "Ana Kovačević", "Lena Haugen")
        part_timeline = [m["uid"] for m in timeline(conn, people=["Ana"])]
    assert len(by_part) == 1 and by_part == by_name
    assert len(part_timeline) == 2 and part_timeline == [m["uid"] for m in kb.timeline(people=["Ana Kovačević"])]
    with kb.session() as s:  # a Session still works
        assert meetings_between(s, "Ana", "Lena Haugen") == by_part


def test_unknown_and_ambiguous_names_are_query_errors_on_a_connection(db_url):
    kb = build_store(db_url)
    with kb.engine.connect() as conn:
        with pytest.raises(QueryError, match="no such person"):
            meetings_between(conn, "Nobody Atall", "Lavrov")
        with pytest.raises(QueryError, match="ambiguous"):
            meetings_between(conn, "Haugen", "Lavrov")
