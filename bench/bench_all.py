"""Benchmark every stage of newspost against a naive pipeline, and how it scales, in one run.

Usage (from the repository root)::

    python bench/bench_all.py [FOLDER] [--quick] [--repeat N] [--sizes 1,4,16] [--jobs J]

FOLDER defaults to ``../shared/corpus/koreanews`` beside the repository. Prints Markdown
tables (paste them into docs/performance.md):

1. **Stages**, over every post of FOLDER in this process: ``load``, ``check`` (load +
   validate), ``fix`` with the bleach and the nh3 engine, ``convert --to json``, and the
   *naive pipeline* every figure is compared with: python-frontmatter's ``loads``,
   markdown-it-py's CommonMark renderer with tables, ``BeautifulSoup(html, "lxml")`` and
   ``bleach.clean`` with the ``standard`` policy's allowlist. The stages take turns in each
   of ``--repeat`` rounds and each keeps its best round, so a busy moment on a shared machine
   hurts them alike; the ratio to the naive pipeline is the figure to compare between runs.
2. **Scaling**: FOLDER copied 1x, 4x and 16x into a temporary folder; ``check`` in one process
   and with ``--jobs`` worker processes (``check_paths``), and ``iter_load``, each run in a
   fresh child process that reports its time per post and its peak resident memory (its
   own high-water mark, and its largest worker's from ``getrusage(RUSAGE_CHILDREN)``).
   Time per post should stay the same as the archive grows (linear time) and so should
   peak memory (nothing is kept per post). Loading every post into a list is shown beside
   them for contrast.

``--quick`` (about a minute): one round, sizes 1x and 4x. The default run (two rounds) takes
about five minutes, more on a busy machine.
Not a test: figures go into notes, never into assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import importlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "koreanews"
WARM = 20  # posts run once before any timing: parsers, rules and cleaners are built lazily

# The scaling runs, in the order printed: (child mode, label).
SCALING = [
    ("check", "check, 1 process"),
    ("check-jobs", "check, --jobs {jobs}"),
    ("iter_load", "iter_load (streaming)"),
    ("load-list", "load all into a list (contrast)"),
]


# -- measuring -------------------------------------------------------------------------------


@dataclass
class Timing:
    """The best wall-clock and CPU seconds of one stage over several rounds."""

    wall: float = float("inf")
    cpu: float = float("inf")
    ok: int = 0
    failed: int = 0

    def add(self, wall: float, cpu: float) -> None:
        """Keep the best round: on a shared machine it is the least disturbed one."""
        self.wall = min(self.wall, wall)
        self.cpu = min(self.cpu, cpu)


@dataclass
class Stage:
    """One thing to time: ``run`` processes every path and returns (succeeded, failed)."""

    name: str
    run: Callable[[list[Path]], tuple[int, int]]
    note: str = ""
    timing: Timing = field(default_factory=Timing)
    # Untimed, before each round: what ``run`` gets instead of the paths (fresh copies).
    prepare: Callable[[list[Path]], list[Path]] | None = None


def naive_stage() -> Stage:
    """The pipeline one would write without newspost, with the same allowlist as ``standard``.

    Every parser is built once, as a sensible script would do: only ``bleach.clean``
    builds its Cleaner per call, because that is what ``bleach.clean`` does.
    """
    import bleach
    import frontmatter
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt

    from newspost import get_policy

    policy = get_policy("standard")
    tags, protocols = set(policy.tags), set(policy.protocols)
    attributes = {tag: sorted(names) for tag, names in policy.attributes.items()}
    markdown = MarkdownIt("commonmark").enable("table")

    def run(paths: list[Path]) -> tuple[int, int]:
        ok = failed = 0
        for path in paths:
            try:
                post = frontmatter.loads(path.read_text(encoding="utf-8"))
                html = markdown.render(post.content)
                BeautifulSoup(html, "lxml")
                bleach.clean(
                    html,
                    tags=tags,
                    attributes=attributes,
                    protocols=protocols,
                    strip=True,
                    strip_comments=policy.strip_comments,
                )
                ok += 1
            except Exception:  # a naive script would crash; count it and go on
                failed += 1
        return ok, failed

    return Stage("naive pipeline", run, "frontmatter + markdown-it + BeautifulSoup + bleach.clean")


def load_stage() -> Stage:
    """``newspost.load`` on each path."""
    from newspost import NewsPostError, load

    def run(paths: list[Path]) -> tuple[int, int]:
        ok = failed = 0
        for path in paths:
            try:
                load(path)
                ok += 1
            except NewsPostError:
                failed += 1
        return ok, failed

    return Stage("load", run, "parse into a typed Post")


def check_stage() -> Stage:
    """``check_paths`` in this process: load and validate, a broken post is an issue."""
    from newspost import check_paths

    def run(paths: list[Path]) -> tuple[int, int]:
        reports = list(check_paths(paths, jobs=1))
        broken = sum(any(i.code in ("NP100", "NP101") for i in r.issues) for r in reports)
        return len(reports) - broken, broken

    return Stage("check", run, "load + validate (all rules), `check_paths(jobs=1)`")


def fix_paths_function() -> Callable[..., Any] | None:
    """The batch ``fix_paths`` when this version of newspost has it, else None."""
    for module in ("newspost", "newspost.sanitize"):
        with contextlib.suppress(ImportError):
            found = getattr(importlib.import_module(module), "fix_paths", None)
            if callable(found):
                return found  # type: ignore[no-any-return]
    return None


def fix_stage(engine: str, scratch: Path) -> Stage:
    """Sanitize and write each post back, with one engine.

    With ``fix_paths`` (``newspost fix``) the batch function runs on a fresh copy of the
    posts each round, as it rewrites files in place. Without it, the stage is what
    ``fix`` does per post, ``dumps(sanitize(load(path)))``, with nothing written.
    """
    from newspost import NewsPostError, dumps, load, sanitize

    fix_paths = fix_paths_function()
    if fix_paths is not None:

        def run_batch(paths: list[Path]) -> tuple[int, int]:
            results = list(fix_paths(paths, engine=engine, jobs=1))
            failed = sum(getattr(result, "error", None) is not None for result in results)
            return len(results) - failed, failed

        def fresh(paths: list[Path]) -> list[Path]:
            return _fresh_copy(paths, scratch)

        note = f"`fix_paths(engine={engine!r}, jobs=1)`: rule fixes + sanitize, files written"
        return Stage(f"fix ({engine})", run_batch, note, prepare=fresh)

    def run(paths: list[Path]) -> tuple[int, int]:
        ok = failed = 0
        for path in paths:
            try:
                dumps(sanitize(load(path), engine=engine))
                ok += 1
            except NewsPostError:
                failed += 1
        return ok, failed

    return Stage(f"fix ({engine})", run, f"`dumps(sanitize(load(p), engine={engine!r}))`")


def _fresh_copy(paths: list[Path], scratch: Path) -> list[Path]:
    # fix rewrites its input: each round must start from the same, unfixed, files. They keep
    # their names and folders: a Jekyll post's date is in its name, and rules read it.
    shutil.rmtree(scratch, ignore_errors=True)
    root = Path(os.path.commonpath([path.parent for path in paths]))
    copies = []
    for path in paths:
        target = scratch / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copies.append(target)
    return copies


def convert_stage(out_dir: Path) -> Stage:
    """``convert_paths(..., "json")`` in this process: read, parse, write each JSON file."""
    from newspost import convert_paths

    def run(paths: list[Path]) -> tuple[int, int]:
        results = list(convert_paths(paths, "json", out_dir, jobs=1))
        ok = sum(result.ok for result in results)
        return ok, len(results) - ok

    return Stage("convert --to json", run, "`convert_paths(to='json', jobs=1)`, files written")


def time_stages(stages: list[Stage], paths: list[Path], repeat: int) -> None:
    """Run the stages in turns, ``repeat`` rounds, keeping each one's best wall and CPU time."""
    for stage in stages:  # warm-up, outside the timing
        stage.run(stage.prepare(paths[:WARM]) if stage.prepare else paths[:WARM])
    for _ in range(repeat):
        for stage in stages:
            given = stage.prepare(paths) if stage.prepare else paths
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            ok, failed = stage.run(given)
            stage.timing.add(time.perf_counter() - wall, time.process_time() - cpu)
            stage.timing.ok, stage.timing.failed = ok, failed


