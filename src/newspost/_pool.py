"""Running a batch function's work in chunks on an executor, results in input order.

``check_paths``, ``fix_paths`` and ``convert_paths`` share one loop: split the
items into chunks, submit every chunk to an executor (a process pool of their
own, or one the caller gives), hand the results back in input order, and cancel
what is left and shut their own pool down when the caller stops, an error
comes up, or Ctrl-C is pressed. Runs too small for a pool stay in-process.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gc
import math
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import TypeVar

__all__ = ["default_jobs", "map_chunks", "one_by_one", "resolve_jobs"]

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of worker processes used when none is asked for: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """The number of worker processes for ``jobs``: `default_jobs` when None.

    Raises:
        ValueError: ``jobs`` is below 1.
    """
    workers = jobs if jobs is not None else default_jobs()
    if workers < 1:
        raise ValueError(f"jobs must be at least 1, not {workers}")
    return workers


def one_by_one(one: Callable[[T], R]) -> Callable[[list[T]], Iterator[R]]:
    """``map_chunks``' in-process work for items done one at a time: ``one`` on each, lazily."""
    return functools.partial(map, one)


@contextlib.contextmanager
def map_chunks(
    in_process: Callable[[list[T]], Iterator[R]],
    chunk: Callable[[list[T]], list[R]],
    items: list[T],
    *,
    workers: int,
    executor: Executor | None,
    most: int,
    chunk_size: int | None = None,
    pool_from: int = 0,
    initializer: Callable[[], object] | None = None,
) -> Iterator[Iterator[R]]:
    """Give an iterator over the results of ``items``, one an item, in input order.

    With no ``executor``, work stays in this process (``in_process`` on all the
    items, read as the caller reads) when ``workers`` is 1, there are fewer than ``pool_from``
    items, or they fit in one chunk; otherwise a `ProcessPoolExecutor` of
    ``workers`` processes (started with ``initializer``) is made for the run.
    Either pool gets ``chunk`` on consecutive slices of ``items``, every slice
    submitted before the iterator is handed out.

    On leaving the ``with`` block, for any reason (done, the caller's generator
    closed, an error, KeyboardInterrupt), the chunks not yet handed over are
    cancelled and a pool made here is shut down; a given executor is not.

    Args:
        in_process: What the items become in this process, as a lazy iterator of
            results in order: `one_by_one` of a function of one item, or a function
            that works through the items in its own way (``check`` loads a batch of
            posts before validating them).
        chunk: What a slice of items becomes, run by the executor; it must pickle
            for a process pool (a module-level function, or a `functools.partial`
            of one).
        items: The work, in the order the results are to come in.
        workers: Worker processes for a pool made here (see `resolve_jobs`).
        executor: An executor to use instead of a pool made here.
        most: The most items in one chunk, when ``chunk_size`` is not given.
        chunk_size: Items in one chunk; by default enough for four chunks per
            worker, at most ``most``, and smaller towards the end (`_chunk_starts`).
        pool_from: Without an executor, fewer items than this stay in-process.
        initializer: Run first in each worker process of a pool made here.

    Yields:
        An iterator over the results: read it inside the ``with`` block.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from newspost._pool import map_chunks, one_by_one
        >>> def negate_all(chunk):
        ...     return [-n for n in chunk]
        >>> with ThreadPoolExecutor(2) as threads, map_chunks(
        ...     one_by_one(abs), negate_all, [1, 2, 3], workers=2, executor=threads, most=2
        ... ) as results:
        ...     list(results)
        [-1, -2, -3]
    """
    size = chunk_size or max(1, min(most, math.ceil(len(items) / (workers * 4))))
    if executor is None and (workers == 1 or len(items) < pool_from or len(items) <= size):
        # A handful of items (a pre-commit run) is done before a pool would have started,
        # and lazily, so that results come as they are ready.
        yield in_process(items)
        return
    owned = executor is None
    frozen = owned and _freeze_long_lived_objects()
    if executor is None:
        pool: Executor = ProcessPoolExecutor(max_workers=workers, initializer=initializer)
    else:
        pool = executor
    pending: collections.deque[Future[list[R]]] = collections.deque()
    try:
        # Submit everything before handing results out: with "fork", workers start now,
        # before the caller starts threads of its own (a progress bar, for one).
        if chunk_size is None:
            starts = _chunk_starts(len(items), size, workers)
        else:
            starts = list(range(0, len(items), size))
        ends = [*starts[1:], len(items)]
        pending.extend(
            pool.submit(chunk, items[start:end]) for start, end in zip(starts, ends, strict=True)
        )
        yield _drain(pending)
    finally:
        for future in pending:
            future.cancel()
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)
        if frozen:
            gc.unfreeze()


def _freeze_long_lived_objects() -> bool:
    """Leave every object that exists now out of the cyclic collector's passes; True if done.

    What exists before a pool starts (modules, compiled patterns, the rules) outlives
    the run. Left in, the collector walks all of it again on each full pass: in this
    process, whose heap grows as results come in, and in each forked worker, where the
    walk also writes to pages that "fork" would otherwise leave shared (gc.freeze's
    documented use). Not done when the caller froze objects of its own: our
    `gc.unfreeze` would undo theirs.
    """
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def _chunk_starts(count: int, size: int, workers: int) -> list[int]:
    """Where each chunk of ``count`` items starts: ``size`` items each, then fewer at the end.

    Workers take chunks in turn; the last chunk handed out keeps one worker busy
    while the others have nothing left. Once what remains would fill two rounds
    of chunks, each chunk takes a share of what remains instead, so the workers
    finish within a few items of each other.

    >>> _chunk_starts(200, 32, 2)
    [0, 32, 64, 96, 122, 142, 157, 168, 176, 182, 187, 191, 195, 199]
    """
    starts: list[int] = []
    start = 0
    while start < count:
        starts.append(start)
        remaining = count - start
        # A floor on the share: each chunk is a round trip to a worker, worth a few items.
        start += min(size, max(-(-remaining // (2 * workers)), size // 8, 1))
    return starts


def _drain(pending: collections.deque[Future[list[R]]]) -> Iterator[R]:
    while pending:
        # The chunk waited on stays in ``pending`` until it is done, so that Ctrl-C while
        # waiting cancels it too; then it is let go, so memory stays flat however many
        # items the run has.
        results = pending[0].result()
        pending.popleft()
        yield from results
