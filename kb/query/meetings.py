"""Meetings between two people and timelines: index lookups from the person side. No NLP here.

Date filters compare intervals: `since` keeps meetings that may have happened on or after that day
(their interval ends on or after it), `until` those that may have happened on or before it (their
interval starts on or before it); an undated meeting passes no date filter. `--person` given more than
once keeps meetings with all of those people. `--place` is a city (any alias) or a country (its English
name, or any name the gazetteer knows for it, "Rusia", "Swiss").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from typing import TYPE_CHECKING

from sqlalchemy import Date, bindparam, func, intersect, select, text
from sqlalchemy.engine import Connection

from kb.errors import QueryError
from kb.extract.gazetteer_norm import normalise_name
from kb.query.views import meeting_dicts
from kb.store import schema
from kb.store.schema import SPAN_BUCKETS, span_bucket_lookback

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Core tables rather than mapped classes on the query path (see kb.store.schema); these functions take a
# Session or a plain Connection
_MEETINGS, _PARTICIPANTS = schema.meetings, schema.meeting_participants
_PEOPLE, _ALIASES = schema.people, schema.person_aliases
_PLACES, _PLACE_ALIASES = schema.places, schema.place_aliases
_M, _MP = _MEETINGS.c, _PARTICIPANTS.c

STATUSES = ("occurred", "planned", "cancelled")
KINDS = ("in_person", "phone", "video")


def _as_date(value, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


@lru_cache(maxsize=4)
def _span_sql(has_since: bool, has_until: bool) -> str:
    terms = []
    for b in range(SPAN_BUCKETS):
        cond = [f"meetings.span_bucket = {b}"]
        if has_since and span_bucket_lookback(b) is not None:
            cond.append(f"meetings.date_start >= :kb_from{b}")
        if has_until:
            cond.append("meetings.date_start <= :kb_until")
        if has_since:
            cond.append("coalesce(meetings.date_end, meetings.date_start) >= :kb_since")
        terms.append("(" + " AND ".join(cond) + ")")
    return "(" + " OR ".join(terms) + ")"


def _date_range_by_span(since: date | None, until: date | None):
    """The date filter of _filters written so that an index answers it (ix_meetings_span_date): for each
    span bucket b, meetings that start between `since` minus the longest span of b and `until`. Same
    meetings as the plain filter; used when no person narrows the search first. A text() fragment built
    once: as a SQLAlchemy expression its 16 terms cost ~3 ms per query to build and key for the cache,
    several times the query itself."""
    params = []
    if since:
        params.append(bindparam("kb_since", since, type_=Date))
        for b in range(SPAN_BUCKETS):
            lookback = span_bucket_lookback(b)
            if lookback is not None:
                params.append(bindparam(f"kb_from{b}", since - timedelta(days=lookback), type_=Date))
    if until:
        params.append(bindparam("kb_until", until, type_=Date))
    return text(_span_sql(bool(since), bool(until))).bindparams(*params)


def _filters(stmt, since, until, status, kind, *, by_date_index: bool = False):
    since, until = _as_date(since, "since"), _as_date(until, "until")
    if since and until and since > until:
        raise QueryError(f"since {since} is after until {until}")
    if status is not None and status not in STATUSES:
        raise QueryError(f"status {status!r}: one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind {kind!r}: one of {', '.join(KINDS)}")
    if by_date_index and (since or until):
        stmt = stmt.where(_date_range_by_span(since, until))
    else:
        if since:
            stmt = stmt.where(func.coalesce(_M.date_end, _M.date_start) >= since)
        if until:
            stmt = stmt.where(_M.date_start <= until)
    if status:
        stmt = stmt.where(_M.status == status)
    if kind:
        stmt = stmt.where(_M.kind == kind)
    return stmt


def meetings_between(session: Session | Connection, a: str, b: str, *, since=None, until=None, status=None, kind=None) -> list[dict]:
    """Meetings in which both A and B took part, chronological (undated last)."""
    return meeting_dicts(session, meeting_ids_between(session, a, b, since=since, until=until, status=status,
                                                      kind=kind))


def meeting_ids_between(session: Session | Connection, a: str, b: str, *, since=None, until=None, status=None,
                        kind=None) -> list[int]:
    """Ids of the meetings in which both A and B took part (the lookup, without the contract objects)."""
    pa, pb = _person(session, a), _person(session, b)
    if pa.id == pb.id:
        raise QueryError(f"'{a}' and '{b}' are the same person ({pa.name})")
    # INTERSECT of the two people's meeting ids: two covering-index range scans, whatever their sizes
    # (a join probes the second person once per meeting of the first, ~4x slower for busy people and
    # dependent on which one the planner starts from)
    mp = _MP
    both = intersect(select(mp.meeting_id).where(mp.person_id == pa.id),
                     select(mp.meeting_id).where(mp.person_id == pb.id))
    stmt = select(_M.id).where(_M.id.in_(select(both.subquery().c.meeting_id)))
    return list(session.scalars(_filters(stmt, since, until, status, kind)))


def timeline(session: Session | Connection, *, people=(), place: str | None = None, since=None, until=None,
             status=None, kind=None) -> list[dict]:
    """The chronological timeline, filtered by people (all of them), place and dates."""
    return meeting_dicts(session, timeline_ids(session, people=people, place=place, since=since, until=until,
                                               status=status, kind=kind))


def timeline_ids(session: Session | Connection, *, people=(), place: str | None = None, since=None, until=None,
                 status=None, kind=None) -> list[int]:
    """Ids of the timeline's meetings (the lookup, without the contract objects)."""
    stmt = select(_M.id).select_from(_MEETINGS)
    seen: set[int] = set()
    for name in people or ():
        p = _person(session, name)
        if p.id in seen:
            continue
        seen.add(p.id)
        mp = _PARTICIPANTS.alias()
        stmt = stmt.join(mp, mp.c.meeting_id == _M.id).where(mp.c.person_id == p.id)
    if place:
        stmt = stmt.where(_M.place_id.in_(resolve_places(session, place)))
    by_date_index = not seen and not place
    return list(session.scalars(_filters(stmt, since, until, status, kind, by_date_index=by_date_index)))


