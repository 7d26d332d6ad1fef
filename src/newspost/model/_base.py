"""The base of every model: frozen values, and a way to build them without re-validating."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticUndefined

__all__ = ["Frozen", "trusted"]


class Frozen(BaseModel):
    """A frozen model that rejects unknown fields.

    Posts are values: parsing builds them once and nothing mutates them, so
    they can be shared between threads, cached and compared safely.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


_Model = TypeVar("_Model", bound=BaseModel)

# Per model class: (name, default, default factory) of each field, in declared order.
_Plan = tuple[tuple[str, Any, Any], ...]
_PLANS: dict[type[BaseModel], _Plan] = {}
_new = object.__new__
_set = object.__setattr__


def _plan_of(cls: type[BaseModel]) -> _Plan:
    plan = tuple(
        (name, info.default, info.default_factory) for name, info in cls.model_fields.items()
    )
    _PLANS[cls] = plan
    return plan


def trusted(cls: type[_Model], /, **values: Any) -> _Model:
    """Build ``cls(**values)`` without validating ``values``.

    For the parser's own hot path only: a post has dozens of small blocks, and
    pydantic's validation of each (and again of each list holding them) costs
    as much as finding them. The values must already have their fields' types;
    nothing is checked or converted, so anything from outside goes through the
    model's normal constructor. Tests compare both ways on every corpus post.
    Missing fields take their defaults (a fresh one from a default factory).

    Raises:
        TypeError: a field without a default is missing, or a name is not a field.
    """
    plan = _PLANS.get(cls) or _plan_of(cls)
    data: dict[str, Any] = {}
    given = 0
    for name, default, factory in plan:
        if name in values:
            data[name] = values[name]
            given += 1
        elif factory is not None:
            data[name] = factory()
        elif default is PydanticUndefined:
            raise TypeError(f"{cls.__name__}: missing value for the required field {name!r}")
        else:
            data[name] = default
    if given != len(values):
        unknown = ", ".join(sorted(values.keys() - data.keys()))
        raise TypeError(f"{cls.__name__}: not a field: {unknown}")
    model = _new(cls)
    _set(model, "__dict__", data)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
