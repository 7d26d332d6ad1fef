"""Coverage-guided fuzzing of ``loads`` with atheris.

The property: whatever the bytes, ``loads`` returns a post whose Markdown
round trip is exact, or raises a :class:`newspost.NewsPostError`; nothing else
(no foreign exception, no hang, no crash). ``validate`` and ``sanitize`` run on
every post that loads, and must not raise either.

Short run (CI, about a minute; a fixed seed and run count, so it is the same every time)::

    PYTHONHASHSEED=0 python fuzz/fuzz_load.py -seed=1 -runs=2500 -rss_limit_mb=2048 \
        "$(mktemp -d)" fuzz/seeds

Exploring run (a minute of new inputs each time; run it before a release)::

    python fuzz/fuzz_load.py -max_total_time=60 -rss_limit_mb=2048 "$(mktemp -d)" fuzz/seeds

Long run (hours, on a spare machine; new findings land in ./crash-*)::

    python fuzz/fuzz_load.py -max_total_time=14400 -jobs=2 -workers=2 fuzz/work fuzz/seeds

The seeds (fuzz/seeds) are bundled examples; libFuzzer writes what it finds into the first folder.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import newspost

try:  # the later stages are optional: fuzz what is installed
    from newspost import sanitize as _sanitize
except ImportError:  # pragma: no cover
    _sanitize = None  # type: ignore[assignment]
try:
    from newspost import validate as _validate
except ImportError:  # pragma: no cover
    _validate = None  # type: ignore[assignment]

# Small limits keep each input cheap, so the fuzzer explores instead of waiting.
LIMITS = newspost.Limits(max_bytes=64 * 1024, max_elements=5_000, max_lines=5_000)


def test_one_input(data: bytes) -> None:
    """One fuzz iteration."""
    try:
        post = newspost.loads(data, path="fuzz.md", limits=LIMITS)
    except newspost.NewsPostError:
        return
    if newspost.dumps(post).encode("utf-8") != data:
        raise AssertionError("the Markdown round trip changed the bytes")
    if callable(_validate):
        _validate(post)
    if callable(_sanitize):
        with contextlib.suppress(newspost.NewsPostError):
            _sanitize(post)


def main() -> None:
    """Run libFuzzer with the arguments given on the command line."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
