"""Reading inputs: paths (files, folders, ``-`` for stdin) -> `Document` values or `InputError`s.

See `read_inputs` for the contract and ``kb/ingest/__init__.py`` for the decisions on metadata,
languages and titles.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO
from urllib.parse import urlsplit

from kb.document import Document
from kb.errors import InputError
from kb.ingest.clean import clean_text, normalise_line
from kb.ingest.dates import check_published
from kb.ingest.decode import DecodeProblem, decode_bytes
from kb.ingest.formats import (
    FORMATS,
    META_KEYS,
    Problem,
    RawArticle,
    articles_from_json,
    html_to_text,
    looks_like_html,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_markdown,
    parse_text,
)
from kb.ingest.language import UNDETERMINED, detect_language, detectable_languages, dominant_script, normalise_language
from kb.ingest.manifest import MANIFEST_NAME, Manifest, parse_manifest

__all__ = ["DEFAULT_MAX_BYTES", "Overrides", "read_inputs", "STDIN_ORIGIN"]

#: Inputs larger than this many bytes (16 MiB) are refused without being read (``--max-bytes``).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

#: `Document.origin` of an article read from standard input.
STDIN_ORIGIN = "<stdin>"

#: A first line at most this long, not ending like a sentence, is taken as a plain-text title.
MAX_TITLE_CHARS = 150

_PARSERS = {"text": parse_text, "markdown": parse_markdown, "html": parse_html, "json": parse_json,
            "jsonl": parse_jsonl}


@dataclass(frozen=True)
class Overrides:
    """Metadata from the command line; each one that is set overrides file and manifest metadata."""

    source: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None
    title: str | None = None


class _Problem(Exception):
    """A problem with one input, without the input's name (the reader adds it)."""


# ---------------------------------------------------------------------------- public entry point

