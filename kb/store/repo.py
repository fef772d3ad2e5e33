"""Writing one article's extraction to the store, in one transaction, and re-merging what it touches."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, select
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

    person_ids: dict[str, int] = {}
    for ref in extraction.people:
        person_ids[ref.name] = _person(session, ref).id
    for ref in extraction.places:
        _place(session, ref)
    for rec in _unique_records(extraction.meetings):
        ids = []
        for p in rec.participants:
            if p.name not in person_ids:
                person_ids[p.name] = _person(session, p).id
            ids.append(person_ids[p.name])
        ids = sorted(set(ids))
        if len(ids) < 2:
            continue
        key = ",".join(map(str, ids))
        touched.add(key)
        place = _place(session, rec.place) if rec.place else None
        session.add(Report(
            article_id=article.id, participants_key=key, date=rec.date, date_start=rec.date_start,
            date_end=rec.date_end, granularity=rec.granularity, date_basis=rec.date_basis, date_text=rec.date_text,
            place_id=place.id if place else None, kind=rec.kind, status=rec.status,
            duration_minutes=rec.duration_minutes, duration_mod=rec.duration_mod, occasion=rec.occasion,
            topics=list(rec.topics), conflicts=list(rec.conflicts), sentence=rec.evidence.sentence,
            span_start=rec.evidence.start, span_end=rec.evidence.end))
    session.flush()
    for key in sorted(touched):
        rebuild_meetings(session, key)
    return outcome, article


def _unique_records(records: list[MeetingRecord]) -> list[MeetingRecord]:
    """The same sentence read twice (a paragraph repeated by a scraper) is one report."""
    seen, out = set(), []
    for r in records:
        k = (tuple(sorted(p.name for p in r.participants)), r.evidence.sentence, r.status, r.kind, r.date)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _person(session: Session, ref: PersonRef) -> Person:
    person = session.scalar(select(Person).where(Person.name == ref.name))
    if person is None:
        alias_owner = session.scalar(select(PersonAlias).where(PersonAlias.alias_norm == normalise_name(ref.name)))
        person = alias_owner.person if alias_owner is not None else None
    if person is None:
        person = Person(name=ref.name, role=ref.role, country=ref.country)
        session.add(person)
        session.flush()
    for alias in (ref.name, *ref.aliases):
        norm = normalise_name(alias)
        if norm and session.scalar(select(PersonAlias.id).where(PersonAlias.alias_norm == norm)) is None:
            session.add(PersonAlias(person_id=person.id, alias=alias, alias_norm=norm))
            session.flush()
    return person


def _place(session: Session, ref: PlaceRef) -> Place:
    place = session.scalar(select(Place).where(Place.name == ref.name, Place.country == ref.country))
    if place is None:
        place = Place(name=ref.name, country=ref.country)
        session.add(place)
        session.flush()
    for alias in (ref.name, *ref.aliases):
        norm = normalise_name(alias)
        if norm and session.scalar(select(PlaceAlias.id).where(PlaceAlias.alias_norm == norm)) is None:
            session.add(PlaceAlias(place_id=place.id, alias=alias, alias_norm=norm))
            session.flush()
    return place


def rebuild_meetings(session: Session, key: str) -> None:
    """Recompute the merged meetings of one participants key from all its reports."""
    rows = session.execute(
        select(Report, Article.content_hash, Article.origin, Article.source, Place.name, Place.country)
        .join(Article, Report.article_id == Article.id)
        .outerjoin(Place, Report.place_id == Place.id)
        .where(Report.participants_key == key)
    ).all()
    views = [ReportView(
        report_id=r.id, article_id=r.article_id, article_hash=h, article_label=origin or source or str(r.article_id),
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
    person_ids = [int(x) for x in key.split(",")]
    for merged in merge_reports(key, views):
        meeting = Meeting(
            uid=merged.uid, participants_key=key, date=merged.date, date_start=merged.date_start,
            date_end=merged.date_end, granularity=merged.granularity,
            span_bucket=span_bucket(merged.date_start, merged.date_end), place_id=merged.place_id, kind=merged.kind,
            status=merged.status, duration_minutes=merged.duration_minutes, duration_mod=merged.duration_mod,
            occasion=merged.occasion)
        session.add(meeting)
        session.flush()
        session.add_all(MeetingParticipant(meeting_id=meeting.id, person_id=pid, position=i)
                        for i, pid in enumerate(person_ids))
        session.add_all(Topic(meeting_id=meeting.id, position=i, topic=t) for i, t in enumerate(merged.topics))
        seen_articles = set()
        for r in merged.reports:
            if r.article_id in seen_articles:
                continue  # one source per article, whatever it repeats
            seen_articles.add(r.article_id)
            sentence, start, end = sentences[r.report_id]
            session.add(Evidence(meeting_id=meeting.id, article_id=r.article_id, sentence=sentence,
                                 span_start=start, span_end=end))
        session.add_all(Conflict(meeting_id=meeting.id, field=f, message=msg) for f, msg in merged.conflicts)
    session.flush()
