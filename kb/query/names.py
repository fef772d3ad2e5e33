"""Resolving a name typed by a user to one stored person.

In order: a stored name or alias (case-, accent- and punctuation-insensitive: "sergei lavrov",
"Kovacevic"); a role phrase ("Menlu Rusia", "US Secretary of State"; see kb.query.roles); a surname
or any other word of a stored name ("Haugen"). An ambiguous name raises QueryError listing the
candidates; an unknown one raises QueryError with the closest known names.
"""

from __future__ import annotations

import difflib

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.errors import QueryError
from kb.extract.gazetteer_norm import normalise_name
from kb.store.models import Person, PersonAlias


def resolve_person(session: Session, name: str) -> Person:
    """The one person `name` means. Raises QueryError when it is ambiguous or unknown."""
    if not normalise_name(name):
        raise QueryError(f"{name!r}: empty name")
    candidates = find_people(session, name)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(sorted(p.name for p in candidates))
        raise QueryError(f"'{name}' is ambiguous: it could be {listed}; give a fuller name")
    raise QueryError(f"'{name}': no such person in the store" + suggest(session, name))


def find_people(session: Session, name: str) -> list[Person]:
    """Every stored person `name` may mean (one when it is unambiguous)."""
    norm = normalise_name(name)
    if not norm:
        return []
    exact = session.scalars(select(Person).join(PersonAlias).where(PersonAlias.alias_norm == norm)).unique().all()
    if exact:
        return sorted(exact, key=lambda p: p.name)
    from kb.query.roles import match_role  # role phrases: only when the name is no stored alias

    role = match_role(session, name)
    if role is not None and role.holders:
        best = role.best
        return [best] if best is not None else list(role.holders)
    # a surname, a given name or a part of a longer name ("Haugen", "Kovacevic")
    like = session.scalars(select(PersonAlias).where(
        PersonAlias.alias_norm.like(f"% {norm}") | PersonAlias.alias_norm.like(f"{norm} %")
        | PersonAlias.alias_norm.like(f"% {norm} %"))).all()
    people = {a.person_id: a.person for a in like}
    return sorted(people.values(), key=lambda p: p.name)


def suggest(session: Session, name: str, n: int = 3) -> str:
    """'; did you mean A, B?' with the stored names closest to `name` (by any alias or word of one)."""
    keys: dict[str, set[str]] = {}
    for alias_norm, pname in session.execute(select(PersonAlias.alias_norm, Person.name).join(Person)):
        keys.setdefault(alias_norm, set()).add(pname)
        for word in alias_norm.split():
            if len(word) > 3:
                keys.setdefault(word, set()).add(pname)
    close = difflib.get_close_matches(normalise_name(name), list(keys), n=8, cutoff=0.6)
    names: list[str] = []
    for c in close:
        for p in sorted(keys[c]):
            if p not in names:
                names.append(p)
    return f"; did you mean {', '.join(names[:n])}?" if names else ""
