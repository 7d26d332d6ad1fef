"""``newspost.testing.assert_valid``: a post passes, or an AssertionError lists its issues."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES
from newspost import loads
from newspost.testing import assert_valid
from newspost.validate import Config

pytestmark = pytest.mark.usefixtures("rules")

SHOUTING = "---\ntitle: BREAKING\ncategories: [News]\n---\nText.\n"  # one NP901 warning


def test_a_valid_post_returns_its_report() -> None:
    report = assert_valid(loads(SHOUTING, path="a.md"))
    assert report.ok and [issue.code for issue in report.issues] == ["NP901"]


def test_failing_post_lists_the_failing_issues() -> None:
    with pytest.raises(AssertionError) as caught:
        assert_valid(FIXTURES / "2024-07-30-4336.md")
    message = str(caught.value)
    first, second = message.splitlines()
    assert first.endswith("2024-07-30-4336.md: 1 issue at or above error:")
    assert second.startswith(f"{FIXTURES / '2024-07-30-4336.md'}:2:13: NP100 ")


def test_fail_on_select_and_ignore() -> None:
    post = loads(SHOUTING + "TODO\n", path="posts/b.md")
    with pytest.raises(AssertionError, match=r"posts/b.md: 2 issues at or above warning:"):
        assert_valid(post, fail_on="warning")
    with pytest.raises(AssertionError, match="NP902"):
        assert_valid(post, select=["NP902"])
    assert_valid(post, ignore=["NP902"])


def test_post_without_a_path() -> None:
    with pytest.raises(
        AssertionError, match=r"^<post>: 1 issue at or above error:\n<post>:6:1: NP902"
    ):
        assert_valid(loads(SHOUTING + "TODO\n"))


def test_explicit_config_and_discovered_config(tmp_path: Path) -> None:
    post = tmp_path / "posts" / "c.md"
    post.parent.mkdir()
    post.write_text(SHOUTING, encoding="utf-8")
    assert_valid(post)
    (tmp_path / "newspost.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    with pytest.raises(AssertionError, match="NP901"):
        assert_valid(post)  # found upward from the post, as `newspost check` would
    assert_valid(post, config=Config())
