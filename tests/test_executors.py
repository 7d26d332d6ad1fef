"""The batch functions run on any ``concurrent.futures.Executor``, with the results of one process.

``check_paths``, ``convert_paths`` and ``fix_paths`` send chunks of paths to an executor
and get small results back, so the work can go to threads, to worker processes, or to a
Dask cluster (``distributed.Client.get_executor()``), on this machine or beyond it. Each
executor here must give what one process gives: the same issues, byte-identical converted
files, the same fixes and fixed files.

The process pool starts its workers with "spawn", and the Dask cluster with processes
starts fresh interpreters too: like workers on another machine, they begin with nothing
the test process registered or configured, so the configuration must travel with the work.
"""

from __future__ import annotations

import importlib
import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from helpers import FIXTURES, ROOT
from newspost import Report, check_paths, convert_paths
from newspost.serialize import Converted
from newspost.validate import Config, load_builtin_rules

if TYPE_CHECKING:
    from newspost.sanitize import FixResult

T = TypeVar("T")

EXECUTORS = ["threads", "processes", "dask-threads", "dask-processes"]


class Recording(Executor):
    """An executor that hands every task to another one and counts them.

    It is an Executor of its own, written in a few lines: proof enough that the batch
    functions need nothing beyond ``submit``. The count shows the work was split into
    chunks and did go through the executor, not around it.
    """

    def __init__(self, inner: Executor) -> None:
        self.inner = inner
        self.submitted = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Count the task and submit it to the inner executor."""
        self.submitted += 1
        return self.inner.submit(fn, *args, **kwargs)


@pytest.fixture(scope="module", params=EXECUTORS)
def executor(request: pytest.FixtureRequest) -> Iterator[Executor]:
    """Each kind of executor in turn, started once for the module and always shut down."""
    kind: str = request.param
    if kind == "threads":
        with ThreadPoolExecutor(max_workers=2) as threads:
            yield threads
    elif kind == "processes":
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as processes:
            yield processes
    else:
        distributed = pytest.importorskip(
            "distributed",
            reason="Dask's `distributed` is not installed (pip install 'newspost[dask]')",
        )
        # Every server on localhost and on a free port: with dashboard_address=None the
        # scheduler still serves HTTP on 8787 (a clash with any other cluster), and the
        # in-process workers' HTTP servers would listen on every interface.
        client = distributed.Client(
            processes=kind == "dask-processes",
            n_workers=2,
            threads_per_worker=1,
            dashboard_address="127.0.0.1:0",
            worker_dashboard_address="127.0.0.1:0",
        )
        cluster = client.cluster
        try:
            # pure=False: these tasks write files, so Dask must run every one of them,
            # never reuse the result of an identical task it ran before.
            yield client.get_executor(pure=False)
        finally:
            client.close()
            cluster.close()


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eleven posts in two folders: clean ones, broken front matter, CRLF, an .html post."""
    root = tmp_path_factory.mktemp("posts")
    shutil.copytree(ROOT / "examples", root / "examples")
    shutil.copytree(FIXTURES, root / "fixtures")
    return root


@pytest.fixture(scope="module")
def config() -> Config:
    """Not the defaults, so that results show the configuration reached the workers.

    Only the built-in rules are selected: a rule another test registers in this process
    would not exist in a fresh worker process.
    """
    builtin = sorted(
        code
        for code, rule in load_builtin_rules().items()
        if rule.__module__.startswith("newspost")
    )
    return Config.from_mapping({"select": builtin, "max-title-length": 30})


def found(reports: list[Report], root: Path) -> set[tuple[str, str, int | None, int | None]]:
    """Every issue as (path relative to ``root``, code, line, column)."""
    return {
        (relative(issue.path or report.path, root), issue.code, issue.line, issue.column)
        for report in reports
        for issue in report.issues
    }


def relative(path: str | Path | None, root: Path) -> str:
    """A path as given by a result, relative to the folder it was found in."""
    return Path(path or "").relative_to(root).as_posix()


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_check_paths(executor: Executor, posts: Path, config: Config) -> None:
    expected = list(check_paths([posts], config, jobs=1))
    recording = Recording(executor)
    reports = list(check_paths([posts], config, executor=recording, chunk_size=2))
    assert recording.submitted == 6  # eleven posts, two a task
    assert [r.path for r in reports] == [r.path for r in expected]  # in order
    assert found(reports, posts) == found(expected, posts)
    assert ("fixtures/2024-07-30-4336.md", "NP100", 2, 13) in found(reports, posts)
    assert any(issue.code == "NP102" for r in reports for issue in r.issues)  # max-title-length


