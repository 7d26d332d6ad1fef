"""docs/cli.md, rendered from the command line's own argument parser.

The page is generated so it cannot drift from ``newspost --help``: every
command, argument, choice and help text comes from
`newspost.cli.build_parser`. A test keeps docs/cli.md equal to
`render_cli_markdown`; regenerate it with `REGENERATE`.

The rendering walks the parser's actions rather than printing ``--help``:
argparse wraps its help to the terminal's width and changes its layout between
Python versions, and the page must be the same on every machine.

Examples:
    >>> from newspost._cli_reference import render_cli_markdown
    >>> page = render_cli_markdown()
    >>> page.startswith("# Command line")
    True
    >>> "## newspost check" in page and "| `--fail-on {info,warning,error}` |" in page
    True
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from newspost.cli import build_parser

__all__ = ["REGENERATE", "render_cli_markdown"]

REGENERATE = "python -m newspost._cli_reference > docs/cli.md"
"""The command that rewrites docs/cli.md."""


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    # argparse has no public way to list a parser's arguments or subcommands:
    # ``_actions`` is what its own help formatter reads, and has been stable for years.
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.values()


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        action
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction)
        and not isinstance(action, argparse._SubParsersAction)
        and action.help is not argparse.SUPPRESS
    ]


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return str(action.metavar)
    if action.choices is not None:
        return "{" + ",".join(str(choice) for choice in action.choices) + "}"
    return action.dest.upper() if action.option_strings else action.dest


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0


def _with_nargs(metavar: str, nargs: int | str | None) -> str:
    if nargs is None:
        return metavar
    if nargs == argparse.OPTIONAL:
        return f"[{metavar}]"
    if nargs == argparse.ONE_OR_MORE:
        return f"{metavar} [{metavar} ...]"
    if nargs == argparse.ZERO_OR_MORE:
        return f"[{metavar} ...]"
    if isinstance(nargs, int):
        return " ".join([metavar] * nargs)
    return f"{metavar} ..."  # argparse.REMAINDER and the like


def _invocation(action: argparse.Action) -> str:
    """How an argument is written: ``PATH [PATH ...]``, ``-o, --output FILE``, ``--standalone``."""
    if not action.option_strings:
        return _with_nargs(_metavar(action), action.nargs)
    names = ", ".join(action.option_strings)
    if not _takes_value(action):
        return names
    return f"{names} {_with_nargs(_metavar(action), action.nargs)}"


def _help(action: argparse.Action, prog: str) -> str:
    """The help text with argparse's ``%(default)s``-style fields filled in, as ``--help`` does."""
    text = action.help or ""
    if "%" not in text:
        return text
    fields = {key: value for key, value in vars(action).items() if value is not argparse.SUPPRESS}
    fields["prog"] = prog
    for key, value in list(fields.items()):
        if hasattr(value, "__name__"):
            fields[key] = value.__name__
    if fields.get("choices") is not None:
        fields["choices"] = ", ".join(str(choice) for choice in fields["choices"])
    return text % fields


def _cell(text: str) -> str:
    # A table cell is one line of Markdown: a pipe would end the cell, a '<' open a tag.
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")


def _sentence(text: str) -> str:
    # argparse help is a lower-case phrase; as a paragraph of its own it reads as a sentence.
    text = _cell(text)
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _usage(parser: argparse.ArgumentParser) -> str:
    parts = [parser.prog]
    optional = [a for a in _arguments(parser) if a.option_strings]
    # Required options are spelled out; the others are summarised, as the table lists them.
    for action in optional:
        if action.required:
            parts.append(f"{action.option_strings[-1]} {_metavar(action)}")
    if any(not action.required for action in optional):
        parts.append("[OPTIONS]")
    parts += [_invocation(a) for a in _arguments(parser) if not a.option_strings]
    return " ".join(parts)


def _table(header: str, actions: list[argparse.Action], prog: str) -> list[str]:
    if not actions:
        return []
    rows = [f"### {header}", "", f"| {header[:-1]} | Description |", "| --- | --- |"]
    for action in actions:
        text = _help(action, prog)
        if action.required and action.option_strings:
            text = f"required: {text}"
        rows.append(f"| `{_invocation(action)}` | {_cell(text)} |")
    return [*rows, ""]


def render_cli_markdown() -> str:
    """docs/cli.md: every ``newspost`` command with its usage, arguments and options.

    Returns:
        The page as Markdown, ending with a newline.
    """
    parser = build_parser()
    commands = list(_subcommands(parser))
    out = [
        "# Command line",
        "",
        f"<!-- Generated from newspost.cli.build_parser(); do not edit. "
        f"Regenerate with: {REGENERATE} -->",
        "",
        f"{parser.description}",
        "",
        "```",
        f"{parser.prog} COMMAND [OPTIONS] [ARGUMENTS]",
        "```",
        "",
        f"`{parser.prog} COMMAND --help` prints a command's usage and options;",
        f"`{parser.prog} --version` prints the version.",
        "",
        "| Command | What it does |",
        "| --- | --- |",
    ]
    for command in commands:
        name = command.prog.split()[-1]
        anchor = command.prog.replace(" ", "-")
        out.append(f"| [`{name}`](#{anchor}) | {_cell(command.description or '')} |")
    for command in commands:
        arguments = _arguments(command)
        out += [
            "",
            f"## {command.prog}",
            "",
            _sentence(command.description or ""),
            "",
            "```",
            _usage(command),
            "```",
            "",
        ]
        out += _table("Arguments", [a for a in arguments if not a.option_strings], command.prog)
        out += _table("Options", [a for a in arguments if a.option_strings], command.prog)
        if not arguments:
            out += ["It takes no arguments.", ""]
        if command.epilog:
            out += [_sentence(command.epilog), ""]
        while out[-1] == "":
            out.pop()
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_cli_markdown())
