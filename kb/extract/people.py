"""People in an article: gazetteer names, title + name, role phrases resolved by date, surnames.

Every mention gets one canonical name for the whole article. Organisations, countries and places are
never people. Language knowledge comes from data: the gazetteer, kb/extract/data/<lang>/roles.json.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from kb.extract.gazetteer_norm import normalise_name
from kb.extract.text import literal_alternation, sentence_tokens

PARTICLES = {"bin", "binti", "al", "el", "van", "von", "der", "de", "da", "du", "la", "le", "ibn", "bint", "ben", "abu"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


@dataclass
class Mention:
    start: int  # offsets within the sentence
    end: int
    text: str
    name: str  # canonical
    role: str | None = None
    country: str | None = None
    via: str = "name"  # name | title | role | surname | gazetteer


@dataclass
class PersonEntry:
    name: str
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    country: str | None = None


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and not tok.isdigit()


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")  # the words `unglue` looks at


@dataclass(slots=True)
class _Sentence:
    """What `ArticlePeople.find` reads of a sentence whatever the article has said before it: worked out
    once per sentence and shared by the priming pass and the real one."""

    toks: tuple[tuple[int, int, str], ...]
    starts: dict[int, int]  # token start offset -> token index
    caps: tuple[bool, ...]  # _is_cap of each token
    norms: tuple[str, ...]  # normalise_name of each token
    person_starts: tuple[int, ...]  # tokens that may start a gazetteer person's name
    roles: tuple[re.Match, ...]  # role phrases found by the language's role regex
    honorifics: tuple[re.Match, ...]
    glued: bool  # a capitalised word ends in a glue word ("Xyzyang"): `unglue` has work to do
    title_case: bool  # a headline in title case ("Minister Hosts Lavrov"): a capital says nothing of a name

    @classmethod
    def of(cls, sentence: str, lang: str, role_re: re.Pattern | None) -> _Sentence:
        toks = sentence_tokens(sentence)
        caps = tuple(_is_cap(t) for _a, _b, t in toks)
        norms = tuple(normalise_name(t) for _a, _b, t in toks)
        first_words = _person_first_words()
        person_starts = tuple(i for i, n in enumerate(norms) if caps[i] and (n.split() or [""])[0] in first_words)
        hon = _honorific_regex(lang)
        glued = _glued_regex(lang)
        return cls(
            toks=toks,
            starts={t[0]: i for i, t in enumerate(toks)},
            caps=caps,
            norms=norms,
            person_starts=person_starts,
            roles=tuple(role_re.finditer(sentence)) if role_re is not None else (),
            honorifics=tuple(hon.finditer(sentence)) if hon is not None else (),
            glued=glued is not None and glued.search(sentence) is not None,
            title_case=_title_case(toks, caps, lang),
        )


@lru_cache(maxsize=8)
def _lang_data(lang: str):
    from kb.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    roles = sorted(gaz.roles(lang), key=lambda r: -len(r.phrase))
    role_re = re.compile(r"\b(?:" + literal_alternation((r.phrase for r in roles), re.IGNORECASE) + r")\b",
                         re.IGNORECASE) if roles else None
    role_by_norm = {normalise_name(r.phrase): r for r in roles}
    honorifics = {normalise_name(h) for h in gaz.honorifics(lang)}
    org_words = {normalise_name(w) for w in gaz.org_words(lang)}
    role_words = set()  # the words of role phrases as written: "RI" is one, the name "Ri" is not
    for r in roles:
        role_words.update(r.phrase.replace("-", " ").split())
    return gaz, role_re, role_by_norm, honorifics, org_words, role_words


class ArticlePeople:
    """Finds people sentence by sentence and keeps the article's canonical names and aliases."""

    def __init__(self, lang: str, published: date | None):
        self.lang = lang
        self.published = published
        self.gaz, self.role_re, self.role_by_norm, self.honorifics, self.org_words, self.role_words = _lang_data(lang)
        self.people: dict[str, PersonEntry] = {}
        self.order: list[str] = []  # canonical names in order of mention (latest last)
        self.by_token: dict[str, str] = {}  # normalised single token -> canonical name (surnames, given names)
        self.lower_vocab: set[str] = set()  # words the article also writes in lower case: common words
        self.qualified: set[str] = set()  # people introduced with their country in the title ("French President X")
        self._sentences: dict[str, _Sentence] = {}  # shared with the priming pass's scout
        self._known_full: dict[str, str] | None = None  # _known_tokens' index; None when people changed

    # ---- public -------------------------------------------------------------------------------
    def prime(self, sentences: list[str]) -> None:
        """Read the article once for full names, so that a surname met before the full name
        ("Trump dan Kim bertemu …", then "Kim Jong-un") still resolves."""
        vocab = {t for s in sentences for _a, _b, t in sentence_tokens(s) if t.islower()}
        scout = ArticlePeople(self.lang, self.published)
        scout.lower_vocab = vocab
        scout._sentences = self._sentences  # the real pass reads the same sentences: analyse them once
        for s in sentences:
            scout.find(s)
        self.by_token = dict(scout.by_token)
        self._known_full = None
        self.lower_vocab = vocab

    def find(self, sentence: str, exclude: list[tuple[int, int]] = ()) -> list[Mention]:
        """People named in a sentence; `exclude` are character spans known to be something else (places)."""
        fixed = self.unglue(sentence)
        if fixed != sentence:
            exclude = ()  # offsets moved; the rare glued sentence goes without this hint
        sentence = fixed
        sa = self._analyse(sentence)
        toks = sa.toks
        mentions: list[Mention] = []
        taken = [any(a <= t[0] < b for a, b in exclude) for t in toks] if exclude else [False] * len(toks)
        self._titled(sentence, sa, taken, mentions)
        self._honorific(sentence, sa, taken, mentions)
        self._gazetteer(sentence, sa, taken, mentions)
        self._known_tokens(sentence, sa, taken, mentions)
        self._given_names(sentence, sa, taken, mentions)
        mentions.sort(key=lambda m: m.start)
        self._counterpart(sentence, mentions)
        for m in mentions:
            self._remember(m)
        return mentions

    def _linked_country(self, s, toks, j, key: str) -> tuple[int, str | None]:
        """(token after it, country code) of a country joined to the title at token `j` by one of the
        roles.json `key` words ("of the Philippines", "untuk Indonesia"); (j, None) when there is none."""
        for link in _links(self.lang, key):
            n = len(link)
            if j + n < len(toks) and [t[2].lower() for t in toks[j:j + n]] == link:
                cj, code = self._country_at(s, toks, j + n)
                if code:
                    return cj, code
        return j, None

    def _counterpart(self, s, mentions) -> None:
        """"A met his Chinese counterpart", "bertemu mitranya dari Tiongkok": whoever holds A's office in
        that country at the article's date (A: the titled person named before in the sentence, else the
        last one the article named with a role). Nothing when a name follows ("counterpart Wang Yi")."""
        for cm in (m for rx in _counterpart_patterns(self.lang) for m in rx.finditer(s)):
            if any(m.start <= cm.start() < m.end or 0 <= m.start - cm.end() <= 2 for m in mentions):
                continue
            named = _FOLLOWING_NAME.match(s, cm.end())  # "her Swedish counterpart Karl Bildt": named here
            before = [m for m in mentions if m.end <= cm.start() and m.role]
            role = before[-1].role if before else next((self.people[n].role for n in reversed(self.order)
                                                        if self.people[n].role), None)
            written = cm.groupdict().get("country")
            if written is None:  # "his counterpart": the same office in another country, named before
                if not named and role and before:
                    own = before[-1].country or self.people.get(before[-1].name, PersonEntry("")).country
                    other = next((n for n in reversed(self.order) if n != before[-1].name and self.people[n].role == role
                                  and self.people[n].country and self.people[n].country != own), None)
                    if other:
                        mentions.append(Mention(cm.start(), cm.end(), cm.group(), other, role, self.people[other].country, "role"))
                continue
            country = self.gaz.country_by_name(written, self.lang) or self.gaz.country_by_name(written)
            if country is None or role is None or len(country.code) != 2:
                continue
            if named:
                canonical = self._canonical(named.group(1), role, country.code)
                if canonical:
                    mentions.append(Mention(cm.start(), named.end(), s[cm.start():named.end()], canonical, role,
                                            country.code, "title"))
                continue
            holders = self.gaz.office_holders(role, country.code, self.published) if self.published else []
            if len(holders) == 1:
                mentions.append(Mention(cm.start(), cm.end(), cm.group(), holders[0].name, role, country.code, "role"))
        mentions.sort(key=lambda m: m.start)

    def unglue(self, sentence: str) -> str:
        """Repair words glued by bad scraping: a known name followed directly by a lowercase function word
        ("Xyzyang" -> "Xyz yang"). Known names are this article's and the gazetteer's."""
        glue = _glue_words(self.lang)
        if not glue or not self._analyse(sentence).glued:
            return sentence

        def fix(m):
            word = m.group(0)
            if not word.endswith(glue):
                return word
            for g in glue:
                if word.endswith(g) and len(word) > len(g) + 2:
                    head = word[: -len(g)]
                    if self._known_token(head):
                        return head + " " + g
            return word

        return _CAPITALISED.sub(fix, sentence)

    def known_name(self, text: str) -> str | None:
        """The canonical name of a person this article (or the gazetteer) knows by these words, without
        recording a mention: "Jokowi", "Retno Marsudi", "Menlu Retno" -> the person, else None."""
        found = self.gaz.person_by_alias(text)
        if len(found) == 1:
            return found[0].name
        for tok in reversed(text.split()):
            name = self.by_token.get(normalise_name(tok))
            if name:
                return name
        return None

    def entries(self) -> list[PersonEntry]:
        return [self.people[n] for n in self.order]

    def recent(self, n: int, exclude=()) -> list[str]:
        out = []
        for name in reversed(self.order):
            if name not in exclude and name not in out:
                out.append(name)
            if len(out) == n:
                break
        return out

    def _analyse(self, sentence: str) -> _Sentence:
        sa = self._sentences.get(sentence)
        if sa is None:
            sa = self._sentences[sentence] = _Sentence.of(sentence, self.lang, self.role_re)
        return sa

    # ---- recognisers --------------------------------------------------------------------------
    def _titled(self, s, sa: _Sentence, taken, mentions):
        """Role phrase (+ country) (+ honorific) + capitalised name; or a role phrase alone, resolved by date."""
        toks, starts, caps, norms = sa.toks, sa.starts, sa.caps, sa.norms
        for rm in sa.roles:
            role = self.role_by_norm.get(normalise_name(rm.group()))
            if role is None or rm.start() not in starts:
                continue
            if not rm.group()[0].isupper() and not self._lower_role_ok(s, rm, toks, starts):
                continue
            i = starts[rm.start()]
            if i > 0 and norms[i - 1] in self.org_words and s[toks[i - 1][1]:toks[i][0]] == " ":
                continue  # "Istana Presiden", "Kantor Wakil Presiden": a place or office, not a person
            j = i
            while j < len(toks) and toks[j][0] < rm.end():
                j += 1  # a token the role phrase ends inside ("Minister-designate") belongs to the title
            country = role.country
            if j < len(toks) and s[toks[j - 1][1]:toks[j][0]].strip() == "(" and toks[j][2] in self.role_words \
                    and s[toks[j][1]:toks[j][1] + 1] == ")":
                j += 1  # "Perdana Menteri (PM) Belanda": the abbreviation echoes the title
            ordinal = _ordinal_regex(self.lang)
            numbered = j < len(toks) and ordinal is not None and ordinal.fullmatch(toks[j][2]) is not None
            if numbered:
                j += 1  # "Presiden keenam RI X": a holder of the office by number, most often a former one
            # country after the title: "Menlu Rusia", "Menteri Luar Negeri Amerika Serikat (AS)"
            cj, ccode = self._country_at(s, toks, j)
            if not ccode:  # "Secretary of Foreign Affairs of the Philippines Teodoro Locsin"
                cj, ccode = self._linked_country(s, toks, j, "country_links")
            explicit = False  # the text says whose office it is: "Presiden Prancis", "French President"
            if ccode:
                country, j, explicit = ccode, cj, True
            # country before the title: "Russian Foreign Minister", "U.S. Secretary of State"
            if i > 0 and not ccode:
                _start, bcode = self._country_before(toks, i)
                if bcode:
                    country, explicit = bcode, True
            if role.role in _POSTED_ROLES:  # "Dubes Jepang untuk Indonesia X", "Ambassador to Indonesia X"
                j = self._linked_country(s, toks, j, "posting_links")[0]
            # a portfolio the role list does not spell out: "Menteri Negara Urusan Pemuda X"
            if j + 1 < len(toks) and [toks[j][2].lower()] in _links(self.lang, "portfolio_links") and caps[j + 1]:
                j += 2
            # "(Menlu)" style parenthetical echoes, honorifics
            before_honorifics = j
            while j < len(toks) and caps[j] and (norms[j] in self.honorifics or toks[j][2] in self.role_words):
                j += 1
            keep_honorific = j == before_honorifics + 1 and j + 1 < len(toks) and not caps[j + 1] \
                and norms[j + 1].split()[0] not in PARTICLES \
                and caps[j] and norms[before_honorifics] in self.honorifics
            if keep_honorific:
                j = before_honorifics  # "Pak Ui-chun": a one-word name keeps the word before it (a surname here)
            # a region or city after the title: "Gubernur Jawa Barat Ridwan Kamil", "Mayor of London Sadiq Khan"
            j = self._skip_place(s, toks, j)
            k = j
            name_toks = []
            sep = s[toks[j - 1][1]:toks[j][0]].strip(" )") if 0 < j < len(toks) else ""
            # "Menlu Estonia, Urmas Reinsalu": a name set off by a comma after a title with its country
            appositive = sep == "," and country is not None and (ccode or i > 0)
            if sep and not appositive:
                k = len(toks)  # "the President’s car": a possessive or punctuation ends the title
            while k < len(toks) and len(name_toks) < 5 and (keep_honorific and k == j or self._name_token(toks[k][2], first=not name_toks)) \
                    and (not name_toks or _joined(s, toks[k - 1], toks[k])):
                name_toks.append(toks[k])
                k += 1
            while name_toks and norms[k - 1] in PARTICLES:
                name_toks.pop()
                k -= 1
            if name_toks and k < len(toks) and _joined(s, name_toks[-1], toks[k]) and caps[k] \
                    and self.gaz.person_by_alias(s[name_toks[0][0]:toks[k][1]]):
                name_toks.append(toks[k])  # a known name whose last word is also a month: "Theresa May"
                k += 1
            if appositive and len(name_toks) < 2:
                name_toks, k = [], j  # after a comma only a full name is an apposition ("…, Senin")
            if name_toks and not any(taken[j:k]):
                text = s[name_toks[0][0]:name_toks[-1][1]]
                canonical = self._canonical(text, role.role, country)
                if canonical:
                    if explicit:
                        self.qualified.add(canonical)
                    mentions.append(Mention(toks[i][0], name_toks[-1][1], s[toks[i][0]:name_toks[-1][1]], canonical,
                                            role.role, country, "title"))
                    for x in range(i, k):
                        taken[x] = True
                    continue
            # a role alone ("Menlu AS", "the Secretary", "the Saudi leader"): someone this article has
            # already named in that role, else whoever held the office at the article's date; not when
            # a capitalised word the title could not read follows it ("Menteri Luar Negeri Uni X Y": an
            # unknown country's minister, not the one the article knows)
            if not explicit and j < len(toks) and caps[j] and s[toks[j - 1][1]:toks[j][0]] == " " \
                    and not _month_or_weekday(self.lang, norms[j]) and toks[j][2].lower() not in _stopwords(self.lang):
                continue
            if numbered:
                continue  # "Presiden keenam" is not the president in office
            if not any(taken[i:j]):
                holder = self._role_holder(role.role, country, definite=s[max(0, toks[i][0] - 4):toks[i][0]].lower() == "the ",
                                           bare=not explicit, capitalised=rm.group()[:1].isupper())
                if holder:
                    end = toks[j - 1][1]
                    if s.count("(", toks[i][0], end) > s.count(")", toks[i][0], end) and s[end:end + 1] == ")":
                        end += 1  # "Menteri Luar Negeri Amerika Serikat (AS)", not "… (AS"
                    mentions.append(Mention(toks[i][0], end, s[toks[i][0]:end], holder, role.role, country, "role"))
                    for x in range(i, j):
                        taken[x] = True

    def _honorific(self, s, sa: _Sentence, taken, mentions):
        """A name after an honorific ("Prince Philip", "Sheikh Tamim", "Pak Ui-chun"); "His Majesty"
        alone is the monarch this article has named."""
        toks, starts = sa.toks, sa.starts
        for hm in sa.honorifics:
            i = starts.get(hm.start())
            if i is None or taken[i] or not s[hm.start()].isupper():
                continue
            j = i
            while j < len(toks) and toks[j][1] <= hm.end():
                j += 1
            k, name_toks = j, []
            while k < len(toks) and len(name_toks) < 6 and self._name_token(toks[k][2], first=not name_toks) \
                    and (not name_toks or _joined(s, toks[k - 1], toks[k])) and not taken[k]:
                name_toks.append(toks[k])
                k += 1
            if name_toks:
                text = s[name_toks[0][0]:name_toks[-1][1]]
                canonical = self._canonical(text, None, None)
                if canonical:
                    mentions.append(Mention(toks[i][0], name_toks[-1][1], s[toks[i][0]:name_toks[-1][1]], canonical, via="title"))
                    for x in range(i, k):
                        taken[x] = True
            elif normalise_name(hm.group()) in ("his majesty", "her majesty", "yang mulia"):
                roles = {"his majesty": ("king", "emir", "sultan", "emperor"), "her majesty": ("queen", "empress")}.get(
                    normalise_name(hm.group()), ("king", "queen", "emir", "sultan", "emperor"))
                monarch = next((n for n in reversed(self.order) if self.people[n].role in roles), None)
                if monarch:
                    mentions.append(Mention(toks[i][0], toks[j - 1][1], hm.group(), monarch, via="role"))
                    for x in range(i, j):
                        taken[x] = True

    def _role_holder(self, role: str, country: str | None, definite: bool, bare: bool = False,
                     capitalised: bool = False) -> str | None:
        """Who a role named without a name is: someone this article named in that role, else whoever held
        the office at the article's date. A bare title ("Presiden", "the President" in a government
        readout) is the home country's officer, never someone introduced as another country's."""
        home = _home_country(self.lang, capitalised) if bare and country is None and role in _home_roles(self.lang) else None
        for name in reversed(self.order):
            e = self.people[name]
            same = e.role == role or definite and role == "minister" and (e.role or "").endswith("_minister")
            if same and (country is None or e.country == country) and not (home and name in self.qualified):
                return name  # "the Secretary", "the minister": the last minister of any portfolio named
        if home:
            country = home
        if country and self.published:
            holders = self.gaz.office_holders(role, country, self.published)
            if len(holders) == 1:
                return holders[0].name
            known = [h for h in holders if h.name in self.people]
            if len(known) == 1:
                return known[0].name
        if definite and self.published:
            # "the President" with no country: the one person of the article who holds that office
            named = [n for n in self.order if n not in self.qualified and any(o.held_on(self.published) and o.role == role
                                                  for p in self.gaz.person_by_alias(n) for o in p.offices)]
            if len(set(named)) == 1:
                return named[0]
        return None

    def _skip_place(self, s, toks, j) -> int:
        for L in (3, 2, 1):
            if j + L <= len(toks) and all(_is_cap(t[2]) for t in toks[j:j + L]):
                text = s[toks[j][0]:toks[j + L - 1][1]]
                if self.gaz.place_by_alias(text) is not None and j + L < len(toks) and _is_cap(toks[j + L][2]):
                    return j + L
        return j

    def _lower_role_ok(self, s, rm, toks, starts) -> bool:
        """A lowercase role phrase names a person with a determiner ("the president", "sang menteri"),
        after a country ("North Korean leader"), or before a name ("president Joko Widodo")."""
        before = s[max(0, rm.start() - 5):rm.start()].lower()
        if before.endswith("the ") or before.endswith("sang "):
            return True
        i = starts[rm.start()]
        if i > 0 and self._country_before(toks, i)[1]:
            return True
        after = s[rm.end():rm.end() + 2]
        j = starts.get(rm.end() + 1)
        return after[:1] == " " and j is not None and self._name_token(toks[j][2], first=True)

    def _gazetteer(self, s, sa: _Sentence, taken, mentions):
        toks, caps = sa.toks, sa.caps
        n = len(toks)
        after = 0  # the first token not inside a name found so far
        for i in sa.person_starts:  # capitalised tokens that may start a gazetteer name
            if i < after or taken[i]:
                continue
            hit = None
            for L in range(min(6, n - i), 0, -1):
                if any(taken[i:i + L]) or not caps[i + L - 1] and L > 1 and toks[i + L - 1][2].lower() not in SUFFIXES:
                    continue
                text = s[toks[i][0]:toks[i + L - 1][1]]
                if L == 1 and (len(text) < 2 or len(text) == 2 and not (text[0].isupper() and text[1].islower())
                               or _month_or_weekday(self.lang, sa.norms[i])):
                    continue  # "on May 29" is a date, not Theresa May; "AS", "UN" are not surnames
                found = self.gaz.person_by_alias(text)
                if not found and L == 1 and not text.isupper():
                    found = self._by_surname(text)
                if L == 1 and self._inside_longer_name(s, toks, i, sa.title_case):
                    found = []  # "Mary Elizabeth Smith" is not Elizabeth II
                if L == 1 and len(text) == 2 and len(found) == 1 and (
                        text.lower() in _stopwords(self.lang) or text.lower() in self.lower_vocab
                        or not (self.published and any(o.held_on(self.published) for o in found[0].offices))):
                    found = []  # a two-letter surname ("Xi") only for someone in office at the date, never "He"
                if L == 1 and len(found) == 1 and self.by_token.get(sa.norms[i], found[0].name) != found[0].name:
                    found = []  # "Antony" after "Antony Blinken" is Blinken, not a namesake of the gazetteer
                if len(found) == 1 and (L > 1 or self._single_token_ok(text, found[0])):
                    hit = (L, found[0], text)
                    break
            if hit:
                L, person, text = hit
                mentions.append(Mention(toks[i][0], toks[i + L - 1][1], text, person.name, via="gazetteer"))
                for x in range(i, i + L):
                    taken[x] = True
                after = i + L

    def _may_hold(self, name: str, role: str) -> bool:
        """False only when the gazetteer knows the person and they never held this kind of office."""
        from kb.extract.gazetteer import ROLE_SYNONYMS

        roles = set(ROLE_SYNONYMS.get(role, (role,))) | {role}
        people = self.gaz.person_by_alias(name)
        if not people or not people[0].offices:
            return True
        return any(o.role in roles or role == "minister" and o.role.endswith("_minister") for o in people[0].offices)

    def _by_surname(self, token: str, role: str | None = None) -> list:
        """Gazetteer people known by this surname; several are narrowed to those in office at the
        article's date (in `role` when given)."""
        cands = self.gaz.people_by_surname(token)
        if self.published:
            # a surname alone names someone in the news around the article's date, not a figure of another era
            cands = [p for p in cands if not p.offices or any(
                (o.start is None or o.start.year <= self.published.year + 1)
                and (o.end is None or o.end.year >= self.published.year - 15) for o in p.offices)]
        if len(cands) > 1 and self.published:
            for want in ((role,) if role else ()) + (None,):
                in_office = [p for p in cands if any(o.held_on(self.published) and (want is None or o.role == want)
                                                     for o in p.offices)]
                if in_office:
                    return in_office
        return cands

    def _inside_longer_name(self, s, toks, i, title_case: bool = False) -> bool:
        """A word beside another name-like word belongs to a longer (unknown) name: "Lazaro Gonzalez"
        is neither Lazaro nor Gonzalez of the gazetteer. In a title-cased headline every word is
        capitalised: there only a word that begins some known name counts."""
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks):
                a, b = (toks[j], toks[i]) if j < i else (toks[i], toks[j])
                if s[a[1]:b[0]] == " " and self._name_token(toks[j][2], first=j < i) \
                        and normalise_name(toks[j][2]) not in self.honorifics \
                        and not (title_case and (normalise_name(toks[j][2]) not in _person_first_words()
                                                 or toks[j][2].lower() in _stopwords(self.lang))):
                    return True
        return False

    def _single_token_ok(self, text, person) -> bool:
        """A one-word alias ("Jokowi", "Lavrov") counts unless the word is also a country, place or common word."""
        norm = normalise_name(text)
        if norm in self.org_words or text in self.role_words or self.gaz.country_by_name(text) or self.gaz.place_by_alias(text):
            return False
        return True

    def _known_tokens(self, s, sa: _Sentence, taken, mentions):
        """Surnames and given names of people already named in this article."""
        toks, caps, norms = sa.toks, sa.caps, sa.norms
        known_full = self._known_full
        if known_full is None:  # rebuilt only after people were found
            known_full = self._known_full = {normalise_name(n): n for n in (*self.people, *self.by_token.values())}
        for i, (a, b, t) in enumerate(toks):
            if taken[i] or not caps[i]:
                continue
            for L in (3, 2):  # a full name this article already knows ("Nancy Reagan")
                if i + L <= len(toks) and not any(taken[i:i + L]):
                    whole = known_full.get(normalise_name(s[a:toks[i + L - 1][1]]))
                    if whole:
                        mentions.append(Mention(a, toks[i + L - 1][1], s[a:toks[i + L - 1][1]], whole, via="name"))
                        for x in range(i, i + L):
                            taken[x] = True
                        break
            if taken[i]:
                continue
            name = self.by_token.get(norms[i])
            if name:
                if i > 0 and not taken[i - 1] and s[toks[i - 1][1]:a] == " " and self._name_token(toks[i - 1][2], True) \
                        and norms[i - 1] not in normalise_name(name).split() \
                        and not _month_or_weekday(self.lang, norms[i - 1]) and i - 1 > 0 \
                        and not (sa.title_case and norms[i - 1] not in _person_first_words()):
                    first = i - 1
                    while first > 0 and not taken[first - 1] and norms[first - 1] in _given_names() \
                            and s[toks[first - 1][1]:toks[first][0]] == " " and caps[first - 1]:
                        first -= 1  # "Siti Hasmah Mohamad": the given name before it belongs to the name
                    full = s[toks[first][0]:b]  # "Nancy Reagan" is not Ronald Reagan
                    mentions.append(Mention(toks[first][0], b, full, full, via="name"))
                    for x in range(first, i + 1):
                        taken[x] = True
                    continue
                mentions.append(Mention(a, b, t, name, via="surname"))
                taken[i] = True

    def _given_names(self, s, sa: _Sentence, taken, mentions):
        """An unknown person named without a title: a common given name and the capitalised name words
        after it ("membebaskan Paul Whelan", "star Brittney Griner"), unless the words are a place."""
        toks, norms = sa.toks, sa.norms
        given = _given_names()
        i = 0
        while i < len(toks) - 1:
            if taken[i] or norms[i] not in given or not sa.caps[i]:
                i += 1
                continue
            k = i + 1
            while k < len(toks) and k - i < 4 and not taken[k] and _joined(s, toks[k - 1], toks[k]) \
                    and self._name_token(toks[k][2], first=False):
                k += 1
            while k > i + 1 and norms[k - 1] in PARTICLES:
                k -= 1
            text = s[toks[i][0]:toks[k - 1][1]]
            if k == i + 1 or self.gaz.place_by_alias(text) is not None or self.gaz.country_by_name(text):
                i += 1
                continue
            canonical = self._canonical(text, None, None)
            if canonical:
                mentions.append(Mention(toks[i][0], toks[k - 1][1], text, canonical, via="given"))
                for x in range(i, k):
                    taken[x] = True
            i = k

    # ---- helpers --------------------------------------------------------------------------------
    def _name_token(self, tok: str, first: bool) -> bool:
        return _is_name_word(self.lang, tok, first)

    def _country_at(self, s, toks, j):
        best = (j, None)
        starts = [j]
        for prefix in _links(self.lang, "state_prefixes"):  # "Uni Comoros", "the Kingdom of Spain"
            if [t[2].lower() for t in toks[j:j + len(prefix)]] == prefix:
                starts.append(j + len(prefix))
        for start in starts:
            for L in range(4, 0, -1):
                if start + L > len(toks):
                    continue
                text = s[toks[start][0]:toks[start + L - 1][1]]
                c = self.gaz.country_by_name(text, self.lang) or self.gaz.country_by_name(text)
                if c:
                    best = (start + L, c.code)
                    break
            if best[1]:
                break
        j2, code = best
        if code:
            # "(AS)" / "dan Rusia" echoes after the country
            while j2 < len(toks) and self.gaz.country_by_name(toks[j2][2], self.lang) and s[toks[j2 - 1][1]:toks[j2][0]].strip() == "(":
                j2 += 1
        return best[0] if not code else j2, code

    def _country_before(self, toks, i):
        for L in (3, 2, 1):
            if i - L < 0:
                continue
            text = " ".join(t[2] for t in toks[i - L:i])
            c = self.gaz.country_by_name(text, self.lang) or self.gaz.country_by_name(text)
            if c:
                return i - L, c.code
        return i, None

    def _canonical(self, text: str, role: str | None, country: str | None) -> str | None:
        """The canonical name of a written name: the gazetteer's when it knows the person."""
        found = self.gaz.person_by_alias(text)
        if len(found) == 1:
            return found[0].name
        squeezed = _squeezed_aliases().get(normalise_name(text).replace(" ", ""))
        if squeezed and len(squeezed) == 1:
            return squeezed[0]  # "Abdul Aziz" written for "Abdulaziz"
        toks = [t for t in text.split() if normalise_name(t) not in SUFFIXES]
        if len(toks) == 1:
            known = self.by_token.get(normalise_name(toks[0])) or (self._misspelt(toks[0]) if role else None)
            if known and (role is None or self._may_hold(known, role)):
                return known  # "King Hussein" is not the Saddam Hussein named before
            # a surname with a title: the gazetteer holder of that office with that surname
            if country and self.published:
                for p in self.gaz.office_holders(role, country, self.published):
                    if normalise_name(toks[0]) in normalise_name(p.name).split():
                        return p.name
            cands = self._by_surname(toks[0], role)
            if len(cands) == 1:
                return cands[0].name
            if toks[0].lower() in self.lower_vocab or toks[0].lower() in _stopwords(self.lang):
                return None  # "the President and Members of the board": a common word, not a name
            return toks[0] if len(toks[0]) > 2 else None
        # "Joko W. Widodo" -> "Joko Widodo": same first and last token as a gazetteer person
        first, last = normalise_name(toks[0]), normalise_name(toks[-1])
        for p in self.gaz.people_by_surname(toks[-1]):
            ptoks = normalise_name(p.name).split()
            if ptoks and ptoks[0] == first:
                return p.name
        return " ".join(toks)

    def _misspelt(self, token: str) -> str | None:
        """The one person of this article whose surname this titled word misspells by a letter
        ("Minister Viera" after "Mauro Vieira"); words of five letters or more only."""
        norm = normalise_name(token)
        if len(norm) < 5:
            return None
        close = {name for known, name in self.by_token.items() if known[:1] == norm[:1] and abs(len(known) - len(norm)) <= 1
                 and difflib.SequenceMatcher(None, known, norm).ratio() >= 0.88}
        return close.pop() if len(close) == 1 else None

    def _known_token(self, tok: str) -> bool:
        norm = normalise_name(tok)
        return norm in self.by_token or bool(self.gaz.people_by_surname(tok))

    def _remember(self, m: Mention):
        self._known_full = None
        entry = self.people.get(m.name)
        if entry is None:
            role, country = m.role, m.country
            if role is None and self.published:
                for p in self.gaz.person_by_alias(m.name):
                    held = [o for o in p.offices if o.held_on(self.published)]
                    if held:
                        role, country = held[0].role, held[0].country
                    break
            entry = self.people[m.name] = PersonEntry(m.name, role=role, country=country)
        entry.aliases.add(m.text)
        if m.role and not entry.role:
            entry.role, entry.country = m.role, m.country
        if entry.role and not entry.country and self.published:
            # "Menteri Luar Negeri X" with no country: the gazetteer knows which country's minister X is
            for p in self.gaz.person_by_alias(entry.name):
                for o in p.offices:
                    if o.role == entry.role and o.held_on(self.published):
                        entry.country = o.country
        if m.name in self.order:
            self.order.remove(m.name)
        self.order.append(m.name)
        for t in m.name.split():
            nt = normalise_name(t)
            if len(nt) > 2 and nt not in PARTICLES and nt not in SUFFIXES:
                other = self.by_token.get(nt)
                if other is None:
                    self.by_token[nt] = m.name
                elif other != m.name and set(normalise_name(other).split()) < set(normalise_name(m.name).split()):
                    self.by_token[nt] = m.name  # "Kim", then "Kim Jong-un"; "Michelle Obama" leaves Barack's "Obama"


