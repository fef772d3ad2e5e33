"""Extraction in worker processes or on a Dask cluster; storing stays in the calling process.

Extraction is per article and CPU-bound; the store has one writer (per-article transactions), so results
and idempotence are the same as in one process.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from kb.document import Document
from kb.errors import KbError


def _warm() -> None:
    """Build the pipelines once per worker, before the first article arrives."""
    from kb.extract import get_extractor

    get_extractor()


def extract_in_pool(docs: list[Document], workers: int) -> Iterator[tuple[Document, object]]:
    from kb.api import extract_safely

    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        chunk = max(1, min(16, len(docs) // (workers * 4) or 1))
        yield from zip(docs, pool.map(extract_safely, docs, chunksize=chunk))


def extract_on_dask(docs: list[Document], scheduler: str) -> Iterator[tuple[Document, object]]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise KbError("--dask-scheduler needs dask[distributed]: pip install 'kb[dask]'") from None
    from kb.api import extract_safely

    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise KbError(f"{scheduler}: cannot reach the Dask scheduler ({e})") from None
    with client:
        futures = client.map(extract_safely, docs, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: dict[int, object] = {}
        for fut in as_completed(futures):
            results[index[fut.key]] = fut.result()
        for i, doc in enumerate(docs):
            yield doc, results[i]
