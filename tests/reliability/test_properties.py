"""Property-based tests (issue 11) with hypothesis.

Merging, through `kb.store.repo.save_article` with hand-made extractions (as tests/store/test_repo.py):
- the meetings of a store (everything `kb timeline --format json` shows but row ids) do not depend on the
  order in which the articles were added;
- adding any article a second time changes nothing (outcome "skipped", same row counts, same meetings).

Readers: arbitrary bytes, as files of any supported kind, as folders with an arbitrary manifest, as JSONL
lines of arbitrary JSON values, never raise; they yield only Documents or InputErrors, never an internal
error.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.api import KnowledgeBase
from kb.document import Document
from kb.errors import InputError
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef, PlaceRef
from kb.ingest import read_inputs
from kb.store.repo import save_article
from reliability_harness import copy_store

PEOPLE = [PersonRef("Arlo Tavrel", ("Tavrel",)), PersonRef("Bente Ostin", ("Ostin", "B. Ostin")),
          PersonRef("Cyrus Marcov", ("Marcov",)), PersonRef("Dalia Quillan", ())]
PLACES = [PlaceRef("Oslo", "Norway", ("Christiania",)), PlaceRef("Lima", "Peru")]
BASE = date(2023, 1, 1)


def _date(choice):
    kind, n = choice
    if kind == "none":
        return {}
    if kind == "day":
        d = BASE + timedelta(days=n)
        return dict(date=d.isoformat(), date_start=d, date_end=d, granularity="day", date_basis="explicit")
    if kind == "month":
        start = date(2023, 1 + n % 2, 1)
        end = date(2023, 1, 31) if start.month == 1 else date(2023, 2, 28)
        return dict(date=start.isoformat()[:7], date_start=start, date_end=end, granularity="month",
                    date_basis="explicit")
    start = date(2022, 1, 1)  # a relative reading a year off ("last January")
    return dict(date="2022-01", date_start=start, date_end=date(2022, 1, 31), granularity="month",
                date_basis="relative", date_text="last January")


records = st.fixed_dictionaries({
    "people": st.lists(st.sampled_from(range(len(PEOPLE))), min_size=2, max_size=3, unique=True),
    "place": st.sampled_from([None, 0, 1]),
    "date": st.one_of(st.just(("none", 0)), st.tuples(st.just("day"), st.integers(0, 3)),
                      st.tuples(st.just("month"), st.integers(0, 1)), st.just(("relative", 0))),
    "kind": st.sampled_from(["in_person", "in_person", "phone"]),
    "status": st.sampled_from(["occurred", "occurred", "planned"]),
    "duration": st.sampled_from([None, 30, 90]),
    "topic": st.sampled_from([None, "fish", "rail", "Fish"]),
})
articles = st.lists(st.lists(records, min_size=1, max_size=3), min_size=1, max_size=5)


def _build(spec: list[list[dict]]) -> list[tuple[Document, ArticleExtraction]]:
    out = []
    for i, recs in enumerate(spec):
        sentences = [f"Report {i}.{j}: " + " and ".join(PEOPLE[p].name for p in r["people"]) + " talked."
                     for j, r in enumerate(recs)]
        text = "\n\n".join(sentences)
        doc = Document(text=text, language="en", origin=f"art{i}.txt", published=date(2023, 3, 1), source=f"Wire {i % 2}")
        meetings, pos = [], 0
        for s, r in zip(sentences, recs):
            start = text.index(s, pos)
            pos = start + len(s)
            meetings.append(MeetingRecord(
                participants=[PEOPLE[p] for p in r["people"]], evidence=Evidence(s, start, pos), kind=r["kind"],
                status=r["status"], place=PLACES[r["place"]] if r["place"] is not None else None,
                duration_minutes=r["duration"], topics=[r["topic"]] if r["topic"] else [], **_date(r["date"])))
        people = {p.name: p for m in meetings for p in m.participants}
        out.append((doc, ArticleExtraction(people=list(people.values()), meetings=meetings)))
    return out


def _view(kb: KnowledgeBase) -> list:
    """The timeline without row ids, each meeting's sources sorted."""
    out = []
    for m in kb.timeline():
        m = {k: v for k, v in m.items() if k != "id"}
        m["sources"] = sorted(json.dumps({k: v for k, v in s.items() if k != "article_id"}, sort_keys=True)
                              for s in m["sources"])
        out.append(json.dumps(m, sort_keys=True, default=str))
    return sorted(out)


