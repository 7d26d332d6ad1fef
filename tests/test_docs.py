"""Every example in README.md and docs/ runs, so a drifted example fails the tests.

How the examples on a page are run, and how to write one:

- A ```python block holds ``>>>`` examples, with their output. pytest runs them as
  doctests (``--doctest-glob=*.md`` in pyproject.toml), one page at a time, top to
  bottom; ``...`` in the output matches anything.
- A ```python block that is a whole file (a module, a ``conftest.py``, a test file) is
  preceded by ``<!-- file: NAME.py -->``. The page's doctests can import it
  (docs/conftest.py writes the page's files into a temporary folder on ``sys.path``), and
  a test in this module runs the files themselves; such blocks are allowed only on the
  pages in ``FILE_PAGES``.
- A ```python block that cannot run here is preceded by ``<!-- not-run: why -->``,
  saying why (``<!-- not-run: needs a Dask cluster -->``).
- Any other ```python block fails :func:`test_python_blocks_run_or_say_why`.
- On the pages in ``SHELL_PAGES``, every ``newspost`` command in a ```console, ```bash
  or ```sh block is run, in order, by ``newspost.cli.main``. In ```console blocks, a
  line starting with ``$ `` is a command and the lines up to the next command are its
  output (standard output, then standard error), checked when shown, ``...`` matching
  anything. A command's exit code must be 0 unless its line ends with a comment
  ``# exit code N``. Other commands (``pip install``, ``pre-commit run``) are not run.
  Commands run in a temporary folder holding a copy of examples/, so ``-o site`` writes
  there and the bundled examples are never modified.

docs/cli.md is generated from the command line's parser and checked here; docs/rules.md
is checked in tests/validate/test_docs.py. ``mkdocs build --strict`` runs in .ci/run.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import importlib
import inspect
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from docs_support import PAGES, CodeBlock, code_blocks, page_files
from helpers import ROOT
from newspost._cli_reference import REGENERATE
from newspost.cli import build_parser, main

DOCS = ROOT / "docs"
PYTHON = {"python", "py", "python3", "pycon"}
SHELL = {"console", "bash", "sh", "shell", "shell-session"}
SHELL_PAGES = [ROOT / "README.md", DOCS / "getting-started.md"]
"""Pages whose ``newspost`` commands are run; the others' shell blocks are shown only."""
FILE_PAGES = {DOCS / "guides" / "custom-rule.md"}
"""Pages whose ``<!-- file: -->`` blocks a test below runs."""

_EXIT = re.compile(r"#\s*exit code\s+(\d+)\s*$")
_OPERATORS = {"&&", "||", ";", "|", "&", ">", ">>", "<", "2>", "2>&1"}


