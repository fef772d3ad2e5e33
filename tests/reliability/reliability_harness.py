"""The reliability harness (issue 11), shared by tests/reliability and scripts/reliability.py.

Everything here drives the real command line (`kb.cli.main`, in-process or as `python -m kb`
subprocesses) against real stores, and checks the store afterwards with SQL of its own:

- `HOSTILE_CASES` + `run_hostile_case`: one hostile input per case next to a good article in one
  `kb add` run: one `error: FILE: problem` line, non-zero exit, no traceback, the good article still
  stored, and the store's row counts exactly those of a clean run.
- `concurrent_writers`: several `kb add` processes writing overlapping folders into one store while a
  reader runs `kb timeline --format json` in a loop.
- `kill_loop`: `kb add FOLDER` killed with SIGKILL at seeded random moments, checked after every kill,
  then run to completion and compared with an uninterrupted run.
- `store_problems`: the store's invariants (integrity, every article once, no meeting without evidence,
  no dangling evidence or report, each meeting's sources equal to the articles of its reports, and the
  stored merge equal to a fresh merge of the stored reports).

Every article text here is invented for these tests.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------------- articles

FIRST = ["Arlo", "Bente", "Cyrus", "Dalia", "Eskil", "Farah", "Gunnar", "Hilde", "Ivo", "Jorun"]
LAST = ["Tavrel", "Ostin", "Marcov", "Quillan", "Dervik", "Solari", "Brannock", "Vetra", "Kalinde", "Orsow"]
PEOPLE = [f"{f} {s}" for f, s in zip(FIRST, LAST)]
TITLES_EN = ["President", "Prime Minister", "Foreign Minister"]
TITLES_ID = ["Presiden", "Perdana Menteri", "Menteri Luar Negeri"]
CITIES = ["Oslo", "Lisbon", "Nairobi", "Hanoi", "Lima", "Tallinn"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]
TOPICS_EN = ["fishing rights", "rail links", "grain exports", "river pollution", "border crossings", "student visas"]
TOPICS_ID = ["hak penangkapan ikan", "jalur kereta", "ekspor gandum", "pencemaran sungai", "perlintasan perbatasan",
             "visa pelajar"]

GOOD_TEXT = ("Foreign Minister Arlo Tavrel met Foreign Minister Bente Ostin in Oslo on 14 March 2023.\n\n"
             "The two ministers discussed fishing rights and agreed to meet again in the autumn.\n")


def short_article(i: int, *, seed: int = 7) -> str:
    """Article number `i`: a short invented report of one meeting, English or Indonesian, distinct for
    each `i`. Pairs, places and days repeat across articles, so that reports merge."""
    rng = random.Random(seed * 100_003 + i)
    a, b = rng.sample(PEOPLE[:6], 2)
    ta, tb = rng.choice(TITLES_EN), rng.choice(TITLES_EN)
    city = rng.choice(CITIES[:4])
    day, month = rng.randint(1, 5), rng.randint(1, 3)
    if i % 3 == 2:
        ja, jb = TITLES_ID[TITLES_EN.index(ta)], TITLES_ID[TITLES_EN.index(tb)]
        topic = rng.choice(TOPICS_ID)
        return (f"{ja} {a} bertemu {jb.lower()} {b} di {city} pada {day} {MONTHS_ID[month - 1]} 2023.\n\n"
                f"Keduanya membahas {topic} dalam pertemuan nomor {i} tahun ini.\n")
    topic = rng.choice(TOPICS_EN)
    return (f"{ta} {a} met {tb.lower()} {b} in {city} on {day} {MONTHS_EN[month - 1]} 2023.\n\n"
            f"The two discussed {topic} at their meeting, the number {i} of the year, officials said.\n")


def write_articles(folder: Path, indices, *, prefix: str = "a") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in indices:
        p = folder / f"{prefix}{i:04d}.txt"
        p.write_text(short_article(i), encoding="utf-8")
        out.append(p)
    return out


def expected_hashes(paths, *, published: str | None = None) -> set[str]:
    """Content hashes of the articles `kb add PATHS` would store (ingest only, no extraction)."""
    from kb.document import Document
    from kb.ingest import Overrides, read_inputs

    from datetime import date

    ov = Overrides(published=date.fromisoformat(published)) if published else Overrides()
    return {d.content_hash for d in read_inputs([str(p) for p in paths], ov) if isinstance(d, Document)}


# ---------------------------------------------------------------------------------------------- running kb

@dataclass
class Run:
    rc: int
    out: str
    err: str
    seconds: float

    def error_lines(self) -> list[str]:
        return [ln for ln in self.err.splitlines() if ln.startswith("error: ")]

    def noise(self) -> list[str]:
        """stderr lines that are neither `error:` nor `warning:` lines."""
        return [ln for ln in self.err.splitlines() if ln.strip() and not ln.startswith(("error: ", "warning: "))]


def kb_env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DATABASE_URL", "KB_DEBUG")}
    env.setdefault("PYTHONHASHSEED", "0")
    env.update(extra or {})
    return env


def kb_argv(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "kb", "--db", str(db), *map(str, args)]


#: Run a command as root without the capabilities that let root read any file (for permission cases).
NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps",
          "-dac_override,-dac_read_search", "--"]


def run_kb(db: str, *args: str, stdin: bytes | None = None, timeout: float = 300, prefix: list[str] | None = None,
           cwd: str | None = None) -> Run:
    """`python -m kb --db DB ARGS…` as a subprocess (`prefix`: a command to run it under, e.g. NO_DAC)."""
    started = time.monotonic()
    p = subprocess.run([*(prefix or []), *kb_argv(db, *args)], input=stdin, capture_output=True, timeout=timeout,
                       env=kb_env(), cwd=cwd or str(ROOT))
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"),
               time.monotonic() - started)


def run_kb_inproc(db: str, *args: str, stdin: bytes | None = None) -> Run:
    """`kb --db DB ARGS…` through `kb.cli.main` in this process (the extraction pipeline stays loaded).

    An exception escaping `main` is a failure of the error contract; it comes back as a traceback in
    `err` with exit code 99."""
    from kb.cli import main

    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    old_stdin = sys.stdin
    started = time.monotonic()
    rc = 0
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(["--db", str(db), *map(str, args)])
            except SystemExit as e:
                rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except BaseException:  # noqa: BLE001 - this is what we look for
                err.write(traceback.format_exc())
                rc = 99
    finally:
        sys.stdin = old_stdin
    return Run(rc, out.getvalue(), err.getvalue(), time.monotonic() - started)


# ---------------------------------------------------------------------------------------------- store checks

def copy_store(src: str, dst: str) -> None:
    """A consistent copy of a SQLite store, WAL included (a plain file copy would miss the WAL)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(src)) as a, contextlib.closing(sqlite3.connect(dst)) as b:
        a.backup(b)


