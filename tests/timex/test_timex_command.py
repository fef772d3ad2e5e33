"""`kb timex` through click's CliRunner: formats, -o DIR with several inputs, errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kb.timex.command import timex
from kb.timex.timeml import parse_timeml, read_timeml

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>D1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Shares of AT&amp;T <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t9" type="DATE" value="1998-01-07">yesterday</TIMEX3>, the lowest since 1995, after three hours of trading.
</TEXT>
</TimeML>
"""


def run(args, **kw):
    return CliRunner().invoke(timex, args, catch_exceptions=False, **kw)


@pytest.fixture
def tml(tmp_path):
    p = tmp_path / "doc1.tml"
    p.write_text(TML, encoding="utf-8")
    return p


def test_json_offsets_point_into_the_plain_text(fake_layer, tml):
    r = run([str(tml), "--format", "json"])
    assert r.exit_code == 0, r.output
    spans = json.loads(r.output)
    plain = read_timeml(tml).text
    assert [(s["text"], s["type"], s["value"]) for s in spans] == [
        ("yesterday", "DATE", "1998-01-07"), ("1995", "DATE", "1995"), ("three hours", "DURATION", "PT3H")]
    for s in spans:
        assert {"start", "end", "text", "type", "value"} <= set(s)
        assert plain[s["start"]:s["end"]] == s["text"]


def test_timeml_output_keeps_text_and_dct_and_has_our_tags(fake_layer, tml):
    r = run([str(tml)])
    assert r.exit_code == 0
    out = parse_timeml(r.output)
    assert out.text == read_timeml(tml).text
    assert out.docid == "D1" and out.dct_value == "1998-01-08"
    assert [(t.tid, t.text, t.value, t.anchor_tid) for t in out.timexes] == [
        ("t1", "yesterday", "1998-01-07", "t0"), ("t2", "1995", "1995", None), ("t3", "three hours", "PT3H", None)]
    ET.fromstring(r.output.split("\n", 1)[1])  # well-formed


def test_plain_text_input_with_published_and_lang(fake_layer, tmp_path):
    p = tmp_path / "berita.txt"
    p.write_text("Menteri tiba kemarin dan berbicara selama tiga jam.\n", encoding="utf-8")
    r = run([str(p), "--lang", "id", "--published", "2024-02-12", "--format", "json"])
    assert r.exit_code == 0, r.output
    spans = json.loads(r.output)
    assert [(s["text"], s["value"]) for s in spans] == [("kemarin", "2024-02-11"), ("tiga jam", "PT3H")]
    text = p.read_text(encoding="utf-8")
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)


@pytest.mark.parametrize("fmt, suffix", [("json", ".json"), ("timeml", ".tml")])
def test_output_dir_one_file_per_input_in_one_process(fake_layer, tml, tmp_path, fmt, suffix):
    other = tmp_path / "doc2.tml"
    other.write_text(TML.replace("1995", "1990"), encoding="utf-8")
    txt = tmp_path / "note.txt"
    txt.write_text("It rained yesterday.", encoding="utf-8")
    out = tmp_path / "out" / "nested"
    r = run([str(tml), str(other), str(txt), "--published", "2000-01-02", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(["doc1" + suffix, "doc2" + suffix, "note" + suffix])
    if fmt == "json":
        assert json.loads((out / "doc2.json").read_text())[1]["value"] == "1990"
        assert json.loads((out / "note.json").read_text())[0]["value"] == "2000-01-01"
    else:
        assert [t.value for t in parse_timeml((out / "doc2.tml").read_text()).timexes] == ["2000-01-01", "1990", "PT3H"]


def test_several_inputs_without_output_dir_is_one_error_line(fake_layer, tml, tmp_path):
    r = CliRunner().invoke(timex, [str(tml), str(tml)])
    assert r.exit_code != 0
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "-o DIR" in lines[0]


@pytest.mark.parametrize("name, content, problem", [
    ("missing.tml", None, "no such file"),
    ("missing.txt", None, "no such file"),
    ("broken.tml", "<TimeML><TEXT>a <TIMEX3>b</TEXT></TimeML>", "not closed"),
    ("notxml.tml", "just some words", "no <TEXT>"),
    ("latin1.tml", b"<TimeML><TEXT>caf\xe9</TEXT></TimeML>", "UTF-8"),
])
def test_bad_input_gives_one_error_line_and_nonzero_exit(fake_layer, tmp_path, name, content, problem):
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    elif content is not None:
        p.write_text(content, encoding="utf-8")
    r = CliRunner().invoke(timex, [str(p)])
    assert r.exit_code != 0
    assert r.exception is None or isinstance(r.exception, SystemExit)  # no traceback
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {p}: ") and problem in lines[0], r.output


def test_bad_input_among_good_ones_with_output_dir(fake_layer, tml, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(timex, [str(tml), str(tmp_path / "nope.tml"), "-o", str(out), "--format", "json"])
    assert r.exit_code == 1
    assert r.output.strip() == f"error: {tmp_path / 'nope.tml'}: no such file"
    assert (out / "doc1.json").exists()


def test_bad_option_values_are_usage_errors(fake_layer, tml):
    assert CliRunner().invoke(timex, [str(tml), "--published", "08/01/1998"]).exit_code == 2
    assert CliRunner().invoke(timex, [str(tml), "--lang", "fr"]).exit_code == 2
    assert CliRunner().invoke(timex, [str(tml), "--format", "xml"]).exit_code == 2


def test_folder_input_reads_timeml_and_plain_files(fake_layer, tml, tmp_path):
    # -o inside the input folder: our own outputs are not read back as inputs
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "berita.txt").write_text(
        "Menteri itu tiba di Jakarta kemarin dan mengatakan bahwa pertemuan berlangsung tiga jam.", encoding="utf-8")
    out = tmp_path / "out"
    r = run([str(tmp_path), "--published", "2024-02-12", "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["berita.json", "doc1.json"]
    assert [s["value"] for s in json.loads((out / "berita.json").read_text())] == ["2024-02-11", "PT3H"]


def test_stdin_input(fake_layer):
    r = run(["-", "--lang", "en", "--published", "2020-05-05", "--format", "json"], input="It happened yesterday.\n")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["value"] == "2020-05-04"


def test_language_of_timeml_is_detected_or_english(monkeypatch, tmp_path):
    seen = []

    def spy(text, lang, published):
        seen.append(lang)
        return []

    import types
    monkeypatch.setattr("kb.timex.tagger._time_layer", lambda: types.SimpleNamespace(find_times=spy))
    id_doc = tmp_path / "id.tml"
    id_doc.write_text("<TimeML><TEXT>Menteri itu mengatakan bahwa pertemuan yang akan digelar di Jakarta "
                      "dan dihadiri oleh para pejabat dari negara tetangga.</TEXT></TimeML>", encoding="utf-8")
    empty = tmp_path / "x.tml"
    empty.write_text("<TimeML><TEXT>12345</TEXT></TimeML>", encoding="utf-8")
    for p in (id_doc, empty):
        assert run([str(p)]).exit_code == 0
    assert run([str(id_doc), "--lang", "en"]).exit_code == 0
    assert seen == ["id", "en", "en"]