def _page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# -- python blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_python_blocks_run_or_say_why(page: Path) -> None:
    problems = []
    for block in code_blocks(page):
        if block.language not in PYTHON:
            continue
        kind, value = block.marker or ("", "")
        has_prompts = ">>>" in block.text
        if kind == "not-run" and has_prompts:
            problems.append(f"{block.where}: marked not-run, but doctest runs its >>> lines")
        elif kind == "not-run" and not value:
            problems.append(f"{block.where}: say why it cannot run: <!-- not-run: why -->")
        elif kind == "file" and page not in FILE_PAGES:
            problems.append(f"{block.where}: a file block on a page whose files no test runs")
        elif not (has_prompts or kind):
            problems.append(
                f"{block.where}: a python block without >>> examples runs nowhere: write it "
                "as a doctest, or mark it <!-- file: NAME --> or <!-- not-run: why -->"
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_collector_sees_the_conventions() -> None:
    # The checks above are only as good as the block reader: prove it on known pages.
    rule_page = DOCS / "guides" / "custom-rule.md"
    assert set(page_files(rule_page)) == {
        "newsroom_rules.py",
        "conftest.py",
        "test_newsroom_rules.py",
    }
    languages = {block.language for page in PAGES for block in code_blocks(page)}
    assert {"python", "console", "bash", "yaml", "toml"} <= languages
    doctests = sum(">>>" in block.text for page in PAGES for block in code_blocks(page))
    assert doctests > 40


# -- shell commands --------------------------------------------------------------------------


@dataclass
class Command:
    """A ``newspost`` command line of a page, with what the page says it does."""

    where: str
    argv: list[str]
    exit_code: int
    output: str | None  # None: not shown, or not comparable (a pipe or a redirect follows)


def _joined_lines(text: str) -> Iterator[str]:
    """Lines with backslash continuations joined."""
    pending = ""
    for line in text.splitlines():
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        yield pending + line
        pending = ""
    if pending:
        yield pending


def _newspost_commands(line: str, where: str, output: str | None) -> list[Command]:
    found = _EXIT.search(line)
    exit_code = int(found.group(1)) if found else 0
    lexer = shlex.shlex(line, posix=True, punctuation_chars="&|;<>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    tokens = list(lexer)
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token in _OPERATORS:
            segments.append([])
        else:
            segments[-1].append(token)
    alone = len(segments) == 1
    commands = []
    for words in segments:
        if words and Path(words[0]).name == "newspost":
            argv = words[1:]
        elif (
            len(words) > 2
            and Path(words[0]).name.startswith("python")
            and words[1:3]
            == [
                "-m",
                "newspost",
            ]
        ):
            argv = words[3:]
        else:
            continue
        commands.append(Command(where, argv, exit_code, output if alone else None))
    return commands


def _commands(block: CodeBlock) -> list[Command]:
    commands: list[Command] = []
    if block.language == "console":
        current: tuple[str, list[str]] | None = None
        shown: list[tuple[str, list[str]]] = []
        for line in _joined_lines(block.text):
            if line.startswith("$ "):
                current = (line[2:], [])
                shown.append(current)
            elif current is not None:
                current[1].append(line)
        for number, (line, output) in enumerate(shown):
            text = "\n".join(output).strip("\n")
            where = f"{block.where} (command {number + 1})"
            commands += _newspost_commands(line, where, text + "\n" if text else None)
    else:
        for line in _joined_lines(block.text):
            if line.strip() and not line.lstrip().startswith("#"):
                commands += _newspost_commands(line, block.where, None)
    return commands


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("page", SHELL_PAGES, ids=_page_id)
def test_shell_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = [
        command
        for block in code_blocks(page)
        if block.language in SHELL
        for command in _commands(block)
    ]
    assert commands, f"{_page_id(page)} shows no newspost command to run"
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failures = []
    for command in commands:
        code, got = _run(command.argv)
        shown = f"{command.where}: newspost {shlex.join(command.argv)}"
        if code != command.exit_code:
            failures.append(
                f"{shown}\n  exit code {code}, the page says {command.exit_code}\n{got}"
            )
        elif command.output is not None and not checker.check_output(command.output, got, flags):
            failures.append(f"{shown}\n  expected:\n{command.output}  got:\n{got}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def test_shell_command_reader() -> None:
    block = CodeBlock(
        path=ROOT / "README.md",
        line=1,
        language="console",
        text=(
            "$ pip install newspost\n"
            "$ newspost check a.md \\\n    --select NP1  # exit code 1\n"
            "a.md:1:1: NP103 ...\n"
            "$ .venv/bin/newspost rules NP102 | head -1\n"
            "NP102 title-too-long\n"
            "$ python -m newspost show 'my post.md' && echo ok\n"
        ),
        marker=None,
    )
    commands = _commands(block)
    assert [(c.argv, c.exit_code, c.output) for c in commands] == [
        (["check", "a.md", "--select", "NP1"], 1, "a.md:1:1: NP103 ...\n"),
        (["rules", "NP102"], 0, None),
        (["show", "my post.md"], 0, None),
    ]


# -- generated pages -------------------------------------------------------------------------


def test_cli_md_is_generated_from_the_parser() -> None:
    # In a fresh interpreter, as the regeneration command runs: formats registered by
    # other tests in this process would otherwise show in `convert --to`'s help.
    rendered = subprocess.run(
        [sys.executable, "-m", "newspost._cli_reference"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    ).stdout.decode("utf-8")
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == rendered, f"docs/cli.md is out of date: run `{REGENERATE}`"


def test_cli_md_documents_every_command_and_option() -> None:
    from newspost._cli_reference import render_cli_markdown

    page = render_cli_markdown()
    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    for name, sub in commands.choices.items():
        assert f"\n## newspost {name}\n" in page
        options = [o for a in sub._actions for o in a.option_strings if o not in ("-h", "--help")]
        missing = [o for o in options if f"`{o}" not in page and f", {o}" not in page]
        assert missing == [], f"newspost {name}: options missing from the page"


# -- guides whose files are run ----------------------------------------------------------------


def test_custom_rule_guide_files_run(pytester: pytest.Pytester) -> None:
    for name, text in page_files(DOCS / "guides" / "custom-rule.md").items():
        pytester.path.joinpath(name).write_text(text, encoding="utf-8")
    posts = pytester.mkdir("_posts")
    (posts / "2024-06-12-rates.md").write_text(
        "---\ntitle: Rates rise.\ndate: 2024-06-12\ncategories: [Economy]\n---\nText.\n",
        encoding="utf-8",
    )
    # A fresh process: the guide's conftest.py registers NP901 for the plugin, and it must
    # not stay registered in this one.
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--newspost",
        "-o",
        "newspost_select=NP901",
        "-o",
        "newspost_fail_on=warning",
        "test_newsroom_rules.py",
        "_posts",
    )
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*2024-06-12-rates.md:2:18: NP901 title ends with a period*"])


def test_pre_commit_guide_hooks_exist_and_their_args_parse() -> None:
    offered = {
        hook["id"]: hook
        for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    parser = build_parser()
    configs = [
        yaml.safe_load(block.text)
        for block in code_blocks(DOCS / "guides" / "pre-commit.md")
        if block.language == "yaml"
    ]
    assert len(configs) >= 3
    for config in configs:
        for repo in config["repos"]:
            for hook in repo["hooks"]:
                if repo["repo"] == "local":
                    entry = shlex.split(hook["entry"])
                else:
                    assert hook["id"] in offered, (
                        f"no hook {hook['id']!r} in .pre-commit-hooks.yaml"
                    )
                    entry = shlex.split(offered[hook["id"]]["entry"])
                assert entry[0] == "newspost"
                # pre-commit appends the file names after the entry and the args.
                parser.parse_args([*entry[1:], *hook.get("args", []), "_posts/a.md"])
                if "files" in hook:
                    assert re.search(hook["files"], "_posts/2024-06-12-10.md")


# -- docstrings --------------------------------------------------------------------------------

PUBLIC_MODULES = [
    "newspost",
    "newspost.errors",
    "newspost.model",
    "newspost.parse",
    "newspost.sanitize",
    "newspost.serialize",
    "newspost.testing",
    "newspost.validate",
]


def _public_objects() -> Iterator[tuple[str, object]]:
    for module_name in PUBLIC_MODULES:
        # ``newspost.sanitize`` the attribute is the function; the package is in sys.modules.
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", []):
            yield f"{module_name}.{name}", getattr(module, name)


def test_public_names_have_docstrings() -> None:
    """ruff's D rules skip what private modules define; the public API re-exports it."""
    missing = []
    for qualified, obj in _public_objects():
        if inspect.isclass(obj):
            if "__doc__" not in vars(obj) or not obj.__doc__:
                missing.append(qualified)
            for name, member in vars(obj).items():
                if name.startswith("_"):
                    continue
                function = member.fget if isinstance(member, property) else member
                function = getattr(function, "__func__", function)
                if inspect.isfunction(function) and not function.__doc__:
                    missing.append(f"{qualified}.{name}")
        elif inspect.isfunction(obj) and not obj.__doc__:
            missing.append(qualified)
    assert missing == [], "public names without a docstring"
