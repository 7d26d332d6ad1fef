"""Converting many files: ``convert_paths`` mirrors posts into a folder in another format.

Work goes to worker processes in chunks of paths; each worker reads, writes
and returns only a small `Converted` per file, never a whole post.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newspost._pool import map_chunks, one_by_one, resolve_jobs
from newspost.errors import FormatError, NewsPostError, ReadError
from newspost.serialize._api import atomic_write
from newspost.serialize._registry import get_format

__all__ = ["CHUNK_SIZE", "Converted", "convert_paths", "plan_targets"]

CHUNK_SIZE = 32
"""Most paths sent to a worker process in one task."""


@dataclass(frozen=True)
class Converted:
    """What became of one file: where it was written, or the error that stopped it.

    Attributes:
        source: The post file read.
        target: The file written, or that was to be written; None when the post had
            no target (a missing path, a clash with another post's output).
        error: The error, for a file that was not converted; None on success.
    """

    source: Path
    target: Path | None
    error: NewsPostError | None = None

    @property
    def ok(self) -> bool:
        """True when the file was converted."""
        return self.error is None


def plan_targets(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    suffix: str,
) -> list[tuple[Path, Path | None, NewsPostError | None]]:
    """Each post under ``paths`` with its target in ``out_dir``, or the reason it has none.

    A folder's posts keep their place relative to the folder; a file named on
    its own goes to the top of ``out_dir``. Two posts that would land on the
    same target (``a.md`` and ``a.markdown``), or a target that is the source
    itself, are errors for the later post, never a silent overwrite.
    """
    from newspost.parse import iter_paths

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    out = Path(out_dir)
    planned: list[tuple[Path, Path | None, NewsPostError | None]] = []
    taken: dict[Path, Path] = {}
    for entry in paths:
        root = Path(entry)
        if not root.exists():
            planned.append(
                (root, None, ReadError("no such file or folder", path=root, hint="check the path"))
            )
            continue
        for path in iter_paths(root):
            relative = path.relative_to(root) if root.is_dir() else Path(path.name)
            target = out / relative.with_suffix(suffix)
            key = Path(os.path.abspath(target))
            error: NewsPostError | None = None
            if key == Path(os.path.abspath(path)):
                error = FormatError(
                    "the output would replace the post itself",
                    path=path,
                    hint="choose another output folder (-o)",
                )
            elif key in taken:
                error = FormatError(
                    f"{target} is already the output of {taken[key]}",
                    path=path,
                    hint="rename one of the two posts, or convert them separately",
                )
            else:
                taken[key] = path
            planned.append((path, target if error is None else None, error))
    return planned


def convert_file(source: Path, target: Path, to: str, options: dict[str, Any]) -> Converted:
    """Convert one post file and write the result atomically, creating folders as needed."""
    from newspost.parse import load

    try:
        post = load(source)
        text = get_format(to).write(post, **options)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReadError(
                f"cannot create the folder: {exc.strerror or exc}", path=target.parent
            ) from exc
        atomic_write(target, text.encode("utf-8"))
    except NewsPostError as exc:
        return Converted(source, target, exc)
    return Converted(source, target)


def _convert_job(job: tuple[Path, Path], to: str, options: dict[str, Any]) -> Converted:
    return convert_file(job[0], job[1], to, options)


def _convert_chunk(
    jobs: list[tuple[Path, Path]], to: str, options: dict[str, Any]
) -> list[Converted]:
    # Runs in a worker: paths in, small results out.
    return [convert_file(source, target, to, options) for source, target in jobs]


def convert_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    to: str,
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    **options: Any,
) -> Iterator[Converted]:
    """Convert posts (files, or folders walked recursively) into ``out_dir``, one result per post.

    The folder structure is mirrored and each file takes the format's suffix
    (``.html``, ``.json``, ``.jsonld``, ``.txt``, ``.md``). A file that cannot
    be read, parsed or written is reported in its `Converted` and the
    others are still converted. Results come in input order.

    Args:
        paths: Post files and folders.
        to: A registered format name.
        out_dir: The folder to write into (created as needed).
        jobs: Worker processes when no executor is given: all CPUs by default;
            1 converts in this process. A run of one chunk stays in-process.
        executor: Any `concurrent.futures.Executor` (a thread pool, a
            process pool you manage); it is not shut down. Worker processes
            must have the format registered: built-in formats always are;
            register your own at import time of an importable module.
        **options: The format's options (``standalone=True``, ``site_url=...``).

    Raises:
        FormatError: ``to`` is unknown or does not take one of the options,
            or refuses a value (before any file is touched).
        PolicyError: an unknown sanitizing policy (html).
        ValueError: ``jobs`` is below 1.

    Examples:
        >>> import tempfile
        >>> from newspost.serialize import convert_paths
        >>> with tempfile.TemporaryDirectory() as out:
        ...     done = list(convert_paths(["examples/seed.md"], "text", out, jobs=1))
        ...     [(r.target.name, r.ok) for r in done]
        [('seed.txt', True)]
    """
    chosen = get_format(to)
    chosen.check(options)
    workers = resolve_jobs(jobs)
    planned = plan_targets(paths, out_dir, chosen.suffix)
    work = [
        (source, target) for source, target, error in planned if target is not None and not error
    ]
    with map_chunks(
        one_by_one(functools.partial(_convert_job, to=chosen.name, options=options)),
        functools.partial(_convert_chunk, to=chosen.name, options=options),
        work,
        workers=workers,
        executor=executor,
        most=CHUNK_SIZE,
    ) as results:
        # Chunks hold consecutive work items, so their results come back in input order,
        # between the posts that had no target.
        for source, target, error in planned:
            if error is not None or target is None:
                yield Converted(source, None, error)
            else:
                yield next(results)
