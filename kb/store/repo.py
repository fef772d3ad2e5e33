"""Writing one article's extraction to the store, in one transaction, and re-merging what it touches."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from kb.document import Document
from kb.extract.gazetteer_norm import normalise_name
from kb.extract.records import ArticleExtraction, MeetingRecord, PersonRef, PlaceRef
from kb.resolve import ReportView, merge_reports
from kb.store.models import (
    Article,
    Conflict,
    Evidence,
    Meeting,
    MeetingParticipant,
    Person,
    PersonAlias,
    Place,
    PlaceAlias,
    Report,
    Topic,
    span_bucket,
)


def find_article(session: Session, doc: Document) -> tuple[str, Article | None]:
    """('skipped', article) when this text is stored, ('updated', article) when its URL is stored with
    another text, ('added', None) otherwise."""
    same = session.scalar(select(Article).where(Article.content_hash == doc.content_hash))
    if same is not None:
        return "skipped", same
    if doc.url:
        old = session.scalar(select(Article).where(Article.url == doc.url).order_by(Article.id).limit(1))
        if old is not None:
            return "updated", old
    return "added", None


def save_article(session: Session, doc: Document, extraction: ArticleExtraction) -> tuple[str, Article]:
    """Store one article and its extraction; the caller owns the transaction."""
    outcome, article = find_article(session, doc)
    if outcome == "skipped":
        return outcome, article
    touched: set[str] = set()
    if article is None:
        article = Article(content_hash=doc.content_hash, added_at=datetime.now(timezone.utc).replace(tzinfo=None))
        session.add(article)
    else:
        touched.update(session.scalars(select(Report.participants_key).where(Report.article_id == article.id)))
        session.execute(delete(Evidence).where(Evidence.article_id == article.id))
        session.execute(delete(Report).where(Report.article_id == article.id))
        article.content_hash = doc.content_hash
    article.url = doc.url
    article.origin = doc.origin
    article.source = doc.source
    article.title = doc.title
    article.language = doc.language
    article.published = doc.published
    article.text = doc.text
    article.word_count = len(doc.text.split())
    session.flush()

    # people first (extraction.people, then participants not among them), places next (extraction.places,
    # then the places of the reports kept): each resolved with a few queries per article, in the order
    # (and so with the ids) that resolving them one by one gives
    person_refs = list(extraction.people)
    seen_names = {r.name for r in person_refs}
    records = _unique_records(extraction.meetings)
    for rec in records:
        for p in rec.participants:
            if p.name not in seen_names:
                seen_names.add(p.name)
                person_refs.append(p)
    person_ids = _person_ids(session, person_refs)
    kept = []
    for rec in records:
        ids = sorted({person_ids[p.name] for p in rec.participants})
        if len(ids) >= 2:
            kept.append((rec, ",".join(map(str, ids))))
    place_ids = _place_ids(session, [*extraction.places, *(rec.place for rec, _ in kept if rec.place)])
    rows = []
    for rec, key in kept:
        touched.add(key)
        rows.append(dict(
            article_id=article.id, participants_key=key, date=rec.date, date_start=rec.date_start,
            date_end=rec.date_end, granularity=rec.granularity, date_basis=rec.date_basis, date_text=rec.date_text,
            place_id=place_ids[rec.place] if rec.place else None, kind=rec.kind, status=rec.status,
            duration_minutes=rec.duration_minutes, duration_mod=rec.duration_mod, occasion=rec.occasion,
            topics=list(rec.topics), conflicts=list(rec.conflicts), sentence=rec.evidence.sentence,
            span_start=rec.evidence.start, span_end=rec.evidence.end))
    if rows:
        session.execute(insert(Report), rows)
    session.flush()
    for key in sorted(touched):
        rebuild_meetings(session, key)
    return outcome, article


def _unique_records(records: list[MeetingRecord]) -> list[MeetingRecord]:
    """The same sentence read twice (a paragraph repeated by a scraper) is one report."""
    seen: dict[tuple, MeetingRecord] = {}
    out = []
    for r in records:
        k = (tuple(sorted(p.name for p in r.participants)), r.evidence.sentence, r.status, r.kind, r.date)
        first = seen.get(k)
        if first is None:
            seen[k] = r
            out.append(r)
            continue
        # what a later reading adds (a duration or place stated in a following sentence) is kept
        first.place = first.place or r.place
        if first.duration_minutes is None:
            first.duration_minutes, first.duration_mod = r.duration_minutes, r.duration_mod
        first.occasion = first.occasion or r.occasion
        first.topics.extend(t for t in r.topics if t not in first.topics)
    return out


def _person_ids(session: Session, refs: list[PersonRef]) -> dict[str, int]:
    """Person id of each ref's name, creating people and aliases as needed: a person is found by its
    name, else by an alias equal to that name, else created; every alias of a ref that no person holds
    yet becomes that person's. Two queries for the lot, and one insert per new person."""
    if not refs:
        return {}
    norms = {normalise_name(a) for r in refs for a in (r.name, *r.aliases)} - {""}
    by_name = dict(session.execute(
        select(Person.name, Person.id).where(Person.name.in_({r.name for r in refs}))).all())
    owner = dict(session.execute(
        select(PersonAlias.alias_norm, PersonAlias.person_id).where(PersonAlias.alias_norm.in_(norms))).all()) if norms else {}
    ids: dict[str, int] = {}
    new_aliases = []
    for ref in refs:
        pid = by_name.get(ref.name)
        if pid is None:
            pid = owner.get(normalise_name(ref.name))
        if pid is None:
            pid = session.execute(insert(Person).returning(Person.id),
                                  [{"name": ref.name, "role": ref.role, "country": ref.country}]).scalar_one()
            by_name[ref.name] = pid
        for alias in (ref.name, *ref.aliases):
            norm = normalise_name(alias)
            if norm and norm not in owner:
                owner[norm] = pid
                new_aliases.append({"person_id": pid, "alias": alias, "alias_norm": norm})
        ids[ref.name] = pid
    if new_aliases:
        session.execute(insert(PersonAlias), new_aliases)
    return ids


