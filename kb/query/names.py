"""Resolving a name typed by a user to one stored person."""

from __future__ import annotations

import difflib

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.errors import QueryError
from kb.extract.gazetteer_norm import normalise_name
from kb.store.models import Person, PersonAlias


def resolve_person(session: Session, name: str) -> Person:
    """The one person `name` means: a full name or any alias (case- and accent-insensitive), or a surname.

    Raises QueryError listing the candidates when ambiguous, or the closest known names when unknown.
    """
    candidates = find_people(session, name)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(sorted(p.name for p in candidates))
        raise QueryError(f"'{name}' is ambiguous: {listed}")
    raise QueryError(f"'{name}': no such person in the store" + _suggest(session, name))


def find_people(session: Session, name: str) -> list[Person]:
    norm = normalise_name(name)
    if not norm:
        return []
    exact = session.scalars(select(Person).join(PersonAlias).where(PersonAlias.alias_norm == norm)).unique().all()
    if exact:
        return list(exact)
    from kb.query.roles import people_by_role  # role phrases ("Menlu Rusia"): resolved through the gazetteer

    by_role = people_by_role(session, name)
    if by_role:
        return by_role
    # a surname or a part of a longer name
    like = session.scalars(select(PersonAlias).where(
        (PersonAlias.alias_norm.like(f"% {norm}")) | (PersonAlias.alias_norm.like(f"{norm} %")))).all()
    people = {a.person_id: a.person for a in like}
    return sorted(people.values(), key=lambda p: p.name)


def _suggest(session: Session, name: str) -> str:
    aliases = {a.alias_norm: a.person.name for a in session.scalars(select(PersonAlias).limit(200000))}
    close = difflib.get_close_matches(normalise_name(name), list(aliases), n=5, cutoff=0.6)
    names = list(dict.fromkeys(aliases[c] for c in close))
    return f"; did you mean {', '.join(names)}?" if names else ""
