"""Writing one article's extraction to the store, in one transaction, and re-merging what it touches.

The write path is SQLAlchemy Core on the transaction's connection, with statements built once at import
(their cache keys and compiled forms are reused; IN lists are expanding parameters): about a dozen
statements per article, whatever the number of names and meetings in it. ORM sessions, unit-of-work
flushes and per-name queries cost several times the database work here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone

from typing import TYPE_CHECKING

from sqlalchemy import String, bindparam, cast, delete, insert, literal_column, null, or_, select, union_all, update
from sqlalchemy.engine import Connection

from kb.document import Document
from kb.extract.gazetteer_norm import normalise_name
from kb.extract.records import ArticleExtraction, MeetingRecord, PersonRef, PlaceRef
from kb.resolve import ReportView, merge_reports
from kb.store.schema import (
    articles as _articles,
    conflicts as _conflicts,
    evidence as _evidence,
    meeting_participants as _participants,
    meetings as _meetings,
    people as _people,
    person_aliases as _person_aliases,
    place_aliases as _place_aliases,
    places as _places,
    reports as _reports,
    span_bucket,
    topics as _topics,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# ---- statements, built once ------------------------------------------------------------------------
_FIND_BY_HASH = select(_articles.c.id, _articles.c.content_hash).where(_articles.c.content_hash == bindparam("hash"))
_FIND_BY_HASH_OR_URL = select(_articles.c.id, _articles.c.content_hash).where(
    or_(_articles.c.content_hash == bindparam("hash"), _articles.c.url == bindparam("url")))
_STORED_HASHES = select(_articles.c.content_hash).where(_articles.c.content_hash.in_(bindparam("hashes")))
_INSERT_ARTICLE = insert(_articles)
_UPDATE_ARTICLE = update(_articles).where(_articles.c.id == bindparam("b_id"))
_KEYS_OF_ARTICLE = select(_reports.c.participants_key).where(_reports.c.article_id == bindparam("article_id"))
_DELETE_EVIDENCE_OF_ARTICLE = delete(_evidence).where(_evidence.c.article_id == bindparam("article_id"))
_DELETE_REPORTS_OF_ARTICLE = delete(_reports).where(_reports.c.article_id == bindparam("article_id"))


def _tagged(tag: str, key, ident, extra=None):
    return select(literal_column(f"'{tag}'", String).label("tag"), key.label("k"), ident.label("ident"),
                  (extra if extra is not None else cast(null(), String)).label("extra"))


# every name and alias lookup of an article in one round trip: (tag, key, id, extra) rows, where tag is
# n (person by name), a (person alias, with the person's name), p (place by name, with its country) or
# q (place alias)
_LOOKUP = union_all(
    _tagged("n", _people.c.name, _people.c.id).where(_people.c.name.in_(bindparam("person_names"))),
    _tagged("a", _person_aliases.c.alias_norm, _person_aliases.c.person_id, _people.c.name)
    .join_from(_person_aliases, _people, _person_aliases.c.person_id == _people.c.id)
    .where(_person_aliases.c.alias_norm.in_(bindparam("person_norms"))),
    _tagged("p", _places.c.name, _places.c.id, _places.c.country).where(_places.c.name.in_(bindparam("place_names"))),
    _tagged("q", _place_aliases.c.alias_norm, _place_aliases.c.place_id)
    .where(_place_aliases.c.alias_norm.in_(bindparam("place_norms"))),
)
_INSERT_PEOPLE = insert(_people).returning(_people.c.id, sort_by_parameter_order=True)
_INSERT_PLACES = insert(_places).returning(_places.c.id, sort_by_parameter_order=True)
_INSERT_PERSON_ALIASES = insert(_person_aliases)
_INSERT_PLACE_ALIASES = insert(_place_aliases)
_INSERT_REPORTS = insert(_reports)

# the columns of a report that merging needs, in the order _rebuild unpacks them
_REPORT_COLUMNS = (
    select(_reports.c.participants_key, _reports.c.id, _reports.c.article_id, _articles.c.content_hash,
           _articles.c.origin, _articles.c.source, _reports.c.date, _reports.c.date_start, _reports.c.date_end,
           _reports.c.granularity, _reports.c.date_basis, _reports.c.date_text, _reports.c.place_id, _places.c.name,
           _places.c.country, _reports.c.kind, _reports.c.status, _reports.c.duration_minutes, _reports.c.duration_mod,
           _reports.c.occasion, _reports.c.topics, _reports.c.conflicts, _reports.c.span_start, _reports.c.sentence,
           _reports.c.span_end)
    .join(_articles, _reports.c.article_id == _articles.c.id)
    .outerjoin(_places, _reports.c.place_id == _places.c.id)
)
# most articles touch one participants key: a plain equality saves expanding an IN list
_REPORTS_OF_KEY = _REPORT_COLUMNS.where(_reports.c.participants_key == bindparam("key"))
_REPORTS_OF_KEYS = _REPORT_COLUMNS.where(_reports.c.participants_key.in_(bindparam("keys")))
_PERSON_NAMES = select(_people.c.id, _people.c.name).where(_people.c.id.in_(bindparam("ids")))
# the merged meetings' participants, topics, evidence and conflicts go with them (ON DELETE CASCADE)
_DELETE_MEETINGS_OF_KEY = delete(_meetings).where(_meetings.c.participants_key == bindparam("key"))
_INSERT_MEETINGS = insert(_meetings).returning(_meetings.c.id, sort_by_parameter_order=True)
_INSERT_CHILDREN = tuple(insert(t) for t in (_participants, _topics, _evidence, _conflicts))


def _connection(target: Session | Connection) -> Connection:
    """The Connection itself, or the connection of a Session's transaction (flushed first). (No isinstance
    check against Session: this module does not import the ORM.)"""
    if isinstance(target, Connection):
        return target
    target.flush()
    return target.connection()


def _done(target: Session | Connection) -> None:
    """After writing past a Session's back: its loaded objects may be stale (ids are reused), so expire them."""
    if not isinstance(target, Connection):
        target.expire_all()


