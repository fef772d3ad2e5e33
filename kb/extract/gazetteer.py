"""Gazetteers of people, places, countries and role phrases, loaded from ``kb/extract/data``.

Pure Python (no spaCy): the data files are read lazily, once per process (:func:`load_gazetteer`
is cached), and every lookup goes through :func:`normalise_name` so that "Sergei Lavrov",
"sergei lavrov" and "Sergéi-Lavrov" find the same person.

Data files (JSON, UTF-8, meant to be edited by hand):

``people.json``
    A list of persons ``{"name", "aliases", "offices": [{"role", "country", "from", "to"}]}``.
    Optional keys: ``surname`` (the family name news use alone, when it is not the last word,
    e.g. "Lee" for "Lee Hsien Loong"), ``ambiguous_aliases`` (aliases this person deliberately
    shares with someone else, e.g. "George Bush"), and per office ``seat`` (chamber, party,
    posting or region: "DPR", "Golkar", "UN", "Jakarta") and ``approximate`` (the day or month
    of a date is not known exactly). ``to`` is ``null`` for an office still held.
``countries.json``
    Every ISO 3166-1 alpha-2 country plus organisations and historical states
    ``{"code", "kind", "name", "names": {lang: [...]}, "demonyms": {lang: [...]}}``.
``places.json``
    ``{"name", "country", "kind": "city"|"region"|"venue", "aliases", "city"}``; a venue's
    ``city`` names another place. Optional ``ambiguous_in``: languages in which the name is
    also a common word ("Lima" is "five" in Indonesian), so a matcher should want context.
``<lang>/roles.json``
    ``{"roles": [{"phrase", "role", "country", "seat"?}], "honorifics": [...], "org_words": [...]}``.
    A role's ``country`` is the one the phrase implies when the text names none
    ("Secretary of State" -> US, "Panglima TNI" -> ID).

Role keys (ROLEKEY) used in ``offices`` and in ``roles.json``:

=========================== ==========================================================
head_of_state               head of state without a more specific title
head_of_government          head of government without a more specific title
                            (State Counsellor, Chief Adviser, Chief Executive of AF)
president                   president of a state (also of the World Bank, code ``WB``)
vice_president              vice-president (also EU Commission executive vice-presidents)
president_elect             (role phrases only) elected, not yet in office
former_president            (role phrases only) "mantan Presiden", "former President"
prime_minister              prime minister, premier, taoiseach
deputy_prime_minister       deputy/vice prime minister, vice premier
chancellor                  head of government of Germany or Austria
foreign_minister            foreign minister, US Secretary of State, UK Foreign Secretary,
                            India's External Affairs Minister
deputy_foreign_minister     deputy/vice foreign minister, deputy secretary of state
defense_minister            defence minister, US Secretary of Defense/War
deputy_defense_minister     deputy defence minister
finance_minister            finance minister, treasury secretary, chancellor of the exchequer
trade_minister              trade minister, US Trade Representative
commerce_minister           commerce minister/secretary (synonym of trade_minister in lookups)
interior_minister           interior/home minister, home secretary, homeland security
coordinating_minister       Indonesian coordinating minister (Menko); ``seat`` is the field
chief_cabinet_secretary     Japan's Chief Cabinet Secretary
minister                    any other minister
deputy_minister             (role phrases only) any other deputy minister
national_security_adviser   national security adviser, security council secretary
adviser                     presidential adviser or aide
chief_of_staff              chief of staff / head of the presidential office
spokesperson                government or ministry spokesperson
envoy                       special envoy or representative
intelligence_chief          head of an intelligence agency (CIA, BIN, MIT, SVR, ...)
central_bank_governor       central bank governor, Fed chair, ECB president
first_lady                  spouse of a head of state or government (First Lady, Ibu Negara)
king, queen, emir, sultan, emperor, empress, crown_prince
                            monarchs, consorts and heirs
pope                        the Pope (country ``VA``)
supreme_leader              supreme/paramount leader (Iran, North Korea, Deng, Taliban)
religious_leader            other religious leaders
secretary_general           secretary-general of the UN, NATO, ASEAN, OIC, Arab League, ...
commission_president        president of the European Commission / AU Commission
council_president           president of the European Council
high_representative         EU High Representative for Foreign Affairs
high_commissioner           UN High Commissioner (refugees, human rights)
director_general            director-general (WHO, WTO, IAEA)
managing_director           managing director (IMF, World Bank)
assembly_president          president of the UN General Assembly
chief_executive             Chief Executive of Hong Kong
governor_general            governor-general
military_chief              head of the armed forces (Panglima TNI, Chairman of the Joint
                            Chiefs of Staff, Chief of the General Staff, army chief of PK)
service_chief               (role phrases only) head of one service (KSAD, KSAL, KSAU)
police_chief                national police chief (Kapolri)
deputy_police_chief, regional_police_chief   (role phrases only)
speaker                     speaker/chair of a parliament; ``seat`` DPR, MPR, DPD for ID
deputy_speaker              deputy speaker
legislator                  (role phrases only) senator, member of parliament
party_leader                leader of a party or mass organisation (also opposition leaders)
party_official, chairman    (role phrases only)
ambassador                  ambassador; ``country`` is the sending state, ``seat`` the posting
deputy_ambassador, charge_d_affaires, consul_general, diplomat   (role phrases only)
governor, deputy_governor   governor of a province/state; ``seat`` the region
mayor, deputy_mayor, regent mayor or regent; ``seat`` the city
=========================== ==========================================================

Country codes are ISO 3166-1 alpha-2, plus organisations (UN, NATO, EU, ASEAN, IMF, WB, WHO,
WTO, IAEA, AFU = African Union, LAS = Arab League, OIC, GCC, COE, ADB, WEF, UNHCR, APEC,
OPEC, OSCE, ICC, ICJ) and historical states (SU = Soviet Union, CS = Czechoslovakia,
DD = East Germany, YU = Yugoslavia). ``VA`` is the Holy See.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "ROLE_KEYS",
    "ROLE_SYNONYMS",
    "Country",
    "Gazetteer",
    "Office",
    "Person",
    "Place",
    "Role",
    "load_gazetteer",
    "normalise_name",
]

DATA_DIR = Path(__file__).parent / "data"

#: Every role key that may appear in ``people.json`` offices or in ``roles.json``.
ROLE_KEYS: frozenset[str] = frozenset(
    """
    head_of_state head_of_government president vice_president president_elect former_president
    prime_minister deputy_prime_minister chancellor foreign_minister deputy_foreign_minister
    defense_minister deputy_defense_minister finance_minister trade_minister commerce_minister
    interior_minister coordinating_minister chief_cabinet_secretary minister deputy_minister
    national_security_adviser adviser chief_of_staff spokesperson envoy intelligence_chief
    central_bank_governor king queen emir sultan emperor empress crown_prince pope supreme_leader
    religious_leader secretary_general commission_president council_president high_representative
    high_commissioner director_general managing_director assembly_president chief_executive
    governor_general military_chief service_chief police_chief deputy_police_chief
    regional_police_chief speaker deputy_speaker legislator party_leader party_official chairman
    ambassador deputy_ambassador charge_d_affaires consul_general diplomat governor
    deputy_governor mayor deputy_mayor regent first_lady
    """.split()
)

_MONARCHS = ("king", "queen", "emir", "sultan", "emperor")

#: Which office roles answer a query for a role: asking for a "president" also finds a
#: ``head_of_state`` (Than Shwe), asking for a "head_of_state" finds presidents and monarchs.
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "president": ("president", "head_of_state"),
    "head_of_state": ("head_of_state", "president", *_MONARCHS),
    "monarch": _MONARCHS,
    "prime_minister": ("prime_minister", "head_of_government"),
    "head_of_government": ("head_of_government", "prime_minister", "chancellor"),
    "chancellor": ("chancellor",),
    "trade_minister": ("trade_minister", "commerce_minister"),
    "commerce_minister": ("commerce_minister", "trade_minister"),
    "king": ("king", "sultan", "emir"),
    "emir": ("emir", "king"),
    "sultan": ("sultan", "king"),
    "supreme_leader": ("supreme_leader", "head_of_state"),
}

from kb.extract.gazetteer_norm import normalise_name  # noqa: E402  (one key function for store and gazetteer)


@dataclass(frozen=True)
class Office:
    role: str
    country: str
    start: date | None
    end: date | None
    seat: str | None = None
    approximate: bool = False

    def held_on(self, on: date) -> bool:
        """True if the office was held on ``on`` (both ends inclusive; open ends unbounded)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    surname: str | None = None
    ambiguous_aliases: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def offices_on(self, on: date) -> list[Office]:
        return [o for o in self.offices if o.held_on(on)]

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.country for o in self.offices))


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    kind: str = "country"  # country | territory | organisation | historical


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str
    country_name: str
    kind: str  # city | region | venue
    aliases: tuple[str, ...] = ()
    city: str | None = None  # for venues: the place they are in
    ambiguous_in: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Role:
    phrase: str
    role: str
    country: str | None = None
    seat: str | None = None


