"""`kb meetings` and `kb timeline` on a hand-built store: order, filters, name and place resolution."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from kb.cli import main
from kb.errors import QueryError

from conftest import build_store


def run(capsys, db, *args):
    with pytest.raises(SystemExit) as e:
        main(["--db", db, *args])
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


@pytest.fixture
def db(db_url):
    """The hand-built store, on SQLite and on PostgreSQL (db_url gives one backend per run)."""
    return build_store(db_url).db


def dates(out: str) -> list:
    return [m["date"] for m in json.loads(out)]


def test_meetings_chronological_with_every_kind_and_status(capsys, db):
    code, out, _ = run(capsys, db, "meetings", "Blinken", "Lavrov", "--format", "json")
    assert code == 0
    ms = json.loads(out)
    assert [m["date"] for m in ms] == ["2021-05-19", "2022-01-21", "2022-02", "2022", "2023-03-02"]
    assert [m["status"] for m in ms].count("cancelled") == 1
    assert [m["kind"] for m in ms].count("phone") == 1
    assert all(set(m["participants"]) == {"Antony Blinken", "Sergey Lavrov"} for m in ms)
    for key in ("id", "participants", "date", "date_start", "date_end", "place", "country", "kind", "status",
                "duration_minutes", "occasion", "topics", "sources", "conflicts"):
        assert key in ms[0]
    assert ms[1]["sources"][0]["evidence"] and ms[1]["sources"][0]["published"]


@pytest.mark.parametrize("a,b", [("Sergei Lavrov", "antony blinken"), ("LAVROV", "Tony Blinken"),
                                 ("Sergej Lawrow", "Blinken"), ("Sergey  Lavrov", "Antony Blinken")])
def test_names_resolve_through_aliases_case_and_spacing(capsys, db, a, b):
    code, out, _ = run(capsys, db, "meetings", a, b, "--format", "json")
    assert code == 0 and len(json.loads(out)) == 5


def test_accents_and_surname_alone(capsys, db):
    code, out, _ = run(capsys, db, "meetings", "Kovacevic", "Lena", "--format", "json")
    assert code == 0 and dates(out) == ["2020-11"]
    code, out, _ = run(capsys, db, "meetings", "ana kovačević", "piet haugen", "--format", "json")
    assert code == 0 and dates(out) == ["2024-03-05"]


@pytest.mark.parametrize("opts,expected", [
    (["--since", "2022-01-01"], ["2022-01-21", "2022-02", "2022", "2023-03-02"]),
    (["--until", "2021-12-31"], ["2021-05-19"]),
    (["--since", "2022-03-01", "--until", "2022-12-31"], ["2022"]),
    (["--status", "cancelled"], ["2022-02"]),
    (["--kind", "phone"], ["2022"]),
    (["--kind", "in_person", "--status", "occurred"], ["2021-05-19", "2022-01-21", "2023-03-02"]),
])
def test_meeting_filters(capsys, db, opts, expected):
    code, out, _ = run(capsys, db, "meetings", "Blinken", "Lavrov", "--format", "json", *opts)
    assert code == 0 and dates(out) == expected


def test_meetings_csv_and_table(capsys, db):
    code, out, _ = run(capsys, db, "meetings", "Blinken", "Lavrov", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["date"] for r in rows][0] == "2021-05-19" and len(rows) == 5
    code, out, _ = run(capsys, db, "meetings", "Blinken", "Lavrov", "--format", "table")
    assert code == 0 and "CANCELLED" in out and "Reykjavik" in out


def test_ambiguous_name_lists_candidates(capsys, db):
    code, _, err = run(capsys, db, "meetings", "Haugen", "Kovacevic")
    assert code == 1
    assert err.startswith("error: ") and "ambiguous" in err and "Lena Haugen" in err and "Piet Haugen" in err
    assert "Traceback" not in err


def test_unknown_name_suggests_closest(capsys, db):
    code, _, err = run(capsys, db, "meetings", "Lavrof", "Blinken")
    assert code == 1 and "no such person" in err and "Sergey Lavrov" in err
    assert err.count("\n") == 1


def test_same_person_twice_is_an_error(capsys, db):
    code, _, err = run(capsys, db, "meetings", "Lavrov", "Sergei Lavrov")
    assert code == 1 and "same person" in err


def test_timeline_person_repeatable_place_city_or_country(capsys, db):
    code, out, _ = run(capsys, db, "timeline", "--person", "Lavrov")
    assert code == 0 and len(json.loads(out)) == 7
    code, out, _ = run(capsys, db, "timeline", "--person", "Lavrov", "--person", "Baerbock")
    assert dates(out) == ["2022-01-18"]
    code, out, _ = run(capsys, db, "timeline", "--place", "Jenewa")
    assert dates(out) == ["2021-06-16", "2022-01-21"]
    code, out, _ = run(capsys, db, "timeline", "--place", "russia")
    assert dates(out) == ["2019-05-14", "2022-01-18"]
    code, out, _ = run(capsys, db, "timeline", "--place", "Switzerland", "--person", "Biden")
    assert dates(out) == ["2021-06-16"]
    code, _, err = run(capsys, db, "timeline", "--place", "Genva")
    assert code == 1 and "no such place" in err and "geneva" in err


def test_timeline_undated_last_and_date_filters_drop_undated(capsys, db):
    code, out, _ = run(capsys, db, "timeline", "--person", "Putin")
    assert dates(out) == ["2021-06-16", "2021-12-07", "2021-12-30", None]
    code, out, _ = run(capsys, db, "timeline", "--person", "Putin", "--since", "2021-01-01", "--kind", "video")
    assert dates(out) == ["2021-12-07"]
    code, out, _ = run(capsys, db, "timeline", "--status", "planned")
    assert dates(out) == ["2024-03-05", None]


def test_bad_date_is_a_clean_error(capsys, db):
    code, _, err = run(capsys, db, "timeline", "--since", "2022-13-01")
    assert code != 0 and err.startswith("error:") and "Traceback" not in err


def test_timeline_output_file(capsys, db, tmp_path):
    target = tmp_path / "t.html"
    code, out, _ = run(capsys, db, "timeline", "--format", "html", "-o", str(target))
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args", [["meetings", "Blinken", "Lavrov", "--format", "json"],
                                  ["timeline", "--person", "Lavrov", "--format", "ics"],
                                  ["timeline", "--format", "html"],
                                  ["ask", "Kapan terakhir kali Blinken dan Lavrov bertemu?"]])
def test_query_commands_do_not_import_spacy(db, args):
    """The query path stays free of spaCy (and of extraction pipelines): checked in a fresh interpreter."""
    probe = ("import sys, runpy\n"
             "sys.argv = ['kb'] + sys.argv[1:]\n"
             "from kb.cli import main\n"
             "try:\n    main()\n"
             "except SystemExit as e:\n"
             "    heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'dateparser') "
             "or m.startswith('kb.extract.pipeline'))\n"
             "    sys.stderr.write('HEAVY:' + ','.join(heavy) + '\\n')\n"
             "    raise\n")
    env = dict(os.environ, KB_DATABASE_URL=db)
    r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "HEAVY:\n" in r.stderr, r.stderr


def test_library_errors_are_query_errors(seeded_store):
    with pytest.raises(QueryError):
        seeded_store.meetings_between("Blinken", "Lavrov", status="maybe")
    with pytest.raises(QueryError):
        seeded_store.timeline(since="2023-01-01", until="2022-01-01")
