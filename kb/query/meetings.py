"""Meetings between two people and timelines: index lookups from the person side."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kb.query.names import resolve_person
from kb.query.views import meeting_dicts
from kb.store.models import Meeting, MeetingParticipant, Place, PlaceAlias
from kb.extract.gazetteer_norm import normalise_name
from kb.errors import QueryError


def _filters(stmt, since: date | None, until: date | None, status: str | None, kind: str | None):
    if since:
        stmt = stmt.where((Meeting.date_end >= since) | (Meeting.date_start >= since))
    if until:
        stmt = stmt.where(Meeting.date_start <= until)
    if status:
        stmt = stmt.where(Meeting.status == status)
    if kind:
        stmt = stmt.where(Meeting.kind == kind)
    return stmt


def meetings_between(session: Session, a: str, b: str, *, since=None, until=None, status=None, kind=None) -> list[dict]:
    pa, pb = resolve_person(session, a), resolve_person(session, b)
    if pa.id == pb.id:
        raise QueryError(f"'{a}' and '{b}' are the same person ({pa.name})")
    p1, p2 = aliased(MeetingParticipant), aliased(MeetingParticipant)
    stmt = (select(Meeting.id).join(p1, p1.meeting_id == Meeting.id).join(p2, p2.meeting_id == Meeting.id)
            .where(p1.person_id == pa.id, p2.person_id == pb.id))
    return meeting_dicts(session, session.scalars(_filters(stmt, since, until, status, kind)))


def timeline(session: Session, *, people: list[str] = (), place: str | None = None, since=None, until=None,
             status=None, kind=None) -> list[dict]:
    stmt = select(Meeting.id)
    for name in people:
        p = resolve_person(session, name)
        mp = aliased(MeetingParticipant)
        stmt = stmt.join(mp, mp.meeting_id == Meeting.id).where(mp.person_id == p.id)
    if place:
        ids = resolve_places(session, place)
        stmt = stmt.where(Meeting.place_id.in_(ids))
    return meeting_dicts(session, session.scalars(_filters(stmt, since, until, status, kind)))


def resolve_places(session: Session, name: str) -> list[int]:
    norm = normalise_name(name)
    ids = list(session.scalars(select(PlaceAlias.place_id).where(PlaceAlias.alias_norm == norm)))
    ids += list(session.scalars(select(Place.id).where(Place.country == name)))
    if not ids:
        raise QueryError(f"'{name}': no such place in the store")
    return sorted(set(ids))