def _letters(s: str) -> str:
    return "".join(filter(str.isalpha, s))


def _is_abbreviation(name: str) -> bool:
    """'AS', 'U.S.', 'PBB', 'NATO', 'UEA' - a name written as capital initials."""
    letters = _letters(name)
    return bool(letters) and letters.isupper() and len(letters) <= 5 and " " not in name.strip()


def _looks_like_abbreviation(query: str) -> bool:
    letters = _letters(query)
    if not letters:
        return False
    if letters.isupper():
        return True
    return len(letters) >= 4 and letters[0].isupper() and letters[1:].islower()  # "Nato", "Asean"


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _read(path: Path):
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


_FAMILY_NAME_FIRST = frozenset({"CN", "TW", "HK", "MO", "KP", "KR", "KH"})
# Where news call people by a given name ("Menlu Retno", "Prayut", "Suu Kyi"): the first word
# is indexed as well as the last.
_GIVEN_NAME_USED = frozenset({"ID", "MY", "BN", "TH", "MM", "TL"})
_NAME_PARTICLES = frozenset({"jr", "sr", "ii", "iii", "iv", "bin", "binti", "al", "el", "de", "da", "van", "von", "der", "du"})
_ROMAN_RE = re.compile(r"[ivx]{1,5}")
_COMMON_GIVEN = frozenset(
    "muhammad mohammad mohamad mohamed mohammed muhamad moh mohd ahmad ahmed abdul abdullah abdurrahman siti sri "
    "agus budi sultan tun haji hj h k kh ir dr a m s la daw u".split()
)