def _engine(db: str, *, writer: bool = False):
    from kb.store.engine import open_engine

    return open_engine(db, writer=writer)


def counts(db: str) -> dict:
    from kb.api import KnowledgeBase

    kb = KnowledgeBase(db)
    try:
        return kb.counts()
    finally:
        kb.engine.dispose()


def stored_hashes(db: str) -> list[str]:
    from sqlalchemy import select

    from kb.store.models import Article

    engine = _engine(db)
    try:
        with engine.connect() as c:
            return list(c.scalars(select(Article.content_hash)))
    finally:
        engine.dispose()


def merge_snapshot(session, key: str | None = None) -> list[tuple]:
    """The merged meetings (of one participants key, or all), as comparable values without row ids."""
    from sqlalchemy import select

    from kb.store.models import Article, Conflict, Evidence, Meeting, MeetingParticipant, Person, Place, Topic

    q = select(Meeting).order_by(Meeting.uid)
    if key is not None:
        q = q.where(Meeting.participants_key == key)
    out = []
    for m in session.scalars(q):
        people = tuple(session.scalars(select(Person.name).join(MeetingParticipant).where(
            MeetingParticipant.meeting_id == m.id).order_by(MeetingParticipant.position)))
        sources = tuple(sorted(session.execute(select(Article.content_hash, Evidence.sentence).join(
            Article, Evidence.article_id == Article.id).where(Evidence.meeting_id == m.id)).all()))
        topics = tuple(session.scalars(select(Topic.topic).where(Topic.meeting_id == m.id).order_by(Topic.position)))
        conflicts = tuple(sorted(session.execute(select(Conflict.field, Conflict.message).where(
            Conflict.meeting_id == m.id)).all()))
        place = session.scalar(select(Place.name).where(Place.id == m.place_id)) if m.place_id else None
        out.append((m.uid, people, m.date, str(m.date_start), str(m.date_end), m.granularity, place, m.kind,
                    m.status, m.duration_minutes, m.duration_mod, m.occasion, topics, sources, conflicts))
    return sorted(out)