# ---- articles ---------------------------------------------------------------------------------------

def find_article(target: Session | Connection, doc: Document, *, by_url: bool = True) -> tuple[str, int | None]:
    """('skipped', id) when this text is stored, ('updated', id) when its URL is stored with another text
    (the oldest such article; only looked for `by_url`), ('added', None) otherwise. One query."""
    conn = _connection(target)
    if doc.url and by_url:
        rows = conn.execute(_FIND_BY_HASH_OR_URL, {"hash": doc.content_hash, "url": doc.url}).all()
    else:
        rows = conn.execute(_FIND_BY_HASH, {"hash": doc.content_hash}).all()
    for aid, content_hash in rows:
        if content_hash == doc.content_hash:
            return "skipped", aid
    if rows:  # the others matched by URL
        return "updated", min(aid for aid, _ in rows)
    return "added", None


def stored_hashes(target: Session | Connection, hashes: list[str]) -> set[str]:
    """Which of these content hashes the store holds (one query)."""
    return set(_connection(target).execute(_STORED_HASHES, {"hashes": hashes}).scalars())


def save_article(target: Session | Connection, doc: Document, extraction: ArticleExtraction, *,
                 names: NameCache | None = None) -> tuple[str, int]:
    """Store one article and its extraction; returns (outcome, article id). The caller owns the
    transaction (a Session's or a Connection's), and commits `names` after it (see NameCache)."""
    conn = _connection(target)
    if names is not None:
        names.rollback()  # whatever an earlier, failed call left staged
    outcome, article_id = find_article(conn, doc)
    if outcome == "skipped":
        return outcome, article_id
    fields = dict(content_hash=doc.content_hash, url=doc.url, origin=doc.origin, source=doc.source, title=doc.title,
                  language=doc.language, published=doc.published, text=doc.text, word_count=len(doc.text.split()))
    touched: set[str] = set()
    if article_id is None:
        fields["added_at"] = datetime.now(timezone.utc).replace(tzinfo=None)
        article_id = conn.execute(_INSERT_ARTICLE, fields).inserted_primary_key[0]
    else:
        params = {"article_id": article_id}
        touched.update(conn.execute(_KEYS_OF_ARTICLE, params).scalars())
        conn.execute(_DELETE_EVIDENCE_OF_ARTICLE, params)
        conn.execute(_DELETE_REPORTS_OF_ARTICLE, params)
        conn.execute(_UPDATE_ARTICLE, {"b_id": article_id, **fields})

    # people first (extraction.people, then participants not among them), places next (extraction.places,
    # then the places of the reports kept): one lookup for all of them, and ids given in the order that
    # resolving them one by one gives
    person_refs = list(extraction.people)
    seen_names = {r.name for r in person_refs}
    records = _unique_records(extraction.meetings)
    for rec in records:
        for p in rec.participants:
            if p.name not in seen_names:
                seen_names.add(p.name)
                person_refs.append(p)
    # places of every record are looked up (the kept ones are known only once people have ids): a larger
    # lookup finds nothing that changes the outcome for the places that are used
    place_candidates = [*extraction.places, *(rec.place for rec in records if rec.place)]
    found = _lookup(conn, person_refs, place_candidates, names.known if names is not None else None)
    person_ids = _person_ids(conn, person_refs, found)
    kept = []
    for rec in records:
        ids = sorted({person_ids[p.name] for p in rec.participants})
        if len(ids) >= 2:
            kept.append((rec, ",".join(map(str, ids))))
    place_ids = _place_ids(conn, [*extraction.places, *(rec.place for rec, _ in kept if rec.place)], found)
    rows = []
    for rec, key in kept:
        touched.add(key)
        rows.append(dict(
            article_id=article_id, participants_key=key, date=rec.date, date_start=rec.date_start,
            date_end=rec.date_end, granularity=rec.granularity, date_basis=rec.date_basis, date_text=rec.date_text,
            place_id=place_ids[rec.place] if rec.place else None, kind=rec.kind, status=rec.status,
            duration_minutes=rec.duration_minutes, duration_mod=rec.duration_mod, occasion=rec.occasion,
            topics=list(rec.topics), conflicts=list(rec.conflicts), sentence=rec.evidence.sentence,
            span_start=rec.evidence.start, span_end=rec.evidence.end))
    if rows:
        conn.execute(_INSERT_REPORTS, rows)
    _rebuild(conn, sorted(touched), found.person_names)
    if names is not None:
        names.staged = found
    _done(target)
    return outcome, article_id


