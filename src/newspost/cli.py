"""The ``newspost`` command: a thin shell of argument handling around the public API.

Each subcommand is a function ``(args) -> exit code`` registered in
:data:`COMMANDS` by :func:`command`; the library does the work, this module
only chooses what to print and which code to exit with.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import newspost
from newspost import NewsPostError, Post
from newspost.validate import (
    FORMATS,
    Config,
    Report,
    Severity,
    check_paths,
    collect_paths,
    format_reports,
    load_builtin_rules,
    render_rule_text,
    render_rules_markdown,
    styled_text,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from rich.tree import Tree

# rich is imported where it draws (a terminal's colours, the progress bar, `show`'s tree):
# piped output is plain text, and importing rich cost a tenth of the start-up of a
# pre-commit run of `check` on one post, which writes to a pipe.

__all__ = ["COMMANDS", "main"]

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(
    name: str, help: str
) -> Callable[
    [Callable[[argparse.ArgumentParser], None]], Callable[[argparse.ArgumentParser], None]
]:
    """Register a subcommand: decorate a function adding its arguments; it names its handler."""

    def wrap(
        configure: Callable[[argparse.ArgumentParser], None],
    ) -> Callable[[argparse.ArgumentParser], None]:
        handler: Handler = getattr(configure, "handler")  # noqa: B009 - set by @handles
        COMMANDS[name] = (handler, configure, help)
        return configure

    return wrap


def handles(
    handler: Handler,
) -> Callable[
    [Callable[[argparse.ArgumentParser], None]], Callable[[argparse.ArgumentParser], None]
]:
    """Attach the handler to an argument-configuring function (used with :func:`command`)."""

    def wrap(
        configure: Callable[[argparse.ArgumentParser], None],
    ) -> Callable[[argparse.ArgumentParser], None]:
        configure.handler = handler  # type: ignore[attr-defined]
        return configure

    return wrap


def _console(stream: Any = None) -> Console:
    from rich.console import Console

    stream = stream or sys.stdout
    # Piped output is read by people and tools alike: never crop it at 80 columns.
    width = None if stream.isatty() else 200
    return Console(file=stream, soft_wrap=True, highlight=False, width=width)


def _styled(stream: Any) -> bool:
    """Whether rich would colour what goes to ``stream``: a terminal, or colour forced."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    return bool(stream.isatty())


def _escape(text: str) -> str:
    """``text`` with what rich reads as markup (``[bold]``) escaped."""
    from rich.markup import escape

    return escape(text)


def _say(label: str, colour: str, text: str) -> None:
    """Write ``label: text`` to stderr, the label in bold ``colour`` where colours show."""
    if _styled(sys.stderr):
        _console(sys.stderr).print(f"[bold {colour}]{label}[/]: {_escape(text)}")
    else:
        sys.stderr.write(f"{label}: {text}\n")


def report_error(error: NewsPostError) -> None:
    """Print a library error the way every command does: ``path:line:col: message``."""
    _say("error", "red", str(error))


# -- show ------------------------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    console = _console()
    failed = 0
    for path in newspost.parse.iter_paths(args.paths):
        try:
            post = newspost.load(path, flavor=args.flavor)
        except NewsPostError as exc:
            report_error(exc)
            failed += 1
            continue
        console.print(outline(post))
    return 1 if failed else 0