def _surnames(p: Person) -> set[str]:
    """Normalised words a person may be called by alone ("Lavrov", "Xi", "Widodo", "Retno")."""
    out: set[str] = set()
    if p.surname:
        out.add(normalise_name(p.surname))
        return out
    full = normalise_name(p.name).split()
    if "of" in full:  # "Salman of Saudi Arabia", "Hussein of Jordan": the regnal name
        first = full[0]
        return {first} if first not in _COMMON_GIVEN else out
    tokens = [t for i, t in enumerate(full) if t not in _NAME_PARTICLES and not (i and _ROMAN_RE.fullmatch(t))]
    if len(tokens) == 1 and len(full) > 1:  # "Charles III", "Felipe VI": the regnal name
        return {tokens[0]}
    if len(tokens) < 2:
        return out
    if {"bin", "ibn", "bint"} & set(full) and tokens[0] not in _COMMON_GIVEN:
        out.add(tokens[0])  # "Tamim bin Hamad Al Thani" is "Sheikh Tamim"
    countries = set(p.countries)
    if countries and countries & _FAMILY_NAME_FIRST and not countries - _FAMILY_NAME_FIRST - {"UN", "ASEAN"}:
        out.add(tokens[0])
        return out
    out.add(tokens[-1])
    if countries & _GIVEN_NAME_USED and tokens[0] not in _COMMON_GIVEN and len(tokens[0]) > 2:
        out.add(tokens[0])
    return out


