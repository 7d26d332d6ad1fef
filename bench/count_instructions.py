"""Run ``load`` or ``check_file`` over some posts inside ``functools.reduce``, for callgrind.

Instructions do not depend on how busy the machine is, so two versions can be compared
exactly. Count only the calls made inside ``functools.reduce`` (imports and warm-up left
out), then divide by the number of posts::

    valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        --callgrind-out-file=/tmp/cg.out python bench/count_instructions.py 60 check
    # "Collected : N" on stderr: N / 60 instructions per post

Run it from another checkout with ``PYTHONPATH=/tmp/before/src`` to count that version.
Arguments: the number of posts (spread over the folder), ``load`` or ``check``, and the
folder (default: ../shared/corpus/koreanews). Not a test.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from pathlib import Path

from newspost import NewsPostError, load
from newspost.validate import Config, check_file, collect_paths, load_builtin_rules

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "koreanews"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    what = sys.argv[2] if len(sys.argv) > 2 else "load"
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else DEFAULT
    load_builtin_rules()
    paths = collect_paths([folder]).posts
    chosen = paths[:: max(1, len(paths) // count)][:count]
    config = Config()

    def one(_: None, path: Path) -> None:
        if what == "load":
            with contextlib.suppress(NewsPostError):
                load(path)
        else:
            check_file(path, config)

    for path in chosen[:5]:  # warm caches (parsers, patterns) outside the counted part
        one(None, path)
    functools.reduce(one, chosen, None)
    print(f"{len(chosen)} posts, {what}", file=sys.stderr)


if __name__ == "__main__":
    main()
