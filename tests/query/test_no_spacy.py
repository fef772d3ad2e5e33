"""The query paths never load NLP: `kb meetings A B` and `kb timeline` run without importing spaCy (or
thinc, or dateparser), so they start fast (GUIDE §2: building a spaCy pipeline costs seconds).

Each command runs in a fresh interpreter through a tiny wrapper that calls kb's entry point and then
prints which heavy modules `sys.modules` holds at exit.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "thinc", "dateparser")

WRAPPER = """
import json, sys
from kb.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
else:
    code = 0
mods = sorted({m.split(".")[0] for m in sys.modules})
sys.stderr.write("\\nMODULES " + json.dumps({"code": code, "modules": mods}) + "\\n")
"""


def run_kb(*args: str) -> tuple[int, set[str], str]:
    p = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, timeout=120)
    line = [x for x in p.stderr.splitlines() if x.startswith("MODULES ")][-1]
    info = json.loads(line[len("MODULES "):])
    return info["code"], set(info["modules"]), p.stdout


@pytest.fixture
def store(seeded_store):
    """The hand-built store of tests/conftest.py (no extraction involved)."""
    seeded_store.engine.dispose()
    return str(seeded_store.db)


@pytest.mark.parametrize("args", [
    ("meetings", "Blinken", "Lavrov", "--format", "json"),
    ("meetings", "Sergei Lavrov", "Antony Blinken", "--format", "table", "--since", "2021-01-01"),
    ("timeline", "--format", "json"),
    ("timeline", "--person", "Lavrov", "--since", "2022-01-01", "--until", "2022-12-31", "--format", "json"),
])
def test_query_commands_do_not_import_nlp(store, args):
    code, modules, out = run_kb("--db", store, *args)
    assert code == 0
    assert out.strip(), "the command printed nothing"
    loaded = sorted(m for m in HEAVY if m in modules)
    assert loaded == [], f"kb {' '.join(args)} imported {loaded}"


def test_meetings_does_not_import_alembic_on_a_current_store(store):
    """A store already at the head revision is used without importing Alembic (~0.15 s of start-up)."""
    code, modules, _ = run_kb("--db", store, "meetings", "Blinken", "Lavrov", "--format", "json")
    assert code == 0
    assert "alembic" not in modules