def outline(post: Post) -> Tree:
    """A terminal tree of a post: front matter, sections, tables, sources and footer."""
    from rich.tree import Tree

    fm = post.front_matter
    name = _escape(post.path or "<post>")
    tree = Tree(f"[bold]{name}[/]  [dim]{post.raw.format} front matter, {post.flavor}[/]")
    meta = tree.add("[bold]front matter[/]")
    shown = fm.to_mapping()
    if not shown:
        meta.add("[dim](none)[/]")
    for key, value in shown.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        text = " ".join(str(value).split())
        if len(text) > 90:
            text = text[:89] + "…"
        line = post.raw.key_lines.get(key)
        where = f"  [dim]line {line}[/]" if line else ""
        if key == "date" and not line:
            where = "  [dim](from the file name)[/]"
        meta.add(
            f"[cyan]{_escape(key)}[/]: {_escape(repr(value) if key == 'title' else text)}{where}"
        )
    if post.lead:
        lead = tree.add("[bold]lead[/]")
        for block in post.lead:
            lead.add(_block_label(block))
    sections = tree.add(f"[bold]sections[/] ({sum(1 for _ in post.walk_sections())})")
    for section in post.sections:
        _add_section(sections, section)
    tables = post.tables
    if tables:
        branch = tree.add(f"[bold]tables[/] ({len(tables)})")
        for table in tables:
            rows, columns = table.size
            header = ", ".join(cell.text for cell in table.header) or "no header"
            shape = f"{rows}×{columns}, header ({table.header_source})"
            branch.add(f"line {table.line}: {shape}: {_escape(header)}")
    sources = tree.add(f"[bold]sources[/] ({len(post.sources)})")
    for source in post.sources:
        parts = [source.title or "", f"| {source.publisher}" if source.publisher else ""]
        url = f" <{source.url}>" if source.url else ""
        said = _escape(" ".join(p for p in parts if p))
        sources.add(f"{_escape(source.label)}: {said}{_escape(url)}  [dim]line {source.line}[/]")
    if post.footer:
        footer = tree.add("[bold]footer[/]")
        for block in post.footer:
            footer.add(_block_label(block))
    return tree


def _add_section(parent: Tree, section: newspost.Section) -> None:
    kinds: dict[str, int] = {}
    for block in section.blocks:
        kinds[block.kind] = kinds.get(block.kind, 0) + 1
    summary = ", ".join(
        f"{count} {kind}{'s' if count > 1 else ''}" for kind, count in kinds.items()
    )
    node = parent.add(
        f"{'#' * section.level} {_escape(section.title)}  [dim]line {section.line}"
        + (f"; {summary}" if summary else "")
        + "[/]"
    )
    for sub in section.sections:
        _add_section(node, sub)


def _block_label(block: newspost.Block) -> str:
    if isinstance(block, newspost.Image):
        alt = _escape(repr(block.alt))
        return f"image {_escape(block.src)} alt={alt}  [dim]line {block.line}[/]"
    if isinstance(block, newspost.Table):
        rows, columns = block.size
        return f"table {rows}×{columns}  [dim]line {block.line}[/]"
    text = getattr(block, "text", "") or getattr(block, "html", "")
    text = " ".join(str(text).split())
    if len(text) > 80:
        text = text[:79] + "…"
    return f"{block.kind}: {_escape(text)}  [dim]line {block.line}[/]"


@command("show", "print the outline of posts: front matter, sections, tables, sources, footer")
@handles(_show)
def _show_args(parser: argparse.ArgumentParser) -> None:
    from newspost.parse.flavors import flavor_names

    parser.add_argument("paths", nargs="+", metavar="PATH", help="post files or folders")
    parser.add_argument(
        "--flavor",
        help=f"Markdown flavor ({', '.join(flavor_names())}); detected by default",
    )


# -- schema ----------------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(Post.model_json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


@command("schema", "print the JSON Schema of a parsed post")
@handles(_schema)
def _schema_args(parser: argparse.ArgumentParser) -> None:
    del parser


