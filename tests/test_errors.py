"""Every failure reaches the caller as a NewsPostError, with its location and a hint."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

import newspost
from newspost import EncodingError, FrontMatterError, NewsPostError, ReadError, load
from newspost.errors import __all__ as error_names


def test_tree_has_one_root() -> None:
    for name in error_names:
        assert issubclass(getattr(newspost.errors, name), NewsPostError)
        assert getattr(newspost.errors, name).__doc__


def test_foreign_errors_are_mapped() -> None:
    """Each foreign failure mode maps to our class (httpx keeps the same kind of table)."""
    cases: list[tuple[object, type[NewsPostError]]] = [
        (b"\xff\xfe", EncodingError),  # UnicodeDecodeError
        ("---\na: [\n---\n", FrontMatterError),  # yaml ScannerError / ParserError
        ("---\na: !!python/name:os.system\n---\n", FrontMatterError),  # yaml ConstructorError
        ("---\ndate: 2024-02-30\n---\n", FrontMatterError),  # ValueError in a constructor
        ("---\ntitle: [a, b]\n---\n", FrontMatterError),  # pydantic ValidationError
        ("+++\na = \n+++\n", FrontMatterError),  # tomllib.TOMLDecodeError
        ('{\n"a": ,\n}\n', FrontMatterError),  # json.JSONDecodeError
    ]
    for source, expected in cases:
        with pytest.raises(expected) as info:
            newspost.loads(source)  # type: ignore[arg-type]
        assert info.value.__cause__ is not None or expected is FrontMatterError
        assert info.value.line is not None


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        load(tmp_path / "missing.md")
    assert info.value.path is not None and info.value.path.endswith("missing.md")
    with pytest.raises(ReadError):
        load(tmp_path)  # a folder


def test_errors_pickle_for_worker_processes() -> None:
    errors = [
        FrontMatterError("m", path="p", line=1, column=2, hint="h"),
        EncodingError("m", offset=3, path="p", line=1, column=4),
        newspost.LimitError("m", limit="max_bytes", path="p"),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)


def test_message_format() -> None:
    error = FrontMatterError("bad", path="a.md", line=3, column=7, hint="quote it")
    assert str(error) == "a.md:3:7: bad (hint: quote it)"
    assert str(NewsPostError("x")) == "<string>: x"


def test_load_accepts_every_source_kind(tmp_path: Path, seed_path: Path) -> None:
    data = seed_path.read_bytes()
    expected = load(seed_path).front_matter
    assert load(str(seed_path)).front_matter == expected
    assert load(data).front_matter == expected
    assert load(io.BytesIO(data)).front_matter == expected
    assert load(io.StringIO(data.decode())).front_matter == expected
    with seed_path.open("rb") as handle:
        post = load(handle)
    assert post.path == str(seed_path)
