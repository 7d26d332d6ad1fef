"""Every real post loads (or raises the documented error) and comes back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BROKEN_FRONT_MATTER, corpus_files
from newspost import FrontMatterError, Post, dumps, load
from newspost.parse import iter_paths

FILES = corpus_files()


def _load(path: Path) -> Post | None:
    if path.name in BROKEN_FRONT_MATTER:
        with pytest.raises(FrontMatterError) as info:
            load(path)
        assert info.value.line is not None and info.value.hint
        return None
    return load(path)


@pytest.mark.corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_loads_and_round_trips(path: Path) -> None:
    post = _load(path)
    if post is None:
        return
    assert dumps(post).encode("utf-8") == path.read_bytes()
    assert Post.model_validate_json(post.model_dump_json()) == post


@pytest.mark.corpus
def test_every_folder_loads(corpus: Path) -> None:
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    assert len(folders) >= 7
    for folder in folders:
        paths = list(iter_paths(folder))
        assert paths, f"no posts found in {folder}"
        loaded = [p for p in paths if p.name not in BROKEN_FRONT_MATTER]
        assert all(load(p) for p in loaded)


@pytest.mark.corpus
def test_changing_one_field_changes_only_its_lines(corpus: Path) -> None:
    checked = 0
    for path in iter_paths(corpus):
        if path.name in BROKEN_FRONT_MATTER:
            continue
        post = load(path)
        if post.raw.format == "none" or post.front_matter.title is None:
            continue
        edited = post.with_front_matter(title="A new title: with a colon")
        before = dumps(post).splitlines(keepends=True)
        after = dumps(edited).splitlines(keepends=True)
        if post.raw.format == "json":
            assert after[len(after) - len(post.body.splitlines()) :] == post.body.splitlines(
                keepends=True
            )
        else:
            # Everything before the title's line and after its value is untouched.
            start = post.raw.key_lines["title"] - 1
            value_lines = 1 + (len(before) - len(after))
            assert before[:start] == after[:start], path
            assert before[start + value_lines :] == after[start + 1 :], path
            assert after[start].startswith(("title:", "title =")), path
        reloaded = load(path).model_copy()
        assert reloaded.front_matter.title != "A new title: with a colon"
        from newspost import loads

        again = loads(dumps(edited), path=path)
        assert again.front_matter.title == "A new title: with a colon"
        assert again.front_matter.model_dump(exclude={"title"}) == post.front_matter.model_dump(
            exclude={"title"}
        )
        assert dumps(again) == dumps(edited)
        checked += 1
    assert checked > 300


@pytest.mark.corpus
def test_structure_in_the_corpus(corpus: Path) -> None:
    """Spot checks on real posts of each kind."""
    posts = {p.name: load(p) for p in iter_paths(corpus) if p.name not in BROKEN_FRONT_MATTER}
    haiku = posts["2012-11-10_code_sprint_2012_debugger.html"]
    assert haiku.raw.format == "toml" and haiku.flavor == "html"
    assert [s.title for s in haiku.sections] == ["Typecasting", "Watchpoints", "Conclusion"]
    bom = posts["2010-05-13-efbbbfopensuse-kde-team-meeting.md"]
    assert bom.front_matter.published is False
    tistory = posts["[250505-til]-polling-적용기.md"]
    assert tistory.raw.format == "none" and tistory.title == "문제 정의"
    assert [s.level for s in tistory.walk_sections()][:3] == [2, 2, 3]
    ferry = posts["2024-06-12-10.md"]
    assert [c.text for c in ferry.tables[0].header] == [
        "출발 시간",
        "도착 시간",
        "소요 시간",
        "선박명",
        "요금",
    ]
