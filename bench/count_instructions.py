"""Run ``load`` or ``check_file`` over some posts inside ``itertools.starmap``, for callgrind.

Instructions do not depend on how busy the machine is, so two versions can be compared
exactly. Count only the calls made inside ``starmap``'s step, ``starmap_next`` (imports and
warm-up left out), then divide by the number of posts::

    valgrind --tool=callgrind --toggle-collect=starmap_next \\
        --callgrind-out-file=/tmp/cg.out python bench/count_instructions.py 60 check
    # "Collected : N" on stderr: N / 60 instructions per post

Why ``starmap``: neither newspost nor its dependencies call it, so no inner call toggles
counting off, and as an iterator's step (a slot function) it is a real symbol in every
build. ``functools_reduce``, toggled before, is inlined by builds with link-time
optimisation ("Collected : 0"); ``builtin_exec`` would count every import, which runs
each module's code through ``exec``.

Run it from another checkout with ``PYTHONPATH=/tmp/before/src`` to count that version.
Arguments: the number of posts (spread over the folder), ``load`` or ``check``, and the
folder (default: ../shared/corpus/koreanews). Not a test.
"""

from __future__ import annotations

import contextlib
import itertools
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

    def one(path: Path) -> None:
        if what == "load":
            with contextlib.suppress(NewsPostError):
                load(path)
        else:
            check_file(path, config)

    for path in chosen[:5]:  # warm caches (parsers, patterns) outside the counted part
        one(path)
    for _ in itertools.starmap(one, ((path,) for path in chosen)):
        pass
    print(f"{len(chosen)} posts, {what}", file=sys.stderr)


if __name__ == "__main__":
    main()