def read_inputs(
    paths: Iterable[str],
    overrides: Overrides = Overrides(),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Read articles from files, folders and ``-`` (standard input).

    Yields one `Document` per article and one `InputError` per problem, in input order; never
    raises for a bad input and never prints. The error's message is ``FILE: problem``; for a file
    holding several articles (JSON list, JSONL) the problem starts with ``item N:`` / ``line N:``
    and the other articles of the file are still yielded. Each real file is read at most once per
    call, however many times it is named or reached.

    Args:
        paths: file and folder paths as the user gave them; ``-`` reads `stdin`.
        overrides: command-line metadata, which beats any metadata in files and manifests. An
            invalid override (unknown language code, implausible date) yields a single
            `InputError` naming the option and nothing is read.
        max_bytes: inputs larger than this are refused unread (default 16 MiB).
        stdin: the binary stream for ``-`` (default ``sys.stdin.buffer``).
    """
    try:
        checked = _check_overrides(overrides)
    except InputError as exc:
        yield exc
        return
    reader = _Reader(checked, max_bytes, stdin)
    for path in paths:
        try:
            yield from reader.read_path(str(path))
        except Exception as exc:  # last resort: one input must never stop the others
            yield InputError(str(path), f"could not be read: internal error ({type(exc).__name__}: {exc})")


def _check_overrides(overrides: Overrides) -> dict[str, object]:
    out: dict[str, object] = {}
    if overrides.language is not None:
        try:
            out["language"] = normalise_language(overrides.language)
        except ValueError as exc:
            raise InputError("--lang", str(exc)) from None
    if overrides.published is not None:
        try:
            out["published"] = check_published(overrides.published)
        except ValueError as exc:
            raise InputError("--published", str(exc)) from None
    for key in ("source", "url", "title"):
        value = getattr(overrides, key)
        if value is not None and normalise_line(value):
            out[key] = normalise_line(value)
    return out


# ---------------------------------------------------------------------------- the reader

class _Reader:
    def __init__(self, overrides: dict[str, object], max_bytes: int, stdin: BinaryIO | None):
        self.overrides = overrides
        self.max_bytes = max_bytes
        self.stdin = stdin
        self.seen: set[str] = set()  # real paths (and "-") already read

    # -- paths

    def read_path(self, path: str) -> Iterator[Document | InputError]:
        if path == "-":
            yield from self._read_stdin()
            return
        try:
            st = os.stat(path)
        except OSError as exc:
            yield InputError(path, _os_problem(exc, path))
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self._read_folder(path)
        elif stat.S_ISREG(st.st_mode):
            yield from self._read_file(path, os.path.realpath(path), _kind(path, explicit=True), {})
        else:
            yield InputError(path, "is not a regular file")

    # -- one file

    def _read_file(self, shown: str, real: str, kind: str, manifest_meta: dict[str, object]
                   ) -> Iterator[Document | InputError]:
        if real in self.seen:
            return
        self.seen.add(real)
        try:
            data = _read_bytes(real, self.max_bytes)
            text = decode_bytes(data)
        except (_Problem, DecodeProblem) as exc:
            yield InputError(shown, str(exc))
            return
        try:
            yield from self._articles(shown, text, kind, manifest_meta)
        except Exception as exc:  # last resort, per file
            yield InputError(shown, f"could not be read: internal error ({type(exc).__name__}: {exc})")

    def _read_stdin(self) -> Iterator[Document | InputError]:
        if "-" in self.seen:
            return
        self.seen.add("-")
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        try:
            data = stream.read(self.max_bytes + 1)
        except (OSError, ValueError) as exc:
            yield InputError(STDIN_ORIGIN, f"could not be read ({exc})")
            return
        if isinstance(data, str):  # a text stream passed by mistake
            data = data.encode("utf-8", "surrogatepass")
        if len(data) > self.max_bytes:
            yield InputError(STDIN_ORIGIN, _too_large(self.max_bytes))
            return
        try:
            text = decode_bytes(data)
        except DecodeProblem as exc:
            yield InputError(STDIN_ORIGIN, str(exc))
            return
        yield from self._articles(STDIN_ORIGIN, text, "stdin", {})

    def _articles(self, shown: str, text: str, kind: str, manifest_meta: dict[str, object]
                  ) -> Iterator[Document | InputError]:
        if not text.strip():
            yield InputError(shown, "has no text (only whitespace)")
            return
        if kind == "stdin":
            items = _parse_stdin(text)
        elif kind == "auto":
            items = parse_html(text) if text.lstrip()[:1] == "<" and looks_like_html(text) else parse_text(text)
        else:
            items = _PARSERS[kind](text)
        for item in items:
            if isinstance(item, Problem):
                yield InputError(shown, _located(item.where, item.message))
                continue
            try:
                yield self._document(shown, item, manifest_meta)
            except _Problem as exc:
                yield InputError(shown, _located(item.where, str(exc)))

    def _document(self, shown: str, raw: RawArticle, manifest_meta: dict[str, object]) -> Document:
        text, file_meta = raw.text, dict(raw.meta)
        if raw.html:
            text, html_meta = html_to_text(text)
            file_meta = {**html_meta, **file_meta}
        if not text.strip():
            raise _Problem("has no text")
        paragraphs = clean_text(text)
        if not paragraphs:
            raise _Problem("has no text after cleaning")
        body = "\n\n".join(paragraphs)

        chosen: dict[str, object] = {}
        from_file: set[str] = set()
        for key in META_KEYS:
            for layer in (self.overrides, manifest_meta, file_meta):
                if layer.get(key) not in (None, ""):
                    chosen[key] = layer[key]
                    if layer is file_meta:
                        from_file.add(key)
                    break
        # Metadata from the file itself is checked here; overrides and manifests were checked before.
        try:
            if "language" in from_file:
                chosen["language"] = normalise_language(str(chosen["language"]))
            if "published" in from_file:
                chosen["published"] = check_published(chosen["published"])
        except ValueError as exc:
            raise _Problem(str(exc)) from None

        language = chosen.get("language")
        if language is None:
            language = detect_language(body)
            if language == UNDETERMINED:
                script = dominant_script(body)
                hint = f"the text is mostly in {script.title()} script" if script and script != "LATIN" else (
                    "no words of " + ", ".join(detectable_languages()) + " found")
                raise _Problem(f"language could not be detected ({hint}); give it with --lang")

        title = chosen.get("title")
        title = normalise_line(str(title)) if title is not None else None
        if not title and raw.first_line_title and len(paragraphs) > 1:
            first = paragraphs[0]
            if len(first) <= MAX_TITLE_CHARS and not first.endswith((".", ",", ":", ";")):
                title = first
        url = normalise_line(str(chosen["url"])) if chosen.get("url") is not None else None
        source = normalise_line(str(chosen["source"])) if chosen.get("source") is not None else None
        if not source and url:
            source = _host(url)
        return Document(
            text=body,
            language=str(language),
            origin=_origin(shown, raw.where),
            published=chosen.get("published"),  # type: ignore[arg-type]
            source=source or None,
            url=url or None,
            title=title or None,
            paragraphs=paragraphs,
        )

    # -- folders

    def _read_folder(self, root: str) -> Iterator[Document | InputError]:
        root_real = os.path.realpath(root)
        errors: list[InputError] = []
        walked: list[tuple[str, str]] = []  # (shown, real) of regular files, in sorted depth-first order
        manifests: list[tuple[str, Manifest]] = []  # (folder real path, manifest), outer first
        visited_dirs = {root_real}
        stack: list[tuple[str, str, str, tuple[str, ...]]] = [("dir", root, root_real, (root_real,))]
        while stack:
            what, shown, real, ancestors = stack.pop()
            if what == "file":
                walked.append((shown, real))
                continue
            try:
                with os.scandir(real) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                errors.append(InputError(shown, _os_problem(exc, shown)))
                continue
            children: list[tuple[str, str, str, tuple[str, ...]]] = []
            for entry in entries:
                child_shown = os.path.join(shown, entry.name)
                if entry.name == MANIFEST_NAME:
                    manifest = self._manifest(child_shown, os.path.join(real, entry.name), shown, real)
                    if manifest is not None:
                        manifests.append((real, manifest))
                        errors.extend(manifest.errors)
                    continue
                if entry.name.startswith("."):
                    continue
                child_path = os.path.join(real, entry.name)
                try:
                    st = os.stat(child_path)
                except OSError as exc:
                    errors.append(InputError(child_shown, _os_problem(exc, child_path)))
                    continue
                child_real = os.path.realpath(child_path)
                if not _inside(root_real, child_real):
                    errors.append(InputError(child_shown, "is a symbolic link to outside the folder; skipped"))
                    continue
                if stat.S_ISDIR(st.st_mode):
                    if child_real in ancestors:
                        errors.append(InputError(child_shown, "is a symbolic link loop (it leads back to a parent folder); skipped"))
                    elif child_real not in visited_dirs:
                        visited_dirs.add(child_real)
                        children.append(("dir", child_shown, child_real, ancestors + (child_real,)))
                elif stat.S_ISREG(st.st_mode):
                    children.append(("file", child_shown, child_real, ancestors))
                # sockets, pipes and devices inside a folder are skipped silently
            stack.extend(reversed(children))

        yield from errors
        meta_by_real: dict[str, dict[str, object]] = {}
        blocked: set[str] = set()
        fatal_dirs: list[str] = []
        listed: list[tuple[str, str]] = []
        for folder_real, manifest in manifests:  # outer manifests first: inner ones override them
            meta_by_real.update(manifest.entries)
            blocked |= manifest.blocked
            listed.extend(manifest.listed)
            if manifest.fatal:
                fatal_dirs.append(folder_real)

        walked_reals = {real for _, real in walked}
        todo = [(s, r) for s, r in walked if _kind(s, explicit=False) is not None or r in meta_by_real]
        todo += [(s, r) for s, r in listed if r not in walked_reals]
        read_any = False
        for shown, real in todo:
            if real in blocked or any(_inside(d, real) for d in fatal_dirs):
                continue
            read_any = True
            kind = _kind(shown, explicit=False) or "auto"
            yield from self._read_file(shown, real, kind, meta_by_real.get(real, {}))
        if not read_any and not errors:
            exts = ", ".join(sorted(FORMATS))
            yield InputError(root, f"has no files to read (looked for {exts})")

    def _manifest(self, shown: str, path: str, folder_shown: str, folder_real: str) -> Manifest | None:
        try:
            text = decode_bytes(_read_bytes(path, self.max_bytes))
        except (_Problem, DecodeProblem) as exc:
            m = Manifest(path=shown, fatal=True)
            m.errors.append(InputError(shown, f"{exc}; the files of its folder were not read"))
            return m
        return parse_manifest(text, shown, folder_shown, folder_real)


# ---------------------------------------------------------------------------- helpers

def _kind(path: str, *, explicit: bool) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    kind = FORMATS.get(ext)
    if kind is None and explicit:
        return "auto"
    return kind


def _parse_stdin(text: str) -> list[RawArticle | Problem]:
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            return articles_from_json(json.loads(text))
        except (ValueError, RecursionError):
            lines = [ln for ln in text.split("\n") if ln.strip()]
            if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
                return parse_jsonl(text)
    if stripped[:1] == "<" and looks_like_html(text):
        return parse_html(text)
    return parse_text(text)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _Problem("is a folder" if stat.S_ISDIR(st.st_mode) else "is not a regular file")
        if st.st_size > max_bytes:
            raise _Problem(_too_large(max_bytes))
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise _Problem(_os_problem(exc, path)) from None
    if len(data) > max_bytes:
        raise _Problem(_too_large(max_bytes))
    return data


def _too_large(max_bytes: int) -> str:
    return f"is larger than the limit of {max_bytes} bytes (--max-bytes)"


def _os_problem(exc: OSError, path: str) -> str:
    code = exc.errno
    if code == errno.ENOENT:
        return "is a broken symbolic link" if os.path.islink(path) else "not found"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ELOOP:
        return "is a symbolic link loop"
    if code == errno.ENOTDIR:
        return "not found (a part of the path is not a folder)"
    if code == errno.ENAMETOOLONG:
        return "has a name that is too long"
    return f"could not be read ({(exc.strerror or str(exc)).lower()})"


def _inside(folder_real: str, real: str) -> bool:
    try:
        return os.path.commonpath([folder_real, real]) == folder_real
    except ValueError:
        return False


def _located(where: str | None, message: str) -> str:
    return f"{where}: {message}" if where else message


def _origin(shown: str, where: str | None) -> str:
    if where is None:
        return shown
    kind, _, n = where.partition(" ")
    return f"{shown}:{n}" if kind == "line" else f"{shown}#{n}"


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