def _unique_records(records: list[MeetingRecord]) -> list[MeetingRecord]:
    """The same sentence read twice (a paragraph repeated by a scraper) is one report; one sentence's
    meetings in two places ("further meetings in Washington and Munich") stay two."""
    seen: dict[tuple, list[MeetingRecord]] = {}
    out = []
    for r in records:
        k = (tuple(sorted(p.name for p in r.participants)), r.evidence.sentence, r.status, r.kind, r.date)
        same = seen.setdefault(k, [])
        first = next((o for o in same if o.place is None or r.place is None or o.place == r.place), None)
        if first is None:
            same.append(r)
            out.append(r)
            continue
        # what a later reading adds (a duration or place stated in a following sentence) is kept
        first.place = first.place or r.place
        if first.duration_minutes is None:
            first.duration_minutes, first.duration_mod = r.duration_minutes, r.duration_mod
        first.occasion = first.occasion or r.occasion
        first.topics.extend(t for t in r.topics if t not in first.topics)
    return out


# ---- people and places --------------------------------------------------------------------------------

class _Found:
    """What the store holds of some names: people by name, person aliases (their owners), people's names
    by id, places by (name, country) (the oldest of equal ones), place aliases."""

    def __init__(self):
        self.person_by_name: dict[str, int] = {}
        self.person_alias_owner: dict[str, int] = {}
        self.person_names: dict[int, str] = {}
        self.place_by_key: dict[tuple[str, str | None], int] = {}
        self.place_aliases: set[str] = set()

    def update(self, other: _Found) -> None:
        self.person_by_name.update(other.person_by_name)
        self.person_alias_owner.update(other.person_alias_owner)
        self.person_names.update(other.person_names)
        self.place_by_key.update(other.place_by_key)
        self.place_aliases |= other.place_aliases


class NameCache:
    """The people, aliases and places that one add() call has met, kept across its transactions, so that
    names seen before cost no query.

    Keeping them is safe because nothing changes them once stored: people, places and aliases are never
    renamed or deleted, and a name keeps its id. Only what is stored is kept, never that a name is missing
    (another writer may add it at any time). What a transaction found or created is staged by
    save_article and kept only when the caller calls `commit()` after the transaction committed: ids
    written by a transaction that rolled back do not exist (and SQLite gives them out again)."""

    def __init__(self):
        self.known = _Found()
        self.staged: _Found | None = None

    def commit(self) -> None:
        if self.staged is not None:
            self.known.update(self.staged)
            self.staged = None

    def rollback(self) -> None:
        self.staged = None


def _norms(refs) -> set[str]:
    return {normalise_name(a) for r in refs for a in (r.name, *r.aliases)} - {""}


