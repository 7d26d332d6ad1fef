"""Benchmark conversion: every post of a folder to json and html, in posts per second.

Usage::

    python bench/bench_convert.py [FOLDER] [--repeat N] [--jobs N]

FOLDER defaults to ../shared/corpus/koreanews beside the repository. Prints:

- ``dumps`` rates per format on posts loaded once (the writers alone), wall-clock and
  CPU time (CPU time is steadier on a busy machine), best of ``--repeat``;
- end to end, ``convert_paths`` (read, parse, write, atomic rename) into a temporary
  folder, in-process and with ``--jobs`` worker processes.

Not a test: figures go into notes, never into assertions.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from newspost import NewsPostError, Post, dumps, load
from newspost.parse import iter_paths
from newspost.serialize import convert_paths

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "koreanews"
FORMATS: list[tuple[str, str, dict[str, object]]] = [
    ("json", "json", {}),
    ("html", "html", {}),
    ("html --standalone", "html", {"standalone": True}),
    ("html --no-sanitize", "html", {"safe": False}),
]


def writer_rate(
    posts: list[Post], to: str, options: dict[str, object], repeat: int
) -> tuple[float, float]:
    """Best-of-``repeat`` (wall, cpu) posts per second of ``dumps`` alone."""
    best_wall = best_cpu = 0.0
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        for post in posts:
            dumps(post, format=to, **options)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best_wall = max(best_wall, len(posts) / wall)
        best_cpu = max(best_cpu, len(posts) / max(cpu, 1e-9))
    return best_wall, best_cpu


def convert_rate(folder: Path, to: str, jobs: int) -> tuple[float, int, int]:
    """Wall-clock posts per second of ``convert_paths`` into a temporary folder; ok and failed."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        results = list(convert_paths([folder], to, out, jobs=jobs))
        seconds = time.perf_counter() - started
    ok = sum(result.ok for result in results)
    return len(results) / seconds, ok, len(results) - ok


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--jobs", type=int, default=2, help="worker processes for the end-to-end run"
    )
    args = parser.parse_args()
    posts: list[Post] = []
    failed = 0
    for path in iter_paths(args.folder):
        try:
            posts.append(load(path))
        except NewsPostError:
            failed += 1
    print(
        f"folder: {args.folder}  ({len(posts)} posts loaded, {failed} raised the documented error)"
    )
    for post in posts[:10]:  # warm caches (parsers, the sanitizer's cleaner) outside the timing
        dumps(post, format="html")
        dumps(post, format="json")
    for label, to, options in FORMATS:
        wall, cpu = writer_rate(posts, to, options, args.repeat)
        rates = f"{wall:7.0f} posts/s wall, {cpu:7.0f} posts/s CPU (best of {args.repeat})"
        print(f"dumps {label:<20} {rates}")
    for to in ("json", "html"):
        for jobs in (1, args.jobs):
            rate, ok, bad = convert_rate(args.folder, to, jobs)
            done = f"({ok} written, {bad} failed)"
            print(f"convert --to {to:<5} --jobs {jobs}: {rate:7.0f} posts/s wall {done}")


if __name__ == "__main__":
    main()
