"""Crashes (issue 11): `kb add FOLDER` killed with SIGKILL at seeded random moments (the whole process group,
so `--workers` children die too), then run again to completion.

After every kill the store must already be consistent (PRAGMA integrity_check ok, no article twice, only
articles of the folder, no meeting without evidence, no evidence or report pointing at a missing article,
each meeting's sources equal to the articles of its reports, stored merges equal to a fresh merge); after
the final run every article is there exactly once and the meetings equal those of an uninterrupted run.
The script scripts/reliability.py does the same with 20 kills."""

from __future__ import annotations

import pytest

from reliability_harness import calibrate, kill_folder, kill_loop, store_problems, store_snapshot

KILLS = 5
ARTICLES = 60


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return kill_folder(tmp_path_factory.mktemp("crash"), ARTICLES)


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_add_leaves_a_consistent_store_and_finishes(folder, tmp_path, workers):
    startup, per_article, ref, _ = calibrate(tmp_path, folder, workers=workers)
    assert not store_problems(ref)
    db = str(tmp_path / "kb.sqlite3")
    result = kill_loop(db, folder, kills=KILLS, seed=20240611 + workers, workers=workers, startup=startup,
                       per_article=per_article, reference_db=ref)
    assert not result.problems, result.problems
    assert result.final.rc == 0
    assert result.killed_mid_run >= 1, f"no kill landed while articles were being stored: {result.progress}"
    assert store_snapshot(db) == store_snapshot(ref)
