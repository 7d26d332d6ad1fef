"""Compare two checkouts of newspost on the same posts: ``load`` or ``check`` CPU time per post.

Usage::

    git worktree add /tmp/before <commit>
    python bench/compare_trees.py /tmp/before . [--what load|check] [--rounds N] [FOLDER]

On a shared machine the speed of the CPU changes from minute to minute, so
figures from runs made at different times cannot be compared. This script runs
the two trees in alternating fresh processes (A B B A A B ...), each importing
newspost from its own ``src/`` and timing ``load`` (or ``check_file``: load and
every rule) over every post, best of three passes after a warm-up. It prints
each tree's best and median CPU milliseconds per post and the ratio of the bests:
a busy moment slows both sides alike.

Not a test: the figures go into notes, never into assertions.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "koreanews"

_CHILD = r"""
import gc, sys, time
sys.path.insert(0, sys.argv[1] + "/src")
from pathlib import Path
from newspost import NewsPostError, load
from newspost.validate import Config, check_file, collect_paths, load_builtin_rules

load_builtin_rules()
paths = collect_paths([Path(sys.argv[3])]).posts
config = Config()

def run_load():
    for path in paths:
        try:
            load(path)
        except NewsPostError:
            pass

def run_check():
    for path in paths:
        check_file(path, config)

run = run_load if sys.argv[2] == "load" else run_check
run()
best = float("inf")
for _ in range(3):
    gc.collect()
    start = time.process_time()
    run()
    best = min(best, time.process_time() - start)
print(best * 1000 / len(paths))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the checkout to compare against")
    parser.add_argument("after", type=Path, help="the checkout being measured")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--what", choices=["load", "check"], default="load")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()

    trees = [args.before.resolve(), args.after.resolve()]
    times: dict[Path, list[float]] = {tree: [] for tree in trees}
    for number in range(args.rounds):
        for tree in trees if number % 2 == 0 else trees[::-1]:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(tree), args.what, str(args.folder)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                sys.exit(f"{tree}: {done.stderr.strip()}")
            times[tree].append(float(done.stdout))
    for tree in trees:
        print(
            f"{tree}: {args.what} best {min(times[tree]):.3f} ms/post, "
            f"median {statistics.median(times[tree]):.3f} (CPU, {args.rounds} processes)"
        )
    ratio = min(times[trees[0]]) / min(times[trees[1]])
    print(f"after is {ratio:.2f}x as fast as before (ratio of the bests)")


if __name__ == "__main__":
    main()
