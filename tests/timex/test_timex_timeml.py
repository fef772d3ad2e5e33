"""Reading and writing TimeML: exact plain text, exact offsets, entities, round trips."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from kb.errors import InputError
from kb.timex.timeml import Timex, parse_timeml, read_timeml, write_timeml

from timex_helpers import DATA, TIMEML_EN

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TITLE>A title with 1997 in it</TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">yesterday</TIMEX3> that 3 &lt; 4 &#38; caf&#233; <SIGNAL sid="s1">for</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P2W" mod="APPROX" temporalFunction="false" functionInDocument="NONE">about two weeks</TIMEX3>.

"Quoted" &quot;too&quot;.<MAKEINSTANCE eiid="ei1" eventID="e1" />
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0" />
</TimeML>
"""

PLAIN = '\nAT&T said yesterday that 3 < 4 & café for about two weeks.\n\n"Quoted" "too".\n'


def test_plain_text_drops_every_tag_and_decodes_entities():
    doc = parse_timeml(DOC)
    assert doc.text == PLAIN
    assert doc.docid == "X1"
    assert doc.dct == date(1998, 1, 8) and doc.dct_value == "1998-01-08" and doc.dct_tid == "t0"


def test_gold_offsets_point_into_the_plain_text():
    doc = parse_timeml(DOC)
    assert [(t.text, t.type, t.value, t.mod, t.anchor_tid) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-01-07", None, "t0"),
        ("about two weeks", "DURATION", "P2W", "APPROX", None),
    ]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert doc.timexes[0].start == PLAIN.index("yesterday")


def test_plain_text_matches_an_xml_parser():
    doc = parse_timeml(DOC)
    assert "".join(ET.fromstring(DOC.split("\n", 1)[1]).find("TEXT").itertext()) == doc.text


def test_carriage_returns_are_kept():
    doc = parse_timeml("<TimeML><TEXT>a\r\n<TIMEX3 tid='t1' type='DATE' value='2000'>2000</TIMEX3>\r\n</TEXT></TimeML>")
    assert doc.text == "a\r\n2000\r\n"
    assert doc.timexes[0].start == 3


@pytest.mark.parametrize("source, problem", [
    ("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT>"),
    ("<TimeML><TEXT>a <TIMEX3 tid='t1'>b</EVENT></TEXT></TimeML>", "malformed"),
    ("<TimeML><TEXT>a <TIMEX3 tid='t1'>b</TEXT></TimeML>", "not closed"),
])
def test_bad_timeml_raises_input_error_naming_the_file(source, problem):
    with pytest.raises(InputError) as e:
        parse_timeml(source, origin="bad.tml")
    assert e.value.source == "bad.tml" and problem in e.value.problem


def test_written_document_parses_back_with_the_same_tags():
    text = 'He said <b> & "x" on Monday\r\nand 1998, for three hours.'
    spans = [
        Timex(text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE", "1998-01-05", "t1", anchor_tid="t0"),
        Timex(text.index("1998"), text.index("1998") + 4, "1998", "DATE", "1998", "t2"),
        Timex(text.index("three"), text.index("three") + 11, "three hours", "DURATION", "PT3H", "t3", mod="APPROX"),
    ]
    out = write_timeml(text, spans, docid="d&1", dct_value="1998-01-08")
    root = ET.fromstring(out.split("\n", 1)[1])  # well-formed XML
    assert "".join(root.find("TEXT").itertext()) == text
    tags = root.find("TEXT").findall("TIMEX3")
    assert [t.attrib for t in tags][0] == {"tid": "t1", "type": "DATE", "value": "1998-01-05", "temporalFunction": "true",
                                           "functionInDocument": "NONE", "anchorTimeID": "t0"}
    assert tags[2].attrib["mod"] == "APPROX"
    back = parse_timeml(out)
    assert back.text == text and back.docid == "d&1" and back.dct == date(1998, 1, 8)
    assert [(t.start, t.end, t.text, t.type, t.value, t.tid, t.mod, t.anchor_tid) for t in back.timexes] == [
        (t.start, t.end, t.text, t.type, t.value, t.tid, t.mod, t.anchor_tid) for t in spans]


def test_writing_rejects_crossing_spans():
    with pytest.raises(ValueError):
        write_timeml("abcdef", [Timex(0, 3, "abc", "DATE", "x", "t1"), Timex(2, 5, "cde", "DATE", "y", "t2")])


def test_indonesian_gold_round_trips():
    for f in sorted((DATA / "timeml-id").glob("*.tml")):
        doc = read_timeml(f)
        again = parse_timeml(write_timeml(doc.text, doc.timexes, docid=doc.docid, dct_value=doc.dct_value))
        assert again.text == doc.text and again.timexes == doc.timexes


@pytest.mark.skipif(not TIMEML_EN.is_dir(), reason="timeml-en development data not present")
def test_timeml_en_reads_all_1822_gold_timexes():
    files = sorted(TIMEML_EN.rglob("*.tml"))
    n = 0
    for f in files:
        doc = read_timeml(f)
        assert doc.dct is not None, f
        src = ET.parse(f).getroot().find("TEXT")
        assert doc.text == "".join(src.itertext()), f  # same text as an XML parser sees
        for t in doc.timexes:
            assert doc.text[t.start:t.end] == t.text
        n += len(doc.timexes)
    assert (len(files), n) == (256, 1822)
