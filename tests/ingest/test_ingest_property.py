"""Property: arbitrary bytes in any supported format never raise; they yield Documents or InputErrors."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.document import Document
from kb.errors import InputError
from kb.ingest import clean_text, detect_language, read_inputs

EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl", ".dat"]

# Bytes with a bias towards the shapes the parsers look for.
PREFIXES = [b"", b"---\n", b"{", b"[", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe", b'{"text": "']
structured = st.builds(lambda p, body: p + body, st.sampled_from(PREFIXES), st.binary(max_size=400))
texty = st.text(max_size=300).map(lambda s: s.encode("utf-8"))


def _check(items):
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, (Document, InputError)), item
        if isinstance(item, InputError):
            assert "internal error" not in str(item), str(item)
        else:
            assert item.text and item.text == "\n\n".join(item.paragraphs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(structured, texty, st.binary(max_size=300)), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_raise(tmp_path, data, ext):
    f = tmp_path / f"input{ext}"
    f.write_bytes(data)
    _check(list(read_inputs([str(f)])))


@settings(max_examples=60, deadline=None)
@given(data=st.one_of(structured, texty))
def test_arbitrary_stdin_never_raises(data):
    _check(list(read_inputs(["-"], stdin=io.BytesIO(data))))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_clean_text_is_idempotent_and_never_raises(raw):
    paragraphs = clean_text(raw)
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert clean_text("\n\n".join(paragraphs)) == paragraphs
    assert isinstance(detect_language(raw), str)
