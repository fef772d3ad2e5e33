"""The library API that the command line wraps: open a store, add articles, query it.

    from kb.api import KnowledgeBase
    kb = KnowledgeBase("kb.sqlite3")
    report = kb.add(["seeds/"])
    kb.meetings_between("Blinken", "Lavrov")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from kb.document import Document
from kb.errors import InputError, KbError, StoreError
from kb.store.engine import open_engine

if TYPE_CHECKING:  # annotations only: the ORM and the write path are imported when used
    from sqlalchemy.orm import Session

    from kb.store.repo import NameCache


@dataclass
class FileResult:
    file: str
    status: str  # added | updated | skipped | failed
    meetings: int = 0
    error: str | None = None

    def as_dict(self) -> dict:
        d = {"file": self.file, "status": self.status, "meetings": self.meetings}
        if self.error:
            d["error"] = self.error
        return d


@dataclass
class AddReport:
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def meetings(self) -> int:
        return sum(f.meetings for f in self.files)

    def as_dict(self) -> dict:
        return {"added": self.count("added"), "updated": self.count("updated"), "skipped": self.count("skipped"),
                "failed": self.count("failed"), "meetings": self.meetings, "files": [f.as_dict() for f in self.files]}


def extract_safely(doc: Document):
    """Extraction of one article, or the exception it raised (so one bad article never stops a batch).

    This is the worker function of `--workers` and of a Dask cluster too."""
    from kb.extract import get_extractor

    try:
        return get_extractor()(doc)
    except Exception as e:  # noqa: BLE001 - reported per article by the caller
        return e


class KnowledgeBase:
    """One store. A connection or session is opened per operation; each article is its own transaction.

    Adding and the meeting queries run on Core connections; only `session()` (and the methods that load
    ORM objects: people, places) import sqlalchemy.orm, which costs a `kb meetings` process ~0.1 s."""

    def __init__(self, db: str | None = None, *, writer: bool = False):
        self.db = db
        self.engine = open_engine(db, writer=writer)

    def session(self) -> Session:
        from sqlalchemy.orm import Session

        return Session(self.engine, expire_on_commit=False)

    # ---- writing -------------------------------------------------------------------------------
    def add(self, paths: Iterable[str], overrides=None, *, workers: int = 1, max_bytes: int | None = None,
            dask_scheduler: str | None = None, on_item: Callable[[FileResult], None] | None = None,
            stdin=None) -> AddReport:
        """Read, extract and store articles. Bad inputs are reported in the result, never raised."""
        from kb.ingest import DEFAULT_MAX_BYTES, Overrides, read_inputs
        from kb.store.repo import NameCache

        overrides = overrides or Overrides()
        report = AddReport()

        def note(res: FileResult):
            report.files.append(res)
            if on_item:
                on_item(res)

        items = read_inputs(list(paths), overrides, max_bytes=max_bytes or DEFAULT_MAX_BYTES, stdin=stdin)
        pending: list[Document] = []
        # one connection for the whole call (no pool checkout, nor PostgreSQL's pre-ping, per article), one
        # transaction per article, and the names met kept across them
        with self.engine.connect() as conn:
            for batch in _batches(items, HASH_CHECK_BATCH):
                stored = self._stored_hashes(conn, [i for i in batch if not isinstance(i, InputError)])
                for item in batch:
                    if isinstance(item, InputError):
                        note(FileResult(item.source, "failed", error=str(item)))
                    elif item.content_hash in stored:
                        note(FileResult(item.origin, "skipped"))
                    else:
                        pending.append(item)
            names = NameCache()
            for doc, extraction in self._extract_all(pending, workers, dask_scheduler):
                if isinstance(extraction, BaseException):
                    note(FileResult(doc.origin, "failed", error=f"{doc.origin}: extraction failed: {extraction}"))
                    continue
                note(self._store(conn, doc, extraction, names))
        return report

    @staticmethod
    def _stored_hashes(conn: Connection, docs: list[Document]) -> set[str]:
        """The content hashes of these documents that the store holds (one query)."""
        from kb.store.repo import stored_hashes

        if not docs:
            return set()
        with conn.begin():
            return stored_hashes(conn, [d.content_hash for d in docs])

    def _extract_all(self, docs: list[Document], workers: int, dask_scheduler: str | None):
        if not docs:
            return
        if dask_scheduler:
            from kb.parallel import extract_on_dask

            yield from extract_on_dask(docs, dask_scheduler)
        elif workers > 1 and len(docs) > 1:
            from kb.parallel import extract_in_pool

            yield from extract_in_pool(docs, workers)
        else:
            for doc in docs:
                yield doc, extract_safely(doc)

    def _store(self, conn: Connection, doc: Document, extraction, names: NameCache | None = None) -> FileResult:
        """Store one article in a transaction of its own on `conn`, retrying when another writer got in the way."""
        from kb.store.repo import save_article

        for attempt in range(5):
            try:
                with conn.begin():
                    outcome, _ = save_article(conn, doc, extraction, names=names)
                if names is not None:
                    names.commit()
                n = len(extraction.meetings) if outcome != "skipped" else 0
                return FileResult(doc.origin, outcome, n)
            except IntegrityError as e:
                # another writer stored the same article or name at the same moment: look again
                if attempt == 4:
                    return FileResult(doc.origin, "failed", error=f"{doc.origin}: cannot store ({e.orig})")
            except OperationalError as e:
                if "locked" not in str(e.orig) or attempt == 4:
                    raise StoreError(f"{doc.origin}: cannot write to the store ({e.orig})") from None
        raise StoreError(f"{doc.origin}: cannot write to the store")

    # ---- reading -------------------------------------------------------------------------------
    def meetings_between(self, a: str, b: str, **filters) -> list[dict]:
        from kb.query.meetings import meetings_between

        with self.engine.connect() as conn:
            return meetings_between(conn, a, b, **filters)

    def timeline(self, **filters) -> list[dict]:
        from kb.query.meetings import timeline

        with self.engine.connect() as conn:
            return timeline(conn, **filters)

    def meeting(self, meeting_id: int) -> dict:
        from kb.query.views import meeting_dicts

        with self.engine.connect() as conn:
            found = meeting_dicts(conn, [meeting_id])
        if not found:
            raise KbError(f"meeting {meeting_id}: no such meeting")
        return found[0]

    def people(self) -> list[dict]:
        from kb.store.models import MeetingParticipant, Person, PersonAlias

        with self.session() as s:
            counts = dict(s.execute(select(MeetingParticipant.person_id, func.count()).group_by(MeetingParticipant.person_id)).all())
            out = []
            for p in s.scalars(select(Person).order_by(Person.name)):
                aliases = sorted(a.alias for a in p.aliases if a.alias != p.name)
                out.append({"id": p.id, "name": p.name, "role": p.role, "country": p.country,
                            "aliases": aliases, "meetings": counts.get(p.id, 0)})
            return out

    def places(self) -> list[dict]:
        from kb.store.models import Meeting, Place

        with self.session() as s:
            counts = dict(s.execute(select(Meeting.place_id, func.count()).group_by(Meeting.place_id)).all())
            return [{"id": p.id, "name": p.name, "country": p.country,
                     "aliases": sorted(a.alias for a in p.aliases if a.alias != p.name), "meetings": counts.get(p.id, 0)}
                    for p in s.scalars(select(Place).order_by(Place.name))]

    def counts(self) -> dict:
        """Row counts per table (used by tests and the reliability script)."""
        from kb.store.schema import metadata

        with self.engine.connect() as conn:
            return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in metadata.sorted_tables}


HASH_CHECK_BATCH = 500  # documents whose content hashes add() looks up in one query


def _batches(items: Iterable, size: int):
    """Lists of up to `size` items, in order."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_workers() -> int:
    return os.cpu_count() or 1
