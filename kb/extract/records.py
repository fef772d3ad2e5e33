"""Plain values that extraction produces and the store consumes (no database, no spaCy here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class PersonRef:
    """A person as extraction identified them: one canonical name plus the aliases seen."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None  # e.g. "foreign_minister"
    country: str | None = None  # ISO 3166 alpha-2 or an organisation code ("UN", "NATO")


@dataclass(frozen=True)
class PlaceRef:
    name: str  # canonical English name, e.g. "Geneva"
    country: str | None = None  # English country name, e.g. "Switzerland"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int  # character span of the sentence in Document.text
    end: int


@dataclass
class MeetingRecord:
    """One meeting as one article reports it."""

    participants: list[PersonRef]
    evidence: Evidence
    kind: str = "in_person"  # in_person | phone | video
    status: str = "occurred"  # occurred | planned | cancelled
    date: str | None = None  # ISO at the precision the text supports: 2022-01-21 | 2022-01 | 2022
    date_start: date | None = None
    date_end: date | None = None
    granularity: str | None = None  # day | week | month | season | quarter | year | range
    date_basis: str | None = None  # explicit | relative | inferred: how firmly the text fixes the date
    date_text: str | None = None  # the time expression the date was read from
    place: PlaceRef | None = None
    duration_minutes: int | None = None
    duration_mod: str | None = None  # "at_most" | "about" | None
    occasion: str | None = None
    topics: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


@dataclass
class ArticleExtraction:
    """Everything extraction found in one article."""

    people: list[PersonRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    meetings: list[MeetingRecord] = field(default_factory=list)