def _lookup(conn: Connection, person_refs: list[PersonRef], place_refs: list[PlaceRef],
            known: _Found | None = None) -> _Found:
    """What the store holds of these names: taken from `known` where it has them, the rest in one query."""
    found = _Found()
    person_names = {r.name for r in person_refs}
    person_norms = _norms(person_refs)
    place_keys = {(r.name, r.country) for r in place_refs}
    place_norms = _norms(place_refs)
    if known is not None:
        person_names = _take(person_names, known.person_by_name, found.person_by_name)
        person_norms = _take(person_norms, known.person_alias_owner, found.person_alias_owner)
        for pid in (*found.person_by_name.values(), *found.person_alias_owner.values()):
            if pid in known.person_names:
                found.person_names[pid] = known.person_names[pid]
        place_keys = _take(place_keys, known.place_by_key, found.place_by_key)
        found.place_aliases = place_norms & known.place_aliases
        place_norms = place_norms - found.place_aliases
    if not (person_names or person_norms or place_keys or place_norms):
        return found
    rows = conn.execute(_LOOKUP, {"person_names": list(person_names), "person_norms": list(person_norms),
                                  "place_names": list({name for name, _ in place_keys}), "place_norms": list(place_norms)})
    for tag, key, ident, extra in rows:
        if tag == "n":
            found.person_by_name[key] = ident
            found.person_names[ident] = key
        elif tag == "a":
            found.person_alias_owner[key] = ident
            found.person_names[ident] = extra
        elif tag == "p":
            old = found.place_by_key.get((key, extra))
            if old is None or ident < old:
                found.place_by_key[(key, extra)] = ident
        else:
            found.place_aliases.add(key)
    return found


def _take(wanted: set, known: dict, into: dict) -> set:
    """Copy the entries of `known` for the wanted keys into `into`; the keys it lacks."""
    missing = set()
    for k in wanted:
        v = known.get(k)
        if v is None:
            missing.add(k)
        else:
            into[k] = v
    return missing


def _person_ids(conn: Connection, refs: list[PersonRef], found: _Found) -> dict[str, int]:
    """Person id of each ref's name, creating people and aliases as needed: a person is found by its
    name, else by an alias equal to that name, else created; every alias of a ref that no person holds
    yet becomes that person's. New people get their ids in the order of `refs`, in one insert."""
    by_name, owner = found.person_by_name, found.person_alias_owner
    ids: dict[str, int] = {}
    new_people: list[dict] = []
    new_aliases: list[dict] = []
    for ref in refs:
        pid = by_name.get(ref.name)
        if pid is None:
            pid = owner.get(normalise_name(ref.name))
        if pid is None:
            new_people.append({"name": ref.name, "role": ref.role, "country": ref.country})
            pid = -len(new_people)  # a placeholder until the insert below gives the real id
            by_name[ref.name] = pid
        for alias in (ref.name, *ref.aliases):
            norm = normalise_name(alias)
            if norm and norm not in owner:
                owner[norm] = pid
                new_aliases.append({"person_id": pid, "alias": alias, "alias_norm": norm})
        ids[ref.name] = pid
    if new_people:
        real = conn.execute(_INSERT_PEOPLE, new_people).scalars().all()
        found.person_names.update(zip(real, (p["name"] for p in new_people)))
        _replace_placeholders(real, (ids, by_name, owner), new_aliases, "person_id")
    if new_aliases:
        conn.execute(_INSERT_PERSON_ALIASES, new_aliases)
    return ids


def _replace_placeholders(real: list[int], maps, rows: list[dict], column: str) -> None:
    """Swap the placeholder ids (-1 for the first row inserted, -2 for the second …) for the ids the insert
    gave, in the lookup maps' values and in the alias rows still to be written."""
    for d in maps:
        for k, v in d.items():
            if v < 0:
                d[k] = real[-v - 1]
    for row in rows:
        if row[column] < 0:
            row[column] = real[-row[column] - 1]


def _place_ids(conn: Connection, refs: list[PlaceRef], found: _Found) -> dict[PlaceRef, int]:
    """Place id of each ref (by name and country, created when new), adding the aliases no place holds."""
    existing, known = found.place_by_key, found.place_aliases
    ids: dict[PlaceRef, int] = {}
    new_places: list[dict] = []
    new_aliases: list[dict] = []
    for ref in refs:
        if ref in ids:
            continue
        pid = existing.get((ref.name, ref.country))
        if pid is None:
            new_places.append({"name": ref.name, "country": ref.country})
            pid = -len(new_places)  # a placeholder until the insert below gives the real id
            existing[(ref.name, ref.country)] = pid
        for alias in (ref.name, *ref.aliases):
            norm = normalise_name(alias)
            if norm and norm not in known:
                known.add(norm)
                new_aliases.append({"place_id": pid, "alias": alias, "alias_norm": norm})
        ids[ref] = pid
    if new_places:
        real = conn.execute(_INSERT_PLACES, new_places).scalars().all()
        _replace_placeholders(real, (ids, existing), new_aliases, "place_id")
    if new_aliases:
        conn.execute(_INSERT_PLACE_ALIASES, new_aliases)
    return ids


# ---- merged meetings ------------------------------------------------------------------------------------

