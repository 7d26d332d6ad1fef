"""The engine: run the selected rules over posts and turn what they find into reports.

``validate`` checks one parsed post; ``check_file`` reads a file first and turns
a post that cannot be read into an issue (NP100, NP101, NP117) instead of an
exception; ``check_paths`` does the same for many files, in worker processes
when there are enough of them.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newspost._pool import default_jobs, map_chunks, resolve_jobs
from newspost.errors import EncodingError, FrontMatterError, LimitError, NewsPostError, ReadError
from newspost.model._base import assemble, reduce_to_fields
from newspost.model.post import Post
from newspost.parse import _SKIPPED_DIRS, is_post_file, iter_paths, load, loads  # iter_paths' walk
from newspost.parse.recover import recover_front_matter
from newspost.validate._registry import ALL, code_matches, load_builtin_rules
from newspost.validate._rule import RULES, Context, Edit, Fix, Issue, LintRule, Severity, register
from newspost.validate.config import Config

__all__ = [
    "CHUNK_SIZE",
    "FrontMatterInvalid",
    "NotUtf8",
    "PostPaths",
    "Report",
    "check_file",
    "check_paths",
    "collect_paths",
    "default_jobs",
    "validate",
]

CHUNK_SIZE = 32
"""Most paths sent to a worker process in one task: enough to make the round trip cheap."""

_POOL_FROM = 16  # fewer files than this are checked in-process: a pool would cost more

R = TypeVar("R")


# -- the rules the engine itself reports -----------------------------------------------------


def _register_once(cls: type[LintRule]) -> type[LintRule]:
    # pytest's importlib import mode (with --doctest-modules) may run this module a second
    # time after the package imported it: the same class again is not a clash.
    existing = RULES.get(cls.code)
    if existing is not None and type(existing).__qualname__ == cls.__qualname__:
        return cls
    return register(cls)


class _LoadFailure(LintRule):
    """A rule for a post that cannot be read: ``check_file`` reports it, not ``check``."""

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Nothing to check on a parsed post: ``check_file`` reports this when loading fails."""
        return iter(())


@_register_once
class FrontMatterInvalid(_LoadFailure):
    """Front matter that cannot be split from the body or does not parse.

    Jekyll and Hugo stop the build or drop the post when its front matter is not
    valid YAML, TOML or JSON, so no other rule can check such a post either. The
    issue points at the line and column where the parser gave up, and says how to
    fix it. Most often a value holds a character YAML gives a meaning to (a
    leading `[`, `{`, `*`, `&`, or `: ` inside it) and needs quotes, or a title
    runs over several lines.

    Bad:

    ```yaml
    ---
    title: [Table tennis] Jang Woo-jin reaches the last 16
    ---
    ```

    Good:

    ```yaml
    ---
    title: "[Table tennis] Jang Woo-jin reaches the last 16"
    ---
    ```
    """

    code = "NP100"
    name = "front-matter-invalid"
    severity = Severity.ERROR
    summary = "front matter does not parse"


@_register_once
class NotUtf8(_LoadFailure):
    r"""A file whose bytes are not UTF-8.

    Jekyll, Hugo, browsers and feeds read posts as UTF-8; a file saved in another
    encoding (CP949/EUC-KR, Shift JIS, Latin-1) shows as mojibake or stops the
    build. The issue points at the first byte that is not UTF-8.

    Bad: a post saved as CP949 (`\xc7\xd1\xb1\xb9` for 한국).

    Good: the same post saved as UTF-8, for example with
    `iconv -f cp949 -t utf-8 old.md > new.md`.
    """

    code = "NP101"
    name = "not-utf8"
    severity = Severity.ERROR
    summary = "the file is not UTF-8"


@_register_once
class OverSafetyLimit(_LoadFailure):
    """A post over one of the safety limits on what reading a post may cost.

    newspost refuses to read a file that is bigger, longer or more deeply nested
    than any real post (8 MiB, 50,000 lines or HTML elements, elements or front
    matter values nested 100 deep, 20,000 YAML values once aliases are expanded),
    so that a hostile or broken file cannot hang a check or exhaust memory. Such a
    post is not checked; the issue names the limit. Jekyll and Hugo would most
    likely choke on it too: a generated page that nests `<div>`s 150 deep, or a
    YAML alias bomb, is a fault of its own.

    Bad: a body whose `<div>`s nest 150 deep.

    Good: the same content without the nesting; or, for a file you trust, a
    higher limit in the configuration:

    ```toml
    [tool.newspost.limits]
    max-depth = 200
    ```
    """

    code = "NP117"
    name = "over-safety-limit"
    severity = Severity.ERROR
    summary = "the post is over a safety limit and was not checked"


