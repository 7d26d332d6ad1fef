"""iter_load walks folders lazily and skips what is not a post."""

from __future__ import annotations

from pathlib import Path

import pytest

from newspost import NewsPostError, iter_load
from newspost.parse import iter_paths


def test_walks_recursively_and_skips_junk(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("# B\n")
    (tmp_path / "sub" / "c.html").write_text("+++\ntitle = 'C'\n+++\n<p>x</p>\n")
    (tmp_path / "sub" / "layout.html").write_text("<html>not a post</html>")
    (tmp_path / "notes.txt").write_text("no front matter")
    (tmp_path / "d.txt").write_text("---\ntitle: D\n---\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("# hidden")
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site" / "y.md").write_text("# built")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    titles = [post.title for post in iter_load(tmp_path)]
    assert titles == ["A", "D", "B", "C"]


def test_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.md").write_text(f"# {i}\n")
    walker = iter_load(tmp_path)
    assert next(walker).title == "0"


def test_errors_stop_or_are_handed_over(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [x\n---\n")
    (tmp_path / "b.md").write_text("# ok\n")
    with pytest.raises(NewsPostError):
        list(iter_load(tmp_path))
    seen: list[NewsPostError] = []
    assert [p.title for p in iter_load(tmp_path, on_error=seen.append)] == ["ok"]
    assert len(seen) == 1 and seen[0].path is not None and seen[0].path.endswith("a.md")


def test_named_files_are_taken_as_they_are(tmp_path: Path) -> None:
    note = tmp_path / "notes.txt"
    note.write_text("plain")
    assert list(iter_paths([note])) == [note]


def test_mdx_files_are_walked_past_and_read_when_named(tmp_path: Path) -> None:
    # MDX is Markdown with JSX and ES imports, which only an MDX compiler reads.
    mdx = tmp_path / "2023-08-01-beta" / "index.mdx"
    mdx.parent.mkdir()
    mdx.write_text("---\ntitle: Beta\n---\nimport Tabs from '@theme/Tabs';\n\nText.\n")
    assert list(iter_paths(tmp_path)) == []
    assert [post.title for post in iter_load([mdx])] == ["Beta"]
