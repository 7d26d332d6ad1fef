"""Benchmark ``newspost check``: posts per second in one process, and the speed-up of processes.

Usage::

    python bench/bench_check.py [FOLDER] [--repeat N] [--copies K] [--jobs J]

Prints, for the posts under FOLDER (default: ../shared/corpus/koreanews beside the repo):

1. load + validate in one process (``check_file`` on each post), posts per second, wall and
   CPU time, and how that splits between loading (parsing) and validating (timed on posts
   loaded afresh for each round, as ``check`` sees them);
2. the rules that take the most time;
3. ``check_paths`` with ``jobs=1`` (in-process) and ``jobs=J`` (default 2) over K copies
   of the folder (default 4, in a temporary folder, so there is enough work), without the
   fixes as ``newspost check`` asks (``fixes=False``), wall time and speed-up. The
   speed-up is only meaningful on otherwise idle cores: check the load first.

Not a test: the figures go into notes, never into assertions. Timings are best of N.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import shutil
import tempfile
import time
from pathlib import Path

from newspost import NewsPostError, Post, load
from newspost.validate import (
    RULES,
    Config,
    Context,
    check_file,
    check_paths,
    collect_paths,
    load_builtin_rules,
    validate,
)

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "koreanews"


def best(repeat: int, run: object) -> tuple[float, float]:
    """Best (wall, cpu) seconds of ``repeat`` calls of ``run``."""
    assert callable(run)
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def load_posts(paths: list[Path]) -> list[Post]:
    """Every post of ``paths`` that loads, parsed afresh."""
    posts: list[Post] = []
    for path in paths:
        with contextlib.suppress(NewsPostError):
            posts.append(load(path))
    return posts


def best_validate(repeat: int, paths: list[Path], config: Config) -> tuple[int, float]:
    """Number of posts and best CPU seconds of validating them, on posts loaded afresh each time.

    The rules keep views of a post (``Context``, the rules' shared scan) while they
    check it; new posts every round keep anything from being reused between rounds,
    as in ``check``, where each post is read once. Loading is not timed.
    """
    cpus = []
    count = 0
    for _ in range(repeat):
        posts = load_posts(paths)
        count = len(posts)
        gc.collect()
        cpu = time.process_time()
        for post in posts:
            validate(post, config)
        cpus.append(time.process_time() - cpu)
    return count, min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    load_builtin_rules()
    config = Config()
    paths = collect_paths([args.folder]).posts
    posts = load_posts(paths)
    for path in paths[:20]:  # warm caches (parsers, regexes) outside the timing
        check_file(path, config)
    n = len(paths)
    print(f"folder: {args.folder} ({n} files, {len(posts)} load, {len(RULES)} rules)")

    wall, cpu = best(args.repeat, lambda: [check_file(path, config) for path in paths])
    print(f"load + validate, one process: {n / wall:.0f} posts/s wall, {n / cpu:.0f} posts/s CPU")

    def load_all() -> None:
        for path in paths:
            with contextlib.suppress(NewsPostError):
                load(path)

    load_cpu = best(args.repeat, load_all)[1]
    count, val_cpu = best_validate(args.repeat, paths, config)
    per_post = val_cpu * 1000 / count
    print(
        f"  load alone: {n / load_cpu:.0f} posts/s CPU ({load_cpu * 1000 / n:.2f} ms/post); "
        f"validate alone: {count / val_cpu:.0f} posts/s CPU ({per_post:.2f} ms/post)"
    )
    saved = dict(RULES)
    RULES.clear()
    count, engine_cpu = best_validate(args.repeat, paths, config)
    RULES.update(saved)
    print(f"  of which the engine without rules: {engine_cpu * 1000 / count:.3f} ms/post")

    spent: dict[str, float] = dict.fromkeys(RULES, 0.0)
    for post in posts:
        ctx = Context(post, config.options)  # shared per post, as the engine does
        for code, rule in RULES.items():
            start = time.perf_counter()
            for _ in rule.check(ctx):
                pass
            spent[code] += time.perf_counter() - start
    total = sum(spent.values())
    top = sorted(spent.items(), key=lambda item: -item[1])[:8]
    print(f"  rules: {total * 1000 / len(posts):.2f} ms/post in all; the slowest:")
    for code, seconds in top:
        share = seconds / total if total else 0
        each = seconds * 1000 / len(posts)
        print(f"    {code} {RULES[code].name:<28} {each:.3f} ms/post ({share:.0%})")

    with tempfile.TemporaryDirectory() as tmp:
        for copy in range(args.copies):
            shutil.copytree(args.folder, Path(tmp, f"copy{copy}"))
        many = collect_paths([tmp]).posts

        def run(jobs: int) -> None:
            list(check_paths(many, config, jobs=jobs, fixes=False))  # as `newspost check` does

        one, _ = best(args.repeat, lambda: run(1))
        more, _ = best(args.repeat, lambda: run(args.jobs))
        print(
            f"check_paths over {len(many)} files ({args.copies} copies): jobs=1 {one:.2f} s "
            f"({len(many) / one:.0f} posts/s), jobs={args.jobs} {more:.2f} s "
            f"({len(many) / more:.0f} posts/s): {one / more:.2f}x faster (wall clock)"
        )


if __name__ == "__main__":
    main()
