"""Helpers for your own tests: assert that a post passes newspost's checks.

>>> from newspost.testing import assert_valid
>>> report = assert_valid("examples/seed.md", select=["NP100", "NP101"])
>>> report.ok
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from newspost.model.post import Post
from newspost.validate import Config, Report, Severity, check_file, format_reports, validate

__all__ = ["assert_valid"]


def assert_valid(
    post_or_path: Post | str | os.PathLike[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | None = None,
    fail_on: Severity | str | None = None,
) -> Report:
    """Assert that a post has no issue at or above ``fail_on``; return its report.

    Args:
        post_or_path: A parsed post, or the path of a post file (a file that
            cannot be read as a post fails with NP100 or NP101).
        select: Codes or prefixes to run instead of the configured selection.
        ignore: Codes or prefixes to skip, in addition to the configured ones.
        config: The configuration; by default the one ``newspost check`` would
            use: found upward from the post's file (or the current folder).
        fail_on: The severity that fails (default: the configuration's, error).

    Raises:
        AssertionError: listing every issue, ``path:line:col: CODE message``.

    Examples:
        >>> from newspost.testing import assert_valid
        >>> assert_valid("tests/fixtures/2024-07-30-4336.md")
        Traceback (most recent call last):
        ...
        AssertionError: tests/fixtures/2024-07-30-4336.md: 1 issue at or above error:
        tests/fixtures/2024-07-30-4336.md:2:13: NP100 YAML front matter does not parse: ...
    """
    __tracebackhide__ = True  # pytest: show the caller's line, not this helper's
    is_post = isinstance(post_or_path, Post)
    if config is None:
        where = post_or_path.path if isinstance(post_or_path, Post) else post_or_path
        config = Config.discover([where] if where is not None else [])
    config = config.override(select=select, ignore=ignore, fail_on=fail_on)
    if isinstance(post_or_path, Post):
        report = validate(post_or_path, config)
    else:
        report = check_file(post_or_path, config)
    if not report.ok:
        failing = report.model_copy(update={"issues": report.failing})
        listed = "".join(format_reports([failing], "text")).rstrip("\n")
        count = len(failing.issues)
        name = report.path or ("<post>" if is_post else str(post_or_path))
        raise AssertionError(
            f"{name}: {count} issue{'s' if count != 1 else ''} at or above "
            f"{report.fail_on.value}:\n{listed}"
        )
    return report
