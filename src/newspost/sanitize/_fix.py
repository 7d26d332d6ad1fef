"""Fixing posts: the lint rules' fixes and a sanitizing policy, applied to the original text.

`fix_text` is the engine; `fix_post`, `fix_file` and
`fix_paths` feed it a parsed post, a file, or many files. For one post:

1. Front matter that does not parse gets the unambiguous repairs of
   `newspost.parse.recover.recover_front_matter` (the fix of NP100);
   when there is none, the post is left as it is and the error is reported.
2. The post is validated with the configuration, and every fixable issue's
   `newspost.validate.Edit` spans are applied, in report order; a fix
   with an edit overlapping one already taken waits for the next pass, which
   validates the result again. Passes repeat until nothing is fixable.
3. With a policy, the post is sanitized; the lines the sanitizer changed
   become edits too, and the rules run once more on the result.

Every change is an edit on a span of the text, so the bytes outside the spans
stay as they were; new line breaks are written as the file writes them where
they go (a CRLF file stays CRLF), and a BOM stays. Fixing a fixed post changes
nothing.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from itertools import accumulate, pairwise
from pathlib import Path

from newspost._pool import one_by_one, resolve_jobs
from newspost.errors import FrontMatterError, NewsPostError, ReadError
from newspost.model.post import Post
from newspost.parse import loads
from newspost.parse._text import LineIndex, decode
from newspost.sanitize._api import sanitize as _sanitize
from newspost.sanitize._engines import get_engine
from newspost.sanitize._policy import Policy, get_policy
from newspost.serialize._api import atomic_write, dumps

# The engine's own helpers: NP100 (with its fix) is reported in one place only, and
# worker processes import the same rule modules as check_paths' workers do.
from newspost.validate._engine import (
    _import_rules,
    _load_failure,
    _map_with_rules,
    collect_paths,
    validate,
)
from newspost.validate._registry import load_builtin_rules
from newspost.validate._rule import Edit
from newspost.validate.config import Config

__all__ = [
    "MAX_PASSES",
    "SANITIZE",
    "AppliedFix",
    "FixResult",
    "fix_file",
    "fix_paths",
    "fix_post",
    "fix_text",
]

MAX_PASSES = 10
"""Most rounds of edits on one post; a post needs two or three (rules, sanitizer, rules)."""

SANITIZE = "sanitize"
"""The code of the changes the sanitizing policy makes (rule fixes carry their rule's code)."""

_BARE_LF = re.compile(r"(?<!\r)\n")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True)
class AppliedFix:
    """One change made to a post.

    Attributes:
        code: The rule's code (``"NP301"``), or `SANITIZE` for a change
            the sanitizing policy made.
        line: 1-based line in the original text where the change starts.
        description: What the change does.
        start: Offset in the original text where the changed span starts.
        end: Offset just past the changed span in the original text (a change
            made inside an earlier one's new text reports that one's span).
    """

    code: str
    line: int
    description: str
    start: int
    end: int


@dataclass(frozen=True)
class FixResult:
    r"""What fixing one post did: the new text and the fixes, or the error that stopped it.

    Attributes:
        path: The post's file, if any.
        original: The text before fixing ("" for a file that could not be read or decoded).
        text: The text after fixing; ``original`` when nothing could be done.
        fixes: The changes applied, in the order they were made.
        error: Why the post could not be fixed (front matter with no safe repair,
            bytes that are not UTF-8, a file that cannot be read or written), or None.
        written: Whether the new text was written to ``path``.

    Examples:
        >>> from newspost.sanitize import fix_text
        >>> result = fix_text('---\ntitle: Hi\n---\nSee <a href="httpss://a.kr">a</a>.\n')
        >>> result.changed, [fix.code for fix in result.fixes]
        (True, ['NP301'])
    """

    path: str | None
    original: str
    text: str
    fixes: list[AppliedFix] = field(default_factory=list)
    error: NewsPostError | None = None
    written: bool = False

    @property
    def changed(self) -> bool:
        """Whether the text changed."""
        return self.text != self.original

    @property
    def ok(self) -> bool:
        """True when the post could be fixed (or needed nothing)."""
        return self.error is None

    @property
    def counts(self) -> Counter[str]:
        """How many fixes of each code were applied."""
        return Counter(fix.code for fix in self.fixes)

    def diff(self, *, context: int = 3) -> str:
        r"""A unified diff of the fix, from `a/PATH` to `b/PATH`; empty when nothing changed.

        Examples:
            >>> from newspost.sanitize import fix_text
            >>> result = fix_text("---\ntitle: A  B\n---\nText.\n", path="a.md")
            >>> print(result.diff(), end="")
            --- a/a.md
            +++ b/a.md
            @@ -1,4 +1,4 @@
             ---
            -title: A  B
            +title: A B
             ---
             Text.
        """
        if not self.changed:
            return ""
        name = Path(self.path).as_posix().lstrip("/") if self.path else "<string>"
        lines = difflib.unified_diff(
            _LINE.findall(self.original),
            _LINE.findall(self.text),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
            n=context,
        )
        # As git and patch write it, so the diff applies to a file without a final newline.
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


