#!/usr/bin/env python3
"""Reliability check of kb against real stores in a temporary folder (issue 11). Prints one line per check,
PASS or FAIL, and exits non-zero when anything failed.

    .venv/bin/python scripts/reliability.py                 # everything: about a minute and a half
    .venv/bin/python scripts/reliability.py --kills 5 --skip-postgres --keep

Checks:
  hostile: each class of hostile input next to a good article in one `kb add`: one `error: FILE: problem`
           line naming the input, non-zero exit, no traceback, the good article stored, row counts equal to
           those of a clean run (inputs that must be read, such as UTF-16, are read and stored).
  writers: 4 `kb add` processes x 100 short articles (neighbours share 50) into one fresh store at once, with
           a reader running `kb timeline --format json` in a loop: exit codes 0, no "database is locked",
           250 articles each stored once, every answer valid JSON whose meetings all have sources, store
           invariants, meetings equal to those of one sequential run; then 4 writers storing the first
           reports of the same 30 meetings at once. On SQLite, and on PostgreSQL when reachable
           (KB_TEST_PG, default postgresql://postgres@127.0.0.1:5432/test; a schema of its own, dropped after).
  kills:   `kb add FOLDER` killed with SIGKILL N times at seeded random moments (with --workers 1 and 2),
           the store checked after every kill, then run to completion: PRAGMA integrity_check ok, every
           article exactly once, no meeting without evidence, no evidence or report without its article,
           each meeting's sources equal to its reports' articles, no half-merged meeting, and the meetings
           equal to those of an uninterrupted run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import reliability_harness as h  # noqa: E402

RESULTS: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    RESULTS.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""), flush=True)
    return ok


def hostile(work: Path) -> None:
    template, good, ref = h.make_template(work / "template")
    for case in h.HOSTILE_CASES:
        try:
            problems, run, note = h.run_hostile_case(case, work / "cases", template, good, ref)
        except Exception as e:  # noqa: BLE001 - a crash of the harness is a failed check too
            problems, run, note = [f"{type(e).__name__}: {e}"], None, ""
        if run is None and not problems:
            print(f"SKIP  hostile: {case.name}  ({note})")
            continue
        line = run.error_lines()[0][:110] if run is not None and run.error_lines() else "read and stored"
        check(f"hostile: {case.name}", not problems, "; ".join(problems)[:400] if problems else f"{note}; {line}")


def writers(work: Path, db: str, backend: str) -> None:
    r = h.concurrent_writers(db, work)
    locked = any("locked" in x.err for x in r.runs)
    check(f"writers[{backend}]: 4 processes x 100 articles exit 0",
          all(x.rc == 0 for x in r.runs), f"exit codes {[x.rc for x in r.runs]}, {r.seconds:.1f}s")
    check(f"writers[{backend}]: no 'database is locked' reaches the user", not locked)
    stored = h.stored_hashes(db)
    check(f"writers[{backend}]: every article stored once, none lost",
          sorted(stored) == sorted(r.expected), f"{len(stored)} stored, {len(set(stored))} distinct, "
                                                 f"{len(r.expected)} expected")
    check(f"writers[{backend}]: reader always got valid JSON whose meetings have sources",
          not r.read_problems and r.reads > 0, f"{r.reads} reads; " + "; ".join(r.read_problems)[:300])
    problems = h.store_problems(db, expected=r.expected)
    check(f"writers[{backend}]: store invariants", not problems, "; ".join(problems)[:300])
    ref = str(work / "sequential.sqlite3")
    run = h.run_kb(ref, "add", *sorted(str(p) for p in work.glob("writer*")), "--published", "2023-06-30")
    check(f"writers[{backend}]: meetings equal those of one sequential run",
          run.rc == 0 and h.store_snapshot(db) == h.store_snapshot(ref), f"{len(h.store_snapshot(ref))} meetings")
    problems, seconds = h.same_meeting_race(str(work / "race.sqlite3") if backend == "sqlite" else _new_pg(),
                                            work / "race")
    check(f"writers[{backend}]: first reports of one meeting stored at once by 4 writers", not problems,
          "; ".join(problems)[:300] or f"{seconds:.1f}s")


_SCHEMAS: list[str] = []


def _new_pg() -> str:
    from pgschema import new_pg_schema

    schema, url = new_pg_schema()
    _SCHEMAS.append(schema)
    return url


def kills(work: Path, n_kills: int, n_articles: int, seed: int) -> None:
    folder = h.kill_folder(work, n_articles)
    for workers in (1, 2):
        try:
            startup, per_article, ref, seconds = h.calibrate(work, folder, workers=workers)
        except RuntimeError as e:
            check(f"kills[--workers {workers}]: uninterrupted reference run", False, str(e))
            continue
        problems = h.store_problems(ref)
        if not check(f"kills[--workers {workers}]: uninterrupted reference run", not problems,
                     "; ".join(problems)[:300] or f"{n_articles} articles in {seconds:.1f}s, start-up {startup:.1f}s"):
            continue
        db = str(work / f"killed-w{workers}.sqlite3")
        r = h.kill_loop(db, folder, kills=n_kills, seed=seed + workers, workers=workers, startup=startup,
                        per_article=per_article, reference_db=ref)
        after_kills = [p for p in r.problems if p.startswith("after kill")]
        final = [p for p in r.problems if not p.startswith("after kill")]
        check(f"kills[--workers {workers}]: store consistent after each of {n_kills} SIGKILLs", not after_kills,
              "; ".join(after_kills)[:300] or f"{r.killed_mid_run} kills landed while storing; articles stored "
                                               f"after each kill: {r.progress}")
        check(f"kills[--workers {workers}]: run to completion: integrity ok, every article once, meetings "
              f"whole and equal to an uninterrupted run", not final, "; ".join(final)[:300] or f"{r.seconds:.1f}s")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=20, help="SIGKILLs per kill loop (default 20)")
    ap.add_argument("--articles", type=int, default=200, help="articles in the folder of the kill loop")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--skip-postgres", action="store_true")
    ap.add_argument("--only", choices=["hostile", "writers", "kills"], action="append")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = ap.parse_args(argv)
    only = set(args.only or ["hostile", "writers", "kills"])
    work = Path(tempfile.mkdtemp(prefix="kb-reliability-"))
    started = time.monotonic()
    try:
        if "hostile" in only:
            hostile(work / "hostile")
        if "writers" in only:
            writers(work / "writers-sqlite", str(work / "writers-sqlite" / "kb.sqlite3"), "sqlite")
            if not args.skip_postgres:
                from pgschema import pg_reachable

                if pg_reachable():
                    writers(work / "writers-pg", _new_pg(), "postgresql")
                else:
                    print("SKIP  writers[postgresql]: no server reachable (KB_TEST_PG)")
        if "kills" in only:
            kills(work / "kills", args.kills, args.articles, args.seed)
    finally:
        if _SCHEMAS:
            from pgschema import drop_pg_schema

            for s in _SCHEMAS:
                drop_pg_schema(s)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    failed = [r for r in RESULTS if not r[1]]
    print(f"{len(RESULTS) - len(failed)} of {len(RESULTS)} checks held in {time.monotonic() - started:.0f}s"
          + (f"; FAILED: {', '.join(r[0] for r in failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
