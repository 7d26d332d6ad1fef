"""The public API: one sorted __all__, every name importable and documented."""

from __future__ import annotations

import inspect

import newspost


def test_all_is_sorted_and_complete() -> None:
    assert newspost.__all__ == sorted(newspost.__all__)
    for name in newspost.__all__:
        assert hasattr(newspost, name), name
    public = {
        n for n, v in vars(newspost).items() if not n.startswith("_") and not inspect.ismodule(v)
    }
    assert public <= set(newspost.__all__), public - set(newspost.__all__)


def test_every_public_name_has_a_docstring() -> None:
    for name in newspost.__all__:
        value = getattr(newspost, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), name


def test_block_union_is_tagged() -> None:
    schema = newspost.Post.model_json_schema()
    lead = schema["properties"]["lead"]["items"]
    assert lead["discriminator"]["propertyName"] == "kind"