def store_problems(db: str, *, expected: set[str] | None = None, subset: bool = False,
                   remerge: bool = True) -> list[str]:
    """What is wrong with the store (empty when every invariant holds).

    expected: content hashes of the articles that must be stored (each exactly once); with `subset`,
    the stored articles must be a subset of them (a store after a crash)."""
    from sqlalchemy import func, select, text

    from kb.store.models import Article, Evidence, Meeting, MeetingParticipant, Report

    problems: list[str] = []
    engine = _engine(db, writer=remerge)
    try:
        with engine.connect() as c:
            if c.dialect.name == "sqlite":
                ic = [r[0] for r in c.exec_driver_sql("PRAGMA integrity_check").all()]
                if ic != ["ok"]:
                    problems.append(f"PRAGMA integrity_check: {ic[:3]}")
                fk = c.exec_driver_sql("PRAGMA foreign_key_check").all()
                if fk:
                    problems.append(f"PRAGMA foreign_key_check: {fk[:3]}")
            hashes = list(c.scalars(select(Article.content_hash)))
            if len(hashes) != len(set(hashes)):
                problems.append(f"{len(hashes) - len(set(hashes))} articles stored more than once")
            if expected is not None:
                got = set(hashes)
                if subset:
                    if got - expected:
                        problems.append(f"{len(got - expected)} unexpected articles stored")
                elif got != expected:
                    problems.append(f"articles: {len(expected - got)} missing, {len(got - expected)} unexpected "
                                    f"({len(got)} stored, {len(expected)} expected)")
            no_ev = c.scalar(select(func.count()).select_from(Meeting).where(
                ~select(Evidence.id).where(Evidence.meeting_id == Meeting.id).exists()))
            if no_ev:
                problems.append(f"{no_ev} meetings without evidence")
            few = c.scalar(text("SELECT count(*) FROM meetings m WHERE (SELECT count(*) FROM meeting_participants p "
                                "WHERE p.meeting_id = m.id) < 2"))
            if few:
                problems.append(f"{few} meetings with fewer than two participants")
            dangling_ev = c.scalar(select(func.count()).select_from(Evidence).where(
                ~select(Article.id).where(Article.id == Evidence.article_id).exists()))
            if dangling_ev:
                problems.append(f"{dangling_ev} evidence rows point at a missing article")
            dangling_meeting = c.scalar(select(func.count()).select_from(Evidence).where(
                ~select(Meeting.id).where(Meeting.id == Evidence.meeting_id).exists()))
            if dangling_meeting:
                problems.append(f"{dangling_meeting} evidence rows point at a missing meeting")
            orphan_reports = c.scalar(select(func.count()).select_from(Report).where(
                ~select(Article.id).where(Article.id == Report.article_id).exists()))
            if orphan_reports:
                problems.append(f"{orphan_reports} reports without an article")
            orphan_parts = c.scalar(select(func.count()).select_from(MeetingParticipant).where(
                ~select(Meeting.id).where(Meeting.id == MeetingParticipant.meeting_id).exists()))
            if orphan_parts:
                problems.append(f"{orphan_parts} participant rows of missing meetings")
            # each meeting's sources are articles that report it: per participants key, the articles of
            # the evidence rows are exactly the articles of the reports
            rep: dict[str, set[int]] = {}
            for key, art in c.execute(select(Report.participants_key, Report.article_id)):
                rep.setdefault(key, set()).add(art)
            ev: dict[str, set[int]] = {}
            for key, art in c.execute(select(Meeting.participants_key, Evidence.article_id).join(
                    Evidence, Evidence.meeting_id == Meeting.id)):
                ev.setdefault(key, set()).add(art)
            bad_keys = sorted(k for k in set(rep) | set(ev) if rep.get(k, set()) != ev.get(k, set()))
            if bad_keys:
                k = bad_keys[0]
                problems.append(f"{len(bad_keys)} participant sets whose meetings' sources differ from their "
                                f"reports' articles (e.g. {k}: reports {sorted(rep.get(k, ()))}, "
                                f"evidence {sorted(ev.get(k, ()))})")
        if remerge and not problems:
            problems += stale_merges(engine)
    finally:
        engine.dispose()
    return problems


