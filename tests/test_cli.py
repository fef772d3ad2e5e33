"""The command line end to end: `kb add` idempotence, error lines for bad input, store untouched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.api import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def kb(*args, db, stdin=None):
    p = subprocess.run([sys.executable, "-m", "kb", "--db", str(db), *args], capture_output=True, text=True,
                       input=stdin, timeout=300)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeded") / "kb.sqlite3"
    rc, out, err = kb("add", str(SEEDS), "--format", "json", db=db)
    assert rc == 0, err
    return db, json.loads(out)


def test_add_seeds_twice_adds_nothing_the_second_time(seeded):
    db, first = seeded
    assert first["added"] == 5 and first["failed"] == 0
    before = KnowledgeBase(str(db)).counts()
    rc, out, err = kb("add", str(SEEDS), "--format", "json", db=db)
    assert rc == 0, err
    second = json.loads(out)
    assert second["added"] == 0 and second["skipped"] == 5 and second["meetings"] == 0
    assert KnowledgeBase(str(db)).counts() == before


def _bad_inputs(tmp: Path) -> dict[str, list[str]]:
    (tmp / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp / "latin1.txt").write_bytes("Menteri bertemu di Malm\xf6 pada Senin.".encode("latin-1"))
    (tmp / "broken.json").write_text('{"text": "Presiden bertemu', encoding="utf-8")
    (tmp / "empty.txt").write_text("", encoding="utf-8")
    (tmp / "ok.txt").write_text("Ein Satz.", encoding="utf-8")
    return {
        "missing file": [str(tmp / "nope.txt")],
        "binary file": [str(tmp / "binary.txt")],
        "invalid UTF-8": [str(tmp / "latin1.txt")],
        "malformed JSON": [str(tmp / "broken.json")],
        "empty file": [str(tmp / "empty.txt")],
        "bad --published": [str(tmp / "ok.txt"), "--published", "2023-02-30"],
    }


@pytest.mark.parametrize("case", ["missing file", "binary file", "invalid UTF-8", "malformed JSON", "empty file",
                                  "bad --published"])
def test_bad_input_gives_one_error_line_and_changes_nothing(seeded, tmp_path, case):
    db = tmp_path / "copy.sqlite3"
    shutil.copy(seeded[0], db)
    before = KnowledgeBase(str(db)).counts()
    rc, out, err = kb("add", *_bad_inputs(tmp_path)[case], db=db)
    assert rc != 0
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    if case != "bad --published":
        assert Path(_bad_inputs(tmp_path)[case][0]).name in lines[0]
    assert KnowledgeBase(str(db)).counts() == before


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    db = tmp_path / "kb.sqlite3"
    (tmp_path / "in").mkdir()
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0], tmp_path / "in" / "good.txt")
    (tmp_path / "in" / "bad.json").write_text("[1, 2", encoding="utf-8")
    rc, out, err = kb("add", str(tmp_path / "in"), "--lang", "id", "--published", "2023-03-02", "--format", "json", db=db)
    assert rc == 1
    report = json.loads(out)
    assert report["added"] == 1 and report["failed"] == 1
    assert "bad.json" in err


def test_stdin(tmp_path):
    db = tmp_path / "kb.sqlite3"
    rc, out, err = kb("add", "-", "--lang", "en", "--published", "2021-06-17", "--format", "json", db=db,
                      stdin="President Joe Biden met President Vladimir Putin in Geneva on Wednesday.\n")
    assert rc == 0, err
    assert json.loads(out)["added"] == 1


def test_timeline_and_meetings_json(seeded):
    db, _ = seeded
    rc, out, err = kb("timeline", "--format", "json", db=db)
    assert rc == 0, err
    meetings = json.loads(out)
    assert meetings and all({"participants", "date", "place", "kind", "status", "sources", "conflicts"} <= set(m) for m in meetings)
    starts = [m["date_start"] or "9999" for m in meetings]
    assert starts == sorted(starts)


def test_unknown_person_is_a_clear_error(seeded):
    db, _ = seeded
    rc, out, err = kb("meetings", "Nobody Atall", "Lavrov", db=db)
    assert rc != 0 and err.startswith("error: ") and "Nobody Atall" in err and "Traceback" not in err


def test_python_m_kb_and_help():
    p = subprocess.run([sys.executable, "-m", "kb", "--help"], capture_output=True, text=True)
    assert p.returncode == 0
    for command in ("add", "meetings", "timeline", "people", "places", "show"):
        assert command in p.stdout
