"""Hostile inputs at the command line (issue 11), one table row per class.

Each row runs `kb add HOSTILE good.txt` against a copy of a store that already holds an article and checks:
one `error: FILE: problem` line naming the input (or none, for inputs that must be read), a non-zero exit
(zero for those), no traceback, the good article stored in the same run, and the store's row counts equal
to those of a clean run (so the hostile input added nothing, and any good part of it went in).

`kb.cli.main` runs in this process so the extraction pipeline loads once; the permission case runs as a
subprocess under `nobody` when the tests run as root.
"""

from __future__ import annotations

import json

import pytest

from reliability_harness import (
    HOSTILE_CASES,
    make_template,
    run_hostile_case,
    run_kb,
    run_kb_inproc,
)


def test_there_are_at_least_thirty_classes():
    assert len({c.name for c in HOSTILE_CASES}) == len(HOSTILE_CASES) >= 30


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.mark.parametrize("case", HOSTILE_CASES, ids=[c.name for c in HOSTILE_CASES])
def test_hostile_input(case, template, tmp_path):
    tpl, good, ref_counts = template
    problems, run, note = run_hostile_case(case, tmp_path, tpl, good, ref_counts)
    if run is None:
        pytest.skip(note)
    assert not problems, f"{case.name}: {problems}\nstderr:\n{run.err}"


def test_bad_option_refuses_the_whole_run(template, tmp_path):
    """A bad --published or --lang names the option; nothing is read, nothing stored."""
    from reliability_harness import copy_store, counts

    tpl, good, _ = template
    db = str(tmp_path / "kb.sqlite3")
    copy_store(tpl, db)
    before = counts(db)
    for option in (["--published", "2023-02-30"], ["--published", "2023-13-01"], ["--lang", "xx"]):
        r = run_kb_inproc(db, "add", good, *option)
        assert r.rc != 0 and "Traceback" not in r.err
        assert len(r.error_lines()) == 1 and r.error_lines()[0].startswith(f"error: {option[0]}"), r.err
    assert counts(db) == before


def test_hostile_stdin_in_a_real_process(template, tmp_path):
    """The same contract through a real `python -m kb` process reading a binary standard input."""
    from reliability_harness import copy_store, counts

    tpl, _, _ = template
    db = str(tmp_path / "kb.sqlite3")
    copy_store(tpl, db)
    before = counts(db)
    r = run_kb(db, "add", "-", "--format", "json", stdin=b"\x00\xff\xfe\x01" * 100)
    assert r.rc != 0 and "Traceback" not in r.err
    assert r.error_lines() == ["error: <stdin>: is a binary file"], r.err
    assert json.loads(r.out)["failed"] == 1
    assert counts(db) == before
