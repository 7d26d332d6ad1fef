"""The format registry and the ``dumps``/``dump`` front door."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newspost import FormatError, PolicyError, Post, dump, dumps, load, loads
from newspost.serialize import (
    Format,
    _registry,
    format_names,
    get_format,
    register_format,
)

BUILTIN = ["html", "json", "jsonld", "markdown", "text"]


@pytest.fixture
def scratch_registry() -> Iterator[None]:
    """Formats registered by a test are gone after it."""
    saved = dict(_registry._FORMATS)
    yield
    _registry._FORMATS.clear()
    _registry._FORMATS.update(saved)


def test_builtin_formats_are_listed_and_have_suffixes() -> None:
    assert set(BUILTIN) <= set(format_names())
    assert format_names() == sorted(format_names())
    suffixes = {name: get_format(name).suffix for name in BUILTIN}
    assert suffixes == {
        "html": ".html", "json": ".json", "jsonld": ".jsonld", "markdown": ".md", "text": ".txt"
    }  # fmt: skip


def test_default_is_the_lossless_markdown(seed_path: Path) -> None:
    post = load(seed_path)
    assert dumps(post) == dumps(post, format="markdown")
    assert dumps(post).encode("utf-8") == seed_path.read_bytes()


def test_unknown_format_lists_the_names() -> None:
    with pytest.raises(FormatError) as info:
        dumps(loads("x\n"), format="htlm")
    assert "unknown format 'htlm'" in info.value.message
    assert info.value.hint is not None
    assert "did you mean 'html'?" in info.value.hint
    assert all(name in info.value.hint for name in BUILTIN)


def test_unknown_option_is_a_format_error_with_the_options() -> None:
    post = loads("x\n")
    with pytest.raises(FormatError) as info:
        dumps(post, format="html", standalon=True)
    assert info.value.hint == "did you mean 'standalone'?"
    with pytest.raises(FormatError) as info:
        dumps(post, format="json", standalone=True)
    assert info.value.hint == "its options: indent"
    with pytest.raises(FormatError, match="has no option"):
        dumps(post, format="markdown", indent=2)


def test_check_finds_bad_values_once_and_tolerates_picky_writers(scratch_registry: None) -> None:
    with pytest.raises(PolicyError):
        get_format("html").check({"policy": "nope"})
    get_format("html").check({"policy": "strict", "standalone": True})

    def needs_a_title(post: Post) -> str:
        assert post.title, "no title"
        return post.title

    register_format("picky", needs_a_title)
    get_format("picky").check({})  # an empty post is not its business: no error
    with pytest.raises(FormatError, match="has no option"):
        get_format("picky").check({"x": 1})


def test_register_a_function(scratch_registry: None) -> None:
    def shout(post: Post, *, mark: str = "!") -> str:
        return post.title.upper() + mark

    made = register_format("shout", shout)
    assert made == Format(name="shout", writer=shout, suffix=".shout", options=frozenset({"mark"}))
    post = loads("---\ntitle: hi\n---\n")
    assert dumps(post, format="shout") == "HI!"
    assert dumps(post, format="SHOUT", mark="?") == "HI?"
    assert "shout" in format_names()


def test_register_a_class(scratch_registry: None) -> None:
    class Titles:
        """Section titles, one per line."""

        def __call__(self, post: Post, **options: Any) -> str:
            return "\n".join(section.title for section in post.walk_sections())

    made = register_format("titles", Titles, suffix="txt")
    assert isinstance(made.writer, Titles)
    assert made.suffix == ".txt" and made.options is None  # **options: anything goes
    post = loads("## A\n\n## B\n")
    assert dumps(post, format="titles", whatever=1) == "A\nB"


def test_names_are_not_taken_silently(scratch_registry: None) -> None:
    with pytest.raises(FormatError, match="already registered") as info:
        register_format("html", lambda post: "")
    assert info.value.hint is not None and "replace=True" in info.value.hint
    register_format("html", lambda post: "mine", replace=True)
    assert dumps(loads("x\n"), format="html") == "mine"
    with pytest.raises(FormatError, match="invalid format name"):
        register_format("a b", lambda post: "")
    with pytest.raises(FormatError, match="not callable"):
        register_format("nope", "not a writer")  # type: ignore[arg-type]


def test_a_failing_writer_becomes_a_format_error(scratch_registry: None) -> None:
    def broken(post: Post) -> str:
        raise KeyError("boom")

    register_format("broken", broken)
    register_format("bytes", lambda post: b"x")  # type: ignore[arg-type, return-value]
    with pytest.raises(FormatError, match="the 'broken' writer failed: KeyError") as info:
        dumps(loads("x\n", path="p.md"), format="broken")
    assert isinstance(info.value.__cause__, KeyError) and info.value.path == "p.md"
    with pytest.raises(FormatError, match="returned bytes"):
        dumps(loads("x\n"), format="bytes")


def test_dump_writes_paths_and_file_objects(tmp_path: Path, seed_path: Path) -> None:
    post = load(seed_path)
    target = tmp_path / "seed.html"
    dump(post, target, format="html", standalone=True)
    assert target.read_text(encoding="utf-8") == dumps(post, format="html", standalone=True)
    text, binary = io.StringIO(), io.BytesIO()
    dump(post, text, format="text")
    dump(post, binary, format="json")
    assert text.getvalue() == dumps(post, format="text")
    assert binary.getvalue().decode("utf-8") == dumps(post, format="json")
    dump(post, tmp_path / "same.md")
    assert (tmp_path / "same.md").read_bytes() == seed_path.read_bytes()