# -- check -----------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    config = Config.load(args.config) if args.config else Config.discover(args.paths)
    config = config.override(select=args.select, ignore=args.ignore, fail_on=args.fail_on)
    found = collect_paths(args.paths)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    tally: Counter[str] = Counter()
    started = time.perf_counter()
    try:
        with _progress(len(found.posts)) as progress:
            # With a bar on the terminal, lines for the same terminal go above the bar.
            printer = progress.console if progress is not None and out.isatty() else None

            def counted(reports: Iterator[Report]) -> Iterator[Report]:
                shown = 0.0
                for report in reports:
                    tally.update(report.counts)
                    tally["files"] += 1
                    tally["failed"] += not report.ok
                    tally["fixable"] += sum(issue.fixable for issue in report.issues)
                    if progress is not None:
                        progress.advance(progress.task_ids[0])
                        if time.perf_counter() - shown > 0.1:  # ten frames a second at most
                            progress.refresh()
                            shown = time.perf_counter()
                    yield report

            reports = counted(check_paths(found.posts, config, jobs=args.jobs, fixes=False))
            if args.format == "text" and out.isatty():
                printer = printer or _console(out)
                for report in reports:
                    printer.print(styled_text(report), end="")
            else:
                for chunk in format_reports(reports, args.format, config=config):
                    if printer is None:
                        out.write(chunk)
                    else:
                        printer.print(chunk, end="", markup=False, highlight=False)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.format == "text":
        _summary(tally, found.skipped, time.perf_counter() - started)
    return 1 if tally["failed"] else 0


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Progress | None]:
    """A progress bar on stderr for long runs on a terminal, else nothing."""
    if total <= 50 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # No refresh thread (auto_refresh=False): worker processes may be forked meanwhile.
    with Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(sys.stderr),
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        progress.add_task("checking", total=total)
        progress.refresh()
        yield progress


def _summary(tally: Counter[str], skipped: int, seconds: float) -> None:
    files = tally["files"]
    checked = f"{files} file{'s' if files != 1 else ''}"
    if skipped:
        checked += f" ({skipped} skipped)"
    counts = ", ".join(
        f"{tally[level]} {level}{'s' if tally[level] != 1 else ''}"
        for level in ("error", "warning", "info")
    )
    fixable = f", {tally['fixable']} fixable" if tally["fixable"] else ""
    verdict = "failed" if tally["failed"] else "passed"
    colour = "red" if tally["failed"] else "green"
    said = f"checked {checked} in {seconds:.2f} s: {counts}{fixable}"
    _say(verdict, colour, said)


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def _jobs(text: str) -> int:
    jobs = int(text)
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return jobs


def _add_paths(add: Callable[..., Any]) -> None:
    """The ``PATH`` arguments, as check, convert and fix take them."""
    add("paths", nargs="+", metavar="PATH", help="post files or folders (walked recursively)")


def _add_config(add: Callable[..., Any]) -> None:
    """``--config``, as check and fix take it."""
    add("--config", metavar="FILE", help="newspost.toml or pyproject.toml (default: found upward)")


def _add_jobs(
    add: Callable[..., Any], text: str = "processes (default: all cores; 1: no pool)"
) -> None:
    """``-j``/``--jobs``, as check, convert and fix take it (``text`` is its help)."""
    add("-j", "--jobs", type=_jobs, metavar="N", help=text)


def _add_code_filters(add: Callable[..., Any], *, chosen: str, dropped: str) -> None:
    """``--select`` and ``--ignore``, as check and fix take them."""
    codes: dict[str, Any] = {"type": _codes, "action": "extend", "metavar": "CODES"}
    add("--select", **codes, help=f"comma list of codes or prefixes {chosen} (replaces select)")
    add("--ignore", **codes, help=f"comma list of codes or prefixes {dropped} (adds to ignore)")