def converted(results: list[Converted], root: Path, out: Path) -> list[tuple[str, str, bool, str]]:
    """Each result as (source, target, ok, error type), paths relative to their folders."""
    return [
        (
            relative(r.source, root),
            relative(r.target, out) if r.target else "",
            r.ok,
            type(r.error).__name__,
        )
        for r in results
    ]


def test_convert_paths(executor: Executor, posts: Path, tmp_path: Path) -> None:
    one, many = tmp_path / "one", tmp_path / "many"
    expected = converted(list(convert_paths([posts], "json", one, jobs=1)), posts, one)
    recording = Recording(executor)
    results = converted(list(convert_paths([posts], "json", many, executor=recording)), posts, many)
    assert recording.submitted > 1
    assert results == expected
    assert (
        "fixtures/2024-07-30-4336.md",
        "fixtures/2024-07-30-4336.json",
        False,
        "FrontMatterError",
    ) in results
    assert files(many) == files(one)
    assert len(files(one)) == 8  # eleven posts, three with front matter that does not parse


def fixed(results: list[FixResult], root: Path) -> list[tuple[Any, ...]]:
    """Each result as (path, ok, error type, fixes as (code, line), text, written)."""
    return [
        (
            relative(r.path, root),
            r.ok,
            type(r.error).__name__,
            [(fix.code, fix.line) for fix in r.fixes],
            r.text,
            r.written,
        )
        for r in results
    ]


@pytest.mark.parametrize("engine", ["bleach", "nh3"])
def test_fix_paths(
    executor: Executor, posts: Path, config: Config, tmp_path: Path, engine: str
) -> None:
    # fix_paths (``newspost fix``) is newer than the other two: test it where it exists.
    # (By import_module: the attribute newspost.sanitize is the function, not the module.)
    fix_paths = getattr(importlib.import_module("newspost.sanitize"), "fix_paths", None)
    if fix_paths is None:
        pytest.skip("this version of newspost has no fix_paths")
    if engine == "nh3":
        pytest.importorskip("nh3", reason="nh3 is the optional 'fast' extra")
    one, many = tmp_path / "one", tmp_path / "many"
    shutil.copytree(posts, one)
    shutil.copytree(posts, many)
    expected = fixed(list(fix_paths([one], config=config, engine=engine, jobs=1)), one)
    recording = Recording(executor)
    results = list(
        fix_paths([many], config=config, engine=engine, executor=recording, chunk_size=2)
    )
    assert recording.submitted == 6
    assert fixed(results, many) == expected
    assert sum(r.written for r in results) >= 5  # the examples do need fixing
    assert files(many) == files(one)


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [0, 1, 5, 31, 32, 33, 200, 1212])
def test_chunks_cover_every_item_once_and_shrink_at_the_end(count: int, workers: int) -> None:
    from newspost._pool import _chunk_starts

    starts = _chunk_starts(count, 32, workers)
    ends = [*starts[1:], count] if starts else []
    sizes = [end - start for start, end in zip(starts, ends, strict=True)]
    assert sum(sizes) == count and all(1 <= size <= 32 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # big chunks first, the small ones last
    if count >= 2 * workers * 32:
        assert sizes[0] == 32 and sizes[-1] <= 4  # the last chunk keeps one worker briefly


def _negate_all(chunk: list[int]) -> list[int]:
    return [-n for n in chunk]


def test_a_pool_of_its_own_runs_with_the_heap_frozen_and_leaves_it_as_it_was() -> None:
    import gc

    from newspost._pool import map_chunks, one_by_one

    assert gc.get_freeze_count() == 0
    with map_chunks(
        one_by_one(abs), _negate_all, list(range(40)), workers=2, executor=None, most=8
    ) as results:
        # What existed before the pool started is out of the collector's passes...
        assert gc.get_freeze_count() > 0
        assert list(results) == [-n for n in range(40)]
    # ...and back in them once the run is over, so nothing is kept from collection.
    assert gc.get_freeze_count() == 0


def test_a_callers_own_frozen_heap_is_left_frozen() -> None:
    import gc

    from newspost._pool import map_chunks, one_by_one

    gc.freeze()
    try:
        with map_chunks(
            one_by_one(abs), _negate_all, list(range(40)), workers=2, executor=None, most=8
        ) as results:
            assert list(results) == [-n for n in range(40)]
        # Not unfrozen by the pool, which would make it 0. (Not the same count: frozen
        # objects that are let go leave it.)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
