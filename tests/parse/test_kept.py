"""The store that keeps what a parser made of recurring texts."""

from __future__ import annotations

from newspost.parse._kept import Kept


def test_a_value_comes_back_only_with_the_objects_it_was_made_with() -> None:
    parser, options = object(), {"html": True}
    kept: Kept[str, int] = Kept(4)
    kept.put("text", 1, parser, options)
    assert kept.get("text", parser, options) == 1
    assert kept.get("text", parser, dict(options)) is None  # equal, but not the same object
    assert kept.get("text", object(), options) is None
    assert kept.get("text", parser) is None
    assert kept.get("other", parser, options) is None


def test_the_least_recently_used_value_goes_first() -> None:
    parser = object()
    kept: Kept[str, str] = Kept(2)
    kept.put("a", "A", parser)
    kept.put("b", "B", parser)
    assert kept.get("a", parser) == "A"  # now "b" is the least recently used
    kept.put("c", "C", parser)
    assert kept.get("b", parser) is None
    assert (kept.get("a", parser), kept.get("c", parser)) == ("A", "C")
    kept.clear()
    assert kept.get("a", parser) is None