# -- reports ---------------------------------------------------------------------------------


class Report(BaseModel):
    r"""The issues found in one post, sorted by line and column, and whether it passes.

    Examples:
        >>> from newspost import loads
        >>> from newspost.validate import validate
        >>> report = validate(loads("---\ntitle: Hello\n---\nText.\n", path="hello.md"))
        >>> report.path, report.ok == (report.errors == 0)
        ('hello.md', True)
    """

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, defer_build=True)
    __reduce__ = reduce_to_fields  # reports come back from worker processes

    path: str | None = Field(default=None, description="The post's file, if any.")
    issues: list[Issue] = Field(default_factory=list, description="Findings, by line and column.")
    fail_on: Severity = Field(
        default=Severity.ERROR, description="The severity at and above which the post fails."
    )

    @property
    def ok(self) -> bool:
        """True when no issue is at or above ``fail_on``."""
        threshold = self.fail_on.rank
        return all(issue.severity.rank < threshold for issue in self.issues)

    @property
    def counts(self) -> dict[str, int]:
        """Number of issues by severity: ``{"error": n, "warning": n, "info": n}``."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for issue in self.issues:
            counts[issue.severity.value] += 1
        return counts

    @property
    def errors(self) -> int:
        """Number of error issues."""
        return sum(issue.severity is Severity.ERROR for issue in self.issues)

    @property
    def warnings(self) -> int:
        """Number of warning issues."""
        return sum(issue.severity is Severity.WARNING for issue in self.issues)

    @property
    def infos(self) -> int:
        """Number of info issues."""
        return sum(issue.severity is Severity.INFO for issue in self.issues)

    @property
    def failing(self) -> list[Issue]:
        """The issues at or above ``fail_on``: those that make the post fail."""
        return [issue for issue in self.issues if issue.severity.rank >= self.fail_on.rank]


def _sort_key(issue: Issue) -> tuple[int, int, str]:
    return (issue.line or 0, issue.column or 0, issue.code)


# -- selection, severities and suppression comments ------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """What a configuration means for the current registry, worked out once per config."""

    rules: tuple[LintRule, ...]
    overrides: dict[str, Severity]


_PLANS: dict[int, tuple[Config, tuple[LintRule, ...], _Plan]] = {}


def _plan(config: Config) -> _Plan:
    registry = load_builtin_rules()
    current = tuple(registry.values())
    cached = _PLANS.get(id(config))
    # The cache holds the config itself, so its id cannot be reused while cached;
    # comparing the rules (by identity) notices rules registered or replaced since.
    if cached is not None and cached[0] is config and cached[1] == current:
        return cached[2]
    rules = tuple(rule for code, rule in registry.items() if config.is_enabled(code))
    overrides = {
        code: level
        for code, rule in registry.items()
        if (level := config.severity_of(code, rule.severity)) is not rule.severity
    }
    plan = _Plan(rules, overrides)
    if len(_PLANS) >= 16:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[id(config)] = (config, current, plan)
    return plan


# Directives are lower case, like ESLint's; the codes in them are not case-sensitive.
_HTML_DIRECTIVE = re.compile(r"<!--\s*newspost:\s*(disable-next-line|disable)(?![\w-])([^>]*?)-->")
_FRONT_MATTER_DIRECTIVE = re.compile(
    r"^[ \t]*#[ \t]*newspost:[ \t]*(disable-next-line|disable)(?![\w-])(.*)$", re.MULTILINE
)


@dataclass
class _Suppressions:
    """What a post's own ``newspost: disable`` comments turn off."""

    file: tuple[str, ...] = ()
    lines: dict[int, tuple[str, ...]] | None = None

    def hides(self, issue: Issue) -> bool:
        if not self.lines or issue.line is None:
            return False
        codes = self.lines.get(issue.line)
        return codes is not None and code_matches(issue.code, codes)


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(part.upper() for part in re.split(r"[\s,]+", text.strip()) if part)
    return (ALL,) if not codes or ALL in codes else codes