# -- scaling: one child process per measurement ---------------------------------------------


def _maxrss_mib(who: int) -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * scale / 2**20


def memory_mib() -> tuple[float, float]:
    """This process's (current, peak) resident memory in MiB.

    From /proc/self/status (VmRSS, VmHWM) where there is one. Not from ``ru_maxrss`` of
    RUSAGE_SELF: Linux carries it over ``exec``, so a child started by ``subprocess``
    would report the peak of the process that started it (a vfork shares its memory).
    """
    found: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024  # kB
    if len(found) == 2:
        return found["VmRSS"], found["VmHWM"]
    peak = _maxrss_mib(resource.RUSAGE_SELF)  # elsewhere: the best there is
    return peak, peak


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child(mode: str, folders: list[Path], jobs: int) -> dict[str, float]:
    """Run one scaling measurement in this (fresh) process; return its figures.

    Memory: the resident size after imports and warm-up (the baseline), the peak of this
    process (:func:`memory_mib`), and the peak of its largest worker process
    (``ru_maxrss`` of RUSAGE_CHILDREN: the workers are forked, not exec'd, and
    ``check_paths`` shuts its pool down before returning). CPU time counts the workers too.
    """
    from newspost import check_paths, iter_load, load
    from newspost.parse import iter_paths

    warm = list(iter_paths(folders[0]))[:WARM]
    if mode.startswith("check"):
        list(check_paths(warm, jobs=1))
    else:
        for path in warm:
            with contextlib.suppress(Exception):
                load(path)
    gc.collect()
    baseline = memory_mib()[0]
    errors: list[Exception] = []
    wall, cpu, workers_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    if mode == "check":
        posts = sum(1 for _ in check_paths(folders, jobs=1))
    elif mode == "check-jobs":
        posts = sum(1 for _ in check_paths(folders, jobs=jobs))
    elif mode == "iter_load":
        posts = sum(1 for _ in iter_load(folders, on_error=errors.append)) + len(errors)
    elif mode == "load-list":
        kept = list(iter_load(folders, on_error=errors.append))
        posts = len(kept) + len(errors)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    return {
        "posts": posts,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu + _children_cpu() - workers_cpu,
        "baseline_mib": baseline,
        "peak_mib": memory_mib()[1],
        "worker_peak_mib": _maxrss_mib(resource.RUSAGE_CHILDREN),
    }


