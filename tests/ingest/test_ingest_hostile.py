"""Hostile inputs at the reader level (issue 11): each yields exactly one InputError naming the
input, and never an exception; the other inputs of the same call are still read."""

from __future__ import annotations

import codecs
import json
import os
import time

import pytest

from ingest_helpers import EN_TEXT, ID_TEXT, docs, errors, one_doc, one_error, read
from kb.errors import InputError

CYRILLIC = "Министры иностранных дел встретились в столице и обсудили торговлю и границы.\n"
ARABIC = "التقى وزيرا الخارجية في العاصمة وناقشا التجارة والحدود بين البلدين.\n"

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<html><body><p>&lol9;</p><p>&lol9; &lol9;</p></body></html>"""

# (file name, content as bytes, expected problem: the part of the message after "FILE: ")
CASES = [
    ("binary.txt", b"\x00\x01\x02\x03binary\x00\xff", "is a binary file"),
    ("doc.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a binary file (a PDF document)"),
    ("bad-utf8.txt", b"Menteri bertemu \xff\xfe di kota", "is not valid UTF-8 (byte 0xff at offset 16)"),
    ("latin1.txt", "Caf\u00e9 talks ended".encode("latin-1"), "is not valid UTF-8 (byte 0xe9 at offset 3)"),
    ("nul.txt", b"The ministers met\x00 in the city on Monday and talked.", "is a binary file"),
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b" \n\t\r\n   \n", "has no text (only whitespace)"),
    ("boiler.txt", b"Advertisement\nloading...\nA\nBaca juga: Sesuatu\nShare\n", "has no text after cleaning"),
    ("trunc.json", b'{"text": "The ministers met', "malformed JSON: Unterminated string starting at line 1 column 10"),
    ("deep.json", b"[" * 100_000, "malformed JSON: nested too deeply"),
    ("shape.json", b'"just a string"', "JSON of the wrong shape: expected an object or a list of objects, got a string"),
    ("number.json", b"42", "JSON of the wrong shape: expected an object or a list of objects, got a number"),
    ("notext.json", b'{"title": "A headline only", "source": "Somewhere"}',
     "has no text (no 'text', 'content' or 'body' key)"),
    ("badtext.json", b'{"text": {"nested": true}}', "'text' must be a string or a list of strings, not dict"),
    ("emptylist.json", b"[]", "is an empty JSON list"),
    ("yaml-bad.md", b"---\ntitle: [unclosed\n---\nBody text of the article here.\n", "malformed YAML front matter"),
    ("yaml-evil.md", b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n" + EN_TEXT.encode(),
     "malformed YAML front matter: could not determine a constructor for the tag"),
    ("yaml-deep.md", b"---\ntitle: " + b"[" * 5000 + b"\n---\n" + EN_TEXT.encode(),
     "malformed YAML front matter: nested too deeply"),
    ("yaml-long.md", b"---\nnote: " + b"x" * 70_000 + b"\n---\n" + EN_TEXT.encode(),
     "front matter is longer than 65536 characters"),
    ("yaml-aliases.md", b"---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\ntitle: *c\n---\n"
     + EN_TEXT.encode(), "front matter: 'title' must be text, not list"),
    ("yaml-list.md", b"---\n- a\n- b\n---\n" + EN_TEXT.encode(), "front matter is not a mapping"),
    ("yaml-open.md", b"---\ntitle: never closed\n" + EN_TEXT.encode(), "front matter is not closed"),
    ("yaml-type.md", b"---\nsource: [1, 2]\n---\n" + EN_TEXT.encode(), "front matter: 'source' must be text, not list"),
    ("date-impossible.md", b"---\ndate: 2023-02-30\n---\n" + EN_TEXT.encode(),
     "impossible published date '2023-02-30' (day is out of range for month)"),
    ("date-month.json", json.dumps({"text": EN_TEXT, "published": "2023-13-01"}).encode(),
     "impossible published date '2023-13-01' (month must be in 1..12)"),
    ("date-old.json", json.dumps({"text": EN_TEXT, "published": "1899-12-31"}).encode(),
     "published date '1899-12-31' is before 1900"),
    ("date-future.json", json.dumps({"text": EN_TEXT, "published": "2999-01-01"}).encode(),
     "published date '2999-01-01' is more than a year in the future"),
    ("date-format.json", json.dumps({"text": EN_TEXT, "published": "2 Maret 2023"}).encode(),
     "invalid published date '2 Maret 2023': expected YYYY-MM-DD"),
    ("lang.json", json.dumps({"text": EN_TEXT, "language": "xx"}).encode(), "unknown language code 'xx'"),
    ("lang-long.md", b"---\nlang: klingon\n---\n" + EN_TEXT.encode(), "unknown language code 'klingon'"),
    ("scripts.html", b"<html><head><script>document.write('hello there')</script></head><body>"
                     b"<script>var a = 'the ministers met';</script><style>p{}</style></body></html>",
     "has no text"),
    ("bomb.html", BOMB.encode(), "has no text"),
    ("cyrillic.txt", CYRILLIC.encode(), "language could not be detected (the text is mostly in Cyrillic script); give it with --lang"),
    ("arabic.txt", ARABIC.encode(), "language could not be detected (the text is mostly in Arabic script); give it with --lang"),
    ("utf16-bad.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "is not valid UTF-16 (byte 0x00 at offset 2)"),
]


@pytest.mark.parametrize("name,content,problem", CASES, ids=[c[0] for c in CASES])
def test_hostile_file_gives_one_error_and_others_still_read(tmp_path, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "zz-good.txt"
    good.write_text(EN_TEXT, encoding="utf-8")
    started = time.monotonic()
    items = read([bad, good])
    assert time.monotonic() - started < 5
    err = one_error(items[:-1])
    assert err.source == str(bad)
    assert str(err).startswith(f"{bad}: {problem}"), str(err)
    assert one_doc(items[-1:]).origin == str(good)


def test_missing_file(tmp_path):
    err = one_error(read([tmp_path / "nope.txt"]))
    assert str(err) == f"{tmp_path / 'nope.txt'}: not found"


def test_directory_without_readable_files(tmp_path):
    d = tmp_path / "pics"
    d.mkdir()
    (d / "photo.png").write_bytes(b"\x89PNG")
    (d / ".hidden.txt").write_text(EN_TEXT)
    err = one_error(read([d]))
    assert str(err).startswith(f"{d}: has no files to read")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert str(one_error(read([empty]))).startswith(f"{empty}: has no files to read")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_permission_denied(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(EN_TEXT)
    f.chmod(0)
    try:
        assert str(one_error(read([f]))) == f"{f}: permission denied"
        d = tmp_path / "closed"
        d.mkdir()
        d.chmod(0)
        assert str(one_error(read([d]))) == f"{d}: permission denied"
        d.chmod(0o700)
    finally:
        f.chmod(0o600)


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert str(one_error(read([fifo]))) == f"{fifo}: is not a regular file"


def test_oversized_file_is_refused_unread(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(EN_TEXT.encode() * 30)
    size = f.stat().st_size
    assert str(one_error(read([f], max_bytes=4096))) == f"{f}: is larger than the limit of 4096 bytes (--max-bytes)"
    assert one_doc(read([f], max_bytes=size)).language == "en"


def test_single_long_line_within_limit_is_fast(tmp_path):
    f = tmp_path / "line.txt"
    f.write_bytes((EN_TEXT.replace("\n", " ") * 20_000).encode())  # ~3.9 MB on one line
    started = time.monotonic()
    doc = one_doc(read([f]))
    assert time.monotonic() - started < 5
    assert len(doc.paragraphs) == 1


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                          ("utf-8", codecs.BOM_UTF8), ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_encodings_with_bom_are_decoded(tmp_path, encoding, bom):
    f = tmp_path / "a.txt"
    f.write_bytes(bom + ID_TEXT.encode(encoding))
    doc = one_doc(read([f]))
    assert doc.language == "id" and doc.paragraphs[0].startswith("Menteri")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(EN_TEXT.encode(encoding))
    assert one_doc(read([f])).language == "en"


def test_cyrillic_with_explicit_language_is_read(tmp_path):
    from kb.ingest import Overrides
    f = tmp_path / "ru.txt"
    f.write_text(CYRILLIC, encoding="utf-8")
    doc = one_doc(read([f], Overrides(language="ru")))
    assert doc.language == "ru" and doc.text == CYRILLIC.strip()


def test_entity_bomb_is_not_expanded(tmp_path):
    f = tmp_path / "bomb.html"
    f.write_text(BOMB.replace("<p>&lol9;</p>", "<p>&lol9;</p><p>" + EN_TEXT + "</p>"), encoding="utf-8")
    doc = one_doc(read([f]))
    assert "lol" not in doc.text and "]>" not in doc.text


def test_deeply_nested_html_is_linear(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<div>" * 20_000 + EN_TEXT + "</div>" * 20_000, encoding="utf-8")
    started = time.monotonic()
    doc = one_doc(read([f]))
    assert time.monotonic() - started < 5
    assert doc.paragraphs == (EN_TEXT.replace("\n", " ").strip(),)


def _manifest(folder, entries):
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")


@pytest.mark.parametrize("entry,problem", [
    ({"file": "../../etc/passwd", "language": "en"}, "file is outside the manifest's folder"),
    ({"file": "/etc/passwd", "language": "en"}, "file is outside the manifest's folder"),
    ({"file": "link-out.txt", "language": "en"}, "file is outside the manifest's folder"),
    ({"file": "missing.txt", "language": "en"}, "file not found"),
    ({"file": "a.txt", "language": "zz"}, "unknown language code 'zz'; the file was not read"),
    ({"file": "a.txt", "published": "2023-02-30"}, "impossible published date '2023-02-30'"),
    ({"source": "no file key"}, "has no 'file'"),
])
def test_manifest_bad_entry(tmp_path, entry, problem):
    d = tmp_path / "folder"
    d.mkdir()
    (d / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (d / "b.txt").write_text(ID_TEXT, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(EN_TEXT + "outside\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", d / "link-out.txt.lnk")
    os.symlink(tmp_path / "outside.txt", tmp_path / "link-out.txt")
    os.replace(tmp_path / "link-out.txt", d / "link-out.txt") if entry.get("file") == "link-out.txt" else None
    _manifest(d, [entry])
    items = read([d])
    errs = [e for e in errors(items) if e.source.endswith("manifest.json")]
    assert len(errs) == 1, items
    assert problem in str(errs[0]) and str(errs[0]).startswith(f"{d / 'manifest.json'}: entry 1")
    texts = " ".join(x.text for x in docs(items))
    assert "outside" not in texts and "root:" not in texts
    assert any(x.origin.endswith("b.txt") for x in docs(items))


def test_manifest_duplicate_entries_read_once(tmp_path):
    d = tmp_path / "folder"
    d.mkdir()
    (d / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    _manifest(d, [{"file": "a.txt", "source": "First"}, {"file": "./a.txt", "source": "Second"}])
    items = read([d])
    assert [x.source for x in docs(items)] == ["First"]
    err = one_error(errors(items))
    assert str(err) == f"{d / 'manifest.json'}: entry 2 ('./a.txt'): duplicate of entry 1; the file is read once"


@pytest.mark.parametrize("content", [b"{not json", b'{"about": "no list"}', b'"text"', b"\xff\xfe\xfd"])
def test_unreadable_manifest_blocks_its_folder(tmp_path, content):
    d = tmp_path / "folder"
    d.mkdir()
    (d / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (d / "manifest.json").write_bytes(content)
    err = one_error(read([d]))
    assert err.source == str(d / "manifest.json") and "the files of its folder were not read" in str(err)


def test_symlink_loops_do_not_hang(tmp_path):
    d = tmp_path / "folder"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    os.symlink(d, d / "sub" / "back")  # loop to an ancestor
    os.symlink(d / "sub", d / "twin")  # a second way to the same folder: read once, silently
    os.symlink(d / "self", d / "self")  # a link to itself
    os.symlink(d / "gone", d / "dangling.txt")
    started = time.monotonic()
    items = read([d])
    assert time.monotonic() - started < 5
    assert [x.origin for x in docs(items)] == [str(d / "sub" / "a.txt")]
    messages = sorted(str(e) for e in errors(items))
    assert messages == sorted([
        f"{d / 'dangling.txt'}: is a broken symbolic link",
        f"{d / 'self'}: is a symbolic link loop",
        f"{d / 'sub' / 'back'}: is a symbolic link loop (it leads back to a parent folder); skipped",
    ])


def test_symlink_out_of_folder_is_skipped(tmp_path):
    d = tmp_path / "folder"
    d.mkdir()
    (tmp_path / "private.txt").write_text(EN_TEXT, encoding="utf-8")
    os.symlink(tmp_path / "private.txt", d / "a.txt")
    err = one_error(read([d]))
    assert str(err) == f"{d / 'a.txt'}: is a symbolic link to outside the folder; skipped"


def test_errors_are_input_errors_with_plain_messages(tmp_path):
    f = tmp_path / "x.json"
    f.write_bytes(b"[1, 2")
    err = one_error(read([f]))
    assert isinstance(err, InputError) and "\n" not in str(err) and "Traceback" not in str(err)
