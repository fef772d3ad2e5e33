"""Meetings in an article: a trigger (met / bertemu / spoke by phone / …) with people on both sides.

For each sentence: find the people (kb.extract.people), places, time expressions and cue words (all from
per-language data); decide whether the sentence reports a meeting, its participants, status and kind;
then take date, place, duration, occasion and topics from the sentence, and let later sentences that
refer back to it ("the meeting lasted…", "pertemuan itu…") add what they say.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from types import SimpleNamespace

from kb.document import Document
from kb.extract.lexicon import cue_regex, lexicon
from kb.extract.people import ArticlePeople, Mention
from kb.extract.places import PlaceMention, dateline, find_places
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef, PlaceRef
from kb.extract.text import Sentence, sentences

KIND_ORDER = ("phone", "video", "in_person")


@dataclass
class Trigger:
    start: int
    end: int
    kind: str
    text: str
    weak: bool


def _find(lang, key, text, sub=None):
    return list(_cue_matches(lang, key, text, sub))


@lru_cache(maxsize=1024)
def _cue_matches(lang, key, text, sub):
    """Matches of a cue list in a sentence, kept for a while: the scene pass and the sentence reader
    look for the same cues (triggers above all) in the same sentences."""
    rx = cue_regex(lang, key, sub)
    return tuple(rx.finditer(text)) if rx else ()


def find_triggers(lang: str, text: str) -> list[Trigger]:
    return list(_triggers(lang, text))


@lru_cache(maxsize=256)
def _triggers(lang: str, text: str) -> tuple[Trigger, ...]:
    """`find_triggers`, kept for a while: the scene pass, the sentence reader and the cancellation and
    scene helpers ask again for the same sentences' triggers (nobody changes a Trigger). The cache is
    sized for one long article, so that the benchmark's repeated copies do not flatter it."""
    weak = {w.lower() for w in lexicon(lang).get("weak_triggers", [])}
    found: list[Trigger] = []
    for kind in KIND_ORDER:
        for m in _find(lang, "triggers", text, kind):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            found.append(Trigger(m.start(), m.end(), kind, m.group(), m.group().lower() in weak))
    return tuple(sorted(found, key=lambda t: t.start))


class SentenceTimes:
    """The time expressions of each sentence, found paragraph by paragraph when first asked for.

    The time layer reads whole paragraphs (an expression anchors the next: "the following day"), and
    it is the costliest recogniser; most paragraphs of a report hold no meeting, and nobody asks for
    their times, so they are never read. What is found for a paragraph is what reading every paragraph
    up front would find for it."""

    def __init__(self, paras: list[tuple[int, str]], sents: list[Sentence], lang: str, published):
        self.paras, self.sents, self.lang, self.published = paras, sents, lang, published
        self.starts = [s.start for s in sents]
        self.by_sentence: dict[int, list] = {}
        self.read: set[int] = set()  # paragraphs already read

    def _read(self, pi: int) -> None:
        from kb.extract.time import find_times

        self.read.add(pi)
        poff, para = self.paras[pi]
        for e in find_times(para, self.lang, self.published):
            si = bisect_right(self.starts, poff + e.start) - 1  # the sentence the expression starts in
            if si >= 0 and poff + e.start < self.sents[si].end:
                self.by_sentence.setdefault(si, []).append(_shift(e, poff - self.sents[si].start))

    def get(self, si: int, default=None):
        pi = self.sents[si].paragraph
        if pi not in self.read:
            self._read(pi)
        return self.by_sentence.get(si, default)

    def in_order(self):
        """(sentence index, expressions) of every sentence with some, in text order, read as consumed."""
        si = 0
        for pi in range(len(self.paras)):
            if pi not in self.read:
                self._read(pi)
            while si < len(self.sents) and self.sents[si].paragraph == pi:
                if si in self.by_sentence:
                    yield si, self.by_sentence[si]
                si += 1


class MeetingExtractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lang = doc.language  # the pipeline only calls this for languages with data
        self.published = doc.published
        self.people = ArticlePeople(self.lang, self.published)
        self.records: list[MeetingRecord] = []
        self.last_sentence_index: int = -10

    # ---- the article --------------------------------------------------------------------------------
    def run(self) -> ArticleExtraction:
        paras = self.doc.paragraph_offsets()
        sents = self.sentences = sentences(self.doc.text, paras)
        times_by_sentence = self.times_by_sentence = SentenceTimes(paras, sents, self.lang, self.published)
        self.dateline = next((d for d in (dateline(p, self.lang) for _o, p in paras[:3]) if d), None)
        self.news_date = self._news_date(sents, times_by_sentence)
        places_seen: list[PlaceRef] = []
        self.people.prime([s.text for s in sents])
        headlines = {pi for pi, (_off, para) in enumerate(paras) if _is_headline(para, self.doc.title, pi)}
        self.lead = set([pi for pi in range(len(paras)) if pi not in headlines][:2])
        self.scenes: dict[int, PlaceRef] = {}
        self.destinations: dict[int, PlaceRef] = {}
        self.names_by_sentence: dict[int, set[str]] = {}
        self.last_subject: str | None = None
        self.subject_of_meetings = False  # the last subject's sentence spoke of meetings ("held bilateral meetings with …")
        self._cur_mentions: list[Mention] = []
        self.quoted = _attributed_quotes(paras, sents, self.lang)
        places_of = [find_places(s.text, self.lang) for s in sents]
        for si, s in enumerate(sents):
            if any(self._negated(s.text, t) for t in find_triggers(self.lang, s.text)):
                continue  # "both were in Bali but never met": no scene for anyone's meeting
            triggers = find_triggers(self.lang, s.text)
            scene_places = places_of[si]
            if triggers:  # "They discussed Ukraine at the G20; … a deal implemented in Ukraine": the meeting's clause
                lo, hi = _semicolon_clause(s.text, triggers[0])
                scene_places = [p for p in scene_places if lo <= p.start < hi]
            scene = self._place(s.text, scene_places)
            if scene is None and self.dateline and _find(self.lang, "here", s.text):
                scene = self.dateline  # newswire "here" is the dateline city
            if scene is not None:
                self.scenes[si] = scene
            elif (dest := self._place(s.text, places_of[si], motion=True)) is not None:
                self.destinations[si] = dest  # "sets out on a mission to Washington"
        self.headline_scene = next((self.scenes[si] for si, s in enumerate(sents)
                                    if s.paragraph in headlines and si in self.scenes), None)
        self.lead_scene = self._lead_scene(sents)
        preps = [w.lower() for w in lexicon(self.lang).get("place_preps", []) + lexicon(self.lang).get("place_preps_motion", [])]
        for si, s in enumerate(sents):
            places = places_of[si]
            not_people = [(p.start, p.end) for p in places if p.kind != "country"
                          and (" " in p.text or self._governed(s.text[max(0, p.start - 60):p.start], preps))]
            mentions = self.people.find(s.text, exclude=not_people)
            mentions = self._first_person(si, s, mentions)
            self.names_by_sentence[si] = {m.name for m in mentions}
            places_seen.extend(p.ref for p in places)
            if s.paragraph in headlines:
                continue  # a headline repeats the story in telegraphic form: its people count, its verbs do not
            made = self._sentence(si, s, mentions, places)
            self._cur_mentions = mentions
            subject = self._subject(s.text, mentions)
            if subject:
                self.last_subject = subject
                self.subject_of_meetings = bool(find_triggers(self.lang, s.text))
            if made is not True:
                self._refer_back(si, s, mentions, places, force=made == "refer")
        self._same_day_places()
        self._cancelled_around()
        people = [PersonRef(e.name, tuple(sorted(e.aliases - {e.name})), e.role, e.country) for e in self.people.entries()]
        uniq_places = list({(p.name, p.country): p for p in places_seen}.values())
        return ArticleExtraction(people=people, places=uniq_places, meetings=self.records)

    def _first_person(self, si: int, s: Sentence, mentions: list[Mention]) -> list[Mention]:
        """"saya" / "I" inside a quote is its speaker ('"… saya berkomunikasi dengan X …," kata Jokowi'):
        the speaker named after the quote, or the one the story follows when it says only "katanya"."""
        quoted = self.quoted.get(si)
        if not quoted:
            return mentions
        lo, hi, speaker_text = quoted
        speaker = self.people.known_name(speaker_text) if speaker_text else self.last_subject
        if speaker is None:
            return mentions
        rx = _first_person_regex(self.lang)
        extra = [Mention(m.start(), m.end(), m.group(), speaker, via="pronoun")
                 for m in rx.finditer(s.text, lo, hi)] if rx else []
        extra = [e for e in extra if not any(m.start <= e.start < m.end for m in mentions)]
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def _cancelled_around(self) -> None:
        """A planned meeting whose trip the sentence before calls off ("X cancelled his visit to Beijing.
        He was to meet Y there."), or that the next sentences call off with no one else named ("But the
        plan fell through."), is cancelled."""
        starts = [s.start for s in self.sentences]
        for rec in self.records:
            if rec.status != "planned":
                continue
            si = bisect_right(starts, rec.evidence.start) - 1
            names = {p.name for p in rec.participants}
            par = self.sentences[si].paragraph
            for j in (si - 1, si + 1, si + 2):
                if not 0 <= j < len(self.sentences) or abs(self.sentences[j].paragraph - par) > 1:
                    continue
                if j > si + 1 and not _find(self.lang, "cancelled", self.sentences[si + 1].text) \
                        and self.names_by_sentence.get(si + 1, set()) - names:
                    break  # the story moved on to someone else
                said = self.names_by_sentence.get(j, set())
                if _find(self.lang, "cancelled", self.sentences[j].text) and (said & names if j < si else not said - names):
                    rec.status = "cancelled"
                    break

    def _lead_scene(self, sents) -> tuple[PlaceRef, str] | None:
        """(place, ISO day) when the lead says where and on which day meetings took place, in a sentence
        with a meeting word ("Pertemuan-pertemuan bilateral ini dilakukan di New York, Selasa (24/9)")."""
        for si, s in enumerate(sents):
            if s.paragraph not in self.lead:
                continue
            if si in self.scenes and find_triggers(self.lang, s.text) and not _find(self.lang, "planned", s.text):
                days = [t for t in self.times_by_sentence.get(si, []) if t.granularity == "day" and t.date_start]
                day = days[0].date_start if days else (self.news_date.date_start if self.news_date else None)
                if day is not None and (self.published is None or day <= self.published):
                    return self.scenes[si], day.isoformat()
        return None

    def _same_day_places(self) -> None:
        """A meeting in person with no place of its own takes the place of another meeting of one of its
        people on the same day in the same article (a visitor's calls on one day are in one city)."""
        for rec in self.records:
            if rec.place is not None or rec.kind != "in_person" or rec.granularity != "day":
                continue
            names = {p.name for p in rec.participants}
            places = {o.place for o in self.records if o is not rec and o.place is not None and o.kind == "in_person"
                      and o.date == rec.date and names & {p.name for p in o.participants}}
            if len(places) == 1:
                rec.place = places.pop()
            elif not places and self.lead_scene and rec.status == "occurred" and rec.date == self.lead_scene[1]:
                rec.place = self.lead_scene[0]  # "The bilateral meetings took place in New York on Tuesday"

    def _news_date(self, sents, times_by_sentence):
        """The day the article reports on: the first day-precise date in the week before publication."""
        if not self.published:
            return None
        for _si, found in times_by_sentence.in_order():
            for e in found:
                if e.type in ("DATE", "TIME") and e.granularity in ("day", "time") and e.date_start \
                        and self.published - timedelta(days=7) <= e.date_start <= self.published:
                    return e
        return None

    # ---- one sentence ---------------------------------------------------------------------------------
    def _sentence(self, si: int, s: Sentence, mentions: list[Mention], places) -> bool | str:
        """True when the sentence reported (or denied) a meeting; "refer" when it only says more about
        the meeting just reported."""
        text = s.text
        self._cur_mentions = mentions
        triggers = find_triggers(self.lang, text)
        if not triggers:
            return False
        times = self.times_by_sentence.get(si, [])
        if any(self._negated(text, t) for t in triggers):
            return True  # "attended the same summit but never met": the sentence denies a meeting
        candidates = []
        for trig in triggers:
            if not self._usable(text, trig, mentions):
                continue
            status = self._status(text, trig, times)
            if status is None:
                continue
            if status == "occurred" and self._amid_plans(si, text, times):
                status = "planned"
            lo, hi = self._clause(text, trig)
            in_clause = [m for m in mentions if lo <= m.start < hi]
            if self._fronted(text) and hi < len(text) and len(in_clause) == 1:
                # "Before meeting with A, the Prime Minister called on B": the main subject met A
                subject = [m for m in mentions if m.start >= hi][:1]
                in_clause = in_clause + subject
            participants, from_anaphora = self._participants(text, trig, in_clause)
            if len(participants) < 2 and (lo, hi) == (0, len(text)):
                participants, from_anaphora = self._participants(text, trig, mentions)
            if len(participants) < 2:
                continue
            if trig.weak and not self._weak_ok(text, trig, participants, mentions):
                continue
            candidates.append((len(in_clause) >= 2, trig, status, participants, from_anaphora))
        if not candidates:
            return False
        candidates.sort(key=lambda c: not c[0])  # a trigger whose own clause names the people first
        _, trig, status, participants, from_anaphora = candidates[0]
        dated = any(t.type in ("DATE", "TIME") and t.date_start for t in times)
        definite = any(m.start() <= trig.start < m.end() for m in _find(self.lang, "definite_meeting", text))
        if (from_anaphora or definite) and not dated and any({p.name for p in r.participants} == set(participants)
                                               and (r.status == status or status == "occurred") for r in self.records[-3:]):
            return "refer"  # "The two leaders discussed …": more about the meeting just reported
        split = self._coordinated(text, triggers, mentions)
        if split:
            for t, group, seg in split:
                self._records(si, s, t, status, group, triggers, places, times, mentions, seg)
            self.last_sentence_index = si
            return True
        made = self._records(si, s, trig, status, participants, triggers, places, times, mentions, None)
        # further meetings of the same people in the same sentence, each with its own date or place:
        # "their first talks in May in Oslo and later talks in Rome and Vienna"
        starts = sorted(t.start for t in triggers)
        used_clauses = {self._relative_clause(text, trig) or self._clause(text, trig)}
        for local, other, ostatus, oparticipants, _ in candidates[1:]:
            # a relative clause is a clause of its own: "…, who had nine hours of talks with her yesterday"
            clause = self._relative_clause(text, other) or self._clause(text, other)
            if local and clause not in used_clauses and set(oparticipants) != set(participants):
                used_clauses.add(clause)  # another clause, other people: another meeting
                made += self._records(si, s, other, ostatus, oparticipants, triggers, places, times, mentions, clause)
                continue
            if set(oparticipants) != set(participants) or other.start < trig.end:
                continue
            nxt = [x for x in starts if x > other.start]
            seg = (other.start, nxt[0] if nxt else len(s.text))
            if any(seg[0] <= t.start < seg[1] for t in times) or any(seg[0] <= p.start < seg[1] for p in places):
                before = len(self.records)
                made += self._records(si, s, other, ostatus, oparticipants, triggers, places, times, mentions, seg)
                # keep a further record only if it says something new (another date or place)
                seen = {(r.date, r.place) for r in self.records[:before] if r.evidence.start == s.start}
                self.records[before:] = [r for r in self.records[before:] if (r.date, r.place) not in seen]
        self.last_sentence_index = si
        return True

    def _records(self, si, s, trig, status, participants, triggers, places, times, mentions, seg) -> int:
        """Records for one trigger: one per pair for separate meetings, one per place for "meetings in
        A and B"; `seg` limits dates and places to the trigger's part of the sentence."""
        text = s.text
        if seg is not None:
            places = [p for p in places if seg[0] <= p.start < seg[1]]
            times = [t for t in times if seg[0] <= t.start < seg[1]]
        groups = self._pairs(text, trig, participants, mentions) \
            or (self._itinerary(text, trig, participants, mentions) if status == "planned" else None) or [participants]
        governed = [p for p in places if p.start > trig.end and p.kind != "country"
                    and self._governed(text[max(0, p.start - 60):p.start], [w.lower() for w in lexicon(self.lang).get("place_preps", [])])]
        plural = bool(_find(self.lang, "separate_meetings", text[trig.start:trig.end + 2]))
        place_sets = [[p] for p in governed] if plural and len(governed) >= 2 else [places]
        n = 0
        for group in groups:
            group = list(dict.fromkeys(group))
            if len(group) < 2:
                continue
            for ps in place_sets:
                rec = MeetingRecord(
                    participants=[self._ref(n_) for n_ in group],
                    evidence=Evidence(text, s.start, s.end), kind=self._kind(triggers, trig, si), status=status)
                self._attributes(rec, text, trig, ps, times, recalled=self._recalled(text, trig), mentions=mentions,
                                 si=si, lead=s.paragraph in self.lead)
                if rec.status == "occurred" and rec.date_start and self.published and rec.date_start > self.published + timedelta(days=1):
                    rec.status = "planned"
                if rec.status == "planned" and rec.kind == "in_person" and (
                        rec.place is None or self._place(text, places, mentions, motion=True) is None):
                    # a planned meeting with no place of its own is where its traveller is going, before
                    # whatever place the sentences around it mention
                    rec.place = self._destination(si, rec) or rec.place
                self.records.append(rec)
                n += 1
        return n

    def _subject(self, text, mentions) -> str | None:
        """The person a sentence is about: named first in its main clause, near its start."""
        start = self._main_clause_start(text) or 0
        quotes = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
        for m in mentions:
            if any(a <= m.start < b for a, b in quotes):
                continue  # '"… my talks with the Dutch minister …," said Retno': the quote's people are not its subject
            if m.start >= start:
                if _edge_regex(self.lang, "kin_of", at_end=True).search(text[max(0, m.start - 30):m.start]):
                    return None  # "the husband of X …" is about someone unnamed here, not X
                return m.name if m.start - start < 40 else None
        return None

    def _usable(self, text, trig, mentions) -> bool:
        """A trigger that can start a meeting: not attendance, a reference back, a letter, a body's
        session, a meeting with nobody named, or an audience."""
        return not (self._attended(text, trig) or self._definite(text, trig) or self._not_contact(text, trig)
                    or self._institutional(text, trig) or self._with_nobody(text, trig, mentions)
                    or self._gathering(text, trig, mentions) or self._visits_a_place(text, trig, mentions)
                    or self._multilateral(text, trig) or self._inside_besides(text, trig) or self._urged(text, trig))

    def _urged(self, text, trig) -> bool:
        """"He called on the leaders to end the war": an appeal, not a visit."""
        rx = cue_regex(self.lang, "urge_patterns")
        return bool(rx and rx.match(text, trig.start))

    def _inside_besides(self, text, trig) -> bool:
        """"Selain pertemuan bilateral, A juga akan …": the meeting set aside is told of elsewhere."""
        comma = self._besides_comma(text)
        return comma is not None and trig.start < comma

    def _besides_comma(self, text) -> int | None:
        """The comma that ends a fronted "besides …," / "selain …," clause, if the sentence opens with one."""
        rx = cue_regex(self.lang, "besides")
        m = rx.match(text, len(text) - len(text.lstrip())) if rx else None
        comma = text.find(",", m.end()) if m else -1
        return comma if comma >= 0 else None

    def _visits_a_place(self, text, trig, mentions) -> bool:
        """"menyambangi AS", "visited Jakarta": a visit to a place, not to a person."""
        rx = cue_regex(self.lang, "place_object_triggers")
        if rx is None or not rx.fullmatch(trig.text):
            return False
        rest = text[trig.end:trig.end + 60]
        skipped = len(rest) - len(rest.lstrip())
        if any(m.start == trig.end + skipped for m in mentions):
            return False
        places = find_places(rest.lstrip(), self.lang)
        return bool(places) and places[0].start == 0

    def _multilateral(self, text, trig) -> bool:
        """"Pertemuan Menlu G20", "the SCO foreign ministers' meeting": a gathering of a group of
        countries, which the people in the sentence attend, not a meeting between them; but "spoke on
        the sidelines of the G20 meeting" tells of people meeting beside it."""
        lex = lexicon(self.lang)
        groups = cue_regex(self.lang, "multilateral_groups")
        if groups is None:
            return False
        fillers = {w.lower() for w in lex.get("multilateral_fillers", [])}

        def only_fillers(span: str) -> bool:
            return all(w.lower() in fillers or groups.fullmatch(w) for w in span.split())

        with_rx = cue_regex(self.lang, "with_words")
        after = text[trig.end:trig.end + 60]
        if with_rx and with_rx.match(after.lstrip()):
            return False  # "the meeting with X at the G20" is X's
        before = text[max(0, trig.start - 60):trig.start]
        side = cue_regex(self.lang, "sidelines")
        cues = list(side.finditer(before)) if side else []
        if cues and only_fillers(before[cues[-1].end():]):
            return False
        m = groups.search(after)
        if m and only_fillers(after[:m.start()]):
            return True
        return any(only_fillers(before[m.end():]) for m in groups.finditer(before))

    def _fronted(self, text) -> bool:
        rx = cue_regex(self.lang, "fronted_subordinators")
        return bool(rx and rx.match(text.lstrip()) and "," in text)

    def _main_clause_start(self, text) -> int | None:
        """Where the main clause starts after a fronted subordinate clause: the comma before its subject
        ("After a day of talks with A, B and C, D told …" -> before "D")."""
        if not self._fronted(text):
            return None
        function_words = {w.lower() for w in lexicon(self.lang).get("conjunctions", [])} | {"of", "from", "dari"}
        for m in self._cur_mentions:
            comma = text.rfind(",", 0, m.start)
            if comma < 0 or text[comma + 1:m.start].strip().lower() not in ("", "the", "sang"):
                continue
            after = text[m.end:].split()
            if after and after[0][:1].islower() and after[0].lower() not in function_words:
                return comma + 1
        return text.index(",") + 1

    def _coordinated(self, text, triggers, mentions):
        """"A will hold talks with B and meet C and D": one subject, several triggers, each with its own
        people after it -> one meeting per trigger."""
        usable = [t for t in triggers if self._usable(text, t, mentions)]
        if len(usable) < 2:
            return None
        subject = [m for m in mentions if m.end <= usable[0].start]
        if len(subject) != 1 or not _find(self.lang, "conjunctions", text[usable[0].end:usable[1].start]):
            return None
        out, seg_start = [], 0
        for k, t in enumerate(usable):
            end = usable[k + 1].start if k + 1 < len(usable) else len(text)
            objects = [m for m in mentions if t.end <= m.start < end and m.name != subject[0].name]
            if not objects:
                return None
            # each meeting keeps the dates and places up to its last person: "8 Maret, … dengan A, dan
            # 16 Maret, … dengan B"
            seg_end = objects[-1].end if k + 1 < len(usable) else len(text)
            out.append((t, [subject[0].name, *dict.fromkeys(m.name for m in objects)], (seg_start, seg_end)))
            seg_start = seg_end
        return out

    def _clause(self, text, trig) -> tuple[int, int]:
        """The clause around a trigger: the sentence cut at "; ", "but", "tetapi", "namun" …, and after a
        fronted subordinate clause ("Before meeting X, …")."""
        rx = _clause_splitter(self.lang)
        lo, hi = 0, len(text)
        main = self._main_clause_start(text)
        if main is not None:
            if trig.start < main:
                return 0, main - 1
            lo = main
        for m in rx.finditer(text):
            if m.end() <= trig.start:
                lo = m.end()
            elif m.start() >= trig.end:
                hi = m.start()
                break
        return lo, hi

    def _pairs(self, text, trig, participants, mentions) -> list[list[str]] | None:
        """"A held separate meetings with B and C": one meeting per pair, not one of three."""
        # "spoke with A and, separately, with B": the cue may stand anywhere up to the last person
        last = max((m.end for m in mentions if m.name in participants and m.start >= trig.end), default=trig.end)
        if not _find(self.lang, "separate_meetings", text[max(0, trig.start - 30):max(trig.end + 5, last)]) \
                or len(participants) < 3:
            return None
        before = [m.name for m in mentions if m.end <= trig.start and m.name in participants]
        subject = before[0] if before else next(iter(self._speakers(text, mentions)), None)
        if subject is None:
            return None
        others = [n for n in participants if n != subject]
        return [[subject, other] for other in others] if len(others) >= 2 else None

    def _itinerary(self, text, trig, participants, mentions) -> list[list[str]] | None:
        """"is to meet A, B and C": a planned list whose first names are set apart by a comma is a
        visitor's appointments, one meeting each ("meet the Queen and Prince Philip" stays one)."""
        after = [m for m in mentions if m.start >= trig.end and m.name in participants]
        subject = [n for n in participants if n not in {m.name for m in after}]  # named before, or "he"
        if len(subject) != 1 or len(after) < 2 or "," not in text[after[0].end:after[1].start]:
            return None
        objects = list(dict.fromkeys(m.name for m in after if m.name != subject[0]))
        return [[subject[0], o] for o in objects] if len(objects) >= 2 else None

    def _kind(self, triggers, trig, si) -> str:
        """Phone or video when the sentence says so anywhere; "spoke with" becomes a phone call when the
        sentences around it speak of a call ("The call …")."""
        for kind in ("video", "phone"):
            if any(t.kind == kind for t in triggers):
                return kind
        if trig.kind == "in_person" and cue_regex(self.lang, "ambiguous_speech") and cue_regex(self.lang, "ambiguous_speech").fullmatch(trig.text):
            if any(r.kind == "phone" for r in self.records):
                return "phone"  # "his conversation with C" in a story about calls
            for near in self.sentences[max(0, si - 2):si] + self.sentences[si + 1:si + 3]:
                if _find(self.lang, "call_reference", near.text):
                    return "phone"
        return trig.kind

    def _negated(self, text, trig) -> bool:
        """A negation governing the trigger: right before it, or with at most two words between
        ("tidak pernah bertatap muka", "did not meet", "never met"), never across a comma."""
        before = text[max(0, trig.start - 40):trig.start]
        if "," in before:
            before = before.rsplit(",", 1)[1]
        words = before.split()[-3:]
        window = " ".join(words)
        for m in _find(self.lang, "negation", window):
            if len(window[m.end():].split()) <= 2:
                return True
        return False

    def _institutional(self, text, trig) -> bool:
        """"a Security Council meeting", "rapat kabinet": a body's session, not people meeting."""
        rx = cue_regex(self.lang, "institutional_meetings")
        if rx is None:
            return False
        before = " ".join(text[max(0, trig.start - 30):trig.start].split()[-2:])
        after = " ".join(text[trig.end:trig.end + 30].split()[:2])
        return bool(rx.search(before) and before and rx.search(before).end() == len(before)) or bool(rx.match(after))

    def _gathering(self, text, trig, mentions) -> bool:
        """"told a meeting of businessmen": an audience, not people meeting each other."""
        rx = cue_regex(self.lang, "gathering_of")
        follow = text[trig.end:trig.end + 6].lstrip()
        if rx is None or not rx.match(follow):
            return False
        stop = _PHRASE_END.search(text, trig.end)
        end = stop.start() if stop else len(text)
        clause = cue_regex(self.lang, "gathering_end")  # "… of businessmen that she had agreed with B"
        if clause and (c := clause.search(text, trig.end, end)):
            end = c.start()
        return not any(trig.end <= m.start < end for m in mentions)

    def _with_nobody(self, text, trig, mentions) -> bool:
        """"A and B returned from a visit with commanders": met with someone unnamed, not each other."""
        rx = cue_regex(self.lang, "with_words")
        if rx is None or self._object_pronoun(text, trig):
            return False  # "talks with her": someone the story named before
        ends_with = rx.search(trig.text) and rx.search(trig.text).end() == len(trig.text)
        between = cue_regex(self.lang, "between")  # "a meeting between the defence ministers": nobody named
        if between and (b := between.search(trig.text)) and b.end() == len(trig.text):
            ends_with = True  # "pertemuan antara"
        if not ends_with and not rx.match(text[trig.end:trig.end + 8].lstrip()) \
                and not (between and between.match(text[trig.end:trig.end + 10].lstrip())):
            return False
        rest_end = len(text)
        later = [t.start for t in find_triggers(self.lang, text) if t.start >= trig.end]
        if later:
            rest_end = later[0]  # "a meeting with officials in Dubai and the interactions between A and B": A and B are the next one's
        stop = _PHRASE_END.search(text, trig.end, rest_end)
        if stop:
            rest_end = stop.start()
            if stop.group() == "," and any(0 <= m.start - stop.end() <= 2 for m in mentions):
                return False  # "met with a senior minister of X, Foreign Minister Y": a list, named from its second item
        return not any(trig.end <= m.start < rest_end for m in mentions)

    def _not_contact(self, text, trig) -> bool:
        """"received a letter", "menerima surat": the verb's object is not a person."""
        rx = cue_regex(self.lang, "non_contact_objects")
        return bool(rx and rx.match(" ".join(text[trig.end:trig.end + 40].split()[:3])))

    def _attended(self, text, trig) -> bool:
        """The meeting noun is the object of "attended": presence at an event, not a meeting ("attend a
        meeting with President X" is one, with X)."""
        if not _find(self.lang, "attendance_cues", text[max(0, trig.start - 40):trig.start]):
            return False
        spec = cue_regex(self.lang, "with_words")
        after = text[trig.end:trig.end + 12].lstrip()
        return not (spec and spec.match(after) and any(m.start >= trig.end and m.start - trig.end < 40
                                                        for m in self._cur_mentions))

    def _definite(self, text, trig) -> bool:
        """"the meeting" / "pertemuan itu" refers back to a meeting reported before (or not named at all):
        it adds to that meeting and never makes a new one, unless it says between whom."""
        spec = cue_regex(self.lang, "specifiers")
        if spec and spec.match(text[trig.end:trig.end + 12].lstrip()):
            return False  # "the meeting with President Macron": says whose meeting it is
        if self._between_later(text, trig):
            return False  # "the last of the talks will be in Rome on Friday between A and B"
        own = cue_regex(self.lang, "possessive_meeting")
        if own and not self.records and any(m.start() <= trig.start < m.end() for m in own.finditer(text)):
            return False  # "A and B spoke to reporters after their meeting": the first the article tells of
        return any(m.start() <= trig.start < m.end() for m in _find(self.lang, "definite_meeting", text)) \
            and not _find(self.lang, "triggers", text[:trig.start], "phone")

    def _between_later(self, text, trig) -> bool:
        """"between A and B" later in the trigger's clause, with no other trigger before it: the
        sentence says whose meeting it is even when the noun stands far from the names."""
        between = cue_regex(self.lang, "between")
        if between is None:
            return False
        lo, hi = self._clause(text, trig)
        b = between.search(text, trig.end, hi)
        if b is None or find_triggers(self.lang, text[trig.end:b.start()]):
            return False
        after = [m for m in self._cur_mentions if b.end() <= m.start < hi]
        return len(after) >= 2 and after[0].start - b.end() < 40

    def _weak_ok(self, text, trig, participants, mentions) -> bool:
        """Weak triggers (talks, received, berbicara…) need a person on each side of them in the clause."""
        before = [m for m in mentions if m.end <= trig.start]
        after = [m for m in mentions if m.start >= trig.end]
        rx = cue_regex(self.lang, "needs_object")
        titled = text[trig.end:].lstrip()[:1].isupper()  # "menerima Direktur Eksekutif X, …, Y": a title first
        if rx and rx.fullmatch(trig.text) and not any(m.start - trig.end <= 45 for m in after) \
                and not (titled and after and after[0].start - trig.end <= 120):
            return False  # "welcomed ongoing efforts": the object is not a person ("received the Executive Director of X, Y" is)
        between = cue_regex(self.lang, "between")
        if between and len(after) >= 2:
            b = between.search(text[trig.end:trig.end + 100])
            if b and all(m.start >= trig.end + b.end() for m in after[:2]):
                return True  # "a summit in Ottawa next month between A and B"
        if before and after:
            return True
        if len({m.name for m in before}) >= 2 and len(self._subject_group(text, before, before[0].name)) >= 2:
            return True  # "Trump and Xi talked about North Korea": the coordinated subject met
        if after and self.last_subject and _find(self.lang, "subject_pronouns", text[max(0, trig.start - 30):trig.start]):
            return True  # "He also held talks with his counterpart X": he is the one named before
        if before and self._object_pronoun(text, trig):
            return True  # "B, who had talks with her"
        pronouns = {p.lower() for p in lexicon(self.lang).get("group_pronouns", [])}
        return any(g.group().lower() not in pronouns for g in _find(self.lang, "group_anaphora", text))

    def _status(self, text: str, trig: Trigger, times) -> str | None:
        """occurred / planned / cancelled, or None when the sentence denies or only imagines the meeting."""
        window_before = text[max(0, trig.start - 60):trig.start]
        clause = text[max(0, trig.start - 120):min(len(text), trig.end + 80)]
        if _find(self.lang, "cancelled", clause):
            return "cancelled"
        rel, cancel = cue_regex(self.lang, "relative_pronouns"), cue_regex(self.lang, "cancelled")
        if rel and cancel:  # "the meeting between A and B, which was postponed on 23 December, …"
            for r in rel.finditer(text, trig.end, min(len(text), trig.end + 160)):
                c = cancel.search(text, r.end(), min(len(text), r.end() + 25))
                if c and not find_triggers(self.lang, text[trig.end:r.start()]):
                    return "cancelled"
        head = text[:trig.start].split()
        subject = len(head) <= 3 and all(w[:1].islower() or i == 0 for i, w in enumerate(head))
        if cancel and (subject or _find(self.lang, "planned", text[max(0, trig.start - 25):trig.start])):
            # "A planned meeting in X between A and B was canceled", "Talks between A and B … were
            # shelved": the meeting is the sentence's subject, and the verb at its end calls it off
            c = cancel.search(text, trig.end, min(len(text), trig.end + 200))
            if c and not find_triggers(self.lang, text[trig.end:c.start()]):
                return "cancelled"
        if text.rstrip().endswith("?"):
            return None
        if _find(self.lang, "speculation", window_before[-40:]):
            return None
        clause_before = re.split(r"[.;:!?]|,\s(?=\w+\s(?:mengatakan|kata|said|says))", text[max(0, trig.start - 90):trig.start])[-1]
        clause_after = re.split(r"[,;:]", text[trig.end:trig.end + 25], maxsplit=1)[0]  # ", and they agreed to …" is another clause
        if _find(self.lang, "planned", clause_before) or _find(self.lang, "planned", clause_after):
            return "planned"
        return "occurred"

    def _amid_plans(self, si: int, text: str, times) -> bool:
        """In a language whose verbs carry no tense, a sentence with no marker of the past and no past
        date, between sentences that announce plans, is part of the programme too ("Setibanya di X,
        Presiden akan … . Di istana ini, Presiden disambut Y. Selanjutnya Presiden akan …")."""
        if not lexicon(self.lang).get("verbs_untensed") or _find(self.lang, "past_markers", text):
            return False
        if any(t.date_start and self.published and t.date_start < self.published for t in times):
            return False
        par = self.sentences[si].paragraph
        around = [self.sentences[j] for j in (si - 1, si + 1) if 0 <= j < len(self.sentences)
                  and abs(self.sentences[j].paragraph - par) <= 1]
        return len(around) == 2 and all(_find(self.lang, "itinerary_cues", s.text) for s in around)

    def _recalled(self, text, trig) -> bool:
        return bool(_find(self.lang, "recalled", text))

    def _participants(self, text: str, trig: Trigger, mentions: list[Mention]) -> tuple[list[str], bool]:
        """The people who met, and whether they were found only through anaphora ("the two leaders")."""
        lex = self.lang
        # cut the sentence at topic cues after the trigger: people named there are what was discussed
        limit = len(text)
        for m in _find(lex, "topic_cues", text):
            if m.start() >= trig.end:
                limit = min(limit, m.start())
                break
        speakers = self._speakers(text, mentions, trig)
        asides = self._asides(text, trig)
        besides = self._besides(text, trig)
        if besides:
            asides.append(besides)  # "Selain dengan delegasi X, A bertemu B": not X
        sentence_mentions = mentions
        own = self._relative_clause(text, trig)
        if own is not None:
            # "…, Gorbachev, who had nine hours of talks with her": the clause's antecedent and its people
            antecedent = [m for m in mentions if m.end <= own[0] and not text[m.end:own[0]].strip()]
            mentions = antecedent[-1:] + [m for m in mentions if own[0] <= m.start < own[1]]
        companions = self._companion_subjects(text, mentions)
        quotes = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
        keep = []
        for m in mentions:
            if m.start >= limit or any(a <= m.start and m.end <= b for a, b in asides) or m.name in companions:
                continue
            before = text[max(0, m.start - 25):m.start].lower()
            after = text[m.end:m.end + 20].lower()
            if _edge_regex(lex, "non_participant_before", at_end=True).search(before):
                continue
            if _edge_regex(lex, "non_participant_after", at_end=False).search(after):
                continue
            if _edge_regex(lex, "accompany_cues", at_end=True).search(before):
                continue
            if any(a <= m.start < b for a, b in quotes) and not any(a <= trig.start < b for a, b in quotes):
                continue  # '"The new Prime Minister will visit soon," she said after her meeting': a quote's people
            if any(a <= trig.start < b and not a <= m.start < b for a, b in quotes) \
                    and len({x.name for x in mentions for a, b in quotes if a <= trig.start < b and a <= x.start < b}) >= 2:
                continue  # '"… A wants to talk with B …," said C': the meeting is in the quote, C only tells of it
            keep.append(m)
        if self._possessive(text, trig):
            # "A told B about his call with C", "A mengatakan, pertemuannya dengan C": the owner (the
            # subject) met the people named after the trigger
            owner = self._subject(text, keep)
            if owner:
                owners = {owner}
                group = _find(self.lang, "group_pronouns", text[max(0, trig.start - 8):trig.start]) \
                    or _find(self.lang, "possessive_meeting", text[trig.start - 8:trig.end + 1] if trig.start >= 8 else "")
                if group:  # "A and B … after their meeting": the owners are the coordinated subjects
                    owners |= {m.name for m in self._subject_group(text, keep, owner)}
                keep = [m for m in keep if m.name in owners or m.start >= trig.end]
                speakers -= owners
        keep = self._subject_and_objects(text, trig, keep, speakers)
        if trig.kind in ("phone", "video") and len({m.name for m in keep}) == 2:
            speakers = set()  # "A said B told him in a telephone conversation": both were on the call
        names = [n for n in dict.fromkeys(m.name for m in keep) if n not in speakers]
        names = self._without_companions(names)
        pron = _find(self.lang, "person_anaphora", text[max(0, trig.start - 50):trig.start])
        if names and pron and all(m.start >= trig.end for m in keep if m.name in names) \
                and not _find(self.lang, "between", text[trig.end:trig.end + 12]):
            # "he was also scheduled to meet with X": he is the subject of the sentences before; when
            # nobody was named before, the people after the verb met him, not each other
            if not self.last_subject:
                return [], False
            if self.last_subject not in names:
                names = [self.last_subject, *names]
        if len(names) == 1 and self._object_pronoun(text, trig):
            # "A was joined by B, who had two hours of talks with her": her is the sentence's subject,
            # or the one the story was about
            subject = self._subject(text, sentence_mentions)
            other = subject if subject and subject not in names else None
            other = other or (self.last_subject if self.last_subject not in names else None)
            if other:
                names = [*names, other]
        if len(names) == 1 and all(m.start >= trig.end for m in keep) and self._protagonist_noun(text, trig, keep):
            # "Ada pula pertemuan bilateral dengan Menlu Guatemala, X": one more of the protagonist's meetings
            names = [self._protagonist(), *names]
        named = len(names)
        if len(names) < 2:
            head = self._delegation_head(text[:besides[0]] + " " * (besides[1] - besides[0]) + text[besides[1]:]
                                         if besides else text, exclude=names)
            if head:
                names = [*names, head]  # "delegasi Uruguay akan bertemu Menlu Retno": its head, named before
        if len(names) < 2:
            group = _find(lex, "group_anaphora", text)
            if group:
                g = group[0].group().lower()
                pronoun = g in ("they", "mereka")
                prev = self.records[-1].participants if self.records else None
                if prev and (pronoun or len(names) == 0):
                    names = list(dict.fromkeys([*names, *(p.name for p in prev)]))
                elif not pronoun:
                    names = list(dict.fromkeys([*names, *self.people.recent(2 - len(names), exclude=names)]))
        return names, named < 2

    def _object_pronoun(self, text, trig) -> bool:
        """A pronoun as the trigger's object: "talks with her", "bertemu dengannya"."""
        rx = cue_regex(self.lang, "object_pronouns")
        return bool(rx and rx.match(text[trig.end:trig.end + 40].lstrip()))

    def _protagonist(self) -> str | None:
        """The person the article follows: the last subject, when they took part in a meeting reported before
        or were the subject of a sentence about meetings ("X held bilateral meetings with several leaders")."""
        if self.last_subject and (self.subject_of_meetings or any(self.last_subject in {p.name for p in r.participants}
                                                                  for r in self.records)):
            return self.last_subject  # took part in a meeting, or was the subject of a sentence about meetings
        return None

    def _protagonist_noun(self, text, trig, keep) -> bool:
        """A meeting noun with only its counterpart named after "with" ("Pertemuan bilateral pertama hari
        itu adalah dengan Menlu X"), in an article that follows someone through their meetings."""
        nouns, with_words = cue_regex(self.lang, "meeting_nouns"), cue_regex(self.lang, "with_words")
        if not (nouns and with_words and nouns.fullmatch(trig.text) and keep and self._protagonist()):
            return False
        if self._protagonist() in {m.name for m in keep}:
            return False
        gap = text[trig.end:keep[0].start]
        return bool(with_words.search(gap)) and len(gap.split()) <= 8 and not re.search(r"[.;:]", gap)

    def _subject_and_objects(self, text, trig, keep, speakers):
        """For "A (and B) … meet with C": the subject group at the head of the clause and the people after
        "with"; a person between them ("as the guests of D") is neither."""
        rx = cue_regex(self.lang, "with_words")
        if rx is None:
            return keep
        with_trigger = rx.search(trig.text) is not None or rx.match(text[trig.end:trig.end + 8].lstrip())
        before = [m for m in keep if m.end <= trig.start and m.name not in speakers]
        after = [m for m in keep if m.start >= trig.end]
        if not with_trigger or not after or len(before) < 2:
            return keep
        group = [before[0]]
        for m in before[1:]:
            if re.fullmatch(r"\s*(?:,|&|" + "|".join(lexicon(self.lang).get("conjunctions", [])) + r")?\s*",
                            text[group[-1].end:m.start], re.IGNORECASE):
                group.append(m)
            else:
                break
        return group + after

    def _relative_clause(self, text, trig) -> tuple[int, int] | None:
        """The relative clause set off by a comma that holds the trigger, if any."""
        for m in _relative_clause_regex(self.lang).finditer(text):
            if m.start() <= trig.start < m.end():
                return m.start(), m.end()
        return None

    def _asides(self, text, trig) -> list[tuple[int, int]]:
        """Parentheticals and relative clauses set off by commas that do not hold the trigger:
        "Pompeo, who accompanied the President, met Kang" -> the President did not meet Kang."""
        rel = "|".join(lexicon(self.lang).get("relative_pronouns", [])) or "(?!)"
        spans = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)|,\s*(?:" + rel + r")\b[^,.;]*(?:,|[.;]?\s*$)", text)]
        return [(a, b) for a, b in spans if not a <= trig.start < b]

    def _besides(self, text, trig) -> tuple[int, int] | None:
        """A fronted "besides X," / "selain dengan X," clause before the trigger: X is another meeting."""
        comma = self._besides_comma(text)
        return (0, comma) if comma is not None and comma < trig.start else None

    def _companion_subjects(self, text, mentions) -> set[str]:
        """"A mendampingi B saat bertemu C" / "A, accompanying B, …": A only accompanied."""
        rx = cue_regex(self.lang, "companion_subject_cues")
        out = set()
        for cue in (rx.finditer(text) if rx else ()):
            before = [m for m in mentions if m.end <= cue.start() and not text[m.end:cue.start()].strip(" ,")]
            if before:
                out.add(before[-1].name)
        return out

    def _delegation_head(self, text, exclude=()) -> str | None:
        """The person this article named as coming from the country whose delegation the sentence
        mentions ("the Uruguayan delegation", "delegasi Uruguay")."""
        rx = cue_regex(self.lang, "delegation_words")
        if rx is None:
            return None
        from kb.extract.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        for m in rx.finditer(text):
            words = text[m.end():m.end() + 40].split()[:3] + text[max(0, m.start() - 30):m.start()].split()[-2:]
            for w in words:
                country = gaz.country_by_name(w.strip(",."), self.lang) or gaz.country_by_name(w.strip(",."))
                if country is None:
                    continue
                heads = [n for n in reversed(self.people.order) if n not in exclude
                         and self.people.people[n].country == country.code]
                if heads:
                    return heads[0]
        return None

    def _subject_group(self, text, keep, owner: str) -> list[Mention]:
        """The owner and the people joined to it by "and"/"dan" at the head of the clause ("A and B …")."""
        conj = {w.lower() for w in lexicon(self.lang).get("conjunctions", [])} | {",", "&"}
        group = [m for m in keep if m.name == owner][:1]
        for m in keep:
            if not group or m.start <= group[-1].end:
                continue
            words = re.findall(r"[\w'’.]+|[,&]", text[group[-1].end:m.start])
            # "A and Argentina's B", "A and the Soviet Premier": a conjunction, then only capitalised words
            if words and words[0].lower() in conj and all(w[:1].isupper() or w.lower() == "the" for w in words[1:]):
                group.append(m)
        return group

    def _possessive(self, text, trig) -> bool:
        """"pertemuannya dengan X" (his meeting with X), "A told B about his call with C": the trigger
        belongs to someone. A verb's clitic is its object instead ("menyambutnya": welcomed him)."""
        clitics = lexicon(self.lang).get("clitics", [])
        verb = trig.text.lower().startswith(tuple(lexicon(self.lang).get("verb_prefixes", [])) or ("\0",))
        if not verb and any(trig.text.lower().endswith(c) for c in clitics) and not any(
                t.lower().endswith(c) for t in lexicon(self.lang)["triggers"].get(trig.kind, []) for c in clitics):
            return True
        before = text[max(0, trig.start - 8):trig.start].lower().split()
        return bool(before) and before[-1] in lexicon(self.lang).get("possessive_before", [])

    def _without_companions(self, names: list[str]) -> list[str]:
        """A first lady travelling with the president accompanies him; she meets the hosts only when
        their spouse is there too (a state visit of couples)."""
        lex = lexicon(self.lang)
        roles = {n: (self.people.people[n].role if n in self.people.people else None) for n in names}
        companions = [n for n in names if roles[n] in lex.get("companion_roles", [])]
        if not companions:
            return names
        consorts = [n for n in names if roles[n] in lex.get("consort_roles", []) and n not in companions]
        return names if consorts else [n for n in names if n not in companions]

    def _speakers(self, text, mentions, trig: Trigger | None = None) -> set[str]:
        """People named as the source of a statement ("kata X", "X said that A met B"), not as actors
        in it. With a trigger, "X said" counts only when the meeting is in what X said (after the cue):
        in "Ketika bertemu B, A menyampaikan …" A is the one who met B."""
        out = set()
        for cue in _find(self.lang, "speech_cues", text, "cue_then_name"):
            for m in mentions:
                # "…, said A." / "kata A kepada wartawan": the name closes the clause
                rest = text[m.end:].split()
                closes = not rest or rest[0][:1] in ".,;:" or len(rest) <= 3 or not rest[0][:1].isalpha() \
                    or rest[0].lower() in ("kepada", "to", "dalam", "in", "saat", "ketika", "when", "on", "pada")
                if 0 <= m.start - cue.end() <= 3 and not text[cue.end():m.start].strip(" ,") and closes:
                    out.add(m.name)
        aux = {w.lower() for w in lexicon(self.lang).get("subject_continuation", [])}
        rel = {w.lower() for w in lexicon(self.lang).get("relative_pronouns", [])}
        for cue in _find(self.lang, "speech_cues", text, "name_then_cue"):
            if trig is not None and cue.start() > trig.start:
                continue
            nxt = text[cue.end():cue.end() + 20].split()
            if nxt and nxt[0].lower().strip(",") in aux and not text[cue.end():].lstrip().startswith(","):
                continue  # "A mengatakan telah bertemu B": A reports their own meeting
            for m in mentions:
                gap = text[m.end:cue.start()].strip(" ,").lower()
                if 0 <= cue.start() - m.end <= 3 and not gap or 0 <= cue.start() - m.end <= 12 and gap in rel:
                    out.add(m.name)  # "A said", "A, who said that", "A yang menyatakan bahwa"
        return out

    def _ref(self, name: str) -> PersonRef:
        e = self.people.people.get(name)
        if e is None:
            return PersonRef(name)
        return PersonRef(e.name, tuple(sorted(e.aliases - {e.name})), e.role, e.country)

    # ---- attributes -----------------------------------------------------------------------------------
    def _attributes(self, rec: MeetingRecord, text, trig, places, times, *, recalled: bool, mentions=(), si=None,
                    lead=False):
        blockers = cue_regex(self.lang, "date_blockers_before")
        since = cue_regex(self.lang, "period_starts")
        links = cue_regex(self.lang, "clause_links")

        attribution = cue_regex(self.lang, "attribution_cues")
        event = cue_regex(self.lang, "event_date_cues")

        # a relative clause with a meeting of its own ("…, who had nine hours of talks with her yesterday")
        # keeps its date and duration; one that only tells more of this meeting (", yang sempat tertunda
        # pada 20 Desember") does not
        asides = [(a, b) for a, b in self._asides(text, trig) if text[a:a + 1] == ","
                  and any(a <= t.start < b for t in find_triggers(self.lang, text))]

        def blocked(t):
            """"since last summer" is not the meeting's date, unless "…, when A called B" follows;
            "…, the ministry said Friday" dates the statement, not the meeting; "…, who had talks with
            her yesterday" dates the relative clause's event."""
            if any(a <= t.start < b for a, b in asides):
                return True
            if attribution and t.start > trig.end and attribution.search(
                    " ".join(text[max(trig.end, t.start - 45):t.start].split()[-5:])):
                return True
            if event and t.start > trig.end and (e := event.search(text, max(trig.end, t.start - 45), t.start)) \
                    and len(text[trig.end:e.start()].split()) >= 4:
                return True  # "before the ADMM in Manila, which took place on 22-25 October": the event's dates
            if since and t.start > trig.end and (m := since.search(text, trig.end, t.start)) \
                    and not re.search(r"[,;]", text[m.end():t.start]):
                return True  # "the first call since the strike on April 6": the date of what came before
            if not (blockers and blockers.search(text[max(0, t.start - 22):t.start])
                    or since and since.search(text[max(0, t.start - 45):t.start])):
                return False
            between = text[t.end:trig.start] if t.end <= trig.start else ""
            return not (links and links.search(between))

        dates = [t for t in times if t.type in ("DATE", "TIME") and t.date_start is not None and not blocked(t)]
        if dates:
            best = min(dates, key=lambda t: (0 if t.start >= trig.start else 1, abs(t.start - trig.end)))
            if rec.status == "planned":
                from kb.extract.time import resolve_future

                best = resolve_future(best, self.published) if self.published else best
            _set_date(rec, best)
        elif si is not None and not recalled and (ctx := self._time_context(si, rec.status)) is not None:
            _set_date(rec, ctx)  # "On Tuesday, April 28, … . Then the two will meet …"
        elif rec.status == "planned" and self.published and (cue := _find(self.lang, "during_visit", text)):
            # "during his stay he is to meet …": within the visit under way, the days after the report
            span = SimpleNamespace(granularity="week", date_start=self.published, basis="inferred",
                                   date_end=self.published + timedelta(days=6), text=cue[0].group())
            _set_date(rec, span)
        elif rec.status == "occurred" and not recalled and self.news_date is not None:
            _set_date(rec, self.news_date)
            rec.date_basis = "inferred"
        elif rec.status == "occurred" and not recalled and lead and self.published:
            # a meeting reported in the lead with no date of its own happened on the day of the report
            rec.date, rec.date_start, rec.date_end = self.published.isoformat(), self.published, self.published
            rec.granularity, rec.date_basis, rec.date_text = "day", "inferred", None
        lo, hi = _semicolon_clause(text, trig)
        places = [p for p in places if lo <= p.start < hi]  # "…; a deal implemented in Ukraine": another clause's place
        hosting = cue_regex(self.lang, "needs_object")  # "welcomed X to the White House": a place, not a trip
        motion = rec.status == "planned" or bool(hosting and hosting.fullmatch(trig.text))
        place = self._place(text, places, mentions, motion=motion, near=trig.end, said_there=False) \
            if rec.kind == "in_person" else None  # a call joins two places; the text rarely says which
        if place:
            rec.place = place
        elif rec.kind == "in_person" and rec.status != "cancelled" and si is not None:
            # where the sentence says the meeting was told of is not a scene for it either
            told_here = self._place(text, places, mentions, motion=motion, near=trig.end) is not None
            rec.place = self._scene(si, own=not told_here)
        self._duration(rec, [t for t in times if not any(a <= t.start < b for a, b in asides)], text)
        occ = self._occasion(text)
        if occ:
            rec.occasion = occ
        names = {p.name for p in rec.participants}
        rec.topics.extend(t for t in self._topics(text, trig, mentions) if t not in rec.topics and t not in names)

    def _time_context(self, si: int, status: str):
        """The day set by an earlier sentence of the same paragraph, when it fits the status; for a
        planned meeting also of the paragraphs before (an itinerary: "On Tuesday, April 28, … . Following
        these engagements, …")."""
        par = self.sentences[si].paragraph
        reach = 4 if status == "planned" else 0
        today = None  # for a planned meeting, the report's own day when no later day is given
        for j in range(si - 1, -1, -1):
            if j < 0 or par - self.sentences[j].paragraph > reach:
                break
            days = [t for t in self.times_by_sentence.get(j, []) if t.type in ("DATE", "TIME")
                    and t.granularity in ("day", "time", "range") and t.date_start]
            for d in reversed(days):
                if status == "planned" and self.published is not None:
                    from kb.extract.time import resolve_future

                    d = resolve_future(d, self.published)  # "begins a visit on Tuesday": the coming one
                    if d.date_start == self.published and today is None:
                        today = d  # "this morning … will leave for Kabul"
                future = self.published is not None and d.date_start > self.published
                if (status == "planned") == future:
                    return d
            if days and status != "planned":
                return None  # an occurred meeting takes only the nearest day before it
        return today

    def _scene(self, si: int, own: bool = True) -> PlaceRef | None:
        """Where the article has just put its people ("arrived in Doha", "who is here"): the nearest
        locative place in the two sentences before or the one after, within the same paragraph (not the
        sentence's own when `own` is False)."""
        par = self.sentences[si].paragraph
        for j in ((si, si - 1, si + 1, si - 2) if own else (si - 1, si + 1, si - 2)):
            if 0 <= j < len(self.sentences) and j in self.scenes and abs(self.sentences[j].paragraph - par) <= 1 \
                    and (j == si or self.names_by_sentence.get(j) or find_triggers(self.lang, self.sentences[j].text)
                         or j > si and self.scenes[j].name != self.scenes[j].country):
                return self.scenes[j]  # a sentence before counts when it is about someone, not "an embassy in X"
        return self.headline_scene  # "PREMIER HOLDS TALKS WITH ENVOY IN OTTAWA"

    def _destination(self, si: int, rec: MeetingRecord) -> PlaceRef | None:
        """Where a participant was said to be travelling or to be ("sets out on a mission to Washington",
        "said on arrival in Doha"), for a planned meeting the text gives no place of its own: the nearest
        such sentence before it."""
        names = {p.name for p in rec.participants}
        for j in range(si, -1, -1):
            place = self.destinations.get(j) or self.scenes.get(j)  # "on arrival in Doha, A said …"
            if place is not None and self.names_by_sentence.get(j, set()) & names:
                return place
        return None

    def _place(self, text, places: list[PlaceMention], mentions=(), motion=False, near: int | None = None,
               said_there: bool = True) -> PlaceRef | None:
        """The place a preposition puts the meeting in ("di Paris", "in Oslo"; "to Ottawa" for a
        planned visit). Places inside a person's title are not meeting places; with `said_there` False,
        neither is where someone said something ("kata Retno di Istana": the scene of the remarks)."""
        preps = [p.lower() for p in lexicon(self.lang).get("place_preps", [])]
        topic_heads = _topic_place_regex(self.lang)
        visit = _visit_regex(self.lang)
        speech = cue_regex(self.lang, "speech_place_cues")
        if motion:
            preps += [p.lower() for p in lexicon(self.lang).get("place_preps_motion", [])]
        best = None
        # ends of the triggers before `near`: a place after one of them is an earlier event's place
        earlier = [t.end for t in find_triggers(self.lang, text[:near])] if near is not None and places else []
        for pm in places:
            if any(m.start <= pm.start < m.end for m in mentions):
                continue  # part of a title: "Menlu Rusia", "President of France"
            if not self._governed(text[max(0, pm.start - 60):pm.start], preps, _not_place_phrases(self.lang)) \
                    and not (visit and visit.search(text[max(0, pm.start - 40):pm.start])):
                continue  # "kunjungan kerja ke Beijing dan bertemu X": the visit's destination is the place
            if text[pm.end:pm.end + 1] == "'" or text[pm.end:pm.end + 2] == "’s":
                continue
            if topic_heads and topic_heads.search(text[max(0, pm.start - 40):pm.start]):
                continue  # "the situation in Zimbabwe", "konflik di Ukraina": what was discussed, not where
            if not said_there and speech and (cue := next(iter(speech.finditer(text, max(0, pm.start - 50), pm.start)), None)) \
                    and _SAID_AT.fullmatch(text[cue.end():pm.start]):
                continue  # '"…," Trump told reporters at the White House', "kata Retno di Istana": where it was said
            rank = {"venue": 0, "city": 0, "region": 1, "country": 2}.get(pm.kind, 1)
            distance = abs(pm.start - near) if near is not None else 0
            before = near is not None and pm.start < near and any(end <= pm.start for end in earlier)
            if best is None or (before, rank, distance) < best[0]:
                best = ((before, rank, distance), pm.ref)
        return best[1] if best else None

    @staticmethod
    def _governed(before: str, preps: list[str], not_places: frozenset = frozenset()) -> bool:
        """A preposition right before the place, or before capitalised words that lead to it
        ("di Istana Kepresidenan Bogor", "at the White House", "di Pulau Sentosa, Singapura"); not
        one of `not_places` ("according to the State Department" names a source, not a place)."""
        words = re.findall(r"[\w’'-]+|[,;:()]", before)[-9:]
        for k in range(len(words) - 1, -1, -1):
            w = words[k].lower()
            if w in preps:
                return not (k > 0 and f"{words[k - 1].lower()} {w}" in not_places)
            if w in ("the", "a", ",", "and", "dan", "or", "atau") or words[k][:1].isupper():
                continue  # "in Washington and Munich", "di Pulau Sentosa, Singapura"
            if w in _SETTLEMENT_WORDS or w == "of" and k > 0 and words[k - 1].lower() in _SETTLEMENT_WORDS:
                continue  # "in the German city of Bonn", "di kota Bogor"
            return False
        return False

    def _duration(self, rec, times, text):
        blockers = cue_regex(self.lang, "duration_blockers")
        for t in times:
            if t.type != "DURATION" or not t.duration_minutes:
                continue
            if t.duration_minutes > 24 * 60 * 3 or rec.kind in ("phone", "video") and t.duration_minutes > 12 * 60:
                continue  # "selama dua hari berturut-turut … menelepon": the days of a round of calls, not a call's length
            after = text[t.end:t.end + 12]
            if blockers and blockers.match(after.strip()):
                continue
            if _edge_regex(self.lang, "duration_blockers_before", at_end=True).search(text[max(0, t.start - 12):t.start]):
                continue  # "cancelled at the last minute": a moment, not how long they met
            rec.duration_minutes = int(round(t.duration_minutes))
            rec.duration_mod = {"LESS_THAN": "at_most", "EQUAL_OR_LESS": "at_most", "APPROX": "about",
                                "MORE_THAN": "at_least", "EQUAL_OR_MORE": "at_least"}.get(t.mod or "", None)
            return

    def _occasion(self, text) -> str | None:
        for m in _find(self.lang, "occasion_cues", text):
            rest = text[m.end():]
            stop = re.search(r"[,.;:()\"“”]|\s(?:" + "|".join(lexicon(self.lang).get("place_preps", []) + ["pada", "on", "yang", "which"]) + r")\s", rest)
            phrase = rest[: stop.start()] if stop else rest
            phrase = re.sub(r"^\s*(?:the|acara)\s+", "", phrase.strip(), flags=re.I)
            words = phrase.split()
            heads = [h.lower() for h in lexicon(self.lang).get("occasion_heads", [])]
            while len(words) > 1 and words[-1].isalpha() and words[-1].islower() and words[-1] not in heads:
                words.pop()  # "the NATO Leaders' Summit held (in Vilnius)": the name ends before the verb
            while len(words) > 1 and words[0].isalpha() and words[0].islower() and words[0] not in heads:
                words.pop(0)  # "dalam rangka menghadiri Pertemuan Menlu G20": the name starts after the verb
            named = any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words)
            if 1 <= len(words) <= 9 and named and any(w.lower().strip("'’s") in heads or w.lower() in heads for w in words):
                return " ".join(words)
        return None

    def _not_a_topic(self, phrase: str) -> bool:
        """An adjunct caught after a topic cue: where or when ("dalam pertemuan itu", "pekan lalu",
        "Jumat 8 Juli 2022"), not what was discussed."""
        from kb.extract.time import find_times

        starts = {w.lower() for w in lexicon(self.lang).get("topic_adjunct_starts", [])}
        if phrase.split()[0].lower() in starts:
            return True
        times = find_times(phrase, self.lang, self.published)
        covered = sum(t.end - t.start for t in times)
        return covered >= len(phrase.strip(" ,.")) - 1

    def _topics(self, text, trig, mentions=()) -> list[str]:
        """Short phrases after "discussed / membahas / about / tentang …", split at commas and "and";
        a phrase naming a person becomes that name ("the case of A" -> "A")."""
        lex = lexicon(self.lang)
        conj = [c for c in lex.get("conjunctions", []) if c.isalpha()]
        stops = lex.get("clause_breaks", []) + lex.get("topic_stops", [])
        generic = {w.lower() for w in lex.get("topic_generic", [])}
        lead = re.compile(r"^\s*(?:" + "|".join(lex.get("topic_determiners", ["the", "a", "an"])) + r")\s+", re.I)
        out: list[str] = []
        for m in _find(self.lang, "topic_cues", text):
            if m.start() < trig.start - 80:
                continue
            rest = text[m.end():]
            quoted = re.match(r"\s*[\"“]([^\"“”]{3,120})[\"”]", rest)  # to discuss "bilateral ties and …"
            stop = re.search(r"[.;:()\"“”]|\s(?:" + "|".join(stops) + r")\s", rest)
            phrase = quoted.group(1) if quoted else rest[: stop.start()] if stop else rest
            base = m.end() + (quoted.start(1) if quoted else 0)
            parts = _split_topics(phrase, conj, lex.get("between", []))
            if len(parts) > 1 and len(parts[-1].split()) >= 2 and any(len(p.split()) == 1 for p in parts[:-1]) \
                    and not any(base <= x.start < base + len(phrase) for x in mentions) and len(phrase.split()) <= 9:
                parts = [phrase]  # "bilateral, regional and global issues": adjectives of one noun, one topic
            for part in parts:
                offset = base + phrase.find(part)
                named = [x.name for x in mentions if offset <= x.start < offset + len(part)]
                part = lead.sub("", part.strip()).strip(" '\"")
                cue = cue_regex(self.lang, "topic_cues").match(part)
                if cue and cue.end() < len(part):
                    part = part[cue.end():].strip()  # "membahas mengenai X": the topic is X
                if named:
                    part = named[0]
                longest = 9 if len(parts) == 1 or re.search(r"\b(?:" + "|".join(lex.get("between", []) or ["(?!)"]) + r")\s", part) else 5
                if 1 <= len(part.split()) <= longest and len(part) > 2 and part.lower() not in generic \
                        and part not in out and not self._not_a_topic(part):
                    out.append(part)
            if len(out) >= 8:
                break
        return out[:12]

    # ---- sentences that refer back to the last meeting ------------------------------------------------
    def _refer_back(self, si, s: Sentence, mentions, places, force: bool = False):
        if not self.records or si - self.last_sentence_index > 15:
            return
        text = s.text
        refs = _find(self.lang, "meeting_reference", text)
        if not force and not refs:
            return
        part = text
        if refs:  # whether the reference is to a planned meeting is read in its own clause
            r = refs[0]
            lo = max(text.rfind(",", 0, r.start()), text.rfind(";", 0, r.start())) + 1
            hi = min([i for i in (text.find(",", r.end()), text.find(";", r.end())) if i >= 0] or [len(text)])
            part = text[lo:hi]
        planned = bool(_find(self.lang, "planned", part))
        candidates = [r for r in self.records if (r.status == "planned") == planned]
        if not candidates:
            return
        rec = candidates[-1]
        times = self.times_by_sentence.get(si, [])
        names = {p.name for p in rec.participants}
        if any(m.name not in names for m in mentions if m.via != "surname") and len({m.name for m in mentions} - names) >= 2:
            return
        place = self._place(text, places, mentions)
        if place and (rec.place is None or rec.place.name == rec.place.country != place.name
                      and place.country == rec.place.country):
            rec.place = place  # first place, or the city within the country said before
        if rec.duration_minutes is None:
            self._duration(rec, times, text)
        if rec.occasion is None:
            # "During the meeting, the decisions taken at the X Summit were discussed": X is what they
            # talked about; only the clause that refers to the meeting says where it was held
            rec.occasion = self._occasion(part)
        fake = Trigger(0, 0, rec.kind, "", False)
        rec.topics.extend(t for t in self._topics(text, fake, mentions) if t not in rec.topics)
        if rec.date is None and rec.status == "occurred":
            days = [t for t in times if t.type == "DATE" and t.granularity == "day" and t.date_start]
            if days:
                _set_date(rec, days[0])