def _store(kb, doc, ext) -> str:
    with kb.session() as s, s.begin():
        return save_article(s, doc, ext)[0]


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("empty") / "empty.sqlite3")
    KnowledgeBase(path, writer=True).engine.dispose()
    return path


_counter = iter(range(10**9))


def _fresh(empty_store) -> KnowledgeBase:
    path = str(Path(empty_store).parent / f"s{next(_counter)}.sqlite3")
    copy_store(empty_store, path)
    return KnowledgeBase(path, writer=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=articles, data=st.data())
def test_meetings_do_not_depend_on_the_order_articles_are_added(empty_store, spec, data):
    built = _build(spec)
    order = data.draw(st.permutations(range(len(built))))
    a, b = _fresh(empty_store), _fresh(empty_store)
    try:
        for doc, ext in built:
            _store(a, doc, ext)
        for i in order:
            _store(b, *built[i])
        assert _view(a) == _view(b)
        assert a.counts() == b.counts()
    finally:
        a.engine.dispose()
        b.engine.dispose()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=articles, data=st.data())
def test_adding_an_article_twice_changes_nothing(empty_store, spec, data):
    built = _build(spec)
    kb = _fresh(empty_store)
    try:
        for doc, ext in built:
            assert _store(kb, doc, ext) == "added"
        counts, view = kb.counts(), _view(kb)
        again = data.draw(st.sampled_from(built))
        assert _store(kb, *again) == "skipped"
        assert kb.counts() == counts and _view(kb) == view
    finally:
        kb.engine.dispose()


# ---------------------------------------------------------------------------------------------- readers

def _only_documents_and_input_errors(items):
    assert items, "every input yields something"
    for item in items:
        assert isinstance(item, (Document, InputError)), repr(item)
        if isinstance(item, InputError):
            assert "internal error" not in str(item), str(item)
            assert "\n" not in str(item)
        else:
            assert item.text.strip() and item.language


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "content", "body", "title", "published", "date", "language", "lang", "source",
                         "url", "file", "articles", "x"]), children, max_size=5),
    max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(manifest=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())),
       body=st.binary(max_size=200), ext=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".xyz"]))
def test_folders_with_arbitrary_manifests_and_files_never_raise(tmp_path_factory, manifest, body, ext):
    folder = tmp_path_factory.mktemp("f")
    (folder / "manifest.json").write_bytes(manifest)
    (folder / f"a{ext}").write_bytes(body)
    (folder / "b.txt").write_text("Foreign Minister Arlo Tavrel met Bente Ostin in Oslo.", encoding="utf-8")
    _only_documents_and_input_errors(list(read_inputs([str(folder)])))


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(json_values.map(json.dumps) | st.text(max_size=30), min_size=1, max_size=6))
def test_jsonl_of_arbitrary_values_never_raises(lines):
    data = "\n".join(lines).encode("utf-8")
    _only_documents_and_input_errors(list(read_inputs(["-"], stdin=io.BytesIO(data))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.text(max_size=120), value=json_values, body=st.text(max_size=120))
def test_markdown_with_arbitrary_front_matter_never_raises(tmp_path_factory, front, value, body):
    f = tmp_path_factory.mktemp("md") / "a.md"
    f.write_text(f"---\n{front}\nkey: {json.dumps(value)}\n---\n{body}\n", encoding="utf-8", errors="surrogatepass")
    _only_documents_and_input_errors(list(read_inputs([str(f)])))
