"""Role phrases typed by users ("Menlu Rusia", "US Secretary of State", "the Russian foreign minister")
resolved to stored people, by date.

A phrase is read as (role, country) with the gazetteer (kb.extract.gazetteer): either one of its role
phrases as a whole, or a role phrase plus a country name or adjective before or after it ("Menteri Luar
Negeri" + "AS", "Russian" + "foreign minister"). Its holders are the gazetteer's office holders of that
role on the dates of the stored meetings, kept when they are in the store; a stored person whose own
role and country (as extraction recorded them) match is a holder too. Holders are ranked by the latest
stored meeting they took part in while holding the office, so "Menlu AS" means the holder at the latest
meeting date; `RoleMatch.best` is None when that does not single one out.

The gazetteer is imported only here and only when a name is not a stored alias, so `kb meetings
Blinken Lavrov` never loads it; it must not import spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.extract.gazetteer_norm import normalise_name
from kb.store.models import Meeting, MeetingParticipant, Person, PersonAlias

LANGS = ("id", "en")
_LEADING = ("the ", "sang ", "a ")  # articles users type before a role ("the Russian foreign minister")


@dataclass
class RoleMatch:
    phrase: str
    role: str
    country: str | None
    holders: list[Person] = field(default_factory=list)  # best first
    last_held: dict[int, date | None] = field(default_factory=dict)  # person id -> latest meeting in office

    @property
    def best(self) -> Person | None:
        """The holder at the latest meeting date, when exactly one person is that holder."""
        if len(self.holders) == 1:
            return self.holders[0]
        if not self.holders:
            return None
        top = self.last_held.get(self.holders[0].id)
        second = self.last_held.get(self.holders[1].id)
        return self.holders[0] if top is not None and (second is None or top > second) else None


def _gazetteer(gazetteer=None):
    if gazetteer is not None:
        return gazetteer
    try:
        from kb.extract.gazetteer import load_gazetteer
    except ImportError:
        return None
    try:
        return load_gazetteer()
    except Exception:  # noqa: BLE001 - a broken gazetteer must not break name lookup by alias
        return None


def _country_code(gaz, text: str, lang: str | None):
    if not text:
        return None
    try:
        c = gaz.country_by_name(text, lang=lang)
    except Exception:  # noqa: BLE001
        c = None
    if c is None:
        return None
    return getattr(c, "code", None) or getattr(c, "name", None)


def _original_words(phrase: str, rest_norm: str) -> str:
    """The words of `phrase` (as typed) whose normalised form is `rest_norm`, else `rest_norm`."""
    words = phrase.split()
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            cand = " ".join(words[i:j])
            if normalise_name(cand).removesuffix(" s") == rest_norm:
                return cand.removesuffix("'s").removesuffix("’s")
    return rest_norm


def parse_role(phrase: str, gazetteer=None) -> tuple[str, str | None] | None:
    """(role, country code) that the phrase names, or None."""
    gaz = _gazetteer(gazetteer)
    if gaz is None:
        return None
    norm = normalise_name(phrase)
    for lead in _LEADING:
        if norm.startswith(lead):
            norm = norm[len(lead):]
    if not norm:
        return None
    best = None  # (length of the role phrase matched, role, country)
    for lang in LANGS:
        try:
            roles = gaz.roles(lang)
        except Exception:  # noqa: BLE001
            continue
        for r in roles:
            rp = normalise_name(r.phrase)
            if not rp:
                continue
            if norm == rp:
                if r.country is not None or best is None or best[0] < len(rp):
                    cand = (len(rp) + 1000, r.role, r.country)  # a whole-phrase match beats a split one
                    if best is None or cand[0] > best[0]:
                        best = cand
                continue
            rest = None
            if norm.startswith(rp + " "):
                rest = norm[len(rp) + 1:]
            elif norm.endswith(" " + rp):
                rest = norm[: -len(rp) - 1]
            if rest is None:
                continue
            rest = rest.removesuffix(" s").strip()  # "russia's foreign minister" -> "russia s ..."
            for prep in ("of ", "for "):
                rest = rest.removeprefix(prep)
            original = _original_words(phrase, rest)  # "AS" must keep its capitals to read as a country
            code = (_country_code(gaz, original, lang) or _country_code(gaz, original, None)
                    or _country_code(gaz, rest, lang) or _country_code(gaz, rest, None))
            if code is None:
                continue
            if r.country is not None and r.country != code:
                continue
            if best is None or len(rp) > best[0]:
                best = (len(rp), r.role, code)
    return (best[1], best[2]) if best else None


def _alias_index(session: Session, names: set[str]) -> dict[str, Person]:
    norms = {normalise_name(n) for n in names if n}
    if not norms:
        return {}
    rows = session.execute(select(PersonAlias.alias_norm, Person).join(Person)
                           .where(PersonAlias.alias_norm.in_(sorted(norms)))).all()
    return {norm: p for norm, p in rows}


def match_role(session: Session, phrase: str, *, gazetteer=None) -> RoleMatch | None:
    """The stored holders of the office `phrase` names (best first), or None if it names no office."""
    parsed = parse_role(phrase, gazetteer)
    if parsed is None:
        return None
    role, country = parsed
    gaz = _gazetteer(gazetteer)
    match = RoleMatch(phrase=phrase, role=role, country=country)

    # every stored meeting date (a meeting counts at its first day); undated meetings cannot date an office
    meeting_dates: dict[int, date] = dict(session.execute(
        select(Meeting.id, Meeting.date_start).where(Meeting.date_start.is_not(None))).all())
    holders_by_day: dict[date, set[str]] = {}
    for d in sorted(set(meeting_dates.values())):
        try:
            holders = gaz.office_holders(role, country, on=d)
        except Exception:  # noqa: BLE001
            holders = []
        names = set()
        for h in holders or []:
            names.add(h.name)
            names.update(getattr(h, "aliases", ()) or ())
        holders_by_day[d] = names

    all_names = set().union(*holders_by_day.values()) if holders_by_day else set()
    index = _alias_index(session, all_names)
    people: dict[int, Person] = {p.id: p for p in index.values()}
    # stored people whose recorded role and country say they hold this office
    for p in session.scalars(select(Person).where(Person.role == role)):
        if country is None or (p.country or "").upper() == str(country).upper():
            people.setdefault(p.id, p)
    if not people:
        return match

    held_on: dict[int, set[date]] = {}
    for d, names in holders_by_day.items():
        for n in names:
            p = index.get(normalise_name(n))
            if p is not None:
                held_on.setdefault(p.id, set()).add(d)
    for pid in people:
        rows = session.execute(select(Meeting.date_start).join(MeetingParticipant)
                               .where(MeetingParticipant.person_id == pid, Meeting.date_start.is_not(None))).all()
        days = [r[0] for r in rows]
        in_office = [d for d in days if d in held_on.get(pid, ())]
        if not in_office and pid not in held_on and days and people[pid].role == role:
            in_office = days  # no tenure data for this person: trust the role recorded at extraction
        match.last_held[pid] = max(in_office) if in_office else None
    match.holders = sorted(people.values(),
                           key=lambda p: (match.last_held.get(p.id) or date.min, p.name), reverse=True)
    return match


def people_by_role(session: Session, phrase: str, *, gazetteer=None) -> list[Person]:
    """Stored people who held the office `phrase` names, best first (see the module docstring)."""
    m = match_role(session, phrase, gazetteer=gazetteer)
    return list(m.holders) if m else []
