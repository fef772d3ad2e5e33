"""Meetings as the contract's JSON objects (GUIDE §1), loaded in a few queries, not one per meeting."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.store.models import Article, Conflict, Evidence, Meeting, MeetingParticipant, Person, Place, Topic

STATUS_ORDER = {"occurred": 0, "planned": 1, "cancelled": 2}


def sort_key(m: dict):
    return (m["date_start"] or "9999", m["date_end"] or "9999", m["id"])


def meeting_dicts(session: Session, meeting_ids) -> list[dict]:
    """Contract objects for these meetings, chronological (undated last)."""
    ids = list(dict.fromkeys(meeting_ids))
    if not ids:
        return []
    out: dict[int, dict] = {}
    chunks = [ids[i:i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        rows = session.execute(
            select(Meeting, Place.name, Place.country).outerjoin(Place, Meeting.place_id == Place.id)
            .where(Meeting.id.in_(chunk))).all()
        for m, pname, pcountry in rows:
            out[m.id] = {
                "id": m.id, "uid": m.uid, "participants": [], "date": m.date,
                "date_start": _iso(m.date_start), "date_end": _iso(m.date_end), "granularity": m.granularity,
                "place": pname, "country": pcountry, "kind": m.kind, "status": m.status,
                "duration_minutes": m.duration_minutes, "duration_mod": m.duration_mod, "occasion": m.occasion,
                "topics": [], "sources": [], "conflicts": [],
            }
        for mid, name in session.execute(
                select(MeetingParticipant.meeting_id, Person.name).join(Person)
                .where(MeetingParticipant.meeting_id.in_(chunk)).order_by(MeetingParticipant.meeting_id, MeetingParticipant.position)):
            out[mid]["participants"].append(name)
        for mid, topic in session.execute(
                select(Topic.meeting_id, Topic.topic).where(Topic.meeting_id.in_(chunk)).order_by(Topic.meeting_id, Topic.position)):
            out[mid]["topics"].append(topic)
        for ev, art in session.execute(
                select(Evidence, Article).join(Article, Evidence.article_id == Article.id)
                .where(Evidence.meeting_id.in_(chunk)).order_by(Evidence.meeting_id, Article.published, Evidence.id)):
            out[ev.meeting_id]["sources"].append({
                "article": art.origin, "article_id": art.id, "source": art.source, "url": art.url,
                "title": art.title, "published": _iso(art.published), "evidence": ev.sentence,
                "span": [ev.span_start, ev.span_end]})
        for mid, msg in session.execute(
                select(Conflict.meeting_id, Conflict.message).where(Conflict.meeting_id.in_(chunk)).order_by(Conflict.id)):
            out[mid]["conflicts"].append(msg)
    return sorted(out.values(), key=sort_key)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
