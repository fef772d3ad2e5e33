"""`kb ask` on the command line: formats, exit codes and the plain "no answer" messages."""

from __future__ import annotations

import json

import pytest

from kb.cli import main
from kb.errors import QueryError
from kb.query.ask import ask, detect_language, lexicons, tokenize


def run(capsys, db, *args):
    with pytest.raises(SystemExit) as e:
        main(["--db", db, *args])
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def test_json_format_follows_the_contract(capsys, seeded_store):
    code, out, _ = run(capsys, seeded_store.db, "ask", "Kapan terakhir kali Blinken dan Lavrov bertemu?", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["question"] == "Kapan terakhir kali Blinken dan Lavrov bertemu?"
    assert "2 Maret 2023" in d["answer"]
    assert [m["date"] for m in d["meetings"]] == ["2023-03-02"]
    m = d["meetings"][0]
    for key in ("id", "participants", "date", "date_start", "date_end", "place", "country", "kind", "status",
                "duration_minutes", "occasion", "topics", "sources", "conflicts"):
        assert key in m


def test_text_format_answers_then_cites(capsys, seeded_store):
    code, out, _ = run(capsys, seeded_store.db, "ask", "How long did the Reykjavik meeting last?")
    lines = out.splitlines()
    assert code == 0 and "1 hour and 45 minutes" in lines[0]
    assert any(ln.strip().startswith("#") and "Reykjavik" in ln for ln in lines[1:])
    assert any("Northern Ledger, 2021-05-20, reykjavik-en.txt" in ln for ln in lines)


def test_no_answer_is_plain_and_exit_zero(capsys, seeded_store):
    code, out, _ = run(capsys, seeded_store.db, "ask", "Kapan Biden dan Putin bertemu di Reykjavik?")
    assert code == 0 and out.startswith("Tidak ada pertemuan antara Joe Biden dan Vladimir Putin di Reykjavik")
    code, out, _ = run(capsys, seeded_store.db, "ask", "When did Biden and Putin meet in Reykjavik?")
    assert code == 0 and out.startswith("The store has no meeting between Joe Biden and Vladimir Putin in Reykjavik")


def test_unknown_person_is_an_error_with_suggestions(capsys, seeded_store):
    code, _, err = run(capsys, seeded_store.db, "ask", "When did Blinken meet Lavrof?")
    assert code == 1 and err.startswith("error: 'Lavrof': no such person") and "Sergey Lavrov" in err
    code, _, err = run(capsys, seeded_store.db, "ask", "Kapan Blinken bertemu Wang Yi?")
    assert code == 1 and "'Wang Yi'" in err
    code, _, err = run(capsys, seeded_store.db, "ask", "kapan blinken bertemu zelenskyy")
    assert code == 1 and "'zelenskyy'" in err


def test_ambiguous_person_is_an_error(capsys, seeded_store):
    code, _, err = run(capsys, seeded_store.db, "ask", "When did Haugen meet Kovacevic?")
    assert code == 1 and "ambiguous" in err and "Lena Haugen" in err and "Piet Haugen" in err


@pytest.mark.parametrize("question,lang", [("What is the capital of France?", "en"),
                                           ("Berapa harga beras hari ini?", "id"),
                                           ("When?", "en"), ("Kapan?", "id")])
def test_not_understood_is_said_plainly(capsys, seeded_store, question, lang):
    code, out, _ = run(capsys, seeded_store.db, "ask", question, "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["meetings"] == [] and d["outcome"] == "not_understood" and d["language"] == lang


def test_empty_question_is_an_error(capsys, seeded_store):
    code, _, err = run(capsys, seeded_store.db, "ask", "   ")
    assert code == 1 and err.startswith("error:")


@pytest.mark.parametrize("question,lang", [
    ("Kapan terakhir kali Blinken dan Lavrov bertemu?", "id"), ("Di mana Lavrov bertemu Baerbock?", "id"),
    ("Siapa yang ditemui Putin?", "id"), ("Berapa lama pertemuan itu?", "id"),
    ("Who did Putin meet?", "en"), ("Where did Lavrov meet Baerbock?", "en"), ("How long was it?", "en"),
])
def test_language_detection(question, lang):
    assert detect_language(tokenize(question), lexicons()) == lang


def test_lang_option_overrides(seeded_store):
    with seeded_store.session() as s:
        a = ask(s, "Blinken Lavrov 2023", lang="id")
    assert a.language == "id" and "2 Maret 2023" in a.answer


def test_never_invents_a_duration(seeded_store):
    with seeded_store.session() as s:
        a = ask(s, "Berapa lama Lavrov bertemu Pompeo?")
    assert a.outcome == "answered" and "tidak menyebut berapa lama" in a.answer
    assert "menit" not in a.answer


def test_ask_raises_query_error_for_library_users(seeded_store):
    with seeded_store.session() as s, pytest.raises(QueryError):
        ask(s, "When did Blinken meet Lavrof?")