def _suppressions(post: Post) -> _Suppressions:
    text = post.raw.text
    if "newspost:" not in text:  # the common case: no directives, no regex run
        return _Suppressions()
    file: list[str] = []
    lines: dict[int, tuple[str, ...]] = {}

    def add(kind: str, codes: tuple[str, ...], line: int) -> None:
        if kind == "disable":
            file.extend(codes)
        else:
            lines[line + 1] = lines.get(line + 1, ()) + codes

    for match in _HTML_DIRECTIVE.finditer(text):
        add(match.group(1), _codes(match.group(2)), text.count("\n", 0, match.end()) + 1)
    if post.raw.format in ("yaml", "toml"):
        first = text.count("\n", 0, post.raw.front_matter_start) + 1
        front = post.raw.front_matter_text
        for match in _FRONT_MATTER_DIRECTIVE.finditer(front):
            add(match.group(1), _codes(match.group(2)), first + front.count("\n", 0, match.start()))
    return _Suppressions(tuple(file), lines or None)


def _finish(issues: list[Issue], plan: _Plan) -> list[Issue]:
    if plan.overrides:
        issues = [
            issue.model_copy(update={"severity": plan.overrides[issue.code]})
            if issue.code in plan.overrides
            else issue
            for issue in issues
        ]
    issues.sort(key=_sort_key)
    return issues


# -- checking --------------------------------------------------------------------------------


def validate(post: Post, config: Config | None = None) -> Report:
    r"""Run the selected rules over a parsed post.

    Args:
        post: A post from `newspost.load` or `newspost.loads`.
        config: Which rules, severities and options; the defaults when None
            (no configuration file is read: see `Config.discover`).

    Returns:
        A `Report` of the issues, sorted by line and column, after
        ``select``/``ignore``, ``per-file-ignores``, ``severity`` overrides and
        the post's own ``<!-- newspost: disable ... -->`` comments.

    Examples:
        >>> from newspost import loads
        >>> from newspost.validate import Config, validate
        >>> post = loads("---\ntitle: Hello\n---\nText.\n", path="hello.md")
        >>> report = validate(post, Config(select=["NP1"], fail_on="warning"))
        >>> all(issue.code.startswith("NP1") for issue in report.issues)
        True
    """
    config = config if config is not None else _DEFAULT
    plan = _plan(config)
    suppressed = _suppressions(post)
    off = config.ignored_in(post.path) + suppressed.file
    ctx = Context(post, config.options)
    rules = [rule for rule in plan.rules if not code_matches(rule.code, off)] if off else plan.rules
    issues: list[Issue] = []
    for rule in rules:
        try:
            if suppressed.lines:
                issues.extend(issue for issue in rule.check(ctx) if not suppressed.hides(issue))
            else:
                issues.extend(rule.check(ctx))
        except Exception as exc:
            # A crashing rule is a bug in that rule: say which one and on which file.
            if hasattr(exc, "add_note"):
                exc.add_note(f"newspost: rule {rule.code} failed on {post.path or '<post>'}")
            raise
    return Report(path=post.path, issues=_finish(issues, plan), fail_on=config.fail_on)


_DEFAULT = Config()


def _load_failure(
    path: str | None,
    exc: FrontMatterError | EncodingError | LimitError,
    config: Config,
    text: str | None = None,
) -> Report:
    rule: type[_LoadFailure] = (
        FrontMatterInvalid
        if isinstance(exc, FrontMatterError)
        else OverSafetyLimit
        if isinstance(exc, LimitError)
        else NotUtf8
    )
    if not config.is_enabled(rule.code) or code_matches(rule.code, config.ignored_in(path)):
        return Report(path=path, fail_on=config.fail_on)
    message = exc.message + (f" (hint: {exc.hint})" if exc.hint else "")
    fix = None
    if isinstance(exc, FrontMatterError):
        if text is None and path is not None:
            # Only a broken post pays for reading its file twice.
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = Path(path).read_bytes().decode("utf-8")
        fix = _front_matter_fix(text, path) if text is not None else None
    issue = Issue(
        code=rule.code,
        name=rule.name,
        severity=config.severity_of(rule.code, rule.severity),
        message=message,
        path=path,
        line=exc.line,
        column=exc.column if exc.column is not None else (1 if exc.line is not None else None),
        fixable=fix is not None,
        fix=fix,
    )
    return Report(path=path, issues=[issue], fail_on=config.fail_on)