@lru_cache(maxsize=1 << 16)
def _is_name_word(lang: str, tok: str, first: bool) -> bool:
    """A word that can be part of a person's name (the first one when `first`); it depends only on the
    word and the language's data, so it is worked out once per word."""
    gaz, _role_re, _role_by_norm, honorifics, org_words, role_words = _lang_data(lang)
    norm = normalise_name(tok)
    if norm in PARTICLES and not first:
        return True
    if not first and "-" in tok and tok.split("-", 1)[0].lower() in PARTICLES and tok.split("-", 1)[1][:1].isupper():
        return True  # "al-Thani", "el-Sisi"
    if not _is_cap(tok) or tok.isupper() and (len(tok) > 3 or first and len(tok) > 1) or any(c.isdigit() for c in tok):
        return False
    if norm in org_words or tok in role_words or norm in honorifics:
        return False
    if _month_or_weekday(lang, norm):
        return False
    not_name = _not_name_regex(lang)
    if not_name is not None and not_name.fullmatch(tok):
        return False
    if gaz.country_by_name(tok) or first and gaz.place_by_alias(tok) is not None:
        return False  # a surname may be a place too ("Jackson", "Lincoln"); a name does not start with one
    return True


def _title_case(toks, caps, lang: str) -> bool:
    """Every content word capitalised, at least three of them: a headline set in title case."""
    stop = _stopwords(lang)
    content = [caps[i] for i, (_a, _b, t) in enumerate(toks) if len(t) > 3 and t.isalpha() and t.lower() not in stop]
    return len(content) >= 3 and all(content)


