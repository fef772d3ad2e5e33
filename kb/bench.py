"""The performance benchmark of `kb`: every figure of issue 10 with its target, measured in one run.

    python -m kb.bench [--quick] [--write docs/performance.md] [--workers N] [--cache DIR]

Figures (each printed with its target and PASS/FAIL):

1. ingest throughput of the add path (readers + cleaning + extraction + store, one process, in process
   through `KnowledgeBase.add`) in words/s over a corpus made of the seeds and the development texts
   (each copy made unique by a numbered line), next to spaCy's bare `spacy.blank(lang)` tokenizer over
   the same paragraphs (`nlp.pipe`) in the same process;
2. the same with `workers=N` (N = cores), and the same store contents as one process;
3. cold start: wall time of `kb add` of one article into a new store, process start included;
4. query latency on a synthetic store of 1,000,000 meetings among 20,000 people (100,000 with --quick),
   generated with bulk inserts and cached between runs keyed by the schema revision: `meetings A B`, a
   person's timeline, a date-range filter (in process, p50), the CLI wall time of `kb meetings`, and
   EXPLAIN QUERY PLAN of the three queries;
5. peak RSS of `kb add` of the corpus (a child process, `resource.getrusage`);
6. ingest cost per article with 1k, 10k and 100k articles already stored (must stay flat);
and, when `kb.timex.bench` is there, the words/s of `kb timex` next to the tokenizer.

Machines are noisy: the targets are ratios where they can be, and the absolute times are medians.
`--write` produces docs/performance.md from the same run; nobody types its figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
SEEDS_DIR = PROJECT / "seeds"
DEV_TEXTS_DIR = SHARED / "dev" / "texts"
GENERATOR_VERSION = "2"  # bump when the synthetic store's shape changes (part of the cache key)


# ---- figures ------------------------------------------------------------------------------------------

@dataclass
class Figure:
    """One measured figure: its value, its target and whether the target holds (None: no target)."""

    name: str
    value: str
    target: str = ""
    ok: bool | None = None
    detail: str = ""

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "FAIL")


@dataclass
class Results:
    machine: dict
    figures: list[Figure] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)  # title -> preformatted text (plans, profiles)
    mode: str = "full"

    def add(self, fig: Figure) -> Figure:
        self.figures.append(fig)
        print(format_figure(fig), flush=True)
        return fig


def format_figure(f: Figure) -> str:
    line = f"{f.verdict or '-':4}  {f.name:52} {f.value:>24}"
    if f.target:
        line += f"   target {f.target}"
    if f.detail:
        line += f"   ({f.detail})"
    return line


def _log(msg: str) -> None:
    print(f"  .. {msg}", file=sys.stderr, flush=True)


# ---- machine ------------------------------------------------------------------------------------------

def machine_info() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = {}
    for mod in ("spacy", "sqlalchemy", "dateparser"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:  # noqa: BLE001
            versions[mod] = "?"
    return {
        "cpu": cpu, "cores": os.cpu_count() or 1, "ram": ram or "?", "os": platform.platform(),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, **versions,
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


# ---- corpus -------------------------------------------------------------------------------------------

@dataclass
class Corpus:
    folder: Path
    files: list[Path]
    languages: dict[str, str]  # file name -> language
    published: dict[str, str]

    def documents(self):
        """The corpus as the add path reads it (readers + cleaning), in order."""
        from kb.ingest import read_inputs

        return [d for d in read_inputs([str(self.folder)]) if not isinstance(d, Exception)]


def _manifest(folder: Path) -> dict[str, dict]:
    p = folder / "manifest.json"
    if not p.exists():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    return {a["file"]: a for a in data.get("articles", [])}


def source_texts() -> list[tuple[Path, dict]]:
    """(file, manifest entry) of the seeds and the development texts."""
    out = []
    for folder in (SEEDS_DIR, DEV_TEXTS_DIR):
        meta = _manifest(folder)
        for f in sorted(folder.glob("*.txt")):
            entry = meta.get(f.name, {})
            out.append((f, entry))
    return out


def build_corpus(dest: Path, copies: int, *, prefix: str = "", limit: int | None = None) -> Corpus:
    """`copies` copies of every source text (the first `limit` of them) in `dest`, each made unique by a
    numbered last line, with a manifest.json giving each copy its language, source and publication date."""
    dest.mkdir(parents=True, exist_ok=True)
    sources = source_texts()[:limit]
    if not sources:
        raise SystemExit(f"no texts found in {SEEDS_DIR} or {DEV_TEXTS_DIR}")
    files, entries, langs, pubs = [], [], {}, {}
    for c in range(copies):
        for f, entry in sources:
            name = f"{prefix}c{c:03d}_{f.name}"
            text = f.read_text(encoding="utf-8").rstrip("\n")
            (dest / name).write_text(f"{text}\n\n(Salinan / copy {prefix}{c + 1}.)\n", encoding="utf-8")
            e = {k: v for k, v in entry.items() if k in ("source", "language", "published", "title")}
            e["file"] = name
            entries.append(e)
            files.append(dest / name)
            langs[name] = e.get("language") or ("id" if f.name.startswith("id") else "en")
            pubs[name] = e.get("published") or ""
    (dest / "manifest.json").write_text(json.dumps({"articles": entries}, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    return Corpus(dest, files, langs, pubs)


def corpus_words(docs) -> int:
    return sum(len(d.text.split()) for d in docs)


# ---- spaCy's bare tokenizer (the yardstick) -----------------------------------------------------------

def tokenizer_seconds(docs) -> tuple[float, float]:
    """(seconds, load seconds) of `spacy.blank(lang)`'s tokenizer over the paragraphs of `docs` with nlp.pipe,
    one pass, as the add path sees each paragraph once (the tokenizer's own cache still helps it on the
    corpus's repeated copies, which only makes the yardstick stricter)."""
    import spacy

    t0 = time.perf_counter()
    by_lang: dict[str, list[str]] = {}
    for d in docs:
        by_lang.setdefault(d.language, []).extend(d.paragraphs)
    nlps = {lang: spacy.blank(lang) for lang in by_lang}
    for nlp in nlps.values():
        nlp("warm up")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for lang, paras in by_lang.items():
        for _doc in nlps[lang].pipe(paras, batch_size=256):
            pass
    return time.perf_counter() - t0, load


# ---- ingest -------------------------------------------------------------------------------------------

def warm_extractor(docs) -> float:
    """Load the extraction pipelines (one article per language), outside the timed part."""
    from kb.api import extract_safely

    t0 = time.perf_counter()
    seen = set()
    for d in docs:
        if d.language not in seen:
            seen.add(d.language)
            extract_safely(d)
    return time.perf_counter() - t0


def timed_add(db: str, folder: Path, *, workers: int = 1):
    """(seconds, report) of KnowledgeBase.add of a folder into a store (schema made before the clock)."""
    from kb.api import KnowledgeBase

    kb = KnowledgeBase(db, writer=True)
    t0 = time.perf_counter()
    report = kb.add([str(folder)], workers=workers)
    seconds = time.perf_counter() - t0
    kb.engine.dispose()
    return seconds, report


def timeline_signature(db: str) -> list[dict]:
    """The store's timeline as `kb timeline --format json` gives it, without database ids, canonically
    ordered: two stores with the same contents have the same signature."""
    from kb.api import KnowledgeBase

    kb = KnowledgeBase(db)
    out = []
    for m in kb.timeline():
        m = {k: v for k, v in m.items() if k != "id"}
        m["sources"] = sorted(({k: v for k, v in s.items() if k != "article_id"} for s in m["sources"]),
                              key=lambda s: json.dumps(s, sort_keys=True, ensure_ascii=False))
        out.append(m)
    kb.engine.dispose()
    return sorted(out, key=lambda m: json.dumps(m, sort_keys=True, ensure_ascii=False))


# ---- subprocess helpers -------------------------------------------------------------------------------

def kb_command() -> list[str]:
    """How users start kb: the console script next to this Python, else `python -m kb`."""
    script = Path(sys.executable).parent / "kb"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kb"]


def wall(cmd: list[str], *, env=None, cwd=None, check: bool = True) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    t = time.perf_counter() - t0
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {p.stderr.decode(errors='replace')[-500:]}")
    return t


_RSS_WRAPPER = """
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if p.returncode:
    sys.stderr.write(p.stderr.decode(errors="replace")[-2000:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(p.returncode)
"""


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident set size of `cmd` (and its children), measured by a wrapper process whose only
    child it is (getrusage(RUSAGE_CHILDREN) of the wrapper)."""
    p = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *cmd], capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed: {p.stderr[-500:]}")
    return int(p.stdout.strip().splitlines()[-1]) / 1024  # Linux: KiB


# ---- synthetic stores ---------------------------------------------------------------------------------

def schema_revision() -> str:
    from alembic.script import ScriptDirectory

    from kb.store.engine import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() or "none"


def cache_dir(explicit: str | None = None) -> Path:
    base = explicit or os.environ.get("KB_BENCH_CACHE")
    if base:
        d = Path(base)
    else:
        d = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kb-bench"
    d.mkdir(parents=True, exist_ok=True)
    return d


PLACES = [("Geneva", "Switzerland"), ("Moscow", "Russia"), ("Washington", "United States"), ("Jakarta", "Indonesia"),
          ("Beijing", "China"), ("New Delhi", "India"), ("Paris", "France"), ("Berlin", "Germany"),
          ("Tokyo", "Japan"), ("Ankara", "Turkey"), ("Brussels", "Belgium"), ("Vienna", "Austria")]
FIRST = ["Ana", "Budi", "Chen", "Dmitri", "Elif", "Farah", "Gita", "Hiro", "Ivan", "Jana", "Kofi", "Lena", "Mira",
         "Nadia", "Omar", "Pita", "Rudi", "Sari", "Tomas", "Umar", "Vera", "Wati", "Yusuf", "Zara"]


def synthetic_person_name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} Synthperson{i:05d}"


def _person_index(rng: random.Random, n_people: int) -> int:
    # a skewed popularity: a few people meet often (ministers), most rarely (u**1.5: ~0.14% of the
    # participations go to the busiest person)
    return min(n_people - 1, int(n_people * rng.random() ** 1.5))


def generate_store(path: Path, *, n_meetings: int, n_people: int = 20_000, n_articles: int | None = None,
                   meetings_per_article: int = 4, seed: int = 10) -> dict:
    """A store with `n_meetings` merged meetings among `n_people` people, written with bulk inserts
    (sqlite3 executemany) into the schema Alembic made: articles, reports (one per meeting), meetings,
    participants, topics, evidence, a few conflicts. No extraction. Returns facts about it for the
    queries (the busiest pair, a typical person, a date range)."""
    from kb.extract.gazetteer_norm import normalise_name
    from kb.store.engine import open_engine
    from kb.store.models import span_bucket

    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    open_engine(str(path)).dispose()  # the schema, by Alembic
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")  # a scratch file until it is renamed into the cache
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA foreign_keys=OFF")
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL").fetchall()
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    n_articles = n_articles if n_articles is not None else max(1, n_meetings // meetings_per_article)
    now = datetime(2025, 1, 1).isoformat(sep=" ")
    with con:
        con.executemany("INSERT INTO people (id, name, role, country) VALUES (?, ?, ?, ?)",
                        ((i + 1, synthetic_person_name(i), "foreign_minister" if i < 200 else None, None)
                         for i in range(n_people)))
        con.executemany("INSERT INTO person_aliases (person_id, alias, alias_norm) VALUES (?, ?, ?)",
                        ((i + 1, synthetic_person_name(i), normalise_name(synthetic_person_name(i)))
                         for i in range(n_people)))
        con.executemany("INSERT INTO places (id, name, country) VALUES (?, ?, ?)",
                        ((i + 1, n, c) for i, (n, c) in enumerate(PLACES)))
        con.executemany("INSERT INTO place_aliases (place_id, alias, alias_norm) VALUES (?, ?, ?)",
                        ((i + 1, n, normalise_name(n)) for i, (n, _c) in enumerate(PLACES)))
        day0 = date(1990, 1, 1)
        span_days = (date(2024, 12, 31) - day0).days

        def articles():
            for a in range(n_articles):
                pub = day0 + timedelta(days=rng.randrange(span_days))
                text = f"Synthetic article {a}.\n\nIt reports meetings of synthetic people."
                yield (a + 1, hashlib.sha256(text.encode()).hexdigest(), None, f"synthetic/{a:07d}.txt",
                       f"Synthetic Wire {a % 50}", None, "en" if a % 2 else "id", pub.isoformat(), now, text,
                       len(text.split()))

        con.executemany("INSERT INTO articles (id, content_hash, url, origin, source, title, language, published, "
                        "added_at, text, word_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles())
        pair_counts: dict[tuple[int, int], int] = {}
        person_counts = [0] * (n_people + 1)
        meetings, parts, reports, evidence, topics, conflicts = [], [], [], [], [], []

        def flush():
            con.executemany("INSERT INTO meetings (id, uid, participants_key, date, date_start, date_end, granularity, "
                            "span_bucket, place_id, kind, status, duration_minutes, duration_mod, occasion) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", meetings)
            con.executemany("INSERT INTO meeting_participants (meeting_id, person_id, position) VALUES (?, ?, ?)", parts)
            con.executemany("INSERT INTO reports (article_id, participants_key, date, date_start, date_end, granularity, "
                            "date_basis, date_text, place_id, kind, status, duration_minutes, duration_mod, occasion, "
                            "topics, conflicts, sentence, span_start, span_end) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", reports)
            con.executemany("INSERT INTO evidence (meeting_id, article_id, sentence, span_start, span_end) "
                            "VALUES (?, ?, ?, ?, ?)", evidence)
            con.executemany("INSERT INTO topics (meeting_id, position, topic) VALUES (?, ?, ?)", topics)
            con.executemany("INSERT INTO conflicts (meeting_id, field, message) VALUES (?, ?, ?)", conflicts)
            for lst in (meetings, parts, reports, evidence, topics, conflicts):
                lst.clear()

        for m in range(1, n_meetings + 1):
            a = _person_index(rng, n_people) + 1
            b = _person_index(rng, n_people) + 1
            while b == a:
                b = rng.randrange(n_people) + 1
            a, b = min(a, b), max(a, b)
            pair_counts[(a, b)] = pair_counts.get((a, b), 0) + 1
            person_counts[a] += 1
            person_counts[b] += 1
            key = f"{a},{b}"
            start = day0 + timedelta(days=rng.randrange(span_days))
            r = rng.random()
            if r < 0.95:
                d, ds, de, gran = start.isoformat(), start, start, "day"
            elif r < 0.99:
                ds = start.replace(day=1)
                de = (ds + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                d, gran = ds.isoformat()[:7], "month"
            else:
                ds, de, d, gran = date(start.year, 1, 1), date(start.year, 12, 31), str(start.year), "year"
            place = rng.randrange(len(PLACES)) + 1 if rng.random() < 0.7 else None
            kind = ("in_person", "in_person", "in_person", "phone", "video")[m % 5]
            status = ("occurred",) * 8 + ("planned", "cancelled")
            st = status[m % 10]
            art = (m - 1) % n_articles + 1
            sentence = f"{synthetic_person_name(a - 1)} met {synthetic_person_name(b - 1)} (synthetic meeting {m})."
            uid = hashlib.sha1(f"synthetic|{m}".encode()).hexdigest()[:20]
            meetings.append((m, uid, key, d, ds.isoformat(), de.isoformat(), gran, span_bucket(ds, de), place, kind, st,
                             60 if m % 3 == 0 else None, None, "Synthetic summit" if m % 7 == 0 else None))
            parts.append((m, a, 0))
            parts.append((m, b, 1))
            reports.append((art, key, d, ds.isoformat(), de.isoformat(), gran, "explicit", d, place, kind, st,
                            None, None, None, "[]", "[]", sentence, 0, len(sentence)))
            evidence.append((m, art, sentence, 0, len(sentence)))
            if m % 2 == 0:
                topics.append((m, 0, ("trade", "security", "climate", "energy")[m % 4]))
            if m % 50 == 0:
                conflicts.append((m, "date", "another source gives another day"))
            if len(meetings) >= 50_000:
                flush()
        flush()
    for name, sql in indexes:
        con.execute(sql)
    con.commit()
    con.close()
    # facts for the queries
    busiest = sorted(range(1, n_people + 1), key=lambda i: -person_counts[i])
    top_pair = max(pair_counts, key=lambda p: (pair_counts[p], -p[0], -p[1]))
    # a "typical prominent" person: the one at rank 100 (about as busy as a foreign minister in an archive)
    typical = busiest[min(100, n_people - 1)]
    return {
        "n_meetings": n_meetings, "n_people": n_people, "n_articles": n_articles,
        "pair": [synthetic_person_name(top_pair[0] - 1), synthetic_person_name(top_pair[1] - 1)],
        "pair_meetings": pair_counts[top_pair],
        "busiest": synthetic_person_name(busiest[0] - 1), "busiest_meetings": person_counts[busiest[0]],
        "person": synthetic_person_name(typical - 1), "person_meetings": person_counts[typical],
        "range": ["2021-03-01", "2021-03-01"],
    }


def cached_store(n_meetings: int, cache: Path, *, n_people: int = 20_000, n_articles: int | None = None,
                 label: str = "meetings") -> tuple[Path, dict]:
    """A synthetic store from the cache, generated when missing (keyed by schema revision, size and the
    generator's version). Returns (path, facts)."""
    key = f"{label}-{n_meetings}-{n_people}-{n_articles}-rev{schema_revision()}-g{GENERATOR_VERSION}"
    path, meta = cache / f"{key}.sqlite3", cache / f"{key}.json"
    if path.exists() and meta.exists():
        return path, json.loads(meta.read_text())
    _log(f"generating synthetic store {key} (cached in {cache})")
    tmp = cache / f"{key}.tmp.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    facts = generate_store(tmp, n_meetings=n_meetings, n_people=n_people, n_articles=n_articles)
    facts["generated_seconds"] = round(time.perf_counter() - t0, 1)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    tmp.replace(path)
    meta.write_text(json.dumps(facts, indent=1))
    return path, facts


# ---- queries ------------------------------------------------------------------------------------------

def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def time_calls(fn: Callable[[], object], n: int) -> tuple[list[float], object]:
    fn()  # warm: caches, prepared statements
    out, result = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        result = fn()
        out.append(time.perf_counter() - t0)
    return out, result


def explain_plans(db: Path, facts: dict) -> str:
    """EXPLAIN QUERY PLAN of the SQL that the three queries run (captured from SQLAlchemy)."""
    from sqlalchemy import event

    from kb.api import KnowledgeBase

    kb = KnowledgeBase(str(db))
    captured: list[tuple[str, object]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    event.listen(kb.engine, "before_cursor_execute", grab)
    queries = {
        f"meetings {facts['pair'][0]!r} {facts['pair'][1]!r}": lambda: kb.meetings_between(*facts["pair"]),
        f"timeline --person {facts['person']!r}": lambda: kb.timeline(people=[facts["person"]]),
        f"timeline --since {facts['range'][0]} --until {facts['range'][1]}":
            lambda: kb.timeline(since=facts["range"][0], until=facts["range"][1]),
    }
    out = []
    con = sqlite3.connect(db)
    for title, fn in queries.items():
        captured.clear()
        fn()
        out.append(f"## {title}")
        for statement, params in captured:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            plan = con.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
            first = " ".join(statement.split())
            out.append(f"-- {first[:160]}{'…' if len(first) > 160 else ''}")
            out.extend(f"   {row[-1]}" for row in plan)
    con.close()
    event.remove(kb.engine, "before_cursor_execute", grab)
    kb.engine.dispose()
    return "\n".join(out)


# ---- the run ------------------------------------------------------------------------------------------

def run(*, quick: bool = False, workers: int | None = None, cache: str | None = None,
        only: set[str] | None = None) -> Results:
    cores = os.cpu_count() or 1
    workers = workers or cores
    res = Results(machine_info(), mode="quick" if quick else "full")
    m = res.machine
    print(f"kb bench ({res.mode}) on {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Python {m['python']}, "
          f"SQLite {m['sqlite']}", flush=True)
    cache_path = cache_dir(cache)
    want = (lambda s: True) if not only else (lambda s: s in only)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmpdir:
        tmp = Path(tmpdir)
        copies = 2 if quick else 6
        corpus = build_corpus(tmp / "corpus", copies)
        docs = corpus.documents()
        words = corpus_words(docs)
        _log(f"corpus: {len(docs)} articles, {words} words ({copies} copies of {len(source_texts())} texts)")
        if want("ingest"):
            bench_ingest(res, tmp, corpus, docs, words, workers, pairs=2 if quick else 5)
        if want("cold"):
            bench_cold_start(res, tmp, corpus, runs=5 if quick else 7)
        if want("rss"):
            bench_rss(res, tmp, corpus)
        if want("timex"):
            bench_timex(res)
        if want("query"):
            bench_queries(res, tmp, cache_path, n_meetings=100_000 if quick else 1_000_000)
        if want("scale"):
            bench_scaling(res, tmp, cache_path, sizes=(1_000, 10_000, 100_000), n_new=20 if quick else 50)
    failed = [f for f in res.figures if f.ok is False]
    print(f"{len([f for f in res.figures if f.ok])} PASS, {len(failed)} FAIL", flush=True)
    return res


def bench_ingest(res: Results, tmp: Path, corpus: Corpus, docs, words: int, workers: int, pairs: int) -> None:
    """One process against `workers` processes, in turn (1, N, 1, N ...), each into a new store: the
    speed-up quoted is the median of the pairs' ratios, which holds when the machine's speed drifts."""
    load = warm_extractor(docs)
    tok_s, tok_load = tokenizer_seconds(docs)
    tok_wps = words / tok_s
    singles, parallels, ratios, reports = [], [], [], []
    for i in range(pairs):
        secs, report = timed_add(str(tmp / f"single-{i}.sqlite3"), corpus.folder)
        psecs, preport = timed_add(str(tmp / f"workers-{i}.sqlite3"), corpus.folder, workers=workers)
        singles.append(secs)
        parallels.append(psecs)
        ratios.append(secs / psecs)
        reports.append((report, preport))
        _log(f"pair {i + 1}/{pairs}: 1 process {secs:.2f} s, {workers} workers {psecs:.2f} s")
    report, preport = reports[0]
    failed = report.count("failed")
    secs = statistics.median(singles)
    wps = words / secs
    res.add(Figure("spaCy blank tokenizer (nlp.pipe over paragraphs)", f"{tok_wps:,.0f} words/s",
                   detail=f"{words} words, one pass; load {tok_load:.1f} s"))
    res.add(Figure("ingest, 1 process (KnowledgeBase.add)", f"{wps:,.0f} words/s",
                   detail=f"{len(docs)} articles, median {secs:.2f} s of {pairs}; {report.meetings} meeting reports, "
                          f"{failed} failed; pipelines loaded in {load:.2f} s before the clock"))
    ratio = wps / tok_wps
    res.add(Figure("ingest / tokenizer", f"{ratio:.0%}", ">= 30%", ratio >= 0.30 and failed == 0))
    res.add(Figure("per article: kb add vs tokenizer", f"{1000 * secs / len(docs):.2f} ms vs {1000 * tok_s / len(docs):.2f} ms",
                   detail="the seeds and the development texts, each copy made unique; same articles, same process"))
    psecs = statistics.median(parallels)
    res.add(Figure(f"ingest, workers={workers}", f"{words / psecs:,.0f} words/s",
                   detail=f"median {psecs:.2f} s including the pool's start; {preport.count('failed')} failed"))
    speedup = statistics.median(ratios)
    res.add(Figure(f"workers={workers} / 1 process", f"{speedup:.2f}x", ">= 1.8x", speedup >= 1.8,
                   detail="median of pair ratios " + ", ".join(f"{r:.2f}" for r in ratios)))
    ref = timeline_signature(str(tmp / "single-0.sqlite3"))
    same = all(timeline_signature(str(tmp / f"workers-{i}.sqlite3")) == ref for i in range(pairs))
    res.add(Figure(f"workers={workers}: same store contents as 1 process", "yes" if same else "NO", "same", same,
                   detail=f"{len(ref)} meetings, compared as kb timeline --format json without ids"))


def bench_cold_start(res: Results, tmp: Path, corpus: Corpus, runs: int) -> None:
    one = corpus.files[0]
    lang = corpus.languages[one.name]
    pub = corpus.published[one.name] or "2023-01-01"
    times = []
    for i in range(runs + 1):
        db = tmp / f"cold-{i}.sqlite3"
        t = wall([*kb_command(), "--db", str(db), "add", str(one), "--lang", lang, "--published", pub])
        if i:  # the first run warms the OS file cache (bytecode, data files)
            times.append(t)
    med = statistics.median(times)
    res.add(Figure("cold start: kb add of one article, new store", f"{med:.2f} s", "<= 1.5 s", med <= 1.5,
                   detail=f"median of {runs} runs, min {min(times):.2f}, max {max(times):.2f}"))


def bench_rss(res: Results, tmp: Path, corpus: Corpus) -> None:
    db = tmp / "rss.sqlite3"
    mb = peak_rss_mb([*kb_command(), "--db", str(db), "add", str(corpus.folder)])
    res.add(Figure(f"peak RSS of kb add ({len(corpus.files)} articles)", f"{mb:.0f} MB", "<= 500 MB", mb <= 500))


def bench_timex(res: Results) -> None:
    try:
        from kb.timex.bench import DEFAULT_DATA, bench
    except ImportError:
        res.add(Figure("kb timex tagging", "n/a", detail="kb.timex.bench not present"))
        return
    if not Path(DEFAULT_DATA).exists():
        res.add(Figure("kb timex tagging", "n/a", detail=f"{DEFAULT_DATA} not found"))
        return
    r = bench()
    res.add(Figure("kb timex tagging (timeml-en)", f"{r.tagger_wps:,.0f} words/s",
                   detail=f"tokenizer {r.tokenizer_wps:,.0f} words/s: {r.tagger_wps / r.tokenizer_wps:.0%} of it; "
                          f"{r.words} words"))


def bench_queries(res: Results, tmp: Path, cache: Path, n_meetings: int) -> None:
    from kb.api import KnowledgeBase

    path, facts = cached_store(n_meetings, cache)
    db = tmp / "query.sqlite3"
    shutil.copyfile(path, db)  # a private copy: the cached one stays pristine
    kb = KnowledgeBase(str(db))
    n = 200
    a, b = facts["pair"]
    label = f"{facts['n_meetings']:,} meetings, {facts['n_people']:,} people"
    from kb.query.meetings import meeting_ids_between, timeline_ids

    def ids(fn):
        def call():
            with kb.session() as s:
                return fn(s)
        return call

    since, until = facts["range"]
    checks = [
        (f"meetings A B", lambda: kb.meetings_between(a, b), ids(lambda s: meeting_ids_between(s, a, b))),
        (f"timeline of a person", lambda: kb.timeline(people=[facts["person"]]),
         ids(lambda s: timeline_ids(s, people=[facts["person"]]))),
        (f"date-range filter ({since}..{until})", lambda: kb.timeline(since=since, until=until),
         ids(lambda s: timeline_ids(s, since=since, until=until))),
    ]
    for title, full, find in checks:
        times, found = time_calls(find, n)
        p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
        res.add(Figure(f"query: {title}", f"p50 {p50:.2f} ms", "p50 <= 5 ms", p50 <= 5.0,
                       detail=f"p95 {p95:.2f} ms; {len(found)} meetings found by name/date through the "
                              f"indexes; {label}"))
        times, objs = time_calls(full, max(20, n // 5))
        p50 = percentile(times, 0.5) * 1000
        res.add(Figure(f"  + contract objects of the {len(objs)} meetings", f"p50 {p50:.2f} ms",
                       detail=f"the whole KnowledgeBase call; {p50 / max(1, len(objs)) * 1000:.0f} µs per "
                              f"meeting returned; no target (grows with the answer, not the store)"))
    times, found = time_calls(ids(lambda s: timeline_ids(s, people=[facts["busiest"]])), 50)
    res.add(Figure(f"query: timeline of the busiest person", f"p50 {percentile(times, .5) * 1000:.2f} ms",
                   detail=f"{len(found)} meetings; no target, for scale"))
    kb.engine.dispose()
    walls = [wall([*kb_command(), "--db", str(db), "meetings", a, b, "--format", "json"]) for _ in range(6)][1:]
    med = statistics.median(walls)
    res.add(Figure("CLI wall: kb meetings A B", f"{med:.3f} s", "<= 0.3 s", med <= 0.3,
                   detail=f"median of {len(walls)}, min {min(walls):.3f}, max {max(walls):.3f}"))
    res.sections[f"EXPLAIN QUERY PLAN ({label})"] = explain_plans(db, facts)
    print(res.sections[f"EXPLAIN QUERY PLAN ({label})"], flush=True)


def bench_scaling(res: Results, tmp: Path, cache: Path, sizes, n_new: int) -> None:
    """Cost per added article with `size` articles already in the store (synthetic, bulk-inserted, 4
    meetings each... one per article here), adding the same `n_new` real articles each time."""
    from kb.api import KnowledgeBase

    corpus = build_corpus(tmp / "scale-corpus", 1, prefix="s")
    keep = sorted(corpus.files)[:n_new]
    folder = tmp / "scale-new"
    folder.mkdir()
    entries = {e["file"]: e for e in json.loads((corpus.folder / "manifest.json").read_text())["articles"]}
    for f in keep:
        shutil.copyfile(f, folder / f.name)
    (folder / "manifest.json").write_text(json.dumps({"articles": [entries[f.name] for f in keep]}))
    warm_extractor(corpus.documents())
    per = {}
    for size in sizes:
        path, facts = cached_store(size, cache, n_people=max(100, size // 5), n_articles=size, label="articles")
        db = tmp / f"scale-{size}.sqlite3"
        shutil.copyfile(path, db)
        kb = KnowledgeBase(str(db), writer=True)
        t0 = time.perf_counter()
        report = kb.add([str(folder)])
        secs = time.perf_counter() - t0
        kb.engine.dispose()
        per[size] = secs / max(1, len(keep)) * 1000
        res.add(Figure(f"ingest cost per article, {size:,} stored", f"{per[size]:.1f} ms",
                       detail=f"{report.count('added')} added, {report.count('failed')} failed"))
    lo, hi = per[sizes[0]], per[sizes[-1]]
    growth = hi / lo if lo else float("inf")
    res.add(Figure(f"cost at {sizes[-1]:,} / cost at {sizes[0]:,}", f"{growth:.2f}x", "<= 1.5x (flat)",
                   growth <= 1.5))


# ---- report -------------------------------------------------------------------------------------------

def markdown(res: Results, command: str) -> str:
    m = res.machine
    lines = [
        "# Performance", "",
        f"Generated by `{command}` on {m['date']}; do not edit by hand, run the command again.", "",
        "## Machine", "",
        "| | |", "|---|---|",
        f"| CPU | {m['cpu']} |", f"| cores | {m['cores']} |", f"| RAM | {m['ram']} |", f"| OS | {m['os']} |",
        f"| Python | {m['python']} |", f"| SQLite | {m['sqlite']} |", f"| SQLAlchemy | {m['sqlalchemy']} |",
        f"| spaCy | {m['spacy']} |", "",
        "## Figures", "",
        f"Mode: {res.mode}. Machines are shared and noisy: ratios hold better than absolute times.", "",
        "| figure | value | target | verdict | detail |", "|---|---:|---|---|---|",
    ]
    for f in res.figures:
        lines.append(f"| {f.name} | {f.value} | {f.target} | {f.verdict} | {f.detail.replace('|', '/')} |")
    for title, text in res.sections.items():
        lines += ["", f"## {title}", "", "```", text, "```"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m kb.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller corpus and a 100k-meeting query store")
    ap.add_argument("--write", metavar="FILE", help="write the results as Markdown (docs/performance.md)")
    ap.add_argument("--workers", type=int, default=None, help="workers for the parallel figure (default: cores)")
    ap.add_argument("--cache", help="folder for the synthetic stores (default ~/.cache/kb-bench)")
    ap.add_argument("--only", action="append", choices=["ingest", "cold", "rss", "timex", "query", "scale"],
                    help="run only these parts (repeatable)")
    args = ap.parse_args(argv)
    res = run(quick=args.quick, workers=args.workers, cache=args.cache, only=set(args.only or ()))
    if args.write:
        cmd = "python -m kb.bench" + (" --quick" if args.quick else "") + f" --write {args.write}"
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(markdown(res, cmd), encoding="utf-8")
        print(f"wrote {args.write}")
    return 1 if any(f.ok is False for f in res.figures) else 0


if __name__ == "__main__":
    sys.exit(main())