def run_child(mode: str, folders: list[Path], jobs: int) -> dict[str, float]:
    """Run :func:`child` in a fresh interpreter, so peaks of earlier runs do not carry over."""
    command = [sys.executable, __file__, "--child", mode, "--jobs", str(jobs)]
    done = subprocess.run(
        [*command, *map(str, folders)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def replicate(folder: Path, into: Path, copies: int) -> list[Path]:
    """``copies`` copies of ``folder`` under ``into``; sizes share their first copies."""
    made = []
    for number in range(copies):
        target = into / f"copy{number:02d}"
        shutil.copytree(folder, target)
        made.append(target)
    return made


# -- report ----------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    versions = []
    for name in ("newspost", "bleach", "nh3", "lxml", "markdown-it-py", "python-frontmatter"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(cpus),
        "cpu": model,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "system": platform.platform(terse=True),
        "versions": ", ".join(versions),
    }


def load_average() -> str:
    """The 1-minute load average: above the number of CPUs, other work shares the machine."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:  # pragma: no cover - not on Unix
        return "n/a"


def stage_table(stages: list[Stage], posts: int) -> Iterator[str]:
    """The stages as Markdown rows, each with its speed relative to the naive pipeline."""
    naive = stages[0].timing
    yield "| stage | ok / failed | wall ms/post | CPU ms/post | vs naive (CPU) | vs naive (wall) |"
    yield "| --- | --- | ---: | ---: | ---: | ---: |"
    for stage in stages:
        t = stage.timing
        yield (
            f"| {stage.name} | {t.ok} / {t.failed} | {t.wall * 1000 / posts:.2f} | "
            f"{t.cpu * 1000 / posts:.2f} | {naive.cpu / t.cpu:.2f}x | {naive.wall / t.wall:.2f}x |"
        )


def scaling_rows(
    label: str, runs: Sequence[tuple[int, dict[str, float]]], naive_cpu_per_post: float
) -> Iterator[str]:
    """One Markdown row per size of one scaling run."""
    first = runs[0][1]["cpu"] / runs[0][1]["posts"]
    for copies, r in runs:
        per_post = r["cpu"] / r["posts"]
        yield (
            f"| {label} | {copies}x | {r['posts']:.0f} | {r['wall']:.1f} | "
            f"{r['wall'] * 1000 / r['posts']:.2f} | {per_post * 1000:.2f} | "
            f"{per_post / first:.2f} | {naive_cpu_per_post / per_post:.2f}x | "
            f"{r['baseline_mib']:.0f} | {r['peak_mib']:.0f} | {r['worker_peak_mib']:.0f} |"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, run the stages and the scaling runs, print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="*", type=Path, help=f"posts (default: {DEFAULT})")
    parser.add_argument("--quick", action="store_true", help="one round, sizes 1x and 4x")
    parser.add_argument("--repeat", type=int, help="rounds of the stages (default 2; quick 1)")
    parser.add_argument("--sizes", help="copies of the folder to scale to (default 1,4,16)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one scaling measurement, run by run_child in a fresh interpreter
        print(json.dumps(child(args.child, args.folder, args.jobs)))
        return 0

    folder = args.folder[0] if args.folder else DEFAULT
    repeat = args.repeat or (1 if args.quick else 2)
    sizes = [int(s) for s in (args.sizes or ("1,4" if args.quick else "1,4,16")).split(",")]
    from newspost.parse import iter_paths

    paths = list(iter_paths(folder))
    if not paths:
        print(f"no posts under {folder}", file=sys.stderr)
        return 1
    info = machine()
    started, load_before = time.perf_counter(), load_average()
    print(f"# newspost benchmark, {info['date']}\n")
    print(f"- posts: `{folder}`, {len(paths)} files")
    print(f"- machine: {info['cpus']} CPUs ({info['cpu']}), {info['system']}")
    print(f"- {info['python']}; {info['versions']}")
    fix_how = "`fix_paths`" if fix_paths_function() else "`dumps(sanitize(load(p)))`"
    print(f"- fix measured as {fix_how}; stages: best of {repeat} rounds, taking turns")
    print(f"- load average at start: {load_before}\n", flush=True)

    with tempfile.TemporaryDirectory(prefix="newspost-bench-") as tmp:
        stages = [
            naive_stage(),
            load_stage(),
            check_stage(),
            fix_stage("bleach", Path(tmp, "fix")),
        ]
        try:
            from newspost import sanitize_html

            sanitize_html("<b>x</b>", engine="nh3")
            stages.append(fix_stage("nh3", Path(tmp, "fix")))
        except Exception as exc:  # nh3 is the optional "fast" extra
            print(f"fix (nh3) skipped: {exc}\n")
        stages.append(convert_stage(Path(tmp, "json")))
        time_stages(stages, paths, repeat)
        print(f"## Stages ({len(paths)} posts, one process)\n")
        print("\n".join(stage_table(stages, len(paths))))
        print("\n`vs naive`: naive time / stage time, higher is faster.")
        # Every stage ran in this process: its peak shows whether they kept posts alive.
        now, peak = memory_mib()
        print(f"This process after the stages: {now:.0f} MiB resident, {peak:.0f} MiB peak.\n")
        sys.stdout.flush()

        naive_cpu_per_post = stages[0].timing.cpu / len(paths)
        copies = replicate(folder, Path(tmp, "scale"), max(sizes))
        print(f"## Scaling (the folder copied {', '.join(f'{s}x' for s in sizes)})\n")
        print(
            "| run | size | posts | wall s | wall ms/post | CPU ms/post | CPU/post vs 1x "
            "| vs naive (CPU) | RSS before MiB | peak RSS MiB | largest worker MiB |"
        )
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for mode, label in SCALING:
            runs = [(size, run_child(mode, copies[:size], args.jobs)) for size in sizes]
            label = label.format(jobs=args.jobs)
            print("\n".join(scaling_rows(label, runs, naive_cpu_per_post)), flush=True)
    print(
        "\n`CPU/post vs 1x`: 1.00 is perfectly linear time. CPU time includes worker "
        "processes. Each row is a fresh child process: `RSS before` after imports and "
        "warm-up, `peak RSS` its high-water mark (VmHWM), `largest worker` the peak of its "
        "largest worker process (`getrusage(RUSAGE_CHILDREN)`; 0 without workers)."
    )
    took = time.perf_counter() - started
    print(f"\nTook {took:.0f} s; load average at start {load_before}, at end {load_average()}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