def stale_merges(engine) -> list[str]:
    """Participant sets whose stored meetings differ from a fresh merge of their stored reports (a
    half-merged meeting). The fresh merge is computed in a transaction that is rolled back."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from kb.store.models import Meeting, Report
    from kb.store.repo import rebuild_meetings

    stale = []
    with Session(engine) as s:
        s.begin()
        try:
            keys = sorted(set(s.scalars(select(Report.participants_key))) | set(s.scalars(select(Meeting.participants_key))))
            for key in keys:
                before = merge_snapshot(s, key)
                rebuild_meetings(s, key)
                after = merge_snapshot(s, key)
                if before != after:
                    stale.append(key)
        finally:
            s.rollback()
    return [f"{len(stale)} participant sets are half-merged (stored meetings differ from a fresh merge), "
            f"e.g. {stale[0]}"] if stale else []


def store_snapshot(db: str) -> list[tuple]:
    from sqlalchemy.orm import Session

    engine = _engine(db)
    try:
        with Session(engine) as s:
            return merge_snapshot(s)
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------------------------- hostile inputs

@dataclass
class Spec:
    """What one hostile case gives `kb add` and what must come back."""

    args: list[str]  # paths (and options) for `kb add`, before the good article
    bad: str  # the name the error line must carry
    problem: str  # a part of the problem text
    expect: str = "error"  # error | accepted (read and stored, no error line)
    clean: list[str] = field(default_factory=list)  # what a clean run stores from the same input (paths)
    no_dac: bool = False  # run in a subprocess without root's power to read any file
    options: list[str] = field(default_factory=list)  # extra options for both runs
    published: bool = True  # give --published (it would override, and so hide, a date inside the file)


@dataclass
class Case:
    name: str
    make: Callable[[Path], Spec | None]  # None: the case does not apply here (with a reason printed)


BOMB_DTD = ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
            + "".join(f" <!ENTITY lol{i} \"{('&lol' + str(i - 1) + ';') * 10 if i > 1 else '&lol;' * 10}\">\n"
                      for i in range(1, 10))
            + "]>\n<html><body><p>&lol9;</p><p>&lol9;&lol9;</p></body></html>\n")

EN = ("Prime Minister Cyrus Marcov met President Dalia Quillan in Lisbon on 2 February 2023.\n\n"
      "The leaders discussed rail links and grain exports.\n")
ID_ = ("Presiden Eskil Dervik bertemu perdana menteri Farah Solari di Hanoi pada 3 Maret 2023.\n\n"
       "Keduanya membahas pencemaran sungai.\n")
CYRILLIC = "Министры иностранных дел встретились в столице и обсудили торговлю, мосты и границы.\n"
ARABIC = "التقى وزيرا الخارجية في العاصمة وناقشا التجارة والحدود بين البلدين في اجتماع طويل.\n"


def _w(p: Path, data: bytes | str) -> str:
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return str(p)


def _json(p: Path, obj) -> str:
    return _w(p, json.dumps(obj, ensure_ascii=False))


def _manifest_folder(d: Path, entries, files: dict[str, str]) -> str:
    folder = d / "folder"
    for name, text in files.items():
        _w(folder / name, text)
    _json(folder / "manifest.json", {"articles": entries})
    return str(folder)


def _permission(d: Path) -> Spec | None:
    f = _w(d / "secret.txt", EN)
    os.chmod(f, 0)
    if os.geteuid() != 0:
        return Spec([f], f, "permission denied")
    # root reads everything: run this case without the capabilities that allow it (util-linux setpriv)
    if shutil.which("setpriv") is None:
        return None
    return Spec([f], f, "permission denied", no_dac=True)


def _fifo(d: Path) -> Spec:
    f = d / "pipe.txt"
    os.mkfifo(f)
    return Spec([str(f)], str(f), "is not a regular file")


def _symlink_loop(d: Path) -> Spec:
    folder = d / "loop"
    _w(folder / "sub" / "b.txt", ID_)
    os.symlink(folder, folder / "sub" / "back")
    return Spec([str(folder)], str(folder / "sub" / "back"), "symbolic link loop", clean=[str(folder / "sub" / "b.txt")])


def _symlink_out(d: Path) -> Spec:
    folder = d / "folder"
    _w(d / "private.txt", EN)
    _w(folder / "b.txt", ID_)
    os.symlink(d / "private.txt", folder / "a.txt")
    return Spec([str(folder)], str(folder / "a.txt"), "outside the folder", clean=[str(folder / "b.txt")])


def _big_line(d: Path) -> Spec:
    p = d / "line.txt"
    with open(p, "wb") as f:
        chunk = b"The ministers met again and talked about fish. " * 1000
        for _ in range(20 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    return Spec([str(p)], str(p), "larger than the limit")


def _huge_sparse(d: Path) -> Spec:
    p = d / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    return Spec([str(p)], str(p), "larger than the limit")


def _ten_thousand_names(d: Path) -> Spec:
    rng = random.Random(10_000)
    syll = ["ka", "lo", "mi", "ren", "sa", "to", "vi", "dan", "bo", "ne", "ri", "ul"]

    def name():
        return "".join(rng.choice(syll) for _ in range(2)).title() + " " + "".join(rng.choice(syll) for _ in range(3)).title()

    names = [name() for _ in range(10_000)]
    paras = []
    for i in range(0, len(names), 50):
        paras.append("At the dinner in the great hall of the palace, the guests who were seated with the ministers "
                     "and their advisers for the whole of the evening included " + ", ".join(names[i:i + 49])
                     + " and " + names[i + 49] + ".")
    paras.insert(0, "President Gunnar Brannock met a delegation in Lima on 4 April 2023.")
    p = _w(d / "names.txt", "\n\n".join(paras) + "\n")
    return Spec([p], p, "", expect="accepted", clean=[p])


def _hostile_names(d: Path) -> Spec:
    """Names carrying SQL, HTML, iCalendar breaks and formulas in the text: read and stored safely."""
    text = ("President Robert'); DROP TABLE articles;-- met President <script>alert(1)</script> in Oslo on "
            "1 May 2023.\n\nForeign Minister =HYPERLINK(\"http://x.test\",\"a\") met Foreign Minister "
            "Ann\r\nBEGIN:VEVENT in Lima on 2 May 2023.\n")
    p = _w(d / "names.txt", text)
    return Spec([p], p, "", expect="accepted", clean=[p])


HOSTILE_CASES: list[Case] = [
    Case("missing file", lambda d: Spec([str(d / "nope.txt")], str(d / "nope.txt"), "not found")),
    Case("folder without readable files", lambda d: (_w(d / "pics" / "photo.png", b"\x89PNG\r\n\x1a\n...."),
         Spec([str(d / "pics")], str(d / "pics"), "has no files to read"))[1]),
    Case("empty folder", lambda d: ((d / "empty").mkdir(), Spec([str(d / "empty")], str(d / "empty"),
         "has no files to read"))[1]),
    Case("permission denied", _permission),
    Case("not a regular file (FIFO)", _fifo),
    Case("binary (random bytes)", lambda d: Spec([_w(d / "bin.txt", bytes(range(256)) * 40)], str(d / "bin.txt"),
         "is a binary file")),
    Case("binary (PDF signature)", lambda d: Spec([_w(d / "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")],
         str(d / "doc.txt"), "a PDF document")),
    Case("invalid UTF-8", lambda d: Spec([_w(d / "latin1.txt", "Menteri bertemu di Malm\xf6 pada Senin.".encode("latin-1"))],
         str(d / "latin1.txt"), "is not valid UTF-8")),
    Case("UTF-16 with BOM (decoded)", lambda d: (lambda p: Spec([p], p, "", expect="accepted", clean=[p]))(
         _w(d / "u16.txt", codecs.BOM_UTF16_LE + ID_.encode("utf-16-le")))),
    Case("UTF-16 without BOM (decoded)", lambda d: (lambda p: Spec([p], p, "", expect="accepted", clean=[p]))(
         _w(d / "u16be.txt", EN.encode("utf-16-be")))),
    Case("invalid UTF-16", lambda d: Spec([_w(d / "u16bad.txt", codecs.BOM_UTF16_LE + b"A\x00\x00\xd8")],
         str(d / "u16bad.txt"), "is not valid UTF-16")),
    Case("NUL bytes", lambda d: Spec([_w(d / "nul.txt", b"The ministers met\x00 in Oslo on Monday and talked.")],
         str(d / "nul.txt"), "is a binary file")),
    Case("empty file", lambda d: Spec([_w(d / "empty.txt", b"")], str(d / "empty.txt"), "is empty")),
    Case("whitespace only", lambda d: Spec([_w(d / "blank.txt", " \n\t\r\n \u00a0 \n")], str(d / "blank.txt"),
         "has no text")),
    Case("20 MB single line", _big_line),
    Case("200 MB file", _huge_sparse),
    Case("over --max-bytes", lambda d: Spec([_w(d / "long.txt", EN * 40)], str(d / "long.txt"),
         "larger than the limit of 4096 bytes", options=["--max-bytes", "4096"])),
    Case("truncated JSON", lambda d: Spec([_w(d / "trunc.json", '{"text": "The ministers met in')],
         str(d / "trunc.json"), "malformed JSON")),
    Case("deeply nested JSON", lambda d: Spec([_w(d / "deep.json", "[" * 200_000)], str(d / "deep.json"),
         "malformed JSON")),
    Case("JSON of the wrong shape", lambda d: Spec([_w(d / "shape.json", "42")], str(d / "shape.json"),
         "wrong shape")),
    Case("JSON without text", lambda d: Spec([_json(d / "notext.json", {"title": "Only a headline"})],
         str(d / "notext.json"), "has no text")),
    Case("JSONL with one bad line", lambda d: Spec(
        [_w(d / "feed.jsonl", json.dumps({"text": EN}) + "\n{\"text\": \"broken\n" + json.dumps({"text": ID_}) + "\n")],
        str(d / "feed.jsonl"), "line 2",
        clean=[_w(d / "clean" / "feed.jsonl", json.dumps({"text": EN}) + "\n" + json.dumps({"text": ID_}) + "\n")])),
    Case("JSON list with one bad item", lambda d: Spec(
        [_json(d / "list.json", [{"text": EN}, {"text": 7}])], str(d / "list.json"), "item 2",
        clean=[_json(d / "clean" / "list.json", [{"text": EN}])])),
    Case("malformed YAML front matter", lambda d: Spec(
        [_w(d / "bad.md", "---\ntitle: [unclosed\n---\n" + EN)], str(d / "bad.md"), "YAML")),
    Case("hostile YAML (python object tag)", lambda d: Spec(
        [_w(d / "evil.md", "---\ntitle: !!python/object/apply:os.system ['touch " + str(d / "PWNED") + "']\n---\n" + EN)],
        str(d / "evil.md"), "YAML")),
    Case("YAML alias bomb", lambda d: Spec(
        [_w(d / "lol.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            "source: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n" + EN)],
        str(d / "lol.md"), "source")),
    Case("impossible date 2023-02-30", lambda d: Spec(
        [_w(d / "feb30.md", "---\ndate: 2023-02-30\n---\n" + EN)], str(d / "feb30.md"), "impossible published date",
        published=False)),
    Case("impossible date 2023-13-01", lambda d: Spec(
        [_json(d / "m13.json", {"text": EN, "published": "2023-13-01"})], str(d / "m13.json"),
        "impossible published date", published=False)),
    Case("date far in the future", lambda d: Spec(
        [_json(d / "future.json", {"text": EN, "published": "2999-01-01"})], str(d / "future.json"), "in the future",
        published=False)),
    Case("date before 1900", lambda d: Spec(
        [_json(d / "old.json", {"text": EN, "published": "1899-12-31"})], str(d / "old.json"), "before 1900",
        published=False)),
    Case("unknown language code", lambda d: Spec(
        [_json(d / "lang.json", {"text": EN, "language": "xx"})], str(d / "lang.json"), "unknown language code")),
    Case("HTML with only scripts", lambda d: Spec(
        [_w(d / "scripts.html", "<html><head><script>document.write('The ministers met')</script></head>"
            "<body><script>var a = 'in Oslo';</script><style>p{color:red}</style></body></html>")],
        str(d / "scripts.html"), "has no text")),
    Case("HTML entity bomb", lambda d: Spec([_w(d / "bomb.html", BOMB_DTD)], str(d / "bomb.html"), "has no text")),
    Case("HTML nested 100,000 deep", lambda d: Spec(
        [_w(d / "deep.html", "<html><body>" + "<div>" * 100_000 + "</div>" * 100_000 + "</body></html>")],
        str(d / "deep.html"), "")),
    Case("manifest naming ../../etc/passwd", lambda d: (lambda f: Spec(
        [f], str(Path(f) / "manifest.json"), "outside the manifest's folder", clean=[str(Path(f) / "b.txt")]))(
        _manifest_folder(d, [{"file": "../../etc/passwd", "language": "en"}, {"file": "b.txt"}], {"b.txt": ID_}))),
    Case("manifest naming /etc/passwd", lambda d: (lambda f: Spec(
        [f], str(Path(f) / "manifest.json"), "outside the manifest's folder", clean=[str(Path(f) / "b.txt")]))(
        _manifest_folder(d, [{"file": "/etc/passwd"}, {"file": "b.txt"}], {"b.txt": ID_}))),
    Case("manifest naming a missing file", lambda d: (lambda f: Spec(
        [f], str(Path(f) / "manifest.json"), "file not found", clean=[str(Path(f) / "b.txt")]))(
        _manifest_folder(d, [{"file": "gone.txt"}, {"file": "b.txt"}], {"b.txt": ID_}))),
    Case("manifest with duplicate entries", lambda d: (lambda f: Spec(
        [f], str(Path(f) / "manifest.json"), "duplicate", clean=[str(Path(f) / "b.txt")]))(
        _manifest_folder(d, [{"file": "b.txt", "source": "One"}, {"file": "./b.txt", "source": "Two"}], {"b.txt": ID_}))),
    Case("manifest that is not JSON", lambda d: (lambda f: (_w(Path(f) / "manifest.json", "{nope"), Spec(
        [f], str(Path(f) / "manifest.json"), "malformed JSON"))[1])(_manifest_folder(d, [], {"b.txt": ID_}))),
    Case("manifest with a bad language", lambda d: (lambda f: Spec(
        [f], str(Path(f) / "manifest.json"), "unknown language code", clean=[str(Path(f) / "c.txt")]))(
        _manifest_folder(d, [{"file": "b.txt", "language": "klingon"}], {"b.txt": ID_, "c.txt": EN}))),
    Case("symlink loop in a folder", _symlink_loop),
    Case("symlink out of the folder", _symlink_out),
    Case("broken symlink", lambda d: (os.symlink(d / "gone.txt", d / "dangling.txt"),
         Spec([str(d / "dangling.txt")], str(d / "dangling.txt"), "broken symbolic link"))[1]),
    Case("Cyrillic text", lambda d: Spec([_w(d / "ru.txt", CYRILLIC)], str(d / "ru.txt"), "Cyrillic")),
    Case("Arabic text", lambda d: Spec([_w(d / "ar.txt", ARABIC)], str(d / "ar.txt"), "Arabic")),
    Case("binary on standard input", lambda d: Spec(["-"], "<stdin>", "is a binary file")),
    Case("an article of 10,000 names", _ten_thousand_names),
    Case("names carrying SQL, HTML, ICS breaks and formulas", _hostile_names),
]
STDIN_BYTES = {"binary on standard input": b"\x00\x01\x02PK\x03\x04" * 50}


def good_article(folder: Path) -> str:
    return _w(folder / "good.txt", GOOD_TEXT)


def make_template(workdir: Path, runner=run_kb_inproc) -> tuple[str, str, dict]:
    """A store holding one article (so that 'unchanged' is not trivially 'empty'), the good article
    every case adds beside its hostile input, and the counts of template + good article."""
    workdir.mkdir(parents=True, exist_ok=True)
    template = str(workdir / "template.sqlite3")
    base = _w(workdir / "base" / "base.txt", short_article(1))
    r = runner(template, "add", base, "--published", "2023-06-30")
    if r.rc != 0:
        raise RuntimeError(f"cannot build the template store: {r.err.strip()}")
    good = good_article(workdir / "good")
    ref = str(workdir / "ref.sqlite3")
    copy_store(template, ref)
    r = runner(ref, "add", good, "--published", "2023-06-30")
    if r.rc != 0:
        raise RuntimeError(f"cannot add the good article: {r.err.strip()}")
    return template, good, counts(ref)


def run_hostile_case(case: Case, workdir: Path, template: str, good: str, ref_counts: dict,
                     runner=run_kb_inproc) -> tuple[list[str], Run | None, str]:
    """Run one case; returns (problems, the run, a note). No problems means every promise held."""
    d = workdir / "".join(ch if ch.isalnum() else "-" for ch in case.name)[:60]
    d.mkdir(parents=True, exist_ok=True)
    spec = case.make(d)
    if spec is None:
        return [], None, "not applicable here"
    db = str(d / "kb.sqlite3")
    copy_store(template, db)
    good_path = good
    before = counts(db)
    opts = [*(["--published", "2023-06-30"] if spec.published else []), *spec.options]
    args = ["add", *spec.args, good_path, *opts]
    if spec.no_dac:
        run = run_kb(db, *args, prefix=NO_DAC)
    elif runner is run_kb_inproc:
        run = run_kb_inproc(db, *args, stdin=STDIN_BYTES.get(case.name))
    else:
        run = runner(db, *args, stdin=STDIN_BYTES.get(case.name))
    problems = []
    if "Traceback" in run.err or "internal error" in run.err:
        problems.append(f"traceback or internal error: {run.err.strip()[-300:]}")
    if run.noise():
        problems.append(f"stderr has other lines: {run.noise()[:2]}")
    lines = run.error_lines()
    if spec.expect == "error":
        if run.rc == 0:
            problems.append("exit code 0")
        if len(lines) != 1:
            problems.append(f"{len(lines)} error lines: {lines[:3]}")
        elif not lines[0].startswith(f"error: {spec.bad}") or spec.problem not in lines[0]:
            problems.append(f"error line does not name {spec.bad!r} with {spec.problem!r}: {lines[0][:200]}")
        elif "\n" in lines[0] or len(lines[0]) > 400:
            problems.append("error line too long")
    else:
        if run.rc != 0 or lines:
            problems.append(f"exit {run.rc}, errors {lines[:2]}")
    # row counts: exactly those of a clean run (template + good article + what the input holds that is good)
    expected = ref_counts
    if spec.clean or not spec.published:
        ref = str(d / "ref.sqlite3")
        copy_store(template, ref)
        r = run_kb_inproc(ref, "add", *spec.clean, good_path, *opts)
        if r.rc != 0:
            problems.append(f"the clean reference run failed: {r.err.strip()[:200]}")
        expected = counts(ref)
    after = counts(db)
    if after != expected:
        diff = {k: (before[k], after[k], expected[k]) for k in after if after[k] != expected[k]}
        problems.append(f"row counts (before, after, expected) differ: {diff}")
    if after["articles"] < before["articles"] + 1:
        problems.append("the good article was not stored")
    if (d / "PWNED").exists():
        problems.append("YAML constructed an object and ran a command")
    problems += store_problems(db, remerge=False)
    return problems, run, f"{run.seconds:.2f}s"


# ---------------------------------------------------------------------------------------------- concurrency

@dataclass
class ConcurrencyResult:
    runs: list[Run]
    reads: int
    read_problems: list[str]
    expected: set[str]
    seconds: float
    problems: list[str]


def concurrent_writers(db: str, workdir: Path, *, procs: int = 4, per: int = 100, overlap: int = 50,
                       reader: bool = True, workers: int = 1, timeout: float = 600) -> ConcurrencyResult:
    """`procs` `kb add` processes at once, each adding `per` articles; neighbours share `overlap` of them.

    A reader thread runs `kb timeline --format json` in a loop meanwhile; every answer must parse and every
    meeting in it must have sources."""
    step = per - overlap
    folders = []
    for p in range(procs):
        folder = workdir / f"writer{p}"
        write_articles(folder, range(p * step, p * step + per), prefix=f"w{p}-")
        folders.append(folder)
    expected = expected_hashes(folders, published="2023-06-30")
    read_problems: list[str] = []
    reads = 0
    stop = threading.Event()

    def read_loop():
        nonlocal reads
        while not stop.is_set():
            r = run_kb(db, "timeline", "--format", "json", timeout=120)
            if r.rc != 0:
                if "no such table" in r.err or "does not exist" in r.err:
                    continue  # the store is still being created
                read_problems.append(f"reader exit {r.rc}: {r.err.strip()[:200]}")
                continue
            reads += 1
            try:
                meetings = json.loads(r.out)
            except ValueError as e:
                read_problems.append(f"reader got invalid JSON: {e}")
                continue
            bad = [m.get("id") for m in meetings if not m.get("sources")]
            if bad:
                read_problems.append(f"reader saw {len(bad)} meetings without sources (ids {bad[:5]})")
            if "database is locked" in r.err:
                read_problems.append("reader: database is locked")

    started = time.monotonic()
    popens = [subprocess.Popen(kb_argv(db, "add", str(f), "--published", "2023-06-30", "--format", "json",
                                       "--workers", str(workers)),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=kb_env(), cwd=str(ROOT))
              for f in folders]
    t = threading.Thread(target=read_loop, daemon=True)
    if reader:
        t.start()
    runs = []
    for p in popens:
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        runs.append(Run(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                        time.monotonic() - started))
    stop.set()
    if reader:
        t.join(timeout=120)
    seconds = time.monotonic() - started
    problems = []
    for i, r in enumerate(runs):
        if r.rc != 0:
            problems.append(f"writer {i} exit {r.rc}: {r.err.strip()[-300:]}")
        if "locked" in r.err:
            problems.append(f"writer {i}: 'database is locked' reached the user")
        if "Traceback" in r.err:
            problems.append(f"writer {i}: traceback")
    problems += read_problems
    problems += store_problems(db, expected=expected)
    return ConcurrencyResult(runs, reads, read_problems, expected, seconds, problems)


# ---------------------------------------------------------------------------------------------- crashes

@dataclass
class KillResult:
    kills: int
    killed_mid_run: int  # kills that landed while the run was storing articles
    progress: list[int]  # stored articles after each kill
    final: Run | None
    problems: list[str]
    seconds: float


def calibrate(db_dir: Path, folder: Path, *, workers: int = 1) -> tuple[float, float, str, float]:
    """(start-up seconds, seconds per article, a store built by one uninterrupted run, its seconds) of
    `kb add FOLDER --workers N`, so that kills can be aimed at the part of a run that writes."""
    small = db_dir / f"calibrate-w{workers}"
    small.mkdir(parents=True, exist_ok=True)
    for p in sorted(folder.glob("*.txt"))[:2]:
        shutil.copy(p, small / p.name)
    r = run_kb(str(db_dir / f"calibrate-w{workers}.sqlite3"), "add", str(small), "--published", "2023-06-30",
               "--workers", str(workers))
    startup = r.seconds
    ref = str(db_dir / f"reference-w{workers}.sqlite3")
    full = run_kb(ref, "add", str(folder), "--published", "2023-06-30", "--workers", str(workers))
    if full.rc != 0:
        raise RuntimeError(f"the uninterrupted run failed: {full.err.strip()[-300:]}")
    n = len(list(folder.glob("*.txt")))
    return startup, max(0.002, (full.seconds - startup) / max(1, n)), ref, full.seconds


def kill_loop(db: str, folder: Path, *, kills: int, seed: int, workers: int = 1, startup: float = 1.0,
              per_article: float = 0.01, reference_db: str | None = None) -> KillResult:
    """`kb add FOLDER` killed with SIGKILL (the whole process group, workers included) `kills` times at
    seeded random moments, the store checked after each kill; then run to completion and checked again,
    and (with `reference_db`, a store built by one uninterrupted run) compared meeting by meeting.

    Kills are aimed at the writing part of a run, by watching the store. The first lands at a random moment
    of the start-up (the store being created, the pipelines loaded), or as the first article is stored.
    Each later one waits for the run to store a random number of articles (a share of what is left) and
    kills it then, somewhere in the transactions that follow, as the store is polled. (Timed from the start
    alone, kills missed the writing part whenever start-up time varied by more than storing the whole
    folder takes: a loaded machine, fast extraction and store, workers that extract ahead; `per_article`
    is no longer needed and kept for callers.)"""
    rng = random.Random(seed)
    expected = expected_hashes([folder], published="2023-06-30")
    n = len(expected)
    args = ["add", str(folder), "--published", "2023-06-30", "--workers", str(workers)]
    problems: list[str] = []
    progress: list[int] = []
    mid = 0
    started = time.monotonic()
    stored = 0
    for k in range(kills):
        target = max(1.0, (n - stored) / (kills - k + 1))
        if k == 0:
            goal, wait = stored + 1, rng.uniform(0.3 * startup, startup)
        else:
            goal, wait = stored + rng.randint(1, max(1, round(2 * target))), 10 * startup + 30
        p = subprocess.Popen(kb_argv(db, *args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=kb_env(),
                             cwd=str(ROOT), start_new_session=True)
        t0 = time.monotonic()
        _wait_for_articles(db, p, goal, timeout=wait)
        delay = time.monotonic() - t0
        try:
            p.wait(timeout=0)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        p.stderr.close()
        before = stored
        if Path(db).exists() or "://" in db:
            try:
                found = store_problems(db, expected=expected, subset=True)
            except Exception as e:  # noqa: BLE001 - a store that cannot be opened after a kill is a finding
                found = [f"store cannot be checked after kill {k + 1}: {type(e).__name__}: {e}"]
            problems += [f"after kill {k + 1} (at {delay:.2f}s): {x}" for x in found]
            try:
                stored = counts(db)["articles"]
            except Exception:  # noqa: BLE001 - the schema may not exist yet
                stored = 0
        progress.append(stored)
        mid += (not finished) and stored > before
    final = run_kb(db, *args, timeout=600)
    if final.rc != 0:
        problems.append(f"the final run exited {final.rc}: {final.err.strip()[-300:]}")
    if "Traceback" in final.err:
        problems.append(f"the final run printed a traceback: {final.err.strip()[-1500:]}")
    problems += store_problems(db, expected=expected)
    if reference_db is not None and not problems:
        if store_snapshot(db) != store_snapshot(reference_db):
            problems.append("the meetings differ from those of an uninterrupted run")
    return KillResult(kills, mid, progress, final, problems, time.monotonic() - started)


def _wait_for_articles(db: str, p: subprocess.Popen, goal: int, *, timeout: float) -> None:
    """Return once the store holds `goal` articles, or `p` has ended, or after `timeout` seconds."""
    from kb.store.engine import make_engine

    end = time.monotonic() + timeout
    engine = None
    try:
        while time.monotonic() < end and p.poll() is None:
            if "://" in db or Path(db).exists():  # never create the SQLite file before kb does
                engine = engine or make_engine(db)
                try:
                    with engine.connect() as conn:
                        if conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() >= goal:
                            return
                except Exception:  # noqa: BLE001 - no schema yet, or the store is being created
                    pass
            time.sleep(0.002)
    finally:
        if engine is not None:
            engine.dispose()


def kill_folder(workdir: Path, n: int) -> Path:
    folder = workdir / "articles"
    write_articles(folder, range(1000, 1000 + n))
    return folder


def same_meeting_race(db: str, workdir: Path, *, procs: int = 4, n: int = 30) -> tuple[list[str], float]:
    """`procs` writers whose k-th articles all report the same new meeting (in different words), so that the
    first reports of one meeting are stored at the same moment: exactly `n` meetings must come out, each
    with one source per writer (PostgreSQL under READ COMMITTED once made two half-merged meetings)."""
    verbs = ["met", "held talks with", "met with", "sat down with", "was received by", "welcomed"]
    folders = []
    for p in range(procs):
        folder = workdir / f"race{p}"
        folder.mkdir(parents=True, exist_ok=True)
        for k in range(n):
            a = f"{FIRST[k % 10]} {LAST[(k // 10) % 10]}"
            b = f"{FIRST[(k + 3) % 10]} {LAST[(k // 10 + 5) % 10]}"
            (folder / f"r{k:03d}.txt").write_text(
                f"Foreign Minister {a} {verbs[p % len(verbs)]} Foreign Minister {b} in Oslo on 14 March 2023.\n\n"
                f"Correspondent {p} filed this report.\n", encoding="utf-8")
        folders.append(folder)
    started = time.monotonic()
    popens = [subprocess.Popen(kb_argv(db, "add", str(f), "--published", "2023-03-20"), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=kb_env(), cwd=str(ROOT)) for f in folders]
    problems = []
    for i, p in enumerate(popens):
        _, err = p.communicate(timeout=600)
        if p.returncode != 0 or err.strip():
            problems.append(f"writer {i} exit {p.returncode}: {err.decode('utf-8', 'replace').strip()[-300:]}")
    seconds = time.monotonic() - started
    problems += store_problems(db, expected=expected_hashes(folders, published="2023-03-20"))
    c = counts(db)
    if c["meetings"] != n or c["evidence"] != n * procs:
        problems.append(f"{c['meetings']} meetings with {c['evidence']} sources; expected {n} with {n * procs}")
    return problems, seconds