def _split_topics(phrase: str, conjunctions: list[str], between: list[str]) -> list[str]:
    """A topic phrase split at commas and "and", except the "and" of "between A and B" ("kerja sama
    antara Indonesia dan Arab Saudi" is one topic)."""
    between_rx = re.compile(r"\b(?:" + "|".join(between) + r")\s", re.IGNORECASE) if between else None
    parts, start = [], 0
    for m in re.finditer(r",|\s(?:" + "|".join(conjunctions) + r")\s", phrase):
        part = phrase[start:m.start()]
        if m.group() != "," and between_rx and between_rx.search(part) and phrase[m.end():m.end() + 1].isupper() \
                and not re.search(r"\s(?:" + "|".join(conjunctions) + r")\s", part):
            continue  # the "and" of "between A and B", two names
        parts.append(part)
        start = m.end()
    parts.append(phrase[start:])
    return parts


@lru_cache(maxsize=8)
def _first_person_regex(lang: str) -> re.Pattern | None:
    words = lexicon(lang).get("first_person", [])
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])") if words else None


_QUOTE_SPAN = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")


@lru_cache(maxsize=8)
def _attribution_regex(lang: str) -> re.Pattern:
    """What follows a closing quotation mark to name its speaker: '…," kata Jokowi', '…," Biden said'."""
    cues = lexicon(lang).get("speech_cues", {})
    after_cue = "|".join(sorted(cues.get("cue_then_name", []), key=len, reverse=True))
    before_cue = "|".join(sorted(cues.get("name_then_cue", []), key=len, reverse=True))
    name = r"((?:[A-Z][\w.'’-]*\s?){1,4})"
    return re.compile(
        r"\s*,?\s*(?:(?:" + (after_cue or "(?!)") + r")(?:nya\b|\s+" + name + r")"
        + r"|" + name + r"\s+(?:" + (before_cue or "(?!)") + r")\b)")


