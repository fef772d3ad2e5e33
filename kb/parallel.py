"""Extraction in worker processes or on a Dask cluster; storing stays in the calling process.

Extraction is per article and CPU-bound; the store has one writer (per-article transactions), so results
and idempotence are the same as in one process.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from kb.document import Document
from kb.errors import KbError


WORKER_NICENESS = 5


def _warm() -> None:
    """Build the pipelines once per worker, before the first article arrives. Workers also run at a lower
    priority than the calling process: it is the single writer that every article waits for, and with
    as many workers as cores it would otherwise get a third of a core and become the bottleneck."""
    try:
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):  # not on this platform, or not allowed: run at normal priority
        pass
    from kb.extract import get_extractor

    get_extractor()


def extract_in_pool(docs: list[Document], workers: int) -> Iterator[tuple[Document, object]]:
    """(document, extraction or exception) in input order, extracted by `workers` processes.

    If the pool breaks (a worker killed by the OOM killer, a crash in native code), the articles not yet
    extracted are extracted here, in this process, so the batch still completes; Ctrl-C cancels the
    queued work instead of waiting for it."""
    from concurrent.futures.process import BrokenProcessPool

    from kb.api import extract_safely

    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(docs))), initializer=_warm)
    done = 0
    finished = False
    try:
        # small chunks: results reach the writer early and no worker is left with a long tail at the end
        chunk = max(1, min(4, len(docs) // (workers * 8)))
        try:
            for doc, result in zip(docs, pool.map(extract_safely, docs, chunksize=chunk)):
                yield doc, result
                done += 1
        except BrokenProcessPool:
            for doc in docs[done:]:
                yield doc, extract_safely(doc)
        finished = True
    finally:
        # after a complete run, wait for the idle workers to exit: a worker still starting up when its
        # parent leaves prints a traceback ("Bad file descriptor"); on Ctrl-C or an error, do not wait
        pool.shutdown(wait=finished, cancel_futures=True)


def extract_on_dask(docs: list[Document], scheduler: str, *, window: int = 512) -> Iterator[tuple[Document, object]]:
    """(document, extraction or exception) in input order, extracted on a Dask cluster.

    At most `window` articles are on the cluster at a time, and results are handed back in input order as
    soon as they can be (not after the whole batch), so storing overlaps extraction and memory stays flat."""
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
        index: dict[str, int] = {}
        results: dict[int, object] = {}
        submitted = 0

        def submit(n: int):
            nonlocal submitted
            batch = docs[submitted:submitted + n]
            futures = client.map(extract_safely, batch, pure=False)
            for i, f in enumerate(futures):
                index[f.key] = submitted + i
            submitted += len(batch)
            return futures

        pending = as_completed(submit(window))
        next_out = 0
        for fut in pending:
            try:
                results[index.pop(fut.key)] = fut.result()
            except Exception as e:  # noqa: BLE001 - a worker lost with its task: that article fails alone
                results[index.pop(fut.key)] = e
            fut.release()
            if submitted < len(docs):
                for f in submit(1):
                    pending.add(f)
            while next_out in results:
                yield docs[next_out], results.pop(next_out)
                next_out += 1
