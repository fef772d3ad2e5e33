"""What `kb timex` reads: TimeML documents (by this package) and everything else (by `kb.ingest`).

Each input becomes one `TimexInput`: the plain text to tag, its language, the date to anchor
relative expressions to, and what a TimeML output should carry over (DOCID, DCT).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from kb.errors import InputError
from kb.timex.timeml import is_timeml, read_timeml

__all__ = ["TimexInput", "iter_inputs", "guess_lang", "PLAIN_SUFFIXES"]

PLAIN_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
_TIMEML_SUFFIXES = (".tml", ".timeml")


@dataclass(frozen=True)
class TimexInput:
    """One document to tag."""

    origin: str  # the file name as the user gave it (or "<stdin>")
    stem: str  # output file stem for -o DIR
    text: str
    lang: str
    published: date | None
    docid: str | None = None
    dct_value: str | None = None  # the DCT to write (ISO value); None when unknown
    dct_tid: str = "t0"
    dct_text: str | None = None
    timeml: bool = False


def guess_lang(text: str, default: str = "en") -> str:
    """'id' or 'en' as `kb.ingest.detect_language` finds it; `default` for anything else."""
    try:
        from kb.ingest import detect_language
    except ImportError:  # pragma: no cover - ingest is part of the project
        return default
    lang = detect_language(text)
    return lang if lang in ("id", "en") else default


def _expand(paths: list[str]) -> Iterator[str]:
    """Files named in order; for a folder, its TimeML files (sorted, recursively), then the
    folder itself when it also holds files `kb.ingest` reads (ingest walks it, with its manifest)."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
            tml = [str(f) for f in files if f.suffix.lower() in _TIMEML_SUFFIXES]
            yield from tml
            if not tml or any(f.suffix.lower() in PLAIN_SUFFIXES for f in files):
                yield p
        else:
            yield p


def _from_timeml(path: str, lang: str | None, published: date | None) -> TimexInput:
    doc = read_timeml(path)
    dct_value, dct_text = doc.dct_value, doc.dct_text
    if published is not None:  # an explicit --published overrides the document's DCT
        dct_value, dct_text = published.isoformat(), None
    anchor = published or doc.dct
    return TimexInput(
        origin=path,
        stem=Path(path).stem,
        text=doc.text,
        lang=lang or doc.lang or guess_lang(doc.text, "en"),
        published=anchor,
        docid=doc.docid or Path(path).stem,
        dct_value=dct_value,
        dct_tid=doc.dct_tid,
        dct_text=dct_text,
        timeml=True,
    )


def _read_plain(path: str, lang: str | None, published: date | None) -> Iterator[TimexInput | InputError]:
    """Non-TimeML input through `kb.ingest` (falls back to plain UTF-8 text without it)."""
    try:
        from kb.ingest import Overrides, read_inputs  # type: ignore[attr-defined]
    except ImportError:
        read_inputs = None
    if read_inputs is not None:
        docs = read_inputs([path], _overrides(Overrides, lang, published))
    else:
        docs = [_read_text(path, lang, published)]
    for doc in docs:
        if isinstance(doc, InputError):
            yield doc
            continue
        origin = getattr(doc, "origin", None) or path
        doc_lang = lang or getattr(doc, "language", None) or guess_lang(doc.text)
        pub = published or getattr(doc, "published", None)
        stem = "stdin" if path == "-" and origin in ("-", "<stdin>") else Path(origin).stem
        yield TimexInput(
            origin=origin,
            stem=stem,
            text=doc.text,
            lang=doc_lang if doc_lang in ("id", "en") else "en",
            published=pub,
            docid=stem,
            dct_value=pub.isoformat() if pub else None,
        )


def _overrides(cls, lang, published):
    """`kb.ingest.Overrides` with whichever of lang/published it takes."""
    fields = getattr(cls, "__dataclass_fields__", {})
    kw = {}
    for name, value in (("lang", lang), ("language", lang), ("published", published)):
        if name in fields and value is not None:
            kw[name] = value
    return cls(**kw)


class _PlainDoc:
    def __init__(self, text, origin, language, published):
        self.text, self.origin, self.language, self.published = text, origin, language, published


def _read_text(path: str, lang: str | None, published: date | None):
    """The fallback reader: a UTF-8 text file (or stdin) as it is."""
    try:
        if path == "-":
            text = sys.stdin.read()
            return _PlainDoc(text, "<stdin>", lang, published)
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return InputError(path, "no such file")
    except IsADirectoryError:
        return InputError(path, "is a directory with nothing to read")
    except OSError as e:
        return InputError(path, e.strerror or str(e))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return InputError(path, f"not UTF-8 text (byte {e.start})")
    if not text.strip():
        return InputError(path, "empty")
    return _PlainDoc(text, path, lang, published)


def iter_inputs(paths: list[str], *, lang: str | None = None, published: date | None = None) -> Iterator[TimexInput | InputError]:
    """One `TimexInput` (or the `InputError` that stopped it) per document in `paths`, in order."""
    for p in _expand(list(paths)):
        if p != "-" and is_timeml(p):
            try:
                yield _from_timeml(p, lang, published)
            except InputError as e:
                yield e
        elif p != "-" and not Path(p).exists():
            yield InputError(p, "no such file")
        else:
            yield from _read_plain(p, lang, published)
