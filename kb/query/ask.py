"""`kb ask`: a rule-based answerer of timeline questions in Indonesian and English.

No LLM, no network, no spaCy: a question is tokenised, and spans of it are recognised in this order,
longest first, each token used once:

1. dates ("2022", "Januari 2022", "21 January 2022", "2022-01-21", "21/1/2022", "February");
2. stored names: every person alias and place alias, country names of stored places, and words of stored
   names typed capitalised ("Haugen");
3. role phrases ("Menlu Rusia", "the US Secretary of State"), through kb.query.roles and the gazetteer;
4. distinctive words of stored occasions ("G20", "Arctic");
5. the question vocabulary of the language (kb/query/data/<lang>/ask.json): question words (when, where,
   who, how many, how long, topics, list, yes/no), first/last, kinds, statuses, before/after/since/between.

The question's language is the one whose vocabulary it uses most. The filters found select stored meetings
(all named people took part; place; dates by containment: a meeting counts as "in 2022" or "before March
2022" only when its whole interval is); "before/after" followed by a place or occasion instead of a date
means "before/after that meeting". Meetings that took place are the default unless the question names a
status ("planned", "dibatalkan"); a yes/no question about a status checks it instead of filtering on it.

The answer is built from templates of the question's language, cites meeting ids ("#12") with their
dates, and ends with the sources used. When nothing matches it says so ("The store has no meeting …" /
"Tidak ada pertemuan … dalam basis data."), never guesses.

Outcomes (see `Answer`): `answered` (meetings found), `no_answer` (understood, nothing in the store),
`not_understood` (no stored person, place or date found in the question). A capitalised word (or a word
joined to a name by "and"/"dan"/"with"/"bertemu") that is no stored name, place or question word is an
unknown name: `ask()` raises QueryError naming it with the closest stored names, which the CLI reports
as an `error:` line with exit status 1; the other outcomes exit 0.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kb.errors import QueryError
from kb.extract.gazetteer_norm import normalise_name
from kb.store.models import Meeting, MeetingParticipant, Person, PersonAlias, Place, PlaceAlias

_ONE_DAY = timedelta(days=1)
DATA = Path(__file__).resolve().parent / "data"

_TOKEN = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}|[^\W_]+|&")


# ---- vocabulary -------------------------------------------------------------------------------------------

def _key(phrase: str) -> tuple[str, ...]:
    return tuple(normalise_name(phrase).split())


@dataclass
class Lexicon:
    lang: str
    data: dict
    phrases: dict[tuple[str, ...], list[tuple[str, str]]] = field(default_factory=dict)  # key -> [(category, value)]
    words: set[str] = field(default_factory=set)  # every token of the vocabulary
    months: dict[str, int] = field(default_factory=dict)
    month_abbr: dict[str, int] = field(default_factory=dict)

    @property
    def t(self) -> dict:
        return self.data["templates"]

    def add(self, category: str, value: str, phrases) -> None:
        for p in phrases:
            k = _key(p) if p != "&" else ("&",)
            if k:
                self.phrases.setdefault(k, []).append((category, value))
                self.words.update(k)


@lru_cache(maxsize=None)
def lexicons() -> dict[str, Lexicon]:
    """Every language with a data/<lang>/ask.json."""
    out = {}
    for path in sorted(DATA.glob("*/ask.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        lex = Lexicon(lang=d["language"], data=d)
        for intent, phrases in d["intents"].items():
            lex.add("intent", intent, phrases)
        lex.add("yesno", "yesno", d["yesno"])
        for order, phrases in d["order"].items():
            lex.add("order", order, phrases)
        for kind, phrases in d["kinds"].items():
            lex.add("kind", kind, phrases)
        for status, phrases in d["statuses"].items():
            lex.add("status", status, phrases)
        for cat in ("before", "after", "since", "between"):
            lex.add("bound", cat, d[cat])
        lex.add("range_to", "to", d["range_to"])
        lex.add("in", "in", d["in"])
        lex.add("ever", "ever", d["ever"])
        lex.add("meeting", "meeting", d["meeting_words"])
        lex.add("link", "link", d["link_words"])
        lex.add("filler", "filler", d["filler"])
        lex.add("title", "title", d.get("titles", []))
        lex.months = {normalise_name(k): v for k, v in d["months"].items()}
        lex.month_abbr = {normalise_name(k): v for k, v in d.get("month_abbr", {}).items()}
        lex.words.update(lex.months)
        out[lex.lang] = lex
    return out


# ---- tokens and spans ---------------------------------------------------------------------------------------

@dataclass
class Token:
    orig: str
    norm: str

    @property
    def capitalised(self) -> bool:
        return self.orig[:1].isupper()


def tokenize(question: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(question):
        orig = m.group(0)
        norm = normalise_name(orig) if not orig[:1].isdigit() else orig
        if norm:
            out.append(Token(orig, norm.replace(" ", "")))
    return out


@dataclass
class Span:
    i: int
    j: int  # exclusive
    kind: str  # date | person | place | country | role | occasion | vocab category
    value: object = None
    text: str = ""


@dataclass
class DateExpr:
    start: date | None = None  # None for a month or day without a year
    end: date | None = None
    month: int | None = None  # a month of any year ("the February meeting")
    day: int | None = None
    label: str = ""


def detect_language(tokens: list[Token], lexs: dict[str, Lexicon]) -> str:
    scores = {}
    for lang, lex in lexs.items():
        detect = {normalise_name(w) for w in lex.data["detect"]}
        intent_words = {w for k, vals in lex.phrases.items() for c, _ in vals if c in ("intent", "yesno") for w in k}
        scores[lang] = sum(2 if t.norm in intent_words else 1 for t in tokens if t.norm in detect or t.norm in intent_words)
        scores[lang] += sum(1 for t in tokens if t.norm in lex.months)
    best = max(scores.values(), default=0)
    winners = [lang for lang, s in scores.items() if s == best]
    return "en" if best == 0 or "en" in winners and len(winners) > 1 else winners[0]


def _year(tok: Token) -> int | None:
    if re.fullmatch(r"(19|20)\d{2}", tok.norm):
        return int(tok.norm)
    return None


def _day(tok: Token) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", tok.norm)
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    return None


def _month(tok: Token, lex: Lexicon, *, abbr: bool) -> int | None:
    if tok.norm in lex.months:
        return lex.months[tok.norm]
    if abbr and tok.norm in lex.month_abbr:
        return lex.month_abbr[tok.norm]
    return None


def _safe_date(y, m, d) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def find_dates(tokens: list[Token], lex: Lexicon) -> list[Span]:
    spans, i, n = [], 0, len(tokens)
    while i < n:
        t = tokens[i]
        got = None
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t.norm):
            y, m, d = (int(x) for x in t.norm.split("-"))
            dd = _safe_date(y, m, d)
            if dd:
                got = (1, DateExpr(dd, dd, label="day"))
        elif re.fullmatch(r"\d{4}-\d{1,2}", t.norm):
            y, m = (int(x) for x in t.norm.split("-"))
            if 1 <= m <= 12:
                got = (1, DateExpr(*_month_span(y, m), label="month"))
        elif re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", t.norm):
            d, m, y = (int(x) for x in t.norm.split("/"))
            y = y + 2000 if y < 100 else y
            dd = _safe_date(y, m, d) or _safe_date(y, d, m)  # day/month first (Indonesian), else US order
            if dd:
                got = (1, DateExpr(dd, dd, label="day"))
        if got is None:
            nxt = tokens[i + 1] if i + 1 < n else None
            nxt2 = tokens[i + 2] if i + 2 < n else None
            d = _day(t)
            mo = _month(t, lex, abbr=bool(nxt and (_year(nxt) or _day(nxt))) or bool(d))
            if d is not None and nxt and (m2 := _month(nxt, lex, abbr=True)):
                if nxt2 and (y := _year(nxt2)) and (dd := _safe_date(y, m2, d)):
                    got = (3, DateExpr(dd, dd, label="day"))
                else:
                    got = (2, DateExpr(month=m2, day=d, label="day_month"))
            elif mo is not None:
                if nxt and (d2 := _day(nxt)) is not None and not _year(nxt):
                    nn = 2
                    if nxt2 and (y := _year(nxt2)) and (dd := _safe_date(y, mo, d2)):
                        got = (3, DateExpr(dd, dd, label="day"))
                    else:
                        got = (nn, DateExpr(month=mo, day=d2, label="day_month"))
                elif nxt and (y := _year(nxt)):
                    got = (2, DateExpr(*_month_span(y, mo), label="month"))
                elif t.norm in lex.months:
                    got = (1, DateExpr(month=mo, label="month_only"))
            elif (y := _year(t)) is not None:
                got = (1, DateExpr(date(y, 1, 1), date(y, 12, 31), label="year"))
        if got:
            k, expr = got
            spans.append(Span(i, i + k, "date", expr, " ".join(x.orig for x in tokens[i:i + k])))
            i += k
        else:
            i += 1
    return spans


# ---- what the store knows ---------------------------------------------------------------------------------

@dataclass
class StoreNames:
    persons: dict[tuple[str, ...], set[int]]
    person_words: dict[str, set[int]]  # single words of stored names (surnames, given names)
    places: dict[tuple[str, ...], set[int]]
    countries: dict[tuple[str, ...], str]
    occasion_words: dict[str, set[int]]  # distinctive word -> meeting ids
    person_names: dict[int, str]

    @classmethod
    def load(cls, session: Session, vocab: set[str]) -> StoreNames:
        persons: dict[tuple, set[int]] = {}
        words: dict[str, set[int]] = {}
        names = {}
        for pid, name, alias_norm in session.execute(
                select(Person.id, Person.name, PersonAlias.alias_norm).join(PersonAlias, PersonAlias.person_id == Person.id)):
            names[pid] = name
            k = tuple(alias_norm.split())
            if len(k) == 1 and k[0] in vocab:
                continue  # a one-word alias that is also a question word cannot be told apart
            persons.setdefault(k, set()).add(pid)
            for w in k:
                # two-letter family names count too ("Xi", "Li", "Ri"); name particles do not
                if (len(w) >= 3 or len(w) == 2 and w not in _NAME_PARTICLES) and w not in vocab:
                    words.setdefault(w, set()).add(pid)
        for pid, name in session.execute(select(Person.id, Person.name)):
            names[pid] = name
        places: dict[tuple, set[int]] = {}
        for pid, alias_norm in session.execute(select(PlaceAlias.place_id, PlaceAlias.alias_norm)):
            k = tuple(alias_norm.split())
            if len(k) == 1 and k[0] in vocab:
                continue
            places.setdefault(k, set()).add(pid)
        countries = {}
        for c in session.scalars(select(Place.country).distinct()):
            if c:
                countries[_key(c)] = c
        occ: dict[str, set[int]] = {}
        for mid, occasion in session.execute(select(Meeting.id, Meeting.occasion).where(Meeting.occasion.is_not(None))):
            for w in re.findall(r"[^\W_]+", occasion):
                # distinctive: a proper noun or an acronym with digits ("G20", "Arctic", "ASEAN")
                if (w[:1].isupper() or any(ch.isdigit() for ch in w)) and len(w) >= 3 or re.fullmatch(r"[A-Z]\d+", w):
                    nw = normalise_name(w)
                    if nw not in vocab:
                        occ.setdefault(nw, set()).add(mid)
        return cls(persons, words, places, countries, occ, names)


_NAME_PARTICLES = {"al", "el", "de", "da", "di", "du", "la", "le", "jr", "sr", "ii", "iv", "bin", "van", "von"}


# ---- the parsed question --------------------------------------------------------------------------------------

@dataclass
class Parsed:
    question: str
    lang: str
    tokens: list[Token]
    spans: list[Span]
    persons: list[int] = field(default_factory=list)
    places: set[int] = field(default_factory=set)
    place_labels: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    occasion_meetings: set[int] | None = None
    occasion_label: str | None = None
    dates_in: list[DateExpr] = field(default_factory=list)
    before: DateExpr | None = None
    after: DateExpr | None = None
    since: DateExpr | None = None
    range: tuple[DateExpr, DateExpr] | None = None
    anchor: dict | None = None  # {"bound": "before"|"after", "places": set, "occasion": set, "kind": str, "date": DateExpr}
    intents: list[str] = field(default_factory=list)
    order: str | None = None
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    yesno: bool = False
    about_meetings: bool = False  # a meeting word, question word, kind or status was found
    unknown: list[str] = field(default_factory=list)

    @property
    def has_filter(self) -> bool:
        return bool(self.persons or self.places or self.countries or self.occasion_meetings is not None
                    or self.dates_in or self.before or self.after or self.since or self.range or self.anchor)


def _gazetteer_role_words() -> set[str]:
    try:
        from kb.extract.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        out = set()
        for lang in ("id", "en"):
            for r in gaz.roles(lang):
                out.update(_key(r.phrase))
        return out
    except Exception:  # noqa: BLE001 - no gazetteer: no role phrases in questions
        return set()


_ROLE_WORDS: set[str] | None = None
_COUNTRY_WORDS: set[str] | None = None


def _gazetteer_country_words() -> set[str]:
    """Words of every country name and adjective the gazetteer knows ("jerman", "german", "rusia")."""
    global _COUNTRY_WORDS
    if _COUNTRY_WORDS is None:
        _COUNTRY_WORDS = set()
        try:
            from kb.extract.gazetteer import load_gazetteer

            gaz = load_gazetteer()
            for c in gaz.countries_by_code().values():
                names = [c.name]
                for attr in ("names", "demonyms"):
                    v = getattr(c, attr, None) or {}
                    for group in (v.values() if isinstance(v, dict) else [v]):
                        names.extend(group)
                for n in names:
                    if isinstance(n, str) and len(_key(n)) == 1:
                        _COUNTRY_WORDS.update(_key(n))
        except Exception:  # noqa: BLE001 - no gazetteer: titles alone mark descriptors
            pass
    return _COUNTRY_WORDS


def _role_words() -> set[str]:
    global _ROLE_WORDS
    if _ROLE_WORDS is None:
        _ROLE_WORDS = _gazetteer_role_words()
    return _ROLE_WORDS


def parse(session: Session, question: str, *, lang: str | None = None, role_resolver=None) -> Parsed:
    lexs = lexicons()
    tokens = tokenize(question)
    lang = lang if lang in lexs else detect_language(tokens, lexs)
    lex = lexs[lang]
    vocab = set().union(*(x.words for x in lexs.values()))
    names = StoreNames.load(session, vocab)
    p = Parsed(question=question, lang=lang, tokens=tokens, spans=[])
    used = [False] * len(tokens)

    def take(span: Span):
        for k in range(span.i, span.j):
            used[k] = True
        p.spans.append(span)

    def free(i, j):
        return j <= len(tokens) and not any(used[i:j])

    for s in find_dates(tokens, lex):
        take(s)

    # stored people and places, longest first
    maxlen = max([len(k) for k in (*names.persons, *names.places, *names.countries)] + [1])
    i = 0
    while i < len(tokens):
        hit = None
        for L in range(min(maxlen, len(tokens) - i), 0, -1):
            if not free(i, i + L):
                continue
            k = tuple(t.norm for t in tokens[i:i + L])
            prev_in = i > 0 and (tokens[i - 1].norm,) in lex.phrases and any(
                c == "in" for c, _ in lex.phrases[(tokens[i - 1].norm,)])
            if k in names.persons and not (prev_in and k in names.places):
                hit = Span(i, i + L, "person", names.persons[k])
            elif k in names.places:
                hit = Span(i, i + L, "place", names.places[k])
            elif k in names.countries:
                hit = Span(i, i + L, "country", names.countries[k])
            if hit:
                break
        if hit is None and free(i, i + 1) and tokens[i].capitalised and tokens[i].norm in names.person_words:
            hit = Span(i, i + 1, "person", names.person_words[tokens[i].norm])
        if hit:
            hit.text = " ".join(t.orig for t in tokens[hit.i:hit.j])
            take(hit)
            i = hit.j
        else:
            i += 1

    # role phrases ("Menlu Rusia", "US Secretary of State") among the tokens left
    role_words = _role_words() if role_resolver is None else None
    resolver = role_resolver or _default_role_resolver
    i = 0
    while i < len(tokens):
        hit = None
        for L in range(min(6, len(tokens) - i), 1, -1):
            if not free(i, i + L):
                continue
            k = [t.norm for t in tokens[i:i + L]]
            if role_words is not None and not any(w in role_words for w in k):
                continue
            text = " ".join(t.orig for t in tokens[i:i + L])
            person = resolver(session, text)
            if person is not None:
                hit = Span(i, i + L, "person", {person.id}, text)
                break
        if hit:
            take(hit)
            i = hit.j
        else:
            i += 1

    # distinctive occasion words ("G20", "Arctic")
    for i, t in enumerate(tokens):
        if not used[i] and t.norm in names.occasion_words:
            take(Span(i, i + 1, "occasion", names.occasion_words[t.norm], t.orig))

    # the question vocabulary
    vmax = max(len(k) for k in lex.phrases)
    i = 0
    while i < len(tokens):
        hit = None
        for L in range(min(vmax, len(tokens) - i), 0, -1):
            k = tuple(t.norm for t in tokens[i:i + L])
            if free(i, i + L) and k in lex.phrases:
                hit = Span(i, i + L, "vocab", lex.phrases[k], " ".join(t.orig for t in tokens[i:i + L]))
                break
        if hit:
            take(hit)
            i = hit.j
        else:
            i += 1

    p.spans.sort(key=lambda s: s.i)
    _unknown_names(p, tokens, used, lex, vocab)
    _interpret(p, lex, names, len(tokens))
    return p


def _default_role_resolver(session: Session, text: str):
    from kb.query.roles import match_role

    m = match_role(session, text)
    return m.best if m is not None else None


def _unknown_names(p: Parsed, tokens: list[Token], used: list[bool], lex: Lexicon, vocab: set[str]) -> None:
    """Leftover words that look like names: capitalised (not only as the question's first word), or joined
    to a found name by a link word ("and", "dan", "with", "bertemu")."""
    link_at = set()
    for s in p.spans:
        if s.kind == "vocab" and any(c == "link" for c, _ in s.value):
            link_at.update(range(s.i, s.j))
    person_at = {k for s in p.spans if s.kind == "person" for k in range(s.i, s.j)}
    title_at = {k for s in p.spans if s.kind == "vocab" and any(c == "title" for c, _ in s.value)
                for k in range(s.i, s.j)}
    countries = _gazetteer_country_words()
    run: list[str] = []
    runs: list[list[str]] = []
    for i, t in enumerate(tokens):
        looks = False
        descriptor = (i - 1 in title_at or i + 1 in title_at or t.norm in countries)  # "German foreign minister"
        if not used[i] and not descriptor and t.norm not in vocab and not t.norm.isdigit() and len(t.norm) > 1:
            if t.capitalised and (i > 0 or (i + 1 < len(tokens) and not used[i + 1] and tokens[i + 1].capitalised)):
                looks = True
            elif (i - 1 in link_at and (i - 2 in person_at or i - 1 in person_at)) or (
                    i + 1 in link_at and (i + 2 in person_at)):
                looks = True
        if looks:
            run.append(t.orig)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    p.unknown = [" ".join(r) for r in runs]


def _interpret(p: Parsed, lex: Lexicon, names: StoreNames, ntok: int) -> None:
    spans = p.spans

    def cats(s: Span) -> list[tuple[str, str]]:
        return s.value if s.kind == "vocab" else []

    def is_filler(s: Span) -> bool:
        return s.kind == "vocab" and all(c in ("filler", "meeting", "in") for c, _ in s.value)

    used_dates: set[int] = set()
    anchor_spans: set[int] = set()
    for idx, s in enumerate(spans):
        bounds = [v for c, v in cats(s) if c == "bound"]
        if not bounds:
            continue
        bound = bounds[0]
        # the next meaningful spans after the keyword
        rest = [(k, x) for k, x in enumerate(spans) if k > idx and not is_filler(x)]
        if not rest:
            continue
        k, nxt = rest[0]
        if bound == "between" or (bound == "since" and len(rest) >= 3):
            dates = [(kk, x) for kk, x in rest[:3] if x.kind == "date" and x.value.start]
            if len(dates) >= 2 and dates[0][1].value.start and dates[1][1].value.end:
                p.range = (dates[0][1].value, dates[1][1].value)
                used_dates.update({dates[0][0], dates[1][0]})
                continue
            if bound == "between":
                continue
        if nxt.kind == "date" and nxt.value.start:
            setattr(p, bound, nxt.value)
            used_dates.add(k)
        elif bound in ("before", "after") and nxt.kind in ("place", "country", "occasion") or (
                bound in ("before", "after") and nxt.kind == "vocab" and any(c == "kind" for c, _ in cats(nxt))):
            anchor = {"bound": bound, "places": set(), "occasion": None, "kind": None, "date": None}
            if nxt.kind == "place":
                anchor["places"] = set(nxt.value)
            elif nxt.kind == "country":
                anchor["country"] = nxt.value
            elif nxt.kind == "occasion":
                anchor["occasion"] = set(nxt.value)
            else:
                anchor["kind"] = [v for c, v in cats(nxt) if c == "kind"][0]
            anchor_spans.add(k)
            # "after the Geneva meeting in 2022": a date right after the anchor belongs to it
            if len(rest) > 1 and rest[1][1].kind == "date":
                anchor["date"] = rest[1][1].value
                used_dates.add(rest[1][0])
            p.anchor = anchor

    order_blocked = set()
    for idx, s in enumerate(spans):
        for c, v in cats(s):
            if c == "order":
                nxt = spans[idx + 1] if idx + 1 < len(spans) else None
                not_before = lex.data.get("order_not_before", {}).get(v, [])
                if nxt is not None and nxt.kind == "vocab" and normalise_name(nxt.text) in not_before:
                    order_blocked.add(idx)
                if s.j == ntok and normalise_name(s.text) in lex.data.get("order_not_at_end", []):
                    order_blocked.add(idx)

    for idx, s in enumerate(spans):
        if s.kind == "person":
            for pid in sorted(s.value):
                if pid not in p.persons:
                    p.persons.append(pid)
            if len(s.value) > 1:
                cands = sorted(names.person_names[x] for x in s.value)
                raise QueryError(f"'{s.text}' is ambiguous: it could be {', '.join(cands)}; give a fuller name")
        elif s.kind == "place" and idx not in anchor_spans:
            p.places |= set(s.value)
            p.place_labels.append(s.text)
        elif s.kind == "country" and idx not in anchor_spans:
            p.countries.append(s.value)
            p.place_labels.append(s.value)
        elif s.kind == "occasion" and idx not in anchor_spans:
            p.occasion_meetings = set(s.value) if p.occasion_meetings is None else p.occasion_meetings | set(s.value)
            p.occasion_label = s.text
        elif s.kind == "date" and idx not in used_dates:
            p.dates_in.append(s.value)
        elif s.kind == "vocab":
            for c, v in s.value:
                if c == "intent" and v not in p.intents:
                    p.intents.append(v)
                elif c == "order" and idx not in order_blocked and p.order is None:
                    p.order = v
                elif c == "kind" and idx not in anchor_spans and v not in p.kinds:
                    p.kinds.append(v)
                elif c == "status" and v not in p.statuses:
                    p.statuses.append(v)
                elif c == "yesno" and s.i == 0:
                    p.yesno = True
                if c in ("intent", "meeting", "kind", "status", "order", "ever"):
                    p.about_meetings = True
    if "how_long" in p.intents and "how_many" in p.intents:
        p.intents.remove("how_many")  # "how many minutes"
    # a yes/no word that starts a wh-question ("Was it in Geneva, when…") does not make it yes/no
    if p.yesno and any(i in p.intents for i in ("when", "where", "who", "how_many", "how_long", "topics")):
        p.yesno = False


# ---- selecting meetings -----------------------------------------------------------------------------------------

def _span_of(m: dict) -> tuple[date, date] | None:
    from kb.export.common import span

    return span(m)


def _within(m: dict, lo: date | None, hi: date | None) -> bool:
    s = _span_of(m)
    if s is None:
        return False
    return (lo is None or s[0] >= lo) and (hi is None or s[1] <= hi)


def _matches_date(m: dict, e: DateExpr) -> bool:
    if e.start is not None:
        return _within(m, e.start, e.end)
    s = _span_of(m)
    if s is None:
        return False
    if s[0].year != s[1].year or s[0].month != s[1].month or s[0].month != e.month:
        return False
    return e.day is None or (s[0] == s[1] and s[0].day == e.day)


def _candidates(session: Session, p: Parsed, *, places: set[int] | None = None, persons=None) -> list[dict]:
    from kb.query.views import meeting_dicts

    persons = p.persons if persons is None else persons
    stmt = select(Meeting.id)
    for pid in persons:
        mp = aliased(MeetingParticipant)
        stmt = stmt.join(mp, mp.meeting_id == Meeting.id).where(mp.person_id == pid)
    place_ids = set(p.places) if places is None else set(places)
    countries = p.countries if places is None else []
    if countries:
        place_ids |= set(session.scalars(select(Place.id).where(Place.country.in_(countries))))
    if place_ids or countries:
        stmt = stmt.where(Meeting.place_id.in_(sorted(place_ids)))
    return meeting_dicts(session, session.scalars(stmt))


def _resolve_anchor(session: Session, p: Parsed) -> dict | None:
    """The meeting a "before/after the Geneva meeting" refers to: one of the named people's if any, else any."""
    a = p.anchor
    places = set(a.get("places") or ())
    if a.get("country"):
        places |= set(session.scalars(select(Place.id).where(Place.country == a["country"])))

    def ok(m):
        if a.get("occasion") is not None and m["id"] not in a["occasion"]:
            return False
        if a.get("kind") and m["kind"] != a["kind"]:
            return False
        if places and m["id"] not in place_meetings:
            return False
        if a.get("date") and not _matches_date(m, a["date"]):
            return False
        return _span_of(m) is not None

    place_meetings = set(session.scalars(select(Meeting.id).where(Meeting.place_id.in_(sorted(places))))) if places else set()
    for persons in ([p.persons, []] if p.persons else [[]]):
        found = [m for m in _candidates(session, p, places=places, persons=persons) if ok(m)]
        if found:
            return found[0]
    return None


@dataclass
class Selection:
    meetings: list[dict]
    desc: str
    status_check: str | None = None
    others: list[dict] = field(default_factory=list)  # non-occurred meetings left out by the default filter
    anchor: dict | None = None


def select_meetings(session: Session, p: Parsed, lex: Lexicon) -> Selection:
    ms = _candidates(session, p)
    anchor = _resolve_anchor(session, p) if p.anchor else None
    if p.anchor and anchor is None:
        return Selection([], _describe(p, lex, None))
    if p.occasion_meetings is not None:
        ms = [m for m in ms if m["id"] in p.occasion_meetings]
    if p.dates_in:
        ms = [m for m in ms if any(_matches_date(m, e) for e in p.dates_in)]
    if p.before:
        ms = [m for m in ms if _within(m, None, p.before.start - _ONE_DAY)]
    if p.after:
        ms = [m for m in ms if _within(m, p.after.end + _ONE_DAY, None)]
    if p.since:
        ms = [m for m in ms if _within(m, p.since.start, None)]
    if p.range:
        ms = [m for m in ms if _within(m, p.range[0].start, p.range[1].end)]
    if anchor is not None:
        a0, a1 = _span_of(anchor)
        if p.anchor["bound"] == "before":
            ms = [m for m in ms if _within(m, None, a0 - _ONE_DAY)]
        else:
            ms = [m for m in ms if _within(m, a1 + _ONE_DAY, None)]
    if p.kinds:
        ms = [m for m in ms if m["kind"] in p.kinds]
    desc = _describe(p, lex, anchor)
    status_check = None
    others: list[dict] = []
    if p.yesno and p.statuses:
        status_check = p.statuses[0]
    elif p.statuses:
        ms = [m for m in ms if m["status"] in p.statuses]
    elif "list" not in p.intents:
        others = [m for m in ms if m["status"] != "occurred"]
        ms = [m for m in ms if m["status"] == "occurred"]
    return Selection(ms, desc, status_check, others, anchor)




# ---- wording -----------------------------------------------------------------------------------------------------

def _join(items: list[str], lex: Lexicon) -> str:
    items = [x for x in items if x]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {lex.t['and']} " + items[-1]


def fmt_date(d: date, lex: Lexicon) -> str:
    return lex.t["date_day"].format(day=d.day, month=lex.data["month_names"][d.month - 1], year=d.year)


def fmt_expr(e: DateExpr, lex: Lexicon) -> str:
    names = lex.data["month_names"]
    if e.start is None:
        text = lex.t["date_month_only"].format(month=names[e.month - 1])
        return f"{e.day} {text}" if e.day else text
    if e.label == "year":
        return lex.t["date_year"].format(year=e.start.year)
    if e.label == "month":
        return lex.t["date_month"].format(month=names[e.start.month - 1], year=e.start.year)
    return fmt_date(e.start, lex)


def fmt_when(m: dict, lex: Lexicon) -> str:
    """'on 2 March 2023', 'in January 2022', 'between 1 June 2022 and 31 August 2022'."""
    from kb.export.common import precision

    s = _span_of(m)
    if s is None:
        return lex.t["when_unknown"]
    prec = precision(m)
    names = lex.data["month_names"]
    if prec == "day" and s[0] == s[1]:
        return lex.t["when_day"].format(date=fmt_date(s[0], lex))
    if prec == "month":
        return lex.t["when_month"].format(date=lex.t["date_month"].format(month=names[s[0].month - 1], year=s[0].year))
    if prec == "year":
        return lex.t["when_year"].format(date=lex.t["date_year"].format(year=s[0].year))
    return lex.t["when_interval"].format(start=fmt_date(s[0], lex), end=fmt_date(s[1], lex))


def fmt_place(m: dict) -> str | None:
    return ", ".join(x for x in (m.get("place"), m.get("country")) if x) or None


def fmt_item(m: dict, lex: Lexicon, *, place: bool = True, status: bool = True) -> str:
    where = f" {lex.t['where'].format(place=fmt_place(m))}" if place and fmt_place(m) else ""
    how = []
    if m["kind"] != "in_person":
        how.append(lex.t[f"kind_{m['kind']}"])
    if status and m["status"] != "occurred":
        how.append(lex.t[f"status_{m['status']}"])
    return lex.t["item"].format(when=fmt_when(m, lex), where=where, how=(", " + ", ".join(how)) if how else "",
                                id=m["id"])


def fmt_duration(m: dict, lex: Lexicon) -> str | None:
    n = m.get("duration_minutes")
    if not n:
        return None
    h, mi = divmod(int(n), 60)
    parts = []
    if h:
        parts.append(f"{h} {lex.t['hours'][0 if h == 1 else 1]}")
    if mi:
        parts.append(f"{mi} {lex.t['minutes'][0 if mi == 1 else 1]}")
    text = f" {lex.t['and']} ".join(parts)
    mod = m.get("duration_mod")
    prefix = lex.t["at_most"] if mod == "at_most" else lex.t["about"] if mod == "about" else ""
    return prefix + text


def _describe(p: Parsed, lex: Lexicon, anchor: dict | None, *, statuses: bool = True) -> str:
    """The selection in words: 'between A and B in Geneva in 2022 by phone'."""
    t = lex.t
    parts = []
    people = [_person_name(p, pid) for pid in p.persons]
    if len(people) >= 2:
        parts.append(t["desc_between"].format(people=_join(people, lex)))
    elif people:
        parts.append(t["desc_involving"].format(people=people[0]))
    if p.place_labels:
        parts.append(t["desc_place"].format(place=_join(list(dict.fromkeys(p.place_labels)), lex)))
    if p.occasion_label:
        parts.append(t["desc_occasion"].format(occasion=p.occasion_label))
    for k in p.kinds:
        parts.append(t[f"desc_kind_{k}"])
    for e in p.dates_in:
        parts.append(t["desc_in"].format(date=fmt_expr(e, lex)))
    if p.before:
        parts.append(t["desc_before"].format(date=fmt_expr(p.before, lex)))
    if p.after:
        parts.append(t["desc_after"].format(date=fmt_expr(p.after, lex)))
    if p.since:
        parts.append(t["desc_since"].format(date=fmt_expr(p.since, lex)))
    if p.range:
        parts.append(t["desc_range"].format(start=fmt_expr(p.range[0], lex), end=fmt_expr(p.range[1], lex)))
    if p.anchor:
        what = fmt_when(anchor, lex) + (f" {t['where'].format(place=fmt_place(anchor))}" if anchor and fmt_place(anchor) else "") \
            if anchor else _anchor_label(p)
        parts.append(t[f"desc_{p.anchor['bound']}_event"].format(date=what))
    if statuses and p.statuses and not p.yesno:
        for s in p.statuses:
            if f"desc_status_{s}" in t:
                parts.append(t[f"desc_status_{s}"])
    return " ".join(parts)


def _anchor_label(p: Parsed) -> str:
    return " ".join(s.text for s in p.spans if s.kind in ("place", "occasion", "country") and s.text not in p.place_labels)


_NAMES: dict[int, str] = {}


def _person_name(p: Parsed, pid: int) -> str:
    return _NAMES.get(pid, str(pid))


def _sources(meetings: list[dict], lex: Lexicon) -> str:
    seen, out = set(), []
    for m in meetings:
        for s in m.get("sources") or []:
            key = s.get("article")
            if key in seen:
                continue
            seen.add(key)
            head = " ".join(x for x in (s.get("source"), s.get("published")) if x)
            out.append(f"{head} ({s.get('article')})" if head else str(s.get("article")))
    return lex.t["sources"].format(sources="; ".join(out)) if out else ""


# ---- answering -----------------------------------------------------------------------------------------------------

@dataclass
class Answer:
    question: str
    language: str
    answer: str
    meetings: list[dict]
    outcome: str  # answered | no_answer | not_understood

    def as_dict(self) -> dict:
        return {"question": self.question, "answer": self.answer, "meetings": self.meetings,
                "language": self.language, "outcome": self.outcome}


def ask(session: Session, question: str, *, lang: str | None = None, role_resolver=None) -> Answer:
    """Answer one question from the store. Raises QueryError when it names an unknown or ambiguous person."""
    if not question or not question.strip():
        raise QueryError("empty question")
    p = parse(session, question, lang=lang, role_resolver=role_resolver)
    lex = lexicons()[p.lang]
    _NAMES.clear()
    _NAMES.update(dict(session.execute(select(Person.id, Person.name)).all()))
    if not p.about_meetings and not p.persons:
        return Answer(question, p.lang, lex.t["not_a_question"], [], "not_understood")
    if p.unknown:
        from kb.query.names import suggest

        name = p.unknown[0]
        raise QueryError(f"'{name}': no such person or place in the store" + suggest(session, name))
    if not p.has_filter and not p.kinds and not p.statuses:
        return Answer(question, p.lang, lex.t["not_understood"], [], "not_understood")
    if not p.has_filter and not p.intents and not p.yesno:
        return Answer(question, p.lang, lex.t["not_understood"], [], "not_understood")
    sel = select_meetings(session, p, lex)
    return _compose(p, lex, sel)


def _ordered(ms: list[dict], order: str | None) -> list[dict]:
    dated = [m for m in ms if _span_of(m) is not None]
    if order == "last" and dated:
        return [max(dated, key=lambda m: (_span_of(m)[1], _span_of(m)[0], m["id"]))]
    if order == "first" and dated:
        return [min(dated, key=lambda m: (_span_of(m)[0], _span_of(m)[1], m["id"]))]
    return ms


def _finish(p: Parsed, lex: Lexicon, text: str, cited: list[dict], outcome: str = "answered") -> Answer:
    src = _sources(cited, lex)
    return Answer(p.question, p.lang, text + (" " + src if src else ""), cited, outcome)


def _compose(p: Parsed, lex: Lexicon, sel: Selection) -> Answer:
    t = lex.t
    desc = sel.desc
    ms = sel.meetings
    intent = next((i for i in ("how_long", "how_many", "who", "topics", "where", "when", "list") if i in p.intents),
                  None)
    if sel.status_check:
        return _status_check(p, lex, sel)
    if not ms and sel.others and not p.yesno and intent not in ("how_many", None):
        ms = sel.others  # "When is A meeting B?": only planned or cancelled ones exist; they say so
    if not ms:
        if sel.others and not p.yesno:
            items = "; ".join(fmt_item(m, lex) for m in sel.others)
            return _finish(p, lex, t["no_meeting_but"].format(desc=desc, n=len(sel.others), items=items), sel.others,
                           "no_answer")
        key = "no" if p.yesno else "no_meeting"
        return Answer(p.question, p.lang, t[key].format(desc=desc), [], "no_answer")

    if p.yesno and intent in (None, "list"):
        chosen = _ordered(ms, p.order)
        return _finish(p, lex, t["yes"].format(items="; ".join(fmt_item(m, lex) for m in chosen)), chosen)

    if intent == "how_many":
        n = len(ms)
        items = "; ".join(fmt_item(m, lex) for m in ms)
        text = t["count_one" if n == 1 else "count_many"].format(n=n, desc=desc, items=items)
        return _finish(p, lex, text, ms)

    chosen = _ordered(ms, p.order)
    order_word = t[f"order_{p.order}"] if p.order and len(chosen) == 1 and len(ms) > 1 else ""

    if intent == "how_long":
        if len(chosen) == 1:
            m = chosen[0]
            dur = fmt_duration(m, lex)
            if dur is None:
                text = t["how_long_unknown"].format(desc=desc, items=fmt_item(m, lex))
            else:
                text = t["how_long_one"].format(desc=desc, when=fmt_when(m, lex), id=m["id"], duration=dur)
            return _finish(p, lex, text, chosen)
        items = "; ".join(t["how_long_item"].format(
            when=fmt_when(m, lex), where=(" " + t["where"].format(place=fmt_place(m))) if fmt_place(m) else "",
            duration=fmt_duration(m, lex) or t["duration_unknown"], id=m["id"]) for m in chosen)
        return _finish(p, lex, t["how_long_many"].format(desc=desc, items=items), chosen)

    if intent == "who":
        asked = {_NAMES.get(x) for x in p.persons}
        others = [n for m in chosen for n in m["participants"] if n not in asked]
        others = list(dict.fromkeys(others))
        items = "; ".join(fmt_item(m, lex) for m in chosen)
        if p.persons and not others:
            return _finish(p, lex, t["who_nobody"].format(desc=desc, items=items), chosen)
        if p.persons:
            text = t["who_people"].format(people=_join([_NAMES[x] for x in p.persons], lex),
                                          names=_join(others, lex), items=items)
        else:
            groups: dict[str, list[dict]] = {}
            for m in chosen:
                groups.setdefault(_join(m["participants"], lex), []).append(m)
            text = t["who_any"].format(desc=desc, groups="; ".join(
                t["who_any_item"].format(names=n, items=", ".join(fmt_item(m, lex) for m in mm))
                for n, mm in groups.items()))
        return _finish(p, lex, text, chosen)

    if intent == "topics":
        with_topics = [m for m in chosen if m.get("topics")]
        if not with_topics:
            return _finish(p, lex, t["topics_none"].format(desc=desc, items="; ".join(fmt_item(m, lex) for m in chosen)), chosen)
        if len(chosen) == 1:
            m = chosen[0]
            text = t["topics_one"].format(desc=desc, when=fmt_when(m, lex), id=m["id"], topics="; ".join(m["topics"]))
        else:
            text = t["topics_many"].format(desc=desc, items=" | ".join(
                t["topics_item"].format(when=fmt_when(m, lex), id=m["id"], topics="; ".join(m["topics"])) for m in with_topics))
        return _finish(p, lex, text, chosen)

    if intent == "where":
        placed = [m for m in chosen if fmt_place(m)]
        unplaced = [m for m in chosen if not fmt_place(m)]
        if not placed:
            return _finish(p, lex, t["where_unknown"].format(desc=desc, items="; ".join(fmt_item(m, lex) for m in unplaced)), chosen)
        if len(placed) == 1 and not unplaced:
            m = placed[0]
            text = t["where_one"].format(order=order_word, desc=desc, place=fmt_place(m), when=fmt_when(m, lex), id=m["id"])
        else:
            by_place: dict[str, list[dict]] = {}
            for m in placed:
                by_place.setdefault(fmt_place(m), []).append(m)
            places = "; ".join(t["where_place_item"].format(place=pl, items=", ".join(
                fmt_item(m, lex, place=False) for m in mm)) for pl, mm in by_place.items())
            text = t["where_many"].format(desc=desc, places=places)
            if unplaced:
                text += " " + t["where_some_unknown"].format(n=len(unplaced), items="; ".join(fmt_item(m, lex) for m in unplaced))
        return _finish(p, lex, text, chosen)

    if intent == "when" or p.order:
        if len(chosen) == 1:
            m = chosen[0]
            key = "when_planned_one" if m["status"] == "planned" else "when_one"
            if key == "when_planned_one":
                desc = _describe(p, lex, sel.anchor, statuses=False)  # "is planned" says it once
            how = []
            if m["kind"] != "in_person" and m["kind"] not in p.kinds:
                how.append(t[f"kind_{m['kind']}"])
            if m["status"] == "cancelled":
                how.append(t["status_cancelled"])
            text = t[key].format(order=order_word, desc=desc, when=fmt_when(m, lex),
                                 where=(" " + t["where"].format(place=fmt_place(m))) if fmt_place(m) else "",
                                 how=(", " + ", ".join(how)) if how else "", id=m["id"])
            return _finish(p, lex, text, chosen)

    n = len(chosen)
    text = t["list_one" if n == 1 else "list_many"].format(n=n, desc=desc, items="; ".join(fmt_item(m, lex) for m in chosen))
    return _finish(p, lex, text, chosen)


def _status_check(p: Parsed, lex: Lexicon, sel: Selection) -> Answer:
    t = lex.t
    status = sel.status_check
    ms = _ordered(sel.meetings, p.order)
    if not ms:
        return Answer(p.question, p.lang, t["no"].format(desc=sel.desc), [], "no_answer")
    hits = [m for m in ms if m["status"] == status]
    if hits:
        text = t["yes_status"].format(desc=sel.desc, items="; ".join(fmt_item(m, lex, status=False) for m in hits),
                                      status=t[f"status_{status}"])
        return _finish(p, lex, text, hits)
    text = t["no_status"].format(desc=sel.desc, items="; ".join(
        fmt_item(m, lex, status=False) + " — " + t[f"status_{m['status']}"] for m in ms))
    return _finish(p, lex, text, ms)