def _front_matter_fix(text: str, path: str | None) -> Fix | None:
    """NP100's fix: ``recover_front_matter``'s repairs, offered only if the result then loads."""
    repairs = recover_front_matter(text)
    if not repairs:
        return None
    edits = [Edit(start=r.start, end=r.end, replacement=r.replacement) for r in repairs]
    repaired = text
    for edit in reversed(edits):  # the repairs come in file order and never overlap
        repaired = repaired[: edit.start] + edit.replacement + repaired[edit.end :]
    try:
        # YAML that parses may still not be front matter (a list where a mapping goes):
        # say "fixable" only when the repaired post really loads.
        loads(repaired, path=path)
    except NewsPostError:
        return None
    return Fix(description="; ".join(r.description for r in repairs), edits=edits)


def check_file(path: str | os.PathLike[str], config: Config | None = None) -> Report:
    """Read a post and validate it; a post that cannot be read is reported, not raised.

    Front matter that does not parse becomes an NP100 issue at the line and
    column where parsing stopped, bytes that are not UTF-8 an NP101 issue, and a
    post over one of ``config.limits`` an NP117 issue.

    Raises:
        ReadError: the file cannot be read at all (missing, a folder, no permission).

    Examples:
        >>> from newspost.validate import check_file
        >>> report = check_file("tests/fixtures/2024-07-30-4336.md")
        >>> [(issue.code, issue.line, issue.column) for issue in report.issues]
        [('NP100', 2, 13)]
    """
    config = config if config is not None else _DEFAULT
    loaded = _load_for_check(os.fspath(path), config)
    return loaded if isinstance(loaded, Report) else validate(loaded, config)


def _load_for_check(path: str, config: Config) -> Post | Report:
    """The post at ``path``, or the report of why it does not load (NP100, NP101, NP117)."""
    try:
        return load(path, limits=config.limits)
    except (FrontMatterError, EncodingError, LimitError) as exc:
        return _load_failure(path, exc, config)


@dataclass(frozen=True)
class PostPaths:
    """The files a check covers: the posts, and how many other files were passed over."""

    posts: list[Path]
    skipped: int


def collect_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> PostPaths:
    """The post files named or found under ``paths``, and how many other files were passed over.

    Folders are walked as `newspost.parse.iter_paths` walks them. Unlike
    ``iter_paths``, a named file that is not a post (``requirements.txt``, a
    ``.html`` page without front matter, a picture) is skipped too, so a
    pre-commit hook can pass every changed file.

    Raises:
        ReadError: a named path does not exist.

    Examples:
        >>> from newspost.validate import collect_paths
        >>> found = collect_paths(["examples", "pyproject.toml"])
        >>> len(found.posts) > 3, found.skipped
        (True, 1)
    """
    named = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    for entry in named:
        if not os.path.exists(entry):
            raise ReadError(
                "no such file or folder", path=os.fspath(entry), hint="is it relative to here?"
            )
    skipped = 0
    chosen: list[str | os.PathLike[str]] = []
    for entry in named:
        if not os.path.isdir(entry):
            if is_post_file(Path(entry)):
                chosen.append(entry)
            else:
                skipped += 1
            continue
        chosen.append(entry)
        # The same walk iter_paths makes, counting what it passes over.
        for folder, dirs, files in os.walk(entry):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS]
            skipped += sum(
                not name.startswith(".") and not is_post_file(Path(folder, name)) for name in files
            )
    return PostPaths(list(iter_paths(chosen)), skipped)


def _rule_modules() -> tuple[str, ...]:
    """The modules that registered the rules, for worker processes to import (`_import_rules`)."""
    found = {type(rule).__module__ for rule in load_builtin_rules().values()}
    found.discard("__main__")  # not importable by that name in a worker
    return tuple(sorted(found))


def _import_rules(modules: tuple[str, ...]) -> None:
    # A worker started by "spawn" or "forkserver" (not "fork") begins with the built-in
    # rules only: import the modules that registered the parent's other rules too.
    for module in modules:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)


def _check_chunk(
    paths: list[str], config: Config, modules: tuple[str, ...] = (), fixes: bool = True
) -> list[Report]:
    # Runs in a worker: only paths go in and Reports come out, never whole Posts.
    # A worker of someone else's executor (Dask, spawn) has not imported the
    # modules of the caller's own rules: do it here, once per process (cached).
    _import_rules(modules)
    return list(_check_in_batches(paths, config, fixes))


BATCH_SIZE = 32
"""Posts loaded before any of them is validated, when checking many files."""


