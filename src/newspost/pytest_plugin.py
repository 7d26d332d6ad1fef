"""A pytest plugin that checks news posts as test items: one item per post, opt-in.

Installing newspost registers it (entry point ``pytest11``); it collects
nothing unless asked, with ``pytest --newspost`` (posts under the paths pytest
collects from) or with ``newspost_paths`` in the pytest configuration:

    [tool.pytest.ini_options]
    newspost_paths = ["_posts"]            # where the posts are (enables the plugin)
    newspost_select = ["NP1", "NP3"]       # optional, as `newspost check --select`
    newspost_ignore = ["NP305"]            # optional, as `newspost check --ignore`
    newspost_fail_on = "warning"           # optional, default: error

Each post becomes an item ``path/to/post.md::newspost`` (marker ``newspost``)
that fails with the issues listed as ``newspost check`` lists them, so
``-k 2024-07-30``, ``-m newspost``, ``-x`` and ``-n auto`` (pytest-xdist) work
as for any test. The rules' configuration is read from ``[tool.newspost]`` or
``newspost.toml`` as for ``newspost check``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo, TerminalRepr

    from newspost.validate import Config, Report

__all__ = ["PostCheckFailed", "PostFile", "PostItem"]

# newspost itself (pydantic, lxml, markdown-it...) is imported only once the
# plugin is enabled: every pytest run in an environment with newspost loads this.


class _Checker:
    """What the plugin checks with: the configuration, and which files are posts to collect."""

    def __init__(self, config: Config, paths: list[Path]) -> None:
        self.config = config
        self.paths = [path.resolve() for path in paths]

    def wants(self, file_path: Path) -> bool:
        from newspost.parse import POST_SUFFIXES, is_post_file

        if file_path.suffix.lower() not in POST_SUFFIXES or not is_post_file(file_path):
            return False
        if not self.paths:
            return True
        resolved = file_path.resolve()
        return any(resolved == path or path in resolved.parents for path in self.paths)


_CHECKER = pytest.StashKey[_Checker]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--newspost`` and the ``newspost_*`` ini options."""
    group = parser.getgroup("newspost", "check news posts with newspost")
    group.addoption(
        "--newspost",
        action="store_true",
        default=False,
        help="collect news post files as test items checked by newspost",
    )
    parser.addini(
        "newspost_paths",
        type="paths",
        default=[],
        help="post files or folders to check with newspost (enables the plugin)",
    )
    parser.addini("newspost_select", type="args", default=[], help="newspost rule codes to run")
    parser.addini("newspost_ignore", type="args", default=[], help="newspost rule codes to skip")
    parser.addini(
        "newspost_fail_on",
        type="string",
        default="",
        help="severity at which a post fails: error (default), warning or info",
    )


def _codes(values: list[str]) -> list[str] | None:
    codes = [code for value in values for code in value.split(",") if code.strip()]
    return codes or None


def pytest_configure(config: pytest.Config) -> None:
    """Enable collection if asked, with the project's newspost configuration."""
    config.addinivalue_line("markers", "newspost: a news post checked by newspost")
    paths: list[Path] = config.getini("newspost_paths")
    if not (config.getoption("newspost") or paths):
        return
    from newspost.errors import NewsPostError
    from newspost.validate import Config

    try:
        checker_config = Config.discover([config.rootpath]).override(
            select=_codes(config.getini("newspost_select")),
            ignore=_codes(config.getini("newspost_ignore")),
            fail_on=config.getini("newspost_fail_on").strip() or None,
        )
    except NewsPostError as exc:
        raise pytest.UsageError(f"newspost: {exc}") from exc
    config.stash[_CHECKER] = _Checker(checker_config, paths)
    # Posts usually live outside `testpaths`: collect from newspost_paths too, unless
    # paths were named on the command line (then those alone are collected).
    if paths and config.args_source is not pytest.Config.ArgsSource.ARGS:
        config.args.extend(str(path) for path in paths if str(path) not in config.args)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> PostFile | None:
    """A `PostFile` for each post file, when the plugin is enabled."""
    checker = parent.config.stash.get(_CHECKER, None)
    if checker is None or not checker.wants(file_path):
        return None
    file: PostFile = PostFile.from_parent(parent, path=file_path)
    return file


class PostCheckFailed(Exception):
    """Raised by a `PostItem` whose post has issues at or above ``fail_on``."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.failing)} issue(s) in {report.path}")
        self.report = report


class PostFile(pytest.File):
    """A post file: one `PostItem`."""

    def collect(self) -> list[PostItem]:
        """The post's single check."""
        item: PostItem = PostItem.from_parent(self, name="newspost")
        return [item]


class PostItem(pytest.Item):
    """The newspost check of one post: fails with its issues, listed as ``newspost check`` does."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("newspost")

    def runtest(self) -> None:
        """Check the post; raise `PostCheckFailed` if it fails."""
        from newspost.validate import check_file

        report = check_file(self.path, self.config.stash[_CHECKER].config)
        if not report.ok:
            raise PostCheckFailed(report)

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """The issues, ``path:line:col: CODE message`` each; other errors as pytest shows them."""
        if not isinstance(excinfo.value, PostCheckFailed):
            return super().repr_failure(excinfo, style=style)
        from newspost.validate import format_reports

        report = excinfo.value.report
        shown = report.model_copy(update={"path": self._shown_path()})
        text = "".join(format_reports([shown], "text")).rstrip("\n")
        counts = ", ".join(f"{n} {level}" for level, n in report.counts.items() if n)
        return f"{text}\n{counts} (fails on {report.fail_on.value} and above)"

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the item is, for pytest's summary lines."""
        return self.path, None, self.nodeid

    def _shown_path(self) -> str:
        try:
            return os.path.relpath(self.path, self.config.invocation_params.dir)
        except ValueError:  # another drive (Windows)
            return str(self.path)
