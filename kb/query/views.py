"""Meetings as the contract's JSON objects (GUIDE §1), loaded in a few queries, not one per meeting."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from typing import TYPE_CHECKING

from sqlalchemy import String, select, type_coerce
from sqlalchemy.engine import Connection

from kb.store import schema

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Core tables, not the ORM classes: the query path never imports sqlalchemy.orm nor configures mappers
# (about a third of a `kb meetings` / `kb timeline` process)
ARTICLES, CONFLICTS, EVIDENCE = schema.articles, schema.conflicts, schema.evidence
MEETINGS, PARTICIPANTS, PEOPLE = schema.meetings, schema.meeting_participants, schema.people
PLACES, TOPICS = schema.places, schema.topics

def sort_key(m: dict):
    return (m["date_start"] or "9999", m["date_end"] or "9999", m["id"])


def meeting_dicts(session: Session | Connection, meeting_ids) -> list[dict]:
    """Contract objects for these meetings, chronological (undated last).

    Plain column selects (no ORM entities: building an ORM object per row cost ~4x the query), five
    queries per 500 meetings, each an index lookup by meeting id."""
    ids = list(dict.fromkeys(meeting_ids))
    if not ids:
        return []
    out: dict[int, dict] = {}
    M, P, MP, T, E, A, C = (MEETINGS.c, PLACES.c, PARTICIPANTS.c, TOPICS.c, EVIDENCE.c, ARTICLES.c, CONFLICTS.c)
    # Core execution: no ORM result machinery per row
    conn = session if isinstance(session, Connection) else session.connection()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for (mid, uid, d, ds, de, gran, kind, status, dur, dmod, occ, pname, pcountry) in conn.execute(
                select(M.id, M.uid, M.date, _raw(M.date_start), _raw(M.date_end), M.granularity, M.kind, M.status,
                       M.duration_minutes, M.duration_mod, M.occasion, P.name, P.country)
                .select_from(MEETINGS.outerjoin(PLACES, M.place_id == P.id)).where(M.id.in_(chunk))):
            out[mid] = {
                "id": mid, "uid": uid, "participants": [], "date": d,
                "date_start": _iso(ds), "date_end": _iso(de), "granularity": gran,
                "place": pname, "country": pcountry, "kind": kind, "status": status,
                "duration_minutes": dur, "duration_mod": dmod, "occasion": occ,
                "topics": [], "sources": [], "conflicts": [],
            }
        for mid, name in conn.execute(
                select(MP.meeting_id, PEOPLE.c.name).select_from(PARTICIPANTS.join(PEOPLE, MP.person_id == PEOPLE.c.id))
                .where(MP.meeting_id.in_(chunk)).order_by(MP.meeting_id, MP.position)):
            out[mid]["participants"].append(name)
        for mid, topic in conn.execute(
                select(T.meeting_id, T.topic).where(T.meeting_id.in_(chunk)).order_by(T.meeting_id, T.position)):
            out[mid]["topics"].append(topic)
        for (mid, sentence, s0, s1, aid, origin, source, url, title, published) in conn.execute(
                select(E.meeting_id, E.sentence, E.span_start, E.span_end, A.id, A.origin, A.source, A.url, A.title,
                       _raw(A.published))
                .select_from(EVIDENCE.join(ARTICLES, E.article_id == A.id))
                .where(E.meeting_id.in_(chunk)).order_by(E.meeting_id, A.published, E.id)):
            out[mid]["sources"].append({
                "article": origin.replace("\\", "/").rsplit("/", 1)[-1], "origin": origin, "article_id": aid,
                "source": source, "url": url, "title": title, "published": _iso(published), "evidence": sentence,
                "span": [s0, s1]})
        for mid, msg in conn.execute(
                select(C.meeting_id, C.message).where(C.meeting_id.in_(chunk)).order_by(C.id)):
            out[mid]["conflicts"].append(msg)
    return sorted(out.values(), key=sort_key)


def _raw(col):
    """A date column as the driver returns it (SQLite: the stored ISO string, not parsed to a date only to be
    formatted back; PostgreSQL: a date); _iso makes both the contract's string."""
    return type_coerce(col, String)


def _iso(d: date | str | None) -> str | None:
    if d is None or isinstance(d, str):
        return d
    return d.isoformat()