def _check_in_batches(paths: list[str], config: Config, fixes: bool = True) -> Iterator[Report]:
    """`check_file` on each path, in order, loading `BATCH_SIZE` posts before validating them.

    Parsing and the rules run through different code and data; doing each for a
    few posts in a row, instead of turn about for every post, took 5 to 20% less
    CPU time on koreanews in paired runs (the instructions are the same: the
    processor's caches fare better). The reports are `check_file`'s; a file that
    raises (``ReadError``) raises when its turn comes, after the reports of the
    files before it. Without ``fixes``, their issues are `_without_fixes`.
    """
    for start in range(0, len(paths), BATCH_SIZE):
        loaded: list[Post | Report] = []
        failure: BaseException | None = None
        for path in paths[start : start + BATCH_SIZE]:
            try:
                loaded.append(_load_for_check(path, config))
            except Exception as exc:  # raised again below, in its turn
                failure = exc
                break
        for item in loaded:
            report = item if isinstance(item, Report) else validate(item, config)
            yield report if fixes else _without_fixes(report)
        if failure is not None:
            raise failure


def _without_fixes(report: Report) -> Report:
    """``report`` with every issue's ``fix`` left out (``fixable`` still says if there was one)."""
    if all(issue.fix is None for issue in report.issues):
        return report
    issues = [
        issue
        if issue.fix is None
        # Built as `Issue` itself builds a finding (every value already checked).
        else assemble(Issue, {**issue.__dict__, "fix": None}, set(issue.__pydantic_fields_set__))
        for issue in report.issues
    ]
    fields = {**report.__dict__, "issues": issues}
    return assemble(Report, fields, set(report.__pydantic_fields_set__))


def check_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    fixes: bool = True,
) -> Generator[Report, None, None]:
    """Check many files and folders (walked recursively), yielding one report per post in order.

    Work goes to worker processes in chunks of paths (up to `CHUNK_SIZE`),
    each returning only its reports. Load failures are issues (NP100, NP101,
    NP117), as in `check_file`.

    Args:
        paths: Files and folders; folders are walked as by `newspost.parse.iter_paths`.
        config: What to check; the defaults when None.
        jobs: Worker processes when no executor is given (default: the CPUs);
            1 checks in this process, and so do runs of fewer than 16 files.
        executor: Any `concurrent.futures.Executor` to use instead; it
            is not shut down. Its workers import the modules that registered
            this process's rules first; those must be importable there.
        chunk_size: Paths per task; by default enough for four tasks per
            worker, at most `CHUNK_SIZE`.
        fixes: False to leave out each issue's `Fix` (``fixable`` still says
            whether it has one), for a caller that only reports: the repairs are
            a third of what worker processes send back. ``newspost check`` does.

    Returns:
        A generator of reports in the order of the paths; ``close()`` it to stop
        early (the worker processes are shut down).

    Raises:
        ReadError: a path does not exist or a file cannot be read (when the
            iterator reaches it).

    Examples:
        >>> from newspost.validate import check_paths
        >>> reports = list(check_paths(["examples"], jobs=1))
        >>> len(reports) > 3
        True
    """
    config = config if config is not None else _DEFAULT
    files = [os.fspath(path) for path in collect_paths(paths).posts]
    if not files:
        return
    with _map_with_rules(
        functools.partial(_check_in_batches, config=config, fixes=fixes),
        functools.partial(_check_chunk, config=config, fixes=fixes),
        files,
        workers=resolve_jobs(jobs),
        executor=executor,
        chunk_size=chunk_size,
    ) as reports:
        yield from reports


def _map_with_rules(
    in_process: Callable[[list[str]], Iterator[R]],
    chunk: Callable[..., list[R]],
    files: list[str],
    *,
    workers: int,
    executor: Executor | None,
    chunk_size: int | None,
) -> contextlib.AbstractContextManager[Iterator[R]]:
    """`map_chunks` for work that runs the rules (``check``, ``fix``), file by file.

    ``chunk`` is called with ``modules=``, the modules that registered the rules,
    to import first (`_import_rules`): a worker of the caller's own executor (Dask,
    "spawn") starts with the built-in rules only. A pool made here imports them
    when each worker starts.
    """
    modules = _rule_modules()
    return map_chunks(
        in_process,
        functools.partial(chunk, modules=modules),
        files,
        workers=workers,
        executor=executor,
        most=CHUNK_SIZE,
        chunk_size=chunk_size,
        pool_from=_POOL_FROM,
        initializer=functools.partial(_import_rules, modules),
    )
