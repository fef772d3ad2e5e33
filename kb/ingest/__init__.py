"""Ingest: bytes + metadata -> cleaned `kb.document.Document` values.

Public API::

    Overrides(source=None, published=None, language=None, url=None, title=None)
    read_inputs(paths, overrides=Overrides(), *, max_bytes=DEFAULT_MAX_BYTES, stdin=None)
        -> Iterator[Document | InputError]
    parse_published(value, origin) -> date
    clean_text(raw) -> tuple[str, ...]
    detect_language(text) -> str

Formats. ``.txt``/``.text``; ``.md``/``.markdown`` with optional YAML front matter (safe loading
only; keys source, url, title, language|lang, published|date); ``.html``/``.htm``/``.xhtml``
(BeautifulSoup with html.parser: script, style, nav, header, footer, aside, form, figure, hidden
and share/related/comment widgets removed; the largest ``<article>``, else ``<main>``, else
``<body>``; one paragraph per block element; title from og:title or ``<title>``, published from
``article:published_time``, source from og:site_name, url from og:url or the canonical link,
language from ``<html lang>``); ``.json`` (an object with ``text``/``content``/``body``, a list
of such objects, or ``{"articles": [...]}``; HTML inside ``text`` is extracted as HTML);
``.jsonl``/``.ndjson`` (one object per line); folders (recursive, sorted, hidden names skipped,
``manifest.json`` per folder, see `kb.ingest.manifest`); ``-`` for standard input (JSON if it
parses as JSON, JSONL if every line is an object, HTML if it starts like HTML, else text). A file
named explicitly with another extension is read as text (or HTML if it starts like HTML); in
folders only the extensions above, and files a manifest lists, are read.

Decisions:

- Metadata precedence: command-line overrides > the folder's manifest entry > the file's own
  metadata (front matter, JSON keys, HTML meta tags). Only the value that wins is checked, so an
  override also hides a bad date inside a file.
- Language: codes are ISO 639 (two or three letters, region tags allowed: ``id-ID``), stored in
  their two-letter form where there is one (``ind`` -> ``id``). Anything else is an error
  ("unknown language code 'xx'"). Without a code, `detect_language` decides; when it finds no
  evidence (e.g. Cyrillic or Arabic text) the article is refused with "language could not be
  detected ...; give it with --lang". An article in a valid language that extraction has no data
  for (see `supported_languages`) is still read and can be stored: ingest reads, extraction
  decides what it can do with it (it finds nothing, and the CLI may warn).
- Titles: metadata title if any; for plain text, otherwise the first line when the text has more
  than one paragraph, the line has at most 150 characters and does not end like a sentence
  (``.``, ``,``, ``:``, ``;``). The title line stays in the text. Markdown: the first heading.
- Source: when no source is given but a URL is, the URL's host name (without ``www.``).
- Origins: the path as the user gave it (joined with the folder for folder members);
  ``<stdin>`` for standard input; ``FILE:N`` for line N of a JSONL file and ``FILE#N`` for the
  N-th object of a JSON list.
- Limits: inputs larger than `DEFAULT_MAX_BYTES` (16 MiB, ``--max-bytes``) are refused without
  being read; the size is checked with ``stat`` and again while reading, so growing files and
  standard input are bounded too.
- Encodings: UTF-8 with or without BOM; UTF-16/UTF-32 with BOM; BOM-less UTF-16 when every other
  byte is zero; anything else with NUL bytes is binary; invalid UTF-8 reports the first bad
  byte and its offset.
- Folders: symbolic links are followed only while they stay inside the folder; a link out of it,
  a link loop and a broken link are each reported and skipped; every real file is read once.
"""

from kb.ingest.clean import clean_text
from kb.ingest.dates import parse_published
from kb.ingest.language import UNDETERMINED, detect_language, normalise_language, supported_languages
from kb.ingest.readers import DEFAULT_MAX_BYTES, STDIN_ORIGIN, Overrides, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN_ORIGIN",
    "UNDETERMINED",
    "Overrides",
    "clean_text",
    "detect_language",
    "normalise_language",
    "parse_published",
    "read_inputs",
    "supported_languages",
]