@lru_cache(maxsize=8)
def _ordinal_regex(lang: str) -> re.Pattern | None:
    """roles.json `ordinal_after_title`: the ordinal of an office holder written after the title."""
    rx = _roles_json(lang).get("ordinal_after_title")
    return re.compile(rx, re.IGNORECASE) if rx else None


@lru_cache(maxsize=8)
def _not_name_regex(lang: str) -> re.Pattern | None:
    """roles.json `not_name_words`: word shapes that are never part of a name (Indonesian verb forms
    such as "Disampaikan", "Menegaskan"), however they are capitalised."""
    words = _roles_json(lang).get("not_name_words", [])
    return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE) if words else None


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """data/given_names.txt, normalised: words that begin a person's name wherever they stand."""
    from kb.extract.gazetteer import DATA_DIR

    lines = (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(normalise_name(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=8)
def _stopwords(lang: str) -> frozenset[str]:
    """The language's function words (shared with language detection in kb.ingest)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "ingest" / "data" / "stopwords" / f"{lang}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))
    except OSError:
        return frozenset()


@lru_cache(maxsize=8)
def _honorific_regex(lang: str):
    from kb.extract.gazetteer import load_gazetteer

    words = sorted(load_gazetteer().honorifics(lang), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + literal_alternation(words) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _person_first_words() -> frozenset[str]:
    """First words of every person alias, and every surname: a name cannot start anywhere else."""
    from kb.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    words = {normalise_name(a).split()[0] for a in gaz.all_person_aliases() if normalise_name(a)}
    for p in gaz.people:
        words.update(normalise_name(p.name).split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _squeezed_aliases() -> dict[str, list[str]]:
    """Gazetteer aliases with the spaces taken out, for names written with or without a space."""
    from kb.extract.gazetteer import load_gazetteer

    out: dict[str, list[str]] = {}
    for alias, people in load_gazetteer().all_person_aliases().items():
        names = out.setdefault(normalise_name(alias).replace(" ", ""), [])
        for p in people:
            if p.name not in names:
                names.append(p.name)
    return out


@lru_cache(maxsize=16)
def _home_country(lang: str, capitalised: bool) -> str | None:
    """The country a bare title refers to in this language's press ("Presiden" in Indonesian news is
    Indonesia's; "the President" capitalised in an English government readout is the United States')."""
    data = _roles_json(lang)
    return data.get("home_country") or (data.get("home_country_capitalised") if capitalised else None)


@lru_cache(maxsize=8)
def _home_roles(lang: str) -> frozenset[str]:
    """The national offices a bare title stands for (a bare "wali kota" is not the home country's mayor)."""
    return frozenset(_roles_json(lang).get("home_roles", []))


@lru_cache(maxsize=8)
def _roles_json(lang: str) -> dict:
    from kb.extract.gazetteer import DATA_DIR

    path = DATA_DIR / lang / "roles.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@lru_cache(maxsize=8)
def _counterpart_patterns(lang: str) -> tuple[re.Pattern, ...]:
    """"his Chinese counterpart", "mitranya dari Tiongkok": roles.json `counterpart_patterns`, each with
    a `country` group."""
    return tuple(re.compile(p) for p in _roles_json(lang).get("counterpart_patterns", []))


@lru_cache(maxsize=16)
def _links(lang: str, key: str) -> tuple[list[str], ...]:
    """A roles.json list of joining words ("of the", "untuk"), each split into words, longest first."""
    return tuple(sorted((w.lower().split() for w in _roles_json(lang).get(key, [])), key=len, reverse=True))


_FOLLOWING_NAME = re.compile(r",?\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\b")
# offices held in another country, whose title may name the posting: "Ambassador to Indonesia"
_POSTED_ROLES = frozenset({"ambassador", "deputy_ambassador", "envoy", "high_commissioner", "consul_general",
                           "charge_d_affaires"})


def _joined(s: str, prev, tok) -> bool:
    """Two tokens belong to one name: separated by a space or hyphen, or an initial ("Joseph R. Biden")."""
    gap = s[prev[1]:tok[0]]
    if gap in (" ", "-"):
        return True
    return gap == ". " and _INITIALS.fullmatch(prev[2]) is not None  # "R. Biden", "Retno L.P. Marsudi"


_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")


@lru_cache(maxsize=8)
def _glue_words(lang: str) -> tuple[str, ...]:
    from kb.extract.lexicon import lexicon

    return tuple(sorted(lexicon(lang).get("glue_words", []), key=len, reverse=True))


@lru_cache(maxsize=8)
def _glued_regex(lang: str) -> re.Pattern | None:
    """A capitalised word (as `unglue` sees them) that ends in a glue word after at least three
    letters: one search says whether `unglue` has anything to do in a sentence."""
    glue = [g for g in _glue_words(lang) if re.fullmatch(r"[a-z]*", g)]  # others cannot end such a word
    if not glue:
        return None
    return re.compile(r"\b(?=[A-Z][a-z]{3,}\b)[A-Z][a-z]{2,}(?:" + "|".join(map(re.escape, glue)) + r")\b")


@lru_cache(maxsize=8)
def _calendar_words(lang: str) -> frozenset[str]:
    """Month and weekday names of the language (from the time layer's lexicon): never names of people."""
    from kb.extract.time.lexicon import load_lexicon

    lex = load_lexicon(lang)
    return frozenset(normalise_name(w) for ph in ("month", "weekday") for w, *_flags in lex.words(ph))


def _month_or_weekday(lang: str, norm: str) -> bool:
    return norm in _calendar_words(lang)
