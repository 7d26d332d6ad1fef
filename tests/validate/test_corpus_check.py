"""Every real post can be checked: no crash, load failures as NP100, issues on real lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import BROKEN_FRONT_MATTER
from newspost.validate import Report, check_paths, collect_paths, format_reports

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def reports(corpus: Path) -> list[Report]:
    """Every corpus folder checked with the built-in rules, in two worker processes."""
    return list(check_paths(sorted(p for p in corpus.iterdir() if p.is_dir()), jobs=2))


def test_every_post_gets_a_report(corpus: Path, reports: list[Report]) -> None:
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    assert [r.path for r in reports] == [str(p) for p in collect_paths(folders).posts]
    assert {Path(r.path or "").parent.name for r in reports} >= {"koreanews"}


def test_front_matter_errors_are_np100_issues(reports: list[Report]) -> None:
    unparsed = {
        Path(r.path or "").name for r in reports if any(i.code == "NP100" for i in r.issues)
    }
    assert unparsed == BROKEN_FRONT_MATTER


def test_issues_point_at_lines_of_the_file(reports: list[Report]) -> None:
    for report in reports:
        assert report.path is not None
        lines = Path(report.path).read_bytes().count(b"\n") + 1
        keys = [(i.line or 0, i.column or 0) for i in report.issues]
        assert keys == sorted(keys), report.path
        for issue in report.issues:
            assert issue.path == report.path
            if issue.line is not None:
                assert 1 <= issue.line <= lines, f"{report.path}: {issue}"
                assert issue.column is not None and issue.column >= 1, f"{report.path}: {issue}"


def test_every_format_renders_the_corpus(reports: list[Report]) -> None:
    issues = sum(len(r.issues) for r in reports)
    assert len(json.loads("".join(format_reports(reports, "json")))) == issues
    sarif = json.loads("".join(format_reports(reports, "sarif")))
    assert len(sarif["runs"][0]["results"]) == issues
    github = "".join(format_reports(reports, "github"))
    assert github.count("\n") == issues  # one line each: newlines in messages are escaped
    text = "".join(format_reports(reports, "text"))
    assert text.count("\n") >= issues
