"""Role phrases typed by users ("Menlu Rusia", "US Secretary of State") resolved to stored people.

A role phrase names whoever held the office; among the stored people we pick the holders that the
gazetteer knows for that office at any time, preferring one that is in the store.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.store.models import Person


def people_by_role(session: Session, phrase: str) -> list[Person]:
    try:
        from kb.extract.roles_phrase import holders_of_phrase
    except ImportError:
        return []
    names = holders_of_phrase(phrase)
    if not names:
        return []
    return list(session.scalars(select(Person).where(Person.name.in_(names)).order_by(Person.name)))