def _attributed_quotes(paras, sents: list[Sentence], lang: str) -> dict[int, tuple[int, int, str | None]]:
    """For each sentence inside an attributed quotation, (start, end) of the quoted part within the
    sentence and the speaker's words ("Jokowi" in '"…," kata Jokowi'; None for "katanya", the person
    the story follows). A quotation may run over several sentences of its paragraph."""
    attribution = _attribution_regex(lang)
    out: dict[int, tuple[int, int, str | None]] = {}
    starts = [s.start for s in sents]
    for poff, para in paras:
        for q in _QUOTE_SPAN.finditer(para):
            a = attribution.match(para, q.end())
            if not a:
                continue
            speaker = (a.group(1) or a.group(2) or "").strip() or None
            qa, qb = poff + q.start(1), poff + q.end(1)
            for si in range(max(0, bisect_right(starts, qa) - 1), len(sents)):
                sent = sents[si]
                if sent.start >= qb:
                    break
                lo, hi = max(qa, sent.start) - sent.start, min(qb, sent.end) - sent.start
                if lo < hi:
                    out[si] = (lo, hi, speaker)
    return out


@lru_cache(maxsize=8)
def _not_place_phrases(lang: str) -> frozenset[str]:
    """Two-word phrases ending in a place preposition that do not put anything in a place."""
    return frozenset(w.lower() for w in lexicon(lang).get("not_place_phrases", []) if len(w.split()) == 2)


