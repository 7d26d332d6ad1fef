"""`newspost check` and `newspost rules`: output formats, exit codes 0/1/2, configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES
from newspost.cli import main
from newspost.validate import render_rules_markdown

BROKEN = FIXTURES / "2024-07-30-4336.md"
GOOD = FIXTURES / "seed.md"
# Only the engine's own rules, so that these tests do not change with the built-in rules.
ONLY_ENGINE = ["--select", "NP100,NP101"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder with a good post, a broken one, and a .txt file that is not a post."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    shutil.copy(GOOD, posts / "2024-06-12-good.md")
    shutil.copy(BROKEN, posts / "2024-07-30-broken.md")
    (posts / "notes.txt").write_text("not a post\n", encoding="utf-8")
    return tmp_path


# -- exit codes ------------------------------------------------------------------------------


def test_clean_exits_0_with_a_summary_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(GOOD), *ONLY_ENGINE)
    assert (code, out) == (0, "")
    assert "passed: checked 1 file in " in err and "0 errors, 0 warnings, 0 infos" in err


def test_errors_exit_1_and_are_listed(capsys: pytest.CaptureFixture[str], site: Path) -> None:
    code, out, err = run(capsys, "check", str(site), *ONLY_ENGINE)
    assert code == 1
    broken = site / "_posts" / "2024-07-30-broken.md"
    assert out.splitlines() == [
        f"{broken}:2:13: NP100 YAML front matter does not parse: did not find expected key "
        "(in the value of 'title') (hint: a value starting with [ is read as a YAML list or "
        "mapping: quote the whole title)"
    ]
    assert "failed: checked 2 files (1 skipped)" in err and "1 error, 0 warnings" in err


def test_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "nope"), str(GOOD))
    assert (code, out) == (2, "")
    assert "nope: no such file or folder" in err


def test_unknown_code_exits_2_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(GOOD), "--select", "NP10O")
    assert code == 2 and "unknown rule code 'NP10O'" in err and "did you mean" in err


@pytest.mark.parametrize("argv", [["--jobs", "0"], ["--format", "xml"], ["--fail-on", "fatal"], []])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", *argv, str(GOOD)] if argv else ["check"])
    assert exited.value.code == 2


def test_bad_config_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "newspost.toml"
    config.write_text("selekt = []\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(GOOD), "--config", str(config))
    assert code == 2 and "unknown key 'selekt'" in err and "did you mean 'select'?" in err
    code, _, err = run(capsys, "check", str(GOOD), "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and "cannot read the configuration file" in err


def test_real_exit_code_from_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newspost", "check", str(BROKEN), *ONLY_ENGINE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "NP100" in done.stdout


_COLOUR_SETTINGS = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")


def _check_in_a_subprocess(**env: str) -> tuple[str, str]:
    """stdout (saying whether rich was imported) and stderr of a piped `newspost check`."""
    script = (
        "import sys; from newspost.cli import main; code = main(sys.argv[1:]); "
        "print('rich imported:', 'rich' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "check", str(BROKEN), "--jobs", "1", *ONLY_ENGINE],
        capture_output=True,
        text=True,
        check=False,
        env={**{k: v for k, v in os.environ.items() if k not in _COLOUR_SETTINGS}, **env},
    )
    return done.stdout, done.stderr


def test_piped_output_is_plain_and_needs_no_rich() -> None:
    # A pre-commit hook's output is piped: importing rich there was a tenth of its start-up.
    out, err = _check_in_a_subprocess()
    assert "NP100" in out and out.endswith("rich imported: False\n")
    assert err.startswith("failed: checked 1 file in ") and "\x1b[" not in err


def test_forced_colour_styles_the_summary() -> None:
    _, err = _check_in_a_subprocess(FORCE_COLOR="1")
    assert "\x1b[" in err and "failed" in err and "checked 1 file in " in err


# -- selection, fail-on and configuration ----------------------------------------------------


def test_ignore_and_select(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(BROKEN), "--select", "NP101")[0] == 0
    assert run(capsys, "check", str(BROKEN), *ONLY_ENGINE, "--ignore", "NP100")[0] == 0
    assert run(capsys, "check", str(BROKEN), "--select", "NP1", "--select", "NP100")[0] == 1


def test_fail_on_and_severity_from_the_discovered_config(
    capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    (site / "newspost.toml").write_text('[severity]\nNP100 = "warning"\n', encoding="utf-8")
    code, out, err = run(capsys, "check", str(site / "_posts"), *ONLY_ENGINE)
    assert code == 0 and "NP100" in out and "0 errors, 1 warning" in err
    assert run(capsys, "check", str(site / "_posts"), *ONLY_ENGINE, "--fail-on", "warning")[0] == 1


def test_per_file_ignores_from_pyproject(capsys: pytest.CaptureFixture[str], site: Path) -> None:
    (site / "pyproject.toml").write_text(
        '[tool.newspost.per-file-ignores]\n"_posts/2024-07-*.md" = ["NP100"]\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", str(site), *ONLY_ENGINE)
    assert (code, out) == (0, "")


def test_explicit_config_wins_over_discovery(
    capsys: pytest.CaptureFixture[str], site: Path, tmp_path: Path
) -> None:
    (site / "newspost.toml").write_text('ignore = ["NP100"]\n', encoding="utf-8")
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "error"\n', encoding="utf-8")
    assert run(capsys, "check", str(site), *ONLY_ENGINE)[0] == 0
    assert run(capsys, "check", str(site), *ONLY_ENGINE, "--config", str(other))[0] == 1


def test_named_files_that_are_not_posts_are_skipped(
    capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    code, out, err = run(
        capsys, "check", str(site / "_posts" / "notes.txt"), str(GOOD), *ONLY_ENGINE
    )
    assert (code, out) == (0, "") and "checked 1 file (1 skipped)" in err


# -- formats ---------------------------------------------------------------------------------


def test_json(capsys: pytest.CaptureFixture[str], site: Path) -> None:
    code, out, err = run(capsys, "check", str(site), *ONLY_ENGINE, "--format", "json")
    assert code == 1 and err == ""  # the summary is for people reading text
    (issue,) = json.loads(out)
    assert set(issue) == {
        "path",
        "line",
        "column",
        "code",
        "name",
        "severity",
        "message",
        "fixable",
    }
    assert (issue["line"], issue["column"], issue["code"], issue["severity"]) == (
        2,
        13,
        "NP100",
        "error",
    )


def test_sarif(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, site: Path
) -> None:
    monkeypatch.chdir(site)
    code, out, _ = run(capsys, "check", "_posts", *ONLY_ENGINE, "--format", "sarif")
    log = json.loads(out)
    assert code == 1 and log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == ["NP100", "NP101"]
    (result,) = run_["results"]
    assert result["ruleId"] == "NP100" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "_posts/2024-07-30-broken.md"},
        "region": {"startLine": 2, "startColumn": 13},
    }


def test_github(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, site: Path
) -> None:
    monkeypatch.chdir(site)
    code, out, _ = run(capsys, "check", "_posts", *ONLY_ENGINE, "--format", "github")
    assert code == 1
    assert out.startswith(
        "::error file=_posts/2024-07-30-broken.md,line=2,col=13,title=NP100::YAML front matter"
    )


def test_output_file(capsys: pytest.CaptureFixture[str], site: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, _ = run(
        capsys, "check", str(site), *ONLY_ENGINE, "--format", "sarif", "-o", str(target)
    )
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]


# -- many files: processes and the progress bar ----------------------------------------------


@pytest.fixture
def many(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(70):
        source = BROKEN if number % 10 == 0 else GOOD
        shutil.copy(source, folder / f"post-{number:02d}.md")
    return folder


def test_jobs_give_the_same_output(capsys: pytest.CaptureFixture[str], many: Path) -> None:
    one = run(capsys, "check", str(many), *ONLY_ENGINE, "--jobs", "1", "--format", "json")
    two = run(capsys, "check", str(many), *ONLY_ENGINE, "--jobs", "2", "--format", "json")
    assert one == two and len(json.loads(one[1])) == 7


def test_progress_bar_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, many: Path
) -> None:
    plain = run(capsys, "check", str(many), *ONLY_ENGINE, "--jobs", "1")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "check", str(many), *ONLY_ENGINE, "--jobs", "1")
    assert (code, out) == plain[:2]  # the bar goes to stderr only
    assert "checked 70 files" in err


# -- rules -----------------------------------------------------------------------------------


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert out.splitlines()[0].split() == ["code", "name", "severity", "fixable", "summary"]
    assert any(
        line.split()[:3] == ["NP100", "front-matter-invalid", "error"] for line in out.splitlines()
    )


def test_rules_shows_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "np101")
    assert code == 0 and out.startswith("NP101 not-utf8 (error, not fixable)\n") and "Good:" in out


def test_rules_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules", "NP10")
    assert (code, out) == (2, "") and "no rule 'NP10'" in err and "did you mean NP" in err


def test_rules_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "rules", "--format", "markdown")[1] == render_rules_markdown()
    listed = json.loads(run(capsys, "rules", "--format", "json")[1])
    first = next(rule for rule in listed if rule["code"] == "NP100")
    assert first["name"] == "front-matter-invalid" and "Bad:" in first["documentation"]
