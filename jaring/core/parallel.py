"""Run a pure function over chunks of work in worker processes, in order, stoppable between chunks.

Phase 1 of an upload checks 100,000 rows with pure Python (intake.rules), which holds one core; a laptop has
two or more. Workers are forked, so they start at once and share the parent's memory (the rules' context is
not pickled); only chunks and results cross. Where fork does not exist (Windows) or few items are given, the
work runs in the calling process, with the same results. No Django here: workers never touch the database.
"""

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_shared: Any = None  # what the workers' function reads besides its chunk, set before the fork


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def chunked_map(
    function: Callable[[Any, Sequence], list],
    shared: Any,
    items: Sequence,
    *,
    chunk: int,
    workers: int,
    parallel_from: int,
) -> Iterator[list]:
    """Yield ``function(shared, items[i:i + chunk])`` for each chunk, in order; stop consuming to stop early."""
    chunks = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    if workers < 2 or len(items) < parallel_from or "fork" not in multiprocessing.get_all_start_methods():
        for part in chunks:
            yield function(shared, part)
        return
    global _shared
    _shared = shared
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(_call, function, part) for part in chunks]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _shared = None


def _call(function: Callable[[Any, Sequence], list], part: Sequence) -> list:
    return function(_shared, part)
