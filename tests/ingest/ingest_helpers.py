"""Shared helpers for the ingest tests (sentences here are written for these tests)."""

from __future__ import annotations

from kb.document import Document
from kb.errors import InputError
from kb.ingest import Overrides, read_inputs

ID_TEXT = (
    "Menteri luar negeri kedua negara bertemu di Bandung pada hari Senin untuk membahas kerja sama perdagangan.\n"
    "Pertemuan itu berlangsung selama dua jam dan dihadiri oleh para pejabat dari kementerian terkait.\n"
)
EN_TEXT = (
    "The two foreign ministers met in Oslo on Tuesday to discuss fishing rights in the northern sea.\n"
    "Officials said the talks lasted about an hour and that both sides would meet again next month.\n"
)


def read(paths, overrides: Overrides = Overrides(), **kw) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], overrides, **kw))


def docs(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def one_doc(items) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def one_error(items) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]
