"""The engine: selection, severities, per-file ignores, suppression comments, load failures."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from helpers import FIXTURES
from newspost import ReadError, loads
from newspost.validate import (
    Config,
    Context,
    Edit,
    Fix,
    FrontMatterInvalid,
    Issue,
    LintRule,
    NotUtf8,
    OverSafetyLimit,
    Report,
    Severity,
    check_file,
    check_paths,
    collect_paths,
    validate,
)
from newspost.validate import _engine as engine

pytestmark = pytest.mark.usefixtures("rules")

POST = """\
---
title: BREAKING
---
First line.
A TODO here.
Another TODO there.
"""
# NP901 (warning) at 2:1, NP902 (error) at 5:3 and 6:9, NP911 (info) on the whole file.


def codes(report: Report) -> list[tuple[str, int | None]]:
    return [(issue.code, issue.line) for issue in report.issues]


def check(text: str, config: Config | None = None, path: str = "posts/a.md") -> Report:
    return validate(loads(text, path=path), config)


# -- reports ---------------------------------------------------------------------------------


def test_issues_are_sorted_by_line_then_column_and_file_level_first() -> None:
    report = check(POST)
    assert codes(report) == [("NP911", None), ("NP901", 2), ("NP902", 5), ("NP902", 6)]
    assert [(i.line, i.column) for i in report.issues][1:] == [(2, 1), (5, 3), (6, 9)]
    assert report.path == "posts/a.md"
    assert all(issue.path == "posts/a.md" for issue in report.issues)


def test_report_counts_and_ok() -> None:
    report = check(POST)
    assert report.counts == {"error": 2, "warning": 1, "info": 1}
    assert (report.errors, report.warnings, report.infos) == (2, 1, 1)
    assert not report.ok
    assert [issue.code for issue in report.failing] == ["NP902", "NP902"]


def test_ok_depends_on_fail_on() -> None:
    clean = "---\ntitle: BREAKING\n---\nText.\n"  # a warning and an info only
    assert check(clean).ok
    assert not check(clean, Config(fail_on="warning")).ok
    assert not check(clean, Config(fail_on=Severity.INFO)).ok
    assert check(clean, Config(fail_on="warning", ignore=["NP901"])).ok


def test_empty_report() -> None:
    report = Report(path="x.md")
    assert report.ok and report.counts == {"error": 0, "warning": 0, "info": 0}


def test_issue_fields_serialize_without_the_fix() -> None:
    issue = check(POST).issues[1]
    assert issue.model_dump(mode="json") == {
        "code": "NP901",
        "name": "test-title-shouting",
        "severity": "warning",
        "message": "the title is in capitals",
        "path": "posts/a.md",
        "line": 2,
        "column": 1,
        "fixable": False,
    }


class _Probe(LintRule):
    """A rule that is never registered, to build findings with."""

    code = "NP998"
    name = "test-probe"
    severity = Severity.INFO
    summary = "probe"


def test_issue_at_is_issue_at_the_offsets_line_and_column() -> None:
    post = loads("---\ntitle: T\n---\r\nFirst line.\r\nA TODO here.\n", path="posts/a.md")
    ctx = Context(post, Config().options)
    probe = _Probe()
    offset = post.raw.text.index("TODO")
    line, column = ctx.index.position(offset)
    assert (line, column) == (5, 3)
    assert probe.issue_at(ctx, offset) == probe.issue(ctx, line=line, column=column)
    fix = Fix(description="drop it", edits=[Edit(start=offset, end=offset + 4, replacement="")])
    found = probe.issue_at(ctx, offset, "a TODO", fix=fix)
    assert found == probe.issue(ctx, "a TODO", line=line, column=column, fix=fix)
    assert found.fixable
    assert found.model_fields_set == set(Issue.model_fields)  # as Issue(...) with every field


# -- select / ignore -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (dict(), {"NP901", "NP902", "NP911"}),
        (dict(select=["ALL"]), {"NP901", "NP902", "NP911"}),
        (dict(select=["NP902"]), {"NP902"}),
        (dict(select=["NP90"]), {"NP901", "NP902"}),
        (dict(ignore=["NP9"]), set()),
        (dict(ignore=["NP90"]), {"NP911"}),
        (dict(ignore=["NP901", "NP911"]), {"NP902"}),
        # A more specific select wins over a broader ignore, and the other way round.
        (dict(select=["NP901"], ignore=["NP9"]), {"NP901"}),
        (dict(select=["NP9"], ignore=["NP90"]), {"NP911"}),
        # Equal specificity: ignore wins.
        (dict(select=["NP901"], ignore=["NP901"]), set()),
        (dict(select=["np902"]), {"NP902"}),  # codes are case-insensitive
    ],
)
def test_select_and_ignore(settings: dict[str, list[str]], expected: set[str]) -> None:
    assert {issue.code for issue in check(POST, Config(**settings)).issues} == expected


def test_override_replaces_select_and_extends_ignore() -> None:
    base = Config(select=["NP90"], ignore=["NP901"])
    assert {i.code for i in check(POST, base.override(ignore=["NP902"])).issues} == set()
    assert {i.code for i in check(POST, base.override(select=["NP911"])).issues} == {"NP911"}


# -- severity overrides ----------------------------------------------------------------------


def test_severity_override_by_code_and_prefix_most_specific_wins() -> None:
    config = Config(severity={"NP9": "info", "NP902": "warning"})
    report = check(POST, config)
    assert {i.code: i.severity for i in report.issues} == {
        "NP901": Severity.INFO,
        "NP902": Severity.WARNING,
        "NP911": Severity.INFO,
    }
    assert report.ok  # nothing left at error


def test_severity_override_can_raise_a_level() -> None:
    report = check("---\ntitle: BREAKING\n---\nText.\n", Config(severity={"NP901": "error"}))
    assert not report.ok and report.errors == 1


# -- per-file-ignores ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "path", "ignored"),
    [
        ("drafts/*.md", "drafts/a.md", True),
        ("drafts/*.md", "drafts/deep/a.md", False),
        ("drafts/**/*.md", "drafts/deep/a.md", True),
        ("drafts/**/*.md", "drafts/a.md", True),
        ("drafts/", "drafts/deep/a.md", True),
        ("**/drafts/*", "site/drafts/a.md", True),
        ("*.md", "deep/in/folders/a.md", True),  # no folder part: the file name anywhere
        ("a.md", "posts/a.md", True),
        ("b.md", "posts/a.md", False),
        ("posts/a.md", "other/posts/a.md", False),
        ("2024-0[1-6]-*.md", "posts/2024-03-01-x.md", True),
        ("2024-0[!1-6]-*.md", "posts/2024-03-01-x.md", False),
        ("./posts/?.md", "posts/a.md", True),
    ],
)
def test_per_file_ignores_globs(glob: str, path: str, ignored: bool) -> None:
    config = Config(per_file_ignores={glob: ["NP902"]})
    assert ("NP902" not in {i.code for i in check(POST, config, path=path).issues}) is ignored


def test_per_file_ignores_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    config = Config(per_file_ignores={"posts/*.md": ["NP9"]}, root=tmp_path)
    inside = tmp_path / "posts" / "a.md"
    assert check(POST, config, path=str(inside)).issues == []
    assert check(POST, config, path=str(tmp_path / "other" / "a.md")).issues != []


def test_per_file_ignores_all() -> None:
    config = Config(per_file_ignores={"legacy/**": ["ALL"]})
    assert check(POST, config, path="legacy/2010/a.md").issues == []


# -- suppression comments --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "left"),
    [
        ("<!-- newspost: disable NP902 -->", {"NP901", "NP911"}),
        ("<!-- newspost: disable NP902, NP901 -->", {"NP911"}),
        ("<!-- newspost: disable NP902 NP911 -->", {"NP901"}),
        ("<!--newspost:disable np90-->", {"NP911"}),
        ("<!-- newspost: disable all -->", set()),
        ("<!-- newspost: disable -->", set()),
        ("<!-- NEWSPOST: DISABLE NP911 -->", {"NP901", "NP902", "NP911"}),  # lower case only
        ("<!-- newspost: disabled NP902 -->", {"NP901", "NP902", "NP911"}),  # not a directive
    ],
)
def test_disable_comment_turns_codes_off_for_the_whole_file(comment: str, left: set[str]) -> None:
    text = POST + f"\n{comment}\n"
    assert {issue.code for issue in check(text).issues} == left


def test_disable_next_line_only_the_next_line() -> None:
    text = POST.replace("A TODO here.", "<!-- newspost: disable-next-line NP902 -->\nA TODO here.")
    assert codes(check(text)) == [("NP911", None), ("NP901", 2), ("NP902", 7)]


def test_disable_next_line_of_another_code_keeps_the_issue() -> None:
    text = POST.replace("A TODO here.", "<!-- newspost: disable-next-line NP901 -->\nA TODO here.")
    assert ("NP902", 6) in codes(check(text))


def test_disable_next_line_in_front_matter_as_a_yaml_comment() -> None:
    text = POST.replace("title: BREAKING", "# newspost: disable-next-line NP901\ntitle: BREAKING")
    assert "NP901" not in {issue.code for issue in check(text).issues}


def test_a_comment_in_the_body_does_not_count_as_a_front_matter_directive() -> None:
    text = POST + "\n# newspost: disable NP902\n"  # a Markdown heading, not a directive
    assert "NP902" in {issue.code for issue in check(text).issues}


# -- load failures ---------------------------------------------------------------------------


def test_front_matter_error_becomes_np100_at_its_line() -> None:
    report = check_file(FIXTURES / "2024-07-30-4336.md")
    assert [(i.code, i.name, i.line, i.column, i.severity) for i in report.issues] == [
        (FrontMatterInvalid.code, "front-matter-invalid", 2, 13, Severity.ERROR)
    ]
    assert "quote the whole title" in report.issues[0].message  # the hint is kept
    assert report.path == str(FIXTURES / "2024-07-30-4336.md")
    assert not report.ok


def test_not_utf8_becomes_np101(tmp_path: Path) -> None:
    post = tmp_path / "cp949.md"
    post.write_bytes("---\ntitle: 한국\n---\n".encode("cp949"))
    report = check_file(post)
    assert [(i.code, i.name, i.line, i.column) for i in report.issues] == [
        (NotUtf8.code, "not-utf8", 2, 8)
    ]


def _too_deep(tmp_path: Path) -> Path:
    post = tmp_path / "deep.md"
    post.write_text("---\ntitle: Deep\n---\n" + "<div>" * 150 + "x" + "</div>" * 150 + "\n")
    return post


def test_a_post_over_a_limit_becomes_np117(tmp_path: Path) -> None:
    report = check_file(_too_deep(tmp_path))
    assert [(i.code, i.name, i.line, i.severity) for i in report.issues] == [
        (OverSafetyLimit.code, "over-safety-limit", 4, Severity.ERROR)
    ]
    assert "max_depth=100" in report.issues[0].message
    assert "[tool.newspost.limits]" in report.issues[0].message  # the hint says how to raise it


def test_the_configuration_raises_the_limits(tmp_path: Path) -> None:
    path = _too_deep(tmp_path)
    report = check_file(path, Config.from_mapping({"limits": {"max-depth": 200}}))
    assert all(issue.code != OverSafetyLimit.code for issue in report.issues)
    assert check_file(path, Config(ignore=["NP117"])).issues == []


def test_a_post_over_a_limit_does_not_stop_the_run(tmp_path: Path) -> None:
    _too_deep(tmp_path)
    (tmp_path / "fine.md").write_text("---\ntitle: Fine\n---\nText.\n")
    reports = {Path(str(r.path)).name: [i.code for i in r.issues] for r in check_paths([tmp_path])}
    assert reports["deep.md"] == ["NP117"]
    assert "NP117" not in reports["fine.md"]


def test_load_failures_follow_the_configuration() -> None:
    path = FIXTURES / "2024-07-30-4336.md"
    assert check_file(path, Config(ignore=["NP100"])).issues == []
    assert check_file(path, Config(select=["NP9"])).issues == []
    assert check_file(path, Config(per_file_ignores={"2024-07-30-*.md": ["NP100"]})).issues == []
    downgraded = check_file(path, Config(severity={"NP100": "warning"}))
    assert downgraded.ok and downgraded.warnings == 1


def test_missing_file_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        check_file(tmp_path / "missing.md")


def test_a_crashing_rule_names_itself(rules: dict[str, LintRule]) -> None:
    class Broken(LintRule):
        code = "NP999"
        name = "test-broken"
        severity = Severity.ERROR
        summary = "never"

        def check(self, ctx: Context) -> Iterator[Issue]:
            raise ZeroDivisionError("bug")

    rules["NP999"] = Broken()
    with pytest.raises(ZeroDivisionError) as caught:
        check(POST)
    notes = getattr(caught.value, "__notes__", [])
    assert not hasattr(caught.value, "add_note") or "rule NP999 failed on posts/a.md" in notes[0]


def test_registering_a_rule_later_is_seen_with_the_same_config(rules: dict[str, LintRule]) -> None:
    config = Config()
    assert "NP903" not in {i.code for i in check(POST, config).issues}

    class Extra(LintRule):
        code = "NP903"
        name = "test-extra"
        severity = Severity.INFO
        summary = "extra"

        def check(self, ctx: Context) -> Iterator[Issue]:
            yield self.issue(ctx)

    rules["NP903"] = Extra()
    assert "NP903" in {i.code for i in check(POST, config).issues}


# -- many files ------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """40 posts (two of them broken), a non-post .txt, a picture and a hidden file."""
    root = tmp_path / "site"
    (root / "_posts" / "deep").mkdir(parents=True)
    for number in range(38):
        sub = "deep/" if number % 3 == 0 else ""
        (root / "_posts" / f"{sub}{number:02d}.md").write_text(
            POST if number % 2 else "---\ntitle: Calm\ncategories: [News]\n---\nText.\n"
        )
    shutil.copy(FIXTURES / "2024-07-30-4336.md", root / "_posts" / "broken-1.md")
    shutil.copy(FIXTURES / "2024-06-27-433.md", root / "_posts" / "broken-2.md")
    (root / "_posts" / "notes.txt").write_text("not a post\n")
    (root / "_posts" / "photo.png").write_bytes(b"\x89PNG")
    (root / "_posts" / ".DS_Store").write_bytes(b"\0")
    (root / ".git").mkdir()
    (root / ".git" / "x.md").write_text("ignored")
    return root


def test_collect_paths_counts_what_it_skips(folder: Path) -> None:
    found = collect_paths([folder])
    assert len(found.posts) == 40
    assert (
        found.skipped == 2
    )  # notes.txt (no front matter) and photo.png; hidden files are not counted


def test_collect_paths_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        collect_paths([tmp_path / "nope"])


def summary(reports: list[Report]) -> list[tuple[str | None, list[tuple[str, int | None]]]]:
    return [(report.path, codes(report)) for report in reports]


def test_check_paths_in_process_keeps_order_and_reports_load_failures(folder: Path) -> None:
    reports = list(check_paths([folder], jobs=1))
    assert [r.path for r in reports] == [str(p) for p in collect_paths([folder]).posts]
    broken = {
        Path(r.path or "").name: codes(r)
        for r in reports
        if any(i.code == "NP100" for i in r.issues)
    }
    assert broken == {"broken-1.md": [("NP100", 2)], "broken-2.md": [("NP100", 3)]}


def test_check_paths_in_process_gives_check_files_reports(folder: Path) -> None:
    # 40 posts: more than one batch of BATCH_SIZE, with load failures in them.
    paths = collect_paths([folder]).posts
    assert len(paths) > engine.BATCH_SIZE
    expected = [check_file(path) for path in paths]
    assert list(check_paths([folder], jobs=1)) == expected


def test_check_paths_in_process_raises_in_its_turn(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = collect_paths([folder]).posts
    unreadable = str(paths[5])
    real_load = engine.load

    def load(path: str, **options: Any) -> object:
        if path == unreadable:
            raise ReadError("cannot read", path=path)
        return real_load(path, **options)

    monkeypatch.setattr(engine, "load", load)
    reports = check_paths([folder], jobs=1)
    assert [next(reports).path for _ in range(5)] == [str(p) for p in paths[:5]]
    with pytest.raises(ReadError, match="cannot read"):
        next(reports)


def test_check_paths_any_executor_gives_the_same_reports(folder: Path) -> None:
    expected = summary(list(check_paths([folder], jobs=1)))
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert summary(list(check_paths([folder], executor=pool, chunk_size=7))) == expected


def test_check_paths_worker_processes_give_the_same_reports(folder: Path) -> None:
    expected = summary(list(check_paths([folder], jobs=1)))
    assert summary(list(check_paths([folder], jobs=2, chunk_size=8))) == expected


def test_check_paths_without_fixes_keeps_all_but_the_repairs(folder: Path) -> None:
    with_fixes = list(check_paths([folder], jobs=1))
    assert any(issue.fix is not None for r in with_fixes for issue in r.issues)
    for jobs in (1, 2):
        bare = list(check_paths([folder], jobs=jobs, chunk_size=8, fixes=False))
        assert all(issue.fix is None for r in bare for issue in r.issues)
        # model_dump() leaves `fix` out: everything else is the same
        assert [r.model_dump() for r in bare] == [r.model_dump() for r in with_fixes]
        assert [[i.fixable for i in r.issues] for r in bare] == [
            [i.fixable for i in r.issues] for r in with_fixes
        ]


def test_check_paths_config_reaches_the_workers(folder: Path) -> None:
    config = Config(ignore=["NP100"], severity={"NP902": "info"})
    reports = list(check_paths([folder], config, jobs=2, chunk_size=8))
    assert all(issue.code != "NP100" for r in reports for issue in r.issues)
    assert all(r.ok for r in reports)


def test_check_paths_small_runs_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for one file")

    from newspost import _pool

    monkeypatch.setattr(_pool, "ProcessPoolExecutor", no_pool)
    reports = list(check_paths([FIXTURES / "seed.md"], jobs=4))
    assert len(reports) == 1


def test_check_paths_rejects_zero_jobs(folder: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(check_paths([folder], jobs=0))


def test_check_paths_of_nothing(tmp_path: Path) -> None:
    assert list(check_paths([tmp_path])) == []


def test_check_paths_can_be_abandoned_early(folder: Path) -> None:
    reports = check_paths([folder], jobs=2, chunk_size=4)
    first = next(reports)
    reports.close()  # shuts the pool down without waiting for every chunk to be read
    assert first.path is not None


def test_empty_select_runs_nothing() -> None:
    assert check(POST, Config(select=[])).issues == []


def test_workers_import_the_modules_of_registered_rules() -> None:
    import sys

    from newspost.validate._engine import _import_rules

    # What a "spawn" or "forkserver" worker runs first; a module it cannot import is
    # left out rather than failing the whole check.
    _import_rules(("json", "no_such_module_for_newspost"))
    assert "json" in sys.modules


def test_many_sections_of_sources_are_checked_in_linear_time() -> None:
    # NP202 once looked through every lifted source for each section they emptied.
    from newspost import Limits, loads, validate

    text = "---\ntitle: T\n---\n" + "## Sources\n- [a](https://a.kr)\n" * 25_000
    limits = Limits(max_elements=500_000, max_lines=100_000)
    post = loads(text, path="_posts/2024-01-01-a.md", limits=limits)
    started = time.perf_counter()
    report = validate(post)
    assert time.perf_counter() - started < 5.0
    assert not [issue for issue in report.issues if issue.code == "NP202"]