class Gazetteer:
    """In-memory indexes over the data files. Build with :func:`load_gazetteer`."""

    def __init__(self, data_dir: Path = DATA_DIR, languages: tuple[str, ...] = ("id", "en")):
        self.data_dir = Path(data_dir)
        self.languages = languages
        self.countries: list[Country] = [self._country(c) for c in _read(self.data_dir / "countries.json")]
        self._country_by_code = {c.code: c for c in self.countries}
        self.people: list[Person] = [self._person(p) for p in _read(self.data_dir / "people.json")]
        self.places: list[Place] = [self._place(p) for p in _read(self.data_dir / "places.json")]
        self._roles: dict[str, list[Role]] = {}
        self._honorifics: dict[str, list[str]] = {}
        self._org_words: dict[str, list[str]] = {}
        for lang in languages:
            path = self.data_dir / lang / "roles.json"
            doc = _read(path) if path.exists() else {}
            self._roles[lang] = [
                Role(r["phrase"], r["role"], r.get("country"), r.get("seat")) for r in doc.get("roles", [])
            ]
            self._honorifics[lang] = list(doc.get("honorifics", []))
            self._org_words[lang] = list(doc.get("org_words", []))
        self._build_indexes()

    # construction -----------------------------------------------------------------------
    @staticmethod
    def _country(c: dict) -> Country:
        return Country(
            code=c["code"],
            name=c["name"],
            names={k: tuple(v) for k, v in c.get("names", {}).items()},
            demonyms={k: tuple(v) for k, v in c.get("demonyms", {}).items()},
            kind=c.get("kind", "country"),
        )

    @staticmethod
    def _person(p: dict) -> Person:
        offices = tuple(
            Office(
                role=o["role"],
                country=o["country"],
                start=_date(o.get("from")),
                end=_date(o.get("to")),
                seat=o.get("seat"),
                approximate=bool(o.get("approximate", False)),
            )
            for o in p.get("offices", [])
        )
        return Person(
            name=p["name"],
            aliases=tuple(p.get("aliases", [])),
            offices=offices,
            surname=p.get("surname"),
            ambiguous_aliases=tuple(p.get("ambiguous_aliases", [])),
        )

    def _place(self, p: dict) -> Place:
        country = self._country_by_code.get(p["country"])
        return Place(
            name=p["name"],
            country_code=p["country"],
            country_name=country.name if country else p["country"],
            kind=p["kind"],
            aliases=tuple(p.get("aliases", [])),
            city=p.get("city"),
            ambiguous_in=tuple(p.get("ambiguous_in", [])),
        )

    def _build_indexes(self) -> None:
        self._person_alias: dict[str, list[Person]] = defaultdict(list)
        self._surname: dict[str, list[Person]] = defaultdict(list)
        self._by_role_country: dict[tuple[str, str], list[tuple[Office, Person]]] = defaultdict(list)
        self._person_abbrev: dict[str, list[Person]] = defaultdict(list)
        for person in self.people:
            for a in person.all_names:
                n = normalise_name(a)
                table = self._person_abbrev if _is_abbreviation(a) else self._person_alias
                if n and person not in table[n]:
                    table[n].append(person)
            for s in _surnames(person):
                self._surname[s].append(person)
            for office in person.offices:
                self._by_role_country[(office.role, office.country)].append((office, person))
        self._place_alias: dict[str, list[Place]] = defaultdict(list)
        self._place_abbrev: dict[str, list[Place]] = defaultdict(list)
        for place in self.places:
            for a in place.all_names:
                n = normalise_name(a)
                table = self._place_abbrev if _is_abbreviation(a) else self._place_alias
                if n and place not in table[n]:
                    table[n].append(place)
        # Lookup order on a clash: canonical names, then other names, then demonyms, then codes.
        # Abbreviations ("AS", "RI", "US", "PBB") are kept apart: they only match a query written
        # in capitals, so the Korean surname "Ri" or the word "as" is not a country.
        self._country_name: dict[str | None, dict[str, Country]] = {None: {}}
        self._country_abbrev: dict[str | None, dict[str, Country]] = {None: {}}
        for lang in self.languages:
            self._country_name[lang] = {}
            self._country_abbrev[lang] = {}

        def add(lang: str | None, n: str, c: Country) -> None:
            key = normalise_name(n)
            if not key:
                return
            table = self._country_abbrev if _is_abbreviation(n) else self._country_name
            table[None].setdefault(key, c)
            if lang is not None:
                table[lang].setdefault(key, c)

        for c in self.countries:
            add(None, c.name, c)
        for attr in ("names", "demonyms"):
            for c in self.countries:
                for lang in self.languages:
                    for n in getattr(c, attr).get(lang, ()):
                        add(lang, n, c)
        for c in self.countries:
            self._country_abbrev[None].setdefault(normalise_name(c.code), c)

    # people -----------------------------------------------------------------------------
    @lru_cache(maxsize=1 << 16)  # the gazetteer is loaded once per process; texts repeat names
    def person_by_alias(self, name: str) -> list[Person]:
        """Persons whose canonical name or an alias normalises to ``name`` (empty if none).

        Initialisms ("SBY", "MBS", "AMLO") match only when ``name`` is written in capitals.
        """
        key = normalise_name(name)
        found = list(self._person_alias.get(key, ()))
        if _looks_like_abbreviation(name):
            found += [p for p in self._person_abbrev.get(key, ()) if p not in found]
        return found

    @lru_cache(maxsize=1 << 16)  # the gazetteer is loaded once per process; texts repeat names
    def people_by_surname(self, token: str) -> list[Person]:
        """Persons commonly called by ``token`` alone ("Lavrov", "Xi", "Jokowi")."""
        key = normalise_name(token)
        out = list(self._surname.get(key, ()))
        for p in self.person_by_alias(token):  # single-word aliases: "Jokowi", "Suharto", "SBY"
            if p not in out:
                out.append(p)
        return out

    def person(self, name: str) -> Person | None:
        """The person with exactly this canonical name, if any."""
        for p in self._person_alias.get(normalise_name(name), ()):
            if p.name == name:
                return p
        return None

    def office_holders(self, role: str, country: str | None, on: date, *, seat: str | None = None) -> list[Person]:
        """Who held ``role`` (or a synonym, see :data:`ROLE_SYNONYMS`) for ``country`` on ``on``.

        ``country`` is an ISO code or organisation code (or a country name, resolved with
        :meth:`country_by_name`); ``None`` means any country. ``seat`` narrows by chamber,
        portfolio or posting when the office records one.
        """
        code = self._code(country) if country else None
        roles = ROLE_SYNONYMS.get(role, (role,))
        out: list[Person] = []
        for r in roles:
            if code is not None:
                candidates = self._by_role_country.get((r, code), [])
            else:
                candidates = [x for (rr, _), xs in self._by_role_country.items() if rr == r for x in xs]
            for office, person in candidates:
                if not office.held_on(on):
                    continue
                if seat is not None and office.seat is not None and normalise_name(office.seat) != normalise_name(seat):
                    continue
                if person not in out:
                    out.append(person)  # holders of the exact role come first
        return out

    def all_person_aliases(self) -> dict[str, list[Person]]:
        """Every surface form (canonical names and aliases, as written) -> persons."""
        out: dict[str, list[Person]] = defaultdict(list)
        for p in self.people:
            for a in dict.fromkeys(p.all_names):
                out[a].append(p)
        return dict(out)

    # places and countries ---------------------------------------------------------------
    @lru_cache(maxsize=1 << 16)  # the gazetteer is loaded once per process; texts repeat names
    def place_by_alias(self, name: str) -> Place | None:
        """The place called ``name``; cities win over regions and venues on a shared name."""
        places = self.places_by_alias(name)
        if not places:
            return None
        order = {"city": 0, "region": 1, "venue": 2}
        return sorted(places, key=lambda p: order.get(p.kind, 3))[0]

    def places_by_alias(self, name: str) -> list[Place]:
        """Every place called ``name`` (initialisms such as "JCC" only when written in capitals)."""
        key = normalise_name(name)
        found = list(self._place_alias.get(key, ()))
        if _looks_like_abbreviation(name):
            found += [p for p in self._place_abbrev.get(key, ()) if p not in found]
        return found

    def all_place_aliases(self) -> dict[str, list[Place]]:
        out: dict[str, list[Place]] = defaultdict(list)
        for p in self.places:
            for a in dict.fromkeys(p.all_names):
                out[a].append(p)
        return dict(out)

    def name_keys(self, lang: str | None = None) -> frozenset[str]:
        """Every normalised name that `places_by_alias` or `country_by_name(name, lang)` can answer:
        a text whose key is not among them is neither a place nor a country, no lookup needed."""
        return frozenset(self._place_alias) | frozenset(self._place_abbrev) \
            | frozenset(self._country_name.get(lang, {})) | frozenset(self._country_abbrev.get(lang, {}))

    def city_of(self, place: Place) -> Place:
        """For a venue, the city it is in (when known); otherwise the place itself."""
        if place.kind == "venue" and place.city:
            for p in self.places_by_alias(place.city):
                if p.kind != "venue" and p.country_code == place.country_code:
                    return p
        return place

    @lru_cache(maxsize=1 << 16)  # the gazetteer is loaded once per process; texts repeat names
    def country_by_name(self, name: str, lang: str | None = None) -> Country | None:
        """A country or organisation by name, exonym, abbreviation, demonym or code.

        With ``lang`` only that language's names and demonyms are consulted. Matching is on
        normalised keys, so short abbreviations ("AS", "RI", "UN") also match lower-case words;
        callers that scan text should match such all-capital names case-sensitively.
        """
        key = normalise_name(name)
        found = self._country_name.get(lang, {}).get(key)
        if found is None and _looks_like_abbreviation(name):
            found = self._country_abbrev.get(lang, {}).get(key)
        return found

    def country(self, code: str) -> Country | None:
        return self._country_by_code.get(code)

    def countries_by_code(self) -> dict[str, Country]:
        return dict(self._country_by_code)

    def _code(self, country: str) -> str:
        if country in self._country_by_code:
            return country
        c = self.country_by_name(country)
        return c.code if c else country

    # language resources -----------------------------------------------------------------
    def roles(self, lang: str) -> list[Role]:
        return list(self._roles.get(lang, ()))

    def role_by_phrase(self, phrase: str, lang: str | None = None) -> Role | None:
        """The role entry for ``phrase`` (exact, then case-insensitive)."""
        langs = [lang] if lang else list(self._roles)
        for lg in langs:
            for r in self._roles.get(lg, ()):
                if r.phrase == phrase:
                    return r
        key = normalise_name(phrase)
        for lg in langs:
            for r in self._roles.get(lg, ()):
                if normalise_name(r.phrase) == key:
                    return r
        return None

    def honorifics(self, lang: str) -> list[str]:
        return list(self._honorifics.get(lang, ()))

    def org_words(self, lang: str) -> list[str]:
        return list(self._org_words.get(lang, ()))


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the package data, loaded once per process."""
    return Gazetteer()