@command("check", "lint posts: print issues, exit 1 if any reaches --fail-on")
@handles(_check)
def _check_args(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit codes: 0 no issue reaches --fail-on; 1 one does; "
        "2 a usage, configuration or I/O error"
    )
    add = parser.add_argument
    _add_paths(add)
    _add_config(add)
    add("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    add("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    _add_code_filters(add, chosen="to run", dropped="to skip")
    add(
        "--fail-on",
        choices=[level.value for level in Severity],
        help="exit 1 when an issue is at or above this severity (default: error, or fail-on)",
    )
    _add_jobs(add)


# -- rules -----------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    rules = sorted(load_builtin_rules().items())
    if args.code:
        text = render_rule_text(args.code)
        if text is None:
            codes = [code for code, _ in rules]
            close = difflib.get_close_matches(args.code.upper(), codes, n=1)
            hint = f"did you mean {close[0]}?" if close else "`newspost rules` lists them"
            _say("error", "red", f"no rule {args.code!r} (hint: {hint})")
            return 2
        sys.stdout.write(text)
        return 0
    if args.format == "markdown":
        sys.stdout.write(render_rules_markdown())
        return 0
    if args.format == "json":
        listed = [
            {
                "code": code,
                "name": rule.name,
                "severity": rule.severity.value,
                "fixable": rule.fixable,
                "summary": rule.summary,
                "documentation": rule.documentation(),
            }
            for code, rule in rules
        ]
        sys.stdout.write(json.dumps(listed, indent=2, ensure_ascii=False) + "\n")
        return 0
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("code", "name", "severity", "fixable", "summary"):
        table.add_column(column)
    for code, rule in rules:
        fixable = "yes" if rule.fixable else ""
        table.add_row(code, rule.name, rule.severity.value, fixable, _escape(rule.summary))
    _console().print(table)
    return 0


@command("rules", "list the lint rules, or show one rule's documentation")
@handles(_rules)
def _rules_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", metavar="CODE", help="a rule code such as NP102")
    parser.add_argument(
        "--format",
        choices=["table", "markdown", "json"],
        default="table",
        help="table (default), markdown (docs/rules.md) or json",
    )


# -- convert ---------------------------------------------------------------------------------


def _convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newspost.serialize import convert_paths, dumps, get_format

    options: dict[str, Any] = {}
    if args.standalone:
        options["standalone"] = True
    if args.site_url:
        options["site_url"] = args.site_url
    if args.policy:
        options["policy"] = args.policy
    if args.no_sanitize:
        options["safe"] = False
    get_format(args.to).check(options)  # an error here is a usage error: exit 2
    if args.output is None:
        if len(args.paths) != 1 or Path(args.paths[0]).is_dir():
            report_error(NewsPostError("several posts need an output folder", hint="add -o DIR"))
            return 2
        try:
            text = dumps(newspost.load(args.paths[0]), format=args.to, **options)
        except NewsPostError as exc:
            sys.stderr.write(f"{exc}\n")
            return 1
        sys.stdout.write(text)
        return 0
    total = sum(1 for _ in newspost.parse.iter_paths(args.paths))
    failed = converted = 0
    started = time.perf_counter()
    show_bar = sys.stderr.isatty() and total > 1
    # No refresh thread (auto_refresh=False): worker processes may be forked meanwhile.
    bar = Progress(
        TextColumn("converting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(sys.stderr),
        transient=True,
        auto_refresh=False,
        disable=not show_bar,
    )
    with bar:
        task = bar.add_task("converting", total=total)
        for result in convert_paths(args.paths, args.to, args.output, jobs=args.jobs, **options):
            if result.error is not None:
                failed += 1
                if show_bar:
                    bar.console.print(str(result.error), markup=False, highlight=False)
                else:
                    sys.stderr.write(f"{result.error}\n")
            else:
                converted += 1
            bar.advance(task)
            bar.refresh()
    seconds = time.perf_counter() - started
    verdict = f", {failed} failed" if failed else ""
    total_done = f"{converted} of {converted + failed} files"
    sys.stderr.write(f"converted {total_done} to {args.output} in {seconds:.2f} s{verdict}\n")
    return 1 if failed else 0


@command("convert", "convert posts to markdown, html, json, jsonld or text")
@handles(_convert)
def _convert_args(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser.add_argument)
    parser.add_argument(
        "--to",
        required=True,
        metavar="FORMAT",
        help=f"output format: {', '.join(newspost.serialize.format_names())}",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write into this folder, mirroring the inputs (default: stdout, for one file)",
    )
    _add_jobs(parser.add_argument, "worker processes (default: all cores; 1: in this process)")
    parser.add_argument("--standalone", action="store_true", help="html: a whole HTML5 document")
    parser.add_argument(
        "--site-url", metavar="URL", help="html, jsonld: the site's URL, for absolute URLs"
    )
    parser.add_argument(
        "--policy", metavar="NAME", help="html: the sanitizing policy (default: standard)"
    )
    parser.add_argument(
        "--no-sanitize",
        action="store_true",
        help="html: keep the post's HTML as it is (trusted posts only)",
    )


# -- fix -------------------------------------------------------------------------------------


def _fix(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newspost.errors import EncodingError, FrontMatterError, ReadError
    from newspost.sanitize import FixResult, fix_paths

    config = Config.load(args.config) if args.config else Config.discover(args.paths)
    config = config.override(select=args.select, ignore=args.ignore)
    found = collect_paths(args.paths)
    dry = args.diff or args.check
    # An unknown policy or a missing engine raises here, before any file is read: exit 2.
    results = fix_paths(
        found.posts,
        config=config,
        policy=args.policy,
        engine=args.engine,
        sanitize=not args.no_sanitize,
        write=not dry,
        jobs=args.jobs,
    )
    tally: Counter[str] = Counter()
    fixes: Counter[str] = Counter()
    io_error = False
    started = time.perf_counter()
    show_bar = sys.stderr.isatty() and len(found.posts) > 1
    # No refresh thread (auto_refresh=False): worker processes may be forked meanwhile.
    bar = Progress(
        TextColumn("fixing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(sys.stderr),
        transient=True,
        auto_refresh=False,
        disable=not show_bar,
    )

    def say(line: str) -> None:
        # With a bar on the terminal, lines go above it.
        if show_bar:
            bar.console.print(line, markup=False, highlight=False)
        else:
            sys.stderr.write(line + "\n")

    def describe(result: FixResult) -> str:
        counts = result.counts
        return ", ".join(
            f"{code} ×{counts[code]}" if counts[code] > 1 else code for code in sorted(counts)
        )

    with bar:
        task = bar.add_task("fixing", total=len(found.posts))
        for result in results:
            if result.error is not None:
                tally["failed"] += 1
                io_error = io_error or isinstance(result.error, ReadError)
                error = result.error
                # The codes check reports for posts that do not load.
                code = {FrontMatterError: "NP100 ", EncodingError: "NP101 "}.get(type(error), "")
                hint = f" (hint: {error.hint})" if error.hint else ""
                say(f"error: {error.location}: {code}{error.message}{hint}; not fixed")
            elif result.changed:
                tally["changed"] += 1
                fixes.update(result.counts)
                if args.diff:
                    sys.stdout.write(result.diff())
                say(f"{'would fix' if dry else 'fixed'} {result.path}: {describe(result)}")
            else:
                tally["unchanged"] += 1
            bar.advance(task)
            bar.refresh()
    seconds = time.perf_counter() - started
    changed = tally["changed"]
    verb = "would be fixed" if dry else "fixed"
    files = f"{changed} file{'s' if changed != 1 else ''} {verb}, {tally['unchanged']} unchanged"
    if tally["failed"]:
        files += f", {tally['failed']} failed"
    if found.skipped:
        files += f" ({found.skipped} skipped)"
    summary = f"{files} in {seconds:.2f} s"
    if fixes:
        summary += ": " + ", ".join(f"{code} ×{count}" for code, count in sorted(fixes.items()))
    sys.stderr.write(summary + "\n")
    if io_error:
        return 2
    return 1 if tally["failed"] or (args.check and changed) else 0


@command("fix", "apply the rules' fixes and a sanitizing policy to posts, in place")
@handles(_fix)
def _fix_args(parser: argparse.ArgumentParser) -> None:
    from newspost.sanitize import engine_names

    parser.epilog = (
        "exit codes: 0 done (or nothing to do); 1 --check found files to fix, or a post "
        "could not be fixed; 2 a usage, configuration or I/O error"
    )
    add = parser.add_argument
    _add_paths(add)
    add("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    add("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    add(
        "--policy", default="standard", metavar="NAME", help="sanitizing policy (default: standard)"
    )
    add("--no-sanitize", action="store_true", help="apply only the rules' fixes, no policy")
    add("--engine", default="bleach", choices=engine_names(), help="sanitizer (default: bleach)")
    _add_config(add)
    _add_code_filters(add, chosen="to fix", dropped="not to fix")
    _add_jobs(add)


# -- entry point -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="newspost", description="Read, check, repair and convert news post files."
    )
    parser.add_argument("--version", action="version", version=f"newspost {newspost.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (handler, configure, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        configure(child)
        child.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 findings or failures, 2 usage/I-O)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except NewsPostError as exc:
        report_error(exc)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