@dataclass(frozen=True)
class _Options:
    """What to fix and how, sent as it is to worker processes."""

    config: Config
    fixing: Config  # ``config`` narrowed to the rules that can fix something
    policy: str | Policy | None
    engine: str
    write: bool = False


# -- applying edits ----------------------------------------------------------------------------

_Change = tuple[str, str, list[Edit]]  # code, description, edits on the current text


class _Run:
    """The text being fixed, the edits made so far, and how to map a span back to the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self.fixes: list[AppliedFix] = []
        # Each round of edits as (start, end, length of the new text), on that round's input.
        self._rounds: list[list[tuple[int, int, int]]] = []
        self._index: LineIndex | None = None
        self._before = (original, 0)  # the text and the number of fixes before the last round

    def apply(self, changes: list[_Change]) -> bool:
        """Apply the changes whose edits overlap none taken before them; False if none was."""
        text = self.text
        taken: list[Edit] = []
        accepted: list[_Change] = []
        for code, description, edits in changes:
            if any(not 0 <= e.start <= e.end <= len(text) for e in edits):
                continue  # a rule's bug: never guess what it meant
            mine = [
                e for e in (_line_breaks_as_around(text, e) for e in edits) if _changes(text, e)
            ]
            ordered = sorted(mine, key=lambda e: (e.start, e.end))
            if not mine or any(_clash(a, b) for a, b in pairwise(ordered)):
                continue
            # Keep the first of two overlapping edits: the later fix is found again next pass.
            if any(_clash(a, b) for a in mine for b in taken):
                continue
            taken.extend(mine)
            accepted.append((code, description, mine))
        if not accepted:
            return False
        self._before = (text, len(self.fixes))
        for code, description, edits in accepted:
            start, end = self._to_original(
                min(e.start for e in edits), max(e.end for e in edits), len(self._rounds)
            )
            line = self._line(start)
            self.fixes.append(AppliedFix(code, line, description, start, end))
        ordered = sorted(taken, key=lambda e: (e.start, e.end))
        pieces: list[str] = []
        position = 0
        for edit in ordered:
            pieces += (text[position : edit.start], edit.replacement)
            position = edit.end
        pieces.append(text[position:])
        self._rounds.append([(e.start, e.end, len(e.replacement)) for e in ordered])
        self.text = "".join(pieces)
        return True

    def undo(self) -> None:
        """Take back the last round of edits and the fixes it made."""
        self._rounds.pop()
        self.text, fixes = self._before
        del self.fixes[fixes:]

    def _line(self, offset: int) -> int:
        if self._index is None:
            self._index = LineIndex(self.original)
        return self._index.position(offset)[0]

    def _to_original(self, start: int, end: int, rounds: int) -> tuple[int, int]:
        for spans in reversed(self._rounds[:rounds]):
            start, end = _back(spans, start, high=False), _back(spans, end, high=True)
        return start, end


def _back(spans: list[tuple[int, int, int]], offset: int, *, high: bool) -> int:
    """Where an offset in a round's output was in its input (inside new text: its span's ends)."""
    shift = 0
    for start, end, size in spans:
        new_start = start + shift
        if offset <= new_start:
            break
        if offset < new_start + size:
            return end if high else start
        shift += size - (end - start)
    return offset - shift


def _clash(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        # An insertion at the edge of another edit: which text goes first is unclear.
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def _changes(text: str, edit: Edit) -> bool:
    return text[edit.start : edit.end] != edit.replacement


def _line_break_near(text: str, start: int, end: int) -> str | None:
    """The line break the file uses where a span is: in it, after it, or before it."""
    span = text[start:end]
    if "\n" in span:
        return "\r\n" if "\r\n" in span else "\n"
    after = text.find("\n", end)
    if after == -1:
        after = text.rfind("\n", 0, start)
    if after == -1:
        return None
    return "\r\n" if after > 0 and text[after - 1] == "\r" else "\n"


def _line_breaks_as_around(text: str, edit: Edit) -> Edit:
    """The edit with the line breaks it adds written as the file writes them there."""
    if "\n" not in edit.replacement or _line_break_near(text, edit.start, edit.end) != "\r\n":
        return edit
    replacement = _BARE_LF.sub("\r\n", edit.replacement)
    if edit.replacement.startswith("\n") and edit.start > 0 and text[edit.start - 1] == "\r":
        replacement = replacement[1:]  # that \n completes the \r before the edit
    return edit.model_copy(update={"replacement": replacement})


def _line_changes(before: str, after: str, description: str) -> list[_Change]:
    """The sanitizer's changes as edits: one per run of changed lines."""
    old, new = _LINE.findall(before), _LINE.findall(after)
    offsets = [0, *accumulate(len(line) for line in old)]
    # With autojunk, lines common in the post (blank ones) do not start a match: without
    # it, long posts take seconds. The hunks may be larger, but they are still exact.
    matcher = difflib.SequenceMatcher(None, old, new)
    return [
        (
            SANITIZE,
            description,
            [Edit(start=offsets[i1], end=offsets[i2], replacement="".join(new[j1:j2]))],
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# -- one post ----------------------------------------------------------------------------------


def _options(
    config: Config | None,
    policy: str | Policy | None,
    engine: str,
    sanitize: bool,
    write: bool = False,
) -> _Options:
    chosen = policy if sanitize else None
    if chosen is not None:
        # An unknown policy or a missing engine is the caller's error: raise it before any file.
        get_policy(chosen)
        get_engine(engine)
    config = config if config is not None else Config()
    return _Options(config, _fixing(config), chosen, engine, write)


def _fixing(config: Config) -> Config:
    """The configuration's rules that declare fixes: a third of the time of running them all."""
    codes = [
        code
        for code, rule in load_builtin_rules().items()
        if rule.fixable and config.is_enabled(code)
    ]
    # Exact codes, nothing ignored: the same rules as ``config`` selects, per-file ignores,
    # options and the posts' own ``newspost: disable`` comments still apply.
    return config.model_copy(update={"select": codes, "ignore": []})


def _policy_description(policy: str | Policy) -> str:
    if isinstance(policy, Policy):
        return "sanitize with a custom policy"
    return f"sanitize with the {policy!r} policy"


def _fix(text: str, path: str | None, post: Post | None, options: _Options) -> FixResult:
    run = _Run(text)
    if post is None:
        try:
            post = loads(text, path=path, limits=options.config.limits)
        except FrontMatterError as exc:
            issues = _load_failure(path, exc, options.config, text=text).issues
            fix = issues[0].fix if issues else None
            if fix is None:  # no safe repair, or NP100 is not selected: leave the post alone
                return FixResult(path, text, text, error=exc)
            run.apply([(issues[0].code, fix.description, list(fix.edits))])
            try:
                post = loads(run.text, path=path, limits=options.config.limits)
            except NewsPostError:  # pragma: no cover - the fix is offered only if this loads
                return FixResult(path, text, text, error=exc)
        except NewsPostError as exc:  # a lone surrogate, a limit
            return FixResult(path, text, text, error=exc)
    policy = options.policy
    sanitized: str | None = None  # the text as the sanitizer last left it
    for _ in range(MAX_PASSES):
        report = validate(post, options.fixing)
        changes = [
            (issue.code, issue.fix.description, list(issue.fix.edits))
            for issue in report.issues
            if issue.fix is not None
        ]
        if not (changes and run.apply(changes)):
            if policy is None or run.text == sanitized:
                break
            cleaned = _sanitize(post, policy, engine=options.engine)
            if cleaned is post or not run.apply(
                _line_changes(run.text, dumps(cleaned), _policy_description(policy))
            ):
                break
            sanitized = run.text
            if run.text == cleaned.raw.text:
                post = cleaned  # the sanitizer parsed it already
                continue
        try:
            post = loads(run.text, path=path, limits=options.config.limits)
        except NewsPostError:
            # An edit that breaks the post is a rule's bug: keep the post as it was before it.
            run.undo()
            break
    return FixResult(path, text, run.text, list(run.fixes))


def fix_text(
    text: str | bytes,
    *,
    path: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    policy: str | Policy | None = "standard",
    engine: str = "bleach",
    sanitize: bool = True,
) -> FixResult:
    r"""Fix a post's text: repair its front matter, apply the rules' fixes, sanitize its body.

    Only the spans that the repairs, fixes and sanitizer rewrite change; every
    other byte, the line breaks (CRLF stays CRLF) and a BOM stay as they are.
    Fixing the result again changes nothing.

    Args:
        text: The whole post file; bytes are decoded as UTF-8.
        path: Where it came from: for ``per-file-ignores``, the flavor, the date
            of a Jekyll file name and the result's diff. Nothing is read or written.
        config: Which rules' fixes to apply (``select``/``ignore``, per-file
            ignores, the post's own ``newspost: disable`` comments); the
            defaults when None.
        policy: The sanitizing policy (a name or a `Policy`); None or
            ``sanitize=False`` to apply only the rules' fixes.
        engine: The sanitizer engine: ``"bleach"`` or ``"nh3"``.
        sanitize: Whether to sanitize with ``policy``.

    Returns:
        A `FixResult`. A post that cannot be fixed (front matter with no
        safe repair, text that is not UTF-8) comes back unchanged with its
        ``error``; nothing is raised for it.

    Raises:
        PolicyError: an unknown policy, or an engine that is not installed.

    Examples:
        >>> from newspost.sanitize import fix_text
        >>> result = fix_text("---\ntitle: [속보] 지진\n---\nBody\n", sanitize=False)
        >>> print(result.text, end="")
        ---
        title: "[속보] 지진"
        ---
        Body
        >>> [(fix.code, fix.line) for fix in result.fixes]
        [('NP100', 2)]
    """
    options = _options(config, policy, engine, sanitize)
    name = os.fspath(path) if path is not None else None
    if isinstance(text, bytes | bytearray):
        try:
            text = decode(bytes(text), path=name)
        except NewsPostError as exc:
            return FixResult(name, "", "", error=exc)
    return _fix(text, name, None, options)


def fix_post(
    post: Post,
    *,
    config: Config | None = None,
    policy: str | Policy | None = "standard",
    engine: str = "bleach",
    sanitize: bool = True,
) -> FixResult:
    """Fix a parsed post, as `fix_text` fixes its text; ``loads(result.text)`` is the result.

    Examples:
        >>> from newspost import load
        >>> from newspost.sanitize import fix_post
        >>> result = fix_post(load("examples/seed.md"))
        >>> 'href="httpss:' in result.original, 'href="httpss:' in result.text
        (True, False)
    """
    options = _options(config, policy, engine, sanitize)
    return _fix(post.raw.text, post.path, post, options)


def fix_file(
    path: str | os.PathLike[str],
    *,
    config: Config | None = None,
    policy: str | Policy | None = "standard",
    engine: str = "bleach",
    sanitize: bool = True,
    write: bool = True,
) -> FixResult:
    """Fix a post file, as `fix_text` fixes text, and write it back if it changed.

    The file is replaced atomically (a temporary file in the same folder,
    flushed to disk, renamed over it), keeping its mode: a crash leaves the old
    file or the new one, never half of one. An unchanged file is not touched.

    Args:
        path: The post file.
        config: As for `fix_text`.
        policy: As for `fix_text`.
        engine: As for `fix_text`.
        sanitize: As for `fix_text`.
        write: False to only compute the result (``--diff``, ``--check``).

    Returns:
        A `FixResult`; a file that cannot be read, decoded, fixed or
        written comes back with its ``error`` (a `ReadError` for I/O).

    Examples:
        >>> import shutil, tempfile
        >>> from pathlib import Path
        >>> from newspost.sanitize import fix_file
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     copy = shutil.copy("examples/seed.md", folder)
        ...     result = fix_file(copy)
        ...     result.written, Path(copy).read_text("utf-8") == result.text
        (True, True)
    """
    options = _options(config, policy, engine, sanitize, write)
    return _fix_file(os.fspath(path), options)


def _fix_file(path: str, options: _Options) -> FixResult:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        error = ReadError(f"cannot read the file: {exc.strerror or exc}", path=path)
        return FixResult(path, "", "", error=error)
    try:
        text = decode(data, path=path)
    except NewsPostError as exc:
        return FixResult(path, "", "", error=exc)
    result = _fix(text, path, None, options)
    if not (options.write and result.changed):
        return result
    try:
        atomic_write(Path(path), result.text.encode("utf-8"))
    except NewsPostError as exc:
        return replace(result, error=exc)
    return replace(result, written=True)


# -- many files --------------------------------------------------------------------------------


def _fix_chunk(
    paths: list[str], options: _Options, modules: tuple[str, ...] = ()
) -> list[FixResult]:
    # Runs in a worker: paths in, results out (each worker writes its own files). As in
    # check, the worker of a caller's executor imports the modules of the caller's rules.
    _import_rules(modules)
    return [_fix_file(path, options) for path in paths]


def fix_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    config: Config | None = None,
    policy: str | Policy | None = "standard",
    engine: str = "bleach",
    sanitize: bool = True,
    write: bool = True,
    jobs: int | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
) -> Iterator[FixResult]:
    """Fix many post files (folders walked recursively), yielding one result per post in order.

    Files that are not posts are skipped, as by `newspost.validate.collect_paths`.
    Work goes to worker processes in chunks of paths (up to
    `newspost.validate.CHUNK_SIZE`); each worker fixes and writes its
    files and returns only their results.

    Args:
        paths: Post files and folders.
        config: As for `fix_text`.
        policy: As for `fix_text`.
        engine: As for `fix_text`.
        sanitize: As for `fix_text`.
        write: Write the files that change (atomically, keeping their mode);
            False to only compute the results.
        jobs: Worker processes when no executor is given (default: the CPUs);
            1 fixes in this process, and so do runs of fewer than 16 files.
        executor: Any `concurrent.futures.Executor` to use instead; it
            is not shut down. Its workers import the modules that registered
            this process's rules first; those must be importable there.
        chunk_size: Paths per task; by default enough for four tasks per
            worker, at most `newspost.validate.CHUNK_SIZE`.

    Returns:
        A generator of `FixResult`; ``close()`` it to stop early.

    Raises:
        PolicyError: an unknown policy or a missing engine (before any file is read).
        ReadError: a named path does not exist (when the iterator starts).
        ValueError: ``jobs`` is below 1.

    Examples:
        >>> from newspost.sanitize import fix_paths
        >>> results = list(fix_paths(["examples"], write=False, jobs=1))
        >>> len(results) > 3, all(result.ok for result in results)
        (True, True)
    """
    options = _options(config, policy, engine, sanitize, write)
    workers = resolve_jobs(jobs)
    return _fix_paths(paths, options, workers, executor, chunk_size)


def _fix_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    options: _Options,
    workers: int,
    executor: Executor | None,
    chunk_size: int | None,
) -> Iterator[FixResult]:
    files = [os.fspath(path) for path in collect_paths(paths).posts]
    with _map_with_rules(
        one_by_one(functools.partial(_fix_file, options=options)),
        functools.partial(_fix_chunk, options=options),
        files,
        workers=workers,
        executor=executor,
        chunk_size=chunk_size,
    ) as results:
        yield from results