@dataclass(frozen=True)
class _Who:
    id: int
    name: str


def _person(session: Session | Connection, name: str):
    """resolve_person, with its first and most common case (the name is a stored name or alias: alias_norm
    is unique, so that is exactly one person) answered by one plain column query. In a fresh `kb meetings`
    process this saves ~25 ms: no ORM entity query to compile, no mappers to configure (the query path
    uses the tables, not the mapped classes)."""
    norm = normalise_name(name)
    if norm:
        people, aliases = _PEOPLE.c, _ALIASES.c
        row = session.execute(select(people.id, people.name)
                              .select_from(_PEOPLE.join(_ALIASES, aliases.person_id == people.id))
                              .where(aliases.alias_norm == norm)).first()
        if row is not None:
            return _Who(row[0], row[1])
    from kb.query.names import resolve_person  # the ORM, for the rarer cases (roles, parts of names)

    if isinstance(session, Connection):
        from sqlalchemy.orm import Session

        with Session(bind=session) as orm:  # joins the connection's transaction, reads only
            person = resolve_person(orm, name)
            return _Who(person.id, person.name)
    return resolve_person(session, name)


def resolve_places(session: Session | Connection, name: str) -> list[int]:
    """Ids of the places `name` means: a place alias, or every place in a country of that name."""
    norm = normalise_name(name)
    if not norm:
        raise QueryError(f"{name!r}: empty place name")
    ids = set(session.scalars(select(_PLACE_ALIASES.c.place_id).where(_PLACE_ALIASES.c.alias_norm == norm)))
    countries = {normalise_name(c): c for c in session.scalars(select(_PLACES.c.country).distinct()) if c}
    wanted = {norm}
    if norm not in countries and not ids:
        country = _gazetteer_country(name)
        if country:
            wanted.add(normalise_name(country))
    for key in wanted:
        if key in countries:
            ids.update(session.scalars(select(_PLACES.c.id).where(_PLACES.c.country == countries[key])))
    if not ids:
        known = list(session.scalars(select(_PLACE_ALIASES.c.alias_norm))) + list(countries)
        close = difflib.get_close_matches(norm, known, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise QueryError(f"'{name}': no such place in the store{hint}")
    return sorted(ids)


def _gazetteer_country(name: str) -> str | None:
    """The English name of the country `name` means in any language, when the gazetteer knows it."""
    try:
        from kb.extract.gazetteer import load_gazetteer

        c = load_gazetteer().country_by_name(name)
    except Exception:  # noqa: BLE001 - no gazetteer (yet): countries match by their stored name only
        return None
    return getattr(c, "name", None) if c is not None else None