def _place_ids(session: Session, refs: list[PlaceRef]) -> dict[PlaceRef, int]:
    """Place id of each ref (by name and country, created when new), adding the aliases no place holds."""
    if not refs:
        return {}
    existing: dict[tuple[str, str | None], int] = {}
    for pid, name, country in session.execute(
            select(Place.id, Place.name, Place.country).where(Place.name.in_({r.name for r in refs})).order_by(Place.id)):
        existing.setdefault((name, country), pid)
    norms = {normalise_name(a) for r in refs for a in (r.name, *r.aliases)} - {""}
    known = set(session.scalars(select(PlaceAlias.alias_norm).where(PlaceAlias.alias_norm.in_(norms)))) if norms else set()
    ids: dict[PlaceRef, int] = {}
    new_aliases = []
    for ref in refs:
        if ref in ids:
            continue
        pid = existing.get((ref.name, ref.country))
        if pid is None:
            pid = session.execute(insert(Place).returning(Place.id),
                                  [{"name": ref.name, "country": ref.country}]).scalar_one()
            existing[(ref.name, ref.country)] = pid
        for alias in (ref.name, *ref.aliases):
            norm = normalise_name(alias)
            if norm and norm not in known:
                known.add(norm)
                new_aliases.append({"place_id": pid, "alias": alias, "alias_norm": norm})
        ids[ref] = pid
    if new_aliases:
        session.execute(insert(PlaceAlias), new_aliases)
    return ids


def _label(origin: str | None, source: str | None, article_id: int) -> str:
    """How a conflict names an article: its outlet and file name ("Wire (story.txt)")."""
    name = (origin or "").replace("\\", "/").rsplit("/", 1)[-1] or f"article {article_id}"
    return f"{source} ({name})" if source else name


def rebuild_meetings(session: Session, key: str) -> None:
    """Recompute the merged meetings of one participants key from all its reports."""
    # the report table's columns, not Report entities: no ORM object per report (a third of this function)
    found = session.execute(
        select(Report.__table__, Article.content_hash.label("a_hash"), Article.origin.label("a_origin"),
               Article.source.label("a_source"), Place.name.label("p_name"), Place.country.label("p_country"))
        .join(Article, Report.article_id == Article.id)
        .outerjoin(Place, Report.place_id == Place.id)
        .where(Report.participants_key == key)
    ).all()
    rows = [(r, r.a_hash, r.a_origin, r.a_source, r.p_name, r.p_country) for r in found]
    views = [ReportView(
        report_id=r.id, article_id=r.article_id, article_hash=h, article_label=_label(origin, source, r.article_id),
        date=r.date, date_start=r.date_start, date_end=r.date_end, granularity=r.granularity,
        date_basis=r.date_basis, date_text=r.date_text, place_id=r.place_id, place_name=pname, place_country=pcountry, kind=r.kind,
        status=r.status, duration_minutes=r.duration_minutes, duration_mod=r.duration_mod, occasion=r.occasion,
        topics=tuple(r.topics or ()), conflicts=tuple(r.conflicts or ()), span_start=r.span_start)
        for r, h, origin, source, pname, pcountry in rows]
    sentences = {r.id: (r.sentence, r.span_start, r.span_end) for r, *_ in rows}
    old_ids = list(session.scalars(select(Meeting.id).where(Meeting.participants_key == key)))
    if old_ids:
        for table in (MeetingParticipant, Topic, Evidence, Conflict):
            session.execute(delete(table).where(table.meeting_id.in_(old_ids)))
        session.execute(delete(Meeting).where(Meeting.id.in_(old_ids)))
        session.flush()
    # participants in name order, and the meeting's uid from their names: row ids depend on the order in
    # which articles were added, and what users see must not
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_([int(x) for x in key.split(",")]))).all())
    person_ids = sorted(names, key=lambda pid: (names[pid], pid))
    name_key = "\x1f".join(names[pid] for pid in person_ids)
    # Core inserts: one per meeting (for its id), then one executemany per child table for the whole key
    parts, topics, evidence, conflicts = [], [], [], []
    for merged in merge_reports(name_key, views):
        mid = session.execute(insert(Meeting).returning(Meeting.id), [dict(
            uid=merged.uid, participants_key=key, date=merged.date, date_start=merged.date_start,
            date_end=merged.date_end, granularity=merged.granularity,
            span_bucket=span_bucket(merged.date_start, merged.date_end), place_id=merged.place_id, kind=merged.kind,
            status=merged.status, duration_minutes=merged.duration_minutes, duration_mod=merged.duration_mod,
            occasion=merged.occasion)]).scalar_one()
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
    for table, rows_ in ((MeetingParticipant, parts), (Topic, topics), (Evidence, evidence), (Conflict, conflicts)):
        if rows_:
            session.execute(insert(table), rows_)
