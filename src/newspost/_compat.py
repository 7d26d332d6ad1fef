"""What differs between the Python versions newspost runs on (3.10 and later)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

__all__ = ["cached_property"]

_T = TypeVar("_T")

if TYPE_CHECKING or sys.version_info >= (3, 12):
    from functools import cached_property
else:

    class cached_property(Generic[_T]):
        """`functools.cached_property` without the lock it takes before 3.12.

        Validating a post reads a few dozen of these views once each: the lock
        (removed in Python 3.12, as it serialised every instance) cost more than
        most of the views themselves. Not for pydantic models, which know
        functools' class and leave its values out of equality.
        """

        def __init__(self, func: Callable[[Any], _T]) -> None:
            self.func = func
            self.attrname = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner: type, name: str) -> None:
            self.attrname = name

        def __get__(self, instance: object, owner: type | None = None) -> Any:
            if instance is None:
                return self
            value = instance.__dict__[self.attrname] = self.func(instance)
            return value
