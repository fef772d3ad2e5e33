"""The value that ingest hands to extraction: one cleaned article with its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """A cleaned article.

    `text` is the cleaned text: paragraphs joined by a blank line ("\\n\\n"), so that
    character offsets of evidence point into it. `paragraphs` are the same paragraphs, in order.
    """

    text: str
    language: str  # ISO 639-1 code: "id", "en", ...
    origin: str  # file name (or "<stdin>") the article was read from, as users will recognise it
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    paragraphs: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if not self.paragraphs:
            object.__setattr__(self, "paragraphs", tuple(p for p in self.text.split("\n\n") if p.strip()))

    @property
    def content_hash(self) -> str:
        """SHA-256 of the cleaned text: the article's identity for idempotent adds."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraph_offsets(self) -> list[tuple[int, str]]:
        """(offset in `text`, paragraph) for each paragraph."""
        out, pos = [], 0
        for p in self.paragraphs:
            i = self.text.find(p, pos)
            out.append((i, p))
            pos = i + len(p)
        return out
