"""`newspost fix`: in place and atomically, --diff and --check, exit codes, the hook, a kill."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT
from newspost.cli import main
from newspost.sanitize import fix_text

SEED = FIXTURES / "seed.md"
BROKEN = FIXTURES / "2024-07-30-4336.md"  # title: [탁구] ...: fixable NP100
CLEAN = "---\ntitle: Hello\ndate: 2024-01-01\ncategories: [News]\n---\nPlain text.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site: the seed, a broken-front-matter post, a clean post and a non-post."""
    root = tmp_path / "site"
    posts = root / "_posts"
    posts.mkdir(parents=True)
    shutil.copy(SEED, posts / "2024-06-12-seed.md")
    shutil.copy(BROKEN, posts / "2024-07-30-4336.md")
    (posts / "2024-01-01-clean.md").write_text(CLEAN, "utf-8")
    (root / "requirements.txt").write_text("newspost\n", "utf-8")
    return root


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_fix_rewrites_changed_posts_in_place(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = site / "_posts" / "2024-06-12-seed.md"
    clean = site / "_posts" / "2024-01-01-clean.md"
    seed.chmod(0o640)
    clean_inode = clean.stat().st_ino
    code, out, err = run(capsys, "fix", str(site), "--jobs", "1")
    assert code == 0 and out == ""
    assert seed.read_text("utf-8") == fix_text(SEED.read_text("utf-8"), path=str(seed)).text
    assert seed.stat().st_mode & 0o7777 == 0o640  # the mode is kept
    assert clean.stat().st_ino == clean_inode  # an unchanged file is not rewritten
    assert "fixed " in err and "NP301 ×2" in err and "NP100" in err
    assert "2 files fixed, 1 unchanged (1 skipped)" in err
    # No temporary file is left behind.
    assert sorted(p.name for p in (site / "_posts").iterdir()) == [
        "2024-01-01-clean.md",
        "2024-06-12-seed.md",
        "2024-07-30-4336.md",
    ]


def test_check_after_fix_reports_none_of_the_seeds_faults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    faults = {"NP106", "NP206", "NP301", "NP303"}
    post = Path(shutil.copy(SEED, tmp_path / "seed.md"))

    def found() -> set[str]:
        _, out, _ = run(capsys, "check", str(post), "--format", "json")
        return {issue["code"] for issue in yaml.safe_load(out)}

    assert found() >= faults
    assert run(capsys, "fix", str(post))[0] == 0
    assert not found() & faults


def test_diff_prints_a_unified_diff_and_writes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    seed = site / "_posts" / "2024-06-12-seed.md"
    code, out, err = run(capsys, "fix", "--diff", str(seed))
    assert code == 0
    assert snapshot(site) == before
    name = str(seed).lstrip("/")
    assert out.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
    assert '-<p>출처: <a href="httpss://newsdao.kr/2624" rel="dofollow">' in out
    assert "would fix" in err and "1 file would be fixed" in err


def test_diff_applies_with_patch(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("patch(1) is not installed")
    monkeypatch.chdir(site)  # a relative path, as pre-commit and git pass them
    _, out, _ = run(capsys, "fix", "--diff", "_posts/2024-06-12-seed.md")
    assert out.startswith("--- a/_posts/2024-06-12-seed.md\n+++ b/_posts/2024-06-12-seed.md\n")
    subprocess.run([patch, "-p1", "-s"], input=out, text=True, cwd=site, check=True)
    seed = site / "_posts" / "2024-06-12-seed.md"
    assert seed.read_text("utf-8") == fix_text(SEED.read_text("utf-8")).text


def test_check_exits_1_when_something_would_change(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    code, out, err = run(capsys, "fix", "--check", str(site))
    assert code == 1 and out == ""
    assert snapshot(site) == before
    assert "2 files would be fixed, 1 unchanged" in err
    assert run(capsys, "fix", str(site))[0] == 0
    code, _, err = run(capsys, "fix", "--check", str(site))
    assert code == 0 and "0 files would be fixed, 3 unchanged" in err


def test_no_sanitize_applies_only_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    code, _, err = run(capsys, "fix", "--no-sanitize", str(post))
    text = post.read_text("utf-8")
    assert code == 0 and "sanitize ×" not in err
    assert 'data-ke-size="size16"' in text and "dofollow" not in text


def test_select_and_ignore_choose_the_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    assert run(capsys, "fix", "--no-sanitize", "--select", "NP106", str(post))[0] == 0
    text = post.read_text("utf-8")
    assert "발효 행정안전부" in text and "httpss://newsdao.kr/2624" in text
    assert run(capsys, "fix", "--no-sanitize", "--ignore", "NP3", str(post))[0] == 0
    assert "<th" in post.read_text("utf-8") and "dofollow" in post.read_text("utf-8")


def test_policy_and_engine_choose_the_sanitizer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: T\n---\n<h2>Head</h2>\n\n<p>Text</p>\n", "utf-8")
    assert run(capsys, "fix", "--policy", "strict", str(post))[0] == 0
    assert post.read_text("utf-8") == "---\ntitle: T\n---\nHead\n\nText\n"


def exit_code(*argv: str) -> int | str | None:
    """main's exit code, or argparse's when it stops on a usage error."""
    try:
        return main(list(argv))
    except SystemExit as stopped:
        return stopped.code


@pytest.mark.parametrize(
    "argv",
    [["--policy", "strickt"], ["--engine", "nope"], ["--select", "NP9999"], ["--jobs", "0"]],
)
def test_usage_errors_exit_2_and_write_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = snapshot(site)
    assert exit_code("fix", *argv, str(site)) == 2
    assert snapshot(site) == before
    assert capsys.readouterr().err


def test_a_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "fix", str(tmp_path / "missing.md"))
    assert code == 2 and "no such file or folder" in err


def test_unrepairable_front_matter_exits_1_and_says_where(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = site / "_posts" / "2024-02-02-broken.md"
    broken.write_text("---\ntitle: 'unclosed\n---\nBody <a rel='dofollow'>x</a>\n", "utf-8")
    before = broken.read_bytes()
    code, _, err = run(capsys, "fix", str(site))
    assert code == 1
    assert broken.read_bytes() == before
    assert f"{broken}:2:" in err and "NP100" in err and "not fixed" in err
    assert "1 failed" in err
    assert "dofollow" not in (site / "_posts" / "2024-06-12-seed.md").read_text("utf-8")


def test_non_posts_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p><a rel='dofollow' href='httpss://a.kr'>x</a></p>\n", "utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("httpss://a.kr\n", "utf-8")
    code, _, err = run(capsys, "fix", str(page), str(notes))
    assert code == 0 and "(2 skipped)" in err
    assert "httpss" in page.read_text("utf-8") and "httpss" in notes.read_text("utf-8")


def test_a_file_that_cannot_be_written_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newspost.errors import ReadError

    def refuse(path: Path, data: bytes) -> None:
        raise ReadError("cannot write the file: Read-only file system", path=path)

    monkeypatch.setattr(sys.modules["newspost.sanitize._fix"], "atomic_write", refuse)
    post = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    code, _, err = run(capsys, "fix", str(post))
    assert code == 2 and "Read-only file system" in err
    assert post.read_bytes() == SEED.read_bytes()


def test_check_counts_np100_as_fixable(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = site / "_posts" / "2024-07-30-4336.md"
    code, out, err = run(capsys, "check", "--select", "NP100", str(broken))
    assert code == 1 and "NP100" in out and "1 fixable" in err
    assert run(capsys, "fix", "--select", "NP100", "--no-sanitize", str(broken))[0] == 0
    code, out, err = run(capsys, "check", "--select", "NP100", str(broken))
    assert code == 0 and out == ""


def test_crlf_and_bom_survive_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "crlf.md"
    post.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert run(capsys, "fix", str(post))[0] == 0
    data = post.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n") and b"dofollow" not in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_the_pre_commit_hook_matches_the_check_hook() -> None:
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    check, fix = hooks["newspost-check"], hooks["newspost-fix"]
    assert fix["entry"] == "newspost fix" and fix["language"] == "python"
    for key in ("files", "types_or", "types", "exclude"):
        assert fix.get(key) == check.get(key), key


# -- a kill between writing the temporary file and the rename --------------------------------

_STALLED_FIX = textwrap.dedent(
    """
    import os, sys, time

    def stalled(source, target):
        # atomic_write has written and fsynced the temporary file: tell the parent, wait.
        print(source, flush=True)
        time.sleep(60)

    os.replace = stalled
    from newspost.cli import main

    sys.exit(main(["fix", "--jobs", "1", sys.argv[1]]))
    """
)


def test_a_kill_before_the_rename_leaves_the_original(tmp_path: Path) -> None:
    post = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    original = post.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", _STALLED_FIX, str(post)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "the fix never reached the rename"
        temporary = Path(child.stdout.readline().strip())
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert post.read_bytes() == original  # the target is the original, byte for byte
    # The temporary file sits beside it, complete: the rename alone makes the change.
    assert temporary.parent == tmp_path and temporary != post
    assert temporary.read_bytes() == fix_text(original, path=str(post)).text.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([post.name, temporary.name])
