"""Each format and its metadata; overrides beat file metadata; folders with a manifest; stdin."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from ingest_helpers import EN_TEXT, ID_TEXT, docs, errors, one_doc, one_error, read
from kb.ingest import Overrides

HEADLINE = "Menteri Bertemu di Bandung"


def test_txt_title_is_first_short_line_and_stays_in_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(HEADLINE + "\n" + ID_TEXT, encoding="utf-8")
    doc = one_doc(read([f]))
    assert doc.title == HEADLINE
    assert doc.paragraphs[0] == HEADLINE
    assert doc.language == "id"
    assert doc.origin == str(f)
    assert doc.text == "\n\n".join(doc.paragraphs)
    assert doc.published is None and doc.source is None


def test_txt_long_first_line_is_not_a_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(EN_TEXT, encoding="utf-8")
    doc = one_doc(read([f]))
    assert doc.title is None
    assert doc.language == "en"
    assert len(doc.paragraphs) == 2


def test_markdown_front_matter(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(
        "---\nsource: Harian Contoh\nurl: https://contoh.example/berita/1\ntitle: Judul Dari Metadata\n"
        "lang: id\ndate: 2022-07-14\n---\n# Judul Di Badan\n\n" + ID_TEXT
        + "\nParagraf ini *ditulis* dengan [tautan](https://contoh.example) dan **tebal** yang\ndibungkus.\n",
        encoding="utf-8",
    )
    doc = one_doc(read([f]))
    assert (doc.source, doc.url, doc.title, doc.language, doc.published) == (
        "Harian Contoh", "https://contoh.example/berita/1", "Judul Dari Metadata", "id", date(2022, 7, 14))
    assert doc.paragraphs[0] == "Judul Di Badan"
    assert doc.paragraphs[-1] == "Paragraf ini ditulis dengan tautan dan tebal yang dibungkus."


def test_markdown_without_front_matter_takes_heading_as_title(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# A Visit To Oslo\n\n" + EN_TEXT, encoding="utf-8")
    doc = one_doc(read([f]))
    assert doc.title == "A Visit To Oslo"
    assert doc.published is None


HTML_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Ministers meet in Oslo - Example News</title>
<meta property="og:title" content="Ministers meet in Oslo">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-09-08T09:30:00+02:00">
<link rel="canonical" href="https://www.example-news.test/oslo">
<script>var ignored = "The script text must not appear";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
<header><p>Site header text that is not the article</p></header>
<aside><p>Sidebar text that is not the article</p></aside>
<article>
<h1>Ministers meet in Oslo</h1>
<p>The two foreign ministers met in Oslo on Tuesday to discuss fishing rights
in the northern sea.</p>
<div class="share-buttons"><a>Share</a><a>Tweet</a></div>
<p>Officials said the talks lasted about an hour&nbsp;and that both sides&#8217; teams would meet again.<br>
A second line follows the break.</p>
<figure><img src="x.jpg"><figcaption>Photo: a caption to drop</figcaption></figure>
<ul><li>First point of the talks</li><li>Second point of the talks</li></ul>
</article>
<footer>Footer text that is not the article</footer>
<form><p>Subscribe form text</p></form>
</body></html>"""


def test_html_article_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    doc = one_doc(read([f]))
    assert doc.title == "Ministers meet in Oslo"
    assert doc.published == date(2021, 9, 8)
    assert doc.source == "Example News"
    assert doc.url == "https://www.example-news.test/oslo"
    assert doc.language == "en"
    assert doc.paragraphs == (
        "Ministers meet in Oslo",
        "The two foreign ministers met in Oslo on Tuesday to discuss fishing rights in the northern sea.",
        "Officials said the talks lasted about an hour and that both sides\u2019 teams would meet again.",
        "A second line follows the break.",
        "First point of the talks",
        "Second point of the talks",
    )
    for word in ("script", "Sidebar", "header", "Footer", "caption", "Subscribe", "menu", "Share"):
        assert word not in doc.text


def test_html_without_article_uses_main_then_body(tmp_path):
    f = tmp_path / "page.htm"
    f.write_text("<html><body><div>Outside main is dropped? no, only without main.</div><main><p>"
                 + EN_TEXT.splitlines()[0] + "</p></main></body></html>", encoding="utf-8")
    doc = one_doc(read([f]))
    assert doc.paragraphs == (EN_TEXT.splitlines()[0],)
    g = tmp_path / "body.html"
    g.write_text("<html><body><p>" + EN_TEXT.splitlines()[1] + "</p></body></html>", encoding="utf-8")
    assert one_doc(read([g])).paragraphs == (EN_TEXT.splitlines()[1],)


def test_json_object_and_list(tmp_path):
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"content": EN_TEXT, "source": "Wire", "published": "2020-01-31T23:10:00Z",
                             "language": "eng", "headline": "Talks in Oslo"}), encoding="utf-8")
    doc = one_doc(read([f]))
    assert (doc.source, doc.published, doc.language, doc.title) == ("Wire", date(2020, 1, 31), "en", "Talks in Oslo")
    g = tmp_path / "many.json"
    g.write_text(json.dumps([{"text": EN_TEXT}, {"body": ID_TEXT, "lang": "id"}]), encoding="utf-8")
    items = read([g])
    assert [d.language for d in docs(items)] == ["en", "id"]
    assert [d.origin for d in docs(items)] == [f"{g}#1", f"{g}#2"]


def test_json_text_holding_html_is_extracted(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"text": "<p>" + EN_TEXT.splitlines()[0] + "</p><script>x()</script>"}), encoding="utf-8")
    assert one_doc(read([f])).paragraphs == (EN_TEXT.splitlines()[0],)


