"""The ``newspost`` command: a thin shell of argument handling around the public API.

Each subcommand is a function ``(args) -> exit code`` registered in
:data:`COMMANDS` by :func:`command`; the library does the work, this module
only chooses what to print and which code to exit with.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

import newspost
from newspost import NewsPostError, Post

__all__ = ["COMMANDS", "main"]

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(
    name: str, help: str
) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable[[argparse.ArgumentParser], None]]:
    """Register a subcommand: decorate a function adding its arguments; it names its handler."""

    def wrap(configure: Callable[[argparse.ArgumentParser], None]) -> Callable[[argparse.ArgumentParser], None]:
        handler: Handler = getattr(configure, "handler")  # noqa: B009 - set by @handles
        COMMANDS[name] = (handler, configure, help)
        return configure

    return wrap


def handles(handler: Handler) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable[[argparse.ArgumentParser], None]]:
    """Attach the handler to an argument-configuring function (used with :func:`command`)."""

    def wrap(configure: Callable[[argparse.ArgumentParser], None]) -> Callable[[argparse.ArgumentParser], None]:
        configure.handler = handler  # type: ignore[attr-defined]
        return configure

    return wrap


def _console(stream: Any = None) -> Console:
    stream = stream or sys.stdout
    # Piped output is read by people and tools alike: never crop it at 80 columns.
    width = None if stream.isatty() else 200
    return Console(file=stream, soft_wrap=True, highlight=False, width=width)


def report_error(error: NewsPostError) -> None:
    """Print a library error the way every command does: ``path:line:col: message``."""
    _console(sys.stderr).print(f"[bold red]error[/]: {escape(str(error))}")


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
    fm = post.front_matter
    tree = Tree(f"[bold]{escape(post.path or '<post>')}[/]  [dim]{post.raw.format} front matter, {post.flavor}[/]")
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
        meta.add(f"[cyan]{escape(key)}[/]: {escape(repr(value) if key == 'title' else text)}{where}")
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
            branch.add(f"line {table.line}: {rows}×{columns}, header ({table.header_source}): {escape(header)}")
    sources = tree.add(f"[bold]sources[/] ({len(post.sources)})")
    for source in post.sources:
        parts = [source.title or "", f"| {source.publisher}" if source.publisher else ""]
        url = f" <{source.url}>" if source.url else ""
        sources.add(f"{escape(source.label)}: {escape(' '.join(p for p in parts if p))}{escape(url)}  [dim]line {source.line}[/]")
    if post.footer:
        footer = tree.add("[bold]footer[/]")
        for block in post.footer:
            footer.add(_block_label(block))
    return tree


def _add_section(parent: Tree, section: newspost.Section) -> None:
    kinds: dict[str, int] = {}
    for block in section.blocks:
        kinds[block.kind] = kinds.get(block.kind, 0) + 1
    summary = ", ".join(f"{count} {kind}{'s' if count > 1 else ''}" for kind, count in kinds.items())
    node = parent.add(
        f"{'#' * section.level} {escape(section.title)}  [dim]line {section.line}"
        + (f"; {summary}" if summary else "")
        + "[/]"
    )
    for sub in section.sections:
        _add_section(node, sub)


def _block_label(block: newspost.Block) -> str:
    if isinstance(block, newspost.Image):
        return f"image {escape(block.src)} alt={escape(repr(block.alt))}  [dim]line {block.line}[/]"
    if isinstance(block, newspost.Table):
        rows, columns = block.size
        return f"table {rows}×{columns}  [dim]line {block.line}[/]"
    text = getattr(block, "text", "") or getattr(block, "html", "")
    text = " ".join(str(text).split())
    if len(text) > 80:
        text = text[:79] + "…"
    return f"{block.kind}: {escape(text)}  [dim]line {block.line}[/]"


@command("show", "print the outline of posts: front matter, sections, tables, sources, footer")
@handles(_show)
def _show_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="post files or folders")
    parser.add_argument("--flavor", help="Markdown flavor (kramdown, goldmark, commonmark); detected by default")


# -- schema ----------------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(Post.model_json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


@command("schema", "print the JSON Schema of a parsed post")
@handles(_schema)
def _schema_args(parser: argparse.ArgumentParser) -> None:
    del parser


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
