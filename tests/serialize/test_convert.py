"""Batch conversion: ``convert_paths`` and ``newspost convert``."""

from __future__ import annotations

import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from helpers import FIXTURES, ROOT
from newspost import FormatError, PolicyError, ReadError, dumps, load
from newspost.cli import main
from newspost.serialize import convert_paths, load_json

EXAMPLES = ROOT / "examples"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small tree of posts: two examples at the top, one nested, one broken."""
    root = tmp_path / "site"
    (root / "_posts" / "2024").mkdir(parents=True)
    shutil.copy(EXAMPLES / "seed.md", root / "seed.md")
    shutil.copy(EXAMPLES / "hugo-toml-debugger.html", root / "debugger.html")
    shutil.copy(EXAMPLES / "2024-06-12-10.md", root / "_posts" / "2024" / "2024-06-12-10.md")
    shutil.copy(FIXTURES / "2024-07-30-4336.md", root / "_posts" / "2024" / "2024-07-30-4336.md")
    return root


def _outputs(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def test_mirrors_a_folder_with_the_new_suffix(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = list(convert_paths(site, "json", out, jobs=1))
    assert [r.source.name for r in results] == [
        "debugger.html", "seed.md", "2024-06-12-10.md", "2024-07-30-4336.md"
    ]  # fmt: skip
    assert [r.ok for r in results] == [True, True, True, False]
    assert _outputs(out) == ["_posts/2024/2024-06-12-10.json", "debugger.json", "seed.json"]
    assert load_json(out / "seed.json") == load(site / "seed.md")
    broken = results[3]
    assert broken.target == out / "_posts" / "2024" / "2024-07-30-4336.json"
    assert broken.error is not None and broken.error.line == 2 and broken.error.hint


@pytest.mark.parametrize("to", ["html", "jsonld", "text", "markdown"])
def test_every_format_writes_what_dumps_gives(to: str, site: Path, tmp_path: Path) -> None:
    out = tmp_path / to
    options: dict[str, Any] = {"standalone": True} if to == "html" else {}
    done = [r for r in convert_paths([site / "seed.md"], to, out, jobs=1, **options) if r.ok]
    assert len(done) == 1 and done[0].target is not None
    expected = dumps(load(site / "seed.md"), format=to, **options)
    assert done[0].target.read_text(encoding="utf-8") == expected
    suffix = {"html": ".html", "jsonld": ".jsonld", "text": ".txt", "markdown": ".md"}[to]
    assert done[0].target.name == "seed" + suffix


def test_worker_processes_and_any_executor_give_the_same(site: Path, tmp_path: Path) -> None:
    one = [(r.source, r.ok) for r in convert_paths(site, "text", tmp_path / "one", jobs=1)]
    many = [(r.source, r.ok) for r in convert_paths(site, "text", tmp_path / "many", jobs=2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        threads = [
            (r.source, r.ok)
            for r in convert_paths(site, "text", tmp_path / "threads", executor=pool)
        ]
    assert one == many == threads
    for name in ("many", "threads"):
        for path in (tmp_path / "one").rglob("*.txt"):
            other = tmp_path / name / path.relative_to(tmp_path / "one")
            assert other.read_bytes() == path.read_bytes()


def test_collisions_and_overwriting_the_source_are_errors(site: Path, tmp_path: Path) -> None:
    shutil.copy(site / "seed.md", site / "seed.markdown")
    results = list(convert_paths(site, "html", tmp_path / "out", jobs=1))
    clash = next(r for r in results if r.source.name == "seed.md")
    assert isinstance(clash.error, FormatError) and "already the output of" in clash.error.message
    in_place = list(convert_paths([site / "seed.md"], "markdown", site, jobs=1))
    assert (
        isinstance(in_place[0].error, FormatError)
        and "replace the post itself" in in_place[0].error.message
    )
    assert (site / "seed.md").read_bytes() == (EXAMPLES / "seed.md").read_bytes()


def test_missing_paths_are_per_file_errors(tmp_path: Path) -> None:
    results = list(
        convert_paths([tmp_path / "nope.md", EXAMPLES / "seed.md"], "text", tmp_path / "o")
    )
    assert isinstance(results[0].error, ReadError) and results[1].ok


def test_format_and_options_are_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="unknown format"):
        list(convert_paths(EXAMPLES, "pdf", tmp_path / "o"))
    with pytest.raises(FormatError, match="has no option 'standalone'"):
        list(convert_paths(EXAMPLES, "text", tmp_path / "o", standalone=True))
    with pytest.raises(PolicyError, match="strickt"):
        list(convert_paths(EXAMPLES, "html", tmp_path / "o", policy="strickt"))
    with pytest.raises(FormatError, match="site_url"):
        list(convert_paths(EXAMPLES, "jsonld", tmp_path / "o", site_url="x.kr"))
    with pytest.raises(ValueError, match="jobs"):
        list(convert_paths(EXAMPLES, "text", tmp_path / "o", jobs=0))
    assert not (tmp_path / "o").exists()


# -- the command -------------------------------------------------------------------------


def test_one_file_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(EXAMPLES / "seed.md"), "--to", "text"]) == 0
    captured = capsys.readouterr()
    assert captured.out == dumps(load(EXAMPLES / "seed.md"), format="text") and captured.err == ""


def test_html_options(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["convert", str(EXAMPLES / "seed.md"), "--to", "html", "--standalone"]
    assert main([*argv, "--site-url", "https://newsdao.kr", "--policy", "strict"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and '<base href="https://newsdao.kr/">' in out
    assert "<img" not in out  # strict
    assert main([*argv, "--no-sanitize"]) == 0
    assert 'href="httpss://newsdao.kr/2624"' in capsys.readouterr().out


def test_folder_into_a_directory_with_errors_on_stderr(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["convert", str(site), "--to", "html", "-o", str(out), "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    errors = [line for line in captured.err.splitlines() if not line.startswith("converted ")]
    assert len(errors) == 1
    assert re.fullmatch(r".*2024-07-30-4336\.md:2:13: .+ \(hint: .+\)", errors[0]), errors[0]
    assert "converted 3 of 4 files" in captured.err and "1 failed" in captured.err
    assert _outputs(out) == ["_posts/2024/2024-06-12-10.html", "debugger.html", "seed.html"]


def test_all_converted_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["convert", str(EXAMPLES / "seed.md"), str(EXAMPLES / "2024-06-12-10.md")]
    assert main([*argv, "--to", "jsonld", "--site-url", "https://x.kr", "-o", str(tmp_path)]) == 0
    assert _outputs(tmp_path) == ["2024-06-12-10.jsonld", "seed.jsonld"]
    assert "https://x.kr/assets/img" in (tmp_path / "seed.jsonld").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--to", "pdf"], "unknown format 'pdf'"),
        (["--to", "text", "--standalone"], "format 'text' has no option 'standalone'"),
        (["--to", "json", "--site-url", "https://x.kr"], "has no option 'site_url'"),
        (["--to", "html", "--policy", "strickt"], "unknown sanitizing policy 'strickt'"),
        (["--to", "jsonld", "--site-url", "newsdao.kr"], "is not an absolute http(s) URL"),
        (
            [str(EXAMPLES / "seed.md"), str(EXAMPLES / "2024-06-12-10.md"), "--to", "text"],
            "several posts need an output folder",
        ),
        ([str(EXAMPLES), "--to", "text"], "several posts need an output folder"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if argv[0].startswith("--"):
        argv = [str(EXAMPLES / "seed.md"), *argv]
    assert main(["convert", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "hint:" in err


def test_argument_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["convert", "x.md"], ["convert", "x.md", "--to", "text", "--jobs", "0"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    capsys.readouterr()


def test_a_broken_single_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(FIXTURES / "2024-07-30-4336.md"), "--to", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and re.match(r".*4336\.md:2:13: .+\(hint: ", captured.err)


def test_no_progress_bar_when_not_a_terminal(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not sys.stderr.isatty()
    main(["convert", str(site), "--to", "text", "-o", str(tmp_path / "o"), "-j", "1"])
    assert "\x1b[" not in capsys.readouterr().err
