"""The pytest plugin, run through pytest's own ``pytester``: opt-in, one item per post."""

from __future__ import annotations

import shutil
import sys

import pytest

from helpers import FIXTURES
from newspost.validate import load_builtin_rules

# Import newspost and its rules here, once: pytester's in-process runs forget the modules
# first imported inside them, and importing them again in every run would take seconds.
load_builtin_rules()

# Only the engine's own rule NP100, so that these tests do not change with the built-in rules;
# without hypothesis's plugin, which would import hypothesis anew in every in-process run.
INI = """
[pytest]
addopts = -p no:hypothesispytest -p no:cacheprovider
newspost_select = NP100
"""


@pytest.fixture
def site(pytester: pytest.Pytester) -> pytest.Pytester:
    """posts/: a good post and two broken ones; tests/: one ordinary test."""
    posts = pytester.mkdir("posts")
    shutil.copy(FIXTURES / "seed.md", posts / "2024-06-12-good.md")
    shutil.copy(FIXTURES / "2024-07-30-4336.md", posts / "2024-07-30-broken.md")
    shutil.copy(FIXTURES / "2024-06-27-433.md", posts / "2024-06-27-broken.md")
    (posts / "notes.txt").write_text("not a post\n", encoding="utf-8")
    (posts / "page.html").write_text("---\ntitle: A page\n---\n<p>Hi</p>\n", encoding="utf-8")
    tests = pytester.mkdir("tests")
    (tests / "test_plain.py").write_text("def test_plain():\n    assert True\n", encoding="utf-8")
    pytester.makeini(INI)
    return pytester


def test_collects_nothing_unless_asked(site: pytest.Pytester) -> None:
    result = site.runpytest()
    result.assert_outcomes(passed=1)
    assert "posts/" not in result.stdout.str()


def test_newspost_flag_collects_each_post(site: pytest.Pytester) -> None:
    result = site.runpytest("--newspost", "--collect-only", "-q")
    lines = result.stdout.lines
    assert "posts/2024-06-12-good.md::newspost" in lines
    assert "posts/2024-07-30-broken.md::newspost" in lines
    assert "posts/page.html::newspost" in lines  # .html with front matter is a post
    assert not any("notes.txt" in line for line in lines)  # no front matter: not a post
    assert "tests/test_plain.py::test_plain" in lines


def test_failing_post_shows_its_issues_as_check_does(site: pytest.Pytester) -> None:
    result = site.runpytest("--newspost")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ posts/2024-07-30-broken.md::newspost _*",
            "posts/2024-07-30-broken.md:2:13: NP100 YAML front matter does not parse: *",
            "1 error (fails on error and above)",
        ]
    )
    # Only the issues: no traceback of the plugin's own code.
    assert "runtest" not in result.stdout.str() and "PostCheckFailed" not in result.stdout.str()
    result.stdout.fnmatch_lines(["FAILED posts/2024-06-27-broken.md::newspost*"])


def test_newspost_paths_ini_enables_and_adds_the_folder(site: pytest.Pytester) -> None:
    site.makeini(INI + "testpaths = tests\nnewspost_paths = posts\n")
    result = site.runpytest()
    result.assert_outcomes(passed=3, failed=2)


def test_newspost_paths_limits_what_is_collected(site: pytest.Pytester) -> None:
    site.makefile(".md", **{"tests/README": "# Tests\n\nNot a post of the site.\n"})
    site.makeini(INI + "newspost_paths = posts\n")
    result = site.runpytest("--collect-only", "-q")
    assert not any("README" in line for line in result.stdout.lines)
    assert "posts/2024-06-12-good.md::newspost" in result.stdout.lines


def test_paths_on_the_command_line_win(site: pytest.Pytester) -> None:
    site.makeini(INI + "newspost_paths = posts\n")
    result = site.runpytest("tests")
    result.assert_outcomes(passed=1)


def test_k_selects_posts_by_name(site: pytest.Pytester) -> None:
    result = site.runpytest("--newspost", "-k", "2024-07-30")
    result.assert_outcomes(failed=1, deselected=4)
    result = site.runpytest("--newspost", "-k", "good")
    result.assert_outcomes(passed=1, deselected=4)


def test_marker(site: pytest.Pytester) -> None:
    site.runpytest("--newspost", "-m", "newspost").assert_outcomes(passed=2, failed=2)
    site.runpytest("--newspost", "-m", "not newspost").assert_outcomes(passed=1, deselected=4)


def test_x_stops_at_the_first_failing_post(site: pytest.Pytester) -> None:
    result = site.runpytest("--newspost", "-x", "posts")
    assert result.parseoutcomes()["failed"] == 1
    result.stdout.fnmatch_lines(["*stopping after 1 failures*"])


def test_fail_on_and_the_project_configuration(site: pytest.Pytester) -> None:
    site.makepyprojecttoml('[tool.newspost.severity]\nNP100 = "warning"\n')
    site.makeini(INI)
    site.runpytest("--newspost", "posts").assert_outcomes(passed=4)
    site.makeini(INI + "newspost_fail_on = warning\n")
    site.runpytest("--newspost", "posts").assert_outcomes(passed=2, failed=2)


def test_ignore_option(site: pytest.Pytester) -> None:
    site.makeini(INI + "newspost_ignore = NP100\n")
    site.runpytest("--newspost", "posts").assert_outcomes(passed=4)


def test_invalid_configuration_is_a_usage_error(site: pytest.Pytester) -> None:
    site.makepyprojecttoml("[tool.newspost]\nselekt = []\n")
    result = site.runpytest("--newspost")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*newspost:*unknown key 'selekt'*did you mean 'select'?*"])


def test_other_errors_keep_pytest_s_own_report(
    site: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: object, config: object = None) -> None:
        raise RuntimeError("boom")

    # The in-process run shares this process: patch the module (not `newspost.validate`,
    # which may also name the function re-exported at the top), undone after the test.
    monkeypatch.setattr(sys.modules["newspost.validate"], "check_file", broken)
    result = site.runpytest("--newspost", "-k", "good")
    result.assert_outcomes(failed=1, deselected=4)
    result.stdout.fnmatch_lines(["*RuntimeError: boom*"])


def test_xdist(site: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    result = site.runpytest_subprocess("--newspost", "-n", "2")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(["*posts/2024-07-30-broken.md:2:13: NP100 *"])