def _semicolon_clause(text: str, trig) -> tuple[int, int]:
    """(start, end) of the part of the sentence between the semicolons around a trigger."""
    return text.rfind(";", 0, trig.start) + 1, (text.find(";", trig.end) + 1 or len(text) + 1) - 1


@lru_cache(maxsize=8)
def _visit_regex(lang: str) -> re.Pattern | None:
    """A visit noun and its motion preposition right before a place: "a visit to", "kunjungan kerja ke"."""
    cues = lexicon(lang).get("visit_to", [])
    return re.compile(r"\b(?:" + "|".join(cues) + r")\s+(?:the\s+)?$", re.IGNORECASE) if cues else None


@lru_cache(maxsize=8)
def _relative_clause_regex(lang: str) -> re.Pattern:
    """", who …" / ", yang …" up to the next comma or full stop."""
    rel = "|".join(lexicon(lang).get("relative_pronouns", [])) or "(?!)"
    return re.compile(r",\s*(?:" + rel + r")\b[^,.;]*")


@lru_cache(maxsize=8)
def _topic_place_regex(lang: str) -> re.Pattern | None:
    """A noun and preposition that make the place after them a topic: "situation in", "perang di"."""
    heads, preps = lexicon(lang).get("topic_place_heads", []), lexicon(lang).get("place_preps", [])
    if not heads or not preps:
        return None
    return re.compile(r"\b(?:" + "|".join(heads) + r")\s+(?:" + "|".join(re.escape(p) for p in preps)
                      + r")\s+(?:the\s+)?$", re.IGNORECASE)


