"""A small store of what a Markdown parser made of a text, for texts that recur across posts."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from operator import is_
from typing import Generic, TypeVar

__all__ = ["Kept"]

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """At most ``size`` values by key, each tied to the objects it was made with.

    A value comes back only while those very objects (a flavor's parser, its
    renderer, its options) are the ones in use, so a flavor registered again
    starts afresh; a parser edited in place is not noticed. When full, the least
    recently used value goes. Threads may share a store: a value in hand stays
    good if another thread evicts it meanwhile.
    """

    __slots__ = ("_items", "_size")

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[K, tuple[tuple[object, ...], V]] = OrderedDict()
        self._size = size

    def get(self, key: K, *made_with: object) -> V | None:
        """The value kept under ``key``, if it was made with these same objects."""
        kept = self._items.get(key)
        if kept is None:
            return None
        owners, value = kept
        if len(owners) != len(made_with) or not all(map(is_, owners, made_with)):
            return None
        with contextlib.suppress(KeyError):  # evicted by another thread since
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V, *made_with: object) -> None:
        """Keep ``value`` under ``key``, made with ``made_with``; the oldest goes when full."""
        self._items[key] = (made_with, value)
        if len(self._items) > self._size:
            with contextlib.suppress(KeyError):
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget every value."""
        self._items.clear()
