"""The gazetteer data validates, and lookups on it answer as a reader of the news expects."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from kb.extract.gazetteer import (
    DATA_DIR,
    ROLE_KEYS,
    Gazetteer,
    load_gazetteer,
    normalise_name,
)

LANGS = ("id", "en")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def raw_people() -> list[dict]:
    return json.loads((DATA_DIR / "people.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_places() -> list[dict]:
    return json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def codes(gaz) -> set[str]:
    return {c.code for c in gaz.countries}


# --- the data validates ------------------------------------------------------------------


def test_load_is_cached(gaz):
    assert load_gazetteer() is gaz


def test_sizes(gaz):
    assert len(gaz.people) > 800
    assert len(gaz.places) > 400
    assert len(gaz.countries) > 240
    for lang in LANGS:
        assert len(gaz.roles(lang)) > 150


def test_countries_unique_and_named(gaz):
    seen = set()
    for c in gaz.countries:
        assert c.code not in seen, c.code
        seen.add(c.code)
        assert c.name
        for lang in LANGS:
            assert c.names.get(lang), (c.code, lang)
    assert {"US", "RU", "ID", "GB", "CN", "TL", "VA", "PS", "TW", "XK"} <= seen
    assert {"UN", "NATO", "EU", "ASEAN", "IMF", "WB", "WHO", "SU"} <= seen


def test_people_offices_valid(raw_people, codes):
    names = set()
    for p in raw_people:
        assert p["name"] and p["name"] == p["name"].strip(), p
        assert p["name"] not in names, f"duplicate person {p['name']}"
        names.add(p["name"])
        assert isinstance(p["aliases"], list)
        for o in p["offices"]:
            where = f"{p['name']}: {o}"
            assert o["role"] in ROLE_KEYS, where
            assert o["country"] in codes, where
            start = date.fromisoformat(o["from"]) if o["from"] else None
            end = date.fromisoformat(o["to"]) if o["to"] else None
            if start and end:
                assert start <= end, where
            assert start is None or date(1900, 1, 1) <= start <= date(2027, 12, 31), where
            assert set(o) <= {"role", "country", "from", "to", "seat", "approximate"}, where


def test_aliases_not_shared_unless_declared(raw_people):
    """No normalised name belongs to two persons unless both declare it ambiguous."""
    owners: dict[str, list[dict]] = defaultdict(list)
    for p in raw_people:
        for n in {normalise_name(a) for a in [p["name"], *p["aliases"]]}:
            owners[n].append(p)
    for key, ps in owners.items():
        if len(ps) < 2:
            continue
        for p in ps:
            declared = {normalise_name(a) for a in p.get("ambiguous_aliases", [])}
            assert key in declared, f"{key!r} is claimed by {[x['name'] for x in ps]}"


def test_declared_ambiguities_are_aliases(raw_people):
    for p in raw_people:
        own = {normalise_name(a) for a in [p["name"], *p["aliases"]]}
        for a in p.get("ambiguous_aliases", []):
            assert normalise_name(a) in own, (p["name"], a)


def test_no_overlapping_single_holder_offices(gaz):
    """Two persons never hold the same head-of-state/government or foreign-minister office at once
    (a one-day overlap on a handover day is allowed)."""
    single = {"prime_minister", "foreign_minister", "chancellor", "secretary_general", "pope"}
    by_office = defaultdict(list)
    for p in gaz.people:
        for o in p.offices:
            if o.role in single and o.seat is None and o.country not in {"CH"}:
                by_office[(o.role, o.country)].append((o, p))
    problems = []
    for key, items in by_office.items():
        items.sort(key=lambda x: x[0].start or date.min)
        for (o1, p1), (o2, p2) in zip(items, items[1:]):
            if p1 is p2 or o1.end is None and o2.start is None:
                continue
            end1 = o1.end or date.max
            if o2.start and (o2.start - end1).days < -1 and not (o1.approximate or o2.approximate):
                problems.append(f"{key}: {p1.name} until {o1.end} / {p2.name} from {o2.start}")
    assert not problems, "\n".join(problems)


def test_places_valid(raw_places, codes):
    names = {p["name"] for p in raw_places}
    seen = set()
    for p in raw_places:
        assert p["country"] in codes, p
        assert p["kind"] in {"city", "region", "venue"}, p
        assert (p["name"], p["country"]) not in seen, p
        seen.add((p["name"], p["country"]))
        if p.get("city"):
            assert p["city"] in names, p
        assert set(p) <= {"name", "country", "kind", "aliases", "city", "ambiguous_in"}, p


def test_roles_valid(gaz, codes):
    for lang in LANGS:
        phrases = set()
        for r in gaz.roles(lang):
            assert r.role in ROLE_KEYS, r
            assert r.country is None or r.country in codes, r
            assert r.phrase not in phrases, r
            phrases.add(r.phrase)
        assert gaz.honorifics(lang)
        assert gaz.org_words(lang)


def test_every_role_key_documented():
    from kb.extract import gazetteer

    doc = gazetteer.__doc__
    for key in ROLE_KEYS:
        assert key in doc, key


# --- normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Sergey Lavrov", "sergey lavrov"),
        ("  Sergéi   LAVROV ", "sergei lavrov"),
        ("Joseph R. Biden Jr.", "joseph r biden jr"),
        ("Ma’ruf Amin", "ma ruf amin"),
        ("Ramos-Horta", "ramos horta"),
        ("Reykjavík", "reykjavik"),
        ("Genève", "geneve"),
        ("Nguyễn Phú Trọng", "nguyen phu trong"),
        ("Washington, D.C.", "washington d c"),
    ],
)
def test_normalise_name(raw, key):
    assert normalise_name(raw) == key


# --- lookups --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, country, on, expected",
    [
        ("foreign_minister", "RU", date(2022, 1, 1), "Sergey Lavrov"),
        ("foreign_minister", "US", date(2022, 1, 1), "Antony Blinken"),
        ("foreign_minister", "US", date(2018, 6, 1), "Mike Pompeo"),
        ("foreign_minister", "US", date(2025, 6, 1), "Marco Rubio"),
        ("foreign_minister", "US", date(1987, 12, 8), "George Shultz"),
        ("president", "ID", date(2016, 1, 1), "Joko Widodo"),
        ("president", "ID", date(2025, 1, 1), "Prabowo Subianto"),
        ("president", "ID", date(2010, 5, 1), "Susilo Bambang Yudhoyono"),
        ("vice_president", "ID", date(2017, 3, 1), "Jusuf Kalla"),
        ("foreign_minister", "ID", date(2017, 3, 1), "Retno Marsudi"),
        ("foreign_minister", "ID", date(2025, 3, 1), "Sugiono"),
        ("foreign_minister", "CN", date(2018, 7, 1), "Wang Yi"),
        ("foreign_minister", "CN", date(2023, 3, 1), "Qin Gang"),
        ("foreign_minister", "GB", date(2017, 1, 1), "Boris Johnson"),
        ("foreign_minister", "IN", date(2020, 1, 1), "S. Jaishankar"),
        ("defense_minister", "US", date(2022, 1, 1), "Lloyd Austin"),
        ("defense_minister", "RU", date(2016, 1, 1), "Sergei Shoigu"),
        ("prime_minister", "JP", date(2016, 1, 1), "Shinzo Abe"),
        ("prime_minister", "MY", date(2019, 1, 1), "Mahathir Mohamad"),
        ("chancellor", "DE", date(2010, 1, 1), "Angela Merkel"),
        ("president", "RU", date(2010, 1, 1), "Dmitry Medvedev"),
        ("president", "RU", date(2021, 5, 19), "Vladimir Putin"),
        ("president", "US", date(1986, 10, 11), "Ronald Reagan"),
        ("party_leader", "SU", date(1986, 10, 11), "Mikhail Gorbachev"),
        ("secretary_general", "UN", date(2010, 1, 1), "Ban Ki-moon"),
        ("secretary_general", "NATO", date(2020, 1, 1), "Jens Stoltenberg"),
        ("secretary_general", "ASEAN", date(2019, 1, 1), "Lim Jock Hoi"),
        ("military_chief", "US", date(2021, 6, 1), "Mark Milley"),
        ("military_chief", "ID", date(2016, 6, 1), "Gatot Nurmantyo"),
        ("police_chief", "ID", date(2017, 6, 1), "Tito Karnavian"),
        ("king", "SA", date(2016, 1, 1), "Salman bin Abdulaziz"),
        ("crown_prince", "SA", date(2018, 1, 1), "Mohammed bin Salman"),
        ("emir", "QA", date(2018, 1, 1), "Tamim bin Hamad Al Thani"),
        ("pope", "VA", date(2015, 9, 1), "Francis"),
        ("high_representative", "EU", date(2016, 1, 1), "Federica Mogherini"),
        ("national_security_adviser", "US", date(2022, 1, 1), "Jake Sullivan"),
        ("finance_minister", "US", date(2022, 1, 1), "Janet Yellen"),
        ("managing_director", "IMF", date(2015, 1, 1), "Christine Lagarde"),
        ("director_general", "WHO", date(2020, 3, 1), "Tedros Adhanom Ghebreyesus"),
    ],
)
def test_office_holders(gaz, role, country, on, expected):
    assert expected in [p.name for p in gaz.office_holders(role, country, on)]


def test_office_holders_role_synonyms(gaz):
    # Myanmar's junta chief is recorded as head of state; asking for the "president" still
    # finds the acting president, and asking for "head_of_state" finds both.
    on = date(2022, 6, 1)
    assert "Myint Swe" in [p.name for p in gaz.office_holders("president", "MM", on)]
    heads = {p.name for p in gaz.office_holders("head_of_state", "MM", on)}
    assert {"Myint Swe", "Min Aung Hlaing"} <= heads
    # head of state of a monarchy is its monarch
    assert [p.name for p in gaz.office_holders("head_of_state", "JP", date(2020, 1, 1))] == ["Naruhito"]
    # "Secretary of Commerce" and "trade minister" meet
    assert "Gina Raimondo" in [p.name for p in gaz.office_holders("trade_minister", "US", date(2022, 1, 1))]


def test_office_holders_by_country_name_and_seat(gaz):
    assert [p.name for p in gaz.office_holders("foreign_minister", "Rusia", date(2022, 1, 1))] == ["Sergey Lavrov"]
    assert [p.name for p in gaz.office_holders("speaker", "ID", date(2021, 1, 1), seat="DPR")] == ["Puan Maharani"]
    assert [p.name for p in gaz.office_holders("speaker", "ID", date(2021, 1, 1), seat="MPR")] == ["Bambang Soesatyo"]
    assert gaz.office_holders("foreign_minister", "US", date(1700, 1, 1)) == []


def test_person_by_alias(gaz):
    (lavrov,) = gaz.person_by_alias("Sergei Lavrov")
    assert lavrov.name == "Sergey Lavrov"
    assert gaz.person_by_alias("sergey  LAVROV") == [lavrov]
    assert [p.name for p in gaz.person_by_alias("Jokowi")] == ["Joko Widodo"]
    assert [p.name for p in gaz.person_by_alias("Joseph R. Biden Jr.")] == ["Joe Biden"]
    assert [p.name for p in gaz.person_by_alias("Zelensky")] == ["Volodymyr Zelenskyy"]
    assert [p.name for p in gaz.person_by_alias("Paus Fransiskus")] == ["Francis"]
    assert {p.name for p in gaz.person_by_alias("George Bush")} == {"George H. W. Bush", "George W. Bush"}
    assert gaz.person_by_alias("Nobody Atall") == []
    assert [p.name for p in gaz.person_by_alias("SBY")] == ["Susilo Bambang Yudhoyono"]
    assert gaz.person_by_alias("sby") == []
    assert gaz.person("Sergey Lavrov") is lavrov


def test_people_by_surname(gaz):
    assert [p.name for p in gaz.people_by_surname("Lavrov")] == ["Sergey Lavrov"]
    assert [p.name for p in gaz.people_by_surname("Blinken")] == ["Antony Blinken"]
    assert [p.name for p in gaz.people_by_surname("Xi")] == ["Xi Jinping"]  # family name first
    assert "Moon Jae-in" in [p.name for p in gaz.people_by_surname("Moon")]
    assert "Lee Hsien Loong" in [p.name for p in gaz.people_by_surname("Lee")]
    assert [p.name for p in gaz.people_by_surname("Jokowi")] == ["Joko Widodo"]
    assert {"George H. W. Bush", "George W. Bush"} <= {p.name for p in gaz.people_by_surname("Bush")}
    # Indonesian, Malay and Thai news use given names: "Menlu Retno", "PM Prayut"
    assert [p.name for p in gaz.people_by_surname("Retno")] == ["Retno Marsudi"]
    assert [p.name for p in gaz.people_by_surname("Prayut")] == ["Prayut Chan-o-cha"]
    # monarchs go by their regnal name; Gulf royals by their first name
    assert [p.name for p in gaz.people_by_surname("Charles")] == ["Charles III"]
    assert "Salman bin Abdulaziz" in [p.name for p in gaz.people_by_surname("Salman")]
    assert [p.name for p in gaz.people_by_surname("Tamim")] == ["Tamim bin Hamad Al Thani"]


def test_place_lookup(gaz):
    geneva = gaz.place_by_alias("Jenewa")
    assert (geneva.name, geneva.country_code, geneva.country_name) == ("Geneva", "CH", "Switzerland")
    assert gaz.place_by_alias("Reykjavík").name == "Reykjavik"
    assert gaz.place_by_alias("reykjavik").country_name == "Iceland"
    nusa_dua = gaz.place_by_alias("Nusa Dua")
    assert (nusa_dua.kind, nusa_dua.city, nusa_dua.country_code) == ("venue", "Bali", "ID")
    assert gaz.place_by_alias("Istana Kepresidenan Bogor").city == "Bogor"
    assert gaz.city_of(gaz.place_by_alias("Gedung Putih")).name == "Washington"
    assert gaz.city_of(gaz.place_by_alias("Oval Office")).name == "Washington"
    assert gaz.city_of(gaz.place_by_alias("Kremlin")).name == "Moscow"
    assert gaz.city_of(gaz.place_by_alias("Mar-a-Lago")).name == "Palm Beach"
    assert gaz.city_of(gaz.place_by_alias("Cheong Wa Dae")).name == "Seoul"
    assert gaz.city_of(gaz.place_by_alias("Pejambon")).name == "Jakarta"
    assert gaz.place_by_alias("Kyiv") == gaz.place_by_alias("Kiev")
    assert gaz.place_by_alias("Atlantis") is None


def test_country_lookup(gaz):
    assert gaz.country_by_name("Rusia").code == "RU"
    assert gaz.country_by_name("Amerika Serikat").code == "US"
    assert gaz.country_by_name("AS", lang="id").code == "US"
    assert gaz.country_by_name("RI").code == "ID"
    assert gaz.country_by_name("Tiongkok").code == "CN"
    assert gaz.country_by_name("RRT").code == "CN"
    assert gaz.country_by_name("Inggris").code == "GB"
    assert gaz.country_by_name("Prancis").code == "FR"
    assert gaz.country_by_name("Jepang").code == "JP"
    assert gaz.country_by_name("Korea Utara").code == "KP"
    assert gaz.country_by_name("Korsel").code == "KR"
    assert gaz.country_by_name("Arab Saudi").code == "SA"
    assert gaz.country_by_name("Swiss").code == "CH"
    assert gaz.country_by_name("Selandia Baru").code == "NZ"
    assert gaz.country_by_name("Timor Leste").code == "TL"
    assert gaz.country_by_name("UEA").code == "AE"
    assert gaz.country_by_name("PBB").code == "UN"
    assert gaz.country_by_name("Russian").code == "RU"
    assert gaz.country_by_name("French").code == "FR"
    assert gaz.country_by_name("U.S.").code == "US"
    assert gaz.country_by_name("Soviet").code == "SU"
    assert gaz.country_by_name("Russian", lang="id") is None
    # initialisms only in capitals: the Korean surname "Ri" and the word "as" are not countries
    assert gaz.country_by_name("Ri") is None
    assert gaz.country_by_name("as") is None
    assert gaz.country_by_name("us") is None
    assert gaz.country_by_name("Nato").code == "NATO"
    assert gaz.country_by_name("Narnia") is None


def test_roles_lookup(gaz):
    assert gaz.role_by_phrase("Menlu", "id").role == "foreign_minister"
    assert gaz.role_by_phrase("Menteri Luar Negeri", "id").role == "foreign_minister"
    assert gaz.role_by_phrase("Panglima TNI", "id").country == "ID"
    assert gaz.role_by_phrase("Kapolri", "id").role == "police_chief"
    assert gaz.role_by_phrase("Ketua DPR", "id").seat == "DPR"
    sec = gaz.role_by_phrase("Secretary of State", "en")
    assert (sec.role, sec.country) == ("foreign_minister", "US")
    assert gaz.role_by_phrase("Foreign Secretary", "en").country == "GB"
    assert gaz.role_by_phrase("External Affairs Minister", "en").country == "IN"
    assert gaz.role_by_phrase("Chancellor", "en").country is None
    assert gaz.role_by_phrase("Chairman of the Joint Chiefs of Staff", "en").role == "military_chief"
    assert "Bapak" in gaz.honorifics("id") and "Sheikh" in gaz.honorifics("en")
    assert "Kementerian" in gaz.org_words("id") and "Ministry" in gaz.org_words("en")


def test_matcher_inventories(gaz):
    people = gaz.all_person_aliases()
    assert "Sergei Lavrov" in people and "Jokowi" in people
    places = gaz.all_place_aliases()
    assert "Jenewa" in places and "Gedung Putih" in places


@pytest.mark.parametrize("lang", LANGS)
def test_name_keys_hold_every_name_a_place_or_country_lookup_answers(gaz, lang):
    keys = gaz.name_keys(lang)
    for place in gaz.places:
        for name in place.all_names:
            assert normalise_name(name) in keys, name
    for country in gaz.countries:
        for name in (*country.names.get(lang, ()), *country.demonyms.get(lang, ())):
            if gaz.country_by_name(name, lang) is not None:
                assert normalise_name(name) in keys, name
    assert "no such place or country here" not in keys
