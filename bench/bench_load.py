"""Benchmark ``load`` over a folder of posts: posts per second and peak memory.

Usage::

    python bench/bench_load.py [FOLDER] [--repeat N] [--walk-copies K]

Prints wall-clock and CPU-time rates (CPU time is steadier on a busy machine),
then walks the folder K times through ``iter_load`` and reports peak memory
after each pass, which stays flat because ``iter_load`` holds one post at a time.
Not a test: figures go into notes, never into assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import time
import tracemalloc
from pathlib import Path

from newspost import NewsPostError, iter_load, load
from newspost.parse import iter_paths

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "koreanews"


def rate(paths: list[Path], repeat: int) -> tuple[float, float, int, int]:
    """Best-of-``repeat`` (wall, cpu) posts per second; counts loaded and failed."""
    best_wall = best_cpu = 0.0
    loaded = failed = 0
    for _ in range(repeat):
        loaded = failed = 0
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        for path in paths:
            try:
                load(path)
                loaded += 1
            except NewsPostError:
                failed += 1
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best_wall = max(best_wall, len(paths) / wall)
        best_cpu = max(best_cpu, len(paths) / cpu)
    return best_wall, best_cpu, loaded, failed


def peak_memory(folder: Path, passes: int) -> list[tuple[int, float]]:
    """Peak traced memory (MiB) after walking the folder 1..passes times with iter_load."""
    tracemalloc.start()
    out = []
    walked = 0
    for _ in range(passes):
        for _post in iter_load(folder, on_error=lambda error: None):
            walked += 1
        out.append((walked, tracemalloc.get_traced_memory()[1] / 2**20))
    tracemalloc.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--walk-copies", type=int, default=3)
    args = parser.parse_args()
    paths = list(iter_paths(args.folder))
    for path in paths[:20]:  # warm caches (parsers, regexes) outside the timing
        with contextlib.suppress(NewsPostError):
            load(path)
    wall, cpu, loaded, failed = rate(paths, args.repeat)
    print(
        f"folder: {args.folder}  ({len(paths)} files: {loaded} loaded, "
        f"{failed} raised the documented error)"
    )
    print(
        f"load: {wall:.0f} posts/s wall, {cpu:.0f} posts/s CPU (best of {args.repeat}, one process)"
    )
    for walked, peak in peak_memory(args.folder, args.walk_copies):
        print(f"iter_load peak memory after {walked:>5} posts: {peak:.2f} MiB")


if __name__ == "__main__":
    main()