def test_jsonl_good_lines_go_in_and_bad_line_is_reported(tmp_path):
    f = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": EN_TEXT}), "", json.dumps({"text": ID_TEXT}), '{"text": "broken', json.dumps([1]),
             json.dumps({"title": "no text"})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([f])
    assert [d.origin for d in docs(items)] == [f"{f}:1", f"{f}:3"]
    messages = [str(e) for e in errors(items)]
    assert messages[0].startswith(f"{f}: line 4: malformed JSON")
    assert messages[1] == f"{f}: line 5: expected a JSON object, got a list"
    assert messages[2].startswith(f"{f}: line 6: has no text")


def test_unknown_extension_is_read_as_text(tmp_path):
    f = tmp_path / "notes.dat"
    f.write_text(EN_TEXT, encoding="utf-8")
    assert one_doc(read([f])).language == "en"


@pytest.mark.parametrize("name,content", [
    ("a.txt", EN_TEXT),
    ("a.md", "---\nsource: File Source\ndate: 2001-01-01\nlanguage: id\ntitle: File Title\n---\n" + EN_TEXT),
    ("a.json", json.dumps({"text": EN_TEXT, "source": "File Source", "date": "2001-01-01", "lang": "id",
                           "title": "File Title", "url": "https://file.test/"})),
    ("a.html", "<html lang='id'><head><title>File Title</title>"
               "<meta property='article:published_time' content='2001-01-01'></head><body><p>"
               + EN_TEXT + "</p></body></html>"),
])
def test_overrides_beat_file_metadata(tmp_path, name, content):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    ov = Overrides(source="Cli Source", published=date(2019, 5, 6), language="en", url="https://cli.test/a",
                   title="Cli Title")
    doc = one_doc(read([f], ov))
    assert (doc.source, doc.published, doc.language, doc.url, doc.title) == (
        "Cli Source", date(2019, 5, 6), "en", "https://cli.test/a", "Cli Title")


def test_override_hides_bad_date_in_file(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("---\ndate: 2023-02-30\n---\n" + EN_TEXT, encoding="utf-8")
    assert "impossible published date '2023-02-30'" in str(one_error(read([f])))
    assert one_doc(read([f], Overrides(published=date(2023, 3, 1)))).published == date(2023, 3, 1)


def test_invalid_override_yields_one_error_and_reads_nothing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(EN_TEXT, encoding="utf-8")
    err = one_error(read([f], Overrides(language="xx")))
    assert str(err) == "--lang: unknown language code 'xx'"


def test_source_defaults_to_url_host(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"text": EN_TEXT, "url": "https://www.harbour-times.test/x"}), encoding="utf-8")
    assert one_doc(read([f])).source == "harbour-times.test"


def test_folder_with_manifest(tmp_path):
    d = tmp_path / "articles"
    (d / "sub").mkdir(parents=True)
    (d / "b.txt").write_text(ID_TEXT, encoding="utf-8")
    (d / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (d / "sub" / "c.md").write_text("---\nsource: Own Source\n---\n" + EN_TEXT.replace("Oslo", "Bergen"), encoding="utf-8")
    (d / "sub" / "d.html").write_text("<p>" + ID_TEXT.replace("Bandung", "Medan") + "</p>", encoding="utf-8")
    (d / ".hidden.txt").write_text(EN_TEXT + "hidden", encoding="utf-8")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (d / "manifest.json").write_text(json.dumps({"about": "test", "articles": [
        {"file": "a.txt", "source": "Paper A", "language": "en", "published": "2020-02-02", "url": "https://a.test/1"},
        {"file": "sub/c.md", "source": "Paper C", "language": "en", "published": "2020-03-03", "title": "C"},
    ]}), encoding="utf-8")
    items = read([d])
    assert errors(items) == []
    got = [(d_.origin, d_.source, d_.published, d_.language) for d_ in items]
    assert got == [
        (str(d / "a.txt"), "Paper A", date(2020, 2, 2), "en"),
        (str(d / "b.txt"), None, None, "id"),
        (str(d / "sub" / "c.md"), "Paper C", date(2020, 3, 3), "en"),
        (str(d / "sub" / "d.html"), None, None, "id"),
    ]


def test_same_file_named_twice_is_read_once(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(EN_TEXT, encoding="utf-8")
    assert len(read([f, f, tmp_path])) == 1


@pytest.mark.parametrize("payload,expected", [
    (EN_TEXT.encode(), [("en", None)]),
    (json.dumps({"text": ID_TEXT, "source": "Pipe"}).encode(), [("id", "Pipe")]),
    (json.dumps([{"text": EN_TEXT}, {"text": ID_TEXT}]).encode(), [("en", None), ("id", None)]),
    ((json.dumps({"text": EN_TEXT}) + "\n" + json.dumps({"text": ID_TEXT}) + "\n").encode(), [("en", None), ("id", None)]),
    (b"{not json at all, but text about the ministers who met in the city on the day}", [("en", None)]),
])
def test_stdin(payload, expected):
    from kb.ingest import read_inputs
    items = list(read_inputs(["-"], stdin=io.BytesIO(payload)))
    assert [(d.language, d.source) for d in items] == expected
    assert all(d.origin.startswith("<stdin>") for d in items)


def test_stdin_too_large_and_empty():
    from kb.ingest import read_inputs
    err = one_error(list(read_inputs(["-"], stdin=io.BytesIO(b"x" * 100), max_bytes=10)))
    assert str(err) == "<stdin>: is larger than the limit of 10 bytes (--max-bytes)"
    assert str(one_error(list(read_inputs(["-"], stdin=io.BytesIO(b""))))) == "<stdin>: is empty"