_SETTLEMENT_WORDS = frozenset({"city", "town", "capital", "village", "port", "resort", "kota", "ibu", "desa"})
_SAID_AT = re.compile(r"\s*(?:[A-Z][\w.'’-]*\s+){0,4}\w{1,5}\s+(?:the\s+)?")  # "kata Retno di ", "told reporters at the "
_PHRASE_END = re.compile(r"[,;]|(?<![A-Z])\.(?!\w)")  # "U.S." does not end the phrase
_QUOTED = re.compile(r"\"[^\"]{3,}\"|“[^”]{3,}”")  # a quotation within a sentence


def _is_headline(paragraph: str, title: str | None, index: int) -> bool:
    """All-caps lines, the title, and a first line in Title Case without a final full stop."""
    letters = "".join(filter(str.isalpha, paragraph))
    if letters and sum(map(str.isupper, letters)) / len(letters) > 0.8 and len(letters) > 8:
        return True
    if index != 0:
        return False
    if bool(title) and paragraph.strip() == title.strip():
        return True
    words = [w for w in paragraph.split() if w[:1].isalpha()]
    return not paragraph.rstrip().endswith((".", "”", '"')) and len(words) >= 3 \
        and sum(w[:1].isupper() for w in words) / len(words) >= 0.6


@lru_cache(maxsize=64)
def _edge_regex(lang: str, key: str, at_end: bool) -> re.Pattern:
    """A cue list as one regex matching at the end of the text before a name (or the start after it)."""
    alt = "|".join(sorted(lexicon(lang).get(key, []), key=len, reverse=True)) or "(?!)"
    return re.compile(r"(?<!\w)(?:" + alt + r")\s*$" if at_end else r"^\s*(?:" + alt + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _clause_splitter(lang: str) -> re.Pattern:
    words = lexicon(lang).get("clause_splitters", [])
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(r";\s|,?\s(?:" + alt + r")\s" if alt else r";\s", re.IGNORECASE)


def _shift(expr, delta: int):
    """The same time expression with offsets moved from its paragraph into its sentence."""
    return replace(expr, start=expr.start + delta, end=expr.end + delta)


def _set_date(rec: MeetingRecord, t) -> None:
    g = t.granularity
    rec.date_start, rec.date_end = t.date_start, t.date_end or t.date_start
    rec.granularity = g
    rec.date_basis = getattr(t, "basis", "explicit")
    rec.date_text = t.text
    s, e = rec.date_start, rec.date_end
    if g in ("day", "time"):
        rec.date = s.isoformat()
        rec.granularity = "day"
    elif g == "month":
        rec.date = s.strftime("%Y-%m")
    elif g == "week":
        rec.date = (s + timedelta(days=3)).strftime("%Y-%m")
    elif s.year == e.year and s.month == e.month and g not in ("season", "quarter", "year"):
        rec.date = s.strftime("%Y-%m") if s != e else s.isoformat()
    else:
        rec.date = str(s.year)
    for c in getattr(t, "conflicts", ()) or ():
        if c not in rec.conflicts:
            rec.conflicts.append(c)


def extract_meetings(doc: Document) -> ArticleExtraction:
    return MeetingExtractor(doc).run()