def _label(origin: str | None, source: str | None, article_id: int) -> str:
    """How a conflict names an article: its outlet and file name ("Wire (story.txt)")."""
    name = (origin or "").replace("\\", "/").rsplit("/", 1)[-1] or f"article {article_id}"
    return f"{source} ({name})" if source else name


def rebuild_meetings(target: Session | Connection, key: str) -> None:
    """Recompute the merged meetings of one participants key from all its reports."""
    _rebuild(_connection(target), [key], {})
    _done(target)


def _rebuild(conn: Connection, keys: list[str], person_names: dict[int, str]) -> None:
    """Recompute the merged meetings of each key, in the order given: the reports of all the keys are read
    at once (and the participants' names that `person_names` lacks, which it then holds), then each key's
    meetings are deleted and written again."""
    if not keys:
        return
    views: dict[str, list[ReportView]] = defaultdict(list)
    sentences = {}
    found = (conn.execute(_REPORTS_OF_KEY, {"key": keys[0]}) if len(keys) == 1
             else conn.execute(_REPORTS_OF_KEYS, {"keys": keys}))
    # rows unpacked as tuples (attribute access by name costs more than the rest of building a view)
    for (key, rid, aid, a_hash, a_origin, a_source, date_, start, end, gran, basis, date_text, place_id, p_name,
         p_country, kind, status, minutes, minutes_mod, occasion, topics, conflicts, span_start, sentence,
         span_end) in found:
        views[key].append(ReportView(
            report_id=rid, article_id=aid, article_hash=a_hash, article_label=_label(a_origin, a_source, aid),
            date=date_, date_start=start, date_end=end, granularity=gran, date_basis=basis, date_text=date_text,
            place_id=place_id, place_name=p_name, place_country=p_country, kind=kind, status=status,
            duration_minutes=minutes, duration_mod=minutes_mod, occasion=occasion, topics=tuple(topics or ()),
            conflicts=tuple(conflicts or ()), span_start=span_start))
        sentences[rid] = (sentence, span_start, span_end)
    key_ids = {key: [int(x) for x in key.split(",")] for key in keys}
    missing = {i for ids in key_ids.values() for i in ids} - person_names.keys()
    if missing:
        person_names.update(conn.execute(_PERSON_NAMES, {"ids": list(missing)}).all())
    names = person_names
    key_ids = {key: [pid for pid in ids if pid in names] for key, ids in key_ids.items()}
    for key in keys:
        # one key after the other, deleting before writing: row ids come out as when each key is rebuilt
        # on its own
        conn.execute(_DELETE_MEETINGS_OF_KEY, {"key": key})
        merged_meetings = merge_reports(_name_key(key_ids[key], names), views.get(key, []))
        if not merged_meetings:
            continue
        # participants in name order, and the meeting's uid from their names: row ids depend on the order
        # in which articles were added, and what users see must not
        person_ids = sorted(key_ids[key], key=lambda pid: (names[pid], pid))
        mids = conn.execute(_INSERT_MEETINGS, [dict(
            uid=m.uid, participants_key=key, date=m.date, date_start=m.date_start, date_end=m.date_end,
            granularity=m.granularity, span_bucket=span_bucket(m.date_start, m.date_end), place_id=m.place_id,
            kind=m.kind, status=m.status, duration_minutes=m.duration_minutes, duration_mod=m.duration_mod,
            occasion=m.occasion) for m in merged_meetings]).scalars().all()
        parts, topics, evidence, conflicts = [], [], [], []
        for mid, merged in zip(mids, merged_meetings):
            parts.extend({"meeting_id": mid, "person_id": pid, "position": i} for i, pid in enumerate(person_ids))
            topics.extend({"meeting_id": mid, "position": i, "topic": t} for i, t in enumerate(merged.topics))
            seen_articles = set()
            for r in merged.reports:
                if r.article_id in seen_articles:
                    continue  # one source per article, whatever it repeats
                seen_articles.add(r.article_id)
                sentence, start, end = sentences[r.report_id]
                evidence.append({"meeting_id": mid, "article_id": r.article_id, "sentence": sentence,
                                 "span_start": start, "span_end": end})
            conflicts.extend({"meeting_id": mid, "field": f, "message": msg} for f, msg in merged.conflicts)
        for stmt, rows in zip(_INSERT_CHILDREN, (parts, topics, evidence, conflicts)):
            if rows:
                conn.execute(stmt, rows)


def _name_key(person_ids: list[int], names: dict[int, str]) -> str:
    """The participants' names in name order, joined: what a meeting's uid is computed from."""
    return "\x1f".join(names[pid] for pid in sorted(person_ids, key=lambda pid: (names[pid], pid)))
